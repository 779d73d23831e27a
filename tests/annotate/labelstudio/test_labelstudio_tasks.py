"""Article <-> task JSON (labelstudio tasks.py and quote_regions.py out, exported.py back): pure,
on hand-written articles."""

from __future__ import annotations

import pytest
from labelstudio_fixture import article_row, quote_prediction, span_of

from newscorpus import labels
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.exported import parse_annotation
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result

TEXT = (
    '"The pier opens in June," said Amara Lindqvist, the harbour director. '
    '"The cranes are here."\n\n'
    "Critics said the budget had doubled 🚢 since 2021."
)


@pytest.fixture
def article() -> dict:
    return article_row("harbour", TEXT)


def _by_id(result: list[dict]) -> dict[tuple[str, str], dict]:
    return {(r.get("id"), r.get("from_name")): r for r in result if r["type"] != "relation"}


def test_task_data_carries_key_text_target_line_and_targets(article: dict) -> None:
    targets = [
        {"article_id": "harbour", "target_id": "b", "target": "Claim B", "score": 0.4},
        {"article_id": "harbour", "target_id": "a", "target": "Claim A", "score": 0.9},
    ]
    task = lst.article_task(article, [], targets)
    data = task["data"]
    assert data["text"] == TEXT
    assert (data["article_id"], data["content_sha256"]) == ("harbour", article["content_sha256"])
    assert data["target_id"] == "a"
    assert (
        data["target_line"] == "Stance targets: 2, the article's stance toward each is asked below"
    )
    assert [t["id"] for t in data["targets"]] == ["a", "b"]
    assert data["byline"] == "Example Gazette · 2024-05-06 · https://news.example.org/harbour"
    assert "predictions" not in task


def test_every_target_is_asked_primary_first_with_its_line_and_choice(article: dict) -> None:
    targets = [
        {"article_id": "harbour", "target_id": "c", "target": "Claim C", "score": 0.2},
        {"article_id": "harbour", "target_id": "a", "target": "Claim A", "score": 0.9},
        {"article_id": "harbour", "target_id": "b", "target": "Claim B", "score": 0.4},
    ]
    data = lst.article_task(article, [], targets)["data"]
    assert data["targets"] == [
        {"id": "a", "target": "Claim A", "line": "Stance target 1: Claim A"},
        {"id": "b", "target": "Claim B", "line": "Stance target 2: Claim B"},
        {"id": "c", "target": "Claim C", "line": "Stance target 3: Claim C"},
    ]
    assert data["target_choices"] == [
        {"value": "a", "html": "Target 1"},
        {"value": "b", "html": "Target 2"},
        {"value": "c", "html": "Target 3"},
    ]
    assert (data["target_id"], data["target"]) == ("a", "Claim A")


def test_a_single_target_is_named_in_the_target_line(article: dict) -> None:
    targets = [{"article_id": "harbour", "target_id": "a", "target": "Claim A", "score": 0.9}]
    assert lst.article_task(article, [], targets)["data"]["target_line"] == "Stance target: Claim A"


def test_the_asked_targets_of_a_task_are_read_back_in_order() -> None:
    v2 = {"targets": [{"id": "b"}, {"id": "a"}], "target_id": "b"}
    assert lst.asked_target_ids(v2) == ["b", "a"]
    assert lst.asked_target_ids({"target_id": "v1-target"}) == ["v1-target"]
    assert lst.asked_target_ids({"target_id": None}) == []


def test_stance_controls_name_the_target_at_their_position() -> None:
    ids = ["a", "b"]
    assert lst.stance_control_target("article_stance_1", ids) == (True, "b")
    assert lst.stance_control_target("article_stance", ids) == (True, "a")
    assert lst.stance_control_target("article_stance_5", ids) == (True, None)
    assert lst.stance_control_target("kind", ids) == (False, None)


def test_a_quote_row_with_a_stance_target_becomes_a_quote_target_choice(article: dict) -> None:
    q = quote_prediction(article, 0, '"The pier opens in June,"', None, None, "direct")
    result = quotes_to_result(TEXT, [q | {"stance": "favor", "stance_target_id": "b"}])
    by_id = _by_id(result)
    assert by_id[("q0", labels.LS_QUOTE_TARGET)]["value"]["choices"] == ["b"]
    assert by_id[("q0", labels.LS_QUOTE_STANCE)]["value"]["choices"] == ["favor"]


def test_task_without_target_says_so(article: dict) -> None:
    data = lst.article_task(article)["data"]
    assert data["target_id"] is None
    assert data["target_line"] == lst.NO_TARGET_LINE
    assert (data["targets"], data["target_choices"]) == ([], [])


def test_targets_are_asked_by_score_and_ties_break_on_target_id() -> None:
    targets = [
        {"target_id": "z", "score": 0.5},
        {"target_id": "m", "score": 0.5},
        {"target_id": "a", "score": 0.2},
        {"target_id": "q", "score": 0.9},
    ]
    assert [t["target_id"] for t in lst.ordered_targets(targets)] == ["q", "m", "z", "a"]


def test_prediction_regions_use_code_point_offsets_after_emoji(article: dict) -> None:
    q = quote_prediction(
        article, 0, "the budget had doubled 🚢 since 2021", "Critics", "said", "indirect"
    )
    task = lst.article_task(article, [q])
    region = _by_id(task["predictions"][0]["result"])[("q0", "span")]
    start, end = span_of(TEXT, "the budget had doubled 🚢 since 2021")
    assert (region["value"]["start"], region["value"]["end"]) == (start, end)
    assert TEXT[start:end] == region["value"]["text"]


def test_quotes_sharing_a_speaker_share_one_speaker_region(article: dict) -> None:
    q1 = quote_prediction(
        article,
        0,
        "The pier opens in June,",
        "Amara Lindqvist",
        "said",
        "direct",
        "Amara Lindqvist",
    )
    q2 = quote_prediction(
        article, 1, "The cranes are here.", "Amara Lindqvist", "said", "direct", "Amara Lindqvist"
    )
    result = lst.article_task(article, [q1, q2])["predictions"][0]["result"]
    speakers = [r for r in result if r["type"] == "labels" and r["value"]["labels"] == ["Speaker"]]
    names = [r for r in result if r.get("from_name") == labels.LS_SPEAKER_NAME]
    relations = [
        (r["from_id"], r["to_id"], r["labels"][0]) for r in result if r["type"] == "relation"
    ]
    assert len(speakers) == 1
    assert [n["value"]["text"] for n in names] == [["Amara Lindqvist"]]
    assert sorted(relations) == [
        ("q0", "c0", "cue"),
        ("q0", "s0", "speaker"),
        ("q1", "c0", "cue"),
        ("q1", "s0", "speaker"),
    ]


def test_prediction_carries_model_version_and_mean_score(article: dict) -> None:
    q = quote_prediction(article, 0, "The cranes are here.", None, None, "direct")
    prediction = lst.article_task(article, [q])["predictions"][0]
    assert prediction["model_version"] == "quotes-rules-v1"
    assert prediction["score"] == pytest.approx(0.8)


def test_predictions_made_on_another_text_are_refused(article: dict) -> None:
    q = quote_prediction(article, 0, "The cranes are here.", None, None, "direct")
    q["content_sha256"] = "0" * 64
    with pytest.raises(ValueError, match="another text"):
        lst.article_task(article, [q])


def test_span_outside_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside a text of 5"):
        quotes_to_result("short", [{"start": 2, "end": 9, "kind": "direct"}])


def test_parse_annotation_reads_regions_choices_relations_and_article_stance(
    article: dict,
) -> None:
    q = quote_prediction(
        article,
        0,
        "The pier opens in June,",
        "Amara Lindqvist",
        "said",
        "direct",
        "Amara Lindqvist",
    )
    q["stance"] = "favor"
    result = quotes_to_result(TEXT, [q])
    result.append(
        {
            "from_name": labels.LS_ARTICLE_STANCE,
            "to_name": "text",
            "type": "choices",
            "value": {"choices": ["neutral"]},
        }
    )
    parsed = parse_annotation({"id": 7, "completed_by": 3, "result": result}, task_id=11)
    assert parsed.annotation_id == "7" and parsed.task_id == 11 and parsed.completed_by == 3
    assert parsed.regions["q0"].choices == {"kind": ("direct",), "quote_stance": ("favor",)}
    assert parsed.regions["s0"].textareas == {"speaker_name": ("Amara Lindqvist",)}
    assert {(r.from_id, r.to_id) for r in parsed.relations} == {("q0", "s0"), ("q0", "c0")}
    assert parsed.task_choices == {labels.LS_ARTICLE_STANCE: ("neutral",)}
    assert parsed.oddities == []


def test_parse_annotation_keeps_what_it_cannot_place_as_oddities() -> None:
    result = [
        {"id": "zz", "from_name": "kind", "to_name": "text", "type": "choices",
         "value": {"start": 0, "end": 3, "choices": ["direct"]}},
        {"id": "r1", "from_name": "bbox", "to_name": "img", "type": "rectanglelabels", "value": {}},
    ]  # fmt: skip
    parsed = parse_annotation({"id": 1, "result": result}, task_id=None)
    assert [o.reason for o in parsed.oddities] == ["unknown_result", "orphan_choice"]


def test_task_key_is_none_for_foreign_tasks() -> None:
    assert lst.task_key({"text": "no ids"}) is None
    assert lst.task_key({"article_id": "a", "content_sha256": "b"}) == ("a", "b")


def test_predictions_pass_label_studios_own_validator(article: dict) -> None:
    """The SDK's LabelInterface is what the server validates imported predictions with."""
    from pathlib import Path

    from label_studio_sdk.label_interface import LabelInterface

    xml = (Path(__file__).resolve().parents[3] / "annotations" / "label_config.xml").read_text()
    q1 = quote_prediction(
        article,
        0,
        "The pier opens in June,",
        "Amara Lindqvist",
        "said",
        "direct",
        "Amara Lindqvist",
    )
    q2 = quote_prediction(
        article, 1, "the budget had doubled 🚢 since 2021", "Critics", "said", "indirect"
    )
    q2["stance"] = "against"
    prediction = lst.article_task(article, [q1, q2])["predictions"][0]
    assert LabelInterface(xml).validate_prediction(prediction, return_errors=True) == []
