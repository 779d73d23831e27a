"""Speakers across paragraphs and their canonical names: a quoted paragraph continues the
previous speaker; pronouns, surnames and titles resolve to the full name.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

from quote_views import content_of, only_quote

from newscorpus.preannotate.quotes import extract_quotes


def test_whole_quoted_paragraph_continues_the_previous_speaker() -> None:
    text = (
        '"We were never consulted," said Jonas Brek, the union secretary.\n\n'
        '"Not once in three years did the ministry pick up the phone."'
    )
    first, second = extract_quotes(text)
    assert content_of(text, second) == text.split("\n\n")[1]
    assert second.speaker == first.speaker and second.cue == first.cue
    assert second.speaker_name == "Jonas Brek"


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
