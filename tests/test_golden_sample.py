"""Golden file for the whole normalize stage on the shipped sample corpus.

Any change to extraction, cleaning or normalization shows up here as a diff to review. After a
deliberate change, regenerate with
    NEWSCORPUS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_sample.py
and read the diff of tests/golden/sample_corpus.json before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.normalize.run import NormalizeOptions, run_normalize

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "sample_corpus.json"


def _snapshot(out: Path) -> dict:
    articles = pq.read_table(out / "articles", schema=schema.ARTICLES).to_pylist()
    rejects = pq.read_table(out / "rejects", schema=schema.REJECTS).to_pylist()
    for row in articles:
        row["published"] = row["published"].isoformat() if row["published"] else None
    for row in rejects:
        row.pop("input")
    return {"articles": articles, "rejects": rejects}


def test_sample_corpus_matches_the_golden_file(tmp_path: Path) -> None:
    run_normalize(NormalizeOptions(inputs=(REPO / "corpus" / "raw" / "sample",), out=tmp_path))
    snapshot = _snapshot(tmp_path)
    if os.environ.get("NEWSCORPUS_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", "utf-8")
    expected = json.loads(GOLDEN.read_text("utf-8"))
    assert [a["source_file"] for a in snapshot["articles"]] == [
        a["source_file"] for a in expected["articles"]
    ]
    for got, want in zip(snapshot["articles"], expected["articles"], strict=True):
        assert got == want, f"{got['source_file']} differs from the golden file"
    assert snapshot["rejects"] == expected["rejects"]
