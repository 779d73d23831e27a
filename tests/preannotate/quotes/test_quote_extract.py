"""extract_quotes as a whole: robustness on any input, the version, the project's seed page and the
quality gate on PolNeAR train. The seed test reads the seed page from ../shared and the gate
scores the PolNeAR train split there; both skip where ../shared is absent.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

import random

import pytest
from conftest import load_benchmark, shared_path
from quote_views import content_of, only_quote

from newscorpus.labels import QUOTE_KINDS
from newscorpus.preannotate.quotes import QUOTES_MODEL_VERSION, Quote, extract_quotes


def test_empty_and_blank_text_give_no_quotes() -> None:
    assert extract_quotes("") == []
    assert extract_quotes(" \n\n ") == []


def test_unbalanced_quotation_mark_gives_fewer_quotes_not_an_error() -> None:
    text = 'Ilves said "this never ends and the page was cut here'
    for q in extract_quotes(text):
        assert 0 <= q.start < q.end <= len(text)


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = 'Łódź 🚢 harbour. "We stay," Żaneta Kos said.'
    q = only_quote(text)
    assert content_of(text, q) == '"We stay,"'
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
    assert QUOTES_MODEL_VERSION == "quotes-rules-v5"


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
    assert [content_of(text, q) for q in kwon_direct] == [
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
    assert content_of(text, claim).startswith("the U.S. again talked about")

    # "Kwon" and "Kwon Jong-gun" are one speaker.
    assert {q.speaker_name for q in quotes if q.speaker and "Kwon" in q.speaker.text_of(text)} == {
        "Kwon Jong-gun"
    }

    # Kim Yo-jong: Washington is crossing the "red line."
    (kim,) = _by(text, quotes, "Kim Yo-jong", "said")
    assert kim.kind in ("indirect", "mixed")
    assert content_of(text, kim).startswith("Washington is crossing the")

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
    assert content_of(text, us[0]).startswith("North Korea continues to provide ammunition")

    # "Kwon did not say what he meant ...": at most a low-score suggestion.
    p5 = text.index(paragraphs[5])
    assert all(q.score <= 0.3 for q in quotes if p5 <= q.start < p5 + len(paragraphs[5]))


# Floors of the gate, just below the held-out (nested cross-validated) figures of
# `quotes-rules-v5` with its model (benchmarks/quotes_model.py): direct F1 0.911, direct speaker
# accuracy 0.935, all-attribution F1 0.684, trimmed 0.569. The gate itself scores the packaged
# model on the split it was trained on, so it sits above them.
MIN_DIRECT_F1 = 0.90
MIN_DIRECT_SPEAKER = 0.93
MIN_ALL_F1 = 0.675
MIN_ALL_TRIMMED_F1 = 0.56
# Canonical names (benchmarks/quote_names.py, silver reference for pronouns): full 0.885,
# partial 0.826, pronoun 0.702.
MIN_NAMES = {"full name": 0.88, "partial name": 0.82, "pronoun": 0.69}


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
    assert direct.f1 >= max(bench.MIN_DIRECT_F1, MIN_DIRECT_F1), report.as_dict()
    assert direct.speaker_accuracy >= max(bench.MIN_DIRECT_SPEAKER, MIN_DIRECT_SPEAKER)
    assert every.f1 >= max(bench.MIN_ALL_F1, MIN_ALL_F1), report.as_dict()
    assert report.results["all/trimmed"].f1 >= MIN_ALL_TRIMMED_F1, report.as_dict()


@pytest.mark.shared
@pytest.mark.slow
def test_polnear_train_speaker_names_meet_their_floors() -> None:
    data = shared_path("data", "polnear-train")
    report = load_benchmark("quote_names").evaluate(data)
    rates = {kind: t.rate() for kind, t in report.totals.items()}
    assert all(rates[kind] >= floor for kind, floor in MIN_NAMES.items()), rates
