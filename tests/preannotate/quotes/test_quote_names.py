"""Speakers across paragraphs and their canonical names: a quoted paragraph continues the
previous speaker; pronouns, surnames and titles resolve to the full name.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

from quote_views import content_of, only_quote

from newscorpus.preannotate.quotes import extract_quotes
from newscorpus.preannotate.quotes.model import RULES_ONLY


def test_whole_quoted_paragraph_continues_the_previous_speaker() -> None:
    text = (
        '"We were never consulted," said Jonas Brek, the union secretary.\n\n'
        '"Not once in three years did the ministry pick up the phone."'
    )
    first, second = extract_quotes(text)
    assert content_of(text, second) == text.split("\n\n")[1]
    assert second.speaker == first.speaker and second.cue == first.cue
    assert second.speaker_name == "Jonas Brek"


def test_a_quoted_paragraph_after_a_reported_clause_stands_apart() -> None:
    text = (
        "Jonas Brek said the strike would go on until the ministry answers.\n\n"
        '"We will not go back to work before the ministry has answered every one of our letters."'
    )
    clause, quotation = extract_quotes(text, model=RULES_ONLY)
    assert content_of(text, quotation) == text.split("\n\n")[1]
    assert quotation.cue is None and quotation.speaker == clause.speaker


def test_pronoun_speaker_resolves_to_the_full_name_mentioned_before() -> None:
    text = 'Mara Ilves arrived at the quay before dawn.\n\n"We have waited long enough," she said.'
    q = only_quote(text)
    assert q.speaker is not None and q.speaker.text_of(text) == "she"
    assert q.speaker_name == "Mara Ilves"


def test_short_name_and_title_resolve_to_the_full_name() -> None:
    text = (
        "Opposition leader Jonas Brek called a news conference.\n\n"
        '"The sale is illegal," Brek said.\n\n'
        '"We will go to court," Mr. Brek added.'
    )
    assert [q.speaker_name for q in extract_quotes(text)] == ["Jonas Brek", "Jonas Brek"]


def test_an_apposition_or_a_parenthesis_is_not_part_of_the_name() -> None:
    text = (
        "Jonas Brek, the union secretary, said the strike would go on.\n\n"
        "Mara Ilves (Greens) said the port would close."
    )
    assert [q.speaker_name for q in extract_quotes(text)] == ["Jonas Brek", "Mara Ilves"]


def test_a_surname_written_first_resolves_to_the_full_name() -> None:
    text = 'Ryu Tae-joon, a harbour official, spoke first.\n\n"The port stays open," Ryu said.'
    assert only_quote(text).speaker_name == "Ryu Tae-joon"


def test_a_headline_in_title_case_is_not_a_name() -> None:
    text = 'Brek Says The Harbour Will Close Before Winter\n\n"We have no choice," Brek said.'
    assert {q.speaker_name for q in extract_quotes(text)} == {"Brek"}


def test_she_skips_a_man_named_more_recently() -> None:
    text = (
        "Mrs. Ilves chaired the meeting.\n\n"
        "Mr. Jonas Brek arrived late.\n\n"
        '"We vote today," she said.'
    )
    assert only_quote(text).speaker_name == "Ilves"


def test_a_surname_resolves_to_the_full_name_used_most_not_the_longest_run() -> None:
    text = (
        "Despite Jonas Brek leaving early, the talks went on. Jonas Brek returned at noon, and "
        'Jonas Brek spoke to the workers.\n\n"We will sign nothing," Brek said.'
    )
    assert only_quote(text).speaker_name == "Jonas Brek"


def test_a_surname_prefers_a_name_ending_with_it_over_a_headline_run() -> None:
    text = (
        'Brek Walks Out\n\nJonas Brek left the talks at noon.\n\n"We will sign nothing," Brek said.'
    )
    assert only_quote(text).speaker_name == "Jonas Brek"
