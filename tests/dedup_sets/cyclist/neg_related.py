from common import P, F, T
KIND = "related"
LABEL = "distinct"
PAIRS = [
    ("Caju's favourite toy is a rubber chicken", "Caju chews her cycling gloves", T, "toy vs chewing habit"),
    ("The crash happened on her day off", "The crash was filmed on a teammate's GoPro", F, "day off vs footage"),
    ("Rafael's restaurant has 40 covers", "Rafael's restaurant got a Bib Gourmand", F, "size vs award"),
    ("She has booked a guesthouse in Seia for the Gran Fondo", "She'll drive to Seia with Sofia for the Gran Fondo", F, "lodging vs travel"),
    ("Her father had a hip operation in 2024", "Her father walks 5 km every morning", F, "surgery vs habit"),
    ("Juliana got married in 2020", "Juliana met her husband at university", F, "wedding year vs how they met"),
    ("The flat has a view of the river", "The flat has a small balcony", F, "view vs balcony"),
    ("She needs proof of income for the visa renewal", "She needs a criminal record certificate from Brazil for the visa renewal", F, "different document"),
    ("The clinic has an anti-gravity treadmill", "The clinic sponsors a local football team", F, "equipment vs sponsorship"),
    ("Her Portuguese class has 12 students", "Her Portuguese class uses a textbook from Coimbra", F, "size vs textbook"),
    ("Her Strava profile photo is of Caju", "Her Strava bio mentions the Gran Fondo", F, "photo vs bio"),
    ("Her Garmin watch is a Forerunner 255", "Her Garmin watch needs a new strap", F, "model vs strap"),
    ("Juliana's husband is called Marcelo", "Juliana's husband works in finance", F, "name vs job"),
    ("She ices her knee after climbs", "She had an MRI of her knee in 2023", F, "habit vs scan"),
    ("Velo Tejo has 35 members", "Velo Tejo was founded in 2012", F, "size vs founding"),
    ("Rafael makes her a vegetarian feijoada on her birthday", "Rafael bakes her a cake on her birthday", T, "different birthday dish"),
    ("She still has a scar on her collarbone", "She still has a numb patch below her collarbone", F, "scar vs numbness"),
    ("She drinks two bicas a day", "She drinks her bica without sugar", T, "amount vs sugar"),
    ("Her gravel bike has 40 mm tyres", "Her gravel bike was a birthday gift from her parents", F, "tyres vs origin"),
    ("Dona Lurdes has lived in Graça all her life", "Dona Lurdes was widowed in 2015", F, "residence vs widowhood"),
    ("She still says 'ônibus' instead of 'autocarro'", "She still says 'café da manhã' instead of 'pequeno-almoço'", T, "different Brazilian word"),
    ("She carries two bidons on long rides", "She adds electrolyte tablets to her bidons", T, "count vs contents"),
]
