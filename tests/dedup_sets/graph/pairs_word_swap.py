# word_swap: one real word replaced by another real word one or two letters away
KIND = "word_swap"
LABEL = "distinct"
PAIRS = [
    ("Niamh goes hiking in the Dales on Sundays", "Niamh goes biking in the Dales on Sundays", "hiking/biking"),
    ("Tom is learning the lute", "Tom is learning the flute", "lute/flute"),
    ("Niamh grows peas on the allotment", "Niamh grows pears on the allotment", "peas/pears"),
    ("Biscuit has a bad paw", "Biscuit has a bad jaw", "paw/jaw"),
    ("Niamh's dad plays darts at the Royal Oak", "Niamh's dad plays cards at the Royal Oak", "darts/cards"),
    ("Niamh wants a new coat for winter", "Niamh wants a new boat for winter", "coat/boat"),
    ("Niamh signed up for a pottery class", "Niamh signed up for a poetry class", "pottery/poetry"),
    ("Niamh brought a brass lamp back from Kerala", "Niamh brought a brass lamb back from Kerala", "lamp/lamb"),
    ("Niamh does a spin class on Saturdays", "Niamh does a swim class on Saturdays", "spin/swim"),
    ("Ollie plays the viola", "Ollie plays the violin", "viola/violin"),
    ("Niamh's bike was stolen from outside the shed", "Niamh's bike was stolen from outside the shop", "shed/shop"),
    ("Niamh ordered a new tent", "Niamh ordered a new vent", "tent/vent"),
    ("Maureen has taken up painting", "Maureen has taken up planting", "painting/planting"),
    ("Finn wants a puppy for his birthday", "Finn wants a guppy for his birthday", "puppy/guppy"),
    ("Niamh had a cyst removed in March", "Niamh had a cast removed in March", "cyst/cast"),
    ("Jess has a pet rat", "Jess has a pet cat", "rat/cat"),
    ("Andrés brought back coffee from Colombia", "Andrés brought back toffee from Colombia", "coffee/toffee"),
    ("Alice's flat is above a barber's", "Alice's flat is above a baker's", "barber/baker"),
    ("Tom is taking Year 9 to York in June", "Tom is taking Year 9 to Cork in June", "York/Cork"),
    ("Niamh booked a table at a Thai place in Chapel Allerton", "Niamh booked a table at a Thai palace in Chapel Allerton", "place/palace"),
    ("Ciara is afraid of moths", "Ciara is afraid of maths", "moths/maths"),
    ("Tom hurt his hand playing five-a-side", "Tom hurt his head playing five-a-side", "hand/head"),
]
