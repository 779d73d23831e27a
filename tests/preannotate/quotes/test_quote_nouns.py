"""Noun cues: a claim, stance or speech act named by a noun, with its possessor as the source.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

from newscorpus.preannotate.quotes import extract_quotes
from newscorpus.preannotate.quotes.model import RULES_ONLY


def _read(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (
            text[q.start : q.end],
            q.cue.text_of(text) if q.cue else None,
            q.speaker.text_of(text) if q.speaker else None,
        )
        for q in extract_quotes(text, model=RULES_ONLY)
    ]


def test_a_noun_cue_takes_what_follows_its_preposition() -> None:
    text = "Brek stood by Ilves's support for the toll."
    assert _read(text) == [("the toll", "support for", "Ilves's")]


def test_that_stays_in_the_content_of_a_claim_noun() -> None:
    text = "Brek stood by his claim that the ferry was safe."
    assert _read(text) == [("that the ferry was safe", "claim", "his")]


def test_a_noun_without_a_possessor_is_no_cue() -> None:
    assert _read("The support for the toll is weak.") == []


def test_a_possessive_pronoun_resolves_like_its_pronoun() -> None:
    text = "Mara Ilves met the board. She stood by her claim that the ferry was safe."
    (q,) = extract_quotes(text, model=RULES_ONLY)
    assert q.speaker_name == "Mara Ilves"
