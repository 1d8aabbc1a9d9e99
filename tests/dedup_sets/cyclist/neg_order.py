from common import P, F, T
KIND = "order"
LABEL = "distinct"
PAIRS = [
    ("Prefers road riding over gravel", "Prefers gravel over road riding", P, "preference reversed"),
    ("She rides to the clinic and then showers there", "She showers and then rides to the clinic", T, "sequence reversed"),
    ("Her priorities are the knee first and the Gran Fondo second", "Her priorities are the Gran Fondo first and the knee second", P, "priority order"),
    ("She'd rather take the tram than the metro", "She'd rather take the metro than the tram", P, "preference reversed"),
    ("Coffee before the ride, pastel de nata after", "Pastel de nata before the ride, coffee after", T, "sequence swapped"),
    ("She warms up for 20 minutes and then stretches", "She stretches and then warms up for 20 minutes", T, "sequence reversed"),
    ("She finished 2nd and Sofia 5th in the regional hill climb", "She finished 5th and Sofia 2nd in the regional hill climb", F, "placings swapped"),
    ("She lived in Porto before moving to Lisbon", "She lived in Lisbon before moving to Porto", F, "direction of move"),
    ("Prefers Garmin to Wahoo", "Prefers Wahoo to Garmin", P, "preference reversed"),
    ("After a race she calls Juliana first and then her parents", "After a race she calls her parents first and then Juliana", T, "call order"),
    ("Swims on Tuesdays and runs on Thursdays", "Runs on Tuesdays and swims on Thursdays", T, "days swapped"),
    ("She eats a rice cake at 60 km and a banana at 90 km", "She eats a banana at 60 km and a rice cake at 90 km", T, "food order swapped"),
    ("Prefers the Marginal to the Sintra loop", "Prefers the Sintra loop to the Marginal", P, "preference reversed"),
    ("She walks Caju before her ride, not after", "She walks Caju after her ride, not before", T, "before vs after"),
    ("Her favourite pastelarias are Estrela da Graça first, then Manteigaria", "Her favourite pastelarias are Manteigaria first, then Estrela da Graça", P, "ranking reversed"),
    ("She'd rather lose a race than crash again", "She'd rather crash again than lose a race", P, "preference reversed"),
    ("She'd rather rent in Graça than buy in Almada", "She'd rather buy in Almada than rent in Graça", P, "preference reversed"),
    ("She wants to get married before having kids", "She wants to have kids before getting married", P, "sequence reversed"),
    ("She values rest over volume", "She values volume over rest", P, "preference reversed"),
    ("On Saturdays she goes to the feira before the ride", "On Saturdays she goes to the feira after the ride", T, "sequence reversed"),
    ("She puts Caju first and the bike second", "She puts the bike first and Caju second", P, "priority reversed"),
]
