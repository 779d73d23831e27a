"""imports/metadata.py: per-article metadata of an imported corpus, by file name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscorpus.annotate.imports.metadata import read_metadata
from newscorpus.errors import UsageError

TSV = (
    "compartment\tfilename\tpublisher\tpublication_date\tauthor\ttitle\twire\n"
    "train\tsite_2024-01-02_tram\tgazette\t2024-01-02\tA. Writer and B. Writer\tTram\tAP\n"
    "train\tsite_2024-01-03_depot\tgazette\t2024-01-03\tNone\tDepot\tNone\n"
)


def test_columns_are_read_by_their_known_names(tmp_path: Path) -> None:
    path = tmp_path / "metadata.tsv"
    path.write_text(TSV, encoding="utf-8")
    tram = read_metadata(path)["site_2024-01-02_tram"]
    assert tram.title == "Tram" and tram.source == "gazette" and tram.agency == "AP"
    assert tram.published == datetime(2024, 1, 2, tzinfo=UTC)
    assert tram.authors == ("A. Writer", "B. Writer")


def test_values_that_say_none_are_none(tmp_path: Path) -> None:
    path = tmp_path / "metadata.tsv"
    path.write_text(TSV, encoding="utf-8")
    depot = read_metadata(path)["site_2024-01-03_depot"]
    assert depot.authors == () and depot.agency is None


def test_a_date_that_is_not_iso_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "metadata.csv"
    path.write_text("name,date\ntram,March 3\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"metadata\.csv line 2: 'March 3' is not an ISO date"):
        read_metadata(path)


def test_a_file_without_a_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "metadata.tsv"
    path.write_text("title\tdate\nTram\t2024-01-02\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no column naming the article"):
        read_metadata(path)


def test_a_utf8_bom_before_the_first_column_name_is_not_part_of_it(tmp_path: Path) -> None:
    path = tmp_path / "metadata.tsv"
    path.write_text("\ufefflicense\tfilename\nCC BY 4.0\tsite_2024-01-02_tram\n", encoding="utf-8")
    assert read_metadata(path)["site_2024-01-02_tram"].license == "CC BY 4.0"
