from common import P, F, T
KIND = "variant"
LABEL = "distinct"
PAIRS = [
    ("She rides 300 km a week", "She rides 300 km a month", T, "week vs month"),
    ("Beatriz is 34", "Beatriz is 43", F, "34 vs 43"),
    ("Her left knee hurts on long climbs", "Her right knee hurts on long climbs", F, "left vs right knee"),
    ("The Gran Fondo is on 15/06", "The Gran Fondo is on 05/06", F, "date 15/06 vs 05/06"),
    ("She weighs 58 kg", "She weighs 53 kg", F, "58 vs 53 kg"),
    ("Her passport expires in 2027", "Her passport expires in 2029", F, "2027 vs 2029"),
    ("Rafael is from Porto", "Rafael is from Braga", F, "Porto vs Braga"),
    ("Her road bike is a Canyon Ultimate", "Her road bike is a Canyon Aeroad", F, "bike model"),
    ("Her tyres are 28 mm", "Her tyres are 25 mm", F, "28 vs 25 mm"),
    ("Caju is 4 years old", "Caju is 14 years old", F, "4 vs 14"),
    ("The team meets at 07:30 on Sundays", "The team meets at 07:00 on Sundays", T, "07:30 vs 07:00"),
    ("Her flight to Brazil lands at Guarulhos", "Her flight to Brazil lands at Viracopos", F, "airport"),
    ("Theo goes to a nursery in Moema", "Theo goes to a nursery in Pinheiros", F, "neighbourhood"),
    ("The clinic opens at 08:00", "The clinic opens at 09:00", F, "08:00 vs 09:00"),
    ("Her best time up Montejunto is 38 minutes", "Her best time up Montejunto is 48 minutes", F, "38 vs 48 min"),
    ("She teaches her Portuguese class on Thursdays at 19:00", "She teaches her Portuguese class on Tuesdays at 19:00", T, "Thursday vs Tuesday"),
    ("Dona Lurdes is 78", "Dona Lurdes is 87", F, "78 vs 87"),
    ("Her longest ride ever is 260 km", "Her longest ride ever is 206 km", F, "260 vs 206"),
    ("She crashed at about 40 km/h", "She crashed at about 60 km/h", F, "40 vs 60 km/h"),
    ("She uses 170 mm cranks", "She uses 172.5 mm cranks", F, "crank length"),
    ("Rafael's birthday is 09/11", "Rafael's birthday is 11/09", F, "day/month swapped: 9 Nov vs 11 Sep"),
    ("Her average speed on flat rides is 28 km/h", "Her average speed on flat rides is 32 km/h", F, "28 vs 32 km/h"),
    ("The collarbone plate has six screws", "The collarbone plate has eight screws", F, "six vs eight"),
    ("She rode 15,000 km in the year before the crash", "She has ridden 15,000 km since the crash", F, "before vs since the crash"),
]
PAIRS += [
    ("Her plan for the Gran Fondo is to stop only once, at the feed station in Manteigas after about 80 km, refill both bidons and be back on the bike within five minutes",
     "Her plan for the Gran Fondo is to stop only once, at the feed station in Manteigas after about 80 km, refill both bidons and be back on the bike within fifteen minutes",
     P, "five vs fifteen minutes in a long note"),
]
