"""Article <-> Label Studio task JSON, both ways, as plain dicts. Pure: no I/O, no client.

Going out, `article_task` turns one corpus row, its quote pre-annotations, its matched stance
targets and the stance model's suggestions into a task whose prediction holds Quote/Speaker/Cue
regions, relations from each quote to its speaker and cue, per-region choices, and the suggested
stance toward each target (with the model's score on that item). A task is one article and asks
its stance toward every matched target, one question per target (`article_stance_<i>`, the i-th
of the task data's `targets`, the primary target first): a task per article and target would
have each quote labeled once per target. A quote's stance names its target (`quote_target`,
whose choices are the task's `target_choices`).

Coming back, `parse_task` reads one task of a JSON export into `ExportedAnnotation`s of typed
regions and relations, keeping everything it does not understand as an `Oddity` instead of
dropping it, so that validation (validate.py) can report it.

Offsets are Python code points into the article's `text`, which is what Label Studio's Text tag
stores too; nothing here ever shifts an offset to make a region fit.

Names used in the label config (annotations/label_config.xml) and here must agree: the Text
object `text`, the Labels control `span`, per-region Choices `kind`, `quote_stance` and
`quote_target`, the per-region TextArea `speaker_name`, and the task-level Choices
`article_stance_<i>` repeated over the data's `targets` (tasks of label config v1 had one
`article_stance`, toward `target_id`; their exports are still read).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from newscorpus.labels import (
    CUE,
    LS_ARTICLE_STANCE,
    LS_KIND,
    LS_QUOTE_STANCE,
    LS_QUOTE_TARGET,
    LS_SPAN,
    LS_SPEAKER_NAME,
    LS_TEXT,
    QUOTE,
    SPEAKER,
)

NO_TARGET_LINE = "Stance target: none matched (no article stance to give)"
SEVERAL_TARGETS_LINE = "Stance targets: {n}, the article's stance toward each is asked below"
TARGET_LINE = "Stance target {n}: {target}"
TARGET_CHOICE = "Target {n}"
STANCE_REGION_ID = "article-stance-{i}"
# The quote field (ANNOTATED_QUOTES, GOLD_QUOTES) naming the target of the quote's stance.
TARGET_KEY = "stance_target_id"
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

    One Quote region per row with its kind (and stance and its target when the row has them);
    a Speaker and a Cue
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
        per_region = ((LS_KIND, "kind"), (LS_QUOTE_STANCE, "stance"), (LS_QUOTE_TARGET, TARGET_KEY))
        for control, key in per_region:
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
