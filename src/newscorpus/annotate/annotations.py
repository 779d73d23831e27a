"""Exported annotations -> validated tables, agreement figures and gold labels. Pure.

Input is Label Studio's JSON export, one task dict at a time (or BRAT files converted to the same
shape by `brat_task`); output is rows of the schemas ANNOTATED_QUOTES, ANNOTATED_STANCE,
ANNOTATION_ISSUES, GOLD_QUOTES, GOLD_STANCE and ADJUDICATION, and an agreement report (a dict).
No file or server is touched here: sync.py reads exports and writes tables.

Validation never repairs: a region whose `text[start:end]` differs from the text it claims, whose
offsets fall outside the text, or whose label is not in the config is reported with task,
annotation, region and reason, and left out; it is never dropped silently and never shifted to
where the text "probably" is. Softer problems (a quote without speaker) are reported as warnings
and their rows kept. Cancelled (skipped) annotations are counted and left out.

Annotators appear only as a salted hash of their identity (e-mail where the server gives it), so
every table here can be published.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from typing import Any

import krippendorff
import numpy as np

from newscorpus import labels
from newscorpus.annotate import brat
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.config import LabelConfig
from newscorpus.hashing import text_sha256
from newscorpus.spans import MATCH_IOU, Span, iou, match_spans

Row = dict[str, Any]


def pseudonym(identity: str, salt: str) -> str:
    """Stable, salted, non-reversible annotator name: `ann-` + 12 hex digits.

    Without the salt (kept out of git) nobody can test an e-mail against the hash.
    """
    if not salt:
        raise ValueError("an empty salt would make annotator hashes guessable")
    digest = hashlib.sha256(f"{salt}\x00{identity}".encode()).hexdigest()
    return f"ann-{digest[:12]}"


def _timestamp(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# --- flattening and validation ------------------------------------------------------------------


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


def _region_problem(
    region: lst.Region, text: str, allowed: frozenset[str]
) -> tuple[str, str] | None:
    """(reason, detail) when a span region cannot be trusted as it is, else None."""
    if len(region.labels) != 1:
        return "label_count", f"region has labels {list(region.labels)}, expected exactly one"
    if allowed and region.labels[0] not in allowed:
        return "unknown_label", f"label {region.labels[0]!r} is not in the label config"
    start, end = region.start, region.end
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        return "bad_offsets", f"offsets {start!r}:{end!r} are not integers"
    if not 0 <= start < end <= len(text):
        return "out_of_range", f"span {start}:{end} is outside a text of {len(text)} code points"
    if region.text is not None and text[start:end] != region.text:
        return (
            "offset_mismatch",
            f"region says {region.text!r} but text[{start}:{end}] is {text[start:end]!r}",
        )
    return None


def flatten_task(
    raw_task: Mapping[str, Any],
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
    task = lst.parse_task(raw_task)
    out.tasks += 1
    data = task.data
    key = lst.task_key(data)
    if key is None:
        out.issues.append(
            _issue(
                task.task_id,
                None,
                None,
                None,
                "error",
                "foreign_task",
                "task data has no article_id/content_sha256: not pushed by newscorpus",
            )
        )
        return
    article_id, sha = key
    text = data.get("text")
    if not isinstance(text, str) or text_sha256(text) != sha:
        out.issues.append(
            _issue(
                task.task_id,
                None,
                article_id,
                None,
                "error",
                "text_changed",
                "the task's text does not hash to its content_sha256; nothing of it is used",
            )
        )
        return
    target_id = data.get("target_id") or None
    counted = [a for a in task.annotations if not a.was_cancelled]
    out.cancelled += len(task.annotations) - len(counted)
    if not counted:
        out.tasks_without_annotations += 1
    span_labels = config.labels(labels.LS_SPAN)
    kinds = config.labels(labels.LS_KIND)
    stances = config.labels(labels.LS_QUOTE_STANCE)
    article_stances = config.labels(labels.LS_ARTICLE_STANCE)
    for ann in counted:
        who = annotator(ann.completed_by)
        out.annotations.append(
            AnnotationRef(
                article_id, sha, task.task_id, ann.annotation_id, who, ann.ground_truth, target_id
            )
        )

        def report(
            region_id: str | None,
            severity: str,
            reason: str,
            detail: str,
            _ann: lst.ExportedAnnotation = ann,
        ) -> None:
            out.issues.append(
                _issue(
                    task.task_id,
                    _ann.annotation_id,
                    article_id,
                    region_id,
                    severity,
                    reason,
                    detail,
                )
            )

        for odd in ann.oddities:
            report(odd.region_id, "error", odd.reason, odd.detail)
        valid: dict[str, lst.Region] = {}
        for rid, region in ann.regions.items():
            problem = _region_problem(region, text, span_labels)
            if problem:
                report(rid, "error", *problem)
            else:
                valid[rid] = region
        links: dict[str, list[str]] = defaultdict(list)
        for rel in ann.relations:
            missing = [r for r in (rel.from_id, rel.to_id) if r not in ann.regions]
            if missing:
                report(
                    rel.from_id,
                    "error",
                    "dangling_relation",
                    f"relation {rel.from_id}->{rel.to_id} names no region {missing}",
                )
                continue
            if rel.from_id in valid and rel.to_id in valid:
                links[rel.from_id].append(rel.to_id)
                links[rel.to_id].append(rel.from_id)
        linked_to_quote: set[str] = set()
        created, updated = _timestamp(ann.created_at), _timestamp(ann.updated_at)
        for rid, region in sorted(valid.items(), key=lambda kv: (kv[1].start, kv[1].end, kv[0])):
            if region.label != labels.QUOTE:
                continue
            others = [valid[o] for o in links.get(rid, [])]
            speakers = sorted({(o.start, o.end, o.id) for o in others if o.label == labels.SPEAKER})
            cues = sorted({(o.start, o.end, o.id) for o in others if o.label == labels.CUE})
            linked_to_quote.update(o.id for o in others)
            kind, kind_problem = _single_choice(
                region.choices.get(labels.LS_KIND, ()), kinds, "kind"
            )
            stance, stance_problem = _single_choice(
                region.choices.get(labels.LS_QUOTE_STANCE, ()), stances, "quote stance"
            )
            choice_problems = [p for p in (kind_problem, stance_problem) if p]
            link_problems = [
                f"quote is linked to {len(found)} {what}"
                for found, what in ((speakers, "speakers"), (cues, "cues"))
                if len(found) > 1
            ]
            if choice_problems or link_problems:
                reason = "bad_choice" if choice_problems else "bad_quote_links"
                report(rid, "error", reason, "; ".join(choice_problems + link_problems))
                continue
            speaker = valid[speakers[0][2]] if speakers else None
            cue = valid[cues[0][2]] if cues else None
            if speaker is None:
                report(
                    rid,
                    "warning",
                    "quote_without_speaker",
                    f"quote {region.text!r} has no linked Speaker region",
                )
            name = None
            if speaker is not None:
                names = [
                    n.strip()
                    for n in speaker.textareas.get(labels.LS_SPEAKER_NAME, ())
                    if n.strip()
                ]
                name = names[0] if names else None
            out.quotes.append(
                {
                    "article_id": article_id,
                    "content_sha256": sha,
                    "task_id": task.task_id,
                    "annotation_id": ann.annotation_id,
                    "annotator": who,
                    "ground_truth": ann.ground_truth,
                    "region_id": rid,
                    "start": region.start,
                    "end": region.end,
                    "text": text[region.start : region.end],  # type: ignore[index]
                    "kind": kind,
                    "stance": stance,
                    "speaker_start": speaker.start if speaker else None,
                    "speaker_end": speaker.end if speaker else None,
                    "speaker_text": text[speaker.start : speaker.end] if speaker else None,  # type: ignore[index]
                    "cue_start": cue.start if cue else None,
                    "cue_end": cue.end if cue else None,
                    "cue_text": text[cue.start : cue.end] if cue else None,  # type: ignore[index]
                    "speaker_name": name,
                    "created_at": created,
                    "updated_at": updated,
                    "lead_time": ann.lead_time,
                }
            )
        for rid, region in valid.items():
            if region.label in (labels.SPEAKER, labels.CUE) and rid not in linked_to_quote:
                report(
                    rid,
                    "warning",
                    f"unlinked_{region.label.lower()}",
                    f"{region.label} {region.text!r} is linked to no quote",
                )
        choice, problem = _single_choice(
            ann.task_choices.get(labels.LS_ARTICLE_STANCE, ()), article_stances, "article stance"
        )
        for name in ann.task_choices:
            if name != labels.LS_ARTICLE_STANCE:
                report(
                    None, "error", "unknown_control", f"choices from {name!r} are not in our config"
                )
        if problem:
            report(None, "error", "bad_choice", problem)
        elif target_id is None:
            if choice not in (None, "none"):
                report(
                    None,
                    "warning",
                    "stance_without_target",
                    f"article stance {choice!r} given on a task with no stance target",
                )
        else:
            if choice is None:
                report(None, "warning", "no_article_stance", "no article stance was chosen")
            out.stance.append(
                {
                    "article_id": article_id,
                    "content_sha256": sha,
                    "task_id": task.task_id,
                    "annotation_id": ann.annotation_id,
                    "annotator": who,
                    "ground_truth": ann.ground_truth,
                    "target_id": target_id,
                    "stance": choice,
                    "created_at": created,
                    "updated_at": updated,
                    "lead_time": ann.lead_time,
                }
            )


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


# --- agreement ----------------------------------------------------------------------------------


@dataclass
class _Tally:
    matched: int = 0
    total: int = 0  # |A| + |B| summed over pairs

    def add(self, matched: int, total: int) -> None:
        self.matched += matched
        self.total += total

    def as_dict(self) -> dict[str, Any]:
        return {
            "f1": (2 * self.matched / self.total) if self.total else None,
            "matched": self.matched,
            "spans": self.total,
        }


@dataclass
class _Rate:
    agree: int = 0
    pairs: int = 0

    def add(self, agree: bool) -> None:
        self.pairs += 1
        self.agree += int(agree)

    def as_dict(self) -> dict[str, Any]:
        return {
            "agreement": (self.agree / self.pairs) if self.pairs else None,
            "agree": self.agree,
            "pairs": self.pairs,
        }


def _spans_by_label(rows: Sequence[Row]) -> dict[str, list[Span]]:
    """Distinct Quote, Speaker and Cue spans of one annotation's quote rows."""
    found: dict[str, set[Span]] = {label: set() for label in labels.SPAN_LABELS}
    for r in rows:
        found[labels.QUOTE].add((r["start"], r["end"]))
        if r["speaker_start"] is not None:
            found[labels.SPEAKER].add((r["speaker_start"], r["speaker_end"]))
        if r["cue_start"] is not None:
            found[labels.CUE].add((r["cue_start"], r["cue_end"]))
    return {label: sorted(spans) for label, spans in found.items()}


def _speaker_span(row: Row) -> Span | None:
    if row["speaker_start"] is None:
        return None
    return row["speaker_start"], row["speaker_end"]


def _same_speaker(a: Row, b: Row) -> bool:
    sa, sb = _speaker_span(a), _speaker_span(b)
    if sa is None or sb is None:
        return sa is None and sb is None
    return iou(sa, sb) >= MATCH_IOU


def stance_alpha(stance_rows: Sequence[Row]) -> dict[str, Any]:
    """Krippendorff's alpha (nominal) of article stance over (article, target) units.

    Coders are annotators; a missing choice is missing data, not a category. Units with fewer than
    two choices add nothing (alpha ignores them) and are not counted.
    """
    values: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for r in stance_rows:
        if r["stance"] is not None:
            values[(r["article_id"], r["target_id"])][r["annotator"]] = r["stance"]
    units = sorted(u for u, by in values.items() if len(by) >= 2)
    coders = sorted({c for u in units for c in values[u]})
    result: dict[str, Any] = {"units": len(units), "coders": len(coders), "alpha": None}
    if not units:
        return result
    codes = {s: i for i, s in enumerate(labels.STANCE_LABELS)}
    for u in units:
        for s in values[u].values():
            codes.setdefault(s, len(codes))
    matrix = np.full((len(coders), len(units)), np.nan)
    for j, u in enumerate(units):
        for i, c in enumerate(coders):
            if c in values[u]:
                matrix[i, j] = codes[values[u][c]]
    observed = {values[u][c] for u in units for c in values[u]}
    if len(observed) == 1:
        # Perfect agreement on a single category: alpha is 0/0; by convention report 1.0.
        result["alpha"] = 1.0
        return result
    alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    result["alpha"] = None if math.isnan(alpha) else float(alpha)
    return result


def agreement(
    quotes: Sequence[Row], stance: Sequence[Row], annotations: Sequence[AnnotationRef]
) -> dict[str, Any]:
    """Agreement over articles with two or more annotations.

    Returns a JSON-ready dict:
      - `stance`: Krippendorff's alpha of the article stance (`stance_alpha`);
      - `spans`: pairwise F1 per span label (Quote, Speaker, Cue) and `overall` (all labels
        pooled): over every pair of annotations of an article, spans matched one-to-one when
        overlap/union >= 0.5; F1 = 2 * matched / (spans of A + spans of B), summed over pairs;
      - `speaker`: over matched quote pairs, how often both name the same speaker (overlap/union
        >= 0.5, or both none), overall and per quote kind (where both chose the same kind);
      - `kind`: over matched quote pairs, how often both chose the same kind.
    """
    by_article: dict[str, list[AnnotationRef]] = defaultdict(list)
    for ref in annotations:
        by_article[ref.article_id].append(ref)
    multi = {a: refs for a, refs in by_article.items() if len(refs) >= 2}
    rows_by_ann: dict[str, list[Row]] = defaultdict(list)
    for r in quotes:
        rows_by_ann[r["annotation_id"]].append(r)
    tallies = {label: _Tally() for label in (*labels.SPAN_LABELS, "overall")}
    speaker = {"overall": _Rate()}
    kind = _Rate()
    pairs = 0
    for article in sorted(multi):
        refs = sorted(multi[article], key=lambda r: r.annotation_id)
        for a, b in combinations(refs, 2):
            pairs += 1
            rows_a = sorted(rows_by_ann[a.annotation_id], key=lambda r: (r["start"], r["end"]))
            rows_b = sorted(rows_by_ann[b.annotation_id], key=lambda r: (r["start"], r["end"]))
            spans_a, spans_b = _spans_by_label(rows_a), _spans_by_label(rows_b)
            for label in labels.SPAN_LABELS:
                m = len(match_spans(spans_a[label], spans_b[label]))
                n = len(spans_a[label]) + len(spans_b[label])
                tallies[label].add(m, n)
                tallies["overall"].add(m, n)
            qa = [(r["start"], r["end"]) for r in rows_a]
            qb = [(r["start"], r["end"]) for r in rows_b]
            for i, j in match_spans(qa, qb):
                ra, rb = rows_a[i], rows_b[j]
                same = _same_speaker(ra, rb)
                speaker["overall"].add(same)
                if ra["kind"] is not None and ra["kind"] == rb["kind"]:
                    speaker.setdefault(ra["kind"], _Rate()).add(same)
                kind.add(ra["kind"] == rb["kind"])
    return {
        "articles_with_two_or_more": len(multi),
        "annotation_pairs": pairs,
        "match": f"overlap/union >= {MATCH_IOU}",
        "stance": stance_alpha([r for r in stance if r["article_id"] in multi]),
        "spans": {label: t.as_dict() for label, t in tallies.items()},
        "speaker": {label: rate.as_dict() for label, rate in sorted(speaker.items())},
        "kind": kind.as_dict(),
    }


# --- gold resolution ----------------------------------------------------------------------------


@dataclass
class Gold:
    quotes: list[Row] = field(default_factory=list)
    stance: list[Row] = field(default_factory=list)
    ties: list[Row] = field(default_factory=list)


def _votes_text(counter: Counter[str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


_GOLD_QUOTE_FIELDS = (
    "article_id", "content_sha256", "start", "end", "text", "kind", "stance", "speaker_start",
    "speaker_end", "speaker_text", "cue_start", "cue_end", "cue_text", "speaker_name",
    "annotation_id",
)  # fmt: skip


def _gold_quote(row: Row, resolution: str, support: int, n: int) -> Row:
    out = {k: row[k] for k in _GOLD_QUOTE_FIELDS}
    out.update(resolution=resolution, support=support, annotations=n)
    return out


def resolve_gold(
    quotes: Sequence[Row], stance: Sequence[Row], annotations: Sequence[AnnotationRef]
) -> Gold:
    """Gold labels for every annotated article.

    Stance, per (article, target): a ground-truth annotation's choice wins (two ground truths
    that disagree are a tie); else the strict majority of the annotators' choices; a tie for the
    top is listed for adjudication and gets no gold row. One annotation: its choice, `single`.

    Quotes, per article: a ground-truth annotation's quotes win; one annotation: its quotes;
    else quote spans are grouped across annotations (overlap/union >= 0.5 with the group's first
    span) and a group marked by more than half of the annotations is gold, with the offsets most
    annotations gave (ties: the earliest span); a group marked by exactly half is listed for
    adjudication; fewer is left out.
    """
    gold = Gold()
    refs_by_article: dict[str, list[AnnotationRef]] = defaultdict(list)
    for ref in annotations:
        refs_by_article[ref.article_id].append(ref)
    rows_by_ann: dict[str, list[Row]] = defaultdict(list)
    for r in quotes:
        rows_by_ann[r["annotation_id"]].append(r)
    stance_by_unit: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in stance:
        if r["stance"] is not None:
            stance_by_unit[(r["article_id"], r["target_id"])].append(r)

    for (article, target), rows in sorted(stance_by_unit.items()):
        sha = rows[0]["content_sha256"]
        gt = Counter(r["stance"] for r in rows if r["ground_truth"])
        votes = Counter(r["stance"] for r in rows)
        pool, resolution = (gt, "ground_truth") if gt else (votes, "majority")
        if len(rows) == 1:
            resolution = "single"
        top = pool.most_common()
        if len(top) > 1 and top[0][1] == top[1][1]:
            gold.ties.append(
                {
                    "article_id": article,
                    "content_sha256": sha,
                    "item": "stance",
                    "target_id": target,
                    "start": None,
                    "end": None,
                    "text": None,
                    "votes": _votes_text(pool),
                }
            )
            continue
        gold.stance.append(
            {
                "article_id": article,
                "content_sha256": sha,
                "target_id": target,
                "stance": top[0][0],
                "resolution": resolution,
                "support": votes[top[0][0]],
                "annotations": len(rows),
            }
        )

    for article in sorted(refs_by_article):
        refs = sorted(refs_by_article[article], key=lambda r: r.annotation_id)
        n = len(refs)
        truth = [r for r in refs if r.ground_truth]
        if truth or n == 1:
            chosen = truth[0] if truth else refs[0]
            resolution = "ground_truth" if truth else "single"
            for row in sorted(
                rows_by_ann[chosen.annotation_id], key=lambda r: (r["start"], r["end"])
            ):
                gold.quotes.append(_gold_quote(row, resolution, 1, n))
            continue
        groups: list[list[Row]] = []
        all_rows = sorted(
            (row for ref in refs for row in rows_by_ann[ref.annotation_id]),
            key=lambda r: (r["start"], r["end"], r["annotation_id"]),
        )
        for row in all_rows:
            span = (row["start"], row["end"])
            for group in groups:
                head = group[0]
                if iou(span, (head["start"], head["end"])) >= MATCH_IOU and row[
                    "annotation_id"
                ] not in {g["annotation_id"] for g in group}:
                    group.append(row)
                    break
            else:
                groups.append([row])
        for group in groups:
            support = len({g["annotation_id"] for g in group})
            if 2 * support > n:
                offsets = Counter((g["start"], g["end"]) for g in group)
                best = min(offsets, key=lambda s: (-offsets[s], s))
                rep = next(g for g in group if (g["start"], g["end"]) == best)
                gold.quotes.append(_gold_quote(rep, "majority", support, n))
            elif 2 * support == n:
                head = group[0]
                gold.ties.append(
                    {
                        "article_id": article,
                        "content_sha256": head["content_sha256"],
                        "item": "quote",
                        "target_id": None,
                        "start": head["start"],
                        "end": head["end"],
                        "text": head["text"],
                        "votes": f"marked={support}; not={n - support}",
                    }
                )
    gold.quotes.sort(key=lambda r: (r["article_id"], r["start"], r["end"]))
    return gold


# --- BRAT standoff -> export-shaped task ---------------------------------------------------------

_QUOTE_MARKS = '"“”«»„'


def brat_kind(content: str) -> str:
    """direct when the content is wholly inside quotation marks, mixed when it holds some,
    indirect otherwise (BRAT attribution files carry no kind)."""
    stripped = content.strip().strip(".,;:!? ")
    inner = sum(stripped.count(m) for m in _QUOTE_MARKS)
    if inner == 0:
        return "indirect"
    if stripped[:1] in _QUOTE_MARKS and stripped[-1:] in _QUOTE_MARKS and inner == 2:
        return "direct"
    return "mixed"


def brat_task(
    name: str,
    text: str,
    ann_files: Mapping[str, str],
    meta: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """One article annotated in BRAT (one `.ann` per annotator) as a task of a Label Studio JSON
    export, so that the same validation, tables and agreement apply.

    Each attribution becomes one Quote region over its content (from its first to its last
    fragment, as the quote benchmark scores it), linked to a Speaker region over its source and a
    Cue region over its cue; `completed_by` is `brat:<annotator>`. Returns the task and the
    problems `brat.check_against` found, each prefixed with the file it is in.

    Raises:
        brat.BratError: a file the reader cannot parse.
    """
    meta = dict(meta or {})
    sha = text_sha256(text)
    article_id = f"brat-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:16]}"
    problems: list[str] = []
    annotations = []
    for n, (annotator, ann_text) in enumerate(sorted(ann_files.items()), start=1):
        doc = brat.parse_ann(ann_text)
        problems.extend(f"{name}_{annotator}.ann: {p}" for p in brat.check_against(doc, text))
        quotes = []
        for att in doc.attributions:
            row: Row = {
                "start": att.start,
                "end": att.end,
                "kind": brat_kind(text[att.start : att.end]),
            }
            if att.source:
                row.update(speaker_start=att.source[0][0], speaker_end=att.source[-1][1])
            if att.cue:
                row.update(cue_start=att.cue[0][0], cue_end=att.cue[-1][1])
            quotes.append(row)
        quotes.sort(key=lambda q: (q["start"], q["end"]))
        annotations.append(
            {
                "id": f"{article_id}-{n}",
                "completed_by": f"brat:{annotator}",
                "result": lst.quotes_to_result(text, quotes) if quotes else [],
                "was_cancelled": False,
                "ground_truth": False,
                "created_at": None,
                "updated_at": None,
                "lead_time": None,
            }
        )
    task = {
        "id": None,
        "data": {
            "text": text,
            "title": meta.get("title") or name,
            "article_id": article_id,
            "content_sha256": sha,
            "target_id": None,
            "source": meta.get("publisher"),
            "published": meta.get("publication_date"),
            "brat_name": name,
        },
        "annotations": annotations,
    }
    return task, problems


_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[^_]+)\.ann$")


def split_ann_name(filename: str) -> tuple[str, str] | None:
    """(article name, annotator) of a PolNeAR-style `NAME_ANNOTATOR.ann` file name."""
    m = _ANN_NAME.match(filename)
    return (m.group("name"), m.group("annotator")) if m else None
