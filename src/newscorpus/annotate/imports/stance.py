"""`newscorpus import stance FILE`: a table of (article, target, stance) rows -> corpus articles,
targets, stance rows and gold of origin `stance:<file stem>`.

The file is JSON Lines or CSV with the columns `stance`, `target`, and either `text` (the
article, added to the corpus as every extracted text is: normalized, never page-cleaned;
optional `title`, `url`, `source`, `license`) or `article_id` (an article already in the
corpus); `annotator` is optional (the file counts as one annotator without it). Labels are
taken as they are unless a label map renames them. Writing is imports/stance_labels.py's.
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate.imports.corpus import ImportedInput
from newscorpus.annotate.imports.presets import stance_origin
from newscorpus.annotate.imports.stance_labels import (
    StanceImportSummary,
    StanceLabel,
    StanceWrite,
    build_stance,
    map_label,
    write_stance_import,
)
from newscorpus.annotate.origins import STANCE_PREFIX, origin_slug
from newscorpus.annotate.pseudonyms import annotator_salt, pseudonym
from newscorpus.errors import RejectError, UsageError
from newscorpus.hashing import sha256_hex
from newscorpus.ingest.raw import RawArticle
from newscorpus.normalize.text import normalize_article
from newscorpus.tables import corpus_files, iter_corpus

Row = dict[str, Any]
INPUT_FORMAT = "stance"
# Columns of a stance file.
TEXT, ARTICLE_ID, TARGET, STANCE, ANNOTATOR = "text", "article_id", "target", "stance", "annotator"
ARTICLE_FIELDS = ("title", "url", "source", "license")


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
        with path.open(encoding="utf-8-sig", newline="") as fh:
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
