from common import P, F, T
KIND = "word_swap"
LABEL = "distinct"
PAIRS = [
    ("She goes hiking on rest days", "She goes biking on rest days", T, "hiking/biking"),
    ("Caju loves carrots", "Caju loves parrots", P, "carrots/parrots"),
    ("She replaced her chain last week", "She replaced her chair last week", F, "chain/chair"),
    ("Rafael loves pears", "Rafael loves peas", P, "pears/peas"),
    ("Her knee needs rest", "Her knee needs a test", F, "rest/test"),
    ("She rode to Cascais", "She rowed to Cascais", F, "rode/rowed"),
    ("She got a new saddle", "She got a new paddle", F, "saddle/paddle"),
    ("She hurt her hip in the crash", "She hurt her lip in the crash", F, "hip/lip"),
    ("She bruised her shin", "She bruised her chin", F, "shin/chin"),
    ("Her sister has a cat", "Her sister has a car", F, "cat/car"),
    ("She bought a new bell", "She bought a new belt", F, "bell/belt"),
    ("She races on Sundays", "She rests on Sundays", T, "races/rests"),
    ("A patient of hers is a rower", "A patient of hers is a rider", F, "rower/rider"),
    ("Rafael's restaurant is famous for its wine", "Rafael's restaurant is famous for its wings", F, "wine/wings"),
    ("She pedals to work", "She paddles to work", T, "pedals/paddles"),
    ("Caju likes peaches", "Caju likes beaches", P, "peaches/beaches"),
    ("She loves mango", "She loves tango", P, "mango/tango"),
    ("She sold her old bike", "She sold her old kite", F, "bike/kite"),
    ("Her bottle cage cracked", "Her bottle cap cracked", F, "cage/cap"),
    ("She dyed her hair before the race", "She dried her hair before the race", F, "dyed/dried"),
    ("She gave Rafael a new pan", "She gave Rafael a new plant", F, "pan/plant"),
    ("She does lunges at the gym", "She does lunches at the gym", T, "lunges/lunches"),
]
