"""The pre-annotation stage: corpus articles in, machine suggestions for annotators out.

Reads `CORPUS/articles/*.parquet`, runs the quote extractor (`quotes.extract_quotes`) and the stance
target rules (`targets`) on every article, and writes two tables with their declared schemas:
`OUT/quotes.parquet` (`schema.QUOTE_PREDICTIONS`, one row per quote) and `OUT/targets.parquet`
(`schema.TARGET_PREDICTIONS`, one row per matched target). Given a stance model folder, it also
writes `OUT/stance.parquet` (`schema.STANCE_PREDICTIONS`): the model's stance of each article
toward each target it matched (`stance_suggest.py`); a pair the model calls unrelated is
suggested `none`, or, with `stance_unrelated="drop"`, its target row is left out too, so no task
asks about it. Rows are sorted by article id (then quote index, or target id), so the same corpus,
rules and model give byte-identical files. It never
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
from newscorpus.preannotate.targets import (
    TargetMatch,
    TargetMatcher,
    TargetsError,
    TargetSet,
    load_targets,
)
from newscorpus.tables import corpus_files, iter_corpus, write_rows

DEFAULT_CORPUS = layout.CORPUS
DEFAULT_OUT = layout.PREDICTIONS
DEFAULT_TARGETS = layout.TARGETS
_COLUMNS = ("id", "content_sha256", "title", "text")
_ROW_GROUP = 50_000
STANCE_FILE = "stance.parquet"
_STANCE_CHUNK = 256  # (article, target) pairs given to the stance model at once


@dataclass(frozen=True)
class PreannotateOptions:
    corpus: Path = DEFAULT_CORPUS
    out: Path = DEFAULT_OUT
    targets: Path = DEFAULT_TARGETS
    stance_model: Path | None = None
    stance_unrelated: str = "none"  # or "drop" (stance_suggest.UNRELATED_CHOICES)


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
    stance_path: Path | None = None
    stance_by_label: Counter[str] = field(default_factory=Counter)
    stance_model_version: str = ""
    targets_dropped_unrelated: int = 0
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


def _load_target_set(path: Path) -> TargetSet:
    try:
        rules_text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(
            f"{path}: cannot read the stance targets ({err.strerror}); "
            "give --targets FILE or create annotations/targets.yaml"
        ) from None
    try:
        return load_targets(rules_text, source=str(path))
    except TargetsError as err:
        raise UsageError(str(err)) from None


@dataclass
class _StanceStep:
    """Matched targets waiting for the stance model, asked in chunks of `_STANCE_CHUNK` pairs."""

    suggester: Any  # stance_suggest.StanceSuggester (imported only when a model is given)
    drop_unrelated: bool
    summary: PreannotateSummary
    pending: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)
    stance: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)

    def add(self, article: dict[str, Any], target_row: dict[str, Any]) -> None:
        from newscorpus.preannotate.stance_suggest import ArticleTarget

        item = ArticleTarget(
            article["id"],
            article["content_sha256"],
            article["text"] or "",
            target_row["target_id"],
            target_row["target"],
        )
        self.pending.append((item, target_row))
        if len(self.pending) >= _STANCE_CHUNK:
            self.flush()

    def flush(self) -> None:
        rows = self.suggester.rows([item for item, _ in self.pending])
        for row, (_, target_row) in zip(rows, self.pending, strict=True):
            if self.drop_unrelated and row["model_label"] == self.suggester.model.unrelated:
                self.summary.targets_dropped_unrelated += 1
                continue
            self.summary.stance_by_label[row["stance"]] += 1
            self.stance.append(row)
            self.targets.append(target_row)
        self.pending.clear()


def _stance_step(options: PreannotateOptions, summary: PreannotateSummary) -> _StanceStep | None:
    if options.stance_model is None:
        return None
    from newscorpus.preannotate.stance_suggest import (
        UNRELATED_CHOICES,
        UNRELATED_DROPPED,
        StanceSuggester,
    )

    if options.stance_unrelated not in UNRELATED_CHOICES:
        raise UsageError(
            f"unrelated pairs: {options.stance_unrelated!r} is not one of "
            f"{', '.join(UNRELATED_CHOICES)}"
        )
    suggester = StanceSuggester.from_folder(Path(options.stance_model))
    summary.stance_path = Path(options.out) / STANCE_FILE
    summary.stance_model_version = suggester.version
    return _StanceStep(suggester, options.stance_unrelated == UNRELATED_DROPPED, summary)


def _target_rows(matches: list[TargetMatch], article_id: str, version: str) -> list[dict]:
    return [
        {
            "article_id": article_id,
            "target_id": m.target_id,
            "target": m.target,
            "score": m.score,
            "matched_terms": list(m.matched_terms),
            "model_version": version,
        }
        for m in matches
    ]


def run_preannotate(options: PreannotateOptions) -> PreannotateSummary:
    """Suggest quotes, stance targets and (given a model) stances for every article of a corpus.

    Raises:
        UsageError: no corpus or no articles, an unreadable shard, a missing or invalid
            targets file, an unusable stance model folder, or an output directory that cannot
            be written.
    """
    t0 = time.perf_counter()
    target_set = _load_target_set(options.targets)
    matcher = TargetMatcher(target_set)
    out = Path(options.out)
    summary = PreannotateSummary(
        corpus=Path(options.corpus),
        quotes_path=out / "quotes.parquet",
        targets_path=out / "targets.parquet",
        targets_model_version=target_set.version,
    )
    stance_step = _stance_step(options, summary)
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
        for row in _target_rows(matches, article["id"], target_set.version):
            summary.targets_by_id[row["target_id"]] += 1
            if stance_step is None:
                targets.append(row)
            else:
                stance_step.add(article, row)
    if stance_step is not None:
        stance_step.flush()
        targets = stance_step.targets
    summary.quotes = len(quotes)
    _write(summary, quotes, targets, stance_step.stance if stance_step else None)
    summary.seconds = time.perf_counter() - t0
    return summary


def _write(
    summary: PreannotateSummary,
    quotes: list[dict[str, Any]],
    targets: list[dict[str, Any]],
    stance: list[dict[str, Any]] | None,
) -> None:
    quotes.sort(key=lambda r: (r["article_id"], r["quote_index"]))
    targets.sort(key=lambda r: (r["article_id"], r["target_id"]))
    try:
        write_rows(quotes, schema.QUOTE_PREDICTIONS, summary.quotes_path, _ROW_GROUP)
        write_rows(targets, schema.TARGET_PREDICTIONS, summary.targets_path, _ROW_GROUP)
        if stance is not None and summary.stance_path is not None:
            stance.sort(key=lambda r: (r["article_id"], r["target_id"]))
            write_rows(stance, schema.STANCE_PREDICTIONS, summary.stance_path, _ROW_GROUP)
        else:
            # A run without a model must not leave an older run's stances beside its targets.
            (summary.quotes_path.parent / STANCE_FILE).unlink(missing_ok=True)
    except OSError as err:
        out = summary.quotes_path.parent
        raise UsageError(f"{out}: cannot write the predictions ({err.strerror})") from None
