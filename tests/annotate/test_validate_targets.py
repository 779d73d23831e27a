"""Tasks asking the stance toward several targets (label config v2), validated
(newscorpus.annotate.validate): one stance row per target, and the target of each quote's stance.
Pure, on the made-up text of export_fixture."""

from __future__ import annotations

from typing import Any

from export_fixture import CONFIG, annotation, quote, reasons, task, who

from newscorpus.annotate.agreement import stance_alpha
from newscorpus.annotate.gold import resolve_gold
from newscorpus.annotate.validate import Flattened, flatten

TARGETS = [
    {"id": "t1", "target": "Claim one", "line": "Stance target 1: Claim one"},
    {"id": "t2", "target": "Claim two", "line": "Stance target 2: Claim two"},
    {"id": "t3", "target": "Claim three", "line": "Stance target 3: Claim three"},
]


def _stance(index: int, value: str) -> dict[str, Any]:
    return {"from_name": f"article_stance_{index}", "to_name": "text", "type": "choices",
            "value": {"choices": [value]}}  # fmt: skip


def _flatten(quotes: list[dict], stances: list[dict], targets: list[dict] = TARGETS) -> Flattened:
    ann = annotation(9, 1, quotes)
    ann["result"] += stances
    return flatten([task(5, [ann], targets=targets)], CONFIG, who)


def test_each_target_answered_is_one_stance_row_with_its_id() -> None:
    flat = _flatten([], [_stance(0, "favor"), _stance(1, "against"), _stance(2, "none")])
    assert flat.issues == []
    assert [(r["target_id"], r["stance"]) for r in flat.stance] == [
        ("t1", "favor"),
        ("t2", "against"),
        ("t3", "none"),
    ]


def test_a_target_left_unanswered_is_a_warning_naming_it_and_a_row_without_stance() -> None:
    flat = _flatten([], [_stance(0, "favor"), _stance(2, "neutral")])
    assert [(r["target_id"], r["stance"]) for r in flat.stance] == [
        ("t1", "favor"),
        ("t2", None),
        ("t3", "neutral"),
    ]
    (issue,) = flat.issues
    assert (issue["reason"], issue["severity"]) == ("no_article_stance", "warning")
    assert "'t2'" in issue["detail"]


def test_a_stance_control_past_the_tasks_targets_is_reported() -> None:
    flat = _flatten([], [_stance(0, "favor"), _stance(1, "favor"), _stance(7, "against")])
    assert ("warning", "stance_without_target", None) in reasons(flat)
    assert [(r["target_id"], r["stance"]) for r in flat.stance] == [
        ("t1", "favor"),
        ("t2", "favor"),
        ("t3", None),
    ]


def test_a_quote_names_the_target_of_its_stance() -> None:
    q = quote("We are ready,", "Amara Lindqvist", "said", stance="against") | {
        "stance_target_id": "t2"
    }
    (row,) = _flatten([q], [_stance(0, "favor"), _stance(1, "against"), _stance(2, "none")]).quotes
    assert (row["stance"], row["stance_target_id"]) == ("against", "t2")


def test_a_quote_stance_without_target_on_several_targets_is_a_warning_not_a_default() -> None:
    q = quote("We are ready,", "Amara Lindqvist", "said", stance="favor")
    flat = _flatten([q], [_stance(0, "favor"), _stance(1, "favor"), _stance(2, "favor")])
    (row,) = flat.quotes
    assert (row["stance"], row["stance_target_id"]) == ("favor", None)
    assert reasons(flat) == [("warning", "quote_stance_without_target", "q0")]


def test_a_quote_stance_on_a_single_target_task_is_toward_that_target() -> None:
    q = quote("We are ready,", "Amara Lindqvist", "said", stance="favor")
    flat = _flatten([q], [_stance(0, "favor")], targets=TARGETS[1:2])
    (row,) = flat.quotes
    assert row["stance_target_id"] == "t2"
    assert flat.issues == []


def test_a_quote_target_that_is_not_the_tasks_is_an_error_and_the_quote_left_out() -> None:
    q = quote("We are ready,", "Amara Lindqvist", "said", stance="favor") | {
        "stance_target_id": "elsewhere"
    }
    flat = _flatten([q], [_stance(0, "favor"), _stance(1, "favor"), _stance(2, "favor")])
    assert flat.quotes == []
    assert reasons(flat) == [("error", "bad_choice", "q0")]


def test_a_label_config_v1_answer_is_toward_the_tasks_target_id() -> None:
    ann = annotation(9, 1, [], "against")
    flat = flatten([task(5, [ann], target_id="v1-target")], CONFIG, who)
    assert [(r["target_id"], r["stance"]) for r in flat.stance] == [("v1-target", "against")]


def _two_annotators(second_toward_t2: str) -> Flattened:
    """Two annotators of one task with targets t1 and t2, agreeing on t1; the first one's quote
    is against t2."""
    targets = TARGETS[:2]
    q = quote("We are ready,", "Amara Lindqvist", "said", stance="against")
    first = annotation(1, 1, [q | {"stance_target_id": "t2"}])
    first["result"] += [_stance(0, "favor"), _stance(1, "against")]
    second = annotation(2, 2, [])
    second["result"] += [_stance(0, "favor"), _stance(1, second_toward_t2)]
    return flatten([task(5, [first, second], targets=targets)], CONFIG, who)


def test_gold_resolves_each_target_of_a_task_on_its_own() -> None:
    flat = _two_annotators("neutral")
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert [(g["target_id"], g["stance"]) for g in gold.stance] == [("t1", "favor")]
    assert [(t["item"], t["target_id"]) for t in gold.ties if t["item"] == "stance"] == [
        ("stance", "t2")
    ]


def test_a_gold_quote_keeps_the_target_of_its_stance() -> None:
    flat = _two_annotators("against")
    first_only = [a for a in flat.annotations if a.annotation_id == "1"]
    (gold,) = resolve_gold(flat.quotes, [], first_only).quotes
    assert (gold["stance"], gold["stance_target_id"]) == ("against", "t2")


def test_stance_agreement_counts_each_target_as_a_unit() -> None:
    assert stance_alpha(_two_annotators("against").stance)["units"] == 2


def test_a_quote_without_stance_names_no_target() -> None:
    q = quote("We are ready,", "Amara Lindqvist", "said")
    (row,) = _flatten([q], [_stance(0, "favor")], targets=TARGETS[1:2]).quotes
    assert (row["stance"], row["stance_target_id"]) == (None, None)
