"""The demo's vocabulary: sentence templates by category, the value pools of their slots, and the words
the planted hard cases use (fillers, added phrases, real-word swaps); also session summaries, tools and clients."""

from __future__ import annotations

import string

# Within a value slot no two words are one edit apart ("Tara" / "Zara"): the audit
# reads such a change as a typo, so a planted contradiction must not make one.
VALUES: dict[str, list[str]] = {
    "person": [
        "Anna", "Ben", "Carla", "David", "Elif", "François", "José", "Zoë", "Mateo", "Priya", "Søren", "Hiro",
        "Lena", "Omar", "Chloé", "Raúl", "Noor", "Ines", "Kai", "Marta", "Tomás", "Yuki", "Lukas", "Sofia",
        "Ahmed", "Maya", "Jonas", "Clara", "Felix", "Amara", "Léa", "Mikkel", "Nadia", "Pablo", "Rosa", "Samir",
        "Tara", "Viktor", "Wei", "Zainab", "Björn", "Aoife", "Dmitri", "Emma", "Gabriel", "Hana", "Ivan", "Julia",
        "Kofi", "Liam", "Martín", "Nina", "Oskar", "Paula", "Quentin", "Renée", "Stefan", "Teresa", "Usman", "Vera",
        "Adele", "Bruno", "Cyrus", "Dalia", "Esther", "Farid", "Greta", "Hugo", "Ilse", "Jakob", "Kiran", "Leila",
        "Malik", "Nora", "Olga", "Pedro", "Rania", "Sven", "Thea", "Ulrich", "Valentina", "Wanda", "Xavier", "Yolanda",
        "Zeno", "Agnes", "Bashir", "Cosima", "Dario", "Eleonora", "Fatima", "Gideon", "Helga", "Idris", "Jasmin",
        "Karim", "Lotte", "Mirela", "Nikolai", "Odile", "Petra", "Rafael", "Selin", "Timo", "Ulla", "Vincent",
        "Wiebke", "Yusuf", "Zuzana", "Anton", "Bettina", "Cedric", "Dagny", "Emil", "Flora", "Goran", "Henrik",
        "Ingrid", "Joaquín", "Katja", "Lorenzo", "Magnus", "Nuria", "Orla", "Piotr", "Ramona", "Silvio", "Tilda",
    ],
    "city": [
        "Lisbon", "Porto", "Berlin", "München", "Zürich", "Málaga", "Kraków", "Paris", "Lyon", "Montréal",
        "São Paulo", "Oslo", "Göteborg", "Reykjavík", "Dublin", "Kyoto", "Austin", "Seattle", "Barcelona",
        "Córdoba", "Vienna", "Prague", "Tallinn", "Bergen", "Genève", "Nice", "Bologna", "Sevilla", "Utrecht",
        "Ghent", "Edinburgh", "Helsinki", "Valencia", "Toronto", "Melbourne", "Osaka", "Boston", "Denver",
        "Copenhagen", "Antwerp", "Milan", "Naples", "Turin", "Hamburg", "Köln", "Leipzig", "Bordeaux", "Marseille",
        "Rotterdam", "Bruges", "Aarhus", "Tampere", "Riga", "Vilnius", "Warsaw", "Gdańsk", "Budapest", "Ljubljana",
        "Zagreb", "Split", "Athens", "Thessaloniki", "Istanbul", "Granada", "Bilbao", "Coimbra", "Faro", "Galway",
        "Cork", "Glasgow", "Bristol", "Manchester", "Leeds", "Cardiff", "Basel", "Bern", "Salzburg", "Graz",
    ],
    "time": [f"{h}{m}{ap}" for ap, hours in (("am", range(6, 12)), ("pm", (12, 1, 2, 3, 4, 5, 6, 7, 8, 9)))
             for h in hours for m in ("", ":15", ":30", ":45")],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    # A date is one value ("renews on March 3" / "on May 5" is one fact changed), so one slot.
    "date": [f"{month} {day}" for month in ("January", "February", "March", "April", "May", "June", "July",
                                            "August", "September", "October", "November", "December")
             for day in range(1, 29)],
    "minutes": [str(m) for m in (5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 75, 90, 105, 120)],
    "amount": [str(a) for a in range(15, 800, 5)],
    "count": [str(c) for c in range(2, 17)],
    "km": [str(k) for k in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 18, 20, 25, 30, 35, 40, 45, 50, 60, 80)],
    "temp": [str(t) for t in range(16, 27)],
    "drink": ["green tea", "black coffee", "oat flat white", "sparkling water", "chai", "espresso",
              "rooibos", "hot chocolate", "matcha", "mint tea", "cold brew", "orange juice"],
    "food": ["ramen", "pizza", "sushi", "tacos", "pho", "falafel", "curry", "dumplings", "poke bowls",
             "pad thai", "burritos", "salad", "lasagne", "shawarma"],
    "music": ["lo-fi beats", "jazz", "classical piano", "ambient", "synthwave", "bossa nova", "film scores",
              "indie folk", "techno", "baroque music"],
    "topic": ["the quarterly budget", "the kitchen renovation", "the Japan trip", "the product launch",
              "the tax return", "the garden plan", "the marathon training", "the book club", "the new website",
              "the hiring plan", "the move", "the wedding", "the car lease", "the pension plan",
              "the team offsite", "the school applications", "the podcast", "the insurance claim",
              "the conference talk", "the family reunion", "the bathroom leak", "the Spanish course",
              "the photo album", "the charity run", "the climbing trip"],
    "activity": ["goes running", "does yoga", "goes swimming", "plays tennis", "goes climbing",
                 "takes a long walk", "cycles to work", "plays chess online", "practises guitar", "meditates"],
    "app": ["the calendar", "email", "the news", "Slack", "the weather", "the to-do list", "the bank app",
            "the fitness tracker"],
    "company": ["Northwind", "Globex", "Initech", "Umbrella Labs", "Hooli", "Vandelay Imports", "Acme",
                "Stark Analytics", "Wayne Logistics", "Tyrell Systems", "Cyberdyne", "Soylent Foods", "Contoso",
                "Fabrikam", "Massive Dynamic", "Oscorp", "Pied Piper", "Gringotts", "Monarch Freight", "Blue Sun"],
    "role": ["product manager", "data engineer", "designer", "team lead", "nurse", "architect", "teacher",
             "consultant", "researcher", "accountant"],
    "relation": ["sister", "brother", "mother", "father", "cousin", "best friend", "colleague", "neighbour",
                 "manager", "partner"],
    "pet": ["dog", "cat", "rabbit", "parrot", "tortoise"],
    "petname": ["Biscuit", "Luna", "Pepper", "Miso", "Olive", "Rocky", "Mango", "Juniper", "Pixel", "Toffee",
                "Nori", "Waffles", "Ziggy", "Clementine", "Noodle", "Pumpkin", "Hazel", "Marble", "Bramble", "Pickle",
                "Cosmo", "Basil", "Peanut", "Ginger"],
    "shop": ["the farmers market", "the corner bakery", "the bookshop on the square", "the Asian supermarket",
             "the hardware store", "the organic grocer"],
    "transport": ["the train", "a bike", "the tram", "a taxi", "the bus", "the car"],
    "reminder": ["pay rent", "water the plants", "call the plumber", "renew the passport", "book the dentist",
                 "back up the laptop", "pay the electricity bill", "order contact lenses", "take out recycling"],
}

# (category, template).  Slot names are vocabulary keys, optionally suffixed
# with a digit for a second draw (``person2``).  Every template has at least
# one slot a contradiction can change (a time, number, date, name or place).
# Nothing keeps two memories of one template apart: siblings one value apart occur
# by chance (more often the larger the demo), as they do in real memories.
TEMPLATES: list[tuple[str, str]] = [
    ("preference", "Prefers meetings with {person} at {time} on {weekday}s, ideally in {city}"),
    ("preference", "Likes {drink} at {time} and {drink2} after {time2} on {weekday}s"),
    ("preference", "Wants a reminder {minutes} minutes before {weekday} calls with {person} about {topic}"),
    ("preference", "Prefers {transport} for trips under {km} km around {city} with {person}"),
    ("preference", "Likes the heating at {temp}°C after {time} on {weekday}s in {city}, with {music} on"),
    ("preference", "Prefers {music} while working on {topic} with {person} after {time} on {weekday}s"),
    ("preference", "Prefers {food} on {weekday}s from the place in {city} that {person} recommended"),
    ("preference", "Likes a summary of {app} at {time} on {weekday}s before talking to {person}"),
    ("preference", "Prefers a {minutes} minute break every {count} hours when working on {topic} in {city}"),
    ("preference", "Likes {drink} with {food} when meeting {person} in {city} on {weekday}s"),
    ("fact", "{person}'s birthday is {date}; they live in {city} and work as a {role}"),
    ("fact", "{person} works at {company} as a {role} in {city} since {month}"),
    ("fact", "{person} is the user's {relation}, lives in {city} since {month} and loves {food}"),
    ("fact", "The user's {relation} {person} has a {pet} called {petname} in {city}"),
    ("fact", "The gym in {city} costs {amount} euros a month and renews on {date}"),
    ("fact", "The flight to {city} with {person} leaves on {date} at {time}"),
    ("fact", "Dentist with Dr. {person} in {city} on {date} at {time}"),
    ("fact", "Owes {person} {amount} euros for {topic} since {month}"),
    ("fact", "The spare key for the flat in {city} is with {person}, the {relation} who works at {company}"),
    ("fact", "{person}'s {relation} {person2} moved to {city} in {month}"),
    ("pattern", "Usually checks {app} around {time} on {weekday}s in {city}"),
    ("pattern", "{activity} on {weekday} mornings at {time} with {person} in {city}"),
    ("pattern", "Orders {food} on {weekday} evenings around {time} after talking to {person}"),
    ("pattern", "Calls {person} in {city} every {weekday} around {time} about {topic}"),
    ("pattern", "Asks to {reminder} every {count} weeks on a {weekday} around {time} when in {city}"),
    ("pattern", "Shops at {shop} on {weekday}s around {time}, spending about {amount} euros"),
    ("pattern", "Works from {city} on {weekday}s, starts at {time} and talks to {person} first"),
    ("pattern", "Reviews {topic} with {person} every {count} weeks on {weekday} at {time}"),
    ("pattern", "Listens to {music} on the way to {city} on {weekday}s with {person}"),
    ("pattern", "Texts {person} about {topic} after {time} whenever in {city}"),
]
# Each template said in other words, with the same slots: planted "reworded" duplicates (paraphrases: the
# same values) and "reworded_sibling" hard negatives (one ordinary slot changed: a trap for a model that
# reads meaning).
REWORDED: list[str] = [
    "Would rather meet {person} on {weekday}s at {time}, preferably in {city}",
    "On {weekday}s enjoys {drink} at {time}, then {drink2} once it is past {time2}",
    "Asks to be reminded {minutes} minutes ahead of the {weekday} call with {person} on {topic}",
    "For journeys shorter than {km} km around {city} with {person}, would rather take {transport}",
    "Wants the thermostat set to {temp}°C past {time} on {weekday}s in {city}, and {music} playing",
    "When working on {topic} with {person} past {time} on {weekday}s, would rather listen to {music}",
    "On {weekday}s would rather get {food} from the {city} spot {person} suggested",
    "Wants {app} summarised at {time} every {weekday} ahead of speaking with {person}",
    "When doing {topic} in {city}, would rather pause for {minutes} minutes once every {count} hours",
    "Enjoys having {drink} alongside {food} whenever seeing {person} in {city} on {weekday}s",
    "{person} was born on {date}, lives in {city} and is employed as a {role}",
    "{person} has been employed by {company} in {city} as a {role} since {month}",
    "{person}, the user's {relation}, has lived in {city} since {month} and adores {food}",
    "In {city}, {person}, the user's {relation}, owns a {pet} named {petname}",
    "The {city} gym membership is {amount} euros per month, renewing on {date}",
    "The plane to {city} with {person} departs at {time} on {date}",
    "Has a dental appointment with Dr. {person} in {city} at {time} on {date}",
    "Since {month} has been in debt to {person} for {amount} euros over {topic}",
    "{person}, the {relation} employed at {company}, keeps the spare key to the {city} flat",
    "In {month}, {person2}, who is {person}'s {relation}, relocated to {city}",
    "On {weekday}s in {city}, tends to look at {app} at about {time}",
    "Every {weekday} morning at {time} {activity} with {person} in {city}",
    "After speaking with {person}, gets {food} delivered on {weekday} evenings at about {time}",
    "Phones {person} in {city} each {weekday} at roughly {time} to discuss {topic}",
    "When in {city}, wants a reminder to {reminder} once every {count} weeks, on a {weekday} at about {time}",
    "Goes shopping at {shop} on {weekday}s at roughly {time} and spends around {amount} euros",
    "On {weekday}s works out of {city}, begins at {time} and speaks with {person} before anyone else",
    "Goes over {topic} with {person} once every {count} weeks, on {weekday} at {time}",
    "Plays {music} while travelling to {city} with {person} on {weekday}s",
    "Whenever in {city}, messages {person} about {topic} once it is past {time}",
]
# Slots holding what the audit reads as a value (a number, date, time word or
# capitalised name); the others (drinks, relations, topics...) are ordinary words.
VALUE_SLOTS = ("person", "city", "time", "weekday", "date", "month", "minutes", "amount", "count", "km", "temp",
                "company", "petname")
PREPOSITIONS = {"at", "on", "in", "after", "before", "around", "for", "with", "every", "about", "from", "while"}
FILLERS = ("really", "actually", "definitely", "just")
ADDED = (" since last year", ", as mentioned last week", " according to the calendar", ", for now",
          " most of the time", " since the spring")
# A real word and another real word one letter away, for the word_swap negatives
# (a correctly spelled word replaced: not a typo).
SWAPS = {"loves": "lives", "lives": "loves", "moved": "loved", "cat": "car", "dog": "dot", "parrot": "carrot",
          "rabbit": "rabbi", "spending": "sending", "talking": "walking", "Texts": "Tests", "Shops": "Stops",
          "break": "bread", "hours": "tours", "heating": "seating", "costs": "posts", "flat": "flag",
          "Calls": "Falls", "Orders": "Borders", "works": "words", "key": "keg"}
SUMMARIES = ["Planned {topic}", "Talked through {topic} with {person} in mind", "Set reminders for {topic}",
              "Went over the week, mostly {topic}", "Looked up trains to {city}", "Drafted a note to {person}"]
TOOLS = ["calendar.create", "calendar.list", "weather.get", "email.search", "maps.route", "notes.append",
          "timer.set", "web.search", "music.play", "reminders.create"]
CLIENTS = ["web", "mobile", "voice", "desktop"]
BAD_TIMESTAMP_FORMS = ("sqlite", "epoch_ms", "dmy")


def slot_kind(slot: str) -> str:
    return slot.rstrip("0123456789")


def template_slots(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]
