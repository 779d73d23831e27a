"""Export -> typed rows and the issues report (newscorpus.annotate.validate): pure."""

from __future__ import annotations

from export_fixture import CONFIG, TEXT, annotation, quote, reasons, task, who
from labelstudio_fixture import span_of

from newscorpus.annotate.validate import flatten


def test_a_labeled_quote_becomes_one_row_with_speaker_cue_and_choices() -> None:
    q = quote("We are ready,", "Amara Lindqvist", "said", "direct", "favor", "Amara Lindqvist")
    flat = flatten([task(5, [annotation(9, 1, [q], "favor")])], CONFIG, who)
    assert flat.issues == []
    (row,) = flat.quotes
    assert row["text"] == "We are ready,"
    assert row["speaker_text"] == "Amara Lindqvist" and row["cue_text"] == "said"
    assert (row["kind"], row["stance"], row["speaker_name"]) == (
        "direct",
        "favor",
        "Amara Lindqvist",
    )
    assert (row["task_id"], row["annotation_id"], row["annotator"]) == (5, "9", "user1")
    assert row["created_at"].isoformat() == "2024-05-07T10:00:00+00:00"
    assert row["lead_time"] == 42.5
    (stance,) = flat.stance
    assert (stance["target_id"], stance["stance"]) == ("t1", "favor")


def test_offsets_after_an_emoji_are_code_points() -> None:
    q = quote("cranes were unsafe", "The union", "warned", "indirect")
    (row,) = flatten([task(1, [annotation(1, 1, [q])])], CONFIG, who).quotes
    assert TEXT[row["start"] : row["end"]] == "cranes were unsafe"


def test_region_whose_text_differs_from_its_offsets_is_reported_not_shifted() -> None:
    raw = annotation(3, 1, [quote("We are ready,", "Amara Lindqvist", "said")])
    raw["result"][0]["value"]["start"] += 1  # the text now sits one code point off
    flat = flatten([task(8, [raw])], CONFIG, who)
    assert flat.quotes == []
    (issue,) = [i for i in flat.issues if i["reason"] == "offset_mismatch"]
    assert (issue["task_id"], issue["annotation_id"], issue["region_id"]) == (8, "3", "q0")
    assert issue["severity"] == "error"
    assert "'We are ready,'" in issue["detail"]


def test_region_outside_the_text_is_reported() -> None:
    raw = annotation(3, 1, [quote("We are ready,")])
    raw["result"][0]["value"].update(start=len(TEXT) - 2, end=len(TEXT) + 5, text=None)
    flat = flatten([task(8, [raw])], CONFIG, who)
    assert ("error", "out_of_range", "q0") in reasons(flat)


def test_label_not_in_config_is_reported() -> None:
    raw = annotation(3, 1, [quote("We are ready,")])
    raw["result"][0]["value"]["labels"] = ["Rumour"]
    flat = flatten([task(8, [raw])], CONFIG, who)
    assert flat.quotes == []
    assert ("error", "unknown_label", "q0") in reasons(flat)


def test_choice_not_in_config_is_reported() -> None:
    flat = flatten(
        [task(1, [annotation(1, 1, [quote("We are ready,", kind="rumour")])])], CONFIG, who
    )
    assert flat.quotes == []
    assert ("error", "bad_choice", "q0") in reasons(flat)


def test_quote_without_speaker_is_kept_and_flagged() -> None:
    flat = flatten([task(1, [annotation(1, 1, [quote("We are ready,")], "none")])], CONFIG, who)
    assert len(flat.quotes) == 1 and flat.quotes[0]["speaker_start"] is None
    assert reasons(flat) == [("warning", "quote_without_speaker", "q0")]


def test_quote_linked_to_two_speakers_is_an_error() -> None:
    raw = annotation(1, 1, [quote("We are ready,", "Amara Lindqvist", "said")])
    s, e = span_of(TEXT, "The union")
    raw["result"] += [
        {"id": "sx", "from_name": "span", "to_name": "text", "type": "labels",
         "value": {"start": s, "end": e, "text": "The union", "labels": ["Speaker"]}},
        {"from_id": "q0", "to_id": "sx", "type": "relation", "direction": "right", "labels": []},
    ]  # fmt: skip
    flat = flatten([task(1, [raw])], CONFIG, who)
    assert flat.quotes == []
    assert ("error", "bad_quote_links", "q0") in reasons(flat)


def test_relation_to_a_missing_region_is_reported() -> None:
    raw = annotation(1, 1, [quote("We are ready,", "Amara Lindqvist", "said")])
    raw["result"].append({"from_id": "q0", "to_id": "ghost", "type": "relation", "labels": []})
    flat = flatten([task(1, [raw])], CONFIG, who)
    assert ("error", "dangling_relation", "q0") in reasons(flat)
    assert len(flat.quotes) == 1


def test_cancelled_annotations_are_counted_and_left_out() -> None:
    flat = flatten(
        [
            task(
                1,
                [
                    annotation(1, 1, [quote("We are ready,")]),
                    annotation(2, 2, [], was_cancelled=True),
                ],
            )
        ],
        CONFIG,
        who,
    )
    assert flat.cancelled == 1
    assert [a.annotation_id for a in flat.annotations] == ["1"]
    assert {r["annotation_id"] for r in flat.quotes} == {"1"}


def test_task_whose_text_no_longer_matches_its_hash_is_refused_whole() -> None:
    flat = flatten(
        [task(1, [annotation(1, 1, [quote("We are ready,")])], content_sha256="0" * 64)],
        CONFIG,
        who,
    )
    assert flat.quotes == [] and flat.annotations == []
    assert reasons(flat) == [("error", "text_changed", None)]


def test_task_not_pushed_by_newscorpus_is_reported() -> None:
    flat = flatten([{"id": 4, "data": {"text": "x"}, "annotations": []}], CONFIG, who)
    assert reasons(flat) == [("error", "foreign_task", None)]


def test_unlinked_speaker_is_a_warning() -> None:
    raw = annotation(1, 1, [])
    s, e = span_of(TEXT, "The union")
    raw["result"].append(
        {"id": "s9", "from_name": "span", "to_name": "text", "type": "labels",
         "value": {"start": s, "end": e, "text": "The union", "labels": ["Speaker"]}}
    )  # fmt: skip
    assert ("warning", "unlinked_speaker", "s9") in reasons(flatten([task(1, [raw])], CONFIG, who))
