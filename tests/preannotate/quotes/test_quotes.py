"""quotes.extract_quotes: one construction of news prose per test, on sentences written for them.

Every sentence here is made up (people, places and events are fictional). The seed test reads the
project's seed page from ../shared and the quality gate scores the PolNeAR train split there; both
skip where ../shared is absent.
"""

from __future__ import annotations

import random

import pytest
from conftest import load_benchmark, shared_path

from newscorpus.labels import QUOTE_KINDS
from newscorpus.preannotate.quotes.rules import QUOTES_MODEL_VERSION, Quote, extract_quotes


def _q(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(kind, content, speaker, cue, speaker_name) of each quote, for readable assertions."""
    return [
        (
            q.kind,
            text[q.start : q.end],
            q.speaker.text_of(text) if q.speaker else None,
            q.cue.text_of(text) if q.cue else None,
            q.speaker_name,
        )
        for q in extract_quotes(text)
    ]


def _only(text: str) -> Quote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, _q(text)
    return quotes[0]


def _content(text: str, q: Quote) -> str:
    return text[q.start : q.end]


# --- Quotation marks ---------------------------------------------------------------------------


def test_straight_double_quotes_before_speaker_and_cue() -> None:
    text = '"We will keep the harbour open," Mara Ilves said.'
    assert _q(text) == [
        ("direct", '"We will keep the harbour open,"', "Mara Ilves", "said", "Mara Ilves")
    ]


def test_curly_double_quotes() -> None:
    text = "“Prices will fall by spring,” the finance minister said on Tuesday."
    q = _only(text)
    assert (q.kind, _content(text, q)) == ("direct", "“Prices will fall by spring,”")
    assert q.speaker is not None and q.speaker.text_of(text) == "the finance minister"


def test_british_single_quotes() -> None:
    text = "‘We will not back down on the levy,’ said Tomas Reed, the party leader."
    q = _only(text)
    assert _content(text, q) == "‘We will not back down on the levy,’"
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text_of(text).startswith("Tomas Reed")


def test_single_quotes_nested_in_double_quotes_stay_inside_the_quote() -> None:
    text = "\"He told me 'the deal is dead' and walked out,\" said Ana Pol."
    q = _only(text)
    assert _content(text, q) == "\"He told me 'the deal is dead' and walked out,\""
    assert q.speaker is not None and q.speaker.text_of(text) == "Ana Pol"


def test_doubled_apostrophes_used_as_quotation_marks() -> None:
    text = "''The talks went nowhere,'' Mr. Osk said."
    q = _only(text)
    assert (q.kind, _content(text, q)) == ("direct", "''The talks went nowhere,''")


def test_quote_over_several_paragraphs_with_the_mark_repeated_at_each_paragraph() -> None:
    text = (
        'Ilves told the meeting: "We came here to load ships. We stayed for the town.\n\n'
        '"That is why we will fight the closure."'
    )
    q = _only(text)
    assert _content(text, q) == (
        '"We came here to load ships. We stayed for the town.\n\n'
        '"That is why we will fight the closure."'
    )
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text_of(text) == "Ilves"


def test_quote_interrupted_by_its_attribution_between_sentences() -> None:
    text = '"The plan is dead," Ilves said. "We will have to start again."'
    quotes = extract_quotes(text)
    assert [_content(text, q) for q in quotes] == [
        '"The plan is dead,"',
        '"We will have to start again."',
    ]
    assert quotes[0].cue == quotes[1].cue and quotes[0].speaker == quotes[1].speaker


def test_quote_interrupted_by_its_attribution_within_a_sentence() -> None:
    text = '"The plan," Ilves said, "is dead."'
    quotes = extract_quotes(text)
    assert [_content(text, q) for q in quotes] == ['"The plan,"', '"is dead."']
    assert quotes[0].cue == quotes[1].cue and quotes[0].speaker == quotes[1].speaker


# --- Speaker and cue ---------------------------------------------------------------------------


def test_speaker_before_cue() -> None:
    text = 'Ilves said, "We are ready for the vote."'
    assert _q(text) == [("direct", '"We are ready for the vote."', "Ilves", "said", "Ilves")]


def test_speaker_after_cue() -> None:
    text = '"We are ready for the vote," said Councillor Bram Teller.'
    q = _only(text)
    assert q.speaker is not None and "Bram Teller" in q.speaker.text_of(text)
    assert q.cue is not None and q.cue.text_of(text) == "said"


def test_apposition_between_speaker_and_cue() -> None:
    text = (
        "Mara Ilves, director of the Port of Tarnby authority, said the harbour would stay "
        "open through the winter."
    )
    assert _q(text) == [
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
    q = _only(text)
    assert q.speaker is not None and q.speaker.text_of(text).startswith("Ilves")


def test_according_to_after_the_claim() -> None:
    text = "The port will close in May, according to the harbour master."
    assert _q(text) == [
        ("indirect", "The port will close in May", "the harbour master", "according to", None)
    ]


def test_according_to_before_the_claim() -> None:
    text = "According to the dockers' union, 400 jobs are at risk."
    q = _only(text)
    assert _content(text, q) == "400 jobs are at risk"
    assert q.speaker is not None and q.speaker.text_of(text) == "the dockers' union"


def test_colon_introduction_in_the_same_paragraph() -> None:
    text = 'The mayor said: "Nobody will lose their job."'
    q = _only(text)
    assert (q.kind, _content(text, q)) == ("direct", '"Nobody will lose their job."')
    assert q.speaker is not None and q.speaker.text_of(text) == "The mayor"


def test_colon_introduction_of_the_next_paragraph() -> None:
    text = 'Speaking to reporters, Mayor Lena Voss said:\n\n"Nobody will lose their job."'
    q = _only(text)
    assert _content(text, q) == '"Nobody will lose their job."'
    assert q.speaker is not None and q.speaker.text_of(text).endswith("Lena Voss")


def test_quoted_as_saying() -> None:
    text = 'Ilves was quoted as saying, "The port is not for sale."'
    q = _only(text)
    assert _content(text, q) == '"The port is not for sale."'
    assert q.speaker is not None and q.speaker.text_of(text) == "Ilves"


def test_whole_quoted_paragraph_continues_the_previous_speaker() -> None:
    text = (
        '"We were never consulted," said Jonas Brek, the union secretary.\n\n'
        '"Not once in three years did the ministry pick up the phone."'
    )
    first, second = extract_quotes(text)
    assert _content(text, second) == text.split("\n\n")[1]
    assert second.speaker == first.speaker and second.cue == first.cue
    assert second.speaker_name == "Jonas Brek"


def test_pronoun_speaker_resolves_to_the_full_name_mentioned_before() -> None:
    text = 'Mara Ilves arrived at the quay before dawn.\n\n"We have waited long enough," she said.'
    q = _only(text)
    assert q.speaker is not None and q.speaker.text_of(text) == "she"
    assert q.speaker_name == "Mara Ilves"


def test_short_name_and_title_resolve_to_the_full_name() -> None:
    text = (
        "Opposition leader Jonas Brek called a news conference.\n\n"
        '"The sale is illegal," Brek said.\n\n'
        '"We will go to court," Mr. Brek added.'
    )
    assert [q.speaker_name for q in extract_quotes(text)] == ["Jonas Brek", "Jonas Brek"]


# --- Indirect speech ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("Ilves said the strike would spread.", "said", "the strike would spread"),
        (
            "Ilves told reporters that the strike would spread.",
            "told",
            "that the strike would spread",
        ),
        (
            "The union warned that the strike would spread.",
            "warned",
            "that the strike would spread",
        ),
        ("Ilves claimed the figures were wrong.", "claimed", "the figures were wrong"),
        ("Ilves denied that she had met the buyer.", "denied", "that she had met the buyer"),
        ("Ilves added that talks would resume.", "added", "that talks would resume"),
        ("Ilves noted that the port made a profit.", "noted", "that the port made a profit"),
        ("Ilves insisted the sale was illegal.", "insisted", "the sale was illegal"),
        (
            "Ilves argued that the port should stay public.",
            "argued",
            "that the port should stay public",
        ),
        (
            "Ilves accused the ministry of hiding the price.",
            "accused",
            "the ministry of hiding the price",
        ),
    ],
)
def test_indirect_speech_with_a_reporting_verb(sentence: str, cue: str, content: str) -> None:
    q = _only(sentence)
    assert q.kind == "indirect"
    assert _content(sentence, q) == content
    assert q.cue is not None and q.cue.text_of(sentence) == cue
    assert q.speaker is not None and q.speaker.text_of(sentence) in ("Ilves", "The union")


def test_indirect_speech_with_a_quoted_phrase_is_mixed() -> None:
    text = 'Ilves said the offer was "an insult to every docker."'
    q = _only(text)
    assert (q.kind, _content(text, q)) == ("mixed", 'the offer was "an insult to every docker."')


def test_clause_before_speaker_and_cue() -> None:
    text = "The port has made a profit for nine years, the minister said."
    q = _only(text)
    assert _content(text, q) == "The port has made a profit for nine years"
    assert q.speaker is not None and q.speaker.text_of(text) == "the minister"


def test_negated_cue_is_only_a_low_score_suggestion() -> None:
    """PolNeAR annotates "did not say X" as an attribution; annotators see it ranked last."""
    text = "Ilves did not say what the price would be."
    q = _only(text)
    assert _content(text, q) == "what the price would be"
    assert q.score <= 0.3


def test_day_of_the_week_is_not_the_speaker() -> None:
    text = "Tarnby on Wednesday accused its neighbour of moving troops to the border."
    q = _only(text)
    assert q.speaker is not None and q.speaker.text_of(text) == "Tarnby"


# --- Robustness --------------------------------------------------------------------------------


# --- Constructions found in the PolNeAR train misses (sentences written here) ---------------


def test_that_clause_with_a_quotation_after_an_unlisted_verb() -> None:
    text = 'Ona Brek fumed to the dock workers that the port authority "never listens to us."'
    assert _q(text) == [
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
    q = _only(text)
    assert (q.kind, _content(text, q)) == ("mixed", 'that "every ferry" would run on time')
    assert q.cue is not None and q.cue.text_of(text) == "assertion"
    assert q.speaker is not None and q.speaker.text_of(text).startswith("Ilves")


def test_unlisted_verb_between_a_quotation_and_the_end_of_the_clause() -> None:
    text = '"Sit down," Mayor Dana Holt barked.'
    assert _q(text) == [("direct", '"Sit down,"', "Mayor Dana Holt", "barked", "Dana Holt")]


def test_quotation_introduced_by_a_colon_inside_the_content() -> None:
    text = 'Holt repeated her simple message: "Vote early, vote often."'
    q = _only(text)
    assert (q.kind, _content(text, q)) == ("direct", '"Vote early, vote often."')


def test_object_verb_portraying_someone_as_a_quotation() -> None:
    text = 'The new advert portrays the senator as "out of touch with the valley."'
    assert _q(text) == [
        (
            "mixed",
            'the senator as "out of touch with the valley."',
            "The new advert",
            "portrays",
            None,
        )
    ]


def test_quotations_listed_right_after_a_chant() -> None:
    text = 'The marchers chanted "Fair pay now" and "No more cuts" outside the hall.'
    quotes = extract_quotes(text)
    assert [_content(text, q) for q in quotes] == ['"Fair pay now"', '"No more cuts"']
    assert {
        (q.speaker.text_of(text), q.cue.text_of(text)) for q in quotes if q.speaker and q.cue
    } == {("The marchers", "chanted")}


@pytest.mark.parametrize(
    "text",
    [
        'Holt was quick to say that the budget was "balanced to the cent."',
        'Holt took to Twitter to say that the budget was "balanced to the cent."',
    ],
)
def test_report_introduced_by_to_say(text: str) -> None:
    q = _only(text)
    assert _content(text, q) == 'that the budget was "balanced to the cent."'
    assert q.speaker is not None and q.speaker.text_of(text) == "Holt"


def test_apposition_inside_the_reported_clause() -> None:
    text = 'Ilves said that Holt, a former judge, was "unfit for the job."'
    q = _only(text)
    assert _content(text, q) == 'that Holt, a former judge, was "unfit for the job."'


def test_name_given_as_a_list_of_quotations() -> None:
    text = 'Ilves called the plan "reckless" and "cruel" on Monday.'
    q = _only(text)
    assert _content(text, q).startswith('the plan "reckless" and "cruel"')


def test_closing_report_takes_the_clause_before_weaker_cues() -> None:
    text = "The ferry firm plans to close two docks next year, people familiar with the talks said."
    assert _q(text) == [
        (
            "indirect",
            "The ferry firm plans to close two docks next year",
            "people familiar with the talks",
            "said",
            None,
        )
    ]


def test_cue_verb_capitalized_in_a_title_case_headline() -> None:
    text = "Mayor Holt Says Budget Cuts Threaten Harbour Schools"
    q = _only(text)
    assert _content(text, q) == "Budget Cuts Threaten Harbour Schools"
    assert q.speaker is not None and q.speaker.text_of(text) == "Mayor Holt"
    assert q.cue is not None and q.cue.text_of(text) == "Says"


def test_according_to_a_document_published_on_a_day() -> None:
    text = "According to a report published Monday, the cannery will close in May."
    q = _only(text)
    assert _content(text, q) == "the cannery will close in May"


def test_place_phrase_between_the_cue_and_the_quotation() -> None:
    text = 'Ilves, who spoke first, declared in the debate spin room, "We are ready."'
    q = _only(text)
    assert (q.kind, _content(text, q)) == ("direct", '"We are ready."')


def test_inverted_unlisted_verb_after_a_quotation() -> None:
    text = '"This is fantastic!" beamed Donald Hartley.'
    assert _q(text) == [
        ("direct", '"This is fantastic!"', "Donald Hartley", "beamed", "Donald Hartley")
    ]


def test_sign_reading_a_quotation() -> None:
    text = 'Holt wore a cap reading, "Harbour First" at the rally.'
    q = _only(text)
    assert (q.kind, _content(text, q)) == ("direct", '"Harbour First"')
    assert q.cue is not None and q.cue.text_of(text) == "reading"


def test_question_asked_by_a_named_asker() -> None:
    text = 'Asked by a radio host whether she would run again, Holt said, "Not this time."'
    assert _q(text) == [
        ("indirect", "whether she would run again", "a radio host", "Asked", None),
        ("direct", '"Not this time."', "Holt", "said", "Holt"),
    ]


def test_opening_participle_with_a_quotation_takes_the_subject_after_it() -> None:
    text = (
        'Citing "urgent duties at home," the mayor\'s spokeswoman told reporters that Holt would'
        " skip the summit."
    )
    first = extract_quotes(text)[0]
    assert (first.kind, _content(text, first)) == ("direct", '"urgent duties at home,"')
    assert first.speaker is not None
    assert first.speaker.text_of(text) == "the mayor's spokeswoman"


def test_knowing_reports_a_that_clause_but_not_a_plain_object() -> None:
    text = "Holt knew that the harbour would flood by spring. Holt knows the harbour well."
    assert _q(text) == [
        ("indirect", "that the harbour would flood by spring", "Holt", "knew", "Holt")
    ]


def test_empty_and_blank_text_give_no_quotes() -> None:
    assert extract_quotes("") == []
    assert extract_quotes(" \n\n ") == []


def test_unbalanced_quotation_mark_gives_fewer_quotes_not_an_error() -> None:
    text = 'Ilves said "this never ends and the page was cut here'
    for q in extract_quotes(text):
        assert 0 <= q.start < q.end <= len(text)


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = 'Łódź 🚢 harbour. "We stay," Żaneta Kos said.'
    q = _only(text)
    assert _content(text, q) == '"We stay,"'
    assert q.speaker is not None and q.speaker.text_of(text) == "Żaneta Kos"


_FIXTURES = [
    '"We will keep the harbour open," Mara Ilves said. "Nobody asked us."',
    "‘We will not back down,’ said Tomas Reed. He added that the levy was 'unfair'.",
    'Ilves told the meeting: "We came here to load ships.\n\n"That is why we fight."',
    "The port will close in May, according to the harbour master.\n\nAccording to the union, "
    "400 jobs are at risk, Brek said, adding: “We will strike.”",
    "''The talks went nowhere,'' Mr. Osk said. He denied that the deal was dead.",
    'Mayor Lena Voss said:\n\n"Nobody will lose their job."\n\n"Not one," she said.',
]


def test_random_slices_never_raise_and_spans_stay_inside_the_text() -> None:
    """Property: any cut of any fixture (a truncated page) gives valid, ordered quotes."""
    rng = random.Random(20250403)
    for _ in range(3000):
        source = rng.choice(_FIXTURES)
        a = rng.randrange(len(source) + 1)
        b = rng.randrange(a, len(source) + 1)
        text = source[a:b]
        quotes = extract_quotes(text)
        last_end = 0
        for q in quotes:
            assert 0 <= q.start < q.end <= len(text), (text, q)
            assert q.start >= last_end, (text, quotes)  # sorted, never overlapping
            last_end = q.end
            assert q.kind in QUOTE_KINDS
            assert 0.0 <= q.score <= 1.0
            for span in (q.speaker, q.cue):
                assert span is None or 0 <= span.start < span.end <= len(text), (text, q)


def test_model_version_is_versioned() -> None:
    assert QUOTES_MODEL_VERSION == "quotes-rules-v2"


# --- The seed page -----------------------------------------------------------------------------


def _seed_body(page: str) -> str:
    """The seven body paragraphs of the seed page, joined like the corpus `text`."""
    lines = page.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("A senior North Korean"))
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("(Yonhap)"))
    return "\n\n".join(line.strip() for line in lines[start : end + 1] if line.strip())


def _by(text: str, quotes: list[Quote], speaker_name: str, cue: str) -> list[Quote]:
    return [
        q
        for q in quotes
        if q.speaker_name == speaker_name and q.cue is not None and q.cue.text_of(text) == cue
    ]


def test_seed_page_quotes_speakers_and_cues(seed_page: str) -> None:
    text = _seed_body(seed_page)
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 7
    quotes = extract_quotes(text)

    # Both direct quotes of Kwon; the second is a whole paragraph of its own.
    kwon_direct = [q for q in _by(text, quotes, "Kwon Jong-gun", "said") if q.kind == "direct"]
    assert [_content(text, q) for q in kwon_direct] == [
        paragraphs[3][: paragraphs[3].index('"', 1) + 1],
        paragraphs[4],
    ]
    assert kwon_direct[0].speaker == kwon_direct[1].speaker
    assert kwon_direct[0].speaker is not None
    assert kwon_direct[0].speaker.text_of(text) == "Kwon"

    # Kwon's indirect claim: "Kwon Jong-gun, director-general ..., claimed the U.S. ..."
    (claim,) = _by(text, quotes, "Kwon Jong-gun", "claimed")
    assert claim.kind in ("indirect", "mixed")
    assert claim.speaker is not None and claim.speaker.text_of(text) == "Kwon Jong-gun"
    assert _content(text, claim).startswith("the U.S. again talked about")

    # "Kwon" and "Kwon Jong-gun" are one speaker.
    assert {q.speaker_name for q in quotes if q.speaker and "Kwon" in q.speaker.text_of(text)} == {
        "Kwon Jong-gun"
    }

    # Kim Yo-jong: Washington is crossing the "red line."
    (kim,) = _by(text, quotes, "Kim Yo-jong", "said")
    assert kim.kind in ("indirect", "mixed")
    assert _content(text, kim).startswith("Washington is crossing the")

    # The U.S. said North Korea continues to provide ammunition to Russia.
    us = [
        q
        for q in quotes
        if q.speaker is not None
        and q.speaker.text_of(text) == "the U.S."
        and q.cue is not None
        and q.cue.text_of(text) == "said"
    ]
    assert len(us) == 1 and us[0].kind == "indirect"
    assert _content(text, us[0]).startswith("North Korea continues to provide ammunition")

    # "Kwon did not say what he meant ...": at most a low-score suggestion.
    p5 = text.index(paragraphs[5])
    assert all(q.score <= 0.3 for q in quotes if p5 <= q.start < p5 + len(paragraphs[5]))


# --- Quality gate on PolNeAR train -------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
def test_polnear_train_meets_the_quality_floors() -> None:
    """The extractor's floors on the whole train split, against the pinned evaluation data."""
    data = shared_path("data", "polnear-train")
    bench = load_benchmark("quotes")
    report = bench.evaluate(data, passes=1)
    assert report.fingerprint == bench.DATA_SHA256, "evaluation data changed: re-pin or restore"
    direct = report.results["direct/overlap"]
    every = report.results["all/overlap"]
    assert direct.f1 >= bench.MIN_DIRECT_F1, report.as_dict()
    assert direct.speaker_accuracy >= bench.MIN_DIRECT_SPEAKER, report.as_dict()
    assert every.f1 >= bench.MIN_ALL_F1, report.as_dict()
