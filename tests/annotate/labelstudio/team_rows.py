"""Validated rows built by hand for the campaign modules' offline tests (disagreements,
decisions, progress). One synthetic text, made up for these tests."""

from __future__ import annotations

from typing import Any

from newscorpus.annotate.validate import AnnotationRef

TEXT = (
    "The council met on Monday.\n\n"
    '"The ferry will pay for itself," said Mayor Ada Stone. '
    "Harbour traders told reporters that the fares were too high."
)
SHA = "0" * 64
ARTICLE = "ferry-1"


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


Q1 = at("The ferry will pay for itself")
Q2 = at("the fares were too high")
MAYOR = at("Mayor Ada Stone")
TRADERS = at("Harbour traders")
SAID = at("said")
TOLD = at("told reporters")


def ref(annotation_id: str, annotator: str, task_id: int | None = 1) -> AnnotationRef:
    return AnnotationRef(ARTICLE, SHA, task_id, annotation_id, annotator, False, "ferry")


def quote(
    annotation_id: str,
    span: tuple[int, int],
    speaker: tuple[int, int] | None,
    cue: tuple[int, int] | None,
    kind: str = "direct",
    annotator: str = "ann-x",
    task_id: int | None = 1,
) -> dict[str, Any]:
    def cut(s: tuple[int, int] | None) -> str | None:
        return TEXT[s[0] : s[1]] if s else None

    return {
        "article_id": ARTICLE,
        "content_sha256": SHA,
        "task_id": task_id,
        "annotation_id": annotation_id,
        "annotator": annotator,
        "ground_truth": False,
        "region_id": f"r{span[0]}",
        "start": span[0],
        "end": span[1],
        "text": cut(span),
        "kind": kind,
        "stance": None,
        "speaker_start": speaker[0] if speaker else None,
        "speaker_end": speaker[1] if speaker else None,
        "speaker_text": cut(speaker),
        "cue_start": cue[0] if cue else None,
        "cue_end": cue[1] if cue else None,
        "cue_text": cut(cue),
        "speaker_name": None,
    }


def stance(annotation_id: str, value: str | None, annotator: str = "ann-x") -> dict[str, Any]:
    return {
        "article_id": ARTICLE,
        "content_sha256": SHA,
        "task_id": 1,
        "annotation_id": annotation_id,
        "annotator": annotator,
        "ground_truth": False,
        "target_id": "ferry",
        "stance": value,
    }


def task_data() -> dict[str, Any]:
    """The data of the task the rows above come from (as push makes it)."""
    return {
        "text": TEXT,
        "title": "Ferry vote",
        "byline": "Example Gazette",
        "target_line": "Stance target: The town should run a new ferry",
        "article_id": ARTICLE,
        "content_sha256": SHA,
        "target_id": "ferry",
        "target": "The town should run a new ferry",
    }
