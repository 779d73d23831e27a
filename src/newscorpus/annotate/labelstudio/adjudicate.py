"""`ls adjudicate` and its pull: disagreements become tasks of a review project, the reviewer's
submissions become gold with their provenance.

`adjudicate` reads the latest kept export of the project (`ls pull` first), finds every
disagreement (disagreements.py) and imports the ones the review project lacks, each with every
annotator's version as a prediction named by the annotator's pseudonym; it is idempotent (a task
is known by its disagreement's key). `pull_review`, called by `ls pull`, exports the review
project, keeps the export under `annotations/exports/review/`, and writes the decisions and the
gold rows they give under `annotations/adjudication/` (decisions.py); `read_adjudicated` gives
them back to the gold resolution (`ls agreement`, agreement_report.py). Never prints.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newscorpus import layout, schema
from newscorpus.annotate import origins
from newscorpus.annotate.current_texts import current_texts
from newscorpus.annotate.labelstudio.client import client, server_errors
from newscorpus.annotate.labelstudio.config import (
    DEFAULT_CONFIG_PATH,
    DEFAULT_GUIDELINES_PATH,
    LabelConfig,
    guidelines_html,
    load_label_config,
    parse_label_config,
)
from newscorpus.annotate.labelstudio.decisions import Adjudicated, Review, decide
from newscorpus.annotate.labelstudio.disagreements import (
    BLANK_VERSION,
    REVIEW_KEY,
    Disagreement,
    find_disagreements,
    review_config,
    review_task,
)
from newscorpus.annotate.labelstudio.exported import ExportedAnnotation, parse_task
from newscorpus.annotate.labelstudio.exports import (
    download_export,
    iter_json_array,
    latest_export,
    read_annotator_map,
    stamp,
    write_annotator_map,
)
from newscorpus.annotate.labelstudio.gcpause import gc_paused
from newscorpus.annotate.labelstudio.project import DEFAULT_PROJECT, ensure_project, find_project
from newscorpus.annotate.labelstudio.push import DEFAULT_BATCH, import_batch
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.annotate.labelstudio.team import annotator_pseudonyms
from newscorpus.annotate.pseudonyms import annotator_salt, namer
from newscorpus.annotate.shape import well_formed
from newscorpus.annotate.validate import Flattened, flatten, flatten_task
from newscorpus.errors import UsageError
from newscorpus.tables import write_rows

REVIEW_SUFFIX = "-review"
ADJUDICATION_FOLDER = "adjudication"  # under the annotations folder
REVIEW_EXPORTS = Path("exports") / "review"  # under the annotations folder
TABLES = {
    "decisions": schema.REVIEW_DECISIONS,
    "quotes": schema.GOLD_QUOTES,
    "stance": schema.GOLD_STANCE,
}


def review_title(title: str) -> str:
    """The review project of project `title`."""
    return title + REVIEW_SUFFIX


@dataclass
class AdjudicateSummary:
    url: str
    export_file: Path
    review_project: str
    review_project_id: int
    disagreements: dict[str, int]  # item -> how many
    created: int
    already_there: int
    outdated: int  # review tasks of disagreements the export no longer has (kept as they are)
    seconds: float = 0.0


@gc_paused
def adjudicate(
    conn: Connection,
    *,
    out: Path = layout.ANNOTATIONS,
    title: str = DEFAULT_PROJECT,
    review: str | None = None,
    export_file: Path | None = None,
    config_path: Path = DEFAULT_CONFIG_PATH,
    guidelines_path: Path = DEFAULT_GUIDELINES_PATH,
    corpus: Path | None = layout.CORPUS,
) -> AdjudicateSummary:
    """Create or update the review project with a task per disagreement it does not have yet.

    Args:
        out: the annotations folder (`ls pull`'s), whose latest export is read.
        title: the labeled project (names the default review project).
        review: the review project's title (default: `<title>-review`).
        export_file: read this export instead of the latest.
        corpus: the corpus whose current texts count (a task on an earlier text is not
            reviewed).
    """
    t0 = time.perf_counter()
    review = review or review_title(title)
    export_file = Path(export_file) if export_file else latest_export(out)
    config = load_label_config(config_path)
    found = disagreements_of(export_file, out=out, config=config, corpus=corpus)
    ls = client(conn)
    review_cfg = parse_label_config(review_config(config))
    instructions = guidelines_html(Path(guidelines_path).read_text(encoding="utf-8"))
    state = ensure_project(ls, conn, review, review_cfg, instructions)
    existing = set() if state.config_action == "created" else _review_keys(ls, conn, state.id)
    todo = [d for d in found if d.key not in existing]
    data = _task_data(export_file, {d.task_id for d in todo})
    created = 0
    items = [review_task(d, data[d.task_id]) for d in todo]
    for start in range(0, len(items), DEFAULT_BATCH):
        chunk = items[start : start + DEFAULT_BATCH]
        what = f"review {start + 1}-{start + len(chunk)}"
        created += import_batch(ls, conn, state.id, chunk, what)
    if created:
        _start_blank(ls, conn, state.id)
    counts: dict[str, int] = {}
    for d in found:
        counts[d.item] = counts.get(d.item, 0) + 1
    return AdjudicateSummary(
        url=conn.url,
        export_file=export_file,
        review_project=review,
        review_project_id=state.id,
        disagreements=counts,
        created=created,
        already_there=len(found) - len(todo),
        outdated=len(existing - {d.key for d in found}),
        seconds=time.perf_counter() - t0,
    )


def _start_blank(ls: Any, conn: Connection, project_id: int) -> None:
    """Label Studio prefills a new annotation with the prediction of the project's model
    version (by default the first one imported): make it the blank one."""
    with server_errors(conn, "setting the review project's model version"):
        if ls.projects.get(project_id).model_version != BLANK_VERSION:
            ls.projects.update(project_id, model_version=BLANK_VERSION)


def _review_keys(ls: Any, conn: Connection, project_id: int) -> set[str]:
    """The disagreement keys of the review project's tasks."""
    with tempfile.TemporaryDirectory(prefix="newscorpus-review-") as tmp:
        path = Path(tmp) / "review.json"
        download_export(ls, conn, project_id, path, all_tasks=True)
        return {
            str(t["data"][REVIEW_KEY])
            for t in iter_json_array(path)
            if (t.get("data") or {}).get(REVIEW_KEY)
        }


def _task_data(export_file: Path, task_ids: set[int | None]) -> dict[int | None, dict[str, Any]]:
    """The data of these tasks of the export (a second pass over it, streamed)."""
    found: dict[int | None, dict[str, Any]] = {}
    for raw in iter_json_array(export_file):
        if raw.get("id") in task_ids:
            found[raw["id"]] = {k: v for k, v in (raw.get("data") or {}).items()}
    missing = task_ids - set(found)
    if missing:
        raise UsageError(f"{export_file}: no task {sorted(map(str, missing))[0]} in the export")
    return found


def disagreements_of(
    export_file: Path,
    *,
    out: Path = layout.ANNOTATIONS,
    config: LabelConfig | None = None,
    corpus: Path | None = layout.CORPUS,
) -> list[Disagreement]:
    """The disagreements of a kept export, as `adjudicate` finds them (no server); none on a
    task whose text is no longer its article's text in `corpus`."""
    config = config or load_label_config(DEFAULT_CONFIG_PATH)
    who = namer(read_annotator_map(export_file), annotator_salt(out))
    flat = flatten(iter_json_array(export_file), config, who)
    texts = current_texts(corpus, {ref.article_id for ref in flat.annotations})
    return find_disagreements(flat.quotes, flat.stance, flat.annotations, texts)


# --- the reviewer's decisions -------------------------------------------------------------------


@dataclass
class ReviewSummary:
    review_project: str
    review_project_id: int
    export_file: Path
    tasks: int
    decided: int
    decisions: dict[str, int] = field(default_factory=dict)  # decision -> how many
    gold_quotes: int = 0
    gold_stance: int = 0


def pull_review(
    conn: Connection,
    *,
    out: Path = layout.ANNOTATIONS,
    title: str = DEFAULT_PROJECT,
    review: str | None = None,
    config_path: Path = DEFAULT_CONFIG_PATH,
) -> ReviewSummary | None:
    """Export the review project and write its decisions and gold rows under
    `out/adjudication/`; None when there is no review project."""
    review = review or review_title(title)
    ls = client(conn)
    project = find_project(ls, conn, review)
    if project is None:
        return None
    export_file = Path(out) / REVIEW_EXPORTS / f"export-{stamp()}-p{project.id}.json"
    download_export(ls, conn, project.id, export_file, all_tasks=False)
    with server_errors(conn, "listing reviewers"):
        users = ls.projects.list_unique_annotators(project.id)
    salt = annotator_salt(out)
    write_annotator_map(export_file, annotator_pseudonyms(users, salt, out))
    origin = origins.labelstudio_origin(review)
    adjudicated, reviewed = decisions_from_export(
        export_file, origin, out=out, config_path=config_path
    )
    write_adjudicated(out, adjudicated)
    origins.write_origin(out, review_origin(origin, title))
    counts: dict[str, int] = {}
    for d in adjudicated.decisions:
        counts[d["decision"]] = counts.get(d["decision"], 0) + 1
    return ReviewSummary(
        review_project=review,
        review_project_id=project.id,
        export_file=export_file,
        tasks=reviewed,
        decided=len(adjudicated.decisions),
        decisions=dict(sorted(counts.items())),
        gold_quotes=len(adjudicated.quotes),
        gold_stance=len(adjudicated.stance),
    )


def decisions_from_export(
    export_file: Path,
    origin: str,
    *,
    out: Path = layout.ANNOTATIONS,
    config_path: Path = DEFAULT_CONFIG_PATH,
) -> tuple[Adjudicated, int]:
    """The decisions of a kept review export, and how many review tasks it holds (no server).

    A task the reviewer annotated more than once is decided by the annotation last updated.
    """
    config = load_label_config(config_path)  # the review config has the same controls
    who = namer(read_annotator_map(export_file), annotator_salt(out))
    flat = Flattened()
    reviews: list[Review] = []
    tasks = 0
    for item in iter_json_array(export_file):
        tasks += 1
        raw = well_formed(item).task  # malformed parts are left out, as in `ls pull`
        if raw is None:
            continue
        chosen = _last_counted(parse_task(raw).annotations)
        if chosen is None or REVIEW_KEY not in (raw.get("data") or {}):
            continue
        decided = {
            **raw,
            "annotations": [a for a in raw["annotations"] if str(a["id"]) == chosen.annotation_id],
        }
        flatten_task(decided, config, who, flat)
        reviews.append(
            Review(int(raw["id"]), raw["data"], chosen.annotation_id, who(chosen.completed_by),
                   _when(chosen.updated_at))
        )  # fmt: skip
    return decide(reviews, flat, origin), tasks


def _last_counted(annotations: Iterable[ExportedAnnotation]) -> ExportedAnnotation | None:
    counted = [a for a in annotations if not a.was_cancelled]
    return max(counted, key=lambda a: (a.updated_at or "", len(a.annotation_id), a.annotation_id),
               default=None)  # fmt: skip


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def review_origin(origin: str, title: str) -> origins.Origin:
    """How adjudicated labels were made, for the dataset card."""
    return origins.Origin(
        origin=origin,
        process=origins.LABELSTUDIO,
        title=f"Adjudication of Label Studio project {title!r}",
        description=(
            "Where annotators of the same article disagreed (the article's stance, a quote only "
            "some of them marked, or a quote's speaker), a reviewer was shown every annotator's "
            "version in a review project and decided; the decision replaced the labels agreement "
            "gave there (`resolution` adjudication, with the reviewer and the annotations shown)."
        ),
    )


# --- the tables ---------------------------------------------------------------------------------


def adjudication_dir(out: Path) -> Path:
    return Path(out) / ADJUDICATION_FOLDER


def write_adjudicated(out: Path, adjudicated: Adjudicated) -> None:
    folder = adjudication_dir(out)
    for name, table_schema in TABLES.items():
        write_rows(getattr(adjudicated, name), table_schema, folder / f"{name}.parquet")


def read_adjudicated(out: Path) -> Adjudicated | None:
    """The decisions `ls pull` wrote under `out/adjudication/`, None when there are none."""
    folder = adjudication_dir(out)
    if not (folder / "decisions.parquet").exists():
        return None
    tables: Mapping[str, list[dict[str, Any]]] = {
        name: pq.read_table(folder / f"{name}.parquet").to_pylist() for name in TABLES
    }
    return Adjudicated(**tables)
