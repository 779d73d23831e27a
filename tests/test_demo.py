"""End to end: the path `make demo` runs (scripts/demo), against the session's real server.

Runs every stage as a user would, through the `newscorpus` command, in a scratch root, then loads
the published folder with `datasets.load_dataset` offline, as a researcher would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from labelstudio_fixture import LiveServer

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.labelstudio
@pytest.mark.slow
def test_demo_path_publishes_a_loadable_dataset_with_worked_examples(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "NEWSCORPUS": str(Path(sys.executable).parent / "newscorpus"),
        "DEMO_ROOT": str(tmp_path),
        "DEMO_PROJECT": "newscorpus demo test",
        "LABEL_STUDIO_URL": ls_server.url,
        "LABEL_STUDIO_API_KEY": ls_server.conn.api_key,
        "HF_HOME": str(tmp_path / "hf"),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
    }
    run = subprocess.run(
        [str(REPO / "scripts" / "demo")], env=env, capture_output=True, text=True, timeout=900
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "/projects/" in run.stdout  # where to label
    assert "load_dataset(" in run.stdout

    import datasets

    folder = tmp_path / "build" / "demo" / "0.1.0"
    card = (folder / "README.md").read_text(encoding="utf-8")
    # The sample's labels are worked examples, said as such (origin and annotators.md).
    assert "##### `worked-examples`" in card
    assert "not a human annotation study" in card
    assert "worked examples, made by the\nproject's developers" in card  # annotators.md, quoted
    stance = datasets.load_dataset(str(folder), "stance", cache_dir=str(tmp_path / "cache"))
    rows = [row for split in stance.values() for row in split]
    features = next(iter(stance.values())).features
    human = features["label_source"].names.index("human")
    assert any(row["label_source"] == human for row in rows)
    assert {row["origin"] for row in rows if row["label_source"] == human} == {"worked-examples"}
    assert set(features["label"].names) >= {"favor", "against"}

    quotes = datasets.load_dataset(str(folder), "quotes", cache_dir=str(tmp_path / "cache"))
    article = next(row for split in quotes.values() for row in split if row["quotes"])
    for quote in article["quotes"]:
        assert 0 <= quote["start"] < quote["end"] <= len(article["text"])
