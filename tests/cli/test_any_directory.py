"""Every `newscorpus` subcommand works from any working directory, not only from the checkout.

Runs the installed console script with the working directory set to a temporary folder outside
the repository: `--help` of every command and `ls` action, then the pipeline the demo runs, on a
copy of the shipped sample corpus, with default paths (they resolve against the working
directory). The label config and the card template must come from the package: before they did,
`newscorpus ls import-brat` run outside the repository ended in a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from labelstudio_fixture import span_of

from newscorpus.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
NEWSCORPUS = Path(sys.executable).parent / "newscorpus"
SAMPLE = REPO / "corpus" / "raw" / "sample"
GOLDEN = REPO / "tests" / "golden" / "sample_corpus.json"
VERSION = "0.1.0"
# Published without text, so that `hydrate` has something to restore from the corpus.
WITHHELD_SOURCE = "The Coastal Ledger"

# Synthetic BRAT article (written for this test): one text, two annotators.
BRAT_TEXT = "The mayor said the tram would run by May."


def _command_paths(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield (*prefix, name)
                yield from _command_paths(child, (*prefix, name))


COMMAND_PATHS: list[tuple[str, ...]] = list(_command_paths(build_parser()))


def _newscorpus(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The console script run in `cwd`, offline, with no Label Studio server configured."""
    assert NEWSCORPUS.is_file(), f"{NEWSCORPUS} is missing: install the package (make venv)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    env.update(HF_HOME=str(cwd / ".hf"), HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", COLUMNS="100")
    return subprocess.run(
        [str(NEWSCORPUS), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def _ok(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 0, f"{run.args}: exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    return run.stdout


def _shipped_export() -> Path:
    exports = sorted((REPO / "annotations" / "exports").glob("export-*.json"))
    return [p for p in exports if not p.name.endswith(".annotators.json")][-1]


# --- help of every command -----------------------------------------------------------------------


def test_every_command_and_ls_action_is_checked() -> None:
    expected = {("normalize",), ("preannotate",), ("publish",), ("hydrate",), ("baseline",)}
    expected |= {("ls", a) for a in ("serve", "stop", "status", "push", "pull", "agreement")}
    assert expected | {("ls",), ("ls", "import-brat")} <= set(COMMAND_PATHS)


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=" ".join)
def test_help_works_from_any_directory(path: tuple[str, ...], tmp_path: Path) -> None:
    out = _ok(_newscorpus(tmp_path, *path, "--help"))
    assert out.startswith(f"usage: newscorpus {' '.join(path)} ")


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "newscorpus.cli", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert _ok(run) == _ok(_newscorpus(tmp_path, "--version"))


# --- the pipeline in a folder of its own ---------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A curator's folder: raw pages and stance target rules, nothing else of the repository."""
    root = tmp_path_factory.mktemp("elsewhere")
    shutil.copytree(SAMPLE, root / "raw")
    (root / "annotations").mkdir()
    shutil.copy(REPO / "annotations" / "targets.yaml", root / "annotations")
    return root


@pytest.fixture(scope="module")
def normalized(project: Path) -> subprocess.CompletedProcess[str]:
    return _newscorpus(project, "normalize", "raw", "--no-progress")


@pytest.fixture(scope="module")
def preannotated(project: Path, normalized: object) -> subprocess.CompletedProcess[str]:
    return _newscorpus(project, "preannotate")


@pytest.fixture(scope="module")
def pulled(project: Path, normalized: object) -> subprocess.CompletedProcess[str]:
    return _newscorpus(
        project,
        "ls",
        "pull",
        "--from-export",
        str(_shipped_export()),
        "--origin",
        "worked-examples",
    )


@pytest.fixture(scope="module")
def agreed(project: Path, pulled: object) -> subprocess.CompletedProcess[str]:
    return _newscorpus(project, "ls", "agreement")


@pytest.fixture(scope="module")
def published(
    project: Path, preannotated: object, agreed: object
) -> subprocess.CompletedProcess[str]:
    return _newscorpus(
        project,
        "publish",
        "--version",
        VERSION,
        "--withhold-source",
        WITHHELD_SOURCE,
        "--publish-unknown-license",  # the synthetic sample records few licenses
    )


@pytest.mark.slow
def test_normalize_writes_the_corpus_into_the_working_directory(
    project: Path, normalized: subprocess.CompletedProcess[str]
) -> None:
    _ok(normalized)
    ids = pq.read_table(project / "corpus" / "articles", columns=["id"]).column("id").to_pylist()
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(ids) == sorted(a["id"] for a in golden["articles"])


@pytest.mark.slow
def test_preannotate_with_default_paths(
    project: Path, preannotated: subprocess.CompletedProcess[str]
) -> None:
    _ok(preannotated)
    predictions = project / "annotations" / "predictions"
    assert pq.read_table(predictions / "quotes.parquet").num_rows > 0
    assert (predictions / "targets.parquet").is_file()


@pytest.mark.slow
def test_ls_pull_from_export_needs_no_server_and_no_checkout(
    project: Path, pulled: subprocess.CompletedProcess[str]
) -> None:
    assert "offline" in _ok(pulled)
    assert pq.read_table(project / "annotations" / "quotes.parquet").num_rows > 0
    assert pq.read_table(project / "annotations" / "stance.parquet").num_rows > 0


@pytest.mark.slow
def test_ls_agreement_writes_the_report_and_gold_labels(
    project: Path, agreed: subprocess.CompletedProcess[str]
) -> None:
    _ok(agreed)
    path = project / "annotations" / "agreement" / "worked-examples.json"  # the pull's origin
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["articles_with_two_or_more"] > 0
    assert (project / "annotations" / "gold" / "quotes.parquet").is_file()


def _write_brat(root: Path) -> None:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "gazette_tram.txt").write_text(BRAT_TEXT, encoding="utf-8")
    spans = {
        "Source": span_of(BRAT_TEXT, "The mayor"),
        "Cue": span_of(BRAT_TEXT, "said"),
        "Content": span_of(BRAT_TEXT, "the tram would run by May"),
        "Attribution": span_of(BRAT_TEXT, "said"),
    }
    lines = [
        f"T{n}\t{kind} {s} {e}\t{BRAT_TEXT[s:e]}"
        for n, (kind, (s, e)) in enumerate(spans.items(), start=1)
    ]
    lines.append("E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3")
    for annotator in ("aa11", "bb22"):
        ann = root / "attributions" / f"gazette_tram_{annotator}.ann"
        ann.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ls_import_brat_reads_the_packaged_label_config(tmp_path: Path) -> None:
    _write_brat(tmp_path / "brat")
    out = _ok(_newscorpus(tmp_path, "ls", "import-brat", "brat"))
    assert "read 1 articles, 2 annotation files (1 articles with 2+ annotators)" in out
    assert "span F1 Quote: 1.000 (1 matched of 2 spans)" in out
    assert pq.read_table(tmp_path / "annotations" / "brat" / "quotes.parquet").num_rows == 2


@pytest.mark.slow
def test_publish_writes_the_version_under_dist_with_the_packaged_card(
    project: Path, published: subprocess.CompletedProcess[str]
) -> None:
    _ok(published)
    folder = project / "dist" / VERSION
    assert (folder / "README.md").read_text(encoding="utf-8").startswith("---\n")
    assert (folder / "croissant.json").is_file()
    assert (folder / "data" / "articles").is_dir()


@pytest.mark.slow
def test_publish_dry_run_writes_nothing(project: Path, published: object) -> None:
    before = sorted(p.relative_to(project) for p in project.rglob("*") if ".hf" not in p.parts)
    out = _ok(_newscorpus(project, "publish", "--version", "9.9.9", "--dry-run", "--no-baseline"))
    assert "would write" in out
    after = sorted(p.relative_to(project) for p in project.rglob("*") if ".hf" not in p.parts)
    assert after == before


@pytest.mark.slow
def test_hydrate_restores_the_withheld_texts_from_the_corpus(
    project: Path, published: object
) -> None:
    corpus = pq.read_table(project / "corpus" / "articles", columns=["source"])
    withheld = corpus.column("source").to_pylist().count(WITHHELD_SOURCE)
    assert withheld > 0, f"the sample has no article from {WITHHELD_SOURCE!r} to withhold"
    dataset = f"dist/{VERSION}"
    out = _ok(_newscorpus(project, "hydrate", dataset, "--from", "corpus", "--out", "hydrated"))
    assert f"hydrated {withheld} of {withheld} withheld article(s) into hydrated" in out
    assert (project / "hydrated" / "data" / "articles").is_dir()


@pytest.mark.slow
def test_baseline_finds_the_newest_version_under_dist(project: Path, published: object) -> None:
    out = _ok(_newscorpus(project, "baseline"))
    assert out.startswith(f"baselines on dist/{VERSION}\n")
    assert "stance baseline" in out and "quote extractor" in out
