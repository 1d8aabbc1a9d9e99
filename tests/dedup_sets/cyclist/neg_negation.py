from common import P, F, T
KIND = "negation"
LABEL = "distinct"
PAIRS = [
    ("I love climbing", "I don't love climbing", P, "negated"),
    ("She eats eggs", "She no longer eats eggs", P, "stopped"),
    ("She used to race criteriums", "She races criteriums", T, "used to vs still does"),
    ("She drinks alcohol", "She has stopped drinking alcohol", T, "stopped"),
    ("Caju is neutered", "Caju isn't neutered", F, "negated"),
    ("She trusts her Garmin's sleep score", "She doesn't trust her Garmin's sleep score", P, "negated"),
    ("The plate in her collarbone bothers her in the cold", "The plate in her collarbone doesn't bother her in the cold", F, "negated"),
    ("Rafael wants children", "Rafael doesn't want children", P, "negated"),
    ("She has a car", "She no longer has a car", F, "no longer"),
    ("I wear a heart rate strap when I race", "I stopped wearing a heart rate strap when I race", T, "stopped"),
    ("She takes ibuprofen after long rides", "She doesn't take ibuprofen after long rides", T, "negated"),
    ("The visa renewal has been approved", "The visa renewal hasn't been approved yet", F, "not yet"),
    ("She uploads every ride to Strava", "She doesn't upload every ride to Strava", T, "negated"),
    ("She is on speaking terms with her ex", "She is not on speaking terms with her ex", F, "negated"),
    ("Juliana approves of Rafael", "Juliana doesn't approve of Rafael", F, "negated"),
    ("Caju is allowed on the sofa", "Caju isn't allowed on the sofa", T, "negated"),
    ("She's been cleared to race again", "She hasn't been cleared to race again", F, "negated"),
    ("She listens to podcasts on the trainer", "She never listens to podcasts on the trainer", T, "never"),
    ("Dona Lurdes knows about Caju", "Dona Lurdes doesn't know about Caju", F, "negated"),
    ("\"I miss racing\"", "\"I don't miss racing\"", P, "negated own words"),
    ("She has had headaches since the crash", "She hasn't had headaches since the crash", F, "has vs hasn't had"),
    ("Her parents know about the crash", "Her parents don't know about the crash", F, "negated"),
]
PAIRS += [
    ("She said the new physio software the clinic bought in January is much faster than the old one, and she now finishes her patient notes before 16:00 most days",
     "She said the new physio software the clinic bought in January is not faster than the old one, and she still doesn't finish her patient notes before 16:00 most days",
     F, "negated in a long note"),
]
