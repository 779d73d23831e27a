"""Article -> Label Studio task JSON, as plain dicts, and the names a task gives its targets.
Pure: no I/O, no client.

`article_task` turns one corpus row, its quote pre-annotations, its matched stance targets and the
stance model's suggestions into a task whose prediction holds the quote regions (quote_regions.py)
and the suggested stance toward each target (with the model's score on that item). A task is one
article and asks its stance toward every matched target, one question per target
(`article_stance_<i>`, the i-th of the task data's `targets`, the primary target first): a task
per article and target would have each quote labeled once per target. A quote's stance names its
target (`quote_target`, whose choices are the task's `target_choices`). Reading an export back is
exported.py's; which target a stance control asks about (`stance_control_target`) and which
article a task is (`task_key`) are here, because both directions need them.

Names used in the label config (annotations/label_config.xml) and here must agree: the Text
object `text` and the task-level Choices `article_stance_<i>` repeated over the data's `targets`
(tasks of label config v1 had one `article_stance`, toward `target_id`; their exports are still
read).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.labels import LS_ARTICLE_STANCE, LS_TEXT

NO_TARGET_LINE = "Stance target: none matched (no article stance to give)"
SEVERAL_TARGETS_LINE = "Stance targets: {n}, the article's stance toward each is asked below"
TARGET_LINE = "Stance target {n}: {target}"
TARGET_CHOICE = "Target {n}"
STANCE_REGION_ID = "article-stance-{i}"
_ARTICLE_STANCE_AT = re.compile(re.escape(LS_ARTICLE_STANCE) + r"_(\d+)")


def _target_order(t: Mapping[str, Any]) -> tuple[float, str]:
    return (-float(t.get("score") or 0.0), str(t["target_id"]))


def ordered_targets(targets: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The targets in the order a task asks them: highest score, then smallest target_id."""
    return sorted(targets, key=_target_order)


def article_stance_control(index: int) -> str:
    """The name of the Choices asking the stance toward the index-th target of a task."""
    return f"{LS_ARTICLE_STANCE}_{index}"


def asked_target_ids(data: Mapping[str, Any]) -> list[str]:
    """Ids of the targets a task asks about, in the order of its `targets` (v1 tasks: the one
    `target_id`)."""
    listed = data.get("targets")
    if isinstance(listed, list):
        return [str(t["id"]) for t in listed]
    return [str(data["target_id"])] if data.get("target_id") else []


def stance_control_target(name: str, target_ids: Sequence[str]) -> tuple[bool, str | None]:
    """(is a stance control, the target it asks about): `article_stance_<i>` -> the i-th id,
    the v1 `article_stance` -> the first; (True, None) for an index past the task's targets."""
    if name == LS_ARTICLE_STANCE:
        return True, target_ids[0] if target_ids else None
    match = _ARTICLE_STANCE_AT.fullmatch(name)
    if match is None:
        return False, None
    index = int(match.group(1))
    return True, target_ids[index] if index < len(target_ids) else None


def _date_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10] or None


def article_task(
    article: Mapping[str, Any],
    quotes: Sequence[Mapping[str, Any]] = (),
    targets: Sequence[Mapping[str, Any]] = (),
    stances: Sequence[Mapping[str, Any]] = (),
    model_version: str | None = None,
) -> dict[str, Any]:
    """One import item: the task's data and, when there are quote rows or a suggested stance
    toward one of the task's targets, one prediction.

    Args:
        article: a row of the ARTICLES table (id, text, title, source, published, url,
            content_sha256 are read).
        quotes: QUOTE_PREDICTIONS rows of this article, all made on this `content_sha256`.
        targets: TARGET_PREDICTIONS rows of this article; every one is asked about, the best
            first (`ordered_targets`).
        stances: STANCE_PREDICTIONS rows of this article; each one on an asked target, made on
            this `content_sha256`, becomes that target's `article_stance_<i>` choice.
        model_version: the prediction's model version (push gives every task of a push the
            same one, the versions of every rule set and model it read); by default the
            versions of the rows this task uses.

    Raises:
        ValueError: a prediction was made on another version of the text (the caller filters
            those out and reports them; pushing them would put regions on the wrong words).
    """
    text = article["text"]
    sha = article["content_sha256"]
    stale = [q for q in quotes if q.get("content_sha256") not in (None, sha)]
    if stale:
        raise ValueError(
            f"article {article['id']}: {len(stale)} quote predictions were made on another text "
            f"(content_sha256 {stale[0]['content_sha256']}, article has {sha})"
        )
    ordered = sorted(quotes, key=lambda q: (int(q.get("quote_index", 0)), int(q["start"])))
    data = _task_data(article, targets)
    asked = asked_stances(stances, asked_target_ids(data), sha)
    task: dict[str, Any] = {"data": data}
    if ordered or any(row is not None for row in asked):
        task["predictions"] = [_prediction(text, ordered, asked, model_version)]
    return task


def asked_stances(
    stances: Sequence[Mapping[str, Any]], target_ids: Sequence[str], sha: str
) -> list[Mapping[str, Any] | None]:
    """Per asked target, in order, the model's stance row on it and this text, if any."""
    by_target = {
        str(row["target_id"]): row for row in stances if row.get("content_sha256") in (None, sha)
    }
    return [by_target.get(target_id) for target_id in target_ids]


def stance_result(row: Mapping[str, Any], index: int = 0) -> dict[str, Any]:
    """The `article_stance_<index>` choice of a STANCE_PREDICTIONS row, with the model's
    score."""
    item: dict[str, Any] = {
        "id": STANCE_REGION_ID.format(i=index),
        "from_name": article_stance_control(index),
        "to_name": LS_TEXT,
        "type": "choices",
        "value": {"choices": [row["stance"]]},
    }
    if row.get("score") is not None:
        item["score"] = round(float(row["score"]), 4)
    return item


def target_fields(asked: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The task data naming the targets asked about, in the order given (`target_id`, `target`:
    the first), as the label config's header, Repeater and quote_target choices read them."""
    best = asked[0] if asked else None
    if len(asked) > 1:
        target_line = SEVERAL_TARGETS_LINE.format(n=len(asked))
    else:
        target_line = f"Stance target: {best['target']}" if best else NO_TARGET_LINE
    return {
        "target_line": target_line,
        "target_id": best["target_id"] if best else None,
        "target": best["target"] if best else None,
        "targets": [
            {
                "id": t["target_id"],
                "target": t["target"],
                "line": TARGET_LINE.format(n=n, target=t["target"]),
            }
            for n, t in enumerate(asked, start=1)
        ],
        "target_choices": [
            {"value": t["target_id"], "html": TARGET_CHOICE.format(n=n)}
            for n, t in enumerate(asked, start=1)
        ],
    }


def _task_data(article: Mapping[str, Any], targets: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What the annotator sees (text, title, byline, the targets asked about, in order) and the
    keys that tie the task to its article and text; `target_id` is the primary target."""
    published = _date_text(article.get("published"))
    byline = " · ".join(
        part for part in (article.get("source"), published, article.get("url")) if part
    )
    return {
        "text": article["text"],
        "title": article.get("title") or "(no title)",
        "byline": byline or "(source and date unknown)",
        "article_id": article["id"],
        "content_sha256": article["content_sha256"],
        **target_fields(ordered_targets(targets)),
        "source": article.get("source"),
        "published": published,
        "url": article.get("url"),
    }


def _prediction(
    text: str,
    ordered: Sequence[Mapping[str, Any]],
    stances: Sequence[Mapping[str, Any] | None] = (),
    model_version: str | None = None,
) -> dict[str, Any]:
    """One prediction holding every quote and the suggested stance toward each target; its model
    version names every rule set and model involved, its score is the mean of theirs."""
    suggested = [row for row in stances if row is not None]
    rows = [*ordered, *suggested]
    versions = sorted({str(r["model_version"]) for r in rows if r.get("model_version")})
    scores = [float(r["score"]) for r in rows if r.get("score") is not None]
    result = quotes_to_result(text, ordered)
    result += [stance_result(row, i) for i, row in enumerate(stances) if row is not None]
    return {
        "model_version": model_version or "+".join(versions) or "unknown",
        "score": round(sum(scores) / len(scores), 4) if scores else None,
        "result": result,
    }


def task_key(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """(article_id, content_sha256) of a task pushed by newscorpus, None for foreign tasks."""
    article_id, sha = data.get("article_id"), data.get("content_sha256")
    if not article_id or not sha:
        return None
    return str(article_id), str(sha)


def iter_keys(tasks: Iterable[Mapping[str, Any]]) -> Iterable[tuple[int, tuple[str, str]]]:
    """(task id, key) of every newscorpus task in exported task dicts."""
    for raw in tasks:
        key = task_key(raw.get("data") or {})
        if key is not None:
            yield int(raw["id"]), key
