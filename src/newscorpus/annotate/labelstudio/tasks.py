"""Article <-> Label Studio task JSON, both ways, as plain dicts. Pure: no I/O, no client.

Going out, `article_task` turns one corpus row, its quote pre-annotations, its matched stance
targets and the stance model's suggestions into a task whose prediction holds Quote/Speaker/Cue
regions, relations from each quote to its speaker and cue, per-region choices, and the suggested
`article_stance` toward the target the task asks about (with the model's score on that item).
A task is one article and asks the stance toward one target, its primary one (`primary_target`):
a task per article and target would have each quote labeled once per target.

Coming back, `parse_task` reads one task of a JSON export into `ExportedAnnotation`s of typed
regions and relations, keeping everything it does not understand as an `Oddity` instead of
dropping it, so that validation (validate.py) can report it.

Offsets are Python code points into the article's `text`, which is what Label Studio's Text tag
stores too; nothing here ever shifts an offset to make a region fit.

Names used in the label config (annotations/label_config.xml) and here must agree: the Text
object `text`, the Labels control `span`, per-region Choices `kind` and `quote_stance`, the
per-region TextArea `speaker_name`, and the task-level Choices `article_stance`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from newscorpus.labels import (
    CUE,
    LS_ARTICLE_STANCE,
    LS_KIND,
    LS_QUOTE_STANCE,
    LS_SPAN,
    LS_SPEAKER_NAME,
    LS_TEXT,
    QUOTE,
    SPEAKER,
)

NO_TARGET_LINE = "Stance target: none matched (choose 'none' for the article's stance)"
STANCE_REGION_ID = "article-stance"


def primary_target(targets: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The target a task asks about: highest score, then smallest target_id (deterministic)."""
    if not targets:
        return None
    return min(targets, key=lambda t: (-float(t.get("score") or 0.0), str(t["target_id"])))


def _date_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10] or None


def _span_result(region_id: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": LS_SPAN,
        "to_name": LS_TEXT,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def _per_region(
    region_id: str, control: str, type_: str, start: int, end: int, payload: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": control,
        "to_name": LS_TEXT,
        "type": type_,
        "value": {"start": start, "end": end, **payload},
    }


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {
        "from_id": from_id,
        "to_id": to_id,
        "type": "relation",
        "direction": "right",
        "labels": [label],
    }


def quotes_to_result(text: str, quotes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Label Studio result items for quote rows (QUOTE_PREDICTIONS or ANNOTATED_QUOTES fields).

    One Quote region per row with its kind (and stance when the row has one); a Speaker and a Cue
    region shared by every quote that points at the same span, with the canonical name on the
    speaker; relations quote->speaker and quote->cue.

    Raises:
        ValueError: a span lies outside `text` (predictions made on another version of the text).
    """
    builder = _ResultBuilder(text)
    for i, q in enumerate(quotes):
        builder.add_quote(i, q)
    return builder.result


@dataclass
class _ResultBuilder:
    """Result items so far; speaker and cue regions are shared by the quotes on the same span."""

    text: str
    result: list[dict[str, Any]] = field(default_factory=list)
    speakers: dict[tuple[int, int], str] = field(default_factory=dict)
    cues: dict[tuple[int, int], str] = field(default_factory=dict)
    names_given: set[str] = field(default_factory=set)

    def check(self, start: int, end: int, what: str, index: int) -> None:
        if not (0 <= start <= end <= len(self.text)):
            raise ValueError(
                f"quote {index}: {what} span {start}:{end} is outside a text of {len(self.text)}"
            )

    def add_quote(self, i: int, q: Mapping[str, Any]) -> None:
        start, end = int(q["start"]), int(q["end"])
        self.check(start, end, "content", i)
        qid = f"q{i}"
        self.result.append(_span_result(qid, start, end, self.text, QUOTE))
        for control, key in ((LS_KIND, "kind"), (LS_QUOTE_STANCE, "stance")):
            if q.get(key):
                self.result.append(
                    _per_region(qid, control, "choices", start, end, {"choices": [q[key]]})
                )
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            span = (int(q["speaker_start"]), int(q["speaker_end"]))
            self.check(*span, "speaker", i)
            sid = self.shared_region(self.speakers, "s", span, SPEAKER)
            if q.get("speaker_name") and sid not in self.names_given:
                self.names_given.add(sid)
                name = {"text": [q["speaker_name"]]}
                self.result.append(_per_region(sid, LS_SPEAKER_NAME, "textarea", *span, name))
            self.result.append(_relation(qid, sid, "speaker"))
        if q.get("cue_start") is not None and q.get("cue_end") is not None:
            span = (int(q["cue_start"]), int(q["cue_end"]))
            self.check(*span, "cue", i)
            cid = self.shared_region(self.cues, "c", span, CUE)
            self.result.append(_relation(qid, cid, "cue"))

    def shared_region(
        self, known: dict[tuple[int, int], str], prefix: str, span: tuple[int, int], label: str
    ) -> str:
        """The id of the region on `span`, made (and its result item added) on first use."""
        rid = known.get(span)
        if rid is None:
            rid = known[span] = f"{prefix}{len(known)}"
            self.result.append(_span_result(rid, *span, self.text, label))
        return rid


def article_task(
    article: Mapping[str, Any],
    quotes: Sequence[Mapping[str, Any]] = (),
    targets: Sequence[Mapping[str, Any]] = (),
    stances: Sequence[Mapping[str, Any]] = (),
    model_version: str | None = None,
) -> dict[str, Any]:
    """One import item: the task's data and, when there are quote rows or a suggested stance
    toward the task's target, one prediction.

    Args:
        article: a row of the ARTICLES table (id, text, title, source, published, url,
            content_sha256 are read).
        quotes: QUOTE_PREDICTIONS rows of this article, all made on this `content_sha256`.
        targets: TARGET_PREDICTIONS rows of this article; the best one is asked about, the
            others are listed in `other_targets`.
        stances: STANCE_PREDICTIONS rows of this article; the one on the asked target, made
            on this `content_sha256`, becomes the prediction's `article_stance` choice.
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
    stance = asked_stance(stances, data["target_id"], sha)
    task: dict[str, Any] = {"data": data}
    if ordered or stance is not None:
        task["predictions"] = [_prediction(text, ordered, stance, model_version)]
    return task


def asked_stance(
    stances: Sequence[Mapping[str, Any]], target_id: str | None, sha: str
) -> Mapping[str, Any] | None:
    """The stance row on the asked target and this text, if the model made one."""
    if target_id is None:
        return None
    for row in stances:
        if row["target_id"] == target_id and row.get("content_sha256") in (None, sha):
            return row
    return None


def stance_result(row: Mapping[str, Any]) -> dict[str, Any]:
    """The `article_stance` choice of a STANCE_PREDICTIONS row, with the model's score."""
    item: dict[str, Any] = {
        "id": STANCE_REGION_ID,
        "from_name": LS_ARTICLE_STANCE,
        "to_name": LS_TEXT,
        "type": "choices",
        "value": {"choices": [row["stance"]]},
    }
    if row.get("score") is not None:
        item["score"] = round(float(row["score"]), 4)
    return item


def _task_data(article: Mapping[str, Any], targets: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What the annotator sees (text, title, byline, the target asked about) and the keys that
    tie the task to its article and text."""
    best = primary_target(targets)
    published = _date_text(article.get("published"))
    byline = " · ".join(
        part for part in (article.get("source"), published, article.get("url")) if part
    )
    return {
        "text": article["text"],
        "title": article.get("title") or "(no title)",
        "byline": byline or "(source and date unknown)",
        "target_line": f"Stance target: {best['target']}" if best else NO_TARGET_LINE,
        "article_id": article["id"],
        "content_sha256": article["content_sha256"],
        "target_id": best["target_id"] if best else None,
        "target": best["target"] if best else None,
        "other_targets": sorted(str(t["target_id"]) for t in targets if t is not best),
        "source": article.get("source"),
        "published": published,
        "url": article.get("url"),
    }


def _prediction(
    text: str,
    ordered: Sequence[Mapping[str, Any]],
    stance: Mapping[str, Any] | None = None,
    model_version: str | None = None,
) -> dict[str, Any]:
    """One prediction holding every quote and the suggested stance; its model version names
    every rule set and model involved, its score is the mean of theirs."""
    rows = [*ordered, stance] if stance is not None else list(ordered)
    versions = sorted({str(r["model_version"]) for r in rows if r.get("model_version")})
    scores = [float(r["score"]) for r in rows if r.get("score") is not None]
    result = quotes_to_result(text, ordered)
    if stance is not None:
        result.append(stance_result(stance))
    return {
        "model_version": model_version or "+".join(versions) or "unknown",
        "score": round(sum(scores) / len(scores), 4) if scores else None,
        "result": result,
    }


# --- export -> regions -------------------------------------------------------------------------


@dataclass(slots=True)
class Region:
    """A labeled span with what per-region controls said about it."""

    id: str
    labels: tuple[str, ...]
    start: int | None
    end: int | None
    text: str | None
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    textareas: dict[str, tuple[str, ...]] = field(default_factory=dict)
    label: str | None = field(init=False)

    def __post_init__(self) -> None:
        # The single label, or None when there are none or several (validation reports both).
        self.label = self.labels[0] if len(self.labels) == 1 else None


@dataclass(frozen=True, slots=True)
class Relation:
    from_id: str
    to_id: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Oddity:
    """A result item the parser could not place; validation turns it into a report row."""

    region_id: str | None
    reason: str
    detail: str


@dataclass
class ExportedAnnotation:
    """One annotator's pass over one task, as exported."""

    task_id: int | None
    annotation_id: str
    completed_by: Any
    ground_truth: bool
    was_cancelled: bool
    created_at: str | None
    updated_at: str | None
    lead_time: float | None
    regions: dict[str, Region]
    relations: list[Relation]
    task_choices: dict[str, tuple[str, ...]]
    oddities: list[Oddity]


@dataclass
class ExportedTask:
    """One task of an export: its data and its annotations (cancelled ones included)."""

    task_id: int | None
    data: dict[str, Any]
    annotations: list[ExportedAnnotation]


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(map(str, value))


def parse_annotation(raw: Mapping[str, Any], task_id: int | None) -> ExportedAnnotation:
    """Read one annotation of an export into regions, relations and task-level choices."""
    reading = _Reading()
    per_region: list[Mapping[str, Any]] = []
    for item in raw.get("result") or []:
        if reading.add(item):
            per_region.append(item)
    # Per-region choices and text areas may come before their span: placed once all are read.
    for item in per_region:
        reading.attach(item)
    return ExportedAnnotation(
        task_id=task_id,
        annotation_id=str(raw.get("id")),
        completed_by=raw.get("completed_by"),
        ground_truth=bool(raw.get("ground_truth")),
        was_cancelled=bool(raw.get("was_cancelled")),
        created_at=raw.get("created_at"),
        updated_at=raw.get("updated_at"),
        lead_time=raw.get("lead_time"),
        regions=reading.regions,
        relations=reading.relations,
        task_choices=reading.task_choices,
        oddities=reading.oddities,
    )


@dataclass
class _Reading:
    """What one annotation's result items said so far."""

    regions: dict[str, Region] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    task_choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    oddities: list[Oddity] = field(default_factory=list)

    def add(self, item: Mapping[str, Any]) -> bool:
        """Read one result item; True when it belongs to a region and must wait for `attach`."""
        rtype = item.get("type")
        value = item.get("value") or {}
        if rtype == "relation":
            self.relations.append(
                Relation(
                    str(item.get("from_id")), str(item.get("to_id")), _as_tuple(item.get("labels"))
                )
            )
        elif rtype == "labels":
            self.add_region(str(item.get("id")), value)
        elif rtype in {"choices", "textarea"} and "start" in value and item.get("id"):
            return True
        elif rtype == "choices":
            self.task_choices[str(item.get("from_name"))] = _as_tuple(value.get("choices"))
        else:
            self.oddities.append(
                Oddity(
                    item.get("id"),
                    "unknown_result",
                    f"result of type {rtype!r} from {item.get('from_name')!r} is not in our config",
                )
            )
        return False

    def add_region(self, rid: str, value: Mapping[str, Any]) -> None:
        if rid in self.regions:
            self.oddities.append(Oddity(rid, "duplicate_region", "two span results share this id"))
            return
        self.regions[rid] = Region(
            id=rid,
            labels=_as_tuple(value.get("labels")),
            start=value.get("start"),
            end=value.get("end"),
            text=value.get("text"),
        )

    def attach(self, item: Mapping[str, Any]) -> None:
        """A per-region choice or text area onto its region, or an oddity when there is none."""
        rid = str(item["id"])
        region = self.regions.get(rid)
        name = str(item.get("from_name"))
        value = item.get("value") or {}
        if region is None:
            self.oddities.append(
                Oddity(rid, "orphan_choice", f"{name} result refers to no span region {rid!r}")
            )
        elif item["type"] == "choices":
            region.choices[name] = _as_tuple(value.get("choices"))
        else:
            region.textareas[name] = _as_tuple(value.get("text"))


def parse_task(raw: Mapping[str, Any]) -> ExportedTask:
    """Read one task of a Label Studio JSON export."""
    task_id = raw.get("id")
    return ExportedTask(
        task_id=int(task_id) if task_id is not None else None,
        data=dict(raw.get("data") or {}),
        annotations=[parse_annotation(a, task_id) for a in raw.get("annotations") or []],
    )


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
