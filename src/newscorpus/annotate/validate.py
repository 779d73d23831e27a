"""An exported task -> typed quote and stance rows, and the issues report. Pure.

Input is Label Studio's JSON export, one task dict at a time (or a BRAT corpus's articles put in
the same shape by labelstudio/import_brat.py); output is rows of the schemas ANNOTATED_QUOTES,
ANNOTATED_STANCE and ANNOTATION_ISSUES, and one `AnnotationRef` per counted annotation (agreement
and gold need them). No file or server is touched here: labelstudio/pull.py reads exports and
writes tables.

Validation never repairs: a region whose `text[start:end]` differs from the text it claims, whose
offsets fall outside the text, or whose label is not in the config is reported with task,
annotation, region and reason, and left out; it is never dropped silently and never shifted to
where the text "probably" is. Softer problems (a quote without speaker, a quote stance whose
target is not named on a task with several targets) are reported as warnings and their rows kept.
A task asks the article's stance toward each of its targets (`article_stance_<i>`, the i-th of
its `targets`): each gives one stance row with that target's id.

Cancelled (skipped) annotations are counted and left out. A task, annotation or result item of
the wrong JSON shape (shape.py) is reported the same way and left out: no content of an export
stops a pull.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newscorpus import labels
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.config import LabelConfig
from newscorpus.annotate.labelstudio.exported import (
    ExportedAnnotation,
    ExportedTask,
    Region,
    parse_task,
)
from newscorpus.annotate.shape import well_formed
from newscorpus.hashing import text_sha256

Row = dict[str, Any]


@dataclass(frozen=True)
class AnnotationRef:
    """One counted (not cancelled) annotation of an article: agreement needs the annotations
    that marked no quote at all, which no quote row shows."""

    article_id: str
    content_sha256: str
    task_id: int | None
    annotation_id: str
    annotator: str
    ground_truth: bool
    target_id: str | None
    # When it was made and last saved (of one annotator's annotations of a text, the latest
    # saved votes: votes.saved_at), and the seconds spent on it, as the export gives them.
    created_at: datetime | None = None
    updated_at: datetime | None = None
    lead_time: float | None = None

    @property
    def saved_at(self) -> datetime | None:
        """When it was last saved: updated, else made."""
        return self.updated_at or self.created_at


@dataclass
class Flattened:
    """Everything one pass over an export gives."""

    quotes: list[Row] = field(default_factory=list)
    stance: list[Row] = field(default_factory=list)
    issues: list[Row] = field(default_factory=list)
    annotations: list[AnnotationRef] = field(default_factory=list)
    tasks: int = 0
    tasks_without_annotations: int = 0
    cancelled: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i["severity"] == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i["severity"] == "warning")


def flatten(
    raw_tasks: Iterable[Mapping[str, Any]],
    config: LabelConfig,
    annotator: Callable[[Any], str],
) -> Flattened:
    """Validate and flatten a whole export, one task at a time (the export may be streamed)."""
    out = Flattened()
    for raw in raw_tasks:
        flatten_task(raw, config, annotator, out)
    return out


def flatten_task(
    raw_task: Any,
    config: LabelConfig,
    annotator: Callable[[Any], str],
    out: Flattened,
) -> None:
    """Validate one exported task and append its rows and issues to `out`.

    Args:
        raw_task: one task of a JSON export (dict with `id`, `data`, `annotations`).
        config: the label config the annotations must fit.
        annotator: maps an annotation's `completed_by` to its pseudonym.
        out: accumulator.
    """
    out.tasks += 1
    shaped = well_formed(raw_task)
    for p in shaped.problems:
        out.issues.append(
            _issue(
                shaped.task_id,
                p.annotation_id,
                shaped.article_id,
                p.region_id,
                p.severity,
                p.reason,
                p.detail,
            )
        )
    if shaped.task is None:
        return
    task = parse_task(shaped.task)
    article = _task_article(task, out)
    if article is None:
        return
    counted = [a for a in task.annotations if not a.was_cancelled]
    out.cancelled += len(task.annotations) - len(counted)
    if not counted:
        out.tasks_without_annotations += 1
    vocabulary = _Vocabulary.of(config)
    for ann in counted:
        _flatten_annotation(_Pass(article, ann, annotator(ann.completed_by), out), vocabulary)


# --- one task -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Article:
    """What every row of a task repeats: which article, which exact text, which targets (the
    first is the primary one)."""

    task_id: int | None
    article_id: str
    sha: str
    text: str
    target_ids: tuple[str, ...] = ()

    @property
    def target_id(self) -> str | None:
        return self.target_ids[0] if self.target_ids else None


@dataclass(frozen=True)
class _Vocabulary:
    """The values the label config allows, per control."""

    span_labels: frozenset[str]
    kinds: frozenset[str]
    stances: frozenset[str]
    article_stances: frozenset[str]

    @classmethod
    def of(cls, config: LabelConfig) -> _Vocabulary:
        return cls(
            span_labels=config.labels(labels.LS_SPAN),
            kinds=config.labels(labels.LS_KIND),
            stances=config.labels(labels.LS_QUOTE_STANCE),
            article_stances=config.labels(labels.LS_ARTICLE_STANCE_REPEATED)
            or config.labels(labels.LS_ARTICLE_STANCE),
        )


def _issue(
    task_id: int | None,
    annotation_id: str | None,
    article_id: str | None,
    region_id: str | None,
    severity: str,
    reason: str,
    detail: str,
) -> Row:
    return {
        "task_id": task_id,
        "annotation_id": annotation_id,
        "article_id": article_id,
        "region_id": region_id,
        "severity": severity,
        "reason": reason,
        "detail": detail,
    }


def _task_article(task: ExportedTask, out: Flattened) -> _Article | None:
    """The task's article, or None (reported) when the task is not ours or its text changed."""
    data = task.data
    key = lst.task_key(data)
    if key is None:
        detail = "task data has no article_id/content_sha256: not pushed by newscorpus"
        out.issues.append(_issue(task.task_id, None, None, None, "error", "foreign_task", detail))
        return None
    article_id, sha = key
    text = data.get("text")
    if not isinstance(text, str) or text_sha256(text) != sha:
        detail = "the task's text does not hash to its content_sha256; nothing of it is used"
        out.issues.append(
            _issue(task.task_id, None, article_id, None, "error", "text_changed", detail)
        )
        return None
    return _Article(task.task_id, article_id, sha, text, tuple(lst.asked_target_ids(data)))


# --- one annotation -----------------------------------------------------------------------------


@dataclass
class _Pass:
    """One counted annotation being flattened, and where its rows and issues go."""

    article: _Article
    ann: ExportedAnnotation
    who: str
    out: Flattened
    created: datetime | None = field(init=False)
    updated: datetime | None = field(init=False)

    def __post_init__(self) -> None:
        self.created, self.updated = (
            export_time(self.ann.created_at),
            export_time(self.ann.updated_at),
        )

    def report(self, region_id: str | None, severity: str, reason: str, detail: str) -> None:
        a = self.article
        self.out.issues.append(
            _issue(
                a.task_id, self.ann.annotation_id, a.article_id, region_id, severity, reason, detail
            )
        )

    def row(self, **fields: Any) -> Row:
        """A quote or stance row: who and what it is about, `fields`, then when and how long."""
        a, ann = self.article, self.ann
        return {
            "article_id": a.article_id,
            "content_sha256": a.sha,
            "task_id": a.task_id,
            "annotation_id": ann.annotation_id,
            "annotator": self.who,
            "ground_truth": ann.ground_truth,
            **fields,
            "created_at": self.created,
            "updated_at": self.updated,
            "lead_time": ann.lead_time,
        }


def export_time(value: Any) -> datetime | None:
    """A time as a Label Studio export writes it (ISO 8601), in UTC when it names no zone."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _flatten_annotation(p: _Pass, vocabulary: _Vocabulary) -> None:
    """Rows and issues of one annotation, issues in a fixed order: parser oddities, regions,
    relations, quotes (by position), unlinked speakers and cues, then the article stance."""
    a, ann = p.article, p.ann
    p.out.annotations.append(
        AnnotationRef(
            a.article_id,
            a.sha,
            a.task_id,
            ann.annotation_id,
            p.who,
            ann.ground_truth,
            a.target_id,
            p.created,
            p.updated,
            ann.lead_time,
        )
    )
    for odd in ann.oddities:
        p.report(odd.region_id, "error", odd.reason, odd.detail)
    valid = _valid_regions(p, vocabulary.span_labels)
    links = _links(p, valid)
    linked_to_quote: set[str] = set()
    for rid, region in sorted(valid.items(), key=lambda kv: (kv[1].start, kv[1].end, kv[0])):
        if region.label == labels.QUOTE:
            others = [valid[o] for o in links.get(rid, [])]
            linked_to_quote.update(o.id for o in others)
            _add_quote(p, region, others, vocabulary)
    for rid, region in valid.items():
        if region.label in (labels.SPEAKER, labels.CUE) and rid not in linked_to_quote:
            p.report(
                rid,
                "warning",
                f"unlinked_{region.label.lower()}",
                f"{region.label} {region.text!r} is linked to no quote",
            )
    _add_article_stances(p, vocabulary.article_stances)


def _valid_regions(p: _Pass, span_labels: frozenset[str]) -> dict[str, Region]:
    """The regions that can be trusted as they are; the others reported."""
    valid: dict[str, Region] = {}
    for rid, region in p.ann.regions.items():
        problem = _region_problem(region, p.article.text, span_labels)
        if problem:
            p.report(rid, "error", *problem)
        else:
            valid[rid] = region
    return valid


def _region_problem(region: Region, text: str, allowed: frozenset[str]) -> tuple[str, str] | None:
    """(reason, detail) when a span region cannot be trusted as it is, else None."""
    if len(region.labels) != 1:
        return "label_count", f"region has labels {list(region.labels)}, expected exactly one"
    if allowed and region.labels[0] not in allowed:
        return "unknown_label", f"label {region.labels[0]!r} is not in the label config"
    start, end = region.start, region.end
    if not all(isinstance(o, int) and not isinstance(o, bool) for o in (start, end)):
        return "bad_offsets", f"offsets {start!r}:{end!r} are not integers"
    if not 0 <= start < end <= len(text):
        return "out_of_range", f"span {start}:{end} is outside a text of {len(text)} code points"
    if region.text is not None and text[start:end] != region.text:
        return (
            "offset_mismatch",
            f"region says {region.text!r} but text[{start}:{end}] is {text[start:end]!r}",
        )
    return None


def _links(p: _Pass, valid: Mapping[str, Region]) -> dict[str, list[str]]:
    """Region id -> ids it is related to (both ways), between valid regions only; a relation
    naming a region that does not exist at all is reported."""
    links: dict[str, list[str]] = defaultdict(list)
    for rel in p.ann.relations:
        missing = [r for r in (rel.from_id, rel.to_id) if r not in p.ann.regions]
        if missing:
            p.report(
                rel.from_id,
                "error",
                "dangling_relation",
                f"relation {rel.from_id}->{rel.to_id} names no region {missing}",
            )
            continue
        if rel.from_id in valid and rel.to_id in valid:
            links[rel.from_id].append(rel.to_id)
            links[rel.to_id].append(rel.from_id)
    return links


def _single_choice(
    values: tuple[str, ...], allowed: frozenset[str], what: str
) -> tuple[str | None, str | None]:
    """(value, problem): one allowed value, or None with why not."""
    if not values:
        return None, None
    if len(values) > 1:
        return None, f"{what} has {len(values)} values {list(values)}, expected one"
    if allowed and values[0] not in allowed:
        return None, f"{what} {values[0]!r} is not in the label config ({sorted(allowed)})"
    return values[0], None


# --- quotes and stance --------------------------------------------------------------------------


def _add_quote(p: _Pass, region: Region, others: list[Region], vocabulary: _Vocabulary) -> None:
    """One quote row, unless its choices or links make it an error (reported)."""
    speakers = sorted({(o.start, o.end, o.id) for o in others if o.label == labels.SPEAKER})
    cues = sorted({(o.start, o.end, o.id) for o in others if o.label == labels.CUE})
    kind, kind_problem = _single_choice(
        region.choices.get(labels.LS_KIND, ()), vocabulary.kinds, "kind"
    )
    stance, stance_problem = _single_choice(
        region.choices.get(labels.LS_QUOTE_STANCE, ()), vocabulary.stances, "quote stance"
    )
    target, target_problem = _quote_target(p, region, stance)
    choice_problems = [q for q in (kind_problem, stance_problem, target_problem) if q]
    link_problems = [
        f"quote is linked to {len(found)} {what}"
        for found, what in ((speakers, "speakers"), (cues, "cues"))
        if len(found) > 1
    ]
    if choice_problems or link_problems:
        reason = "bad_choice" if choice_problems else "bad_quote_links"
        p.report(region.id, "error", reason, "; ".join(choice_problems + link_problems))
        return
    by_id = {o.id: o for o in others}
    speaker = by_id[speakers[0][2]] if speakers else None
    cue = by_id[cues[0][2]] if cues else None
    if speaker is None:
        p.report(
            region.id,
            "warning",
            "quote_without_speaker",
            f"quote {region.text!r} has no linked Speaker region",
        )
    if stance is not None and target is None and len(p.article.target_ids) > 1:
        p.report(
            region.id,
            "warning",
            "quote_stance_without_target",
            f"quote {region.text!r} has stance {stance!r} but names none of the task's "
            f"{len(p.article.target_ids)} targets; its stance_target_id is left empty",
        )
    p.out.quotes.append(_quote_row(p, region, (kind, stance, target), speaker, cue))


def _quote_target(p: _Pass, region: Region, stance: str | None) -> tuple[str | None, str | None]:
    """(target id, problem) of a quote's stance: the one chosen, which must be a target of the
    task; when none is chosen, the task's target if it has only one and the quote a stance."""
    asked = p.article.target_ids
    chosen, problem = _single_choice(
        region.choices.get(labels.LS_QUOTE_TARGET, ()), frozenset(), "quote target"
    )
    if problem:
        return None, problem
    if chosen is None:
        return (asked[0] if stance is not None and len(asked) == 1 else None), None
    if chosen not in asked:
        return None, f"quote target {chosen!r} is not a target of this task ({list(asked)})"
    return chosen, None


def _quote_row(
    p: _Pass,
    region: Region,
    choices: tuple[str | None, str | None, str | None],
    speaker: Region | None,
    cue: Region | None,
) -> Row:
    """The quote's row; `choices` are its kind, stance and the target of its stance."""
    text = p.article.text
    kind, stance, target = choices

    def cut(r: Region | None) -> str | None:
        return text[r.start : r.end] if r else None  # type: ignore[misc]

    return p.row(
        region_id=region.id,
        start=region.start,
        end=region.end,
        text=cut(region),
        kind=kind,
        stance=stance,
        stance_target_id=target,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_text=cut(speaker),
        cue_start=cue.start if cue else None,
        cue_end=cue.end if cue else None,
        cue_text=cut(cue),
        speaker_name=_speaker_name(speaker),
    )


def _speaker_name(speaker: Region | None) -> str | None:
    """The first non-blank name typed for the speaker, if any."""
    if speaker is None:
        return None
    names = [n.strip() for n in speaker.textareas.get(labels.LS_SPEAKER_NAME, ()) if n.strip()]
    return names[0] if names else None


def _add_article_stances(p: _Pass, allowed: frozenset[str]) -> None:
    """One stance row per target of the task (tasks with targets only), or why there is none."""
    chosen: dict[str, str | None] = {}
    refused: set[str] = set()  # targets whose answer is an error: no row
    for name, values in p.ann.task_choices.items():
        is_stance, target = lst.stance_control_target(name, p.article.target_ids)
        if not is_stance:
            detail = f"choices from {name!r} are not in our config"
            p.report(None, "error", "unknown_control", detail)
            continue
        choice, problem = _single_choice(values, allowed, f"article stance ({name})")
        if problem:
            p.report(None, "error", "bad_choice", problem)
            refused.update([target] if target is not None else [])
        elif target is None and choice not in (None, "none"):
            p.report(
                None,
                "warning",
                "stance_without_target",
                f"article stance {choice!r} given in {name!r}, which asks about no target of "
                "this task",
            )
        elif target is not None and target in chosen:
            p.report(None, "error", "bad_choice", f"two stances given toward target {target!r}")
            refused.add(target)
        elif target is not None:
            chosen[target] = choice
    for target in p.article.target_ids:
        if target in refused:
            continue
        choice = chosen.get(target)
        if choice is None:
            detail = f"no article stance was chosen toward target {target!r}"
            p.report(None, "warning", "no_article_stance", detail)
        p.out.stance.append(p.row(target_id=target, stance=choice))
