"""A reviewer's submissions -> decisions and gold rows, and gold folded with them (pure)."""

from __future__ import annotations

from team_rows import (
    ARTICLE,
    MAYOR,
    Q1,
    Q2,
    SAID,
    SHA,
    TOLD,
    TRADERS,
    quote,
    ref,
    stance,
    task_data,
)

from newscorpus.annotate.gold import Gold, on_current_texts, resolve_gold
from newscorpus.annotate.labelstudio.decisions import (
    ADJUDICATION,
    CORRECTED,
    KEPT,
    REJECTED,
    UNDECIDED,
    Adjudicated,
    Review,
    decide,
    fold,
)
from newscorpus.annotate.labelstudio.disagreements import find_disagreements, review_task
from newscorpus.annotate.validate import Flattened

ORIGIN = "labelstudio:campaign-review"
A, B = ref("11", "ann-a"), ref("12", "ann-b")


def _stance_review() -> Review:
    (d,) = find_disagreements([], [stance("11", "favor"), stance("12", "against")], [A, B])
    return Review(7, review_task(d, task_data())["data"], "90", "ann-r", None)


def _span_review() -> Review:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("11", Q2, TRADERS, TOLD, "indirect"),
              quote("12", Q1, MAYOR, SAID)]  # fmt: skip
    (d,) = find_disagreements(quotes, [], [A, B])
    return Review(8, review_task(d, task_data())["data"], "91", "ann-r", None)


def _reviewer(stances: list[dict] = (), quotes: list[dict] = ()) -> Flattened:  # type: ignore[assignment]
    return Flattened(quotes=list(quotes), stance=list(stances))


def test_a_stance_an_annotator_chose_is_kept_with_its_provenance() -> None:
    out = decide([_stance_review()], _reviewer([stance("90", "against")]), ORIGIN)
    (row,) = out.stance
    assert (row["stance"], row["resolution"], row["decision"]) == ("against", ADJUDICATION, KEPT)
    assert (row["support"], row["annotations"], row["reviewer"]) == (1, 2, "ann-r")
    assert (row["reviewed_annotations"], row["origin"]) == (["11", "12"], ORIGIN)
    assert out.decisions[0]["decision"] == KEPT and out.decisions[0]["gold_rows"] == 1


def test_a_stance_no_annotator_chose_is_corrected() -> None:
    out = decide([_stance_review()], _reviewer([stance("90", "neutral")]), ORIGIN)
    assert (out.stance[0]["decision"], out.stance[0]["support"]) == (CORRECTED, 0)


def test_no_stance_chosen_is_undecided_and_gives_no_gold() -> None:
    out = decide([_stance_review()], _reviewer([stance("90", None)]), ORIGIN)
    assert out.stance == [] and out.decisions[0]["decision"] == UNDECIDED


def test_an_annotators_quote_as_it_was_is_kept() -> None:
    mine = quote("91", Q2, TRADERS, TOLD, "indirect")
    out = decide([_span_review()], _reviewer(quotes=[mine]), ORIGIN)
    (row,) = out.quotes
    assert (row["start"], row["end"], row["decision"], row["support"]) == (*Q2, KEPT, 1)
    assert (row["annotation_id"], row["kind_source"], row["resolution"]) == (
        "91",
        "human",
        ADJUDICATION,
    )


def test_a_quote_with_another_speaker_is_corrected() -> None:
    out = decide(
        [_span_review()], _reviewer(quotes=[quote("91", Q2, MAYOR, TOLD, "indirect")]), ORIGIN
    )
    assert out.quotes[0]["decision"] == CORRECTED


def test_no_quote_in_the_stretch_is_rejected_and_quotes_elsewhere_are_left_out() -> None:
    out = decide([_span_review()], _reviewer(quotes=[quote("91", Q1, MAYOR, SAID)]), ORIGIN)
    assert out.quotes == [] and out.decisions[0]["decision"] == REJECTED


def _agreement_gold() -> Gold:
    """Two annotators: both marked Q1, only ann-a marked Q2; they chose different stances."""
    quotes = [quote("11", Q1, MAYOR, SAID), quote("11", Q2, TRADERS, TOLD, "indirect"),
              quote("12", Q1, MAYOR, SAID)]  # fmt: skip
    return resolve_gold(quotes, [stance("11", "favor"), stance("12", "against")], [A, B])


def test_agreement_gold_has_the_ties_a_review_resolves() -> None:
    gold = _agreement_gold()
    assert [t["item"] for t in gold.ties] == ["stance", "quote"]
    assert [(q["start"], q["resolution"]) for q in gold.quotes] == [(Q1[0], "majority")]


def test_folding_a_stance_decision_replaces_the_tie() -> None:
    adjudicated = decide([_stance_review()], _reviewer([stance("90", "against")]), ORIGIN)
    gold = fold(_agreement_gold(), adjudicated)
    assert [(r["stance"], r["resolution"]) for r in gold.stance] == [("against", ADJUDICATION)]
    assert [t["item"] for t in gold.ties] == ["quote"]


def test_folding_a_quote_decision_replaces_gold_and_ties_in_its_stretch_only() -> None:
    mine = quote("91", Q2, TRADERS, TOLD, "indirect")
    gold = fold(_agreement_gold(), decide([_span_review()], _reviewer(quotes=[mine]), ORIGIN))
    assert [(q["start"], q["resolution"]) for q in gold.quotes] == [
        (Q1[0], "majority"),
        (Q2[0], ADJUDICATION),
    ]
    assert [t["item"] for t in gold.ties] == ["stance"]


def test_folding_a_rejection_leaves_no_quote_there() -> None:
    adjudicated = decide([_span_review()], _reviewer(), ORIGIN)
    gold = fold(_agreement_gold(), adjudicated)
    assert [q["start"] for q in gold.quotes] == [Q1[0]] and len(gold.ties) == 1


def test_folding_an_undecided_review_changes_nothing() -> None:
    gold = _agreement_gold()
    folded = fold(gold, decide([_stance_review()], _reviewer([stance("90", None)]), ORIGIN))
    assert (folded.quotes, folded.stance, folded.ties) == (gold.quotes, gold.stance, gold.ties)


def test_the_later_review_of_the_same_target_wins() -> None:
    first = decide([_stance_review()], _reviewer([stance("90", "against")]), ORIGIN)
    later = _stance_review()
    later = Review(9, later.data, "95", "ann-s", None)
    second = decide([later], _reviewer([stance("95", "favor")]), ORIGIN)
    both = Adjudicated(first.decisions + second.decisions, [], first.stance + second.stance)
    gold = fold(Gold(), both)
    assert [(r["article_id"], r["content_sha256"], r["stance"]) for r in gold.stance] == [
        (ARTICLE, SHA, "favor")
    ]


def test_folding_a_kind_decision_replaces_the_kind_tie_of_its_quote() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, MAYOR, SAID, "indirect")]
    (d,) = find_disagreements(quotes, [], [A, B])
    review = Review(9, review_task(d, task_data())["data"], "92", "ann-r", None)
    gold = resolve_gold(quotes, [], [A, B])
    assert [(t["item"], q["kind"]) for t in gold.ties for q in gold.quotes] == [
        ("quote_kind", None)
    ]
    mine = quote("92", Q1, MAYOR, SAID, "indirect")
    folded = fold(gold, decide([review], _reviewer(quotes=[mine]), ORIGIN))
    assert [(q["kind"], q["resolution"]) for q in folded.quotes] == [("indirect", ADJUDICATION)]
    assert folded.ties == []


def test_a_decision_on_an_earlier_text_is_left_out_of_gold() -> None:
    gold = fold(
        _agreement_gold(), decide([_stance_review()], _reviewer([stance("90", "against")]), ORIGIN)
    )
    later = on_current_texts(gold, {ARTICLE: "a-later-text"})
    assert (later.quotes, later.stance, later.ties) == ([], [], [])
    assert on_current_texts(gold, {ARTICLE: SHA}).stance == gold.stance
