"""Export -> tables, validation, agreement, gold and BRAT (newscorpus.annotate.annotations): pure.

Agreement figures are checked against values worked out by hand in the comments.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from labelstudio_fixture import span_of

from newscorpus import labels
from newscorpus.annotate import annotations as ann
from newscorpus.annotate.labelstudio import config
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.spans import iou, match_spans

REPO = Path(__file__).resolve().parents[2]
CONFIG = config.load_label_config(REPO / "annotations" / "label_config.xml")

TEXT = (
    '"We are ready," said Amara Lindqvist, the harbour director.\n\n'
    "The union warned that 🚢 cranes were unsafe.\n\n"
    "Officials declined to comment."
)
SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def quote(
    text_of_quote: str,
    speaker: str | None = None,
    cue: str | None = None,
    kind: str | None = "direct",
    stance: str | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    s, e = span_of(TEXT, text_of_quote)
    row: dict[str, Any] = {"start": s, "end": e, "kind": kind, "stance": stance}
    if speaker:
        row["speaker_start"], row["speaker_end"] = span_of(TEXT, speaker)
        row["speaker_name"] = name
    if cue:
        row["cue_start"], row["cue_end"] = span_of(TEXT, cue)
    return row


def annotation(
    ann_id: int,
    who: int,
    quotes: list[dict[str, Any]],
    article_stance: str | None = None,
    **flags: Any,
) -> dict[str, Any]:
    result = lst.quotes_to_result(TEXT, quotes)
    if article_stance:
        result.append(
            {"from_name": labels.LS_ARTICLE_STANCE, "to_name": "text", "type": "choices",
             "value": {"choices": [article_stance]}}
        )  # fmt: skip
    return {
        "id": ann_id,
        "completed_by": who,
        "result": result,
        "was_cancelled": flags.get("was_cancelled", False),
        "ground_truth": flags.get("ground_truth", False),
        "created_at": "2024-05-07T10:00:00.000000Z",
        "updated_at": "2024-05-07T10:05:00.000000Z",
        "lead_time": 42.5,
    }


def task(task_id: int, annotations: list[dict[str, Any]], article_id: str = "a1", **data: Any):
    base = {"text": TEXT, "article_id": article_id, "content_sha256": SHA, "target_id": "t1"}
    base.update(data)
    return {"id": task_id, "data": base, "annotations": annotations}


def who(completed_by: Any) -> str:
    return f"user{completed_by}"


def reasons(flat: ann.Flattened) -> list[tuple[str, str, str | None]]:
    return [(i["severity"], i["reason"], i["region_id"]) for i in flat.issues]


# --- flattening -----------------------------------------------------------------------------------


def test_a_labeled_quote_becomes_one_row_with_speaker_cue_and_choices() -> None:
    q = quote("We are ready,", "Amara Lindqvist", "said", "direct", "favor", "Amara Lindqvist")
    flat = ann.flatten([task(5, [annotation(9, 1, [q], "favor")])], CONFIG, who)
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
    (row,) = ann.flatten([task(1, [annotation(1, 1, [q])])], CONFIG, who).quotes
    assert TEXT[row["start"] : row["end"]] == "cranes were unsafe"


def test_region_whose_text_differs_from_its_offsets_is_reported_not_shifted() -> None:
    raw = annotation(3, 1, [quote("We are ready,", "Amara Lindqvist", "said")])
    raw["result"][0]["value"]["start"] += 1  # the text now sits one code point off
    flat = ann.flatten([task(8, [raw])], CONFIG, who)
    assert flat.quotes == []
    (issue,) = [i for i in flat.issues if i["reason"] == "offset_mismatch"]
    assert (issue["task_id"], issue["annotation_id"], issue["region_id"]) == (8, "3", "q0")
    assert issue["severity"] == "error"
    assert "'We are ready,'" in issue["detail"]


def test_region_outside_the_text_is_reported() -> None:
    raw = annotation(3, 1, [quote("We are ready,")])
    raw["result"][0]["value"].update(start=len(TEXT) - 2, end=len(TEXT) + 5, text=None)
    flat = ann.flatten([task(8, [raw])], CONFIG, who)
    assert ("error", "out_of_range", "q0") in reasons(flat)


def test_label_not_in_config_is_reported() -> None:
    raw = annotation(3, 1, [quote("We are ready,")])
    raw["result"][0]["value"]["labels"] = ["Rumour"]
    flat = ann.flatten([task(8, [raw])], CONFIG, who)
    assert flat.quotes == []
    assert ("error", "unknown_label", "q0") in reasons(flat)


def test_choice_not_in_config_is_reported() -> None:
    flat = ann.flatten(
        [task(1, [annotation(1, 1, [quote("We are ready,", kind="rumour")])])], CONFIG, who
    )
    assert flat.quotes == []
    assert ("error", "bad_choice", "q0") in reasons(flat)


def test_quote_without_speaker_is_kept_and_flagged() -> None:
    flat = ann.flatten([task(1, [annotation(1, 1, [quote("We are ready,")], "none")])], CONFIG, who)
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
    flat = ann.flatten([task(1, [raw])], CONFIG, who)
    assert flat.quotes == []
    assert ("error", "bad_quote_links", "q0") in reasons(flat)


def test_relation_to_a_missing_region_is_reported() -> None:
    raw = annotation(1, 1, [quote("We are ready,", "Amara Lindqvist", "said")])
    raw["result"].append({"from_id": "q0", "to_id": "ghost", "type": "relation", "labels": []})
    flat = ann.flatten([task(1, [raw])], CONFIG, who)
    assert ("error", "dangling_relation", "q0") in reasons(flat)
    assert len(flat.quotes) == 1


def test_cancelled_annotations_are_counted_and_left_out() -> None:
    flat = ann.flatten(
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
    flat = ann.flatten(
        [task(1, [annotation(1, 1, [quote("We are ready,")])], content_sha256="0" * 64)],
        CONFIG,
        who,
    )
    assert flat.quotes == [] and flat.annotations == []
    assert reasons(flat) == [("error", "text_changed", None)]


def test_task_not_pushed_by_newscorpus_is_reported() -> None:
    flat = ann.flatten([{"id": 4, "data": {"text": "x"}, "annotations": []}], CONFIG, who)
    assert reasons(flat) == [("error", "foreign_task", None)]


def test_unlinked_speaker_is_a_warning() -> None:
    raw = annotation(1, 1, [])
    s, e = span_of(TEXT, "The union")
    raw["result"].append(
        {"id": "s9", "from_name": "span", "to_name": "text", "type": "labels",
         "value": {"start": s, "end": e, "text": "The union", "labels": ["Speaker"]}}
    )  # fmt: skip
    assert ("warning", "unlinked_speaker", "s9") in reasons(
        ann.flatten([task(1, [raw])], CONFIG, who)
    )


def test_pseudonym_is_salted_stable_and_hides_the_email() -> None:
    a = ann.pseudonym("ann1@example.org", "salt-1")
    assert a == ann.pseudonym("ann1@example.org", "salt-1")
    assert a != ann.pseudonym("ann1@example.org", "salt-2")
    assert a.startswith("ann-") and "example" not in a
    with pytest.raises(ValueError):
        ann.pseudonym("ann1@example.org", "")


# --- agreement ------------------------------------------------------------------------------------


def test_iou_of_spans() -> None:
    assert iou((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert iou((0, 10), (10, 20)) == 0.0
    assert iou((2, 8), (2, 8)) == 1.0


def test_match_spans_is_one_to_one_at_half_overlap() -> None:
    # (0,10)~(0,9): 0.9; (20,30)~(24,30): 0.6; (40,50)~(46,56): 4/16 = 0.25 -> no match
    assert match_spans([(0, 10), (20, 30), (40, 50)], [(0, 9), (24, 30), (46, 56)]) == [
        (0, 0),
        (1, 1),
    ]
    assert match_spans([(0, 10)], [(0, 10), (1, 10)]) == [(0, 0)]


def _two_annotator_export() -> list[dict[str, Any]]:
    """Article a1: user1 marks Q1 (speaker S, cue said, direct) and Q2 (speaker union, cue warned,
    indirect), article stance favor; user2 marks Q1 with a shorter span (same speaker and cue,
    direct) and Q3 without speaker, article stance against.
    Article a2 (same text, other id): both mark Q2 exactly, indirect, with different speakers
    ("The union" vs "Officials") and the same cue; both choose neutral."""
    q1 = quote("We are ready,", "Amara Lindqvist", "said", "direct")
    q1_short = quote("We are ready", "Amara Lindqvist", "said", "direct")
    q2 = quote("cranes were unsafe", "The union", "warned", "indirect")
    q2_other = quote("cranes were unsafe", "Officials", "warned", "indirect")
    q3 = quote("declined to comment", kind="indirect")
    a1 = [annotation(11, 1, [q1, q2], "favor"), annotation(12, 2, [q1_short, q3], "against")]
    a2 = [annotation(21, 1, [q2], "neutral"), annotation(22, 2, [q2_other], "neutral")]
    return [task(1, a1), task(2, a2, article_id="a2")]


def test_agreement_matches_hand_computed_figures() -> None:
    flat = ann.flatten(_two_annotator_export(), CONFIG, who)
    report = ann.agreement(flat.quotes, flat.stance, flat.annotations)
    assert report["articles_with_two_or_more"] == 2 and report["annotation_pairs"] == 2
    # Quote: a1 {Q1,Q2} vs {Q1',Q3}: 1 match of 4 spans; a2: 1 of 2 -> F1 = 2*2/6
    assert report["spans"]["Quote"] == {"f1": pytest.approx(4 / 6), "matched": 2, "spans": 6}
    # Speaker: a1 {Lindqvist, union} vs {Lindqvist}: 1 of 3; a2 {union} vs {Officials}: 0 of 2
    assert report["spans"]["Speaker"] == {"f1": pytest.approx(2 / 5), "matched": 1, "spans": 5}
    # Cue: a1 {said, warned} vs {said}: 1 of 3; a2 {warned} vs {warned}: 1 of 2
    assert report["spans"]["Cue"] == {"f1": pytest.approx(4 / 5), "matched": 2, "spans": 5}
    assert report["spans"]["overall"] == {"f1": pytest.approx(10 / 16), "matched": 5, "spans": 16}
    # Matched quote pairs: a1 Q1 (same speaker, direct), a2 Q2 (other speaker, indirect)
    assert report["speaker"]["overall"] == {"agreement": 0.5, "agree": 1, "pairs": 2}
    assert report["speaker"]["direct"]["agreement"] == 1.0
    assert report["speaker"]["indirect"]["agreement"] == 0.0
    assert report["kind"]["agreement"] == 1.0
    # Stance units a1 (favor, against), a2 (neutral, neutral): n=4, disagreeing pairs 2,
    # sum n_c*n_k over c!=k = 2*(1*1 + 1*2 + 1*2) = 10 -> alpha = 1 - 3*2/10 = 0.4
    assert report["stance"]["alpha"] == pytest.approx(0.4)
    assert report["stance"]["units"] == 2


def test_single_annotations_take_no_part_in_agreement() -> None:
    flat = ann.flatten(
        [task(1, [annotation(1, 1, [quote("We are ready,")], "favor")])], CONFIG, who
    )
    report = ann.agreement(flat.quotes, flat.stance, flat.annotations)
    assert report["articles_with_two_or_more"] == 0
    assert report["spans"]["Quote"]["f1"] is None
    assert report["stance"]["alpha"] is None


def test_annotation_with_no_quote_counts_against_f1() -> None:
    export = [task(1, [annotation(1, 1, [quote("We are ready,")]), annotation(2, 2, [])])]
    flat = ann.flatten(export, CONFIG, who)
    report = ann.agreement(flat.quotes, flat.stance, flat.annotations)
    assert report["spans"]["Quote"] == {"f1": 0.0, "matched": 0, "spans": 1}


# --- gold -----------------------------------------------------------------------------------------


def test_gold_majority_single_and_ties() -> None:
    flat = ann.flatten(_two_annotator_export(), CONFIG, who)
    gold = ann.resolve_gold(flat.quotes, flat.stance, flat.annotations)
    stance = {(g["article_id"], g["stance"], g["resolution"], g["support"]) for g in gold.stance}
    assert stance == {("a2", "neutral", "majority", 2)}
    ties = {(t["article_id"], t["item"], t["text"], t["votes"]) for t in gold.ties}
    assert ties == {
        ("a1", "stance", None, "against=1; favor=1"),
        ("a1", "quote", "cranes were unsafe", "marked=1; not=1"),
        ("a1", "quote", "declined to comment", "marked=1; not=1"),
    }
    quotes = {(g["article_id"], g["text"], g["resolution"], g["support"]) for g in gold.quotes}
    # Q1 vs Q1': one offset each -> the earliest-ending span wins the tie of offsets
    assert quotes == {
        ("a1", "We are ready", "majority", 2),
        ("a2", "cranes were unsafe", "majority", 2),
    }


def test_ground_truth_annotation_wins() -> None:
    export = _two_annotator_export()
    export[0]["annotations"][1]["ground_truth"] = True
    flat = ann.flatten(export, CONFIG, who)
    gold = ann.resolve_gold(flat.quotes, flat.stance, flat.annotations)
    a1_stance = [g for g in gold.stance if g["article_id"] == "a1"]
    assert [(g["stance"], g["resolution"]) for g in a1_stance] == [("against", "ground_truth")]
    a1_quotes = sorted(g["text"] for g in gold.quotes if g["article_id"] == "a1")
    assert a1_quotes == ["We are ready", "declined to comment"]
    assert not [t for t in gold.ties if t["article_id"] == "a1"]


def test_single_annotation_is_gold_as_single() -> None:
    flat = ann.flatten(
        [task(1, [annotation(1, 1, [quote("We are ready,")], "favor")])], CONFIG, who
    )
    gold = ann.resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert [(g["stance"], g["resolution"]) for g in gold.stance] == [("favor", "single")]
    assert [(g["text"], g["resolution"]) for g in gold.quotes] == [("We are ready,", "single")]


def test_three_annotators_majority_keeps_two_of_three() -> None:
    q1 = quote("We are ready,", "Amara Lindqvist", "said")
    q3 = quote("declined to comment", kind="indirect")
    export = [task(1, [annotation(1, 1, [q1], "favor"), annotation(2, 2, [q1], "favor"),
                       annotation(3, 3, [q3], "against")])]  # fmt: skip
    flat = ann.flatten(export, CONFIG, who)
    gold = ann.resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert [(g["text"], g["support"], g["annotations"]) for g in gold.quotes] == [
        ("We are ready,", 2, 3)
    ]
    assert [(g["stance"], g["support"]) for g in gold.stance] == [("favor", 2)]
    assert gold.ties == []


# --- BRAT -----------------------------------------------------------------------------------------

BRAT_TEXT = 'The mayor said the tram would run by May. Critics called it "a fantasy".'


def _ann(source: str, cue: str, content: str) -> str:
    def tb(tid: str, kind: str, needle: str) -> str:
        s, e = span_of(BRAT_TEXT, needle)
        return f"{tid}\t{kind} {s} {e}\t{needle}"

    return "\n".join(
        [tb("T1", "Source", source), tb("T2", "Cue", cue), tb("T3", "Content", content),
         tb("T4", "Attribution", cue), "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3", ""]
    )  # fmt: skip


def test_brat_files_become_one_annotation_per_annotator() -> None:
    files = {
        "aaaa": _ann("The mayor", "said", "the tram would run by May"),
        "bbbb": _ann("Critics", "called", '"a fantasy"'),
    }
    raw, problems = ann.brat_task("story-1", BRAT_TEXT, files, {"title": "Tram"})
    assert problems == []
    assert [a["completed_by"] for a in raw["annotations"]] == ["brat:aaaa", "brat:bbbb"]
    flat = ann.flatten([raw], CONFIG, str)
    rows = {
        (r["annotator"], r["text"], r["speaker_text"], r["cue_text"], r["kind"])
        for r in flat.quotes
    }
    assert rows == {
        ("brat:aaaa", "the tram would run by May", "The mayor", "said", "indirect"),
        ("brat:bbbb", '"a fantasy"', "Critics", "called", "direct"),
    }
    assert raw["data"]["title"] == "Tram"


def test_brat_span_that_does_not_fit_the_text_is_a_problem() -> None:
    bad = "T1\tSource 0 9\tThe mayors\nT3\tContent 15 40\tx\nE1\tAttribution:T1 Content:T3\n"
    _, problems = ann.brat_task("story-2", BRAT_TEXT, {"cccc": bad})
    assert problems and problems[0].startswith("story-2_cccc.ann: T1")


def test_brat_kind_from_quotation_marks() -> None:
    assert ann.brat_kind('"We will win."') == "direct"
    assert ann.brat_kind("we would win") == "indirect"
    assert ann.brat_kind('the plan was "dead on arrival" in May') == "mixed"


def test_ann_file_names_split_into_article_and_annotator() -> None:
    assert ann.split_ann_name("site_2016-01-02_some-title_ab12.ann") == (
        "site_2016-01-02_some-title",
        "ab12",
    )
    assert ann.split_ann_name("notes.txt") is None
