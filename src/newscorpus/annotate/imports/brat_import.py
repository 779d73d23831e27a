"""`newscorpus import brat`: a BRAT attribution corpus folder -> corpus articles, annotation rows,
gold, agreement, the origin's description and an import report.

Reads the folder (imports/brat.py builds each article, purely), then writes: the articles as
corpus parts of their own (imports/corpus.py), the rows of origin `brat:<name>` in the annotation
tables (imports/store.py), `origins/brat-<name>.json` (annotate/origins.py) and
`import-report-<name>.json`, which counts every change made to a text and lists every span that
could not be anchored exactly. Running it again gives the same tables. Never prints.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate.brat import split_ann_name
from newscorpus.annotate.imports.brat import BratArticle, BratContext, read_article
from newscorpus.annotate.imports.corpus import CorpusWrite, ImportedInput, write_import
from newscorpus.annotate.imports.metadata import ArticleMeta, read_metadata
from newscorpus.annotate.imports.presets import POLNEAR, POLNEAR_CITATION, brat_origin
from newscorpus.annotate.imports.store import LabelsWrite, write_labels
from newscorpus.annotate.imports.token_agreement import token_alpha
from newscorpus.annotate.origins import BRAT_PREFIX, Origin, write_origin
from newscorpus.annotate.pseudonyms import annotator_salt, pseudonym
from newscorpus.errors import RejectError, UsageError
from newscorpus.hashing import sha256_hex
from newscorpus.labels import MACHINE
from newscorpus.links import require_all_inside

METADATA_NAMES = ("metadata.tsv", "metadata.csv")
REPORT = "import-report-{name}.json"
# The key of the token-wise alpha (imports/token_agreement.py) in the origin's agreement file
# and in the report.
TOKEN_ALPHA = "token_alpha"
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")


@dataclass(frozen=True)
class BratOptions:
    directory: Path
    name: str = POLNEAR
    metadata: Path | None = None  # default: metadata.tsv (or .csv) in `directory`, if there
    corpus: Path = layout.CORPUS
    annotations: Path = layout.ANNOTATIONS
    license: str | None = None
    citation: str | None = None  # default: PolNeAR's when `name` is polnear

    def __post_init__(self) -> None:
        if not self.name or set(self.name) - _NAME_CHARS:
            raise UsageError(
                f"--name {self.name!r}: use lower-case letters, digits, '-', '_' or '.' "
                "(it names the origin brat:<name> and its files)"
            )

    @property
    def origin(self) -> str:
        return f"{BRAT_PREFIX}{self.name}"

    @property
    def article_citation(self) -> str | None:
        return self.citation or (POLNEAR_CITATION if self.name == POLNEAR else None)


@dataclass(frozen=True)
class Rejected:
    """A text file that gave no article (not UTF-8, or nothing but whitespace)."""

    name: str
    raw_sha256: str
    reason: str
    detail: str


@dataclass
class BratRead:
    """Everything read from a BRAT folder, before anything is written."""

    articles: list[BratArticle] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    annotation_files: int = 0
    annotators: set[str] = field(default_factory=set)  # BRAT codes

    @property
    def multi_annotated(self) -> int:
        return sum(1 for a in self.articles if len(a.annotations) >= 2)


def _layout(directory: Path) -> tuple[Path, Path]:
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise UsageError(
            f"{directory}: expected text/ and attributions/ (text/NAME.txt and "
            "attributions/NAME_ANNOTATOR.ann: BRAT standoff, the PolNeAR layout)"
        )
    return text_dir, ann_dir


def ann_files(ann_dir: Path) -> dict[str, dict[str, Path]]:
    """Article name -> {annotator code: .ann file}."""
    by_name: dict[str, dict[str, Path]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        parts = split_ann_name(path.name)
        if parts is None:
            raise UsageError(f"{path}: expected a NAME_ANNOTATOR.ann file name")
        by_name.setdefault(parts[0], {})[parts[1]] = path
    return by_name


def _metadata(options: BratOptions) -> dict[str, ArticleMeta]:
    if options.metadata is not None:
        if not Path(options.metadata).is_file():
            raise UsageError(f"--metadata {options.metadata}: no such file")
        return read_metadata(options.metadata)
    for name in METADATA_NAMES:
        if (options.directory / name).is_file():
            return read_metadata(options.directory / name)
    return {}


def read_brat(options: BratOptions, names: Collection[str] | None = None) -> BratRead:
    """Every article of the folder (or those of `names`) with every annotator's attributions,
    in name order. Writes nothing but the annotator salt, made on first use under the
    annotations folder.

    Raises:
        UsageError: not a BRAT folder, an .ann file misnamed, a metadata file unreadable, a
            file that is a symbolic link out of the folder.
    """
    directory = Path(options.directory)
    text_dir, ann_dir = _layout(directory)
    by_name = ann_files(ann_dir)
    read_here = [p for annotators in by_name.values() for p in annotators.values()]
    read_here += [*text_dir.glob("*.txt"), *(directory / name for name in METADATA_NAMES)]
    require_all_inside(directory, read_here)  # a link out would import a private file's text
    meta = _metadata(options)
    salt = annotator_salt(options.annotations)
    ctx = BratContext(
        origin=options.origin,
        annotator=lambda code: pseudonym(f"brat:{code}", salt),
        citation=options.article_citation,
        license=options.license,
    )
    read = BratRead()
    found = {p.stem for p in text_dir.glob("*.txt")} | set(by_name)
    for name in sorted(found if names is None else found & set(names)):
        _read_one(read, text_dir / f"{name}.txt", by_name.get(name, {}), meta.get(name), ctx)
    return read


def _read_one(
    read: BratRead,
    text_path: Path,
    ann_paths: dict[str, Path],
    meta: ArticleMeta | None,
    ctx: BratContext,
) -> None:
    name = text_path.stem
    if not text_path.is_file():
        read.problems.append(f"{text_path}: missing, so {len(ann_paths)} .ann file(s) are left out")
        return
    data = text_path.read_bytes()
    anns = {code: path.read_text(encoding="utf-8-sig") for code, path in ann_paths.items()}
    try:
        article = read_article(name, data, anns, meta or ArticleMeta(), ctx)
    except RejectError as err:
        read.rejected.append(Rejected(name, sha256_hex(data), err.reason, err.detail))
        read.problems.append(f"{text_path}: {err.reason}: {err.detail}")
        return
    read.articles.append(article)
    read.problems.extend(article.problems)
    read.annotation_files += len(anns)
    read.annotators |= set(anns)


def corpus_inputs(directory: Path, read: BratRead) -> list[ImportedInput]:
    """One input per text file, in name order: its article row, or its reject."""
    directory = Path(directory)
    items: list[tuple[str, ImportedInput]] = []
    for a in read.articles:
        items.append((a.name, _input(directory, a.name, a.raw_sha256, rows=[a.row])))
    for r in read.rejected:
        items.append(
            (r.name, _input(directory, r.name, r.raw_sha256, rejects=[(None, r.reason, r.detail)]))
        )
    return [item for _, item in sorted(items, key=lambda kv: kv[0])]


def _input(directory: Path, name: str, raw_sha256: str, **found: Any) -> ImportedInput:
    return ImportedInput(
        path=directory.resolve() / "text" / f"{name}.txt",
        input=directory,
        source_file=f"text/{name}.txt",
        raw_sha256=raw_sha256,
        **found,
    )


# --- the command ---------------------------------------------------------------------------------


@dataclass
class BratImportSummary:
    origin: Origin
    read: BratRead
    corpus: CorpusWrite
    labels: LabelsWrite
    token_agreement: dict[str, Any]
    report_file: Path
    origin_file: Path
    seconds: float

    @property
    def spans(self) -> int:
        return sum(a.spans for a in self.read.articles)

    @property
    def exact(self) -> int:
        return sum(a.exact for a in self.read.articles)

    @property
    def issues(self) -> list[dict[str, Any]]:
        return [i for a in self.read.articles for i in a.issues]

    @property
    def texts_changed(self) -> int:
        return sum(1 for a in self.read.articles if a.canonical.changed)

    @property
    def changes(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for a in self.read.articles:
            total.update(a.canonical.changes)
        return total


def import_brat(options: BratOptions) -> BratImportSummary:
    """Read the folder and write corpus parts, annotation rows, gold, agreement, the origin's
    description and the import report (see module docstring)."""
    started = time.perf_counter()
    read = read_brat(options)
    written = write_import(options.corpus, options.origin, corpus_inputs(options.directory, read))
    refs = [ref for a in read.articles for ref in a.annotations]
    quotes = [q for a in read.articles for q in a.quotes]
    texts = {a.row["id"]: a.row["text"] for a in read.articles}
    tokens = token_alpha(texts, quotes, refs)
    labels = write_labels(
        options.annotations,
        options.origin,
        refs,
        quotes,
        kind_source=MACHINE,
        more_agreement={TOKEN_ALPHA: tokens},
    )
    origin = brat_origin(
        options.name,
        annotators=len(read.annotators),
        folder=Path(options.directory).resolve().name,
        citation=options.citation,
        license=options.license,
    )
    origin_file = write_origin(options.annotations, origin)
    summary = BratImportSummary(
        origin=origin,
        read=read,
        corpus=written,
        labels=labels,
        token_agreement=tokens,
        report_file=Path(options.annotations) / REPORT.format(name=options.name),
        origin_file=origin_file,
        seconds=0.0,
    )
    write_report(summary, options)
    summary.seconds = time.perf_counter() - started
    return summary


def report(summary: BratImportSummary, options: BratOptions) -> dict[str, Any]:
    """The import report: counts, every change to a text, every span not anchored exactly."""
    read, written = summary.read, summary.corpus
    published = summary.origin.published_agreement
    return {
        "origin": summary.origin.origin,
        "input": str(options.directory),
        "articles": {
            "read": len(read.articles),
            "written": written.articles,
            "exact_duplicates": written.exact_duplicates,
            "near_duplicates": written.near_duplicates,
            "rejected": [r.__dict__ for r in read.rejected],
            "replaced_inputs": written.replaced_inputs,
        },
        "annotation_files": read.annotation_files,
        "annotators": len(read.annotators),
        "articles_with_two_or_more_annotators": read.multi_annotated,
        "normalization": {
            "texts_changed": summary.texts_changed,
            "edits": dict(sorted(summary.changes.items())),
            "characters_before": sum(len(a.canonical.source) for a in read.articles),
            "characters_after": sum(len(a.canonical.text) for a in read.articles),
        },
        "spans": {
            "read": summary.spans,
            "exact": summary.exact,
            "exact_share": summary.exact / summary.spans if summary.spans else None,
            "not_anchored": summary.issues,
        },
        "rows": {
            "quotes": summary.labels.quotes,
            "gold_quotes": summary.labels.gold_quotes,
            "adjudication_ties": summary.labels.ties,
        },
        "agreement": {
            "measured": summary.labels.agreement,
            "published": published.__dict__ if published else None,
        },
        "problems": read.problems,
    }


def write_report(summary: BratImportSummary, options: BratOptions) -> None:
    path = summary.report_file
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report(summary, options), indent=2, ensure_ascii=False, default=str)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
