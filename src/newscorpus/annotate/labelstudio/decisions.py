"""A reviewer's submissions in the review project become decisions and gold rows, and gold from
agreement is folded with them. Pure: no file, no server (adjudicate.py reads and writes).

A review task (disagreements.review_task) carries the disputed item, its stretch of text and the
versions shown. The reviewer's annotation of it decides:
  - stance: the stance chosen is gold; `kept` when an annotator had chosen it, else `corrected`;
    no stance chosen is `undecided` (the tie stays for adjudication);
  - span and speaker: the reviewer's quotes in the stretch are gold; `kept` when they are one
    annotator's version as it was (offsets, kind, speaker and cue), `corrected` otherwise;
    no quote there is `rejected` (no gold quote in the stretch).
Folding replaces, per decision and in review task order, whatever gold and ties agreement gave
for the same stance target or stretch of text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newscorpus.annotate.gold import Gold
from newscorpus.annotate.labelstudio.disagreements import STANCE
from newscorpus.annotate.labelstudio.quote_regions import TARGET_KEY
from newscorpus.annotate.validate import Flattened, Row
from newscorpus.labels import HUMAN, TIE_STANCE
from newscorpus.spans import MATCH_IOU, iou

DECISIONS = (KEPT, CORRECTED, REJECTED, UNDECIDED) = ("kept", "corrected", "rejected", "undecided")
ADJUDICATION = "adjudication"  # the gold `resolution` of a reviewer's decision
# What makes two quotes the same version: where they are, their kind, speaker and cue.
SAME_QUOTE_FIELDS = ("start", "end", "kind", "speaker_start", "speaker_end", "cue_start", "cue_end")
GOLD_QUOTE_FIELDS = (
    "article_id", "content_sha256", "start", "end", "text", "kind", "stance", "speaker_start",
    "speaker_end", "speaker_text", "cue_start", "cue_end", "cue_text", "speaker_name",
)  # fmt: skip


@dataclass(frozen=True)
class Review:
    """One review task and the reviewer's annotation that decides it."""

    task_id: int
    data: Mapping[str, Any]  # the review task's data, disagreements.REVIEW_FIELDS among it
    annotation_id: str
    reviewer: str
    decided_at: datetime | None


@dataclass
class Adjudicated:
    """Rows of REVIEW_DECISIONS, and the GOLD_QUOTES / GOLD_STANCE rows the decisions gave."""

    decisions: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)
    stance: list[Row] = field(default_factory=list)


def decide(reviews: Sequence[Review], flat: Flattened, origin: str) -> Adjudicated:
    """Decisions and gold rows of the reviewed tasks.

    Args:
        reviews: one per review task with a counted annotation.
        flat: the validated rows of the review project's export (validate.flatten).
        origin: the origin every row records (labelstudio:<review project>).
    """
    quotes_by_ann: dict[str, list[Row]] = defaultdict(list)
    for row in flat.quotes:
        quotes_by_ann[row["annotation_id"]].append(row)
    # A review task of a stance disagreement asks about its one target (data.target_id).
    stance_by_ann = {(r["annotation_id"], r["target_id"]): r["stance"] for r in flat.stance}
    out = Adjudicated()
    for review in sorted(reviews, key=lambda r: r.task_id):
        if review.data["review_item"] == STANCE:
            key = (review.annotation_id, review.data["target_id"])
            _decide_stance(review, stance_by_ann.get(key), origin, out)
        else:
            _decide_quotes(review, quotes_by_ann[review.annotation_id], origin, out)
    return out


def _decision_row(review: Review, decision: str, gold_rows: int, origin: str) -> Row:
    data = review.data
    return {
        "review_task_id": review.task_id,
        "review_annotation_id": review.annotation_id,
        "reviewer": review.reviewer,
        "item": data["review_item"],
        "article_id": data["article_id"],
        "content_sha256": data["content_sha256"],
        "target_id": data.get("target_id"),
        "start": data.get("review_start"),
        "end": data.get("review_end"),
        "reviewed_annotations": _shown(review),
        "decision": decision,
        "gold_rows": gold_rows,
        "decided_at": review.decided_at,
        "origin": origin,
    }


def _shown(review: Review) -> list[str]:
    return [str(v["annotation_id"]) for v in review.data["review_from"]]


def _provenance(review: Review, decision: str, origin: str) -> Row:
    return {
        "resolution": ADJUDICATION,
        "reviewer": review.reviewer,
        "decision": decision,
        "reviewed_annotations": _shown(review),
        "origin": origin,
    }


def _decide_stance(review: Review, chosen: str | None, origin: str, out: Adjudicated) -> None:
    versions = [v["stance"] for v in review.data["review_from"]]
    if chosen is None:
        out.decisions.append(_decision_row(review, UNDECIDED, 0, origin))
        return
    decision = KEPT if chosen in versions else CORRECTED
    data = review.data
    out.stance.append(
        {
            "article_id": data["article_id"],
            "content_sha256": data["content_sha256"],
            "target_id": data["target_id"],
            "stance": chosen,
            "support": versions.count(chosen),
            "annotations": sum(v is not None for v in versions),
        }
        | _provenance(review, decision, origin)
    )
    out.decisions.append(_decision_row(review, decision, 1, origin))


def _decide_quotes(review: Review, rows: Sequence[Row], origin: str, out: Adjudicated) -> None:
    start, end = review.data["review_start"], review.data["review_end"]
    mine = sorted(
        (r for r in rows if r["start"] < end and start < r["end"]),
        key=lambda r: (r["start"], r["end"]),
    )
    if not mine:
        out.decisions.append(_decision_row(review, REJECTED, 0, origin))
        return
    versions = [v["quotes"] for v in review.data["review_from"]]
    decision = KEPT if any(_same_quotes(mine, v) for v in versions) else CORRECTED
    for row in mine:
        support = sum(
            any(iou((q["start"], q["end"]), (row["start"], row["end"])) >= MATCH_IOU for q in v)
            for v in versions
        )
        out.quotes.append(
            {k: row[k] for k in GOLD_QUOTE_FIELDS}
            | {
                TARGET_KEY: row.get(TARGET_KEY),
                "support": support,
                "annotations": len(versions),
                "annotation_id": review.annotation_id,
                "kind_source": HUMAN,
            }
            | _provenance(review, decision, origin)
        )
    out.decisions.append(_decision_row(review, decision, len(mine), origin))


def _same_quotes(mine: Sequence[Row], version: Iterable[Mapping[str, Any]]) -> bool:
    def keys(rows: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        return sorted(tuple(r.get(k) for k in SAME_QUOTE_FIELDS) for r in rows)

    return keys(mine) == keys(version)


# --- folding into gold --------------------------------------------------------------------------


def fold(gold: Gold, adjudicated: Adjudicated) -> Gold:
    """Gold with every decision in place of what agreement gave for the same stance target or
    stretch of text; an undecided decision changes nothing."""
    quotes, stance, ties = list(gold.quotes), list(gold.stance), list(gold.ties)
    for d in sorted(adjudicated.decisions, key=lambda d: d["review_task_id"]):
        if d["decision"] == UNDECIDED:
            continue
        if d["item"] == STANCE:
            stance = [r for r in stance if not _same_target(r, d)]
            ties = [t for t in ties if not (t["item"] == TIE_STANCE and _same_target(t, d))]
            # The last row of this target and these versions: a decision made twice keeps the later.
            mine = [r for r in adjudicated.stance if _same_target(r, d) and _same_review(r, d)]
            stance += mine[-1:]
        else:
            quotes = [r for r in quotes if not _in_stretch(r, d)]
            # A quote tie or a tie on an attribute of a quote in the stretch: decided there.
            ties = [t for t in ties if not (t["item"] != TIE_STANCE and _in_stretch(t, d))]
            quotes += [
                r for r in adjudicated.quotes if r["annotation_id"] == d["review_annotation_id"]
            ]
    return Gold(
        quotes=sorted(quotes, key=lambda r: (r["article_id"], r["start"], r["end"])),
        stance=sorted(stance, key=lambda r: (r["article_id"], r["target_id"])),
        ties=ties,
    )


def _same_text(row: Mapping[str, Any], d: Mapping[str, Any]) -> bool:
    return row["article_id"] == d["article_id"] and row["content_sha256"] == d["content_sha256"]


def _same_target(row: Mapping[str, Any], d: Mapping[str, Any]) -> bool:
    return _same_text(row, d) and row["target_id"] == d["target_id"]


def _same_review(row: Mapping[str, Any], d: Mapping[str, Any]) -> bool:
    return list(row["reviewed_annotations"]) == list(d["reviewed_annotations"])


def _in_stretch(row: Mapping[str, Any], d: Mapping[str, Any]) -> bool:
    return _same_text(row, d) and row["start"] < d["end"] and d["start"] < row["end"]
