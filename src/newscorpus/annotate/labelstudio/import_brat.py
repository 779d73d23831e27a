"""`ls import-brat`: a BRAT attribution corpus (PolNeAR layout) -> an export file, its annotator
map, validated tables and, on request, a Label Studio project to review it in.

The texts stay where they are; what this writes under `out` holds them again (the export), so
`out` should be git-ignored when the corpus may not be redistributed. Task building is pure
(brat_tasks.py); this module reads the files and, with a connection, talks to the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate import brat
from newscorpus.annotate.brat_tasks import brat_task, split_ann_name
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
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.annotate.pseudonyms import annotator_salt, pseudonym


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
) -> BratSummary:
    """Convert a BRAT attribution corpus (`text/NAME.txt`, `attributions/NAME_ANNOTATOR.ann`,
    optional `metadata.tsv`) into an export file under `out/exports/`, its annotator map, the
    validated tables `out/{quotes,stance,validation}.parquet`, and (when `conn` is given) a
    project on the server holding each article with one annotation per annotator, for review.

    Run `agreement_from_export` on the export for agreement and gold. The texts stay where they
    are; `out` should be git-ignored when the corpus may not be redistributed.
    """
    directory = Path(directory)
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise LabelStudioError(f"{directory}: expected text/ and attributions/ (BRAT standoff)")
    by_name = _ann_files(ann_dir)
    names = sorted(n for n in by_name if not multi_only or len(by_name[n]) >= 2)[:limit]
    salt = annotator_salt(out)
    export_file = Path(out) / "exports" / f"brat-{stamp()}.json"
    built = _Built()
    meta = _brat_meta(directory)
    for name in names:
        built.add(name, text_dir / f"{name}.txt", by_name[name], meta.get(name), salt)
    write_json_array(built.tasks, export_file)
    write_annotator_map(export_file, built.annotators)
    summary = BratSummary(
        articles=len(built.tasks),
        annotation_files=sum(len(t["annotations"]) for t in built.tasks),
        doubly_annotated=sum(1 for t in built.tasks if len(t["annotations"]) >= 2),
        problems=built.problems,
        export_file=export_file,
    )
    config = load_label_config(config_path)
    flat = tables_from_export(
        export_file, Path(out), config=config, annotators=built.annotators, salt=salt
    )
    summary.quotes, summary.errors, summary.warnings = len(flat.quotes), flat.errors, flat.warnings
    if conn is not None:
        summary.pushed_project_id, summary.pushed_tasks = _push_brat(
            conn, title, built.tasks, config
        )
    return summary


def _ann_files(ann_dir: Path) -> dict[str, dict[str, str]]:
    """Article name -> {annotator: .ann text}."""
    by_name: dict[str, dict[str, str]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        parts = split_ann_name(path.name)
        if parts is None:
            raise LabelStudioError(f"{path}: expected a NAME_ANNOTATOR.ann file name")
        by_name.setdefault(parts[0], {})[parts[1]] = path.read_text(encoding="utf-8")
    return by_name


def _brat_meta(directory: Path) -> dict[str, dict[str, str]]:
    meta_file = directory / "metadata.tsv"
    if not meta_file.exists():
        return {}
    lines = meta_file.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = (dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line)
    return {r["filename"]: r for r in rows if r.get("filename")}


@dataclass
class _Built:
    """The export's tasks so far, the problems found, and the annotators' pseudonyms."""

    tasks: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    annotators: dict[str, str] = field(default_factory=dict)

    def add(
        self,
        name: str,
        text_path: Path,
        ann_files: Mapping[str, str],
        meta: Mapping[str, Any] | None,
        salt: str,
    ) -> None:
        """One article's task; a missing text or an unreadable file is a problem, not an error."""
        if not text_path.exists():
            self.problems.append(f"{text_path}: missing text for {len(ann_files)} .ann file(s)")
            return
        text = text_path.read_text(encoding="utf-8")
        try:
            task, found = brat_task(name, text, ann_files, meta)
        except brat.BratError as err:
            self.problems.append(f"{name}: {err}")
            return
        self.problems.extend(found)
        for a in ann_files:
            self.annotators[f"brat:{a}"] = pseudonym(f"brat:{a}", salt)
        self.tasks.append(task)


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
    data["brat_annotators"] = [a["completed_by"] for a in task["annotations"]]
    return {
        "data": data,
        "annotations": [
            {"result": a["result"], "ground_truth": False} for a in task["annotations"]
        ],
    }
