"""The project's first real document, through the whole normalize stage."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from conftest import shared_path

from newscorpus import schema
from newscorpus.normalize.run import NormalizeOptions, run_normalize

CHROME = ("Settings", "font-size", "share button", "CLOSE", "Top 10 Stories", "go top", "LETTER")


def test_seed_page_becomes_one_clean_article(tmp_path: Path) -> None:
    seed = shared_path("seeds", "000_b46b4971558fa318.txt")
    summary = run_normalize(NormalizeOptions(inputs=(seed,), out=tmp_path))
    [row] = pq.read_table(tmp_path / "articles", schema=schema.ARTICLES).to_pylist()
    assert summary.articles_written == 1
    assert row["title"] == (
        "NK rejects alleged arms trading with Russia, warns of 'undesirable result'"
    )
    paragraphs = [row["text"][p["start"] : p["end"]] for p in row["paragraphs"]]
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("A senior North Korean official")
    assert paragraphs[-1].endswith("for use in Ukraine. (Yonhap)")
    assert row["text"] == "\n\n".join(paragraphs)
    assert len(row["captions"]) == 2
    assert all(c.endswith("Yonhap") and c not in row["text"] for c in row["captions"])
    assert row["agency"] == "Yonhap"
    assert row["language"] == "en"
    for chrome in CHROME:
        assert chrome not in row["text"]
    assert "\nX\n" not in row["text"] and not row["text"].endswith("X")
