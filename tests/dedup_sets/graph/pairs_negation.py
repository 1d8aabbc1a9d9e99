# negation: negated, stopped, or not yet
KIND = "negation"
LABEL = "distinct"
PAIRS = [
    ("Niamh still plays in the Sunday league", "Niamh no longer plays in the Sunday league", "still vs no longer"),
    ("Tom likes jazz", "Tom doesn't like jazz", "negated"),
    ("Niamh has finished the M248 module", "Niamh hasn't finished the M248 module", "negated"),
    ("Biscuit is fully house-trained", "Biscuit isn't fully house-trained", "negated"),
    ("Ciara is speaking to Declan again", "Ciara still isn't speaking to Declan", "negated"),
    ("Niamh uses Terraform for the Snowflake infrastructure", "Niamh doesn't use Terraform for the Snowflake infrastructure", "negated"),
    ("Niamh wants to go back to Kerala", "Niamh doesn't want to go back to Kerala", "negated"),
    ("Farid has approved Niamh's training budget", "Farid hasn't approved Niamh's training budget", "negated"),
    ("Tom has a full driving licence", "Tom has never held a driving licence", "never"),
    ("Niamh takes sertraline", "Niamh has come off sertraline", "stopped"),
    ("Niamh's knee will need another operation", "Niamh's knee won't need another operation", "negated"),
    ("Niamh enjoys the book club", "Niamh no longer enjoys the book club", "no longer"),
    ("Sunita is coming back after maternity leave", "Sunita isn't coming back after maternity leave", "negated"),
    ("Niamh has paid the deposit for the Whitby cottage", "Niamh hasn't paid the deposit for the Whitby cottage yet", "not yet"),
    ("Harewood allows dogs in the office", "Harewood doesn't allow dogs in the office", "negated"),
    ("Niamh trusts Ollie's dbt models", "Niamh doesn't trust Ollie's dbt models", "negated"),
    ("Declan still drives", "Declan has given up driving", "stopped"),
    ("Niamh is renewing her Yorkshire CCC membership", "Niamh isn't renewing her Yorkshire CCC membership", "negated"),
    ("Finn can ride a bike without stabilisers", "Finn can't ride a bike without stabilisers yet", "negated"),
    ("Niamh would recommend Nationwide", "Niamh wouldn't recommend Nationwide", "negated"),
    ("Tom wears glasses", "Tom stopped wearing glasses after laser eye surgery", "stopped"),
    ("Tom is allowed to take his Year 9 group to the Dales without another teacher, because he has the mountain leader qualification", "Tom is not allowed to take his Year 9 group to the Dales without another teacher, even though he has the mountain leader qualification", "negated, long"),
    ("Niamh's book club agreed at the February meeting that members can bring their partners to the summer social, as long as the partners have read at least one of the year's books", "Niamh's book club agreed at the February meeting that members can't bring their partners to the summer social, even if the partners have read one of the year's books", "can vs can't, long"),
]
