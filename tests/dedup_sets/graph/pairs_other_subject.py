# other_subject: another person does it
KIND = "other_subject"
LABEL = "distinct"
PAIRS = [
    ("Ciara plays netball on Wednesdays", "Niamh plays netball on Wednesdays", "Ciara vs Niamh"),
    ("Niamh is learning Malayalam phrases before the Kerala trip", "Tom is learning Malayalam phrases before the Kerala trip", "Niamh vs Tom"),
    ("Sunita's flat is in Kirkstall", "Ollie's flat is in Kirkstall", "Sunita vs Ollie"),
    ("Niamh's dad supports Leicester City", "Niamh's mum supports Leicester City", "dad vs mum"),
    ("Tom's mum is a retired midwife", "Tom's aunt is a retired midwife", "mum vs aunt"),
    ("Ollie has the Snowflake SnowPro Core certification", "Sunita has the Snowflake SnowPro Core certification", "Ollie vs Sunita"),
    ("Finn has swimming lessons on Saturday mornings", "Ciara has swimming lessons on Saturday mornings", "Finn vs Ciara"),
    ("Gareth's dog is a cocker spaniel", "Farid's dog is a cocker spaniel", "Gareth vs Farid"),
    ("Niamh has a tattoo of a swallow on her ankle", "Ciara has a tattoo of a swallow on her ankle", "Niamh vs Ciara"),
    ("Tom is doing a part-time master's in education", "Niamh is doing a part-time master's in education", "Tom vs Niamh"),
    ("Farid is on paternity leave until May 2026", "Ollie is on paternity leave until May 2026", "Farid vs Ollie"),
    ("Jess Holroyd opens the batting for Meanwood", "Niamh opens the batting for Meanwood", "Jess vs Niamh"),
    ("Niamh's dad had a hip replacement in 2025", "Niamh's granddad had a hip replacement in 2025", "dad vs granddad"),
    ("Tom's brother is a Newcastle United fan", "Tom's dad is a Newcastle United fan", "brother vs dad"),
    ("Andrés Moreno is learning the cello", "Sunita Desai is learning the cello", "Andrés vs Sunita"),
    ("Niamh is treasurer of the allotment society", "Tom is treasurer of the allotment society", "Niamh vs Tom"),
    ("Aoife is coming to Leeds for Niamh's 35th birthday", "Zoë is coming to Leeds for Niamh's 35th birthday", "Aoife vs Zoë"),
    ("Niamh is the designated driver for the club dinner", "Jess is the designated driver for the club dinner", "Niamh vs Jess"),
    ("Declan votes Labour", "Maureen votes Labour", "Declan vs Maureen"),
    ("Tom is colour-blind", "Ollie is colour-blind", "Tom vs Ollie"),
    ("Niamh gets migraines when she's stressed", "Ciara gets migraines when she's stressed", "Niamh vs Ciara"),
    ("Niamh's mum does the Guardian crossword every morning", "Niamh's dad does the Guardian crossword every morning", "mum vs dad"),
]
