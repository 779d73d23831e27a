"""A synthetic Label Studio export to validate, score and resolve (texts made up for the tests).

`quote`, `annotation` and `task` build export items the way Label Studio writes them (through
`quote_regions.quotes_to_result`, the same code push uses for predictions); offsets are code points.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from labelstudio_fixture import span_of

from newscorpus import labels
from newscorpus.annotate.labelstudio import config
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.annotate.validate import Flattened

REPO = Path(__file__).resolve().parents[2]
CONFIG = config.load_label_config(REPO / "annotations" / "label_config.xml")

TEXT = (
    '"We are ready," said Amara Lindqvist, the harbour director.\n\n'
    "The union warned that 🚢 cranes were unsafe.\n\n"
    "Officials declined to comment."
)
SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def quote(
    text_of_quote: str,
    speaker: str | None = None,
    cue: str | None = None,
    kind: str | None = "direct",
    stance: str | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    s, e = span_of(TEXT, text_of_quote)
    row: dict[str, Any] = {"start": s, "end": e, "kind": kind, "stance": stance}
    if speaker:
        row["speaker_start"], row["speaker_end"] = span_of(TEXT, speaker)
        row["speaker_name"] = name
    if cue:
        row["cue_start"], row["cue_end"] = span_of(TEXT, cue)
    return row


def annotation(
    ann_id: int,
    who: int,
    quotes: list[dict[str, Any]],
    article_stance: str | None = None,
    **flags: Any,
) -> dict[str, Any]:
    result = quotes_to_result(TEXT, quotes)
    if article_stance:
        result.append(
            {"from_name": labels.LS_ARTICLE_STANCE, "to_name": "text", "type": "choices",
             "value": {"choices": [article_stance]}}
        )  # fmt: skip
    return {
        "id": ann_id,
        "completed_by": who,
        "result": result,
        "was_cancelled": flags.get("was_cancelled", False),
        "ground_truth": flags.get("ground_truth", False),
        "created_at": "2024-05-07T10:00:00.000000Z",
        "updated_at": "2024-05-07T10:05:00.000000Z",
        "lead_time": 42.5,
    }


def task(task_id: int, annotations: list[dict[str, Any]], article_id: str = "a1", **data: Any):
    base = {"text": TEXT, "article_id": article_id, "content_sha256": SHA, "target_id": "t1"}
    base.update(data)
    return {"id": task_id, "data": base, "annotations": annotations}


def who(completed_by: Any) -> str:
    return f"user{completed_by}"


def reasons(flat: Flattened) -> list[tuple[str, str, str | None]]:
    return [(i["severity"], i["reason"], i["region_id"]) for i in flat.issues]


def two_annotator_export() -> list[dict[str, Any]]:
    """Article a1: user1 marks Q1 (speaker S, cue said, direct) and Q2 (speaker union, cue warned,
    indirect), article stance favor; user2 marks Q1 with a shorter span (same speaker and cue,
    direct) and Q3 without speaker, article stance against.
    Article a2 (same text, other id): both mark Q2 exactly, indirect, with different speakers
    ("The union" vs "Officials") and the same cue; both choose neutral."""
    q1 = quote("We are ready,", "Amara Lindqvist", "said", "direct")
    q1_short = quote("We are ready", "Amara Lindqvist", "said", "direct")
    q2 = quote("cranes were unsafe", "The union", "warned", "indirect")
    q2_other = quote("cranes were unsafe", "Officials", "warned", "indirect")
    q3 = quote("declined to comment", kind="indirect")
    a1 = [annotation(11, 1, [q1, q2], "favor"), annotation(12, 2, [q1_short, q3], "against")]
    a2 = [annotation(21, 1, [q2], "neutral"), annotation(22, 2, [q2_other], "neutral")]
    return [task(1, a1), task(2, a2, article_id="a2")]
