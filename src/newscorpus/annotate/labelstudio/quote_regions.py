"""Quote rows -> Label Studio result items: Quote, Speaker and Cue regions, the choices on each
quote and the relations from a quote to its speaker and cue. Pure: no I/O, no client.

The rows are QUOTE_PREDICTIONS (a task's prediction, tasks.py) or ANNOTATED_QUOTES (a review
task's versions, a BRAT import's annotations). Offsets are Python code points into the article's
`text`, which is what Label Studio's Text tag stores too; nothing here ever shifts an offset to
make a region fit: a span outside the text is refused.

Names used in the label config (annotations/label_config.xml) and here must agree: the Text
object `text`, the Labels control `span`, per-region Choices `kind`, `quote_stance` and
`quote_target`, and the per-region TextArea `speaker_name`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newscorpus.labels import (
    CUE,
    LS_KIND,
    LS_QUOTE_STANCE,
    LS_QUOTE_TARGET,
    LS_SPAN,
    LS_SPEAKER_NAME,
    LS_TEXT,
    QUOTE,
    SPEAKER,
)

# The quote field (ANNOTATED_QUOTES, GOLD_QUOTES) naming the target of the quote's stance.
TARGET_KEY = "stance_target_id"


def _span_result(region_id: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": LS_SPAN,
        "to_name": LS_TEXT,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def _per_region(
    region_id: str, control: str, type_: str, start: int, end: int, payload: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": control,
        "to_name": LS_TEXT,
        "type": type_,
        "value": {"start": start, "end": end, **payload},
    }


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {
        "from_id": from_id,
        "to_id": to_id,
        "type": "relation",
        "direction": "right",
        "labels": [label],
    }


def quotes_to_result(text: str, quotes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Label Studio result items for quote rows (QUOTE_PREDICTIONS or ANNOTATED_QUOTES fields).

    One Quote region per row with its kind (and stance and its target when the row has them);
    a Speaker and a Cue
    region shared by every quote that points at the same span, with the canonical name on the
    speaker; relations quote->speaker and quote->cue.

    Raises:
        ValueError: a span lies outside `text` (predictions made on another version of the text).
    """
    builder = _ResultBuilder(text)
    for i, q in enumerate(quotes):
        builder.add_quote(i, q)
    return builder.result


@dataclass
class _ResultBuilder:
    """Result items so far; speaker and cue regions are shared by the quotes on the same span."""

    text: str
    result: list[dict[str, Any]] = field(default_factory=list)
    speakers: dict[tuple[int, int], str] = field(default_factory=dict)
    cues: dict[tuple[int, int], str] = field(default_factory=dict)
    names_given: set[str] = field(default_factory=set)

    def check(self, start: int, end: int, what: str, index: int) -> None:
        if not (0 <= start <= end <= len(self.text)):
            raise ValueError(
                f"quote {index}: {what} span {start}:{end} is outside a text of {len(self.text)}"
            )

    def add_quote(self, i: int, q: Mapping[str, Any]) -> None:
        start, end = int(q["start"]), int(q["end"])
        self.check(start, end, "content", i)
        qid = f"q{i}"
        self.result.append(_span_result(qid, start, end, self.text, QUOTE))
        per_region = ((LS_KIND, "kind"), (LS_QUOTE_STANCE, "stance"), (LS_QUOTE_TARGET, TARGET_KEY))
        for control, key in per_region:
            if q.get(key):
                self.result.append(
                    _per_region(qid, control, "choices", start, end, {"choices": [q[key]]})
                )
        if q.get("speaker_start") is not None and q.get("speaker_end") is not None:
            span = (int(q["speaker_start"]), int(q["speaker_end"]))
            self.check(*span, "speaker", i)
            sid = self.shared_region(self.speakers, "s", span, SPEAKER)
            if q.get("speaker_name") and sid not in self.names_given:
                self.names_given.add(sid)
                name = {"text": [q["speaker_name"]]}
                self.result.append(_per_region(sid, LS_SPEAKER_NAME, "textarea", *span, name))
            self.result.append(_relation(qid, sid, "speaker"))
        if q.get("cue_start") is not None and q.get("cue_end") is not None:
            span = (int(q["cue_start"]), int(q["cue_end"]))
            self.check(*span, "cue", i)
            cid = self.shared_region(self.cues, "c", span, CUE)
            self.result.append(_relation(qid, cid, "cue"))

    def shared_region(
        self, known: dict[tuple[int, int], str], prefix: str, span: tuple[int, int], label: str
    ) -> str:
        """The id of the region on `span`, made (and its result item added) on first use."""
        rid = known.get(span)
        if rid is None:
            rid = known[span] = f"{prefix}{len(known)}"
            self.result.append(_span_result(rid, *span, self.text, label))
        return rid
