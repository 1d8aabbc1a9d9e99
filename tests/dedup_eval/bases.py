"""Hand-written base statements of the independent dedup evaluation set.

Written for this set only, without looking at the audit code or its demo generator. Each base gives one
memory and, by hand, the texts or single substitutions that turn it into labelled partners:

  var    [(old, new), ...]  one value replaced by another (place, food, time, number, person in an object slot)
  subj   (old, new)         the subject replaced by another person/thing, the predicate kept
  neg    text               the same statement negated or flipped
  swap   (old, new)         one correctly spelled real word replaced by another real word (checked with wordfreq)
  para   text               the same meaning in other words
  sub    text               everything the base says, and more
  rel    text               topically close, a different fact
  reord  text               the same statement with its clauses reordered

Typos, filler words, case/width/space/punctuation changes are made by make_pairs.py.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Base:
    cat: str
    text: str
    var: list = field(default_factory=list)
    subj: tuple | None = None
    neg: str | None = None
    swap: tuple | None = None
    para: str | None = None
    sub: str | None = None
    rel: str | None = None
    reord: str | None = None


BASES = [
    # --- family and people -------------------------------------------------------------------------
    Base("fact", "Her brother Tomás lives in Valencia and works as a ferry engineer",
         var=[("Valencia", "Bilbao"), ("ferry engineer", "ferry captain")],
         subj=("Her brother Tomás", "Her brother Rubén"),
         neg="Her brother Tomás no longer lives in Valencia but still works as a ferry engineer",
         swap=("lives", "lived"),
         para="Tomás, her brother, is a ferry engineer based in Valencia",
         sub="Her brother Tomás lives in Valencia and works as a ferry engineer on the overnight Ibiza route",
         rel="Her brother Tomás is visiting Valencia for the Fallas in March",
         reord="Her brother Tomás works as a ferry engineer and lives in Valencia"),
    Base("fact", "Zoë's piano lesson moved to Thursdays at 5pm",
         var=[("Thursdays", "Tuesdays"), ("5pm", "6pm")],
         subj=("Zoë's", "Elodie's"),
         neg="Zoë's piano lesson did not move to Thursdays at 5pm",
         para="Zoë now has piano on Thursday afternoons at five",
         sub="Zoë's piano lesson moved to Thursdays at 5pm because her teacher, Mrs Okafor, changed schools",
         rel="Zoë practises piano for twenty minutes before dinner"),
    Base("fact", "Grandpa Heinrich turns 90 on 14 June",
         reord="On 14 June, Grandpa Heinrich turns 90",
         var=[("90", "91"), ("14 June", "14 July")],
         subj=("Grandpa Heinrich", "Grandma Ilse"),
         neg="Grandpa Heinrich does not turn 90 on 14 June; that is his brother",
         swap=("turns", "turned"),
         para="Heinrich, the grandfather, has his ninetieth birthday on the fourteenth of June",
         sub="Grandpa Heinrich turns 90 on 14 June and wants a quiet lunch in Lübeck, no speeches",
         rel="Grandpa Heinrich stopped driving after his cataract surgery"),
    Base("fact", "José and Marisol got married in Oaxaca in 2019",
         reord="In 2019 José and Marisol got married in Oaxaca",
         var=[("Oaxaca", "Puebla"), ("2019", "2017")],
         subj=("José and Marisol", "Iker and Marisol"),
         neg="José and Marisol never got married; they split up in 2019",
         swap=("married", "engaged"),
         para="José married Marisol in 2019; the wedding was in Oaxaca",
         sub="José and Marisol got married in Oaxaca in 2019, in the courtyard of her aunt's house",
         rel="José and Marisol are saving for a flat in Oaxaca"),
    Base("fact", "Mum calls every Sunday around 8 in the evening",
         var=[("Sunday", "Saturday"), ("8", "9")],
         subj=("Mum", "Dad"),
         neg="Mum has stopped calling every Sunday around 8 in the evening",
         swap=("calls", "visits"),
         para="Every Sunday evening, roughly at eight, his mother phones",
         sub="Mum calls every Sunday around 8 in the evening and expects a full report on the kids",
         rel="Mum prefers video calls on the tablet to phone calls",
         reord="Every Sunday around 8 in the evening, Mum calls"),
    Base("fact", "Priya's daughter Anika started kindergarten at Lindenhof in September",
         reord="In September, Priya's daughter Anika started kindergarten at Lindenhof",
         var=[("Lindenhof", "Sonnenhof"), ("September", "October")],
         subj=("Priya's daughter Anika", "Priya's son Rohan"),
         neg="Priya's daughter Anika did not start kindergarten at Lindenhof in September",
         swap=("started", "starts"),
         para="Anika, Priya's girl, has been going to Lindenhof kindergarten since September",
         sub="Priya's daughter Anika started kindergarten at Lindenhof in September and is in the Igel group",
         rel="Priya's daughter Anika is afraid of the dentist"),
    Base("fact", "Søren is his godson",
         subj=("Søren", "Mikkel"),
         neg="Søren is not his godson",
         swap=("his", "her"),
         para="He is Søren's godfather",
         sub="Søren is his godson, the youngest child of his friend Lars",
         rel="Søren is learning to ride a bike"),
    Base("fact", "Aunt Beatriz cannot climb stairs since her hip operation",
         var=[("hip", "knee")],
         subj=("Aunt Beatriz", "Uncle Fernão"),
         neg="Aunt Beatriz can climb stairs again since her hip operation",
         swap=("climb", "clean"),
         para="Since the hip surgery, stairs are impossible for Aunt Beatriz",
         sub="Aunt Beatriz cannot climb stairs since her hip operation, so family dinners are at the ground-floor flat",
         rel="Aunt Beatriz walks with a cane since her hip operation"),
    # --- first-person quotes ----------------------------------------------------------------------
    Base("preference", "\"I can't stand cilantro, it tastes like soap to me\"",
         var=[("cilantro", "fennel")],
         neg="\"I actually like cilantro, it doesn't taste like soap to me\"",
         swap=("soap", "soup"),
         para="\"Cilantro tastes soapy to me, I really can't bear it\"",
         sub="\"I can't stand cilantro, it tastes like soap to me, so ask for the tacos without it\"",
         rel="\"I can't stand cilantro but parsley is fine\""),
    Base("preference", "\"Don't book me anything before 10am on Mondays\"",
         reord="\"On Mondays, don't book me anything before 10am\"",
         var=[("10am", "11am"), ("Mondays", "Fridays")],
         neg="\"Feel free to book me anything before 10am on Mondays\"",
         swap=("before", "after"),
         para="\"On Mondays keep my calendar free until ten in the morning\"",
         sub="\"Don't book me anything before 10am on Mondays, I do the weekly planning then\"",
         rel="\"Don't book me anything after 6pm on Fridays\""),
    Base("pattern", "\"I always forget my umbrella when it rains\"",
         reord="\"When it rains, I always forget my umbrella\"",
         neg="\"I never forget my umbrella when it rains\"",
         swap=("rains", "snows"),
         para="\"Whenever it rains, my umbrella is at home\"",
         sub="\"I always forget my umbrella when it rains, so remind me when the forecast says showers\"",
         rel="\"I always lose my gloves in winter\""),
    Base("preference", "\"Please speak to me in German when we're in the car\"",
         var=[("German", "French"), ("car", "kitchen")],
         neg="\"Please don't speak to me in German when we're in the car\"",
         swap=("me", "him"),
         para="\"In the car, talk to me in German, please\"",
         sub="\"Please speak to me in German when we're in the car, I want to practise before the move to Graz\"",
         rel="\"Please read the news to me in German in the morning\"",
         reord="\"When we're in the car, please speak to me in German\""),
    Base("fact", "\"My passport expires in March 2027\"",
         var=[("March", "May"), ("2027", "2028")],
         subj=("My passport", "Lena's passport"),
         neg="\"My passport does not expire in March 2027, that was the old one\"",
         swap=("expires", "expired"),
         para="\"The passport is valid until March 2027\"",
         sub="\"My passport expires in March 2027 and the US needs six months left on it\"",
         rel="\"My passport is in the blue folder in the desk\""),
    # --- notes to self ------------------------------------------------------------------------------
    Base("pattern", "Note to self: water the fig tree every third day",
         var=[("fig tree", "lemon tree"), ("third", "second")],
         neg="Note to self: stop watering the fig tree every third day",
         swap=("fig", "fir"),
         para="Reminder: the fig needs water every three days",
         sub="Note to self: water the fig tree every third day, less in winter when it drops its leaves",
         rel="Note to self: repot the fig tree in spring"),
    Base("fact", "Spare key is under the blue flowerpot by the back door",
         var=[("blue", "green"), ("back door", "garage")],
         neg="Spare key is no longer under the blue flowerpot by the back door",
         swap=("back", "black"),
         para="The extra house key sits beneath the blue plant pot next to the rear door",
         sub="Spare key is under the blue flowerpot by the back door; the neighbour Frau Keller knows",
         rel="Spare bike lock key is in the kitchen drawer"),
    Base("pattern", "Todo: renew the parking permit before the end of each quarter",
         var=[("quarter", "month")],
         neg="Todo: no need to renew the parking permit before the end of each quarter",
         swap=("renew", "review"),
         para="The parking permit has to be renewed every quarter, before it runs out",
         sub="Todo: renew the parking permit before the end of each quarter, online at the Bürgeramt portal",
         rel="Todo: pay the parking fine from the Kreuzberg trip"),
    Base("fact", "Wifi password for the cabin is on the fridge magnet",
         var=[("cabin", "office"), ("fridge magnet", "router sticker")],
         neg="Wifi password for the cabin is not on the fridge magnet any more",
         para="The cabin's wifi password is written on the magnet on the fridge",
         sub="Wifi password for the cabin is on the fridge magnet, the network is called Hyttegrend",
         rel="Wifi at the cabin drops out when the sauna heater is on"),
    # --- preferences ---------------------------------------------------------------------------------
    Base("preference", "Likes her flat white with oat milk and one sugar",
         var=[("oat milk", "soy milk"), ("one sugar", "two sugars")],
         subj=("Likes her", "Likes his"),
         neg="Does not like her flat white with oat milk and one sugar any more",
         swap=("oat", "goat"),
         para="Her usual: a flat white, oat milk, a single sugar",
         sub="Likes her flat white with oat milk and one sugar, extra hot, from the kiosk at Rosenthaler Platz",
         rel="Likes her espresso short and without sugar"),
    Base("preference", "Enjoys hiking in the Dolomites every August",
         reord="Every August, enjoys hiking in the Dolomites",
         var=[("Dolomites", "Pyrenees"), ("August", "September")],
         neg="No longer enjoys hiking in the Dolomites every August",
         swap=("hiking", "biking"),
         para="Every August he goes walking in the Dolomites and loves it",
         sub="Enjoys hiking in the Dolomites every August, staying in rifugios above Cortina",
         rel="Enjoys skiing in the Dolomites at Easter"),
    Base("preference", "Prefers aisle seats on flights longer than three hours",
         reord="On flights longer than three hours, prefers aisle seats",
         var=[("aisle", "window"), ("three", "five")],
         neg="Avoids aisle seats on flights longer than three hours",
         swap=("longer", "shorter"),
         para="On any flight over three hours, book an aisle seat",
         sub="Prefers aisle seats on flights longer than three hours, near the front, never the exit row",
         rel="Prefers aisle seats at the cinema"),
    Base("preference", "Hates crème brûlée",
         var=[("crème brûlée", "tiramisu")],
         neg="Loves crème brûlée",
         para="Crème brûlée is the one dessert she refuses",
         sub="Hates crème brûlée, especially the burnt sugar crust",
         rel="Makes crème brûlée for guests"),
    Base("preference", "Wants the bedroom at 18 degrees at night",
         reord="At night, wants the bedroom at 18 degrees",
         var=[("18", "19"), ("bedroom", "nursery")],
         neg="Does not want the bedroom at 18 degrees at night",
         swap=("bedroom", "bathroom"),
         para="At night the bedroom thermostat should read 18°C",
         sub="Wants the bedroom at 18 degrees at night and the heating off from 23:00",
         rel="Wants the bedroom blinds closed by 21:00"),
    Base("preference", "Reads crime novels in Spanish to keep up her Spanish",
         var=[("crime novels", "short stories")],
         subj=("Reads crime novels in Spanish to keep up her", "Reads crime novels in Spanish to keep up his"),
         neg="Stopped reading crime novels in Spanish to keep up her Spanish",
         swap=("Reads", "Writes"),
         para="To keep her Spanish fresh she reads novelas negras",
         sub="Reads crime novels in Spanish to keep up her Spanish, currently a Petra Delicado one by Alicia Giménez Bartlett",
         rel="Reads crime novels on the train to work"),
    Base("preference", "Has Kaffee und Kuchen at four on Saturdays",
         var=[("four", "three"), ("Saturdays", "Sundays")],
         neg="Skips Kaffee und Kuchen at four on Saturdays",
         para="Saturday at four means coffee and cake for her",
         sub="Has Kaffee und Kuchen at four on Saturdays, usually Bienenstich from the bakery on Hauptstraße",
         rel="Bakes a Kuchen for the neighbours at Christmas"),
    Base("preference", "Only buys shoes in size 43",
         var=[("43", "44")],
         subj=("Only buys shoes", "Only buys boots"),
         neg="Does not only buy shoes in size 43",
         swap=("shoes", "socks"),
         para="His shoe size is 43, nothing else fits",
         sub="Only buys shoes in size 43, wide fit, since the ankle injury",
         rel="Only buys shoes second hand"),
    # --- health --------------------------------------------------------------------------------------
    Base("fact", "Is allergic to penicillin and wasp stings",
         var=[("penicillin", "amoxicillin"), ("wasp", "bee")],
         subj=("Is allergic", "Her son Jonas is allergic"),
         neg="Is not allergic to penicillin and wasp stings",
         para="Penicillin and wasp stings both trigger an allergic reaction in him",
         sub="Is allergic to penicillin and wasp stings and carries an EpiPen in the hiking bag",
         rel="Is allergic to cat hair in spring"),
    Base("pattern", "Takes 50 mg of sertraline every morning with breakfast",
         var=[("50", "100"), ("morning", "evening")],
         subj=("Takes", "Her husband takes"),
         neg="No longer takes 50 mg of sertraline every morning with breakfast",
         swap=("with", "without"),
         para="Every morning at breakfast she takes her sertraline, 50 mg",
         sub="Takes 50 mg of sertraline every morning with breakfast, prescribed by Dr. Haddad in January",
         rel="Takes vitamin D every morning in winter",
         reord="Every morning with breakfast, takes 50 mg of sertraline"),
    Base("fact", "Blood pressure was 128/82 at the check-up on 3 February",
         var=[("128/82", "138/88"), ("3 February", "3 March")],
         neg="Blood pressure was not measured at the check-up on 3 February",
         swap=("pressure", "sugar"),
         para="At the 3 February check-up his blood pressure read 128 over 82",
         sub="Blood pressure was 128/82 at the check-up on 3 February, the doctor said to cut down on salt",
         rel="Blood test results from the check-up on 3 February are still pending"),
    Base("pattern", "Runs 5 km along the Isar on Tuesday and Thursday mornings",
         var=[("5 km", "10 km"), ("Isar", "Elbe")],
         subj=("Runs", "Her partner Malik runs"),
         neg="Stopped running 5 km along the Isar on Tuesday and Thursday mornings",
         swap=("Runs", "Rows"),
         para="Tuesday and Thursday mornings are for a five-kilometre run by the Isar",
         sub="Runs 5 km along the Isar on Tuesday and Thursday mornings, before 7, with the running club",
         rel="Runs the Munich half marathon in October",
         reord="On Tuesday and Thursday mornings, runs 5 km along the Isar"),
    Base("fact", "Is lactose intolerant",
         subj=("Is", "Her daughter is"),
         neg="Is not lactose intolerant",
         para="Cannot digest lactose",
         sub="Is lactose intolerant but fine with hard cheese like Gruyère",
         rel="Is gluten intolerant"),
    Base("fact", "Needs reading glasses, strength +1.5, for small print",
         var=[("+1.5", "+2.0")],
         neg="Does not need reading glasses, strength +1.5, for small print",
         para="For small print he uses +1.5 reading glasses",
         sub="Needs reading glasses, strength +1.5, for small print; keeps a pair in the car and one at the office",
         rel="Needs new sunglasses before the trip"),
    Base("pattern", "Sleeps badly when she drinks coffee after 2pm",
         reord="When she drinks coffee after 2pm, sleeps badly",
         var=[("coffee", "green tea"), ("2pm", "4pm")],
         neg="Sleeps fine even when she drinks coffee after 2pm",
         swap=("after", "before"),
         para="Coffee after two in the afternoon ruins her sleep",
         sub="Sleeps badly when she drinks coffee after 2pm, so decaf in the afternoon meetings",
         rel="Sleeps badly in hotel rooms near lifts"),
    # --- work ----------------------------------------------------------------------------------------
    Base("fact", "Works at Fraunhofer in Dresden on battery recycling",
         var=[("Dresden", "Freiburg"), ("battery recycling", "solar cells")],
         subj=("Works", "Her colleague Yusuf works"),
         neg="No longer works at Fraunhofer in Dresden on battery recycling",
         swap=("recycling", "cycling"),
         para="Her job: battery recycling research at the Fraunhofer institute in Dresden",
         sub="Works at Fraunhofer in Dresden on battery recycling, leading a team of six since 2024",
         rel="Works from home on Fridays"),
    Base("pattern", "Stand-up with the Lisbon team is at 9:30 every weekday",
         reord="Every weekday at 9:30 there is stand-up with the Lisbon team",
         var=[("Lisbon", "Kraków"), ("9:30", "10:30")],
         neg="Stand-up with the Lisbon team is cancelled every weekday this month",
         swap=("weekday", "weekend"),
         para="Every weekday at half past nine she joins the Lisbon team's stand-up",
         sub="Stand-up with the Lisbon team is at 9:30 every weekday, fifteen minutes on Google Meet",
         rel="Retro with the Lisbon team is every second Friday"),
    Base("fact", "Her manager is Ingrid Svensson since the reorg in April",
         var=[("Ingrid Svensson", "Ingrid Lindqvist"), ("April", "June")],
         subj=("Her manager", "His manager"),
         neg="Her manager is not Ingrid Svensson since the reorg in April",
         swap=("since", "until"),
         para="Since April's reorganisation she reports to Ingrid Svensson",
         sub="Her manager is Ingrid Svensson since the reorg in April; one-to-ones are on Wednesdays",
         rel="Her manager Ingrid Svensson is on parental leave until May"),
    Base("preference", "Wants meeting notes as bullet points, not paragraphs",
         var=[("bullet points", "numbered lists")],
         neg="Wants meeting notes as paragraphs, not bullet points",
         swap=("Wants", "Writes"),
         para="Meeting notes should come as bullets rather than prose",
         sub="Wants meeting notes as bullet points, not paragraphs, with the action items at the top",
         rel="Wants meeting invites to include a video link"),
    Base("fact", "Invoices for the Nakamura project go to accounts@nakamura-design.jp",
         var=[("accounts@nakamura-design.jp", "billing@nakamura-design.jp")],
         subj=("the Nakamura project", "the Okonkwo project"),
         neg="Invoices for the Nakamura project no longer go to accounts@nakamura-design.jp",
         para="Send the Nakamura project's invoices to accounts@nakamura-design.jp",
         sub="Invoices for the Nakamura project go to accounts@nakamura-design.jp, with the PO number in the subject",
         rel="The Nakamura project deadline is 30 June"),
    Base("pattern", "Deep work block from 14:00 to 16:00, phone on silent",
         var=[("14:00", "13:00"), ("16:00", "17:00")],
         neg="No deep work block from 14:00 to 16:00 anymore, phone stays on",
         swap=("silent", "loud"),
         para="Between two and four in the afternoon he does focused work with the phone muted",
         sub="Deep work block from 14:00 to 16:00, phone on silent, Slack status set to busy",
         rel="Lunch break from 12:30 to 13:15"),
    # --- travel --------------------------------------------------------------------------------------
    Base("fact", "Flight to São Paulo leaves from Frankfurt on 12 November at 22:05",
         reord="On 12 November at 22:05, flight to São Paulo leaves from Frankfurt",
         var=[("São Paulo", "Rio de Janeiro"), ("12 November", "13 November"), ("22:05", "21:05")],
         neg="Flight to São Paulo does not leave from Frankfurt on 12 November at 22:05; it was moved",
         para="On 12 November at 22:05 she flies Frankfurt to São Paulo",
         sub="Flight to São Paulo leaves from Frankfurt on 12 November at 22:05, LH 506, seat 34C",
         rel="Flight back from São Paulo lands in Frankfurt on 26 November"),
    Base("preference", "Books hotels within walking distance of the main station",
         var=[("main station", "old town")],
         neg="Never books hotels within walking distance of the main station",
         swap=("main", "bus"),
         para="Hotels should be close enough to the central station to walk",
         sub="Books hotels within walking distance of the main station, ideally with a late checkout",
         rel="Books restaurants near the hotel for the first evening"),
    Base("fact", "The rental flat in Málaga has a code lock, code 4821",
         var=[("4821", "4812"), ("Málaga", "Cádiz")],
         neg="The rental flat in Málaga has no code lock",
         swap=("has", "had"),
         para="Door code for the Málaga apartment: 4821",
         sub="The rental flat in Málaga has a code lock, code 4821, and the bins are collected on Tuesdays",
         rel="The rental flat in Málaga is two streets from the beach"),
    Base("pattern", "Takes the 7:12 regional train to Winterthur on weekdays",
         reord="On weekdays, takes the 7:12 regional train to Winterthur",
         var=[("7:12", "7:42"), ("Winterthur", "Baden")],
         subj=("Takes", "Her flatmate Noé takes"),
         neg="Does not take the 7:12 regional train to Winterthur on weekdays",
         swap=("weekdays", "weekends"),
         para="On weekdays he catches the 7:12 regional to Winterthur",
         sub="Takes the 7:12 regional train to Winterthur on weekdays, first class, carriage at the front",
         rel="Takes a taxi home from Winterthur after late meetings"),
    Base("preference", "Avoids connecting flights through Heathrow",
         var=[("Heathrow", "Charles de Gaulle")],
         neg="Happily takes connecting flights through Heathrow",
         swap=("through", "from"),
         para="Does not want layovers at Heathrow",
         sub="Avoids connecting flights through Heathrow after missing a connection there in 2023",
         rel="Avoids overnight flights when possible"),
    # --- finances ------------------------------------------------------------------------------------
    Base("fact", "Rent of 1,240 euros is due on the 1st of each month",
         var=[("1,240", "1,420"), ("1st", "3rd")],
         neg="Rent of 1,240 euros is not due on the 1st of each month any more",
         swap=("euros", "pounds"),
         para="Each month, on the first, the 1,240 euro rent is due",
         sub="Rent of 1,240 euros is due on the 1st of each month, by transfer to Hausverwaltung Möller",
         rel="Rent goes up by 3 percent in January"),
    Base("pattern", "Moves 300 euros to the savings account after every payday",
         reord="After every payday, moves 300 euros to the savings account",
         var=[("300", "350"), ("savings account", "ETF account")],
         subj=("Moves", "Her partner moves"),
         neg="Stopped moving 300 euros to the savings account after every payday",
         swap=("after", "before"),
         para="Every payday, 300 euros go into savings",
         sub="Moves 300 euros to the savings account after every payday, a standing order set up at DKB",
         rel="Checks the savings account balance at the end of every quarter"),
    Base("fact", "The car insurance with HUK renews on 1 January",
         reord="On 1 January the car insurance with HUK renews",
         var=[("HUK", "Allianz"), ("1 January", "1 February")],
         subj=("The car insurance", "The home insurance"),
         neg="The car insurance with HUK does not renew on 1 January; it was cancelled",
         swap=("car", "cat"),
         para="HUK car insurance renewal date: 1 January",
         sub="The car insurance with HUK renews on 1 January, and the no-claims class is SF 12",
         rel="The car needs new tyres before the winter"),
    Base("preference", "Pays by card, never in cash, except at the Saturday market",
         var=[("Saturday", "Wednesday")],
         neg="Pays in cash, never by card, except at the Saturday market",
         swap=("except", "even"),
         para="Card payments everywhere; cash only at the market on Saturdays",
         sub="Pays by card, never in cash, except at the Saturday market where the cheese stall is cash only",
         rel="Pays the cleaner in cash on Fridays"),
    Base("fact", "Tax return for 2025 was filed on 28 April, refund expected",
         var=[("2025", "2024"), ("28 April", "28 May")],
         neg="Tax return for 2025 was not filed on 28 April, no refund expected",
         swap=("expected", "received"),
         para="She filed the 2025 tax return on 28 April and expects money back",
         sub="Tax return for 2025 was filed on 28 April, refund expected, about 640 euros according to the advisor",
         rel="Tax advisor needs the Nebenkosten statement for 2025"),
    # --- devices and settings --------------------------------------------------------------------
    Base("preference", "Wants email notifications enabled for the family calendar",
         var=[("email", "push"), ("family calendar", "work calendar")],
         neg="Wants email notifications disabled for the family calendar",
         para="The family calendar should send her email notifications",
         sub="Wants email notifications enabled for the family calendar, one day and one hour before",
         rel="Wants email notifications bundled into one daily digest"),
    Base("preference", "Dark mode on all devices after sunset",
         var=[("after sunset", "after 20:00")],
         neg="Light mode on all devices after sunset",
         swap=("sunset", "sunrise"),
         para="Once the sun sets, every device should switch to a dark theme",
         sub="Dark mode on all devices after sunset, and the screen brightness at 40 percent",
         rel="Dark chocolate after dinner"),
    Base("fact", "The Pixel 8 backs up photos to Google Photos over wifi only",
         var=[("Pixel 8", "Pixel 7"), ("Google Photos", "Nextcloud")],
         neg="The Pixel 8 does not back up photos to Google Photos over wifi only; it uses mobile data too",
         swap=("photos", "videos"),
         para="Photo backup on the Pixel 8 goes to Google Photos, wifi only",
         sub="The Pixel 8 backs up photos to Google Photos over wifi only, in storage-saver quality",
         rel="The Pixel 8 screen protector is cracked"),
    Base("preference", "Alarm volume at 60 percent, vibration off",
         var=[("60", "70")],
         neg="Alarm volume at 60 percent, vibration on",
         swap=("Alarm", "Media"),
         para="Set the alarm to 60% volume with no vibration",
         sub="Alarm volume at 60 percent, vibration off, and snooze limited to two times",
         rel="Ringtone volume at 30 percent in the office"),
    Base("fact", "The Sonos in the living room is named Wohnzimmer",
         var=[("living room", "kitchen"), ("Wohnzimmer", "Küche")],
         neg="The Sonos in the living room is not named Wohnzimmer any more",
         swap=("living", "dining"),
         para="Wohnzimmer is the name of the living-room Sonos speaker",
         sub="The Sonos in the living room is named Wohnzimmer and is grouped with the one on the balcony",
         rel="The Sonos in the living room needs a firmware update"),
    Base("preference", "Auto-update apps only at night between 2 and 4",
         reord="Only at night between 2 and 4, auto-update apps",
         var=[("2 and 4", "1 and 3")],
         neg="Never auto-update apps at night between 2 and 4",
         swap=("apps", "maps"),
         para="App updates should run automatically, but only in the 2-4 am window",
         sub="Auto-update apps only at night between 2 and 4, and only while charging",
         rel="Auto-lock the laptop after five minutes"),
    # --- pets, home, hobbies ------------------------------------------------------------------
    Base("fact", "Has a cat named Mochi who is scared of the hoover",
         var=[("Mochi", "Pixel"), ("hoover", "doorbell")],
         subj=("Has a cat", "Her sister has a cat"),
         neg="Has a cat named Mochi who is not scared of the hoover",
         swap=("cat", "car"),
         para="Mochi, their cat, runs from the vacuum cleaner",
         sub="Has a cat named Mochi who is scared of the hoover and hides under the bathtub when it runs",
         rel="Has a cat sitter, Lucía, for the summer holidays"),
    Base("pattern", "Walks Bruno, the beagle, at 6:45 and 21:00",
         var=[("6:45", "7:15"), ("beagle", "basset")],
         subj=("Walks", "Her neighbour Ottilie walks"),
         neg="No longer walks Bruno, the beagle, at 6:45 and 21:00",
         swap=("Walks", "Feeds"),
         para="Bruno the beagle gets his walks at quarter to seven and at nine in the evening",
         sub="Walks Bruno, the beagle, at 6:45 and 21:00, always the loop around the Stadtpark",
         rel="Bruno, the beagle, is due for his rabies vaccine in May",
         reord="At 6:45 and 21:00, walks Bruno, the beagle"),
    Base("preference", "Plays padel with Édouard on Wednesday evenings",
         reord="On Wednesday evenings, plays padel with Édouard",
         var=[("Wednesday", "Thursday")],
         subj=("with Édouard", "with Maëlle"),
         neg="Does not play padel with Édouard on Wednesday evenings",
         swap=("Plays", "Played"),
         para="Wednesday evenings are padel nights with Édouard",
         sub="Plays padel with Édouard on Wednesday evenings at the club in Vincennes, court 3",
         rel="Plays chess online with Édouard"),
    Base("fact", "Grows tomatoes, basil and jalapeños on the balcony",
         var=[("tomatoes", "peppers"), ("jalapeños", "habaneros")],
         subj=("Grows", "Her father grows"),
         neg="Does not grow tomatoes, basil and jalapeños on the balcony",
         swap=("Grows", "Buys"),
         para="On the balcony there are tomato plants, basil and jalapeños",
         sub="Grows tomatoes, basil and jalapeños on the balcony in self-watering boxes from IKEA",
         rel="Grows tomatoes at the allotment in Pankow",
         reord="On the balcony, grows tomatoes, basil and jalapeños"),
    Base("preference", "Sings in a choir, second alto, rehearsals on Mondays",
         var=[("second alto", "first soprano"), ("Mondays", "Tuesdays")],
         neg="Left the choir; no more second alto rehearsals on Mondays",
         swap=("Sings", "Sang"),
         para="She is a second alto in a choir that rehearses every Monday",
         sub="Sings in a choir, second alto, rehearsals on Mondays in the Gemeindehaus, concert in December",
         rel="Listens to choir music on Sunday mornings"),
    Base("fact", "Bike is a green Gazelle with a broken bell",
         var=[("green", "black"), ("Gazelle", "Batavus")],
         neg="Bike is a green Gazelle, the bell is fixed",
         swap=("bell", "belt"),
         para="His bicycle: green Gazelle, the bell doesn't work",
         sub="Bike is a green Gazelle with a broken bell and a child seat on the back",
         rel="Bike is locked at the station every weekday"),
    # --- short ones --------------------------------------------------------------------------------
    Base("preference", "Loves anchovies on pizza",
         var=[("anchovies", "olives")],
         neg="Hates anchovies on pizza",
         swap=("pizza", "pasta"),
         para="Anchovies on a pizza: yes, please",
         sub="Loves anchovies on pizza, with capers and no cheese",
         rel="Loves anchovies on toast"),
    Base("fact", "Vegetarian since 2018",
         var=[("2018", "2016")],
         neg="Not vegetarian since 2018",
         para="Has not eaten meat since 2018",
         sub="Vegetarian since 2018, eats fish occasionally",
         rel="Vegan for January"),
    Base("preference", "No podcasts before coffee",
         var=[("podcasts", "news")],
         neg="Podcasts before coffee",
         swap=("before", "after"),
         para="Podcasts only after the first coffee",
         sub="No podcasts before coffee, the radio is fine",
         rel="No phone before breakfast"),
    Base("fact", "Speaks Portuguese and some Swahili",
         var=[("Portuguese", "Italian"), ("Swahili", "Zulu")],
         neg="Speaks neither Portuguese nor Swahili",
         swap=("Speaks", "Reads"),
         para="Fluent in Portuguese, a little Swahili",
         sub="Speaks Portuguese and some Swahili from two years in Mombasa",
         rel="Learning Portuguese on Duolingo"),
    Base("pattern", "Naps after lunch on weekends",
         reord="On weekends, naps after lunch",
         var=[("lunch", "dinner")],
         neg="Never naps after lunch on weekends",
         swap=("after", "before"),
         para="Takes an afternoon nap at weekends",
         sub="Naps after lunch on weekends, about 20 minutes on the sofa",
         rel="Naps on long train rides"),
    Base("fact", "Left-handed",
         neg="Not left-handed",
         para="Writes with the left hand",
         sub="Left-handed, but plays guitar right-handed",
         rel="Left-handed scissors are in the craft box"),
    Base("preference", "Takes the stairs, never the lift",
         neg="Takes the lift, never the stairs",
         para="Always uses the stairs instead of the elevator",
         sub="Takes the stairs, never the lift, even to the 9th floor office",
         rel="Takes the lift with the shopping"),
    Base("fact", "Born in Tromsø",
         var=[("Tromsø", "Bodø")],
         neg="Not born in Tromsø",
         para="Tromsø is her birthplace",
         sub="Born in Tromsø, moved to Oslo at twelve",
         rel="Studied in Tromsø"),
    # --- long ones (200-600 characters) -------------------------------------------------------------
    Base("fact",
         "Her father Emil was diagnosed with type 2 diabetes in 2022; he manages it with metformin twice a day, "
         "walks for an hour after lunch, and sees Dr. Ferreira at the clinic on Rua das Flores every three months. "
         "He gets irritated if anyone comments on what he eats at family dinners.",
         var=[("2022", "2021"), ("twice a day", "once a day"), ("three months", "six months")],
         subj=("Her father Emil", "Her uncle Emil"),
         neg="Her father Emil was not diagnosed with type 2 diabetes in 2022; he manages his weight with "
             "walks for an hour after lunch, and sees Dr. Ferreira at the clinic on Rua das Flores every three months. "
             "He gets irritated if anyone comments on what he eats at family dinners.",
         swap=("walks", "works"),
         para="In 2022 Emil, her dad, found out he has type 2 diabetes. He takes metformin morning and evening, "
              "goes for an hour's walk after lunch and has a quarterly appointment with Dr. Ferreira on Rua das Flores. "
              "Remarks about his food at family dinners annoy him.",
         sub="Her father Emil was diagnosed with type 2 diabetes in 2022; he manages it with metformin twice a day, "
             "walks for an hour after lunch, and sees Dr. Ferreira at the clinic on Rua das Flores every three months. "
             "He gets irritated if anyone comments on what he eats at family dinners. His HbA1c was 6.8 in the last test.",
         rel="Her father Emil had a knee replacement in 2019 and now walks with a stick on long distances; the "
             "physiotherapist on Rua das Flores sees him every two weeks and he complains about the exercises at family dinners."),
    Base("preference",
         "For the weekly grocery order: oat milk, sourdough from the Bäckerei Schulz, free-range eggs, two kilos of "
         "apples (Elstar if available, never Granny Smith), Greek yoghurt, and whatever cheese is on offer. Delivery "
         "on Thursday evening between 18:00 and 20:00, leave it with the neighbour if nobody answers.",
         var=[("Thursday", "Friday"), ("18:00 and 20:00", "19:00 and 21:00"), ("two kilos", "three kilos")],
         neg="For the weekly grocery order: no oat milk, sourdough from the Bäckerei Schulz, free-range eggs, two kilos of "
             "apples (Elstar if available, never Granny Smith), Greek yoghurt, and whatever cheese is on offer. Delivery "
             "on Thursday evening between 18:00 and 20:00, do not leave it with the neighbour if nobody answers.",
         swap=("oat", "goat"),
         para="Weekly groceries: oat milk, Bäckerei Schulz sourdough, free-range eggs, 2 kg of apples (Elstar preferred, "
              "no Granny Smith), Greek yoghurt and any discounted cheese. Delivered Thursday 18-20h; if no one is home, "
              "the neighbour can take it.",
         sub="For the weekly grocery order: oat milk, sourdough from the Bäckerei Schulz, free-range eggs, two kilos of "
             "apples (Elstar if available, never Granny Smith), Greek yoghurt, and whatever cheese is on offer. Delivery "
             "on Thursday evening between 18:00 and 20:00, leave it with the neighbour if nobody answers. In December add "
             "Lebkuchen and clementines.",
         rel="For the monthly drugstore order: toothpaste, dishwasher tablets, the unscented laundry detergent, and "
             "nappies in size 5. Delivery on Saturday morning, leave it with the neighbour if nobody answers."),
    Base("fact",
         "\"We're planning the trip to Japan for April 2027: two weeks, flying into Osaka, a week in Kyoto with a day in "
         "Nara, then the Shinkansen to Tokyo. Kenji from my old job said he'd show us around Shimokitazawa. Budget is "
         "about 6,000 euros for the two of us, not counting flights.\"",
         var=[("April 2027", "October 2027"), ("6,000", "8,000"), ("Kenji", "Haruto")],
         neg="\"We're no longer planning the trip to Japan for April 2027: two weeks, flying into Osaka, a week in Kyoto with a day in "
             "Nara, then the Shinkansen to Tokyo. Kenji from my old job said he'd show us around Shimokitazawa. Budget was "
             "about 6,000 euros for the two of us, not counting flights.\"",
         swap=("old", "new"),
         para="\"Japan in April 2027, two weeks for two people: land in Osaka, spend a week in Kyoto with a day trip to Nara, "
              "and take the bullet train to Tokyo, where Kenji, an ex-colleague, will take us round Shimokitazawa. "
              "Roughly 6,000 euros excluding flights.\"",
         sub="\"We're planning the trip to Japan for April 2027: two weeks, flying into Osaka, a week in Kyoto with a day in "
             "Nara, then the Shinkansen to Tokyo. Kenji from my old job said he'd show us around Shimokitazawa. Budget is "
             "about 6,000 euros for the two of us, not counting flights. We still need to buy the JR pass and book the ryokan.\"",
         rel="\"We did the trip to Japan in April 2024: ten days, flying into Tokyo, then Hakone and Kanazawa. Kenji "
             "from my old job met us for dinner in Shibuya. It cost about 5,000 euros for the two of us.\""),
    Base("pattern",
         "Evening routine on school nights: dinner at 18:30, then Lotte does her homework at the kitchen table while "
         "Finn has a bath; screens go off at 19:45, a chapter of the current book at 20:00 (at the moment it's "
         "Ronja Räubertochter), and lights out at 20:30 for Finn and 21:00 for Lotte.",
         var=[("18:30", "18:00"), ("19:45", "19:30"), ("20:30", "20:15")],
         subj=("Lotte does her homework", "Mats does his homework"),
         neg="Evening routine on school nights: dinner at 18:30, then Lotte does her homework at the kitchen table while "
             "Finn has a bath; screens do not go off at 19:45, a chapter of the current book at 20:00 (at the moment it's "
             "Ronja Räubertochter), and lights out at 20:30 for Finn and 21:00 for Lotte.",
         swap=("off", "on"),
         para="On school nights they eat at half six; Lotte sits at the kitchen table with her homework and Finn takes his "
              "bath. At quarter to eight all screens are switched off, at eight there's a chapter of Ronja Räubertochter, "
              "and the lights go out at half eight for Finn and nine for Lotte.",
         sub="Evening routine on school nights: dinner at 18:30, then Lotte does her homework at the kitchen table while "
             "Finn has a bath; screens go off at 19:45, a chapter of the current book at 20:00 (at the moment it's "
             "Ronja Räubertochter), and lights out at 20:30 for Finn and 21:00 for Lotte. On Fridays everything shifts an hour later.",
         rel="Morning routine on school days: breakfast at 7:00, Lotte packs her own bag, Finn needs help with his shoes, "
             "and they leave at 7:40 to be at the Grundschule by 8:00."),
    Base("fact",
         "The boiler is a Vaillant ecoTEC plus from 2016, serviced every October by Heizung Krause (phone 030 5512 884). "
         "If the pressure drops below 1 bar, top it up with the grey tap under the unit until the needle reaches 1.5; "
         "the manual is in the folder labelled Haus.",
         var=[("2016", "2015"), ("October", "September"), ("1.5", "2.0")],
         neg="The boiler is a Vaillant ecoTEC plus from 2016, not serviced every October by Heizung Krause (phone 030 5512 884). "
             "If the pressure drops below 1 bar, top it up with the grey tap under the unit until the needle reaches 1.5; "
             "the manual is in the folder labelled Haus.",
         swap=("grey", "green"),
         para="Boiler: 2016 Vaillant ecoTEC plus, annual service in October by Heizung Krause, 030 5512 884. Below 1 bar "
              "of pressure, open the grey tap underneath and fill to 1.5. Manual: the Haus folder.",
         sub="The boiler is a Vaillant ecoTEC plus from 2016, serviced every October by Heizung Krause (phone 030 5512 884). "
             "If the pressure drops below 1 bar, top it up with the grey tap under the unit until the needle reaches 1.5; "
             "the manual is in the folder labelled Haus. The warranty on the heat exchanger ran out in 2024.",
         rel="The washing machine is a Miele from 2019, repaired in March by the Miele service (phone 0800 22 44 644) "
             "after the pump failed; the receipt is in the folder labelled Haus."),
    Base("preference",
         "When she's stressed she wants short answers, no small talk, and no suggestions unless she asks; a list of the "
         "next three concrete steps helps more than encouragement. She said so explicitly after the grant deadline in "
         "February, when the chatty replies made things worse.",
         var=[("three", "two"), ("February", "March")],
         subj=("When she's stressed she wants", "When Marek is stressed he wants"),
         neg="When she's stressed she wants long answers, small talk, and suggestions even if she doesn't ask; encouragement "
             "helps more than a list of the next three concrete steps. She said so explicitly after the grant deadline in "
             "February, when the short replies made things worse.",
         swap=("helps", "hurts"),
         para="Under stress she prefers brief replies without chit-chat and without unsolicited advice; three concrete next "
              "steps are more useful to her than encouragement. She stated this after the February grant deadline, when "
              "chatty answers were counterproductive.",
         sub="When she's stressed she wants short answers, no small talk, and no suggestions unless she asks; a list of the "
             "next three concrete steps helps more than encouragement. She said so explicitly after the grant deadline in "
             "February, when the chatty replies made things worse. The same applies on the mornings before a conference talk.",
         rel="When she's tired she likes to be read the headlines instead of reading them herself, and prefers audio summaries "
             "of long emails; she mentioned this during the grant deadline in February."),
    Base("fact",
         "Car: 2019 Škoda Octavia estate, registration M-KL 4471, next TÜV inspection due in August 2026, winter tyres "
         "stored at the Reifen-Center in Pasing (ticket number 7713). It pulls slightly to the left since the pothole in "
         "January.",
         var=[("M-KL 4471", "M-KL 4417"), ("August 2026", "August 2027"), ("7713", "7731")],
         neg="Car: 2019 Škoda Octavia estate, registration M-KL 4471, next TÜV inspection due in August 2026, winter tyres "
             "stored at the Reifen-Center in Pasing (ticket number 7713). It no longer pulls to the left since the pothole "
             "repair in January.",
         swap=("left", "right"),
         para="The family car is a 2019 Octavia estate from Škoda (plate M-KL 4471). TÜV is next due August 2026; the "
              "winter tyres are kept at the Pasing Reifen-Center under ticket 7713. Since hitting a pothole in January it "
              "drifts a little to the left.",
         sub="Car: 2019 Škoda Octavia estate, registration M-KL 4471, next TÜV inspection due in August 2026, winter tyres "
             "stored at the Reifen-Center in Pasing (ticket number 7713). It pulls slightly to the left since the pothole in "
             "January. Oil change was done at 84,000 km.",
         rel="Car: the lease on the company Škoda Enyaq ends in May 2027, registration M-EV 2210, charging card from EnBW "
             "in the glovebox; the charging cable is in the boot under the floor."),
    Base("pattern",
         "Every first Saturday of the month she volunteers at the Tafel food bank in Neukölln from 9:00 to 13:00, "
         "sorting vegetables and handing out bags; she brings her own gloves and takes the U7, and afterwards has lunch "
         "with Hatice at the Turkish place on Karl-Marx-Straße.",
         var=[("first Saturday", "last Saturday"), ("9:00 to 13:00", "10:00 to 14:00"), ("Hatice", "Derya")],
         subj=("she volunteers", "her son Can volunteers"),
         neg="Every first Saturday of the month she used to volunteer at the Tafel food bank in Neukölln from 9:00 to 13:00, "
             "sorting vegetables and handing out bags, but she stopped in spring; she no longer takes the U7 or has lunch "
             "with Hatice at the Turkish place on Karl-Marx-Straße.",
         swap=("sorting", "selling"),
         para="On the first Saturday of each month, 9 till 1, she helps out at the Neukölln Tafel: sorting veg and giving "
              "out bags. She takes the U7, wears her own gloves, and then eats lunch with Hatice at the Turkish "
              "restaurant on Karl-Marx-Straße.",
         sub="Every first Saturday of the month she volunteers at the Tafel food bank in Neukölln from 9:00 to 13:00, "
             "sorting vegetables and handing out bags; she brings her own gloves and takes the U7, and afterwards has lunch "
             "with Hatice at the Turkish place on Karl-Marx-Straße. In December there's an extra shift before Christmas.",
         rel="Every second Sunday of the month she goes to the flea market at Maybachufer with Hatice, mostly for old "
             "children's books and enamel pots, and they have coffee at the Turkish bakery afterwards."),
    Base("fact",
         "\"Dad's hearing aids are Phonak, the left one whistles when the battery is low. He won't admit he can't hear "
         "in restaurants, so we pick quiet places and sit him with his back to the wall. His audiologist is in Zürich, "
         "appointment every spring.\"",
         var=[("Phonak", "Oticon"), ("left", "right"), ("Zürich", "Winterthur")],
         subj=("Dad's hearing aids are Phonak, the left one whistles when the battery is low. He won't admit he can't hear",
               "Uncle Ruedi's hearing aids are Phonak, the left one whistles when the battery is low. He won't admit he can't hear"),
         neg="\"Dad's hearing aids are Phonak, the left one no longer whistles when the battery is low. He admits he can't hear "
             "in restaurants, so we pick quiet places and sit him with his back to the wall. His audiologist is in Zürich, "
             "appointment every spring.\"",
         swap=("wall", "window"),
         para="\"Dad wears Phonak hearing aids; when the battery is running out the left one starts whistling. He'd never "
              "say he struggles to hear in restaurants, so we choose calm places and seat him facing the room. He sees an "
              "audiologist in Zürich each spring.\"",
         sub="\"Dad's hearing aids are Phonak, the left one whistles when the battery is low. He won't admit he can't hear "
             "in restaurants, so we pick quiet places and sit him with his back to the wall. His audiologist is in Zürich, "
             "appointment every spring. The spare batteries (size 312) are in the hallway drawer.\"",
         rel="\"Dad's glasses are from Fielmann, he needs new ones for driving at night. He won't admit his eyes are getting "
             "worse, so Mum does the evening driving. His optician is in Zürich too.\""),
    Base("fact",
         "Medical summary for emergencies: blood type A negative; allergic to ibuprofen (hives, not anaphylaxis); "
         "asthma since childhood, uses a salbutamol inhaler that is always in the left pocket of her rucksack; "
         "had a concussion after a cycling accident in 2021 with no lasting effects; GP is Dr. Anneliese Vogt, "
         "Praxis am Südstern, phone 030 691 2244; emergency contact is her partner Kofi Mensah, mobile "
         "0176 4410 2287, who also has a copy of the advance directive; organ donor card in the wallet.",
         var=[("A negative", "A positive"), ("left pocket", "right pocket"), ("2021", "2020"),
              ("0176 4410 2287", "0176 4410 2278")],
         subj=("emergency contact is her partner Kofi Mensah", "emergency contact is her brother Yaw Mensah"),
         neg="Medical summary for emergencies: blood type A negative; not allergic to ibuprofen; "
             "asthma since childhood, uses a salbutamol inhaler that is always in the left pocket of her rucksack; "
             "had a concussion after a cycling accident in 2021 with no lasting effects; GP is Dr. Anneliese Vogt, "
             "Praxis am Südstern, phone 030 691 2244; emergency contact is her partner Kofi Mensah, mobile "
             "0176 4410 2287, who also has a copy of the advance directive; organ donor card in the wallet.",
         swap=("cycling", "climbing"),
         para="In an emergency: she is A negative, reacts to ibuprofen with hives (no anaphylaxis), and has had asthma "
              "since she was a child, with a salbutamol inhaler kept in the left rucksack pocket. A 2021 bike accident "
              "left her with a concussion but no lasting damage. Her doctor is Dr. Anneliese Vogt at the Praxis am "
              "Südstern (030 691 2244). Call her partner Kofi Mensah on 0176 4410 2287; he holds a copy of her advance "
              "directive. She carries an organ donor card in her wallet.",
         sub="Medical summary for emergencies: blood type A negative; allergic to ibuprofen (hives, not anaphylaxis); "
             "asthma since childhood, uses a salbutamol inhaler that is always in the left pocket of her rucksack; "
             "had a concussion after a cycling accident in 2021 with no lasting effects; GP is Dr. Anneliese Vogt, "
             "Praxis am Südstern, phone 030 691 2244; emergency contact is her partner Kofi Mensah, mobile "
             "0176 4410 2287, who also has a copy of the advance directive; organ donor card in the wallet. "
             "Vaccinations up to date, tetanus booster in 2024.",
         rel="Medical summary for travel: travel insurance with ADAC, policy 88-4412-09, covers repatriation; the "
             "European health insurance card is in the wallet; she needs a letter from Dr. Anneliese Vogt to carry "
             "the salbutamol inhaler and the spare one in hand luggage; yellow fever vaccination certificate from "
             "2019 is in the passport sleeve; on long flights she wears compression socks because of a thrombosis "
             "in her family."),
    Base("preference",
         "How he likes trip planning done: first a one-page overview with dates, total cost and travel times, then "
         "the details per day; trains booked with Deutsche Bahn or SNCF, never buses for more than two hours; "
         "hotels with a proper desk because he works on the road, breakfast included, no shared bathrooms; one "
         "free afternoon every three days with nothing planned; restaurants picked from local recommendations, not "
         "the top of TripAdvisor; and a printed copy of everything, because his phone battery always dies on day two.",
         var=[("two hours", "three hours"), ("three days", "four days"), ("day two", "day three")],
         subj=("How he likes trip planning done", "How his sister Henrike likes trip planning done"),
         neg="How he likes trip planning done: first a one-page overview with dates, total cost and travel times, then "
             "the details per day; trains booked with Deutsche Bahn or SNCF, buses are fine for more than two hours; "
             "hotels without a desk are fine, breakfast not needed, shared bathrooms are fine; no free afternoons, "
             "every day planned; restaurants picked from the top of TripAdvisor; and no printed copies.",
         swap=("buses", "ferries"),
         para="For trip planning he wants an overview on a single page (dates, what it costs in total, travel times) "
              "before the day-by-day details. Book trains with DB or SNCF and avoid bus legs over two hours. Hotels "
              "need breakfast, a private bathroom and a real desk since he works while travelling. Leave every third "
              "afternoon empty. Choose restaurants locals recommend rather than TripAdvisor's top list, and print it "
              "all out: his phone is always dead by the second day.",
         sub="How he likes trip planning done: first a one-page overview with dates, total cost and travel times, then "
             "the details per day; trains booked with Deutsche Bahn or SNCF, never buses for more than two hours; "
             "hotels with a proper desk because he works on the road, breakfast included, no shared bathrooms; one "
             "free afternoon every three days with nothing planned; restaurants picked from local recommendations, not "
             "the top of TripAdvisor; and a printed copy of everything, because his phone battery always dies on day two. "
             "Seat reservations always, a quiet-zone carriage when there is one.",
         rel="How he likes expense reports done: receipts photographed the same day, one folder per trip, the currency "
             "conversion at the rate on the card statement, and the per-diem claimed separately; the report goes to "
             "the office manager within a week of getting back, with the train tickets printed."),
]
