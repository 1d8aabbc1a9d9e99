# unrelated_similar: many shared words, a different statement
KIND = "unrelated_similar"
LABEL = "distinct"
PAIRS = [
    ("Niamh runs the Snowflake cost report every Monday", "Niamh goes for a run every Monday and logs it on Strava", "report vs run"),
    ("Niamh's book club is reading a novel set in a cricket club", "Niamh's cricket club is setting up a book swap in the pavilion", "book club vs cricket club"),
    ("Niamh's mum is learning to use WhatsApp", "Niamh is learning to use her mum's old sewing machine", "different learners and things"),
    ("Tom's dad volunteers for the Whitby lifeboat", "Tom volunteered at his dad's old primary school in Whitby", "different volunteering"),
    ("Niamh keeps her cricket kit in the boot of Tom's car", "Tom keeps the car keys in a pocket of Niamh's cricket bag", "kit vs keys"),
    ("Biscuit's vet is on the same street as Niamh's dentist", "Niamh's dentist has a whippet that looks like Biscuit", "location vs dentist's dog"),
    ("Niamh bought flowers for Sunita's baby shower", "Sunita bought Niamh flowers after her knee operation", "different occasions"),
    ("Niamh asked Farid for two weeks off for Kerala", "Farid spent two weeks in Kerala in 2024", "leave request vs Farid's trip"),
    ("Niamh's parents met at a dance in Leicester", "Niamh's parents go to a dance class in Leicester", "met vs class"),
    ("Niamh's knee surgeon plays cricket for Otley", "Niamh played cricket against Otley the week before her knee surgery", "surgeon vs Niamh's match"),
    ("Maureen sends Finn a postcard from every holiday", "Finn drew Maureen a postcard of his holiday", "different senders"),
    ("Niamh is giving a talk on dbt tests at the Leeds Data meetup", "Niamh met Ollie at a Leeds Data meetup talk on Airflow", "talk vs meeting"),
    ("Tom's Year 9 class is doing a project on the Kerala monsoon", "Niamh and Tom avoided the monsoon by going to Kerala in February", "school project vs trip timing"),
    ("Niamh's allotment neighbour gives her eggs", "Niamh gives her neighbour courgettes from the allotment every August", "eggs vs courgettes"),
    ("Ciara's ward manager is also called Niamh", "Niamh helped Ciara write her application for ward manager", "name coincidence vs application"),
    ("Gareth's Postgres backups run at midnight", "Gareth runs at midnight to avoid the heat in summer", "backups vs running"),
    ("Niamh's OU tutor recommended a statistics podcast", "Niamh recommended her OU tutor a podcast about cricket statistics", "different recommenders and topics"),
    ("Ollie's running playlist has Beyoncé on it", "Ollie played Beyoncé at Niamh's engagement party", "playlist vs party"),
    ("Niamh's Snowflake warehouse is called FINANCE_XS", "Niamh's finance spreadsheet tracks the Snowflake warehouse costs", "name vs spreadsheet"),
    ("Jess gives Niamh a lift to nets on Tuesdays", "Niamh lifts weights with Jess on Tuesdays", "lift vs weights"),
    ("Tom's school is closed for a teacher training day on 5 June 2026", "Niamh is training Tom to use the school's new data dashboard", "closure vs training"),
    ("Niamh keeps a spreadsheet of every book the club has read since 2022, with ratings out of ten and who chose each one", "Niamh keeps a spreadsheet of every cricket match she has played since 2022, with her scores and the team's results", "books vs matches"),
]
