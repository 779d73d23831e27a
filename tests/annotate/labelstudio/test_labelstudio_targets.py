"""An article with two stance targets on a real Label Studio server: push suggests the stance
toward each (article_stance_0 and _1, with scores and the push's model version), an annotation
answering both and naming the target of a quote's stance comes back as one stance row per target
and a quote row naming its target; a refresh leaves the annotated task as it was. The text and
targets are made up for this test."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from label_studio_sdk import LabelStudio
from labelstudio_fixture import LiveServer, article_row, span_of, write_corpus, write_predictions

from newscorpus import labels, schema
from newscorpus.annotate.labelstudio.pull import pull
from newscorpus.annotate.labelstudio.push import push
from newscorpus.annotate.labelstudio.refresh import refresh_predictions

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]

TEXT = (
    "The council voted on Thursday to fund both the ferry and the cycle bridge.\n\n"
    '"The ferry will pay for itself," said councillor Mira Sandoval. '
    "Residents said the bridge money would be better spent on schools."
)
QUOTE = '"The ferry will pay for itself,"'
TARGETS = {"ferry": "The town should run a new ferry", "bridge": "The cycle bridge is needed"}
VERSION = "stance-targets-v1"


def _inputs(tmp_path: Path, stances: dict[str, tuple[str, float]]) -> tuple[Path, Path, dict]:
    article = article_row("council-vote", TEXT, title="Council funds ferry and bridge")
    corpus = write_corpus(tmp_path / "corpus", [article])
    targets = [
        {"article_id": article["id"], "target_id": tid, "target": TARGETS[tid], "score": score,
         "matched_terms": [tid], "model_version": "targets-v1"}
        for tid, score in (("ferry", 0.9), ("bridge", 0.6))
    ]  # fmt: skip
    predictions = write_predictions(tmp_path / "predictions", [], targets)
    _write_stances(predictions, article, stances)
    return corpus, predictions, article


def _write_stances(predictions: Path, article: dict, stances: dict[str, tuple[str, float]]) -> None:
    rows = [
        {"article_id": article["id"], "content_sha256": article["content_sha256"],
         "target_id": tid, "target": TARGETS[tid], "stance": stance, "model_label": "agree",
         "score": score, "model_version": VERSION}
        for tid, (stance, score) in stances.items()
    ]  # fmt: skip
    table = pa.Table.from_pylist(rows, schema=schema.STANCE_PREDICTIONS)
    pq.write_table(table, predictions / "stance.parquet")


def _suggested(prediction) -> dict[str, tuple[str, float]]:
    return {
        r["from_name"]: (r["value"]["choices"][0], r["score"])
        for r in prediction.result
        if r["from_name"].startswith(labels.LS_ARTICLE_STANCE)
    }


def _answer(article: dict) -> list[dict]:
    """Favor toward the ferry, against the bridge; the quote is against the bridge."""
    start, end = span_of(TEXT, QUOTE)
    region = {"start": start, "end": end}
    return [
        {"id": "q1", "from_name": labels.LS_SPAN, "to_name": labels.LS_TEXT, "type": "labels",
         "value": region | {"text": QUOTE, "labels": [labels.QUOTE]}},
        {"id": "q1", "from_name": labels.LS_QUOTE_STANCE, "to_name": labels.LS_TEXT,
         "type": "choices", "value": region | {"choices": ["against"]}},
        {"id": "q1", "from_name": labels.LS_QUOTE_TARGET, "to_name": labels.LS_TEXT,
         "type": "choices", "value": region | {"choices": ["bridge"]}},
        {"from_name": "article_stance_0", "to_name": labels.LS_TEXT, "type": "choices",
         "value": {"choices": ["favor"]}},
        {"from_name": "article_stance_1", "to_name": labels.LS_TEXT, "type": "choices",
         "value": {"choices": ["against"]}},
    ]  # fmt: skip


@pytest.fixture
def pushed(ls_server: LiveServer, tmp_path: Path, request: pytest.FixtureRequest):
    """A project of its own per test holding the one two-target article."""
    stances = {"ferry": ("favor", 0.83), "bridge": ("neutral", 0.41)}
    corpus, predictions, article = _inputs(tmp_path, stances)
    title = f"targets-{request.node.name}"[:50]
    summary = push(ls_server.conn, corpus=corpus, predictions=predictions, title=title)
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    (task,) = list(admin.tasks.list(project=summary.project_id, fields="all"))
    return summary, admin, task, predictions, article


def test_push_suggests_the_stance_toward_each_target_with_score_and_model_version(pushed) -> None:
    _s, admin, task, _, _ = pushed
    assert [t["id"] for t in task.data["targets"]] == ["ferry", "bridge"]
    (prediction,) = admin.predictions.list(task=task.id)
    assert prediction.model_version == VERSION
    assert _suggested(prediction) == {
        "article_stance_0": ("favor", 0.83),
        "article_stance_1": ("neutral", 0.41),
    }


def test_an_answer_per_target_pulls_as_a_stance_row_per_target_and_a_quote_naming_its_target(
    pushed, ls_server: LiveServer, tmp_path: Path
) -> None:
    s, admin, task, _, article = pushed
    admin.annotations.create(task.id, result=_answer(article), lead_time=12.0)
    out = tmp_path / "annotations"

    pulled = pull(ls_server.conn, out=out, title=s.project)

    assert pulled.errors == 0
    stance = pq.read_table(out / "stance.parquet").to_pylist()
    assert sorted((r["target_id"], r["stance"]) for r in stance) == [
        ("bridge", "against"),
        ("ferry", "favor"),
    ]
    (quote,) = pq.read_table(out / "quotes.parquet").to_pylist()
    assert (quote["text"], quote["stance"], quote["stance_target_id"]) == (
        QUOTE,
        "against",
        "bridge",
    )


def test_refresh_replaces_neither_predictions_nor_annotation_of_an_annotated_task(
    pushed, ls_server: LiveServer
) -> None:
    s, admin, task, predictions, article = pushed
    annotation = admin.annotations.create(task.id, result=_answer(article), lead_time=12.0)
    before = [(p.id, p.model_version, p.result) for p in admin.predictions.list(task=task.id)]
    _write_stances(predictions, article, {"ferry": ("against", 0.5), "bridge": ("favor", 0.9)})

    r = refresh_predictions(ls_server.conn, predictions=predictions, title=s.project)

    assert (r.annotated, r.replaced) == (1, 0)
    after = [(p.id, p.model_version, p.result) for p in admin.predictions.list(task=task.id)]
    assert after == before
    (kept,) = admin.annotations.list(task.id)
    assert (kept.id, kept.result) == (annotation.id, annotation.result)


def test_refresh_replaces_each_targets_suggestion_of_an_untouched_task(
    pushed, ls_server: LiveServer
) -> None:
    s, admin, task, predictions, article = pushed
    _write_stances(predictions, article, {"ferry": ("against", 0.5), "bridge": ("favor", 0.9)})

    r = refresh_predictions(ls_server.conn, predictions=predictions, title=s.project)

    assert r.replaced == 1
    (prediction,) = admin.predictions.list(task=task.id)
    assert _suggested(prediction) == {
        "article_stance_0": ("against", 0.5),
        "article_stance_1": ("favor", 0.9),
    }
