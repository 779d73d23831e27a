"""Attributions without a listed cue verb: a that-clause holding a quotation after an unlisted
verb or a claim noun.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

from quote_views import content_of, described, only_quote, rules_only_quote

from newscorpus.preannotate.quotes import extract_quotes
from newscorpus.preannotate.quotes.model import RULES_ONLY


def test_that_clause_with_a_quotation_after_an_unlisted_verb() -> None:
    text = 'Ona Brek fumed to the dock workers that the port authority "never listens to us."'
    assert described(text) == [
        (
            "mixed",
            'that the port authority "never listens to us."',
            "Ona Brek",
            "fumed",
            "Ona Brek",
        )
    ]


def test_that_clause_with_a_quotation_after_a_claim_noun() -> None:
    text = 'Critics seized on Ilves\'s assertion that "every ferry" would run on time.'
    q = only_quote(text)
    assert (q.kind, content_of(text, q)) == ("mixed", 'that "every ferry" would run on time')
    assert q.cue is not None and q.cue.text_of(text) == "assertion"
    assert q.speaker is not None and q.speaker.text_of(text).startswith("Ilves")


def test_an_expectation_without_a_subject_is_its_complement_alone() -> None:
    text = "It is expected to rise to three percent this year."
    found = extract_quotes(text, model=RULES_ONLY)
    assert [content_of(text, q) for q in found] == ["to rise to three percent this year"]
    assert found[0].speaker is None


def test_a_quotation_after_a_passive_speech_verb_and_a_comma() -> None:
    text = "At the forum on Monday, Ona Brek was asked, “Which ferry runs first?”"
    q = rules_only_quote(text)
    assert (q.kind, content_of(text, q)) == ("direct", "“Which ferry runs first?”")
    assert q.cue is not None and q.cue.text_of(text) == "asked"
    assert q.speaker is None


def test_a_quotation_after_an_infinitive_speech_verb_takes_the_subject() -> None:
    text = "The harbour master interrupted the meeting to announce, “The dock is closed.”"
    q = rules_only_quote(text)
    assert content_of(text, q) == "“The dock is closed.”"
    assert q.cue is not None and q.cue.text_of(text) == "announce"
    assert q.speaker is not None and q.speaker.text_of(text) == "The harbour master"
