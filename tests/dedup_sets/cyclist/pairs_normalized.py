from common import P, F, T
KIND = "normalized"
LABEL = "duplicate"
PAIRS = [
    ("Beatriz's sister Juliana lives in São Paulo", "Beatriz's sister Juliana lives in Sao Paulo", F, "accent dropped"),
    ("Her flat is in Graça, on the fourth floor, with no lift", "her flat is in Graca on the fourth floor with no lift", F, "case, commas, cedilla dropped"),
    ("I can\u2019t ride with headphones on", "I can't ride with headphones on", P, "curly vs straight apostrophe"),
    ("Her dad, Antônio, turned 70 in May.", "her dad Antonio turned 70 in May", F, "case, commas, accent, full stop"),
    ("She refuels with a pastel de nata at the café in Cascais", "She refuels with a pastel de nata at the cafe in Cascais.", T, "accent dropped, full stop"),
    ("Her go-to coffee order is a bica", "Her go to coffee order is a bica", P, "hyphen vs space"),
    ("Her residence-permit renewal is due in October", "Her residence permit renewal is due in October.", F, "hyphen, full stop"),
    ("Strava: 12,400 km logged in 2024", "strava - 12,400 km logged in 2024", F, "case, colon vs dash"),
    ("The crash happened on 14/03, on the descent from Peninha", "the crash happened on 14/03 on the descent from Peninha.", F, "case, comma, full stop"),
    ("Rafael's banana moqueca is her favourite dish", "rafael\u2019s banana moqueca is her favourite dish!", P, "case, curly apostrophe, exclamation"),
    ("Saudade hits hardest in December.", "saudade hits hardest in december", P, "case, full stop"),
    ("She goes to the Pastelaria Estrela da Graça most mornings", "She goes to the pastelaria Estrela da Graca most mornings", T, "case, cedilla dropped"),
    ("Feira da Ladra on Saturdays \u2014 she browses old bike parts there", "Feira da Ladra on Saturdays - she browses old bike parts there", T, "em dash vs hyphen"),
    ("Caju's vet is in Penha de França", "Caju's vet is in Penha de Franca", F, "cedilla dropped"),
    ("She studied physiotherapy at UNICAMP", "She studied physiotherapy at Unicamp.", F, "case, full stop"),
    ("Knee rehab plan: squats, step-downs, and cycling at low resistance", "knee rehab plan - squats, step downs and cycling at low resistance", T, "case, punctuation, hyphen"),
    ("\"I never ride without my lucky socks\"", "I never ride without my lucky socks", T, "quotation marks"),
    ("Works Monday\u2013Friday, 08:00\u201316:00, at the clinic", "Works Monday-Friday 08:00-16:00 at the clinic", T, "en dashes vs hyphens, commas"),
    ("Her mãe's birthday is 02/08", "her mae's birthday is 02/08", F, "case, tilde dropped"),
    ("She loves açaí bowls after a hot ride", "She loves acai bowls after a hot ride", P, "accents dropped"),
    ("Team kit colours: navy and orange.", "team kit colours \u2014 navy and orange", F, "case, colon vs dash, full stop"),
    ("I don't do coffee after 15:00", "I don\u2019t do coffee after 15:00.", T, "curly apostrophe, full stop"),
    ("Rafael's sous-chef covers for him on Tuesdays", "Rafael's sous chef covers for him on Tuesdays", T, "hyphen vs space"),
    ("Beatriz's nickname at the clinic is 'a Brasileira'", "Beatriz's nickname at the clinic is \"a brasileira\"", F, "quote style, case"),
    ("Célia, her mother, teaches primary school", "Celia, her mother, teaches primary school", F, "accent dropped"),
    ("She's doing the Gran Fondo Serra da Estrela in June", "She's doing the Gran Fondo Serra da Estrela in June!!", F, "exclamation marks"),
    ("Dr. Nuno runs the clinic's ACL programme", "Dr Nuno runs the clinic's ACL programme", F, "abbreviation full stop"),
    # same words, composed (NFC) vs decomposed (NFD) unicode for ç and ã
    ("Her colleague Concei\u00e7\u00e3o covers the front desk on Fridays", "Her colleague Concei\u0063\u0327\u0061\u0303o covers the front desk on Fridays", T, "NFC vs NFD unicode form"),
]
