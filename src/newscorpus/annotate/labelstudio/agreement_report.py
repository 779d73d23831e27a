"""`ls agreement`: a kept export -> its origin's agreement file and the gold tables (`gold/`).

Reads export files only, never a server: the figures come from agreement.py and gold.py, the rows
from validate.py, exactly as a pull makes them (a kept file that is not an export is passed over
for the next newest, and named in the report); a reviewer's decisions that `ls pull` wrote under
`adjudication/` replace what agreement gave for the same items (decisions.fold).

Gold is resolved per origin: an export is one project's, so its gold comes from that origin's
annotations alone, never pooled with an imported corpus's labels of the same article. Its rows
record that origin (the one `ls pull` recorded on the export's annotation rows, or `--origin`)
and replace that origin's gold rows only (annotate/origin_rows.py), so an import's gold stays;
an article labeled in two origins keeps gold of each, told apart by `origin`. What the gold was
resolved from (a digest of the origin's annotation rows) goes to `gold/sources.json`
(annotate/gold_sources.py), for publish to refuse gold older than its annotations. The figures go to
the origin's own file, `agreement/<origin slug>.json` (annotate/agreement_files.py), so an
import's figures stay beside the campaign's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus import layout, schema
from newscorpus.annotate.agreement import agreement
from newscorpus.annotate.agreement_files import write_agreement_file
from newscorpus.annotate.current_texts import current_texts
from newscorpus.annotate.gold import Gold, annotated_articles, on_current_texts, resolve_gold
from newscorpus.annotate.gold_sources import annotation_paths, record_gold_sources, rows_digest
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.adjudicate import read_adjudicated
from newscorpus.annotate.labelstudio.config import (
    DEFAULT_CONFIG_PATH,
    LabelConfig,
    load_label_config,
)
from newscorpus.annotate.labelstudio.decisions import fold
from newscorpus.annotate.labelstudio.exports import (
    iter_tasks,
    latest_exports,
    read_annotator_map,
)
from newscorpus.annotate.labelstudio.gcpause import gc_paused
from newscorpus.annotate.origin_rows import origins_recorded, recorded, replace_rows
from newscorpus.annotate.origins import labelstudio_origin
from newscorpus.annotate.passes import pass_rows
from newscorpus.annotate.pseudonyms import annotator_salt, namer
from newscorpus.annotate.validate import Flattened, flatten
from newscorpus.labels import HUMAN


@dataclass
class AgreementSummary:
    export_file: Path
    report: dict[str, Any]
    gold_quotes: int
    gold_stance: int
    ties: int
    out: Path
    agreement_file: Path
    skipped: list[str] = field(default_factory=list)  # kept files passed over: not exports


@gc_paused
def agreement_from_export(
    export_file: Path | None = None,
    *,
    out: Path = layout.ANNOTATIONS,
    config_path: Path = DEFAULT_CONFIG_PATH,
    annotations: Path | None = None,
    origin: str | None = None,
    corpus: Path | None = layout.CORPUS,
) -> AgreementSummary:
    """Agreement and gold labels from an export (default: the latest under `out/exports/`).

    Writes `out/agreement/<origin slug>.json` (naming its origin) and `out/gold/{quotes,stance,
    adjudication,articles}.parquet`, in place of the figures and gold of the export's origin only:
    the one `ls pull` recorded on the export's annotations in `out/{quotes,stance}.parquet`
    (`origin` must name it), else `origin`, else `labelstudio:<export file stem>` (what `ls pull
    --from-export` records). Annotators the export's map does not name are named with the salt
    of `annotations` (the annotations folder; default `out`). Annotations made on a text that
    is not the article's text in `corpus` are left out (the report's `left_out` counts and
    names them).

    Raises:
        LabelStudioError: no export to read, or the export's annotations are recorded with
            several origins and `origin` is none of them, or with one that is not `origin`.
    """
    config = load_label_config(config_path)
    out = Path(out)
    salt = annotator_salt(annotations if annotations is not None else out)
    candidates = [Path(export_file)] if export_file else latest_exports(out)
    export_file, flat, skipped = _first_export(candidates, config, salt, given=bool(export_file))
    origin = _recorded_origin(out, flat, export_file, origin)
    texts = current_texts(corpus, {ref.article_id for ref in flat.annotations})
    report = {"origin": origin, **agreement(flat.quotes, flat.stance, flat.annotations, texts)}
    report["export"] = export_file.name
    if skipped:
        report["skipped_exports"] = skipped
    report["validation"] = {"errors": flat.errors, "warnings": flat.warnings}
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations, texts)
    owned = {origin}
    adjudicated = read_adjudicated(out)
    if adjudicated is not None:
        gold = on_current_texts(fold(gold, adjudicated), texts)
        owned |= {d["origin"] for d in adjudicated.decisions if d.get("origin")}
    _stamp_gold(gold, origin, _recorded_kinds(out, flat))
    out.mkdir(parents=True, exist_ok=True)
    agreement_file = write_agreement_file(out, origin, report)
    articles = {ref.article_id for ref in flat.annotations}
    _write_gold(out / "gold", gold, owned, articles)
    _write_annotated(out / "gold", flat, origin, texts)
    # Last: publish trusts this origin's gold only once it is all written (gold_sources.py).
    passes = pass_rows(flat.annotations, origin)  # as `ls pull` wrote them
    record_gold_sources(
        out / "gold", {origin: rows_digest(origin, flat.quotes, flat.stance, passes)}
    )
    return AgreementSummary(
        export_file=export_file,
        report=report,
        gold_quotes=len(gold.quotes),
        gold_stance=len(gold.stance),
        ties=len(gold.ties),
        out=out,
        agreement_file=agreement_file,
        skipped=skipped,
    )


def _annotation_keys(flat: Flattened) -> set[tuple[str, str]]:
    return {(ref.article_id, ref.annotation_id) for ref in flat.annotations}


def _recorded_origin(out: Path, flat: Flattened, export_file: Path, given: str | None) -> str:
    """The origin `ls pull` recorded on the export's annotation rows under `out`, else `given`,
    else the one `ls pull --from-export` gives an export (`labelstudio:<file stem>`).

    Raises:
        LabelStudioError: the annotations are recorded under several origins and `given` is
            none of them, or under one that is not `given`: their gold would be filed under an
            origin other than the one they were pulled as.
    """
    recorded_as = origins_recorded(annotation_paths(out), _annotation_keys(flat))
    found = sorted(set().union(*recorded_as.values()))
    if given is not None and (not found or given in found):
        return given
    if len(found) > 1:
        raise LabelStudioError(
            f"{export_file}: its annotations are recorded in {out} with several origins "
            f"({', '.join(found)}): give the one to resolve with --origin"
        )
    if found and given is not None:
        raise LabelStudioError(
            f"{export_file}: its annotations were pulled as {found[0]!r}, not {given!r}: give "
            f"--origin {found[0]!r} (gold is filed under the origin its annotations were pulled as)"
        )
    return found[0] if found else labelstudio_origin(export_file.stem)


def _recorded_kinds(out: Path, flat: Flattened) -> dict[tuple[str, str], str]:
    """Who chose the kinds of each annotation, as `ls pull` recorded it (`ls import-brat`'s
    rows: a rule), by (article id, annotation id)."""
    return recorded([out / "quotes.parquet"], _annotation_keys(flat), "kind_source")


def _stamp_gold(gold: Gold, origin: str, kinds: dict[tuple[str, str], str]) -> None:
    """Every gold row and tie records its origin (an adjudicated row keeps its review project's)
    and a quote who chose its kind (as its annotation recorded, else a person)."""
    for row in (*gold.stance, *gold.ties):
        row["origin"] = row.get("origin") or origin
    for row in gold.quotes:
        row["origin"] = row.get("origin") or origin
        if row.get("kind") is not None and row.get("kind_source") is None:
            row["kind_source"] = kinds.get((row["article_id"], row["annotation_id"]), HUMAN)


def _write_gold(folder: Path, gold: Gold, owned: set[str], articles: set[str]) -> None:
    """Gold rows in place of those of the `owned` origins (and gold that records none, written
    before origins were); ties in place of those of the `owned` origins (and ties that record
    none on the export's articles)."""
    for rows, table_schema, name in (
        (gold.quotes, schema.GOLD_QUOTES, "quotes.parquet"),
        (gold.stance, schema.GOLD_STANCE, "stance.parquet"),
    ):
        replace_rows(folder / name, table_schema, rows, origins=owned, unrecorded=True)
    ties = folder / "adjudication.parquet"
    replace_rows(ties, schema.ADJUDICATION, gold.ties, origins=owned, article_ids=articles)


def _write_annotated(folder: Path, flat: Flattened, origin: str, texts: dict[str, str]) -> None:
    """The articles the export's annotations cover, in place of the origin's: an article whose
    annotators marked no quote has no gold quote, and only this row keeps it as a negative
    example instead of an article nobody annotated."""
    rows = [row | {"origin": origin} for row in annotated_articles(flat.annotations, texts)]
    replace_rows(folder / "articles.parquet", schema.GOLD_ARTICLES, rows, origins={origin})


def _first_export(
    candidates: list[Path], config: LabelConfig, salt: str, *, given: bool
) -> tuple[Path, Flattened, list[str]]:
    """The first candidate that reads as an export, flattened, and why the ones before did not.

    Raises:
        LabelStudioError: the export given is not one, or no kept file is.
    """
    skipped: list[str] = []
    for path in candidates:
        try:
            who = namer(read_annotator_map(path), salt)
            return path, flatten(iter_tasks(path), config, who), skipped
        except LabelStudioError as err:
            if given:
                raise
            skipped.append(str(err))
    raise LabelStudioError(
        f"no file under exports/ is a Label Studio export ({'; '.join(skipped)[:300]}): "
        "run `newscorpus ls pull` again"
    )
