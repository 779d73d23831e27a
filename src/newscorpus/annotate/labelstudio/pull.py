"""Pull annotations back: export the project, keep the raw export, write validated tables.

`pull` uses the export API (one request, streamed to disk) and keeps every raw export,
timestamped, under `annotations/exports/`, next to a map from `completed_by` to pseudonyms
(never the e-mails themselves). `convert_export` does the same from a kept export without any
server. Tables: quotes, stance, every counted annotation (passes.py: those that marked nothing
included) and the validation report (validate.py); every row records its
`origin` (default `labelstudio:<project title>`), described once under `annotations/origins/`
(annotate/origins.py), and replaces that origin's rows only: an import's rows stay. It never
prints.

When the project has a review project (`ls adjudicate`), `pull` keeps its export too, writes the
reviewer's decisions (adjudicate.py) and refreshes gold with them, as `ls agreement` does.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from newscorpus import layout, schema
from newscorpus.annotate.gold_sources import annotation_paths
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.adjudicate import ReviewSummary, pull_review
from newscorpus.annotate.labelstudio.agreement_report import AgreementSummary, agreement_from_export
from newscorpus.annotate.labelstudio.client import client, server_errors
from newscorpus.annotate.labelstudio.config import (
    DEFAULT_CONFIG_PATH,
    LabelConfig,
    load_label_config,
)
from newscorpus.annotate.labelstudio.exports import (
    annotator_map_path,
    check_export,
    download_export,
    iter_json_array,
    read_annotator_map,
    record_pull,
    stamp,
    write_annotator_map,
)
from newscorpus.annotate.labelstudio.gcpause import gc_paused
from newscorpus.annotate.labelstudio.project import DEFAULT_PROJECT, require_project
from newscorpus.annotate.labelstudio.project_lock import project_writer
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.annotate.labelstudio.team import annotator_pseudonyms
from newscorpus.annotate.origin_rows import origins_recorded, replace_rows
from newscorpus.annotate.origins import (
    default_description,
    labelstudio_origin,
    origin_path,
    write_origin,
)
from newscorpus.annotate.passes import PASSES, pass_rows
from newscorpus.annotate.pseudonyms import annotator_salt, namer
from newscorpus.annotate.validate import Flattened, flatten
from newscorpus.labels import HUMAN
from newscorpus.tables import write_rows


@dataclass
class PullSummary:
    url: str | None
    project_id: int | None
    export_file: Path
    export_bytes: int
    tasks: int
    annotations: int
    cancelled: int
    quotes: int
    stance: int
    errors: int
    warnings: int
    out: Path
    export_seconds: float = 0.0
    seconds: float = 0.0
    issue_reasons: dict[str, int] = field(default_factory=dict)
    review: ReviewSummary | None = None  # the review project's decisions, when there is one
    gold: AgreementSummary | None = None  # gold refreshed with them


@gc_paused
def pull(
    conn: Connection,
    *,
    out: Path = layout.ANNOTATIONS,
    title: str = DEFAULT_PROJECT,
    config_path: Path = DEFAULT_CONFIG_PATH,
    origin: str | None = None,
    corpus: Path | None = layout.CORPUS,
) -> PullSummary:
    """Export every annotation of the project and turn it into validated tables.

    Writes `out/exports/export-<UTC time>-p<project>.json` (the raw export, kept), its
    `.annotators.json` (completed_by -> pseudonym), and `out/quotes.parquet`,
    `out/stance.parquet`, `out/passes.parquet`, `out/validation.parquet`.
    """
    t0 = time.perf_counter()
    config = load_label_config(config_path)
    salt = annotator_salt(out)
    # One push or pull a project at a time: an export beside a push sees it half imported.
    with project_writer(conn, title):
        ls = client(conn)
        project = require_project(ls, conn, title)
        export_file = Path(out) / "exports" / f"export-{stamp()}-p{project.id}.json"
        t_export = time.perf_counter()
        size = download_export(ls, conn, project.id, export_file, all_tasks=False)
        export_seconds = time.perf_counter() - t_export
        with server_errors(conn, "listing annotators"):
            users = ls.projects.list_unique_annotators(project.id)
        annotators = annotator_pseudonyms(users, salt, out)
        write_annotator_map(export_file, annotators)
        with _dropped_when_refused([export_file, annotator_map_path(export_file)]):
            flat = tables_from_export(
                export_file,
                Path(out),
                config=config,
                annotators=annotators,
                salt=salt,
                origin=origin or labelstudio_origin(title),
            )
        record_pull(export_file)  # the latest export is the one pulled last
        summary = _pull_summary(
            flat,
            export_file,
            size,
            out,
            started=t0,
            url=conn.url,
            project_id=project.id,
            export_seconds=export_seconds,
        )
        summary.review = pull_review(conn, out=Path(out), title=title, config_path=config_path)
        if summary.review is not None:
            summary.gold = agreement_from_export(
                export_file, out=Path(out), config_path=config_path, corpus=corpus
            )
        return summary


@gc_paused
def convert_export(
    export_file: Path,
    *,
    out: Path = layout.ANNOTATIONS,
    config_path: Path = DEFAULT_CONFIG_PATH,
    origin: str | None = None,
) -> PullSummary:
    """What `pull` does after the download, without a server: validate a kept export file and
    write `out/quotes.parquet`, `out/stance.parquet`, `out/passes.parquet`,
    `out/validation.parquet`. The rows' origin
    is `origin`, by default `labelstudio:<export file stem>` (an export does not name its
    project).

    Annotators are named by the export's `.annotators.json` (the pseudonyms made when it was
    pulled), so the tables of a shipped export are the same on every machine, salt or not. An
    export that is not already under `out/exports/` is copied there with its map, so that
    `agreement_from_export` (which reads the latest export of `out`) sees it.

    Raises:
        LabelStudioError: the file is missing or is not an export (a JSON array of task objects;
            refused before it is copied), or `out/exports/` holds a different file of the same
            name.
    """
    t0 = time.perf_counter()
    export_file = Path(export_file)
    if not export_file.is_file():
        raise LabelStudioError(f"{export_file}: no such export file (a Label Studio JSON export)")
    config = load_label_config(config_path)
    annotators = read_annotator_map(export_file)
    check_export(export_file)  # a file that is no export never reaches out/exports/
    kept = Path(out) / "exports" / export_file.name
    copies = [(export_file, kept)]
    if annotator_map_path(export_file).exists():
        copies.append((annotator_map_path(export_file), annotator_map_path(kept)))
    made = [dest for _, dest in copies if not dest.exists()]
    for src, dest in copies:
        _keep_copy(src, dest)
    with _dropped_when_refused(made):
        flat = tables_from_export(
            kept,
            Path(out),
            config=config,
            annotators=annotators,
            salt=annotator_salt(out),
            origin=origin or labelstudio_origin(export_file.stem),
            shown_as=export_file,
        )
    record_pull(kept)
    return _pull_summary(flat, kept, kept.stat().st_size, out, started=t0)


@contextmanager
def _dropped_when_refused(paths: list[Path]) -> Iterator[None]:
    """Remove the export files this pull wrote when its tables are refused: `ls agreement` reads
    the latest kept export, and one whose annotations were never pulled must not be it."""
    try:
        yield
    except LabelStudioError:
        for path in paths:
            path.unlink(missing_ok=True)
        raise


def _keep_copy(src: Path, dest: Path) -> None:
    """Copy `src` to `dest` (whole or not at all) unless it is there already; never overwrite
    a different file."""
    if dest.exists() and dest.samefile(src):
        return
    if dest.exists() and dest.read_bytes() != src.read_bytes():
        raise LabelStudioError(
            f"{dest} exists and differs from {src}: remove it, or convert {dest} itself"
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.write_bytes(src.read_bytes())
    os.replace(tmp, dest)


@gc_paused
def tables_from_export(
    export_file: Path,
    out: Path,
    *,
    config: LabelConfig,
    annotators: Mapping[str, str],
    salt: str,
    origin: str | None = None,
    kind_source: str = HUMAN,
    shown_as: Path | None = None,
) -> Flattened:
    """Validate and flatten an export file and write quotes/stance/passes/validation tables to
    `out`; rows record `origin`, described under `out/origins/` unless a description is there, and
    `kind_source` (who chose the kinds: an annotator, unless the export holds imported rows);
    messages name the file as `shown_as` (the file the user gave), else `export_file`.

    The quotes, stance and passes rows replace the rows of `origin` only (and rows that record no
    origin: a pull's, from before origins were recorded); another origin's rows, an imported
    corpus's or another campaign's, are kept (annotate/origin_rows.py).

    Raises:
        LabelStudioError: some of the export's annotations are recorded under another origin
            (the same export pulled again under another name would be published twice).
    """
    flat = flatten(iter_json_array(export_file), config, namer(annotators, salt))
    if origin is not None:
        _refuse_pulled_as_another(shown_as or export_file, out, flat, origin)
        _record_origin(flat, origin, out, kind_source)
    mine = {origin} if origin is not None else set()
    for rows, table_schema, name in (
        (flat.quotes, schema.ANNOTATED_QUOTES, "quotes.parquet"),
        (flat.stance, schema.ANNOTATED_STANCE, "stance.parquet"),
        (pass_rows(flat.annotations, origin), schema.ANNOTATION_PASSES, PASSES.name),
    ):
        replace_rows(out / name, table_schema, rows, origins=mine, unrecorded=True)
    write_rows(flat.issues, schema.ANNOTATION_ISSUES, out / "validation.parquet")
    return flat


def _refuse_pulled_as_another(export_file: Path, out: Path, flat: Flattened, origin: str) -> None:
    """An annotation is recorded under one origin: pulled again under another (a re-downloaded
    export's default name), the release would hold it twice, once per origin."""
    keys = {(ref.article_id, ref.annotation_id) for ref in flat.annotations}
    found = origins_recorded(annotation_paths(out), keys)
    elsewhere = Counter(o for origins in found.values() for o in origins if o != origin)
    if not elsewhere:
        return
    other, count = elsewhere.most_common(1)[0]
    article_id, annotation_id = min(k for k, origins in found.items() if other in origins)
    more = (
        f" (and under {', '.join(sorted(elsewhere.keys() - {other}))})"
        if len(elsewhere) > 1
        else ""
    )
    raise LabelStudioError(
        f"{export_file}: {count} of its {len(keys)} annotation(s) (e.g. article {article_id}, "
        f"annotation {annotation_id}) are already recorded in {out} under origin {other!r}{more}; "
        f"pulled as {origin!r} they would be published twice: pull it with --origin {other!r} to "
        "replace that origin's rows with this export"
    )


def _record_origin(flat: Flattened, origin: str, out: Path, kind_source: str) -> None:
    """Stamp the origin and `kind_source` on every row and describe the origin, keeping a
    description the curators already wrote."""
    for row in flat.quotes:
        row["origin"] = origin
        row["kind_source"] = kind_source if row.get("kind") is not None else None
    for row in flat.stance:
        row["origin"] = origin
    described = default_description(origin)
    if described is not None and not origin_path(out, origin).exists():
        write_origin(out, described)


def _pull_summary(
    flat: Flattened,
    export_file: Path,
    export_bytes: int,
    out: Path | str,
    *,
    started: float,
    url: str | None = None,
    project_id: int | None = None,
    export_seconds: float = 0.0,
) -> PullSummary:
    """What a pull made, from a server or from an export file converted offline."""
    return PullSummary(
        url=url,
        project_id=project_id,
        export_file=export_file,
        export_bytes=export_bytes,
        tasks=flat.tasks,
        annotations=len(flat.annotations),
        cancelled=flat.cancelled,
        quotes=len(flat.quotes),
        stance=len(flat.stance),
        errors=flat.errors,
        warnings=flat.warnings,
        out=Path(out),
        export_seconds=export_seconds,
        seconds=time.perf_counter() - started,
        issue_reasons=_issue_counts(flat),
    )


def _issue_counts(flat: Flattened) -> dict[str, int]:
    """`severity:reason` -> how many, sorted: the validation report in one line per reason."""
    counts: dict[str, int] = {}
    for issue in flat.issues:
        key = f"{issue['severity']}:{issue['reason']}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
