"""Quotation units: the marks paired into quotations (straight, curly, doubled apostrophes, British
single marks), quotations over several paragraphs, and quotes interrupted by their attribution.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

from quote_views import content_of, described, only_quote

from newscorpus.preannotate.quotes import extract_quotes


def test_straight_double_quotes_before_speaker_and_cue() -> None:
    text = '"We will keep the harbour open," Mara Ilves said.'
    assert described(text) == [
        ("direct", '"We will keep the harbour open,"', "Mara Ilves", "said", "Mara Ilves")
    ]


def test_curly_double_quotes() -> None:
    text = "“Prices will fall by spring,” the finance minister said on Tuesday."
    q = only_quote(text)
    assert (q.kind, content_of(text, q)) == ("direct", "“Prices will fall by spring,”")
    assert q.speaker is not None and q.speaker.text_of(text) == "the finance minister"


def test_british_single_quotes() -> None:
    text = "‘We will not back down on the levy,’ said Tomas Reed, the party leader."
    q = only_quote(text)
    assert content_of(text, q) == "‘We will not back down on the levy,’"
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text_of(text).startswith("Tomas Reed")


def test_single_quotes_nested_in_double_quotes_stay_inside_the_quote() -> None:
    text = "\"He told me 'the deal is dead' and walked out,\" said Ana Pol."
    q = only_quote(text)
    assert content_of(text, q) == "\"He told me 'the deal is dead' and walked out,\""
    assert q.speaker is not None and q.speaker.text_of(text) == "Ana Pol"


def test_doubled_apostrophes_used_as_quotation_marks() -> None:
    text = "''The talks went nowhere,'' Mr. Osk said."
    q = only_quote(text)
    assert (q.kind, content_of(text, q)) == ("direct", "''The talks went nowhere,''")


def test_quote_over_several_paragraphs_with_the_mark_repeated_at_each_paragraph() -> None:
    text = (
        'Ilves told the meeting: "We came here to load ships. We stayed for the town.\n\n'
        '"That is why we will fight the closure."'
    )
    q = only_quote(text)
    assert content_of(text, q) == (
        '"We came here to load ships. We stayed for the town.\n\n'
        '"That is why we will fight the closure."'
    )
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text_of(text) == "Ilves"


def test_quote_interrupted_by_its_attribution_between_sentences() -> None:
    text = '"The plan is dead," Ilves said. "We will have to start again."'
    quotes = extract_quotes(text)
    assert [content_of(text, q) for q in quotes] == [
        '"The plan is dead,"',
        '"We will have to start again."',
    ]
    assert quotes[0].cue == quotes[1].cue and quotes[0].speaker == quotes[1].speaker


def test_quote_interrupted_by_its_attribution_within_a_sentence() -> None:
    text = '"The plan," Ilves said, "is dead."'
    quotes = extract_quotes(text)
    assert [content_of(text, q) for q in quotes] == ['"The plan,"', '"is dead."']
    assert quotes[0].cue == quotes[1].cue and quotes[0].speaker == quotes[1].speaker
