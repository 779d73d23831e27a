"""`ls import-brat`: a BRAT attribution corpus (PolNeAR layout) -> an export file, its annotator
map, validated tables and, on request, a Label Studio project to review it in.

Articles and attributions are read by the importer (`newscorpus import brat`,
annotate/imports/brat_import.py), so every task carries the article's corpus id and the same
text and offsets the import writes: run the import first and the review project's tasks are the
corpus's articles. The texts stay where they are; what this writes under `out` holds them again
(the export), so `out` should be git-ignored when the corpus may not be redistributed. This
module turns the importer's rows into tasks and, with a connection, talks to the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate.imports.brat import BratArticle
from newscorpus.annotate.imports.brat_import import BratOptions, BratRead, ann_files, read_brat
from newscorpus.annotate.imports.presets import POLNEAR, brat_origin
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.client import client, server_errors
from newscorpus.annotate.labelstudio.config import (
    DEFAULT_CONFIG_PATH,
    LabelConfig,
    load_label_config,
)
from newscorpus.annotate.labelstudio.exports import stamp, write_annotator_map, write_json_array
from newscorpus.annotate.labelstudio.gcpause import gc_paused
from newscorpus.annotate.labelstudio.project import ensure_project
from newscorpus.annotate.labelstudio.pull import tables_from_export
from newscorpus.annotate.labelstudio.push import DEFAULT_BATCH
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.annotate.origins import write_origin
from newscorpus.annotate.pseudonyms import annotator_salt
from newscorpus.labels import MACHINE


@dataclass
class BratSummary:
    articles: int
    annotation_files: int
    doubly_annotated: int
    problems: list[str]
    export_file: Path
    quotes: int = 0
    errors: int = 0
    warnings: int = 0
    pushed_project_id: int | None = None
    pushed_tasks: int = 0


@gc_paused
def import_brat(
    directory: Path,
    *,
    out: Path = layout.BRAT,
    limit: int | None = None,
    multi_only: bool = False,
    conn: Connection | None = None,
    title: str = "newscorpus BRAT import",
    config_path: Path = DEFAULT_CONFIG_PATH,
    name: str = POLNEAR,
    metadata: Path | None = None,
    annotations: Path = layout.ANNOTATIONS,
) -> BratSummary:
    """Convert a BRAT attribution corpus (`text/NAME.txt`, `attributions/NAME_ANNOTATOR.ann`,
    optional `metadata.tsv`) into an export file under `out/exports/`, its annotator map, the
    validated tables `out/{quotes,stance,validation}.parquet`, and (when `conn` is given) a
    project on the server holding each article with one annotation per annotator, for review.
    Annotators are named with the salt of `annotations` (the annotations folder, as `newscorpus
    import brat` names them), not of `out`, so both commands give a person one pseudonym.

    Run `agreement_from_export` on the export for agreement and gold. The texts stay where they
    are; `out` should be git-ignored when the corpus may not be redistributed.
    """
    directory = Path(directory)
    if not (directory / "text").is_dir() or not (directory / "attributions").is_dir():
        raise LabelStudioError(f"{directory}: expected text/ and attributions/ (BRAT standoff)")
    by_name = ann_files(directory / "attributions")
    names = sorted(n for n in by_name if not multi_only or len(by_name[n]) >= 2)[:limit]
    options = BratOptions(directory, name=name, metadata=metadata, annotations=Path(annotations))
    read = read_brat(options, names)
    tasks = [_task(article) for article in read.articles]
    annotators = {ref.annotator: ref.annotator for a in read.articles for ref in a.annotations}
    export_file = Path(out) / "exports" / f"brat-{stamp()}.json"
    write_json_array(tasks, export_file)
    write_annotator_map(export_file, annotators)
    summary = BratSummary(
        articles=len(tasks),
        annotation_files=read.annotation_files,
        doubly_annotated=read.multi_annotated,
        problems=read.problems + [_issue_line(i) for a in read.articles for i in a.issues],
        export_file=export_file,
    )
    config = load_label_config(config_path)
    salt = annotator_salt(Path(annotations))
    flat = tables_from_export(
        export_file,
        Path(out),
        config=config,
        annotators=annotators,
        salt=salt,
        origin=options.origin,
        kind_source=MACHINE,
    )
    _describe_origin(Path(out), options, read)
    summary.quotes, summary.errors, summary.warnings = len(flat.quotes), flat.errors, flat.warnings
    if conn is not None:
        summary.pushed_project_id, summary.pushed_tasks = _push_brat(conn, title, tasks, config)
    return summary


def _describe_origin(out: Path, options: BratOptions, read: BratRead) -> None:
    """The rows' origin is the import's (`brat:<name>`), their kinds a rule's (machine), as
    `newscorpus import brat` records them; the origin is described under `out/origins/`."""
    folder = options.directory.resolve().name
    write_origin(
        out,
        brat_origin(
            options.name,
            annotators=len(read.annotators),
            folder=folder,
            citation=None,
            license=None,
        ),
    )


def _issue_line(issue: Mapping[str, Any]) -> str:
    """A span the importer could not anchor exactly, as one problem line."""
    return (
        f"{issue['file']}: {issue['attribution']} {issue['role']} [{issue['start']}, "
        f"{issue['end']}): {issue['reason']}"
    )


def _task(article: BratArticle) -> dict[str, Any]:
    """One article as a task of a Label Studio JSON export: its corpus id, text and metadata,
    and one annotation per annotator holding that annotator's rows as regions.

    `completed_by` is the annotator's pseudonym (the BRAT codes never reach the export).
    """
    row = article.row
    by_annotation: dict[str, list[Mapping[str, Any]]] = {}
    for quote in article.quotes:
        by_annotation.setdefault(quote["annotation_id"], []).append(quote)
    annotations = [
        {
            "id": ref.annotation_id,
            "completed_by": ref.annotator,
            "result": quotes_to_result(row["text"], by_annotation.get(ref.annotation_id, [])),
            "was_cancelled": False,
            "ground_truth": False,
            "created_at": None,
            "updated_at": None,
            "lead_time": None,
        }
        for ref in article.annotations
    ]
    published = row.get("published")
    data = {
        "text": row["text"],
        "title": row.get("title") or article.name,
        "article_id": row["id"],
        "content_sha256": row["content_sha256"],
        "target_id": None,
        "source": row.get("source"),
        "published": published.date().isoformat() if published else None,
        "brat_name": article.name,
    }
    return {"id": None, "data": data, "annotations": annotations}


def _push_brat(
    conn: Connection, title: str, brat_tasks: Iterable[Mapping[str, Any]], config: LabelConfig
) -> tuple[int, int]:
    """Load BRAT tasks with their annotations into a project of their own, for review.

    Annotations are attributed to the importing user (their annotator codes stay in the task data
    under `brat_annotators`): creating accounts for people who never used the server is not ours
    to do.
    """
    ls = client(conn)
    state = ensure_project(ls, conn, title, config, "<p>Imported BRAT attributions.</p>")
    items = [_review_item(t) for t in brat_tasks]
    created = 0
    for start in range(0, len(items), DEFAULT_BATCH):
        with server_errors(conn, "importing BRAT tasks"):
            response = ls.projects.import_tasks(
                state.id, request=items[start : start + DEFAULT_BATCH]
            )
        created += int(getattr(response, "task_count", 0) or 0)
    return state.id, created


def _review_item(task: Mapping[str, Any]) -> dict[str, Any]:
    """An import item holding the task's annotations, attributed to the importing user."""
    data = dict(task["data"])
    data["byline"] = data.get("source") or ""
    data["target_line"] = lst.NO_TARGET_LINE
    data.update(targets=[], target_choices=[])  # no stance target: no stance question
    data["brat_annotators"] = [a["completed_by"] for a in task["annotations"]]
    return {
        "data": data,
        "annotations": [
            {"result": a["result"], "ground_truth": False} for a in task["annotations"]
        ],
    }
