"""The suggested article stance toward each target in a task's prediction (tasks.article_task),
on a made-up text."""

from __future__ import annotations

from pathlib import Path

import pytest
from labelstudio_fixture import article_row, quote_prediction

from newscorpus import labels
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.push import TaskBuilder
from newscorpus.annotate.labelstudio.refresh import is_touched

TEXT = '"The pier opens in June," said Amara Lindqvist, the harbour director.'


@pytest.fixture
def article() -> dict:
    return article_row("harbour", TEXT)


def _target(target_id: str, score: float) -> dict:
    return {"article_id": "harbour", "target_id": target_id, "target": f"Claim {target_id}",
            "score": score}  # fmt: skip


def _stance(article: dict, target_id: str, stance: str, score: float = 0.7, **extra) -> dict:
    row = {"article_id": article["id"], "content_sha256": article["content_sha256"],
           "target_id": target_id, "target": f"Claim {target_id}", "stance": stance,
           "model_label": "agree", "score": score, "model_version": "stance-test-v1"}  # fmt: skip
    return {**row, **extra}


def _stance_items(task: dict) -> dict[str, dict]:
    result = task["predictions"][0]["result"]
    return {r["from_name"]: r for r in result if r["from_name"].startswith("article_stance")}


def test_stance_toward_each_target_is_its_own_choice_with_its_score(article: dict) -> None:
    targets = [_target("a", 0.9), _target("b", 0.4)]
    stances = [_stance(article, "b", "against"), _stance(article, "a", "favor", 0.81)]
    task = lst.article_task(article, [], targets, stances)
    items = _stance_items(task)
    assert sorted(items) == ["article_stance_0", "article_stance_1"]
    first, second = items["article_stance_0"], items["article_stance_1"]
    assert (first["value"], first["score"]) == ({"choices": ["favor"]}, 0.81)
    assert (second["value"], second["score"]) == ({"choices": ["against"]}, 0.7)
    assert (first["type"], first["to_name"]) == ("choices", labels.LS_TEXT)
    assert task["predictions"][0]["model_version"] == "stance-test-v1"


def test_a_target_without_a_suggestion_has_no_choice(article: dict) -> None:
    targets = [_target("a", 0.9), _target("b", 0.4), _target("c", 0.2)]
    task = lst.article_task(article, [], targets, [_stance(article, "c", "neutral")])
    assert list(_stance_items(task)) == ["article_stance_2"]


def test_prediction_names_quote_and_stance_versions_and_averages_scores(article: dict) -> None:
    quote = quote_prediction(article, 0, '"The pier opens in June,"', None, None, "direct")
    task = lst.article_task(article, [quote], [_target("a", 0.9)], [_stance(article, "a", "none")])
    prediction = task["predictions"][0]
    assert prediction["model_version"] == "quotes-rules-v1+stance-test-v1"
    assert prediction["score"] == pytest.approx((0.8 + 0.7) / 2)
    assert len(_stance_items(task)) == 1


def test_a_given_model_version_is_used_as_is(article: dict) -> None:
    task = lst.article_task(
        article, [], [_target("a", 0.9)], [_stance(article, "a", "favor")], model_version="push-v"
    )
    assert task["predictions"][0]["model_version"] == "push-v"


def test_stance_made_on_another_text_is_left_out(article: dict) -> None:
    stale = _stance(article, "a", "favor", content_sha256="f" * 64)
    assert "predictions" not in lst.article_task(article, [], [_target("a", 0.9)], [stale])


def test_stance_without_an_asked_target_is_left_out(article: dict) -> None:
    assert "predictions" not in lst.article_task(article, [], [], [_stance(article, "a", "favor")])


def test_a_skipped_or_drafted_task_counts_as_touched() -> None:
    assert is_touched({"annotations": [{"was_cancelled": True}]})
    assert is_touched({"annotations": [], "drafts": [{"result": []}]})
    assert not is_touched({"annotations": [], "drafts": [], "predictions": [1]})


def test_a_tasks_uncertainty_is_that_of_its_least_sure_target(article: dict) -> None:
    targets = {"harbour": [_target("a", 0.9), _target("b", 0.4)]}
    stances = {"harbour": [_stance(article, "a", "favor", 0.9), _stance(article, "b", "none", 0.3)]}
    builder = TaskBuilder(Path("predictions"), {}, targets, "batch", stances)
    assert builder.uncertainty(article) == (False, 0.3)
