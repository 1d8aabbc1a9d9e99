# related: same topic, different fact
KIND = "related"
LABEL = "distinct"
PAIRS = [
    ("Biscuit's birthday is in April", "Biscuit goes to the vet in Meanwood", "birthday vs vet"),
    ("Niamh's knee injury happened during a cricket match", "Niamh's physio appointments are on Thursdays", "cause vs appointments"),
    ("Niamh's dbt project has over 600 models", "Niamh's dbt project uses sqlfluff for linting", "size vs linting"),
    ("Tom's school was rated Good by Ofsted in 2024", "Tom's school has about 1,400 pupils", "rating vs size"),
    ("Niamh's allotment has a polytunnel", "Niamh's allotment floods in winter", "polytunnel vs flooding"),
    ("Niamh and Tom's mortgage broker is called Lewis", "Niamh and Tom overpay the mortgage by £100 a month", "broker vs overpayment"),
    ("Finn's school is Brookside Primary", "Finn's teacher is Miss Patel", "school vs teacher"),
    ("The book club's next pick is Tomorrow, and Tomorrow, and Tomorrow", "In the book club whoever hosts chooses the book", "next pick vs rule"),
    ("The Kerala trip was Niamh's idea", "The Kerala trip included a cooking class in Kochi", "idea vs activity"),
    ("Farid has two daughters", "Farid's wife is a GP in Roundhay", "children vs wife"),
    ("Niamh's OU study is funded by a part-time student loan", "Niamh studies for the OU on Sunday afternoons", "funding vs schedule"),
    ("Maureen's sister lives in Galway", "Maureen flies to Ireland every Easter", "sister vs trips"),
    ("Ollie moved to Harewood from Sky", "Ollie has been on the data team since 2024", "previous employer vs tenure"),
    ("Niamh's cricket season starts in April", "Niamh's cricket whites need replacing", "season vs kit"),
    ("Niamh's Kia Niro is due its MOT in May", "Niamh's Kia Niro is a hybrid", "MOT vs engine"),
    ("Niamh and Tom's house has a south-facing garden", "Niamh and Tom's house needs a new boiler", "garden vs boiler"),
    ("Niamh's running shoes are Brooks Ghosts", "Niamh's running shoes need replacing", "brand vs condition"),
    ("Declan grows tomatoes in his greenhouse", "Declan's greenhouse blew down in Storm Éowyn", "use vs damage"),
    ("The data team's sprints are two weeks long", "The data team's retro is on Friday afternoons", "sprint length vs retro"),
    ("Niamh's Snowflake account is in the eu-west-2 region", "Niamh's Snowflake account uses Okta for single sign-on", "region vs SSO"),
    ("Niamh's engagement ring is a sapphire", "Niamh's engagement ring belonged to Tom's grandmother", "stone vs origin"),
    ("Niamh's team keeps Snowflake costs down by auto-suspending warehouses after 60 seconds and running the heavy finance models on their own small warehouse", "Niamh's team reviews the Snowflake bill with finance every month and charges each department for its own share of the compute", "cost control vs chargeback"),
]
