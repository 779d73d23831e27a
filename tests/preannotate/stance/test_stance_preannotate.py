"""`newscorpus preannotate --stance-model`: a stance suggestion per article and matched target.

The model is trained here on the synthetic claims of stance_synth; the corpus holds two of those
synthetic bodies (made up, no real text): one confirming the target's claim, one about another
company that the target's rules also match.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from stance_synth import synthetic_pairs

from newscorpus import schema
from newscorpus.cli import main
from newscorpus.errors import UsageError
from newscorpus.preannotate.stage import PreannotateOptions, run_preannotate
from newscorpus.preannotate.stance import model as stance_model
from newscorpus.preannotate.stance.fnc1 import Pair
from newscorpus.preannotate.stance_suggest import StanceSuggester

PAIRS = synthetic_pairs()
CLAIM = next(p.headline for p in PAIRS if p.body_id == "c0-agree")
AGREEING = next(p.body for p in PAIRS if p.body_id == "c0-agree")
OTHER = next(p.body for p in PAIRS if p.body_id == "c5-agree")
COMPANY, OTHER_COMPANY = CLAIM.split()[0], OTHER.split()[0]
RULES = f"""
version: targets-stance-test-v1
targets:
  - id: claim-zero
    target: {CLAIM}
    within: article
    all: [[{COMPANY}, {OTHER_COMPANY}]]
"""


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stance-model")
    stance_model.save(stance_model.train(PAIRS, source="synthetic"), folder)
    return folder


def _article(article_id: str, text: str) -> dict:
    row = {name: None for name in schema.ARTICLES.names}
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    row.update(
        id=article_id, title="Synthetic", text=text, raw_sha256=digest, content_sha256=digest
    )
    return row


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "corpus" / "articles"
    folder.mkdir(parents=True)
    rows = [_article("a-agrees", AGREEING), _article("b-other", OTHER)]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema.ARTICLES), folder / "part.parquet")
    rules = tmp_path / "targets.yaml"
    rules.write_text(RULES, encoding="utf-8")
    return tmp_path / "corpus", rules


def _run(inputs: tuple[Path, Path], out: Path, model: Path | None, unrelated: str = "none"):
    corpus, rules = inputs
    options = PreannotateOptions(corpus, out, rules, stance_model=model, stance_unrelated=unrelated)
    return run_preannotate(options)


def test_each_matched_target_gets_a_stance_with_score_and_model_version(
    inputs, model_dir: Path, tmp_path: Path
) -> None:
    s = _run(inputs, tmp_path / "pred", model_dir)
    table = pq.read_table(s.stance_path)
    assert table.schema.equals(schema.STANCE_PREDICTIONS, check_metadata=False)
    rows = table.to_pylist()
    assert [(r["article_id"], r["target_id"], r["stance"]) for r in rows] == [
        ("a-agrees", "claim-zero", "favor"),
        ("b-other", "claim-zero", "none"),
    ]
    assert all(0.5 < r["score"] <= 1.0 for r in rows)
    assert {r["model_version"] for r in rows} == {stance_model.MODEL_VERSION}
    assert rows[0]["content_sha256"] == hashlib.sha256(AGREEING.encode()).hexdigest()


def test_suggested_labels_are_the_models_predictions(model_dir: Path) -> None:
    suggester = StanceSuggester.from_folder(model_dir)
    pairs = [Pair(p.headline, p.body_id, p.body) for p in PAIRS[:40]]
    labels = [label for label, _ in suggester.labels_and_scores(pairs)]
    assert labels == suggester.model.predict(pairs)


def test_unrelated_target_is_dropped_when_asked(inputs, model_dir: Path, tmp_path: Path) -> None:
    s = _run(inputs, tmp_path / "pred", model_dir, unrelated="drop")
    assert [r["article_id"] for r in pq.read_table(s.stance_path).to_pylist()] == ["a-agrees"]
    assert [r["article_id"] for r in pq.read_table(s.targets_path).to_pylist()] == ["a-agrees"]
    assert s.targets_dropped_unrelated == 1


def test_a_run_without_a_model_removes_an_older_runs_stances(
    inputs, model_dir: Path, tmp_path: Path
) -> None:
    with_model = _run(inputs, tmp_path / "pred", model_dir)
    without = _run(inputs, tmp_path / "pred", None)
    assert without.stance_path is None
    assert not with_model.stance_path.exists()


def test_a_folder_without_a_model_is_a_usage_error(inputs, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no model card"):
        _run(inputs, tmp_path / "pred", tmp_path)


def test_cli_prints_the_stances_it_wrote(inputs, model_dir: Path, tmp_path: Path, capsys) -> None:
    corpus, rules = inputs
    out = tmp_path / "pred"
    argv = ["preannotate", "--corpus", str(corpus), "--targets", str(rules), "--out", str(out)]
    assert main([*argv, "--stance-model", str(model_dir)]) == 0
    lines = [
        " ".join(line.replace("│", " ").split()) for line in capsys.readouterr().out.splitlines()
    ]
    assert f"stances 2 ({stance_model.MODEL_VERSION})" in lines
    assert "favor 1" in lines and "none 1" in lines
    assert (out / "stance.parquet").exists()
