"""Inter-annotator agreement from flattened rows: Krippendorff's alpha of the article stance,
pairwise span F1 and speaker/kind agreement over matched quotes. Pure: no file, no server.

Spans match one-to-one when overlap/union >= `spans.MATCH_IOU` (`spans.match_spans`), the same
rule the quote benchmark and the baselines use.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import krippendorff
import numpy as np

from newscorpus import labels
from newscorpus.annotate.validate import AnnotationRef, Row
from newscorpus.annotate.votes import count_votes
from newscorpus.spans import MATCH_IOU, Span, iou, match_spans


def agreement(
    quotes: Sequence[Row],
    stance: Sequence[Row],
    annotations: Sequence[AnnotationRef],
    current_texts: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Agreement over articles with two or more annotations that vote (votes.py: one per
    annotator, their latest, on the article's current text as `current_texts` names it), so a
    pair is always two people.

    Returns a JSON-ready dict:
      - `stance`: Krippendorff's alpha of the article stance (`stance_alpha`);
      - `spans`: pairwise F1 per span label (Quote, Speaker, Cue) and `overall` (all labels
        pooled): over every pair of annotations of an article, spans matched one-to-one when
        overlap/union >= 0.5; F1 = 2 * matched / (spans of A + spans of B), summed over pairs;
      - `speaker`: over matched quote pairs, how often both name the same speaker (overlap/union
        >= 0.5, or both none), overall and per quote kind (where both chose the same kind);
      - `kind`: over matched quote pairs, how often both chose the same kind;
      - `left_out`: the annotations that do not vote (`Votes.left_out`).
    """
    votes = count_votes(annotations, current_texts)
    by_article: dict[str, list[AnnotationRef]] = defaultdict(list)
    for ref in votes.counted:
        by_article[ref.article_id].append(ref)
    multi = {a: refs for a, refs in by_article.items() if len(refs) >= 2}
    rows_by_ann: dict[str, list[Row]] = defaultdict(list)
    for r in votes.rows(quotes):
        rows_by_ann[r["annotation_id"]].append(r)
    pairs = _Pairs()
    for article in sorted(multi):
        for a, b in combinations(multi[article], 2):
            pairs.add(
                _by_position(rows_by_ann[a.annotation_id]),
                _by_position(rows_by_ann[b.annotation_id]),
            )
    return {
        "articles_with_two_or_more": len(multi),
        "annotation_pairs": pairs.count,
        "match": f"overlap/union >= {MATCH_IOU}",
        "stance": stance_alpha([r for r in votes.rows(stance) if r["article_id"] in multi]),
        "spans": {label: t.as_dict() for label, t in pairs.spans.items()},
        "speaker": {label: rate.as_dict() for label, rate in sorted(pairs.speaker.items())},
        "kind": pairs.kind.as_dict(),
        "left_out": votes.left_out(),
    }


def stance_alpha(stance_rows: Sequence[Row]) -> dict[str, Any]:
    """Krippendorff's alpha (nominal) of article stance over (article, target) units.

    Coders are annotators; a missing choice is missing data, not a category. Units with fewer than
    two choices add nothing (alpha ignores them) and are not counted.
    """
    values: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for r in stance_rows:
        if r["stance"] is not None:
            values[(r["article_id"], r["target_id"])][r["annotator"]] = r["stance"]
    units = sorted(u for u, by in values.items() if len(by) >= 2)
    coders = sorted({c for u in units for c in values[u]})
    result: dict[str, Any] = {"units": len(units), "coders": len(coders), "alpha": None}
    if not units:
        return result
    observed = {values[u][c] for u in units for c in values[u]}
    if len(observed) == 1:
        # Perfect agreement on a single category: alpha is 0/0; by convention report 1.0.
        result["alpha"] = 1.0
        return result
    matrix = _reliability_matrix(values, units, coders)
    alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    result["alpha"] = None if math.isnan(alpha) else float(alpha)
    return result


def _reliability_matrix(
    values: dict[tuple[str, str], dict[str, str]],
    units: Sequence[tuple[str, str]],
    coders: Sequence[str],
) -> np.ndarray:
    """Coders x units of category codes (the stance labels first, in their order), NaN where a
    coder gave no value."""
    codes = {s: i for i, s in enumerate(labels.STANCE_LABELS)}
    for u in units:
        for s in values[u].values():
            codes.setdefault(s, len(codes))
    matrix = np.full((len(coders), len(units)), np.nan)
    for j, u in enumerate(units):
        for i, c in enumerate(coders):
            if c in values[u]:
                matrix[i, j] = codes[values[u][c]]
    return matrix


# --- pairs of annotations -----------------------------------------------------------------------


@dataclass
class _Tally:
    matched: int = 0
    total: int = 0  # |A| + |B| summed over pairs

    def add(self, matched: int, total: int) -> None:
        self.matched += matched
        self.total += total

    def as_dict(self) -> dict[str, Any]:
        return {
            "f1": (2 * self.matched / self.total) if self.total else None,
            "matched": self.matched,
            "spans": self.total,
        }


@dataclass
class _Rate:
    agree: int = 0
    pairs: int = 0

    def add(self, agree: bool) -> None:
        self.pairs += 1
        self.agree += int(agree)

    def as_dict(self) -> dict[str, Any]:
        return {
            "agreement": (self.agree / self.pairs) if self.pairs else None,
            "agree": self.agree,
            "pairs": self.pairs,
        }


def _span_tallies() -> dict[str, _Tally]:
    return {label: _Tally() for label in (*labels.SPAN_LABELS, "overall")}


@dataclass
class _Pairs:
    """Running sums over every pair of annotations of the same article."""

    count: int = 0
    spans: dict[str, _Tally] = field(default_factory=_span_tallies)
    speaker: dict[str, _Rate] = field(default_factory=lambda: {"overall": _Rate()})
    kind: _Rate = field(default_factory=_Rate)

    def add(self, rows_a: Sequence[Row], rows_b: Sequence[Row]) -> None:
        """One pair: both annotations' quote rows, each sorted by position."""
        self.count += 1
        spans_a, spans_b = _spans_by_label(rows_a), _spans_by_label(rows_b)
        for label in labels.SPAN_LABELS:
            m = len(match_spans(spans_a[label], spans_b[label]))
            n = len(spans_a[label]) + len(spans_b[label])
            self.spans[label].add(m, n)
            self.spans["overall"].add(m, n)
        qa = [(r["start"], r["end"]) for r in rows_a]
        qb = [(r["start"], r["end"]) for r in rows_b]
        for i, j in match_spans(qa, qb):
            ra, rb = rows_a[i], rows_b[j]
            same = _same_speaker(ra, rb)
            self.speaker["overall"].add(same)
            if ra["kind"] is not None and ra["kind"] == rb["kind"]:
                self.speaker.setdefault(ra["kind"], _Rate()).add(same)
            self.kind.add(ra["kind"] == rb["kind"])


def _by_position(rows: Sequence[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r["start"], r["end"]))


def _spans_by_label(rows: Sequence[Row]) -> dict[str, list[Span]]:
    """Distinct Quote, Speaker and Cue spans of one annotation's quote rows."""
    found: dict[str, set[Span]] = {label: set() for label in labels.SPAN_LABELS}
    for r in rows:
        found[labels.QUOTE].add((r["start"], r["end"]))
        if r["speaker_start"] is not None:
            found[labels.SPEAKER].add((r["speaker_start"], r["speaker_end"]))
        if r["cue_start"] is not None:
            found[labels.CUE].add((r["cue_start"], r["cue_end"]))
    return {label: sorted(spans) for label, spans in found.items()}


def _speaker_span(row: Row) -> Span | None:
    if row["speaker_start"] is None:
        return None
    return row["speaker_start"], row["speaker_end"]


def _same_speaker(a: Row, b: Row) -> bool:
    sa, sb = _speaker_span(a), _speaker_span(b)
    if sa is None or sb is None:
        return sa is None and sb is None
    return iou(sa, sb) >= MATCH_IOU
