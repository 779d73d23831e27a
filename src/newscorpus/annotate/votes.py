"""Which annotations vote in gold and agreement: one per annotator on an article's text (their
latest), and only those made on the article's current text. Pure: no file, no server.

Label Studio lets a person submit a second annotation of a task, and `ls push` makes a new task
when an article's text changes: counting every annotation would give one person two votes, pair
them with themself in agreement, and mix offsets into two texts in one gold. What is left out is
never dropped silently: `Votes` keeps it, so `ls agreement` can count and name it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newscorpus.annotate.validate import AnnotationRef, Row

_NEVER = datetime.min.replace(tzinfo=UTC)


def annotation_order(annotation_id: str) -> tuple[int, int, str]:
    """Sort key of annotation ids: numbers by value (9 before 10), then any other id as text."""
    if annotation_id.isdigit():
        return (0, int(annotation_id), "")
    return (1, 0, annotation_id)


def _latest_key(ref: AnnotationRef) -> tuple[Any, ...]:
    """An annotator's annotation that votes: a ground-truth one first, then the last saved
    (`saved_at`), then the highest id."""
    saved = ref.saved_at or _NEVER
    return (ref.ground_truth, saved, annotation_order(ref.annotation_id))


@dataclass
class Votes:
    """The annotations that vote, and those left out with why."""

    counted: list[AnnotationRef] = field(default_factory=list)
    superseded: list[AnnotationRef] = field(default_factory=list)  # the annotator's later one votes
    other_text: list[AnnotationRef] = field(default_factory=list)  # not the current text

    def keys(self) -> set[tuple[str, str]]:
        return {(r.article_id, r.annotation_id) for r in self.counted}

    def rows(self, rows: Iterable[Row]) -> list[Row]:
        """The rows (quote or stance) of the counted annotations."""
        keys = self.keys()
        return [r for r in rows if (r["article_id"], r["annotation_id"]) in keys]

    def left_out(self) -> dict[str, Any]:
        """JSON-ready counts of what does not vote, for the agreement report."""
        return {
            "superseded_annotations": len(self.superseded),
            "other_text_annotations": len(self.other_text),
            "other_text_articles": sorted({r.article_id for r in self.other_text}),
        }


def count_votes(
    annotations: Sequence[AnnotationRef], current_texts: Mapping[str, str] | None = None
) -> Votes:
    """The annotations that vote, sorted by article and annotation id.

    Args:
        annotations: every counted (not cancelled) annotation.
        current_texts: article id -> content_sha256 of the article's text in the corpus. An
            article it does not name takes the text of its latest task (the highest task id,
            as `ls push` makes a new task for a changed text), else of its latest annotation.
    """
    votes = Votes()
    by_article: dict[str, list[AnnotationRef]] = defaultdict(list)
    for ref in annotations:
        by_article[ref.article_id].append(ref)
    for article in sorted(by_article):
        refs = by_article[article]
        current = (current_texts or {}).get(article) or _latest_text(refs)
        latest: dict[str, AnnotationRef] = {}
        for ref in refs:
            if ref.content_sha256 != current:
                votes.other_text.append(ref)
                continue
            kept = latest.get(ref.annotator)
            if kept is None or _latest_key(ref) > _latest_key(kept):
                latest[ref.annotator] = ref
        kept_ids = {r.annotation_id for r in latest.values()}
        votes.superseded += [
            r for r in refs if r.content_sha256 == current and r.annotation_id not in kept_ids
        ]
        votes.counted += sorted(latest.values(), key=lambda r: annotation_order(r.annotation_id))
    return votes


def _latest_text(refs: Sequence[AnnotationRef]) -> str:
    def key(ref: AnnotationRef) -> tuple[Any, ...]:
        task = ref.task_id if ref.task_id is not None else -1
        return (task, ref.saved_at or _NEVER, annotation_order(ref.annotation_id))

    return max(refs, key=key).content_sha256
