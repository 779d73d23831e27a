"""Disagreements between annotators of a task, and the review tasks that show them (pure)."""

from __future__ import annotations

from team_rows import MAYOR, Q1, Q2, SAID, TOLD, TRADERS, quote, ref, stance, task_data

from newscorpus import labels
from newscorpus.annotate.labelstudio.config import load_label_config, parse_label_config
from newscorpus.annotate.labelstudio.disagreements import (
    BLANK_VERSION,
    CUE,
    KIND,
    NOTHING_MARKED,
    QUOTE_STANCE,
    REVIEW_FIELDS,
    SPAN,
    SPEAKER,
    STANCE,
    find_disagreements,
    review_config,
    review_task,
)

A, B = ref("11", "ann-a"), ref("12", "ann-b")


def test_different_article_stances_are_one_disagreement_with_both_versions() -> None:
    (d,) = find_disagreements([], [stance("11", "favor"), stance("12", "against")], [A, B])
    assert (d.item, d.target_id, d.start) == (STANCE, "ferry", None)
    assert [(v.annotator, v.stance) for v in d.versions] == [
        ("ann-a", "favor"),
        ("ann-b", "against"),
    ]


def _toward(row: dict, target_id: str) -> dict:
    return row | {"target_id": target_id}


def test_stances_are_compared_per_target() -> None:
    bridge = [_toward(stance("11", "none"), "bridge"), _toward(stance("12", "against"), "bridge")]
    rows = [stance("11", "favor"), stance("12", "favor"), *bridge]
    (d,) = find_disagreements([], rows, [A, B])
    assert (d.item, d.target_id) == (STANCE, "bridge")
    assert [v.stance for v in d.versions] == ["none", "against"]


def test_a_stance_review_asks_about_the_disputed_target_only() -> None:
    rows = [_toward(stance("11", "none"), "bridge"), _toward(stance("12", "against"), "bridge")]
    (d,) = find_disagreements([], rows, [A, B])
    data = task_data() | {
        "targets": [{"id": "ferry", "target": "Ferry", "line": "Stance target 1: Ferry"},
                    {"id": "bridge", "target": "Bridge", "line": "Stance target 2: Bridge"}],
    }  # fmt: skip
    review = review_task(d, data)["data"]
    assert (review["target_id"], review["target"]) == ("bridge", "Bridge")
    assert [t["id"] for t in review["targets"]] == ["bridge"]
    assert [c["value"] for c in review["target_choices"]] == ["bridge"]


def test_same_stance_and_same_quotes_are_no_disagreement() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, MAYOR, SAID)]
    assert find_disagreements(quotes, [stance("11", "favor"), stance("12", "favor")], [A, B]) == []


def test_a_missing_stance_is_not_a_different_one() -> None:
    assert find_disagreements([], [stance("11", "favor"), stance("12", None)], [A, B]) == []


def test_a_quote_only_one_annotator_marked_is_a_span_disagreement() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("11", Q2, TRADERS, TOLD, "indirect"),
              quote("12", Q1, MAYOR, SAID)]  # fmt: skip
    (d,) = find_disagreements(quotes, [], [A, B])
    assert (d.item, d.start, d.end) == (SPAN, *Q2)
    assert [len(v.quotes) for v in d.versions] == [1, 0]


def test_matched_quotes_with_different_speakers_are_a_speaker_disagreement() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", (Q1[0], Q1[1] - 3), TRADERS, SAID)]
    (d,) = find_disagreements(quotes, [], [A, B])
    assert (d.item, d.start, d.end) == (SPEAKER, *Q1)
    assert [v.quotes[0]["speaker_text"] for v in d.versions] == [
        "Mayor Ada Stone",
        "Harbour traders",
    ]


def test_matched_quotes_of_different_kinds_are_a_kind_disagreement() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, MAYOR, SAID, "indirect")]
    (d,) = find_disagreements(quotes, [], [A, B])
    assert (d.item, d.start, d.end) == (KIND, *Q1)


def test_matched_quotes_with_different_stances_are_a_quote_stance_disagreement() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, MAYOR, SAID) | {"stance": "favor"}]
    (d,) = find_disagreements(quotes, [], [A, B])
    assert (d.item, d.start, d.end) == (QUOTE_STANCE, *Q1)


def test_matched_quotes_with_and_without_a_cue_are_a_cue_disagreement() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, MAYOR, None)]
    (d,) = find_disagreements(quotes, [], [A, B])
    assert (d.item, d.start, d.end) == (CUE, *Q1)


def test_speakers_that_overlap_enough_are_the_same() -> None:
    name = (MAYOR[0] + len("Mayor "), MAYOR[1])  # "Ada Stone" inside "Mayor Ada Stone"
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, name, SAID)]
    assert find_disagreements(quotes, [], [A, B]) == []


def test_a_task_labeled_once_has_no_disagreement() -> None:
    assert find_disagreements([quote("11", Q1, MAYOR, SAID)], [stance("11", "favor")], [A]) == []


def test_overlapping_span_and_speaker_stretches_are_one_span_disagreement() -> None:
    longer = (Q1[0], Q1[1] + 40)  # overlap/union with Q1 under 0.5: matches nothing
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, TRADERS, SAID),
              quote("13", longer, MAYOR, SAID)]  # fmt: skip
    (d,) = find_disagreements(quotes, [], [A, B, ref("13", "ann-c")])
    assert (d.item, d.start, d.end) == (SPAN, *longer)
    assert [len(v.quotes) for v in d.versions] == [1, 1, 1]


def test_tasks_are_kept_apart() -> None:
    other = ref("21", "ann-a", task_id=2)
    assert (
        find_disagreements([], [stance("11", "favor"), stance("21", "against")], [A, other]) == []
    )


def test_the_key_names_the_item_the_place_and_the_annotations() -> None:
    (d,) = find_disagreements([], [stance("11", "favor"), stance("12", "against")], [A, B])
    assert d.key == f"stance:ferry-1:{'0' * 16}:ferry:11+12"


def test_a_review_task_keeps_the_source_data_and_adds_the_question_and_versions() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("11", Q2, TRADERS, TOLD, "indirect"),
              quote("12", Q1, MAYOR, SAID)]  # fmt: skip
    (d,) = find_disagreements(quotes, [], [A, B])
    task = review_task(d, task_data())
    data = task["data"]
    assert task_data().items() <= data.items()
    assert set(REVIEW_FIELDS) <= set(data)
    assert "«the fares were too high»" in data["review_question"]
    assert data["review_versions"].splitlines() == [
        "ann-a: Quote «the fares were too high» [indirect], speaker «Harbour traders», "
        "cue «told reporters»",
        f"ann-b: {NOTHING_MARKED}",
    ]
    assert [p["model_version"] for p in task["predictions"]] == [BLANK_VERSION, "ann-a", "ann-b"]
    assert task["predictions"][0]["result"] == task["predictions"][2]["result"] == []
    quote_regions = [r for r in task["predictions"][1]["result"]
                     if r.get("value", {}).get("labels") == [labels.QUOTE]]  # fmt: skip
    assert [(r["value"]["start"], r["value"]["end"]) for r in quote_regions] == [Q2]


def test_a_stance_version_is_a_prediction_of_the_article_stance() -> None:
    (d,) = find_disagreements([], [stance("11", "favor"), stance("12", "against")], [A, B])
    task = review_task(d, task_data())
    assert task["predictions"][2]["result"][0]["from_name"] == "article_stance_0"
    assert task["predictions"][2]["result"][0]["value"] == {"choices": ["against"]}
    assert task["data"]["review_versions"] == "ann-a: stance favor\nann-b: stance against"


def test_the_review_config_shows_the_versions_and_keeps_our_controls() -> None:
    ours = load_label_config()
    review = parse_label_config(review_config(ours))
    assert review.controls == ours.controls and review.version == ours.version
    assert 'name="review_versions"' in review.xml and "$review_question" in review.xml


def test_a_task_on_an_earlier_text_of_its_article_has_no_disagreement() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, TRADERS, SAID)]
    assert find_disagreements(quotes, [], [A, B], {A.article_id: "a-later-text"}) == []


def test_one_annotators_two_annotations_of_a_task_are_no_disagreement() -> None:
    quotes = [quote("11", Q1, MAYOR, SAID), quote("12", Q1, TRADERS, SAID)]
    assert find_disagreements(quotes, [], [A, ref("12", "ann-a")]) == []
