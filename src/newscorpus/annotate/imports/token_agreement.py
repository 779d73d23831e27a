"""Token-wise Krippendorff's alpha of attribution roles, the measure PolNeAR publishes.

annotate/agreement.py matches spans (overlap/union >= 0.5), the project's own measure. PolNeAR
reports agreement per token instead: every token of an article doubly annotated gets one label
per annotator (content, source, cue or none), and alpha (nominal) is taken over those labels.
Measuring the same way beside it lets the imported labels be compared with the published figure.
Tokens here are runs of word characters and single punctuation marks, not PolNeAR's CoreNLP
tokens, so the figure is close to theirs in kind, not identical in its units. Pure.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import krippendorff
import numpy as np

from newscorpus.annotate.validate import AnnotationRef

TOKEN = re.compile(r"\w+|[^\w\s]")
# Label codes; a token two spans of one annotator cover takes the first role in this order.
ROLE_CODES = {"content": 1, "source": 2, "cue": 3}
NONE_CODE = 0
# The row fields each role's span is read from.
ROLE_FIELDS = {
    "content": ("start", "end"),
    "source": ("speaker_start", "speaker_end"),
    "cue": ("cue_start", "cue_end"),
}

Row = dict[str, Any]


def _labels(tokens: Sequence[tuple[int, int]], rows: Sequence[Row]) -> list[int]:
    """One code per token for one annotation's rows."""
    labels = [NONE_CODE] * len(tokens)
    starts = [s for s, _ in tokens]
    for role in reversed(ROLE_CODES):  # the first role in ROLE_CODES is written last and wins
        start_field, end_field = ROLE_FIELDS[role]
        for row in rows:
            start, end = row.get(start_field), row.get(end_field)
            if start is None or end is None:
                continue
            for i in range(_first_at_or_after(starts, tokens, start), len(tokens)):
                if tokens[i][0] >= end:
                    break
                labels[i] = ROLE_CODES[role]
    return labels


def _first_at_or_after(starts: list[int], tokens: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the first token that ends after `offset` (it overlaps or follows it)."""
    i = max(bisect.bisect_right(starts, offset) - 1, 0)
    while i < len(tokens) and tokens[i][1] <= offset:
        i += 1
    return i


def token_alpha(
    texts: dict[str, str], quotes: Sequence[Row], refs: Sequence[AnnotationRef]
) -> dict[str, Any]:
    """Alpha over the tokens of every article with two or more annotations.

    Args:
        texts: article id -> text the offsets point into.
        quotes: quote rows (schema.ANNOTATED_QUOTES) of every annotation.
        refs: every annotation, including those that marked nothing.
    """
    by_article: dict[str, list[AnnotationRef]] = defaultdict(list)
    for ref in refs:
        by_article[ref.article_id].append(ref)
    rows_by_ann: dict[str, list[Row]] = defaultdict(list)
    for row in quotes:
        rows_by_ann[row["annotation_id"]].append(row)
    columns: list[np.ndarray] = []
    for article in sorted(a for a, rs in by_article.items() if len(rs) >= 2):
        tokens = [m.span() for m in TOKEN.finditer(texts[article])]
        refs_here = sorted(by_article[article], key=lambda r: r.annotation_id)
        block = [_labels(tokens, rows_by_ann[r.annotation_id]) for r in refs_here]
        columns.append(np.array(block, dtype=float).reshape(len(block), len(tokens)))
    result: dict[str, Any] = {"articles": len(columns), "tokens": 0, "alpha": None}
    if not columns:
        return result
    # Alpha depends only on the values each unit (token) holds, not on which row holds them: an
    # article's annotations fill its first rows, the rest of its column is missing data.
    width = max(m.shape[0] for m in columns)
    matrix = np.hstack(
        [np.vstack([m, np.full((width - len(m), m.shape[1]), np.nan)]) for m in columns]
    )
    result["tokens"] = int(matrix.shape[1])
    alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    result["alpha"] = None if math.isnan(alpha) else float(alpha)
    return result
