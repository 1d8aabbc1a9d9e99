# order: the order carries the meaning
KIND = "order"
LABEL = "distinct"
PAIRS = [
    ("Niamh prefers cricket to football", "Niamh prefers football to cricket", "preference order"),
    ("Niamh would rather take the train to Leicester than drive", "Niamh would rather drive to Leicester than take the train", "preference order"),
    ("Niamh moved to Leeds before she met Tom", "Niamh met Tom before she moved to Leeds", "event order"),
    ("Tom ranks Whitby above Scarborough", "Tom ranks Scarborough above Whitby", "ranking order"),
    ("The ingest DAG runs before the dbt build", "The ingest DAG runs after the dbt build", "before vs after"),
    ("Niamh had the knee surgery before she started physio", "Niamh started physio before she had the knee surgery", "event order"),
    ("Niamh went to Kerala before Ciara did", "Ciara went to Kerala before Niamh did", "who went first"),
    ("Tom prefers Ottolenghi's recipes to Nigel Slater's", "Tom prefers Nigel Slater's recipes to Ottolenghi's", "preference order"),
    ("Niamh bats at number 3 and Jess at number 5", "Niamh bats at number 5 and Jess at number 3", "batting order"),
    ("In summer Niamh puts the allotment ahead of cricket", "In summer Niamh puts cricket ahead of the allotment", "priority order"),
    ("Sunita joined Harewood after Ollie", "Sunita joined Harewood before Ollie", "after vs before"),
    ("Niamh pays into her ISA first and overpays the mortgage with what's left", "Niamh overpays the mortgage first and pays into her ISA with what's left", "priority order"),
    ("Niamh puts the milk in before the tea", "Niamh puts the tea in before the milk", "order"),
    ("Meanwood finished above Otley in the 2025 league", "Otley finished above Meanwood in the 2025 league", "league order"),
    ("Niamh would pick Snowflake over BigQuery", "Niamh would pick BigQuery over Snowflake", "preference order"),
    ("Niamh reads the book before watching the adaptation", "Niamh watches the adaptation before reading the book", "order"),
    ("At weekends Niamh walks Biscuit before breakfast", "At weekends Niamh walks Biscuit after breakfast", "before vs after"),
    ("Niamh finished OU stage 1 before she started at Harewood", "Niamh started at Harewood before she finished OU stage 1", "event order"),
    ("Niamh is on call the week before Ollie", "Niamh is on call the week after Ollie", "before vs after"),
    ("Niamh preferred Munnar to Kochi", "Niamh preferred Kochi to Munnar", "preference order"),
    ("Niamh prefers audiobooks to paperbacks", "Niamh prefers paperbacks to audiobooks", "preference order"),
]
