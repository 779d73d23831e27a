"""Where annotators of the same task disagree, and the review tasks that show a reviewer each
annotator's version. Pure: validated rows in (validate.py), task dicts out; no file, no server.

A disagreement is one of ITEMS:
  - stance: the annotators of a task chose different article stances;
  - span: a quote one annotator marked matches no other annotator's quote (overlap/union >= 0.5,
    one to one, as agreement.py matches them);
  - speaker: quotes that match have speakers that do not (overlap/union < 0.5, or one is none);
  - cue, kind, quote_stance: quotes that match, with the same speaker, have cues that do not
    match, or different kinds, or different stances (or targets of their stance).
Quote disagreements whose stretches of text overlap are one disagreement (the first of ITEMS
among them: span when any of them is), so that a reviewer decides a stretch of text once. Each
version is what one annotation says there: its quotes overlapping the stretch (none: "marked
nothing here") or its stance.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from newscorpus.annotate.gold import QUOTE_ATTRIBUTES, same_answer
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.config import LabelConfig
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.annotate.validate import AnnotationRef, Row
from newscorpus.annotate.votes import count_votes
from newscorpus.labels import TIE_CUE, TIE_KIND, TIE_QUOTE_STANCE, TIE_SPEAKER
from newscorpus.spans import match_spans

ITEMS = (STANCE, SPAN, SPEAKER, CUE, KIND, QUOTE_STANCE) = (
    "stance", "span", "speaker", "cue", "kind", "quote_stance",
)  # fmt: skip
# The quote fields a version keeps (enough to show it and to rebuild its regions).
VERSION_QUOTE_FIELDS = (
    "start", "end", "text", "kind", "stance", "stance_target_id", "speaker_start", "speaker_end",
    "speaker_text", "cue_start", "cue_end", "cue_text", "speaker_name",
)  # fmt: skip
# Keys a review task adds to the data of the task it comes from.
REVIEW_KEY = "review_key"
REVIEW_FIELDS = (
    REVIEW_KEY, "review_item", "review_start", "review_end", "review_question",
    "review_versions", "review_from", "source_task_id",
)  # fmt: skip
QUESTIONS = {
    STANCE: "The annotators chose different stances of the article toward the target. "
    "Choose the article's stance.",
    SPAN: "Not every annotator marked a quote in «{excerpt}» (characters {start}-{end}). Mark "
    "the quote(s) there as they should be, with speaker and cue, or mark nothing if there is none.",
    SPEAKER: "The annotators marked the quote in «{excerpt}» (characters {start}-{end}) with "
    "different speakers. Mark the quote there with its right speaker and cue.",
    CUE: "The annotators marked the quote in «{excerpt}» (characters {start}-{end}) with "
    "different cues. Mark the quote there with its speaker and its right cue.",
    KIND: "The annotators marked the quote in «{excerpt}» (characters {start}-{end}) as "
    "different kinds (direct, indirect, mixed). Mark the quote there with its right kind.",
    QUOTE_STANCE: "The annotators gave the quote in «{excerpt}» (characters {start}-{end}) "
    "different stances. Mark the quote there with the speaker's right stance.",
}
NOTHING_MARKED = "marked no quote here"
# An empty prediction every review task has: the review project's model version, so that the
# reviewer's annotation starts blank instead of prefilled with one annotator's version.
BLANK_VERSION = "blank"
NO_STANCE = "chose no stance"


@dataclass(frozen=True)
class Version:
    """What one annotation says about a disputed item."""

    annotation_id: str
    annotator: str
    quotes: tuple[Row, ...]  # VERSION_QUOTE_FIELDS of its quotes in the stretch, by position
    stance: str | None


@dataclass(frozen=True)
class Disagreement:
    item: str  # one of ITEMS
    article_id: str
    content_sha256: str
    task_id: int | None
    target_id: str | None
    start: int | None  # the disputed stretch of text (quote items)
    end: int | None
    versions: tuple[Version, ...]  # by annotation id

    @property
    def annotation_ids(self) -> tuple[str, ...]:
        return tuple(v.annotation_id for v in self.versions)

    @property
    def key(self) -> str:
        """Stable name: the same disagreement between the same annotations gets the same key."""
        where = (self.target_id or "") if self.item == STANCE else f"{self.start}-{self.end}"
        ids = "+".join(self.annotation_ids)
        return f"{self.item}:{self.article_id}:{self.content_sha256[:16]}:{where}:{ids}"


def find_disagreements(
    quotes: Sequence[Row],
    stance: Sequence[Row],
    annotations: Sequence[AnnotationRef],
    current_texts: Mapping[str, str] | None = None,
) -> list[Disagreement]:
    """Every disagreement among the annotations of each task that vote (votes.py: one per
    annotator, their latest), by article, task, item (stance first) and position. A task on a
    text that is not its article's in `current_texts` has none: gold leaves it out."""
    by_task: dict[Any, list[AnnotationRef]] = defaultdict(list)
    for ref in annotations:
        key = ref.task_id if ref.task_id is not None else (ref.article_id, ref.content_sha256)
        by_task[key].append(ref)
    for key, refs in by_task.items():
        article, text = refs[0].article_id, refs[0].content_sha256
        current = (current_texts or {}).get(article, text)
        by_task[key] = count_votes(refs, {article: current}).counted
    rows_by_ann: dict[str, list[Row]] = defaultdict(list)
    for row in quotes:
        rows_by_ann[row["annotation_id"]].append(row)
    for rows in rows_by_ann.values():
        rows.sort(key=lambda r: (r["start"], r["end"]))
    stance_by_ann: dict[str, dict[str, str | None]] = defaultdict(dict)
    for row in stance:
        stance_by_ann[row["annotation_id"]][row["target_id"]] = row["stance"]
    found: list[Disagreement] = []
    for refs in by_task.values():
        if len(refs) < 2:
            continue
        found += _stance_disagreements(refs, stance_by_ann)
        found += _quote_disagreements(refs, rows_by_ann)
    return sorted(
        found, key=lambda d: (d.article_id, str(d.task_id), ITEMS.index(d.item) > 0, d.start or 0)
    )


def _stance_disagreements(
    refs: Sequence[AnnotationRef], stance_by_ann: Mapping[str, Mapping[str, str | None]]
) -> list[Disagreement]:
    """One disagreement per target of the task toward which the annotators chose differently."""
    targets = sorted({t for r in refs for t in stance_by_ann.get(r.annotation_id, {})})
    found = []
    for target in targets:
        chosen = {stance_by_ann.get(r.annotation_id, {}).get(target) for r in refs} - {None}
        if len(chosen) < 2:
            continue
        versions = tuple(
            Version(
                r.annotation_id, r.annotator, (), stance_by_ann.get(r.annotation_id, {}).get(target)
            )
            for r in refs
        )
        head = refs[0]
        found.append(
            Disagreement(
                STANCE, head.article_id, head.content_sha256, head.task_id, target,
                None, None, versions,
            )
        )  # fmt: skip
    return found


def _quote_disagreements(
    refs: Sequence[AnnotationRef], rows_by_ann: Mapping[str, list[Row]]
) -> list[Disagreement]:
    """Disputed stretches of one task's text, merged where they overlap."""
    unmatched = {
        r.annotation_id: set(range(len(rows_by_ann.get(r.annotation_id, [])))) for r in refs
    }
    stretches: list[tuple[int, int, str]] = []
    for a, b in combinations(refs, 2):
        rows_a, rows_b = rows_by_ann.get(a.annotation_id, []), rows_by_ann.get(b.annotation_id, [])
        spans_a = [(r["start"], r["end"]) for r in rows_a]
        spans_b = [(r["start"], r["end"]) for r in rows_b]
        for i, j in match_spans(spans_a, spans_b):
            unmatched[a.annotation_id].discard(i)
            unmatched[b.annotation_id].discard(j)
            item = _matched_difference(rows_a[i], rows_b[j])
            if item is not None:
                stretches.append((min(spans_a[i][0], spans_b[j][0]),
                                  max(spans_a[i][1], spans_b[j][1]), item))  # fmt: skip
    for ann, left in unmatched.items():
        stretches += [
            (rows_by_ann[ann][i]["start"], rows_by_ann[ann][i]["end"], SPAN) for i in left
        ]
    head = refs[0]
    found = []
    for start, end, item in _merged(stretches):
        versions = _versions_in(refs, rows_by_ann, start, end)
        # The stretch covers every quote shown, so the decision replaces all of them.
        start = min([start, *(q["start"] for v in versions for q in v.quotes)])
        end = max([end, *(q["end"] for v in versions for q in v.quotes)])
        found.append(
            Disagreement(item, head.article_id, head.content_sha256, head.task_id,
                         head.target_id, start, end, versions)
        )  # fmt: skip
    return found


def _versions_in(
    refs: Sequence[AnnotationRef], rows_by_ann: Mapping[str, list[Row]], start: int, end: int
) -> tuple[Version, ...]:
    """Each annotation's quotes overlapping [start, end) (none: it marked nothing there)."""
    return tuple(
        Version(
            r.annotation_id,
            r.annotator,
            tuple(
                _version_quote(q)
                for q in rows_by_ann.get(r.annotation_id, [])
                if q["start"] < end and start < q["end"]
            ),
            None,
        )
        for r in refs
    )


def _merged(stretches: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping stretches joined; the joined one is the first of ITEMS among its parts."""
    merged: list[tuple[int, int, str]] = []
    for start, end, item in sorted(stretches):
        if merged and start < merged[-1][1]:
            s, e, i = merged[-1]
            merged[-1] = (s, max(e, end), min(i, item, key=ITEMS.index))
        else:
            merged.append((start, end, item))
    return merged


# The attributes of two matched quotes a review asks about, in the order of ITEMS, each with the
# fields gold votes on for it (the same answer here is the same answer there).
_MATCHED_ATTRIBUTES = (
    (SPEAKER, QUOTE_ATTRIBUTES[TIE_SPEAKER]),
    (CUE, QUOTE_ATTRIBUTES[TIE_CUE]),
    (KIND, QUOTE_ATTRIBUTES[TIE_KIND]),
    (QUOTE_STANCE, QUOTE_ATTRIBUTES[TIE_QUOTE_STANCE]),
)


def _matched_difference(a: Row, b: Row) -> str | None:
    """What two matched quotes disagree on first (in the order of ITEMS), None if nothing."""
    return next(
        (item for item, fields in _MATCHED_ATTRIBUTES if not same_answer(a, b, fields)), None
    )


def _version_quote(row: Row) -> Row:
    return {k: row.get(k) for k in VERSION_QUOTE_FIELDS}


# --- what the reviewer sees ---------------------------------------------------------------------


def review_task(d: Disagreement, data: Mapping[str, Any]) -> dict[str, Any]:
    """One import item of the review project: the source task's data with the question and the
    versions, and each version as a prediction whose model version is its annotator (after an
    empty one, BLANK_VERSION, for the reviewer to start from).

    Args:
        d: the disagreement.
        data: the data of the task it was found in (text, title, target, keys).
    """
    text = data["text"]
    review = {
        REVIEW_KEY: d.key,
        "review_item": d.item,
        "review_start": d.start,
        "review_end": d.end,
        "review_question": _question(d, text),
        "review_versions": "\n".join(_version_line(v, d.item) for v in d.versions),
        "review_from": [
            {
                "annotation_id": v.annotation_id,
                "annotator": v.annotator,
                "stance": v.stance,
                "quotes": list(v.quotes),
            }
            for v in d.versions
        ],
        "source_task_id": d.task_id,
    }
    return {
        "data": dict(data) | review | _asked(d, data),
        "predictions": [
            {"model_version": BLANK_VERSION, "result": []},
            *(
                {"model_version": v.annotator, "result": _version_result(text, v, d.item)}
                for v in d.versions
            ),
        ],
    }


def _asked(d: Disagreement, data: Mapping[str, Any]) -> dict[str, Any]:
    """A stance review asks about the disputed target only (as article_stance_0)."""
    if d.item != STANCE:
        return {}
    listed = [t for t in data.get("targets") or [] if t.get("id") == d.target_id]
    target = listed[0].get("target") if listed else data.get("target")
    return lst.target_fields([{"target_id": d.target_id, "target": target}])


def _question(d: Disagreement, text: str) -> str:
    if d.item == STANCE:
        return QUESTIONS[STANCE]
    assert d.start is not None and d.end is not None
    excerpt = re.sub(r"\s+", " ", text[d.start : d.end])
    if len(excerpt) > 90:
        excerpt = excerpt[:60] + " … " + excerpt[-25:]
    return QUESTIONS[d.item].format(excerpt=excerpt, start=d.start, end=d.end)


def _version_line(v: Version, item: str) -> str:
    if item == STANCE:
        return f"{v.annotator}: " + (f"stance {v.stance}" if v.stance else NO_STANCE)
    if not v.quotes:
        return f"{v.annotator}: {NOTHING_MARKED}"
    parts = []
    for q in v.quotes:
        speaker = f"«{q['speaker_text']}»" if q["speaker_text"] else "none"
        if q["speaker_name"]:
            speaker += f" ({q['speaker_name']})"
        cue = f"«{q['cue_text']}»" if q["cue_text"] else "none"
        parts.append(
            f"Quote «{q['text']}» [{q['kind'] or 'no kind'}], speaker {speaker}, cue {cue}"
        )
    return f"{v.annotator}: " + "; ".join(parts)


def _version_result(text: str, v: Version, item: str) -> list[dict[str, Any]]:
    if item != STANCE:
        return quotes_to_result(text, v.quotes)
    if v.stance is None:
        return []
    return [lst.stance_result({"stance": v.stance}, 0)]


def review_config(config: LabelConfig) -> str:
    """The review project's label config: ours, with the question and the versions shown above
    the labels (the controls, and so the parser and validation, stay the same)."""
    root = ET.fromstring(config.xml)
    panel = ET.Element(
        "View",
        style="padding: 6px 10px; margin: 4px 0 10px 0; background: #fff4e5; "
        "border-left: 4px solid #e8710a;",
    )
    ET.SubElement(panel, "Header", value="$review_question", size="5")
    ET.SubElement(panel, "Text", name="review_versions", value="$review_versions")
    first_control = next(
        i for i, child in enumerate(root) if child.tag in ("Labels", "Choices", "Relations")
    )
    root.insert(first_control, panel)
    ET.indent(root, space="  ")
    version = config.version or "unversioned"
    comment = (
        f"<!-- newscorpus-label-config {version} with the review panel of `newscorpus ls "
        "adjudicate`: the question and each annotator's version above the labels. -->\n"
    )
    return comment + ET.tostring(root, encoding="unicode")
