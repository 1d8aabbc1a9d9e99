from common import P, F, T
KIND = "other_subject"
LABEL = "distinct"
PAIRS = [
    ("Her sister runs marathons", "Her sister-in-law runs marathons", F, "sister vs sister-in-law"),
    ("Rafael has a tattoo of a bicycle", "She has a tattoo of a bicycle", F, "Rafael vs her"),
    ("Her mother has diabetes", "Her father has diabetes", F, "mother vs father"),
    ("Juliana's husband cycles to work", "Juliana cycles to work", T, "husband vs Juliana"),
    ("Rafael is allergic to peanuts", "Beatriz is allergic to peanuts", F, "Rafael vs Beatriz"),
    ("Her teammate Sofia won the Sintra time trial", "She won the Sintra time trial", F, "Sofia vs her"),
    ("Dona Lurdes's son walks Caju when she travels", "Dona Lurdes's grandson walks Caju when she travels", T, "son vs grandson"),
    ("Her dad supports Palmeiras", "Her mum supports Palmeiras", P, "dad vs mum"),
    ("Rafael's father was a fisherman", "Rafael's grandfather was a fisherman", F, "father vs grandfather"),
    ("Dr. Nuno races triathlons", "Dr. Nuno's wife races triathlons", T, "Nuno vs his wife"),
    ("Rafael's mother visits them every Easter", "Rafael's sister visits them every Easter", T, "mother vs sister"),
    ("Her colleague João treats the footballers at the clinic", "She treats the footballers at the clinic", T, "João vs her"),
    ("Her sister speaks fluent French", "Her mother speaks fluent French", F, "sister vs mother"),
    ("Rafael wakes up at 10:00", "She wakes up at 10:00", T, "Rafael vs her"),
    ("Her cousin lives in Porto", "Her aunt lives in Porto", F, "cousin vs aunt"),
    ("Sofia from the team broke her wrist last year", "Marta from the team broke her wrist last year", F, "Sofia vs Marta"),
    ("Rafael's sous-chef is vegetarian", "Rafael is vegetarian", F, "sous-chef vs Rafael"),
    ("Her father rides an e-bike", "Her uncle rides an e-bike", T, "father vs uncle"),
    ("Juliana visited Lisbon in May", "Juliana's husband visited Lisbon in May", F, "Juliana vs husband"),
    ("Caju is scared of the vacuum cleaner", "Dona Lurdes's cat is scared of the vacuum cleaner", F, "Caju vs landlady's cat"),
    ("Tiago from the clinic rides with Velo Tejo", "Tiago's girlfriend rides with Velo Tejo", T, "Tiago vs his girlfriend"),
]
