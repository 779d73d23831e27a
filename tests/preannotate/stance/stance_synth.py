"""Synthetic claims and article bodies for the stance tests (made up here; no FNC-1 text).

Each claim is about an invented company doing something in an invented town. Its bodies confirm
it (agree), deny it (disagree) or report it without taking a side (discuss); pairing a claim with
another claim's body gives an unrelated pair. Fixed by a seed.
"""

from __future__ import annotations

import random

from newscorpus.preannotate.stance.fnc1 import Pair

COMPANIES = (
    "Zorblat", "Quimmet", "Velanor", "Brastik", "Orvelle", "Tandrix", "Mulgarde", "Pexwin",
    "Corvane", "Istrel", "Dunmoor", "Faltrix", "Grenlow", "Hastrel", "Jorvik", "Kelmar",
)  # fmt: skip
TOWNS = (
    "Quenville", "Ardmoor", "Bellhaven", "Coldfen", "Drayton", "Eastwick", "Fernhollow",
    "Glenmarsh", "Harrowby", "Ivybridge", "Juniper Falls", "Kestrel Bay",
)  # fmt: skip
ACTIONS = (
    ("open a battery factory in", "battery factory", "assembly lines and hiring"),
    ("close its warehouse in", "warehouse", "storage and trucks"),
    ("build a solar farm near", "solar farm", "panels and land"),
    ("buy the football club of", "football club", "players and stadium"),
    ("move its headquarters to", "headquarters", "offices and staff"),
)
OPENINGS = {
    "agree": (
        "{company} confirmed on Monday that it will {action} {town}.",
        "It is official: {company} will {action} {town}, the company announced.",
    ),
    "disagree": (
        "{company} denied reports that it will {action} {town}, calling the story false.",
        "The claim that {company} will {action} {town} is a hoax, a spokesman said.",
    ),
    "discuss": (
        "{company} may {action} {town}, according to unconfirmed reports.",
        "Local media reported that {company} could {action} {town}, though it is unclear.",
    ),
}
FILLER = (
    "The {thing} would involve {detail}.",
    "Residents of {town} have followed the {thing} story for weeks.",
    "Analysts said the {thing} plan fits the company's recent strategy.",
    "A town council meeting on the {thing} is planned for next month.",
)


def _body(rng: random.Random, stance: str, company: str, town: str, action: tuple) -> str:
    verb, thing, detail = action
    fields = {"company": company, "town": town, "action": verb, "thing": thing, "detail": detail}
    lines = [rng.choice(OPENINGS[stance]).format(**fields)]
    lines += [line.format(**fields) for line in rng.sample(FILLER, 3)]
    return " ".join(lines)


def synthetic_pairs(claims: int = 36, seed: int = 0, unrelated_per_body: int = 2) -> list[Pair]:
    """Three bodies per claim (agree, disagree, discuss), each also paired with other claims."""
    rng = random.Random(seed)
    items = []
    for i in range(claims):
        company = COMPANIES[i % len(COMPANIES)]
        town = TOWNS[(i * 7) % len(TOWNS)]
        action = ACTIONS[i % len(ACTIONS)]
        headline = f"{company} to {action[0]} {town}"
        bodies = [
            (f"c{i}-{stance}", stance, _body(rng, stance, company, town, action))
            for stance in ("agree", "disagree", "discuss")
        ]
        items.append((headline, bodies))
    pairs = []
    for i, (headline, bodies) in enumerate(items):
        for body_id, stance, body in bodies:
            pairs.append(Pair(headline, body_id, body, stance))
            for k in range(1, unrelated_per_body + 1):
                other = items[(i + k * 5) % len(items)][0]
                if other != headline:
                    pairs.append(Pair(other, body_id, body, "unrelated"))
    return pairs
