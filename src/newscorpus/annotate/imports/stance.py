"""Imported stance labels: (article, target, stance) rows -> ANNOTATED_STANCE rows, their targets
and gold; and `newscorpus import stance FILE`, the generic table of such rows.

Shared by every stance import (imports/fnc1.py too): labels are mapped to the project's
(labels.STANCE_LABELS) by the import's label map, recorded in its origin for the card; each
distinct target text becomes a target of its own (imports/targets.py) with a stable id; one
annotation per (article, annotator) holds that annotator's labels, one label per target: a row
that repeats an earlier one is counted, one that contradicts it is listed and left out (the
first stays), never averaged.

A generic file is JSON Lines or CSV with the columns `stance`, `target`, and either `text` (the
article, added to the corpus; optional `title`, `url`, `source`, `license`) or `article_id` (an
article already in the corpus); `annotator` is optional (the file counts as one annotator
without it). Its origin is `stance:<file stem>`.
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate.imports.corpus import CorpusWrite, ImportedInput, write_import
from newscorpus.annotate.imports.presets import stance_origin
from newscorpus.annotate.imports.store import LabelsWrite, write_labels
from newscorpus.annotate.imports.targets import target_id, target_key, write_targets
from newscorpus.annotate.origins import STANCE_PREFIX, Origin, origin_slug, write_origin
from newscorpus.annotate.pseudonyms import annotator_salt, pseudonym
from newscorpus.annotate.validate import AnnotationRef
from newscorpus.errors import RejectError, UsageError
from newscorpus.hashing import sha256_hex
from newscorpus.ingest.raw import RawArticle
from newscorpus.labels import STANCE_LABELS
from newscorpus.normalize.text import normalize_article
from newscorpus.tables import corpus_files, iter_corpus

Row = dict[str, Any]
INPUT_FORMAT = "stance"
REPORT = "import-report-{slug}.json"
# Columns of a generic stance file.
TEXT, ARTICLE_ID, TARGET, STANCE, ANNOTATOR = "text", "article_id", "target", "stance", "annotator"
ARTICLE_FIELDS = ("title", "url", "source", "license")


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


# --- the generic file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StanceOptions:
    file: Path
    corpus: Path = layout.CORPUS
    annotations: Path = layout.ANNOTATIONS
    label_map: Mapping[str, str] = field(default_factory=dict)
    license: str | None = None
    citation: str | None = None

    @property
    def origin(self) -> str:
        return f"{STANCE_PREFIX}{Path(self.file).stem}"


def read_rows(path: Path) -> Iterator[tuple[str, Row]]:
    """(where, row) of a .jsonl or .csv file, `where` naming the file and line.

    Raises:
        UsageError: unreadable, another extension, a line that is not a JSON object.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        raise UsageError(f"{path}: expected a .jsonl or .csv file")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            if suffix == ".csv":
                for line, row in enumerate(csv.DictReader(fh), start=2):
                    yield f"{path} line {line}", dict(row)
                return
            for line, text in enumerate(fh, start=1):
                if text.strip():
                    yield f"{path} line {line}", _json_object(text, f"{path} line {line}")
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise UsageError(f"{path}: cannot read ({err})") from None


def _json_object(text: str, where: str) -> Row:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise UsageError(f"{where}: not JSON ({err})") from None
    if not isinstance(value, dict):
        raise UsageError(f"{where}: expected a JSON object per line")
    return value


def _corpus_hashes(corpus: Path, wanted: set[str]) -> dict[str, str]:
    """article id -> content_sha256 of the wanted ids the corpus has (none: no corpus yet)."""
    if not wanted or not (Path(corpus) / "articles").is_dir():
        return {}
    found: dict[str, str] = {}
    for batch in iter_corpus(
        corpus_files(corpus, ("id", "content_sha256")), ("id", "content_sha256")
    ):
        found.update((r["id"], r["content_sha256"]) for r in batch if r["id"] in wanted)
    return found


@dataclass
class _FileArticles:
    """Articles made from the file's texts, by id, and the rejects of texts that gave none."""

    options: StanceOptions
    raw_sha256: str
    rows: dict[str, Row] = field(default_factory=dict)
    rejects: list[tuple[int | None, str, str]] = field(default_factory=list)

    def article(self, index: int, row: Row, where: str) -> Row | None:
        raw = RawArticle(
            source_file=Path(self.options.file).name,
            input_format=INPUT_FORMAT,
            raw_sha256=self.raw_sha256,
            text=str(row[TEXT]),
            record_index=index,
            **{k: (str(row[k]) if row.get(k) not in (None, "") else None) for k in ARTICLE_FIELDS},
        )
        if raw.license is None and self.options.license:
            raw = RawArticle(**{**asdict(raw), "license": self.options.license})
        try:
            article = normalize_article(raw)
        except RejectError as err:
            self.rejects.append((index, err.reason, f"{where}: {err.detail}"))
            return None
        article["citation"] = self.options.citation
        return self.rows.setdefault(article["id"], article)


def import_stance(options: StanceOptions) -> StanceImportSummary:
    """`newscorpus import stance FILE` (see module docstring)."""
    started = time.perf_counter()
    path = Path(options.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    rows = list(read_rows(path))
    articles = _FileArticles(options, sha256_hex(path.read_bytes()))
    salt = annotator_salt(options.annotations)
    known = _corpus_hashes(
        options.corpus,
        {str(r[ARTICLE_ID]) for _, r in rows if not r.get(TEXT) and r.get(ARTICLE_ID)},
    )
    labels, source_labels, problems = [], Counter(), []
    for index, (where, row) in enumerate(rows):
        _require(row, where)
        source_labels[str(row[STANCE]).strip().lower()] += 1
        label = _label(index, row, where, options, articles, known, salt)
        if label is None:
            problems.append(f"{where}: its text gave no article: label left out")
        else:
            labels.append(label)
    built = build_stance(options.origin, origin_slug(options.origin), labels)
    annotators = len({r.annotator for r in built.refs})
    origin = stance_origin(
        path.stem,
        annotators=annotators,
        citation=options.citation,
        license=options.license,
        label_map=dict(options.label_map) or None,
    )
    item = ImportedInput(
        path.resolve(),
        path,
        path.name,
        articles.raw_sha256,
        list(articles.rows.values()),
        articles.rejects,
    )
    found = StanceWrite(
        origin, [item], built, len(rows), source_labels, len(articles.rows), problems
    )
    return write_stance_import(options.corpus, options.annotations, found, started)


def _require(row: Row, where: str) -> None:
    missing = [c for c in (STANCE, TARGET) if row.get(c) in (None, "")]
    if not row.get(TEXT) and not row.get(ARTICLE_ID):
        missing.append(f"{TEXT} or {ARTICLE_ID}")
    if missing:
        raise UsageError(f"{where}: missing {', '.join(missing)}")


def _label(
    index: int,
    row: Row,
    where: str,
    options: StanceOptions,
    articles: _FileArticles,
    known: Mapping[str, str],
    salt: str,
) -> StanceLabel | None:
    if row.get(TEXT):
        article = articles.article(index, row, where)
        if article is None:
            return None
        article_id, sha = article["id"], article["content_sha256"]
    else:
        article_id = str(row[ARTICLE_ID])
        if article_id not in known:
            raise UsageError(f"{where}: article {article_id} is not in {options.corpus}")
        sha = known[article_id]
    who = str(row.get(ANNOTATOR) or Path(options.file).stem)
    return StanceLabel(
        article_id,
        sha,
        str(row[TARGET]),
        map_label(row[STANCE], options.label_map, where),
        pseudonym(f"{options.origin}:{who}", salt),
        where,
    )
