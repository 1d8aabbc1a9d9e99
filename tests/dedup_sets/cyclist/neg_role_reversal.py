from common import P, F, T
KIND = "role_reversal"
LABEL = "distinct"
PAIRS = [
    ("Rafael cooks for her on Sundays", "She cooks for Rafael on Sundays", T, "who cooks for whom"),
    ("Juliana owes her €200", "She owes Juliana €200", F, "who owes whom"),
    ("Rafael is teaching her to make bread", "She is teaching Rafael to make bread", T, "who teaches whom"),
    ("Sofia drafts behind her on climbs", "She drafts behind Sofia on climbs", T, "who drafts behind whom"),
    ("Dr. Nuno refers patients to her", "She refers patients to Dr. Nuno", T, "direction of referral"),
    ("Her mum sends her doce de leite", "She sends her mum doce de leite", T, "who sends to whom"),
    ("Caju chases Dona Lurdes's cat", "Dona Lurdes's cat chases Caju", T, "who chases whom"),
    ("She finished ahead of Tiago on the Montejunto climb", "Tiago finished ahead of her on the Montejunto climb", F, "who was ahead"),
    ("She lent her gravel bike to Rafael's brother", "Rafael's brother lent her his gravel bike", F, "who lent to whom"),
    ("Juliana texts her before every race", "She texts Juliana before every race", T, "who texts whom"),
    ("A patient thanked her with a cake", "She thanked a patient with a cake", F, "who thanked whom"),
    ("Rafael waits for her at the finish line", "She waits for Rafael at the finish line", T, "who waits for whom"),
    ("She helps Dona Lurdes with the shopping", "Dona Lurdes helps her with the shopping", T, "who helps whom"),
    ("Tiago covers her shifts when she races", "She covers Tiago's shifts when he races", T, "who covers for whom"),
    ("Her dad taught her to fix punctures", "She taught her dad to fix punctures", F, "who taught whom"),
    ("Rafael introduced her to fado", "She introduced Rafael to fado", F, "who introduced whom"),
    ("Her coach reviews her Garmin files every Monday", "She reviews her coach's Garmin files every Monday", T, "whose files, who reviews"),
    ("Sofia is her team captain", "She is Sofia's team captain", F, "who captains whom"),
    ("Rafael's mother doesn't like her", "She doesn't like Rafael's mother", F, "who dislikes whom"),
    ("Her Ukrainian student corrects her English", "She corrects her Ukrainian student's English", T, "who corrects whom"),
    ("She follows Rafael on Strava", "Rafael follows her on Strava", F, "who follows whom"),
    ("Rafael is two years older than her", "She is two years older than Rafael", F, "who is older"),
    ("She has 400 followers on Strava", "She follows 400 people on Strava", F, "followers vs following"),
]
