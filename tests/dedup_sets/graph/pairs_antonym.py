# antonym: one word replaced by its opposite
KIND = "antonym"
LABEL = "distinct"
PAIRS = [
    ("Tom is an extrovert", "Tom is an introvert", "extrovert/introvert"),
    ("Niamh's knee feels stronger this month", "Niamh's knee feels weaker this month", "stronger/weaker"),
    ("Niamh arrived early to the March book club", "Niamh arrived late to the March book club", "early/late"),
    ("Ciara's shifts start early", "Ciara's shifts start late", "early/late"),
    ("Snowflake costs went up in Q1 2026", "Snowflake costs went down in Q1 2026", "up/down"),
    ("Biscuit is a calm dog", "Biscuit is an anxious dog", "calm/anxious"),
    ("The allotment soil is wet this spring", "The allotment soil is dry this spring", "wet/dry"),
    ("Niamh's mortgage rate is higher than Ciara's", "Niamh's mortgage rate is lower than Ciara's", "higher/lower"),
    ("Niamh likes her tea strong", "Niamh likes her tea weak", "strong/weak"),
    ("Tom's Year 8 class is well behaved this year", "Tom's Year 8 class is badly behaved this year", "well/badly"),
    ("Niamh found the Kerala heat bearable", "Niamh found the Kerala heat unbearable", "bearable/unbearable"),
    ("Niamh passed TM112", "Niamh failed TM112", "passed/failed"),
    ("The Harewood office is quiet on Mondays", "The Harewood office is busy on Mondays", "quiet/busy"),
    ("Niamh's parents' house is warm in winter", "Niamh's parents' house is cold in winter", "warm/cold"),
    ("Niamh is optimistic about the restructure", "Niamh is pessimistic about the restructure", "optimistic/pessimistic"),
    ("Farid is strict about code reviews", "Farid is lenient about code reviews", "strict/lenient"),
    ("Niamh's dad is a light sleeper", "Niamh's dad is a heavy sleeper", "light/heavy"),
    ("Ollie keeps a tidy desk", "Ollie keeps a messy desk", "tidy/messy"),
    ("The Monday stand-up always runs long", "The Monday stand-up always runs short", "long/short"),
    ("Aoife is older than Niamh", "Aoife is younger than Niamh", "older/younger"),
    ("Niamh was overpaid in January", "Niamh was underpaid in January", "over/under"),
    ("Niamh thinks the new Snowflake pricing is cheap", "Niamh thinks the new Snowflake pricing is expensive", "cheap/expensive"),
]
