from common import P, F, T
KIND = "unrelated_similar"
LABEL = "distinct"
PAIRS = [
    ("The team meets at the pastelaria after the ride", "The pastelaria owner rides with the team after work", T, "shared words, other facts"),
    ("Her sister sent her a photo of the feira in Campinas", "Her sister sells photos at the feira in Campinas", F, "sent a photo vs sells photos"),
    ("Caju waits by the kitchen door when Rafael cooks", "Rafael cooks with the kitchen door shut so Caju stays out", T, "dog waits vs door shut"),
    ("She met Rafael at a Gran Fondo", "Rafael cooked the pasta dinner at the Gran Fondo she rode", F, "how they met vs catering"),
    ("Juliana watches the Tour de France with Theo", "Theo wears the Tour de France jersey Juliana bought him", T, "watching vs jersey gift"),
    ("Her collarbone surgeon also rides a road bike", "She rode her road bike to the collarbone surgeon's office", F, "surgeon rides vs she rode there"),
    ("She walks Caju past the Miradouro da Graça", "Caju was found as a puppy near the Miradouro da Graça", T, "walk route vs where found"),
    ("Sofia gave her a lift to the hospital after the crash", "Sofia crashed on the way back from visiting her in hospital", F, "lift vs Sofia's own crash"),
    ("Her Portuguese students gave her a bike bell", "She rings a bell to start her Portuguese class", F, "gift vs class habit"),
    ("Rafael's knife roll is in the boot of her car", "Her car keys are in Rafael's knife roll", F, "what is inside what"),
    ("The Gran Fondo starts in Seia at 07:00", "She leaves Seia at 07:00 the day after the Gran Fondo", F, "start time vs departure"),
    ("The clinic's physio room overlooks the cycle path", "She takes the cycle path past the clinic on her day off", T, "room view vs her route"),
    ("She parks her bike outside the pastelaria in Graça", "The pastelaria in Graça sells bike-shaped biscuits", T, "parking vs product"),
    ("A patient recommended the vet Caju goes to", "Caju's vet sent her a patient with a bad back", F, "recommendation direction and content"),
    ("Her dad follows her rides on Strava from Campinas", "Her dad rides around Campinas but doesn't use Strava", T, "follows her vs rides himself"),
    ("The landlady's grandson is in her Portuguese class", "Her Portuguese class meets in the landlady's church hall", F, "student vs venue"),
    ("Velo Tejo has its end-of-season dinner at Rafael's restaurant", "Rafael's restaurant sponsors a cycling team other than Velo Tejo", F, "dinner venue vs sponsorship"),
    ("She got her visa photos taken at the shop near the clinic", "The clinic needed a copy of her visa for the payroll", F, "photos vs payroll"),
    ("Caju jumped on Juliana's husband during the visit", "Juliana's husband brought a toy for Caju on his visit", F, "jumping vs gift"),
    ("She ran out of water on the climb to Torre", "There is a water fountain at the top of the climb to Torre", F, "ran out vs fountain"),
    ("She wore her Velo Tejo jersey to the clinic party", "The clinic party was held at the Velo Tejo clubhouse", F, "jersey vs venue"),
    ("Rafael's mother sends her vegetarian recipes from Porto", "She sends photos of Caju to Rafael's mother in Porto", T, "recipes to her vs photos from her"),
]
