"""The synthetic page generator behind the throughput benchmark: deterministic and varied."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from newscorpus.testing.synth import (
    FOOTER_NOTE,
    synthetic_page,
    synthetic_path,
    write_synthetic_corpus,
)

# A direct quotation closed by a comma inside the mark and followed by its attribution.
_ATTRIBUTED_QUOTE = re.compile(r"[,.][”\"] (?:said|told|added|insisted|warned|[A-Z][\w-]+ said)")
_QUOTATION = re.compile(r"[“\"][^”\"]+[”\"]")
# A paragraph that opens a quotation, never closes it, and is followed by one opening another.
_RUN_ON_QUOTE = re.compile(r"\n\n([“\"])[^”\"]*\n\n\1")


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def test_same_page_number_gives_the_same_page_in_another_process() -> None:
    here = synthetic_page(7)
    synthetic_page(8)
    assert synthetic_page(7) == here
    code = (
        "import sys; from newscorpus.testing.synth import synthetic_page; "
        "sys.stdout.write(synthetic_page(7))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONIOENCODING": "utf-8"}
    elsewhere = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, env=env
    ).stdout.decode("utf-8")
    assert elsewhere == here


def test_pages_differ_from_one_number_to_the_next() -> None:
    pages = [synthetic_page(i) for i in range(50)]
    assert len(set(pages)) == 50


def test_every_page_has_attributed_direct_quotes() -> None:
    for i in range(30):
        page = _collapsed(synthetic_page(i))
        assert _ATTRIBUTED_QUOTE.search(page), f"page {i} has no attributed direct quote"


def test_some_pages_have_curly_and_some_straight_quotes() -> None:
    pages = [synthetic_page(i) for i in range(20)]
    assert any("“" in page for page in pages)
    assert any('"' in page for page in pages)


def test_some_pages_have_a_quotation_running_over_paragraphs() -> None:
    assert any(_RUN_ON_QUOTE.search(synthetic_page(i)) for i in range(20))


def test_page_carries_site_chrome_around_the_article() -> None:
    page = synthetic_page(3)
    assert "  • Facebook share button" in page
    assert "©" in page
    assert page.rstrip("\n").endswith(FOOTER_NOTE)


def test_caption_is_printed_twice_with_its_credit() -> None:
    lines = synthetic_page(3).split("\n")
    caption_at = next(k for k, line in enumerate(lines) if "speaks to reporters" in line)
    # Wrapped or not, the caption block repeats immediately.
    block = lines[caption_at:]
    half = next(k for k in range(1, len(block)) if block[k] == block[0])
    assert block[:half] == block[half : 2 * half]


def test_page_size_is_about_the_requested_size() -> None:
    for size in (10_000, 50_000):
        for i in range(10):
            length = len(synthetic_page(i, size).encode("utf-8"))
            assert 0.9 * size <= length <= 1.15 * size, (size, i, length)


def test_near_duplicate_repeats_every_quotation_of_its_source(tmp_path: Path) -> None:
    result = write_synthetic_corpus(tmp_path, 3, size=4_000, near_dup_rate=1.0)
    # Page 0 cannot copy anything; with rate 1 every later page copies it.
    assert result.near_duplicates == {
        synthetic_path(1): synthetic_path(0),
        synthetic_path(2): synthetic_path(0),
    }
    source = (tmp_path / synthetic_path(0)).read_text(encoding="utf-8")
    copy = (tmp_path / synthetic_path(1)).read_text(encoding="utf-8")
    assert copy != source
    quotes = set(_QUOTATION.findall(_collapsed(source)))
    assert quotes
    assert quotes <= set(_QUOTATION.findall(_collapsed(copy)))


def test_near_duplicates_are_about_the_requested_share_and_copy_originals(
    tmp_path: Path,
) -> None:
    result = write_synthetic_corpus(tmp_path, 2_000, size=300, near_dup_rate=0.1)
    assert 120 <= len(result.near_duplicates) <= 280
    assert set(result.near_duplicates.values()).isdisjoint(result.near_duplicates)


def test_corpus_is_sharded_in_folders_of_a_thousand(tmp_path: Path) -> None:
    result = write_synthetic_corpus(tmp_path, 1_001, size=300, near_dup_rate=0.0)
    shards = sorted(p.name for p in tmp_path.iterdir())
    assert shards == ["0000", "0001"]
    assert len(list((tmp_path / "0000").iterdir())) == 1_000
    assert [p.name for p in (tmp_path / "0001").iterdir()] == ["page-0001000.txt"]
    assert result.files == 1_001
    assert result.bytes == sum(p.stat().st_size for p in tmp_path.rglob("*.txt"))


def test_smaller_corpus_is_a_prefix_of_a_larger_one(tmp_path: Path) -> None:
    write_synthetic_corpus(tmp_path / "small", 5, size=2_000)
    write_synthetic_corpus(tmp_path / "large", 9, size=2_000)
    for i in range(5):
        small = (tmp_path / "small" / synthetic_path(i)).read_bytes()
        assert small == (tmp_path / "large" / synthetic_path(i)).read_bytes()
