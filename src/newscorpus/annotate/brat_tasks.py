"""BRAT standoff -> tasks shaped like a Label Studio JSON export. Pure: no file, no server.

An article annotated in BRAT (one `.ann` per annotator, read by `brat.parse_ann`) becomes one
export task with one annotation per annotator, so that the same validation, tables, agreement and
gold apply to it as to labels made in Label Studio. labelstudio/import_brat.py reads the files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from newscorpus.annotate import brat
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.hashing import text_sha256

_QUOTE_MARKS = '"“”«»„'
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[^_]+)\.ann$")


def brat_kind(content: str) -> str:
    """direct when the content is wholly inside quotation marks, mixed when it holds some,
    indirect otherwise (BRAT attribution files carry no kind)."""
    stripped = content.strip().strip(".,;:!? ")
    inner = sum(stripped.count(m) for m in _QUOTE_MARKS)
    if inner == 0:
        return "indirect"
    if stripped[:1] in _QUOTE_MARKS and stripped[-1:] in _QUOTE_MARKS and inner == 2:
        return "direct"
    return "mixed"


def split_ann_name(filename: str) -> tuple[str, str] | None:
    """(article name, annotator) of a PolNeAR-style `NAME_ANNOTATOR.ann` file name."""
    m = _ANN_NAME.match(filename)
    return (m.group("name"), m.group("annotator")) if m else None


def _article_id(name: str) -> str:
    """The article id of a BRAT article: `brat-` + 16 hex digits of its name's SHA-256."""
    return f"brat-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:16]}"


def brat_task(
    name: str,
    text: str,
    ann_files: Mapping[str, str],
    meta: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """One article annotated in BRAT (one `.ann` per annotator) as a task of a Label Studio JSON
    export, so that the same validation, tables and agreement apply.

    Each attribution becomes one Quote region over its content (from its first to its last
    fragment, as the quote benchmark scores it), linked to a Speaker region over its source and a
    Cue region over its cue; `completed_by` is `brat:<annotator>`. Returns the task and the
    problems `brat.check_against` found, each prefixed with the file it is in.

    Raises:
        brat.BratError: a file the reader cannot parse.
    """
    meta = dict(meta or {})
    article_id = _article_id(name)
    problems: list[str] = []
    annotations = []
    for n, (annotator, ann_text) in enumerate(sorted(ann_files.items()), start=1):
        doc = brat.parse_ann(ann_text)
        problems.extend(f"{name}_{annotator}.ann: {p}" for p in brat.check_against(doc, text))
        annotations.append(_annotation(f"{article_id}-{n}", annotator, doc, text))
    task = {
        "id": None,
        "data": {
            "text": text,
            "title": meta.get("title") or name,
            "article_id": article_id,
            "content_sha256": text_sha256(text),
            "target_id": None,
            "source": meta.get("publisher"),
            "published": meta.get("publication_date"),
            "brat_name": name,
        },
        "annotations": annotations,
    }
    return task, problems


def _annotation(
    annotation_id: str, annotator: str, doc: brat.AnnDocument, text: str
) -> dict[str, Any]:
    """One annotator's file as an exported annotation."""
    quotes = sorted(_quote_rows(doc, text), key=lambda q: (q["start"], q["end"]))
    return {
        "id": annotation_id,
        "completed_by": f"brat:{annotator}",
        "result": lst.quotes_to_result(text, quotes) if quotes else [],
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": None,
        "updated_at": None,
        "lead_time": None,
    }


def _quote_rows(doc: brat.AnnDocument, text: str) -> list[dict[str, Any]]:
    """One quote row per attribution: content, source as speaker, cue, first to last fragment."""
    quotes = []
    for att in doc.attributions:
        row: dict[str, Any] = {
            "start": att.start,
            "end": att.end,
            "kind": brat_kind(text[att.start : att.end]),
        }
        if att.source:
            row.update(speaker_start=att.source[0][0], speaker_end=att.source[-1][1])
        if att.cue:
            row.update(cue_start=att.cue[0][0], cue_end=att.cue[-1][1])
        quotes.append(row)
    return quotes
