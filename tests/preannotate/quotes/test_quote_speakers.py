"""Reading a cue: its speaker before it, after it, past an apposition, after `according to`, and
the verbs that do not report where they stand (a day, "to say", a question, a negation).

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

import pytest
from quote_views import content_of, described, only_quote, rules_only_quote

from newscorpus.preannotate.quotes import extract_quotes
from newscorpus.preannotate.quotes.model import RULES_ONLY


def test_speaker_before_cue() -> None:
    text = 'Ilves said, "We are ready for the vote."'
    assert described(text) == [("direct", '"We are ready for the vote."', "Ilves", "said", "Ilves")]


def test_speaker_after_cue() -> None:
    text = '"We are ready for the vote," said Councillor Bram Teller.'
    q = only_quote(text)
    assert q.speaker is not None and "Bram Teller" in q.speaker.text_of(text)
    assert q.cue is not None and q.cue.text_of(text) == "said"


def test_apposition_between_speaker_and_cue() -> None:
    text = (
        "Mara Ilves, director of the Port of Tarnby authority, said the harbour would stay "
        "open through the winter."
    )
    assert described(text) == [
        (
            "indirect",
            "the harbour would stay open through the winter",
            "Mara Ilves",
            "said",
            "Mara Ilves",
        )
    ]


def test_apposition_after_the_quotation() -> None:
    text = '"Nobody asked us," Ilves, 52, a former crane driver, said.'
    q = only_quote(text)
    assert q.speaker is not None and q.speaker.text_of(text).startswith("Ilves")


def test_according_to_before_the_claim() -> None:
    text = "According to the dockers' union, 400 jobs are at risk."
    q = only_quote(text)
    assert content_of(text, q) == "400 jobs are at risk"
    assert q.speaker is not None and q.speaker.text_of(text) == "the dockers' union"


def test_quoted_as_saying() -> None:
    text = 'Ilves was quoted as saying, "The port is not for sale."'
    q = only_quote(text)
    assert content_of(text, q) == '"The port is not for sale."'
    assert q.speaker is not None and q.speaker.text_of(text) == "Ilves"


def test_day_of_the_week_is_not_the_speaker() -> None:
    text = "Tarnby on Wednesday accused its neighbour of moving troops to the border."
    q = only_quote(text)
    assert q.speaker is not None and q.speaker.text_of(text) == "Tarnby"


@pytest.mark.parametrize(
    "text",
    [
        'Holt was quick to say that the budget was "balanced to the cent."',
        'Holt took to Twitter to say that the budget was "balanced to the cent."',
    ],
)
def test_report_introduced_by_to_say(text: str) -> None:
    q = only_quote(text)
    assert content_of(text, q) == 'that the budget was "balanced to the cent."'
    assert q.speaker is not None and q.speaker.text_of(text) == "Holt"


def test_question_asked_by_a_named_asker() -> None:
    text = 'Asked by a radio host whether she would run again, Holt said, "Not this time."'
    assert described(text) == [
        ("indirect", "whether she would run again", "a radio host", "Asked", None),
        ("direct", '"Not this time."', "Holt", "said", "Holt"),
    ]


def test_opening_participle_with_a_quotation_takes_the_subject_after_it() -> None:
    text = (
        'Citing "urgent duties at home," the mayor\'s spokeswoman told reporters that Holt would'
        " skip the summit."
    )
    first = extract_quotes(text)[0]
    assert (first.kind, content_of(text, first)) == ("direct", '"urgent duties at home,"')
    assert first.speaker is not None
    assert first.speaker.text_of(text) == "the mayor's spokeswoman"


def test_inverted_unlisted_verb_after_a_quotation() -> None:
    text = '"This is fantastic!" beamed Donald Hartley.'
    assert described(text) == [
        ("direct", '"This is fantastic!"', "Donald Hartley", "beamed", "Donald Hartley")
    ]


def test_negated_cue_is_only_a_low_score_suggestion() -> None:
    """PolNeAR annotates "did not say X" as an attribution; annotators see it ranked last."""
    text = "Ilves did not say what the price would be."
    q = only_quote(text)
    assert content_of(text, q) == "what the price would be"
    assert q.score <= 0.3


def test_a_relative_pronoun_stays_in_the_speaker_and_the_name_is_its_antecedent() -> None:
    """PolNeAR marks "who" as the source of "X, who said ..."; the name is X's."""
    text = "The first caller was Glenn Ostrow, who said the ferry was late again."
    q = only_quote(text)
    assert q.speaker is not None and q.speaker.text_of(text) == "Glenn Ostrow, who"
    assert q.speaker_name == "Glenn Ostrow"


def test_an_inverted_speaker_may_open_with_a_capitalized_cue_word() -> None:
    text = '"He does nothing for the town," said State Senator Ona Brek.'
    q = rules_only_quote(text)
    assert q.speaker is not None and q.speaker.text_of(text) == "State Senator Ona Brek"


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("Officials expect the bank to raise rates.", "Officials", "the bank to raise rates"),
        ("Several oppose the ferry deal.", "Several", "the ferry deal"),
    ],
)
def test_a_base_form_after_a_plural_subject_is_a_verb(
    sentence: str, speaker: str, content: str
) -> None:
    q = rules_only_quote(sentence)
    assert q.speaker is not None and q.speaker.text_of(sentence) == speaker
    assert content_of(sentence, q) == content


def test_a_base_form_after_a_singular_noun_is_still_a_noun() -> None:
    text = "The Brek support for the ferry plan was strong."
    assert extract_quotes(text, model=RULES_ONLY) == []


def test_a_base_form_after_two_joined_subjects_is_a_verb() -> None:
    text = "Vik and Dun criticize the harbour board."
    assert content_of(text, rules_only_quote(text)) == "the harbour board"


def test_those_who_said_is_the_speaker_of_a_relative_clause_cue() -> None:
    text = "Among those who said they cared about the ferry, most backed Vik."
    found = extract_quotes(text, model=RULES_ONLY)
    assert any(
        content_of(text, q) == "they cared about the ferry"
        and q.speaker is not None
        and q.speaker.text_of(text) == "those who"
        for q in found
    ), found


def test_a_base_form_after_went_on_to_is_a_verb() -> None:
    text = "Ona Brek went on to criticize the harbour board."
    q = rules_only_quote(text)
    assert content_of(text, q) == "the harbour board"
    assert q.speaker is not None and q.speaker.text_of(text) == "Ona Brek"
