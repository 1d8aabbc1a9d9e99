# variant: one value changed
KIND = "variant"
LABEL = "distinct"
PAIRS = [
    ("Niamh moved to Leeds in 2017", "Niamh moved to Leeds in 2019", "year"),
    ("Niamh and Tom stayed three nights in Munnar", "Niamh and Tom stayed four nights in Munnar", "number of nights"),
    ("Niamh's fixed-rate mortgage is at 4.1%", "Niamh's fixed-rate mortgage is at 4.4%", "rate"),
    ("Tom's car insurance renewal is £1,200", "Tom's car insurance renewal is £1,500", "amount"),
    ("Biscuit weighs 13 kg", "Biscuit weighs 18 kg", "weight"),
    ("Ollie Pritchard builds the finance models in dbt", "Ollie Pritchard builds the finance models in Airflow", "tool dbt vs Airflow"),
    ("Niamh's OU tutor is Dr Helen Marsh", "Niamh's OU tutor is Dr Helen Walsh", "surname"),
    ("Ciara lives in Wigston", "Ciara lives in Syston", "place"),
    ("Niamh's book club meets on the first Thursday of the month", "Niamh's book club meets on the first Tuesday of the month", "weekday"),
    ("Niamh wears a brace on her left knee for cricket", "Niamh wears a brace on her right knee for cricket", "left vs right"),
    ("Farid Haddad joined Harewood in 2021", "Farid Haddad joined Harewood in 2023", "year"),
    ("Niamh's team has six data engineers", "Niamh's team has nine data engineers", "headcount"),
    ("Tom is head of Year 9", "Tom is head of Year 10", "year group"),
    ("The team's Snowflake bill was £3,200 in March", "The team's Snowflake bill was £3,200 in May", "month"),
    ("The user's flight home from Kochi lands at Manchester", "The user's flight home from Kochi lands at Heathrow", "airport"),
    ("Niamh's cricket bat is a Gray-Nicolls", "Niamh's cricket bat is a Gunn & Moore", "brand"),
    ("Niamh's dad turned 70 in March 2026", "Niamh's dad turned 67 in March 2026", "age"),
    ("Niamh's running club is Kirkstall Harriers", "Niamh's running club is Valley Striders", "club name"),
    ("Niamh's allotment rent is £45 a year", "Niamh's allotment rent is £54 a year", "digits swapped"),
    ("Harewood's Airflow deployment is on version 2.8", "Harewood's Airflow deployment is on version 2.9", "version"),
    ("Niamh's old flat in Headingley was on Cardigan Road", "Niamh's old flat in Headingley was on Cardigan Lane", "street type"),
    ("Niamh's Kerala trip ran from 7 to 20 February 2026, starting in Kochi, then the tea hills around Munnar and finishing with two nights on a houseboat near Alleppey", "Niamh's Kerala trip ran from 7 to 20 February 2026, starting in Kochi, then the tea hills around Munnar and finishing with two nights on a houseboat near Kumarakom", "last stop Alleppey vs Kumarakom"),
    ("Niamh's team agreed with Farid in January 2026 that the legacy SSIS jobs will be switched off by the end of Q2, once the last three finance feeds have been rebuilt in dbt and signed off by the finance director", "Niamh's team agreed with Farid in January 2026 that the legacy SSIS jobs will be switched off by the end of Q2, once the last four finance feeds have been rebuilt in dbt and signed off by the finance director", "three vs four feeds, long"),
]
