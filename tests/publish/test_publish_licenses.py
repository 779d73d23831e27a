"""Licenses at publish time: a text of unknown license is withheld unless asked, `--withhold-license
unknown` works, a text is published only under a license known to permit it or named by the
curator, a license option no article has is refused, and mixed licenses make the card say `other`
with a table per source. Inputs are the synthetic tables of test_publish_build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from huggingface_hub import DatasetCard
from test_publish_build import options_for, write_inputs

from newscorpus import schema
from newscorpus.errors import UsageError
from newscorpus.publish.build import publish

CORPUS_PART = Path("corpus") / "articles" / "part-00000.parquet"


def _edit_articles(root: Path, edit: Callable[[int, dict], None]) -> None:
    rows = pq.read_table(root / CORPUS_PART).to_pylist()
    for position, row in enumerate(rows):
        edit(position, row)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema.ARTICLES), root / CORPUS_PART)


def _unknown_first_three(position: int, row: dict) -> None:
    if position < 3:
        row["license"] = None


def _withheld_ids(root: Path) -> set[str]:
    table = pq.read_table(root / "dist" / "1.0.0" / "data" / "articles")
    return {r["id"] for r in table.to_pylist() if r["text_withheld"]}


def _unknown_ids(root: Path) -> set[str]:
    rows = pq.read_table(root / CORPUS_PART).to_pylist()
    return {r["id"] for r in rows if r["license"] is None}


def test_texts_of_unknown_license_are_withheld_by_default(tmp_path):
    write_inputs(tmp_path, n=8, human=2, restricted=())
    _edit_articles(tmp_path, _unknown_first_three)
    summary = publish(options_for(tmp_path, baseline=False))
    assert _withheld_ids(tmp_path) == _unknown_ids(tmp_path) and summary.withheld == 3
    card = (tmp_path / "dist" / "1.0.0" / "README.md").read_text()
    assert "(license unknown: 3)" in card


def test_texts_of_unknown_license_are_published_when_asked(tmp_path):
    write_inputs(tmp_path, n=8, human=2, restricted=())
    _edit_articles(tmp_path, _unknown_first_three)
    publish(options_for(tmp_path, baseline=False, publish_unknown_license=True))
    assert _withheld_ids(tmp_path) == set()
    card = (tmp_path / "dist" / "1.0.0" / "README.md").read_text()
    assert "3 article(s) whose license nobody recorded are\npublished" in card


def test_withhold_license_unknown_withholds_them(tmp_path):
    write_inputs(tmp_path, n=8, human=2, restricted=())
    _edit_articles(tmp_path, _unknown_first_three)
    options = options_for(
        tmp_path, baseline=False, publish_unknown_license=True, withhold_licenses=("unknown",)
    )
    publish(options)
    assert _withheld_ids(tmp_path) == _unknown_ids(tmp_path)


def test_one_shared_license_is_the_card_license(tmp_path):
    write_inputs(tmp_path, n=8, human=2, restricted=())
    publish(options_for(tmp_path, baseline=False))
    card = DatasetCard.load(tmp_path / "dist" / "1.0.0" / "README.md")
    assert card.data.license == "cc-by-4.0" and card.data.get("license_name") is None


def test_mixed_licenses_make_the_card_license_other_with_a_table_per_source(tmp_path):
    write_inputs(tmp_path, n=8, human=2, restricted=())

    def sa_source(position: int, row: dict) -> None:
        if position % 2:
            row["source"], row["license"] = "Share Alike Daily", "CC BY-SA 4.0"

    _edit_articles(tmp_path, sa_source)
    publish(options_for(tmp_path, baseline=False))
    card = DatasetCard.load(tmp_path / "dist" / "1.0.0" / "README.md")
    assert card.data.license == "other" and card.data.license_name == "mixed-per-source"
    assert "cc-by-sa-4.0" in card.data.license_details
    assert "| source | articles | license | citation | text |" in card.text
    assert "| Share Alike Daily | 4 | CC BY-SA 4.0 | - | published |" in card.text


def _copyright_first_three(position: int, row: dict) -> None:
    if position < 3:
        row["source"], row["license"] = "Example Wire", "Copyright 2019 Example Wire"


def _ids_of_license(root: Path, license: str) -> set[str]:
    rows = pq.read_table(root / CORPUS_PART).to_pylist()
    return {r["id"] for r in rows if r["license"] == license}


def test_a_copyright_notice_as_license_withholds_the_text(tmp_path):
    write_inputs(tmp_path, n=8, human=2, restricted=())
    _edit_articles(tmp_path, _copyright_first_three)
    publish(options_for(tmp_path, baseline=False))
    assert _withheld_ids(tmp_path) == _ids_of_license(tmp_path, "Copyright 2019 Example Wire")
    card = (tmp_path / "dist" / "1.0.0" / "README.md").read_text()
    assert "license forbids redistribution: 3" in card


def test_a_license_the_curator_names_publishes_its_texts(tmp_path):
    write_inputs(tmp_path, n=8, human=2, restricted=())
    _edit_articles(tmp_path, _copyright_first_three)
    options = options_for(
        tmp_path, baseline=False, publish_licenses=("copyright 2019 example wire",)
    )
    publish(options)
    assert _withheld_ids(tmp_path) == set()


def test_withhold_license_matches_the_data_in_another_spelling(tmp_path):
    write_inputs(tmp_path, n=8, human=2, restricted=())
    publish(options_for(tmp_path, baseline=False, withhold_licenses=("CC BY 4.0",)))
    assert _withheld_ids(tmp_path) == _ids_of_license(tmp_path, "CC-BY-4.0")


@pytest.mark.parametrize("option", ["withhold_licenses", "publish_licenses"])
def test_a_license_option_no_article_has_is_refused(tmp_path, option):
    write_inputs(tmp_path, n=8, human=2, restricted=())
    with pytest.raises(UsageError, match=r"'CC BY-SA 4\.0': no article has this license"):
        publish(options_for(tmp_path, baseline=False, **{option: ("CC BY-SA 4.0",)}))
    assert not (tmp_path / "dist").exists()
