"""The pre-annotation stage: corpus articles in, machine suggestions for annotators out.

Reads `CORPUS/articles/*.parquet`, runs the quote extractor (`quotes.extract_quotes`) and the stance
target rules (`targets`) on every article, and writes two tables with their declared schemas:
`OUT/quotes.parquet` (`schema.QUOTE_PREDICTIONS`, one row per quote) and `OUT/targets.parquet`
(`schema.TARGET_PREDICTIONS`, one row per matched target). Rows are sorted by article id (then
quote index, or target id), so the same corpus and rules give byte-identical files. It never
writes into the corpus and never talks to Label Studio (`labelstudio/push.py` reads these files).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus import layout, schema
from newscorpus.errors import UsageError
from newscorpus.preannotate.quotes import QUOTES_MODEL_VERSION, extract_quotes
from newscorpus.preannotate.targets import TargetMatcher, TargetsError, load_targets
from newscorpus.tables import corpus_files, iter_corpus, write_rows

DEFAULT_CORPUS = layout.CORPUS
DEFAULT_OUT = layout.PREDICTIONS
DEFAULT_TARGETS = layout.TARGETS
_COLUMNS = ("id", "content_sha256", "title", "text")
_ROW_GROUP = 50_000


@dataclass(frozen=True)
class PreannotateOptions:
    corpus: Path = DEFAULT_CORPUS
    out: Path = DEFAULT_OUT
    targets: Path = DEFAULT_TARGETS


@dataclass
class PreannotateSummary:
    """What a run read and wrote; `cli.py` prints it."""

    corpus: Path
    quotes_path: Path
    targets_path: Path
    articles: int = 0
    articles_with_quotes: int = 0
    quotes: int = 0
    quotes_by_kind: Counter[str] = field(default_factory=Counter)
    quotes_with_speaker: int = 0
    targets_by_id: Counter[str] = field(default_factory=Counter)
    articles_with_target: int = 0
    quotes_model_version: str = QUOTES_MODEL_VERSION
    targets_model_version: str = ""
    seconds: float = 0.0


def iter_articles(corpus: Path) -> Iterator[dict[str, Any]]:
    """Article rows (id, content_sha256, title, text), streamed."""
    for batch in iter_corpus(corpus_files(corpus), _COLUMNS):
        yield from batch


def quote_rows(article: dict[str, Any]) -> list[dict[str, Any]]:
    """QUOTE_PREDICTIONS rows of one article, in text order."""
    text = article["text"] or ""
    rows = []
    for i, q in enumerate(extract_quotes(text)):
        rows.append(
            {
                "article_id": article["id"],
                "content_sha256": article["content_sha256"],
                "quote_index": i,
                "start": q.start,
                "end": q.end,
                "text": text[q.start : q.end],
                "kind": q.kind,
                "speaker_start": q.speaker.start if q.speaker else None,
                "speaker_end": q.speaker.end if q.speaker else None,
                "speaker_text": q.speaker.text_of(text) if q.speaker else None,
                "cue_start": q.cue.start if q.cue else None,
                "cue_end": q.cue.end if q.cue else None,
                "cue_text": q.cue.text_of(text) if q.cue else None,
                "speaker_name": q.speaker_name,
                "score": q.score,
                "model_version": QUOTES_MODEL_VERSION,
            }
        )
    return rows


def run_preannotate(options: PreannotateOptions) -> PreannotateSummary:
    """Suggest quotes and stance targets for every article of a corpus.

    Raises:
        UsageError: no corpus or no articles, an unreadable shard, a missing or invalid
            targets file, or an output directory that cannot be written.
    """
    t0 = time.perf_counter()
    try:
        rules_text = Path(options.targets).read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(
            f"{options.targets}: cannot read the stance targets ({err.strerror}); "
            "give --targets FILE or create annotations/targets.yaml"
        ) from None
    try:
        target_set = load_targets(rules_text, source=str(options.targets))
    except TargetsError as err:
        raise UsageError(str(err)) from None
    matcher = TargetMatcher(target_set)
    out = Path(options.out)
    summary = PreannotateSummary(
        corpus=Path(options.corpus),
        quotes_path=out / "quotes.parquet",
        targets_path=out / "targets.parquet",
        targets_model_version=target_set.version,
    )
    quotes: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    seen: set[str] = set()
    for article in iter_articles(options.corpus):
        if article["id"] in seen:
            continue  # one set of suggestions per article id, from its first shard
        seen.add(article["id"])
        summary.articles += 1
        rows = quote_rows(article)
        if rows:
            summary.articles_with_quotes += 1
        for row in rows:
            summary.quotes_by_kind[row["kind"]] += 1
            summary.quotes_with_speaker += row["speaker_start"] is not None
        quotes.extend(rows)
        matches = matcher(article["text"] or "", article.get("title"))
        summary.articles_with_target += bool(matches)
        for m in matches:
            summary.targets_by_id[m.target_id] += 1
            targets.append(
                {
                    "article_id": article["id"],
                    "target_id": m.target_id,
                    "target": m.target,
                    "score": m.score,
                    "matched_terms": list(m.matched_terms),
                    "model_version": target_set.version,
                }
            )
    summary.quotes = len(quotes)
    quotes.sort(key=lambda r: (r["article_id"], r["quote_index"]))
    targets.sort(key=lambda r: (r["article_id"], r["target_id"]))
    try:
        write_rows(quotes, schema.QUOTE_PREDICTIONS, summary.quotes_path, _ROW_GROUP)
        write_rows(targets, schema.TARGET_PREDICTIONS, summary.targets_path, _ROW_GROUP)
    except OSError as err:
        raise UsageError(f"{out}: cannot write the predictions ({err.strerror})") from None
    summary.seconds = time.perf_counter() - t0
    return summary
