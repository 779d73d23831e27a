"""Extra cues: a cue finder's words read as cues besides the lists, and the learned cue detector.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

from newscorpus.preannotate.quotes import extract_quotes
from newscorpus.preannotate.quotes.cue_model import CueModel, stem, token_features
from newscorpus.preannotate.quotes.model import RULES_ONLY
from newscorpus.preannotate.quotes.scores import EXTRA_CUE
from newscorpus.preannotate.quotes.tokens import Tok

UNLISTED = "Brek blorfed that the ferry to Tallin would stop running on Sundays."
LISTED = "Brek said that the ferry to Tallin would stop running on Sundays."


def _word_finder(word: str):
    def find(toks: list[Tok], i0: int, i1: int) -> list[int]:
        return [k for k in range(i0, i1) if toks[k].low == word]

    return find


def _read(text: str, finder=None) -> list[tuple[str, str | None, str | None]]:
    return [
        (
            text[q.start : q.end],
            q.cue.text_of(text) if q.cue else None,
            q.speaker.text_of(text) if q.speaker else None,
        )
        for q in extract_quotes(text, model=RULES_ONLY, cue_finder=finder)
    ]


def test_an_unlisted_word_is_no_cue_without_a_finder() -> None:
    assert _read(UNLISTED) == []
    assert _read(LISTED) != []  # the same sentence with a listed cue is read


def test_an_extra_cue_reads_its_clause_and_subject() -> None:
    found = _read(UNLISTED, _word_finder("blorfed"))
    assert found == [
        ("that the ferry to Tallin would stop running on Sundays", "blorfed", "Brek"),
    ]


def test_an_extra_cue_scores_no_more_than_its_ceiling() -> None:
    quotes = extract_quotes(UNLISTED, model=RULES_ONLY, cue_finder=_word_finder("blorfed"))
    assert quotes and all(q.score <= EXTRA_CUE for q in quotes)


def test_an_extra_cue_on_a_listed_cue_changes_nothing() -> None:
    assert _read(LISTED, _word_finder("said")) == _read(LISTED)


def test_stem_strips_a_past_ending() -> None:
    assert stem("supported") == "support"


def test_stem_keeps_a_short_word() -> None:
    assert stem("is") == "is"


def _finder_hits(model: CueModel, text: str) -> list[str]:
    hits: list[str] = []
    finder = model.finder()

    def record(toks: list[Tok], i0: int, i1: int) -> list[int]:
        found = finder(toks, i0, i1)
        hits.extend(toks[k].low for k in found)
        return found

    extract_quotes(text, model=RULES_ONLY, cue_finder=record)
    return hits


def test_the_detector_gives_a_word_it_weighs_high() -> None:
    model = CueModel(weights={"w:blorfed": 6.0}, intercept=-3.0)
    assert _finder_hits(model, UNLISTED) == ["blorfed"]


def test_the_detector_never_gives_a_listed_cue() -> None:
    model = CueModel(weights={"w:said": 6.0}, intercept=-3.0)
    assert _finder_hits(model, LISTED) == []


def test_features_see_the_that_after_a_word() -> None:
    toks: list[Tok] = []

    def grab(t: list[Tok], i0: int, i1: int) -> list[int]:
        toks.extend(t[i0:i1])
        return []

    extract_quotes(UNLISTED, model=RULES_ONLY, cue_finder=grab)
    k = next(i for i, t in enumerate(toks) if t.low == "blorfed")
    assert "next:that" in token_features(toks, k, 0, len(toks))
