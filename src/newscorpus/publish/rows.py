"""One article and its annotation rows in, the rows of every published config out. Pure.

Gold (resolved by `ls agreement`) makes a row `human`; an article without gold gets the machine
suggestions, marked `machine`, and never passes for human. Every offset, span text and label is
checked here, on the full text, before any text is withheld, and labels are encoded to their
ClassLabel indices with the names in `features`. Reads no files, writes no files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newscorpus.hashing import text_sha256
from newscorpus.labels import BIO_TAGS, LABEL_SOURCES, QUOTE_KINDS, STANCE_LABELS
from newscorpus.publish.bio import bio_tags, tokenize
from newscorpus.publish.checks import CheckFailure, CheckReport, check_label, check_span, check_text

Row = dict[str, Any]

# A license naming one of these forbids redistributing the text (matched case-insensitively).
RESTRICTIVE_LICENSE_MARKERS = (
    "all rights reserved",
    "proprietary",
    "no redistribution",
    "no-redistribution",
    "not for redistribution",
    "restricted",
)

_HUMAN = LABEL_SOURCES.index("human")
_MACHINE = LABEL_SOURCES.index("machine")
_BIO_INDEX = {tag: i for i, tag in enumerate(BIO_TAGS)}


@dataclass(frozen=True)
class LicensePolicy:
    """Which articles are published without their text."""

    withhold_licenses: frozenset[str] = frozenset()
    withhold_sources: frozenset[str] = frozenset()

    @classmethod
    def of(cls, licenses: Iterable[str] = (), sources: Iterable[str] = ()) -> LicensePolicy:
        return cls(
            frozenset(x.strip().lower() for x in licenses),
            frozenset(x.strip().lower() for x in sources),
        )

    def withholds(self, license: str | None, source: str | None) -> bool:
        if source and source.strip().lower() in self.withhold_sources:
            return True
        if not license:
            return False
        lowered = license.strip().lower()
        return lowered in self.withhold_licenses or any(
            marker in lowered for marker in RESTRICTIVE_LICENSE_MARKERS
        )


@dataclass
class ArticleAnnotations:
    """The annotation rows of one article, each list in its table's sorted order."""

    predicted_quotes: list[Row] = field(default_factory=list)
    predicted_targets: list[Row] = field(default_factory=list)
    human_quotes: list[Row] = field(default_factory=list)
    human_stance: list[Row] = field(default_factory=list)
    gold_quotes: list[Row] = field(default_factory=list)
    gold_stance: list[Row] = field(default_factory=list)
    has_gold: bool = False
    has_predictions: bool = False


def _where(table: str, article_id: str, row: Row) -> str:
    parts = [f"{table}: article {article_id}"]
    if row.get("annotation_id") is not None:
        parts.append(f"annotation {row['annotation_id']}")
    if row.get("region_id") is not None:
        parts.append(f"region {row['region_id']}")
    if row.get("start") is not None:
        parts.append(f"quote [{row['start']}, {row.get('end')})")
    if row.get("target_id") is not None:
        parts.append(f"target {row['target_id']}")
    return " ".join(parts)


def _quote(row: Row, text: str, where: str, report: CheckReport, withheld: bool, raw: bool) -> Row:
    check_span(report, where, text, row["start"], row["end"], row.get("text"), what="quote")
    for role in ("speaker", "cue"):
        check_span(
            report,
            where,
            text,
            row.get(f"{role}_start"),
            row.get(f"{role}_end"),
            row.get(f"{role}_text"),
            what=role,
            required=False,
        )
    quote: Row = {"region_id": row.get("region_id")} if raw else {}
    quote |= {
        "start": row["start"],
        "end": row["end"],
        "text": None if withheld else row.get("text"),
        "kind": check_label(report, where, row.get("kind"), QUOTE_KINDS, what="kind"),
        "stance": check_label(report, where, row.get("stance"), STANCE_LABELS, what="stance"),
        "speaker_start": row.get("speaker_start"),
        "speaker_end": row.get("speaker_end"),
        "speaker_text": None if withheld else row.get("speaker_text"),
        "cue_start": row.get("cue_start"),
        "cue_end": row.get("cue_end"),
        "cue_text": None if withheld else row.get("cue_text"),
        "speaker_name": row.get("speaker_name"),
    }
    if not raw:
        quote["score"] = row.get("score")
    return quote


def _bio_rows(
    article: Row, text: str, quotes: list[Row], label_source: int, withheld: bool
) -> list[Row]:
    spans = []
    for q in quotes:
        spans.append((q["start"], q["end"], "QUOTE"))
        for role, label in (("speaker", "SPEAKER"), ("cue", "CUE")):
            start, end = q.get(f"{role}_start"), q.get(f"{role}_end")
            if start is not None and end is not None:
                spans.append((start, end, label))
    paragraphs = article.get("paragraphs") or [{"start": 0, "end": len(text)}]
    rows = []
    for index, paragraph in enumerate(paragraphs):
        tokens = tokenize(text, paragraph["start"], paragraph["end"])
        local = [s for s in spans if s[0] < paragraph["end"] and s[1] > paragraph["start"]]
        tags = bio_tags(tokens, local)
        # Offsets stay as parallel lists here: the writer builds the list<struct> column from
        # them without a Python dict per token (quotes_bio is the largest config by far).
        rows.append(
            {
                "article_id": article["id"],
                "paragraph_index": index,
                "tokens": None if withheld else [text[a:b] for a, b in tokens],
                "offsets": ([a for a, _ in tokens], [b for _, b in tokens]),
                "tags": [_BIO_INDEX[t] for t in tags],
                "text_withheld": withheld,
                "label_source": label_source,
            }
        )
    return rows


def _check_hashes(report: CheckReport, article: Row, tables: dict[str, list[Row]]) -> None:
    expected = article["content_sha256"]
    for table, rows in tables.items():
        for row in rows:
            if row.get("content_sha256") not in (None, expected):
                report.add(
                    CheckFailure(
                        "content_hash",
                        _where(table, article["id"], row),
                        f"made on text {row['content_sha256'][:12]}..., the article's text is "
                        f"{expected[:12]}...: its offsets would point into another text "
                        "(re-import the article's task, or drop the stale rows)",
                    )
                )


def build_rows(
    article: Row,
    annotations: ArticleAnnotations,
    *,
    cluster_id: str,
    withheld: bool,
    target_texts: dict[str, str],
    report: CheckReport,
) -> dict[str, list[Row]]:
    """Rows of every config for one article (configs it has no rows in are absent or empty)."""
    article_id = article["id"]
    text = article["text"] or ""
    out: dict[str, list[Row]] = {}
    if not check_text(report, f"articles: article {article_id}", article["text"]):
        return out
    if text_sha256(text) != article["content_sha256"]:
        report.add(
            CheckFailure(
                "content_hash",
                f"articles: article {article_id}",
                "content_sha256 is not the SHA-256 of the text: re-run `newscorpus normalize`",
            )
        )
    _check_hashes(
        report,
        article,
        {
            "predictions/quotes": annotations.predicted_quotes,
            "gold/quotes": annotations.gold_quotes,
            "gold/stance": annotations.gold_stance,
            "quotes": annotations.human_quotes,
            "stance": annotations.human_stance,
        },
    )
    out["articles"] = [
        {
            "id": article_id,
            "url": article.get("url"),
            "source": article.get("source"),
            "title": None if withheld else article.get("title"),
            "authors": article.get("authors") or [],
            "agency": article.get("agency"),
            "published": article.get("published"),
            "language": article.get("language"),
            "text": None if withheld else text,
            "paragraphs": article.get("paragraphs") or [],
            "captions": [] if withheld else (article.get("captions") or []),
            "license": article.get("license"),
            "text_withheld": withheld,
            "raw_sha256": article.get("raw_sha256"),
            "content_sha256": article["content_sha256"],
            "duplicate_of": article.get("duplicate_of"),
            "cluster_id": cluster_id,
            "pipeline_version": article.get("pipeline_version"),
        }
    ]

    annotators = {r["annotator"] for r in annotations.human_quotes + annotations.human_stance}
    base = {
        "article_id": article_id,
        "content_sha256": article["content_sha256"],
        "text": None if withheld else text,
        "text_withheld": withheld,
    }

    # quotes and quotes_bio
    if annotations.has_gold or annotations.has_predictions:
        source = _HUMAN if annotations.has_gold else _MACHINE
        table = "gold/quotes" if annotations.has_gold else "predictions/quotes"
        rows = annotations.gold_quotes if annotations.has_gold else annotations.predicted_quotes
        quotes = [
            _quote(r, text, _where(table, article_id, r), report, withheld, raw=False) for r in rows
        ]
        versions = sorted({r["model_version"] for r in rows if r.get("model_version")})
        out["quotes"] = [
            base
            | {
                "label_source": source,
                "annotators": len(annotators) if source == _HUMAN else 0,
                "model_version": ", ".join(versions) if source == _MACHINE and versions else None,
                "quotes": quotes,
            }
        ]
        out["quotes_bio"] = _bio_rows(article, text, quotes, source, withheld)

    # stance: human gold per (article, target); machine-suggested targets nobody labeled
    stance_rows = []
    labeled = set()
    for r in annotations.gold_stance:
        where = _where("gold/stance", article_id, r)
        labeled.add(r["target_id"])
        stance_rows.append(
            base
            | {
                "target_id": r["target_id"],
                "target": target_texts.get(r["target_id"], r["target_id"]),
                "label": check_label(report, where, r.get("stance"), STANCE_LABELS),
                "label_source": _HUMAN,
                "annotators": len(annotators),
            }
        )
    for r in annotations.predicted_targets:
        if r["target_id"] in labeled:
            continue
        labeled.add(r["target_id"])
        stance_rows.append(
            base
            | {
                "target_id": r["target_id"],
                "target": r.get("target") or target_texts.get(r["target_id"], r["target_id"]),
                "label": None,
                "label_source": _MACHINE,
                "annotators": 0,
            }
        )
    if stance_rows:
        out["stance"] = sorted(stance_rows, key=lambda r: r["target_id"])

    # annotations_raw: one row per human annotation
    by_annotation: dict[str, dict[str, list[Row]]] = {}
    for kind, rows in (("quotes", annotations.human_quotes), ("stance", annotations.human_stance)):
        for r in rows:
            by_annotation.setdefault(r["annotation_id"], {"quotes": [], "stance": []})[kind].append(
                r
            )
    raw_rows = []
    for annotation_id in sorted(by_annotation):
        parts = by_annotation[annotation_id]
        first = (parts["quotes"] or parts["stance"])[0]
        raw_rows.append(
            {
                "article_id": article_id,
                "content_sha256": article["content_sha256"],
                "annotation_id": annotation_id,
                "annotator": first["annotator"],
                "ground_truth": first.get("ground_truth"),
                "task_id": first.get("task_id"),
                "created_at": first.get("created_at"),
                "updated_at": first.get("updated_at"),
                "lead_time": first.get("lead_time"),
                "text_withheld": withheld,
                "quotes": [
                    _quote(r, text, _where("quotes", article_id, r), report, withheld, raw=True)
                    for r in parts["quotes"]
                ],
                "stances": [
                    {
                        "target_id": r["target_id"],
                        "stance": check_label(
                            report, _where("stance", article_id, r), r.get("stance"), STANCE_LABELS
                        ),
                    }
                    for r in parts["stance"]
                ],
            }
        )
    if raw_rows:
        out["annotations_raw"] = raw_rows
    return out
