"""`ls agreement`: a kept export -> `agreement.json` and the gold tables (`gold/*.parquet`).

Reads export files only, never a server: the figures come from agreement.py and gold.py, the rows
from validate.py, exactly as a pull makes them (a kept file that is not an export is passed over
for the next newest, and named in the report); a reviewer's decisions that `ls pull` wrote under
`adjudication/` replace what agreement gave for the same items (decisions.fold).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newscorpus import layout, schema
from newscorpus.annotate.agreement import agreement
from newscorpus.annotate.gold import resolve_gold
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
from newscorpus.annotate.pseudonyms import annotator_salt, namer
from newscorpus.annotate.validate import Flattened, flatten
from newscorpus.tables import write_rows


@dataclass
class AgreementSummary:
    export_file: Path
    report: dict[str, Any]
    gold_quotes: int
    gold_stance: int
    ties: int
    out: Path
    skipped: list[str] = field(default_factory=list)  # kept files passed over: not exports


@gc_paused
def agreement_from_export(
    export_file: Path | None = None,
    *,
    out: Path = layout.ANNOTATIONS,
    config_path: Path = DEFAULT_CONFIG_PATH,
    annotations: Path | None = None,
) -> AgreementSummary:
    """Agreement and gold labels from an export (default: the latest under `out/exports/`).

    Writes `out/agreement.json` and `out/gold/{quotes,stance,adjudication}.parquet`. Annotators
    the export's map does not name are named with the salt of `annotations` (the annotations
    folder; default `out`).
    """
    config = load_label_config(config_path)
    salt = annotator_salt(annotations if annotations is not None else out)
    candidates = [Path(export_file)] if export_file else latest_exports(out)
    export_file, flat, skipped = _first_export(candidates, config, salt, given=bool(export_file))
    report = agreement(flat.quotes, flat.stance, flat.annotations)
    report["export"] = export_file.name
    if skipped:
        report["skipped_exports"] = skipped
    report["validation"] = {"errors": flat.errors, "warnings": flat.warnings}
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    adjudicated = read_adjudicated(out)
    if adjudicated is not None:
        gold = fold(gold, adjudicated)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "agreement.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    write_rows(gold.quotes, schema.GOLD_QUOTES, out / "gold" / "quotes.parquet")
    write_rows(gold.stance, schema.GOLD_STANCE, out / "gold" / "stance.parquet")
    write_rows(gold.ties, schema.ADJUDICATION, out / "gold" / "adjudication.parquet")
    return AgreementSummary(
        export_file=export_file,
        report=report,
        gold_quotes=len(gold.quotes),
        gold_stance=len(gold.stance),
        ties=len(gold.ties),
        out=out,
        skipped=skipped,
    )


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
