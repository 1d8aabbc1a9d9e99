from common import P, F, T
KIND = "antonym"
LABEL = "distinct"
PAIRS = [
    ("She is an introvert", "She is an extrovert", F, "introvert vs extrovert"),
    ("She is a fast eater", "She is a slow eater", T, "fast vs slow"),
    ("Her shoulder feels stronger since the surgery", "Her shoulder feels weaker since the surgery", F, "stronger vs weaker"),
    ("The clinic is busy on Mondays", "The clinic is quiet on Mondays", F, "busy vs quiet"),
    ("She is good at pacing long climbs", "She is bad at pacing long climbs", F, "good vs bad"),
    ("Her resting heart rate has gone up", "Her resting heart rate has gone down", F, "up vs down"),
    ("Rafael's restaurant is expensive", "Rafael's restaurant is cheap", F, "expensive vs cheap"),
    ("Caju is a calm dog", "Caju is a nervous dog", F, "calm vs nervous"),
    ("She finds the Torre climb easy", "She finds the Torre climb hard", P, "easy vs hard"),
    ("She is a heavy sleeper", "She is a light sleeper", T, "heavy vs light"),
    ("Her tyre pressure was too high", "Her tyre pressure was too low", F, "high vs low"),
    ("The rent went up this year", "The rent went down this year", F, "up vs down"),
    ("Dona Lurdes is strict about noise", "Dona Lurdes is relaxed about noise", F, "strict vs relaxed"),
    ("She's optimistic about the Gran Fondo", "She's pessimistic about the Gran Fondo", P, "optimistic vs pessimistic"),
    ("She prefers narrow handlebars", "She prefers wide handlebars", P, "narrow vs wide"),
    ("Her commute home is mostly uphill", "Her commute home is mostly downhill", F, "uphill vs downhill"),
    ("The team's Sunday pace is too slow for her", "The team's Sunday pace is too fast for her", P, "slow vs fast"),
    ("She always arrives early at the clinic", "She always arrives late at the clinic", T, "early vs late"),
    ("She prefers cold weather for racing", "She prefers hot weather for racing", P, "cold vs hot"),
    ("Her gravel bike is heavy", "Her gravel bike is light", F, "heavy vs light"),
    ("Rafael is messy in the kitchen", "Rafael is tidy in the kitchen", T, "messy vs tidy"),
    ("Her Portuguese class is for advanced learners", "Her Portuguese class is for beginners", F, "advanced vs beginners"),
]
