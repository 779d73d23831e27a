"""Labeled stance pairs from the project's own tables, for training the stance model.

A labels Parquet file has one row per (article, target) with a `stance` of
`labels.STANCE_LABELS` (favor/against/neutral/none), like the gold stance table
(`schema.GOLD_STANCE`). The claim comes from a `target` text column or, failing that, from
`target_id` looked up in the targets file (annotations/targets.yaml); the body from a `text`
column (with `title`, when present, as its first line) or, failing that, from `article_id` looked
up in the corpus, whose `content_sha256` must still match the labeled one. Stances become the
model's labels through the inverse of `model.LABEL_MAP`; any other value is refused with the file
and row. Reads files; never writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus.errors import UsageError
from newscorpus.hashing import text_sha256
from newscorpus.preannotate.stance.fnc1 import Pair
from newscorpus.preannotate.stance.model import LABEL_MAP
from newscorpus.preannotate.targets import TargetsError, load_targets
from newscorpus.tables import corpus_files, iter_corpus

STANCE, TARGET, TARGET_ID = "stance", "target", "target_id"
TEXT, TITLE, ARTICLE_ID, CONTENT_SHA = "text", "title", "article_id", "content_sha256"
_WANTED = (STANCE, TARGET, TARGET_ID, TEXT, TITLE, ARTICLE_ID, CONTENT_SHA)


def _read_rows(path: Path) -> list[dict[str, Any]]:
    try:
        names = pq.read_schema(path).names
        table = pq.read_table(path, columns=[c for c in _WANTED if c in names])
    except FileNotFoundError:
        raise UsageError(f"{path}: no such labels file") from None
    except (OSError, pa.ArrowInvalid) as err:
        raise UsageError(f"{path}: not a readable Parquet file ({err})") from None
    if STANCE not in names:
        raise UsageError(f"{path}: no `{STANCE}` column; a labels table needs one")
    if TARGET not in names and TARGET_ID not in names:
        raise UsageError(f"{path}: needs a `{TARGET}` (claim text) or `{TARGET_ID}` column")
    if TEXT not in names and ARTICLE_ID not in names:
        raise UsageError(f"{path}: needs a `{TEXT}` (article text) or `{ARTICLE_ID}` column")
    return table.to_pylist()


def _target_texts(targets_path: Path) -> dict[str, str]:
    try:
        text = targets_path.read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(f"{targets_path}: cannot read the targets file ({err.strerror})") from None
    try:
        return {t.id: t.target for t in load_targets(text, str(targets_path)).targets}
    except TargetsError as err:
        raise UsageError(str(err)) from None


def _corpus_texts(corpus: Path, wanted: set[str]) -> dict[str, tuple[str, str, str | None]]:
    """article id -> (content_sha256, text, title), for the wanted ids only."""
    found = {}
    for batch in iter_corpus(corpus_files(corpus), ("id", CONTENT_SHA, TEXT, TITLE)):
        for row in batch:
            if row["id"] in wanted:
                found[row["id"]] = (row[CONTENT_SHA], row[TEXT], row[TITLE])
    return found


def _body(row: Mapping[str, Any], where: str, articles: Mapping[str, tuple]) -> tuple[str, str]:
    """(group id, body text) of a labels row."""
    if row.get(TEXT):
        text, title = row[TEXT], row.get(TITLE)
    else:
        article = articles.get(row.get(ARTICLE_ID) or "")
        if article is None:
            raise UsageError(f"{where}: article {row.get(ARTICLE_ID)!r} is not in the corpus")
        sha, text, title = article
        if row.get(CONTENT_SHA) and row[CONTENT_SHA] != sha:
            raise UsageError(
                f"{where}: article {row[ARTICLE_ID]!r} changed since it was labeled "
                "(content_sha256 differs); re-annotate it or drop the row"
            )
    body = f"{title}\n\n{text}" if title else text
    return str(row.get(ARTICLE_ID) or row.get(CONTENT_SHA) or text_sha256(body)), body


def read_labeled(path: Path, targets: Path | None = None, corpus: Path | None = None) -> list[Pair]:
    """Labeled pairs of a labels Parquet file, in row order, with the model's labels.

    Args:
        path: the labels table.
        targets: targets file, needed when rows give `target_id` instead of `target`.
        corpus: corpus folder, needed when rows give `article_id` instead of `text`.

    Raises:
        UsageError: a missing column, file or lookup, an unknown stance, naming file and row.
    """
    rows = _read_rows(path)
    to_model = {project: model for model, project in LABEL_MAP.items()}
    need_targets = any(not r.get(TARGET) for r in rows)
    need_corpus = any(not r.get(TEXT) for r in rows)
    if need_targets and targets is None:
        raise UsageError(f"{path}: rows name a target_id: give the targets file")
    if need_corpus and corpus is None:
        raise UsageError(f"{path}: rows name an article_id without text: give the corpus")
    target_texts = _target_texts(targets) if need_targets and targets else {}
    wanted = {r.get(ARTICLE_ID) or "" for r in rows if not r.get(TEXT)}
    articles = _corpus_texts(corpus, wanted) if need_corpus and corpus else {}
    pairs = []
    for number, row in enumerate(rows, start=1):
        where = f"{path}: row {number}"
        stance = row.get(STANCE)
        if stance not in to_model:
            raise UsageError(f"{where}: unknown stance {stance!r}; known: {', '.join(to_model)}")
        claim = row.get(TARGET) or target_texts.get(row.get(TARGET_ID) or "")
        if not claim:
            raise UsageError(f"{where}: target {row.get(TARGET_ID)!r} is not in the targets file")
        group, body = _body(row, where, articles)
        pairs.append(Pair(claim, group, body, to_model[stance]))
    return pairs
