"""The text each article has now in the corpus (its content_sha256), for gold and agreement to
count only the annotations made on it. Reads the corpus; never writes.

An annotation made on an article's earlier text has offsets into that text: mixed with the
current text's annotations it would give gold pointing into the wrong text, which publish
refuses. Without a corpus folder, gold falls back on the tasks' own texts (votes.py).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from newscorpus.tables import corpus_files, iter_corpus

_COLUMNS = ("id", "content_sha256")


def current_texts(corpus: Path | None, article_ids: Collection[str]) -> dict[str, str]:
    """article id -> content_sha256 of the wanted articles the corpus has; empty when there is
    no corpus at `corpus` (or none is given).

    Raises:
        UsageError: a corpus part is unreadable or not a corpus part.
    """
    wanted = set(article_ids)
    if corpus is None or not wanted:
        return {}
    corpus = Path(corpus)
    if not (corpus.is_file() or (corpus / "articles").is_dir()):
        return {}
    found: dict[str, str] = {}
    for batch in iter_corpus(corpus_files(corpus, _COLUMNS), _COLUMNS):
        found.update((r["id"], r["content_sha256"]) for r in batch if r["id"] in wanted)
    return found
