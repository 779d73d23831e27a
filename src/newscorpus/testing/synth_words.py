"""The invented word pools the synthetic pages are made of (rules as data: testing/synth.py
assembles them). Every name, place, outlet and agency here is made up; nothing here may ever be
copied from a real text.
"""

from __future__ import annotations

COUNTRIES = (
    "Veldavia", "Ostrania", "Lunmark", "Pelloria", "Sarvenia", "Dravonia", "Quellmark", "Ardessa",
    "Corvania", "Tessmark",
)  # fmt: skip
CITIES = (
    "Brenmoor", "Marenza", "Kesh", "Haldby", "Varn", "Dolvek", "Orvel", "Saltmere", "Kirrow",
    "Ostvale", "Lindenhal", "Porto Sereno", "Nerevik", "Castel Ambra", "Yarrowby", "Tolvane",
)  # fmt: skip
# (first name, pronoun): the pronoun lets paragraphs refer back to a speaker as real prose does.
FIRST_NAMES = (
    ("Irena", "she"), ("Tomas", "he"), ("Célia", "she"), ("Benedek", "he"), ("Józef", "he"),
    ("Sofía", "she"), ("Dario", "he"), ("Henrike", "she"), ("Lev", "he"), ("Nadia", "she"),
    ("Arvid", "he"), ("Margit", "she"), ("Petra", "she"), ("Anselm", "he"), ("Liesl", "she"),
    ("Oskar", "he"), ("Radu", "he"), ("Aki", "he"), ("Oriane", "she"), ("Teodor", "he"),
    ("Linnea", "she"), ("Hamid", "he"), ("Amara", "she"), ("Eliška", "she"), ("Mattias", "he"),
    ("Ingrid", "she"), ("Konrad", "he"), ("Beatriz", "she"), ("Aurel", "he"), ("Hélène", "she"),
)  # fmt: skip
LAST_NAMES = (
    "Solvang", "Halvik", "Ferrand-Okoye", "Orsós", "Kral", "Llorente", "Vescan", "Dahl",
    "Taranek", "Strelk", "Pelko", "Bray", "Quill", "Greaves", "Hartung", "Lindahl", "Ilinca",
    "Nurmela", "Castel", "Ralić", "Castellano", "Sarrazin", "Nwosu-Fell", "Moravec", "Korrin",
    "Sølvhøj", "Veit", "Quintal", "Kostan", "Aronsen", "Aaltonen", "Vasquier", "Brandão",
    "Okafor-Brandt", "Ibarra-Quint", "Marlowe", "Tessier", "Varga-Holm",
)  # fmt: skip
ROLES = (
    "the finance minister", "the foreign minister", "the transport minister",
    "a spokesman for the interior ministry", "the leader of the opposition",
    "the mayor of {city}", "chief executive of {company}",
    "an economist at the University of {city}", "president of the {city} Chamber of Commerce",
    "head of the {country} Farmers' Union", "general secretary of the {city} Dockworkers' Union",
    "a senior official at the trade ministry",
    "chairwoman of the {country} Steel Federation", "deputy governor of the National Bank",
)  # fmt: skip
COMPANIES = (
    "Castellan Maritime", "Pellworth Terminals", "Norvale Energy", "Ambra Rail", "Kirrow Steel",
    "Saltmere Water", "Lindenhal Holdings", "Ostvale Grain",
)  # fmt: skip
TOPICS = (
    "the fuel levy", "the port concession", "the rail franchise sale", "the water tariff reform",
    "the border trade pact", "the pension reform", "the fishing quota deal",
    "the new airport runway", "the mining licence", "the offshore wind plan",
    "the minimum wage rise", "the housing bill", "the bank merger", "the grain export ban",
    "the tram extension", "the hospital closure plan",
)  # fmt: skip
BODIES = ("parliament", "cabinet", "city council", "National Assembly", "regional assembly")
GROUPS = (
    "farmers", "dockworkers", "teachers", "nurses", "taxi drivers", "shop owners",
    "fishing crews", "students", "pensioners", "rail workers",
)  # fmt: skip
EFFECTS = (
    "cost {n} jobs", "raise €{m} million a year", "cut emissions by {p} percent",
    "push up prices for ordinary households", "save the state €{m} million",
    "hand control of a public asset to foreign investors", "leave rural families worse off",
    "bring new investment to {city}", "breach the {year} treaty with {country2}",
    "double freight traffic within {k} years", "close {k} branches in the north",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
QUOTE_OPENERS = (
    "We have waited long enough.", "This is not a tax on families.",
    "Nobody in {city} asked for this.", "The numbers simply do not add up.",
    "We are ready to talk, but not to surrender.", "Every euro will be accounted for.",
    "This plan was written in an office, not on a farm.",
    "We will not sign anything we have not read.", "The people of {city} deserve an answer.",
    "We were promised investment and we got a brochure.", "It is a fair deal for both sides.",
    "Nobody is closing anything tomorrow.", "I have read the report twice.",
    "Our door has been open for a year.", "The market will not wait for us.",
)  # fmt: skip
QUOTE_CLOSERS = (
    "Let them come and see for themselves.", "That is all we are asking for.",
    "The door remains open.", "We will be back next week, and the week after.",
    "Anyone who says otherwise has not read the report.",
    "I would ask the minister to explain that to the {group}.",
    "We expect a vote before the summer.", "It is that simple.",
    "Nobody should pretend this is easy.", "The rest is politics.",
    "And we will keep saying it until someone listens.",
)  # fmt: skip
FRAGMENTS = (
    "a tax on distance", "a fire sale", "the only realistic option", "a grave mistake",
    "long overdue", "a step in the right direction", "reckless", "a betrayal of the {group}",
    "balanced and fair", "a plan without a map",
)  # fmt: skip
SOFT_WORDS = ("temporary", "a partnership", "modernisation", "reform", "a fresh start")
OUTLETS = ("state radio", "the {city} Herald", "{country} Television", "a local newspaper")
AGENCIES = ("VPA", "Norland Wire", "KNA", "Coastline Press")
SECTIONS = (
    "Home", "News", "Politics", "Economy", "World", "Business", "Sport", "Culture", "Opinion",
    "Video", "Weather", "Regions", "Science", "Travel", "Obituaries",
)  # fmt: skip
SUBSECTIONS = (
    "National", "Regions", "Elections", "Markets", "Companies", "Energy", "Football", "Sailing",
    "Arts", "Books", "Letters", "Podcasts",
)  # fmt: skip
SITE_WORDS = ("Herald", "Courier", "Ledger", "Gazette", "Observer", "Times", "Post", "Today")


TEASERS = (
    "{city} {group} plan march on {weekday}",
    "{country} and {country2} resume talks on {topic}",
    "Weather: storm warning for {city} on {weekday}",
    "Opinion: {topic} deserves a proper debate",
    "{company} shares rise after {city} results",
    "{city} council delays vote on {topic}",
    "Live: {country} {body} debates {topic}",
    "Five things to know about {topic}",
    "{group_cap} in {city} win pay deal",
    "Police close {city} ring road for repairs",
)
