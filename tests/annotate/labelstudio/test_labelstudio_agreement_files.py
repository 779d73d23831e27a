"""An import's agreement figures and `ls agreement`'s live side by side, one file per origin, and
each writer replaces its own origin's file only.

Runs offline on the one-task synthetic export of test_ls_offline; the imported labels (two
annotators of the export's article, invented for the test) are written by the imports' writer.
"""

from __future__ import annotations

import json
from pathlib import Path

from test_ls_offline import SHA, _write_export

from newscorpus.annotate.agreement_files import FOLDER, agreement_path
from newscorpus.annotate.imports.store import write_labels
from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.pull import convert_export
from newscorpus.annotate.validate import AnnotationRef

IMPORT = "stance:mine"
CAMPAIGN = "labelstudio:ferry campaign"
ARTICLE, TARGET = "ferry-1", "ferry-timetable"  # the export's article and target


def _import_stance(out: Path, stances: tuple[str, str]) -> None:
    """Two imported annotators' stances on the article and target the campaign labels too."""
    refs, rows = [], []
    for annotator, stance in zip(("ann-x", "ann-y"), stances, strict=True):
        annotation_id = f"{IMPORT}/{ARTICLE}/{annotator}"
        refs.append(AnnotationRef(ARTICLE, SHA, None, annotation_id, annotator, False, None))
        rows.append(
            {
                "article_id": ARTICLE,
                "content_sha256": SHA,
                "annotation_id": annotation_id,
                "annotator": annotator,
                "ground_truth": False,
                "target_id": TARGET,
                "stance": stance,
                "origin": IMPORT,
            }
        )
    write_labels(out, IMPORT, refs, stance=rows)


def _figures(out: Path, origin: str) -> dict:
    return json.loads(agreement_path(out, origin).read_text(encoding="utf-8"))


def _campaign(tmp_path: Path) -> Path:
    out = tmp_path / "annotations"
    _import_stance(out, ("favor", "favor"))
    convert_export(_write_export(tmp_path / "shipped"), out=out, origin=CAMPAIGN)
    agreement_from_export(out=out)
    return out


def test_an_import_and_ls_agreement_keep_one_file_each(tmp_path: Path) -> None:
    out = _campaign(tmp_path)
    assert sorted(p.name for p in (out / FOLDER).iterdir()) == [
        "labelstudio-ferry campaign.json",
        "stance-mine.json",
    ]
    imported, campaign = _figures(out, IMPORT), _figures(out, CAMPAIGN)
    assert (imported["origin"], imported["stance"]["alpha"]) == (IMPORT, 1.0)
    assert (campaign["origin"], campaign["stance"]["alpha"]) == (CAMPAIGN, 0.0)
    assert not (out / "agreement.json").exists()


def test_ls_agreement_again_replaces_its_own_file_only(tmp_path: Path) -> None:
    out = _campaign(tmp_path)
    imported = agreement_path(out, IMPORT).read_bytes()
    agreement_path(out, CAMPAIGN).write_text('{"origin": "stale"}', encoding="utf-8")
    agreement_from_export(out=out)
    assert _figures(out, CAMPAIGN)["export"].startswith("export-")
    assert agreement_path(out, IMPORT).read_bytes() == imported


def test_an_import_again_replaces_its_own_file_only(tmp_path: Path) -> None:
    out = _campaign(tmp_path)
    campaign = agreement_path(out, CAMPAIGN).read_bytes()
    _import_stance(out, ("favor", "against"))
    assert _figures(out, IMPORT)["stance"]["alpha"] == 0.0
    assert agreement_path(out, CAMPAIGN).read_bytes() == campaign
