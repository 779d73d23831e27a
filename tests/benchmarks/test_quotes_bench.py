"""benchmarks/quotes.py and quote_scoring.py: kinds, per-role counting and per-fold totals.

Every text here is made up for the test.
"""

from __future__ import annotations

from collections import Counter

from conftest import load_benchmark

from newscorpus.spans import Span

bench = load_benchmark("quotes")
scoring = load_benchmark("quote_scoring")


def _frag(text: str, piece: str) -> tuple[tuple[int, int], ...]:
    start = text.index(piece)
    return ((start, start + len(piece)),)


# --- kinds ---------------------------------------------------------------------------------------


def test_a_content_all_in_quotation_marks_is_direct() -> None:
    text = 'Mara Ott said: "The bridge opens in May." Then she left.'
    assert scoring.content_kind(text, _frag(text, '"The bridge opens in May."')) == "direct"


def test_a_content_with_a_quoted_phrase_is_mixed() -> None:
    text = "Mara Ott said the bridge was “nearly done” and would open in May."
    content = _frag(text, "the bridge was “nearly done” and would open in May")
    assert scoring.content_kind(text, content) == "mixed"


def test_a_content_without_quotation_marks_is_indirect() -> None:
    text = "Mara Ott said the bridge would open in May."
    content = _frag(text, "the bridge would open in May")
    assert scoring.content_kind(text, content) == "indirect"


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "Ott said the town's bridge won't open before the mayor’s visit."
    content = _frag(text, "the town's bridge won't open before the mayor’s visit")
    assert scoring.content_kind(text, content) == "indirect"


def test_punctuation_outside_the_marks_keeps_a_content_direct() -> None:
    text = "“The bridge opens in May,” Ott said."
    assert scoring.content_kind(text, _frag(text, "“The bridge opens in May,”")) == "direct"


def test_both_pieces_of_an_interrupted_quote_make_one_direct_content() -> None:
    text = "“The bridge,” Ott said, “opens in May.”"
    content = _frag(text, "“The bridge,”") + _frag(text, "“opens in May.”")
    assert scoring.content_kind(text, content) == "direct"


def test_a_piece_ending_a_quotation_opened_before_it_is_inside() -> None:
    text = "“The bridge opens in May.\n\nThe road follows in June,” Ott said."
    assert scoring.content_kind(text, _frag(text, "The road follows in June,”")) == "direct"


def test_a_closing_shape_at_the_start_opens() -> None:
    text = "”The bridge opens in May,” Ott said."
    assert scoring.content_kind(text, _frag(text, "”The bridge opens in May,”")) == "direct"


# --- role spans ----------------------------------------------------------------------------------


def test_exact_begin_and_overlap_count_differently() -> None:
    gold = [(0, 10), (20, 30), (40, 50)]
    pred = [(0, 10), (20, 28), (41, 50), (60, 70)]  # exact; same start; overlap only; extra
    counts = scoring.span_counts(gold, pred)
    assert {how: counts[how].tp for how in ("exact", "begin", "overlap")} == {
        "exact": 1,
        "begin": 2,
        "overlap": 3,
    }


def test_span_counts_total_each_side() -> None:
    counts = scoring.span_counts([(0, 10), (20, 30)], [(0, 10), (40, 50), (60, 70)])
    assert (counts["exact"].n_gold, counts["exact"].n_pred) == (2, 3)


def test_overlap_below_half_of_the_union_does_not_match() -> None:
    assert scoring.span_counts([(0, 10)], [(6, 20)])["overlap"].tp == 0


def test_one_predicted_span_matches_one_gold_span_only() -> None:
    assert scoring.span_counts([(0, 10), (0, 9)], [(0, 10)])["begin"].tp == 1


def test_surrounding_whitespace_does_not_change_a_span() -> None:
    text = "Ott said the bridge opens. "
    assert scoring.role_spans(text, [((8, 26),)]) == scoring.role_spans(text, [((9, 27),)])


def test_a_source_shared_by_two_attributions_is_one_span() -> None:
    text = "Ott said the bridge opens and said the road follows."
    source = _frag(text, "Ott")
    gold = [
        scoring.Gold(_frag(text, "the bridge opens"), source, _frag(text, "said")),
        scoring.Gold(_frag(text, "the road follows"), source, ((30, 34),)),
    ]
    counts = scoring.role_counts(text, gold, [])
    assert counts["roles/all/source/exact"].n_gold == 1


def test_a_span_counts_for_its_kind_only() -> None:
    text = 'Ott said: "The bridge opens in May." Lind said the road would follow.'
    cue = _frag(text, "said")
    direct = scoring.Gold(_frag(text, '"The bridge opens in May."'), _frag(text, "Ott"), cue)
    indirect = scoring.Gold(_frag(text, "the road would follow"), _frag(text, "Lind"), ((42, 46),))
    pred = scoring.Predicted(direct.content, (0, 3), True, cue[0])
    counts = scoring.role_counts(text, [direct, indirect], [pred])
    assert counts["roles/direct/content/exact"].tp == 1
    assert counts["roles/direct/content/exact"].n_gold == 1
    assert counts["roles/indirect/content/exact"].n_gold == 1
    assert counts["roles/indirect/content/exact"].n_pred == 0


# --- per-fold report -----------------------------------------------------------------------------

SENTENCE = 'Ott said: "The bridge opens in May."'


def _article(name: str) -> object:
    gold = bench.Gold(
        _frag(SENTENCE, '"The bridge opens in May."'),
        _frag(SENTENCE, "Ott"),
        _frag(SENTENCE, "said"),
    )
    return bench.Article(name, SENTENCE, [gold])


def _quote(hit: bool) -> object:
    start = SENTENCE.index('"') if hit else 0
    return bench.Quote(start, len(SENTENCE), "direct", Span(0, 3), Span(4, 8), "Ott", 1.0)


def test_fold_results_add_up_to_the_totals() -> None:
    articles = [_article(f"synthetic-{i}") for i in range(12)]
    report = bench.score(articles, [[_quote(i % 3 == 0)] for i in range(12)], folds=3)
    for key, total in report.results.items():
        assert sum(f.results[key].tp for f in report.folds) == total.tp
        assert sum(f.results[key].n_gold for f in report.folds) == total.n_gold


def test_an_article_is_scored_in_the_fold_of_its_name() -> None:
    articles = [_article(f"synthetic-{i}") for i in range(12)]
    report = bench.score(articles, [[_quote(True)] for _ in articles], folds=3)
    sizes = {f.fold: f.articles for f in report.folds}
    expected = Counter(bench.fold_of(a.name, 3) for a in articles)
    assert sizes == dict(expected)


def test_spread_is_taken_over_the_folds() -> None:
    articles = [_article(f"synthetic-{i}") for i in range(30)]
    report = bench.score(articles, [[_quote(i % 2 == 0)] for i in range(30)], folds=3)
    f1s = [f.results["direct/overlap"].f1 for f in report.folds]
    assert report.spread("direct/overlap") == max(f1s) - min(f1s)


def test_the_json_report_carries_every_fold() -> None:
    articles = [_article(f"synthetic-{i}") for i in range(12)]
    report = bench.score(articles, [[_quote(True)] for _ in articles], folds=3)
    d = report.as_dict()
    assert [f["fold"] for f in d["per_fold"]] == [f.fold for f in report.folds]
    assert d["roles/direct/content/exact"]["f1"] == 1.0
