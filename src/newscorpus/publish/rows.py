"""One article and its annotation rows in, the rows of each published config out. Pure.

Gold (resolved by `ls agreement` or an import) makes a row `human`, per kind of label: an article
with human quote labels has `human` quote rows (an empty list when its annotators marked none:
gold/articles.parquet records that they read it), one without gets the machine suggestions,
marked `machine`, and never passes for human; stance gold makes `stance` rows only. Every
offset, span text and label is checked here, on the full text, before any text is withheld, and
labels are encoded to their ClassLabel indices with the names in `labels`. Each config's entry
(configs.py) names its row builder below; `build_rows` runs the entries it is given. Reads no
files, writes no files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from newscorpus.annotate.origins import BRAT_PREFIX, labels_quotes
from newscorpus.hashing import text_sha256
from newscorpus.labels import BIO_LABELS, BIO_TAGS, LABEL_SOURCES, QUOTE_KINDS, STANCE_LABELS
from newscorpus.publish.bio import span_coverage, tags_of, token_owners, tokenize
from newscorpus.publish.checks import CheckFailure, CheckReport, check_label, check_span, check_text
from newscorpus.publish.figures import RAW_ON_EARLIER_TEXT

if TYPE_CHECKING:
    from newscorpus.publish.configs import PublishConfig

Row = dict[str, Any]

_HUMAN = LABEL_SOURCES.index("human")
_MACHINE = LABEL_SOURCES.index("machine")
_BIO_INDEX = {tag: i for i, tag in enumerate(BIO_TAGS)}
_QUOTE_TAG, _SPEAKER_TAG, _CUE_TAG = BIO_LABELS
# Quote roles with offsets of their own besides the content, and their BIO label.
_ROLES = (("speaker", _SPEAKER_TAG), ("cue", _CUE_TAG))


@dataclass
class ArticleAnnotations:
    """The annotation rows of one article, each list in its table's sorted order."""

    predicted_quotes: list[Row] = field(default_factory=list)
    predicted_targets: list[Row] = field(default_factory=list)
    human_quotes: list[Row] = field(default_factory=list)
    human_stance: list[Row] = field(default_factory=list)
    human_passes: list[Row] = field(default_factory=list)  # every counted annotation
    gold_quotes: list[Row] = field(default_factory=list)
    gold_stance: list[Row] = field(default_factory=list)
    gold_articles: list[Row] = field(default_factory=list)  # who annotated it, per origin
    has_quote_labels: bool = False  # human quote labels (PublishInputs.quote_articles)
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


def _kind_source(row: Row, kind: int | None, where: str, report: CheckReport) -> int | None:
    """Who chose the quote's kind. Tables written before `kind_source` existed leave it null:
    then a BRAT import's kind was derived by a rule (machine), a machine row's by the extractor,
    and a Label Studio annotator's by a person."""
    if kind is None:
        return None
    stated = row.get("kind_source")
    if stated is not None:
        return check_label(report, where, stated, LABEL_SOURCES, what="kind_source")
    if "model_version" in row or str(row.get("origin") or "").startswith(BRAT_PREFIX):
        return _MACHINE
    return _HUMAN


def _quote(row: Row, text: str, where: str, report: CheckReport, withheld: bool, raw: bool) -> Row:
    check_span(report, where, text, row["start"], row["end"], row.get("text"), what="quote")
    for role, _ in _ROLES:
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
    kind = check_label(report, where, row.get("kind"), QUOTE_KINDS, what="kind")
    quote |= {
        "start": row["start"],
        "end": row["end"],
        "text": None if withheld else row.get("text"),
        "kind": kind,
        "kind_source": _kind_source(row, kind, where, report),
        "stance": check_label(report, where, row.get("stance"), STANCE_LABELS, what="stance"),
        "stance_target_id": row.get("stance_target_id"),
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


def _raw_on_current_text(
    annotations: ArticleAnnotations, expected: str, stats: Counter[str]
) -> ArticleAnnotations:
    """The annotations without the raw rows (quotes, stance, passes) made on another text.

    Each raw row is one person's pass over the text shown to them; once the article was corrected
    and pushed again, `ls agreement` resolves gold from the current text's passes only, and the
    earlier passes' offsets point into a text the release does not hold: they are left out of
    `annotations_raw` and counted on the card, not a reason to refuse the release. Gold and
    predictions on another text still are (`_check_hashes`).
    """
    kept, left_out = {}, set()
    for name in ("human_quotes", "human_stance", "human_passes"):
        kept[name] = []
        for row in getattr(annotations, name):
            if row.get("content_sha256") in (None, expected):
                kept[name].append(row)
            else:
                left_out.add(row["annotation_id"])
    stats[RAW_ON_EARLIER_TEXT] += len(left_out)
    return replace(annotations, **kept)


# What brings gold or predictions made on an earlier text up to the article's current one.
STALE_FIX = {
    "gold": "run `newscorpus ls agreement` (or the import again) to resolve it on the current text",
    "predictions": "run `newscorpus preannotate` again",
}


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
                        f"({STALE_FIX[table.split('/')[0]]})",
                    )
                )


@dataclass
class ArticleContext:
    """One article being published: what every row builder reads, derived once per article.

    The checked quotes are shared by the configs that publish them, so each is checked (and any
    failure reported) once.
    """

    article: Row
    annotations: ArticleAnnotations
    cluster_id: str
    withheld: bool
    target_texts: Mapping[str, str]
    report: CheckReport
    stats: Counter[str] = field(default_factory=Counter)  # side figures for the card (bio spans)
    withheld_targets: Collection[str] = frozenset()  # imported targets published without text

    @property
    def id(self) -> str:
        return self.article["id"]

    @property
    def text(self) -> str:
        return self.article["text"] or ""

    @cached_property
    def quote_annotations(self) -> list[Row]:
        """Human annotation rows of tasks that asked for quotes (a stance import's do not)."""
        a = self.annotations
        return a.human_quotes + [r for r in a.human_stance if labels_quotes(r.get("origin"))]

    @cached_property
    def quote_gold_articles(self) -> list[Row]:
        """The origins that annotated the article's quotes, even with no quote marked."""
        return [r for r in self.annotations.gold_articles if labels_quotes(r.get("origin"))]

    @cached_property
    def quote_annotators(self) -> int:
        """Annotators of its quotes, those who marked none included (gold/articles)."""
        names = {r["annotator"] for r in self.quote_annotations}
        return len(names.union(*(r.get("annotators") or () for r in self.quote_gold_articles)))

    def stance_annotations(self, target_id: str) -> list[Row]:
        return [r for r in self.annotations.human_stance if r["target_id"] == target_id]

    @cached_property
    def base(self) -> Row:
        """The leading fields of every row keyed by article and carrying its text."""
        return {
            "article_id": self.id,
            "content_sha256": self.article["content_sha256"],
            "text": None if self.withheld else self.text,
            "text_withheld": self.withheld,
        }

    @cached_property
    def label_source(self) -> int | None:
        """Human quote labels make the article's quotes `human`, suggestions alone `machine`;
        else none."""
        if self.annotations.has_quote_labels:
            return _HUMAN
        return _MACHINE if self.annotations.has_predictions else None

    @cached_property
    def quotes_origin(self) -> str | None:
        """Origin of the article's quote labels; None for machine suggestions.

        Each gold row's own origin (an adjudicated row names the review project), else the one
        its annotation rows record (gold written before origins were recorded has none); gold
        stance of a stance-only origin is not a quote label.
        """
        if not self.annotations.has_quote_labels:
            return None
        a = self.annotations
        recorded = _joined(r.get("origin") for r in self.quote_annotations)
        gold = [r for r in a.gold_quotes + a.gold_stance if labels_quotes(r.get("origin"))]
        gold += self.quote_gold_articles
        return _joined(r.get("origin") or recorded for r in gold) or recorded

    def stance_origin(self, row: Row) -> str | None:
        """Origin of a gold stance row: its own, else that of its target's annotations."""
        target = self.stance_annotations(row["target_id"])
        return row.get("origin") or _joined(r.get("origin") for r in target)

    @cached_property
    def source_quotes(self) -> list[Row]:
        """Gold quotes of a human article, suggestions of a machine one (as read)."""
        a = self.annotations
        return a.gold_quotes if a.has_quote_labels else a.predicted_quotes

    @cached_property
    def quotes(self) -> list[Row]:
        """The article's quotes, checked and encoded, texts withheld as the article's are."""
        table = "gold/quotes" if self.annotations.has_quote_labels else "predictions/quotes"
        return [
            _quote(r, self.text, _where(table, self.id, r), self.report, self.withheld, raw=False)
            for r in self.source_quotes
        ]


def _joined(values: Iterable[str | None]) -> str | None:
    """One origin, or several joined by ', ' in sorted order; None when none is recorded."""
    present = sorted({v for v in values if v})
    return ", ".join(present) if present else None


def article_rows(a: ArticleContext) -> list[Row]:
    """The corpus fields of the article, its text withheld when its license says so."""
    article, withheld = a.article, a.withheld
    return [
        {
            "id": a.id,
            "url": article.get("url"),
            "source": article.get("source"),
            "title": None if withheld else article.get("title"),
            "authors": article.get("authors") or [],
            "agency": article.get("agency"),
            "published": article.get("published"),
            "language": article.get("language"),
            "text": None if withheld else a.text,
            "paragraphs": article.get("paragraphs") or [],
            "captions": [] if withheld else (article.get("captions") or []),
            "license": article.get("license"),
            "citation": article.get("citation"),
            "text_withheld": withheld,
            "raw_sha256": article.get("raw_sha256"),
            "content_sha256": article["content_sha256"],
            "duplicate_of": article.get("duplicate_of"),
            "cluster_id": a.cluster_id,
            "pipeline_version": article.get("pipeline_version"),
            "extractor_version": article.get("extractor_version"),
        }
    ]


def quote_rows(a: ArticleContext) -> list[Row]:
    """One row with every quote of the article, when it has gold or suggestions."""
    source = a.label_source
    if source is None:
        return []
    versions = sorted({r["model_version"] for r in a.source_quotes if r.get("model_version")})
    return [
        a.base
        | {
            "label_source": source,
            "origin": a.quotes_origin,
            "annotators": a.quote_annotators if source == _HUMAN else 0,
            "model_version": ", ".join(versions) if source == _MACHINE and versions else None,
            "quotes": a.quotes,
        }
    ]


def _target(a: ArticleContext, target_id: str, text: str | None = None) -> Row:
    """The target's id and text, the text withheld when its origin's license says so."""
    withheld = target_id in a.withheld_targets
    text = text or a.target_texts.get(target_id, target_id)
    return {
        "target_id": target_id,
        "target": None if withheld else text,
        "target_withheld": withheld,
    }


def stance_rows(a: ArticleContext) -> list[Row]:
    """Human gold per (article, target), then machine-suggested targets nobody labeled."""
    rows = []
    labeled = set()
    for r in a.annotations.gold_stance:
        where = _where("gold/stance", a.id, r)
        labeled.add(r["target_id"])
        rows.append(
            a.base
            | _target(a, r["target_id"])
            | {
                "label": check_label(a.report, where, r.get("stance"), STANCE_LABELS),
                "label_source": _HUMAN,
                "origin": a.stance_origin(r),
                "annotators": len({h["annotator"] for h in a.stance_annotations(r["target_id"])}),
            }
        )
    for r in a.annotations.predicted_targets:
        if r["target_id"] in labeled:
            continue
        labeled.add(r["target_id"])
        rows.append(
            a.base
            | _target(a, r["target_id"], r.get("target"))
            | {
                "label": None,
                "label_source": _MACHINE,
                "origin": None,
                "annotators": 0,
            }
        )
    return sorted(rows, key=lambda r: r["target_id"])


def bio_rows(a: ArticleContext) -> list[Row]:
    """One row per paragraph: tokens and BIO tags of the article's quotes, speakers and cues."""
    if a.label_source is None:
        return []
    text = a.text
    spans = []
    for q in a.quotes:
        spans.append((q["start"], q["end"], _QUOTE_TAG))
        for role, label in _ROLES:
            start, end = q.get(f"{role}_start"), q.get(f"{role}_end")
            if start is not None and end is not None:
                spans.append((start, end, label))
    paragraphs = a.article.get("paragraphs") or [{"start": 0, "end": len(text)}]
    coverage: dict[tuple[int, int, str], list[int]] = {s: [0, 0] for s in spans}
    rows = []
    for index, paragraph in enumerate(paragraphs):
        tokens = tokenize(text, paragraph["start"], paragraph["end"])
        local = [s for s in spans if s[0] < paragraph["end"] and s[1] > paragraph["start"]]
        ordered, owner = token_owners(tokens, local)
        tags = tags_of(ordered, owner)
        for span, (touched, tagged) in zip(
            ordered, span_coverage(tokens, ordered, owner), strict=True
        ):
            coverage[span][0] += touched
            coverage[span][1] += tagged
        # Offsets stay as parallel lists here: the writer builds the list<struct> column from
        # them without a Python dict per token (quotes_bio is the largest config by far).
        rows.append(
            {
                "article_id": a.id,
                "paragraph_index": index,
                "tokens": None if a.withheld else [text[s:e] for s, e in tokens],
                "offsets": ([s for s, _ in tokens], [e for _, e in tokens]),
                "tags": [_BIO_INDEX[t] for t in tags],
                "text_withheld": a.withheld,
                "label_source": a.label_source,
                "origin": a.quotes_origin,
            }
        )
    _count_coverage(a.stats, coverage.values())
    return rows


def _count_coverage(stats: Counter[str], coverage: Iterable[list[int]]) -> None:
    """Spans tagged in full, cut (some tokens went to an overlapping span) or lost (none left)."""
    for touched, tagged in coverage:
        stats["bio_spans"] += 1
        if tagged == 0:
            stats["bio_spans_lost"] += 1
        elif tagged < touched:
            stats["bio_spans_cut"] += 1


def annotation_rows(a: ArticleContext) -> list[Row]:
    """One row per human annotation (one annotator's pass), before gold resolution; one that
    marked nothing (listed in passes.parquet only) has an empty quote and stance list."""
    by_annotation: dict[str, dict[str, list[Row]]] = {}
    for kind, rows in (
        ("quotes", a.annotations.human_quotes),
        ("stance", a.annotations.human_stance),
        ("passes", a.annotations.human_passes),
    ):
        for r in rows:
            parts = by_annotation.setdefault(
                r["annotation_id"], {"quotes": [], "stance": [], "passes": []}
            )
            parts[kind].append(r)
    out = []
    for annotation_id in sorted(by_annotation):
        parts = by_annotation[annotation_id]
        first = (parts["quotes"] or parts["stance"] or parts["passes"])[0]
        out.append(
            {
                "article_id": a.id,
                "content_sha256": a.article["content_sha256"],
                "annotation_id": annotation_id,
                "annotator": first["annotator"],
                "ground_truth": first.get("ground_truth"),
                "origin": first.get("origin"),
                "task_id": first.get("task_id"),
                "created_at": first.get("created_at"),
                "updated_at": first.get("updated_at"),
                "lead_time": first.get("lead_time"),
                "text_withheld": a.withheld,
                "quotes": [
                    _quote(r, a.text, _where("quotes", a.id, r), a.report, a.withheld, raw=True)
                    for r in parts["quotes"]
                ],
                "stances": [
                    {
                        "target_id": r["target_id"],
                        "stance": check_label(
                            a.report, _where("stance", a.id, r), r.get("stance"), STANCE_LABELS
                        ),
                    }
                    for r in parts["stance"]
                ],
            }
        )
    return out


def build_rows(
    article: Row,
    annotations: ArticleAnnotations,
    *,
    cluster_id: str,
    withheld: bool,
    target_texts: Mapping[str, str],
    report: CheckReport,
    configs: Iterable[PublishConfig],
    stats: Counter[str] | None = None,
    withheld_targets: Collection[str] = frozenset(),
) -> dict[str, list[Row]]:
    """Rows of each config for one article (configs it has no rows in are absent); side figures
    (spans the BIO tags cut or lose, raw rows made on an earlier text) are added to `stats`; the
    targets in `withheld_targets` are published without their text."""
    article_id = article["id"]
    out: dict[str, list[Row]] = {}
    if not check_text(report, f"articles: article {article_id}", article["text"]):
        return out
    if text_sha256(article["text"]) != article["content_sha256"]:
        report.add(
            CheckFailure(
                "content_hash",
                f"articles: article {article_id}",
                "content_sha256 is not the SHA-256 of the text: re-run `newscorpus normalize`",
            )
        )
    stats = stats if stats is not None else Counter()
    annotations = _raw_on_current_text(annotations, article["content_sha256"], stats)
    _check_hashes(
        report,
        article,
        {
            "predictions/quotes": annotations.predicted_quotes,
            "gold/quotes": annotations.gold_quotes,
            "gold/stance": annotations.gold_stance,
            "gold/articles": annotations.gold_articles,
        },
    )
    context = ArticleContext(
        article,
        annotations,
        cluster_id,
        withheld,
        target_texts,
        report,
        stats,
        withheld_targets,
    )
    for config in configs:
        if rows := config.build(context):
            out[config.name] = rows
    return out
