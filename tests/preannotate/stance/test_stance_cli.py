"""`newscorpus stance train|predict` on a synthetic FNC-1 folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from stance_synth import synthetic_pairs

from newscorpus.cli import main
from newscorpus.preannotate.stance.fnc1 import Pair


def _write_fnc1(folder: Path, pairs: list[Pair], labeled: bool = True) -> Path:
    folder.mkdir()
    with (folder / "bodies.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows(dict((p.body_id, (p.body_id, p.body)) for p in pairs).values())
    with (folder / "stances.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"][: 3 if labeled else 2])
        writer.writerows([p.headline, p.body_id, p.stance][: 3 if labeled else 2] for p in pairs)
    return folder


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stance")
    train = _write_fnc1(root / "train", synthetic_pairs(claims=24))
    assert main(["stance", "train", "--fnc1", str(train), "--out", str(root / "m")]) == 0
    return root / "m"


def test_train_writes_a_model_whose_card_holds_the_cv_figures(model_dir):
    card = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    assert card["cv"]["grouped_by"] == "body"
    assert len(card["cv"]["folds"]) == 5
    assert card["training_data"]["source"] == "fnc1:train"


def test_predict_writes_one_stance_per_pair(model_dir, tmp_path):
    pairs = synthetic_pairs(claims=6, seed=1)
    folder = _write_fnc1(tmp_path / "test", pairs, labeled=False)
    out = tmp_path / "pred.csv"
    assert main(["stance", "predict", "--model", str(model_dir), "--fnc1", str(folder),
                 "--out", str(out)]) == 0  # fmt: skip
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Headline"], r["Body ID"]) for r in rows] == [(p.headline, p.body_id) for p in pairs]
    assert {r["Stance"] for r in rows} <= {"agree", "disagree", "discuss", "unrelated"}


def test_predict_refuses_a_folder_with_labels_the_model_does_not_know(model_dir, tmp_path, capsys):
    pairs = [Pair("Made-up claim", "1", "Made-up body.", "favor")]
    folder = _write_fnc1(tmp_path / "bad", pairs)
    argv = ["stance", "predict", "--model", str(model_dir), "--fnc1", str(folder), "--out", "x.csv"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "pair 1: unknown stance 'favor'" in err
