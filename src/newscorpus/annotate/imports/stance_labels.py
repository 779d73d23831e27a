"""Imported stance labels, whatever their source: (article, target, stance) -> ANNOTATED_STANCE
rows, their targets, gold and agreement, the origin's description and the import report.

Shared by `import fnc1` (imports/fnc1.py) and `import stance` (imports/stance.py): labels are
mapped to the project's (labels.STANCE_LABELS) by the import's label map, recorded in its origin
for the card; each distinct target text becomes a target of its own (imports/targets.py) with a
stable id; one annotation per (article, annotator) holds that annotator's labels, one label per
target: a row that repeats an earlier one is counted, one that contradicts it is listed and left
out (the first stays), never averaged.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newscorpus.annotate.imports.corpus import CorpusWrite, ImportedInput, write_import
from newscorpus.annotate.imports.store import LabelsWrite, write_labels
from newscorpus.annotate.imports.targets import target_id, target_key, write_targets
from newscorpus.annotate.origins import Origin, origin_slug, write_origin
from newscorpus.annotate.validate import AnnotationRef
from newscorpus.errors import UsageError
from newscorpus.labels import STANCE_LABELS

Row = dict[str, Any]
REPORT = "import-report-{slug}.json"


def map_label(value: Any, label_map: Mapping[str, str], where: str) -> str:
    """The project's stance label for a source label (mapped, else taken as it is).

    Raises:
        UsageError: the label is neither mapped nor one of labels.STANCE_LABELS.
    """
    label = str(value if value is not None else "").strip().lower()
    mapped = label_map.get(label, label)
    if mapped not in STANCE_LABELS:
        known = ", ".join(sorted({*label_map, *STANCE_LABELS}))
        raise UsageError(f"{where}: stance {value!r} is not a known label (known: {known})")
    return mapped


@dataclass(frozen=True)
class StanceLabel:
    """One imported label, its article already in the corpus rows."""

    article_id: str
    content_sha256: str
    target: str
    stance: str  # mapped
    annotator: str  # pseudonym
    where: str  # file and row, for messages


@dataclass
class StanceBuilt:
    rows: list[Row] = field(default_factory=list)  # schema.ANNOTATED_STANCE
    refs: list[AnnotationRef] = field(default_factory=list)
    targets: dict[str, str] = field(default_factory=dict)  # id -> text
    repeats: int = 0
    conflicts: list[str] = field(default_factory=list)


def build_stance(origin: str, prefix: str, labels: Iterable[StanceLabel]) -> StanceBuilt:
    """Annotation rows, annotations and targets of imported labels (see module docstring)."""
    built = StanceBuilt()
    seen: dict[tuple[str, str], tuple[str, str]] = {}  # (annotation, target) -> (stance, where)
    refs: dict[str, AnnotationRef] = {}
    for label in labels:
        tid = target_id(prefix, label.target)
        built.targets.setdefault(tid, target_key(label.target))
        annotation_id = f"{origin}/{label.article_id}/{label.annotator}"
        if annotation_id not in refs:
            refs[annotation_id] = AnnotationRef(
                label.article_id,
                label.content_sha256,
                None,
                annotation_id,
                label.annotator,
                False,
                None,
            )
        earlier = seen.get((annotation_id, tid))
        if earlier is not None:
            if earlier[0] == label.stance:
                built.repeats += 1
            else:
                built.conflicts.append(
                    f"{label.where}: {label.stance} for target {tid}, but {earlier[1]} said "
                    f"{earlier[0]}: left out"
                )
            continue
        seen[(annotation_id, tid)] = (label.stance, label.where)
        built.rows.append(_row(label, annotation_id, tid, origin))
    built.refs = list(refs.values())
    return built


def _row(label: StanceLabel, annotation_id: str, tid: str, origin: str) -> Row:
    return {
        "article_id": label.article_id,
        "content_sha256": label.content_sha256,
        "task_id": None,
        "annotation_id": annotation_id,
        "annotator": label.annotator,
        "ground_truth": False,
        "target_id": tid,
        "stance": label.stance,
        "origin": origin,
    }


# --- writing, shared by the stance imports -------------------------------------------------------


@dataclass
class StanceImportSummary:
    origin: Origin
    labels_read: int
    source_labels: Counter[str]
    built: StanceBuilt
    corpus: CorpusWrite
    labels: LabelsWrite
    articles: int
    problems: list[str]
    report_file: Path
    origin_file: Path
    targets_file: Path
    seconds: float = 0.0


@dataclass(frozen=True)
class StanceWrite:
    """What a stance import hands to `write_stance_import`."""

    origin: Origin
    inputs: list[ImportedInput]
    built: StanceBuilt
    labels_read: int
    source_labels: Counter[str]
    articles: int
    problems: list[str] = field(default_factory=list)


def write_stance_import(
    corpus: Path, annotations: Path, found: StanceWrite, started: float
) -> StanceImportSummary:
    """Corpus parts, stance rows and gold, targets, origin and report of one stance import."""
    origin = found.origin.origin
    written = write_import(corpus, origin, found.inputs)
    labels = write_labels(annotations, origin, found.built.refs, stance=found.built.rows)
    summary = StanceImportSummary(
        origin=found.origin,
        labels_read=found.labels_read,
        source_labels=found.source_labels,
        built=found.built,
        corpus=written,
        labels=labels,
        articles=found.articles,
        problems=found.problems + found.built.conflicts,
        report_file=Path(annotations) / REPORT.format(slug=origin_slug(origin)),
        origin_file=write_origin(annotations, found.origin),
        targets_file=write_targets(annotations, origin, found.built.targets),
    )
    _write_report(summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_report(s: StanceImportSummary) -> None:
    report = {
        "origin": s.origin.origin,
        "labels_read": s.labels_read,
        "source_labels": dict(sorted(s.source_labels.items())),
        "label_map": s.origin.label_map,
        "rows": len(s.built.rows),
        "repeated_rows": s.built.repeats,
        "conflicting_rows": len(s.built.conflicts),
        "targets": len(s.built.targets),
        "annotations": len(s.built.refs),
        "articles": {"read": s.articles, **asdict(s.corpus)},
        "gold_stance": s.labels.gold_stance,
        "adjudication_ties": s.labels.ties,
        "agreement": s.labels.agreement,
        "problems": s.problems,
    }
    path = s.report_file
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
