# role_reversal: who does what to whom
KIND = "role_reversal"
LABEL = "distinct"
PAIRS = [
    ("Ciara owes Niamh £300", "Niamh owes Ciara £300", "debtor/creditor swapped"),
    ("Sunita mentors Andrés", "Andrés mentors Sunita", "mentor swapped"),
    ("Niamh taught Tom to play cricket", "Tom taught Niamh to play cricket", "teacher swapped"),
    ("Ollie reviews Niamh's pull requests", "Niamh reviews Ollie's pull requests", "reviewer swapped"),
    ("Biscuit chases the neighbour's cat", "The neighbour's cat chases Biscuit", "chaser swapped"),
    ("Gareth sold his road bike to Ollie", "Ollie sold his road bike to Gareth", "seller swapped"),
    ("Niamh beat Ciara at the Leicester parkrun", "Ciara beat Niamh at the Leicester parkrun", "winner swapped"),
    ("Declan lent Niamh money for the house deposit", "Niamh lent Declan money for the house deposit", "lender swapped"),
    ("Niamh introduced Sunita to bouldering", "Sunita introduced Niamh to bouldering", "swapped"),
    ("The user recommended Piranesi to Alice", "Alice recommended Piranesi to the user", "swapped"),
    ("Tom is taller than Niamh", "Niamh is taller than Tom", "comparison swapped"),
    ("Harewood Analytics acquired Kirkgate Data in 2025", "Kirkgate Data acquired Harewood Analytics in 2025", "acquirer swapped"),
    ("Niamh sends Aoife a birthday card every year", "Aoife sends Niamh a birthday card every year", "sender swapped"),
    ("Ollie covers Niamh's on-call weeks when she's on holiday", "Niamh covers Ollie's on-call weeks when he's on holiday", "swapped"),
    ("Tom proposed to Niamh", "Niamh proposed to Tom", "proposer swapped"),
    ("Dan is staying with Tom and Niamh in May", "Tom and Niamh are staying with Dan in May", "host swapped"),
    ("Farid hired Niamh", "Niamh hired Farid", "swapped"),
    ("The Airflow DAG triggers the dbt job", "The dbt job triggers the Airflow DAG", "trigger swapped"),
    ("Niamh got Tom into birdwatching", "Tom got Niamh into birdwatching", "swapped"),
    ("Rachel Moss referred Niamh to Mr Okonkwo", "Mr Okonkwo referred Niamh to Rachel Moss", "referrer swapped"),
    ("Niamh drives Jess to away matches", "Jess drives Niamh to away matches", "driver swapped"),
    ("Maureen is teaching Finn to bake", "Finn is teaching Maureen to bake", "swapped"),
    ("Ciara asked Niamh to be the guarantor on her new rented flat, and Niamh agreed after talking it through with Tom and checking it wouldn't affect the remortgage", "Niamh asked Ciara to be the guarantor on her new rented flat, and Ciara agreed after talking it through with Tom and checking it wouldn't affect the remortgage", "who asked / who agreed swapped, long"),
]
