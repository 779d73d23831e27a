"""The card says where data and labels came from: per origin (an imported corpus with its
published agreement and citation, worked examples as such), a citation per source, one example
row per config, the BIO overlap policy with its counts, the project's own authors and citation
(or nothing), and Hub snippets for the repo it is pushed to. Inputs are the synthetic tables of
test_publish_build; the imported corpus, its paper and its figures are invented for the tests."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from huggingface_hub import DatasetCard
from test_publish_build import ORIGIN, options_for, record_resolved, write_inputs

from newscorpus import schema
from newscorpus.annotate.agreement_files import agreement_path, write_agreement_file
from newscorpus.annotate.origins import (
    IMPORTED,
    WORKED_EXAMPLES_ORIGIN,
    Origin,
    PublishedAgreement,
    worked_examples_description,
    write_origin,
)
from newscorpus.errors import UsageError
from newscorpus.publish.build import publish
from newscorpus.publish.configs import CONFIG_NAMES
from newscorpus.publish.hub import plan_push

CITATION = "@inproceedings{tiny2030, title={A Tiny Synthetic Corpus}, year={2030}}"
TINY = Origin(
    origin="brat:tiny",
    process=IMPORTED,
    title="Tiny Corpus 1.0 (synthetic)",
    description="Attributions annotated in BRAT by the corpus authors.",
    citation=CITATION,
    annotators="two trained annotators",
    published_agreement=PublishedAgreement("span F1", 0.81, "the corpus paper, section 3"),
)
SETTINGS = """\
authors = ["Ada Example", "Bo Sample"]
homepage = "https://example.org/newscorpus"
citation = "@misc{newscorpus_example, title={Example}}"
"""


def _rewrite(path: Path, table_schema: pa.Schema, **values: object) -> None:
    rows = [r | values for r in pq.read_table(path).to_pylist()]
    pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), path)


def _import_tiny(root: Path) -> None:
    """Every label comes from the imported corpus; its articles carry its citation."""
    annotations = root / "annotations"
    part = root / "corpus" / "articles" / "part-00000.parquet"
    rows = pq.read_table(part).to_pylist()
    for row in rows[: len(rows) // 2]:
        row |= {"citation": CITATION, "source": "Tiny Corpus"}
    pq.write_table(pa.Table.from_pylist(rows, schema=schema.ARTICLES), part)
    _rewrite(annotations / "quotes.parquet", schema.ANNOTATED_QUOTES, origin="brat:tiny")
    _rewrite(annotations / "stance.parquet", schema.ANNOTATED_STANCE, origin="brat:tiny")
    record_resolved(annotations)
    gold = annotations / "gold"
    _rewrite(gold / "quotes.parquet", schema.GOLD_QUOTES, origin="brat:tiny", kind_source="machine")
    _rewrite(gold / "stance.parquet", schema.GOLD_STANCE, origin="brat:tiny")
    write_origin(annotations, TINY)
    _move_agreement(annotations, "brat:tiny")  # as the import records what it measured


def _move_agreement(annotations: Path, origin: str) -> Path:
    """The fixture's figures (the campaign's) recorded as `origin`'s instead."""
    campaign = agreement_path(annotations, ORIGIN)
    figures = json.loads(campaign.read_text(encoding="utf-8"))
    campaign.unlink()
    return write_agreement_file(annotations, origin, figures)


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("imported")
    write_inputs(root, n=12, human=4)
    _import_tiny(root)
    (root / "newscorpus.toml").write_text(SETTINGS, encoding="utf-8")
    publish(options_for(root, baseline=False, project=root))
    return root, (root / "dist" / "1.0.0" / "README.md").read_text(encoding="utf-8")


def test_an_imported_origin_is_told_with_its_published_agreement(imported):
    _, card = imported
    assert "##### `brat:tiny`" in card
    assert "Imported from **Tiny Corpus 1.0 (synthetic)**." in card
    assert "Published agreement: span F1 0.81 (the corpus paper, section 3)" in card
    assert "- `brat:tiny`: two trained annotators." in card


def test_agreement_measured_on_import_is_worded_from_its_origin(imported):
    _, card = imported
    section = card[card.index("#### Agreement") :]
    lead = section[: section.index("| measure |")]
    assert "Measured by `newscorpus import` on the annotations imported as `brat:tiny`" in lead
    assert "ls agreement" not in lead


def _agreement_of(card: str) -> str:
    section = card[card.index("#### Agreement") :]
    return section[: section.index("#### Pre-annotator quality")]


def _subsection(section: str, origin: str) -> str:
    """One origin's part of the agreement section, up to the next origin's heading."""
    start = section.index(f"##### Agreement in `{origin}`")
    end = section.find("##### ", start + 1)
    return section[start : end if end > 0 else None]


def test_each_origins_agreement_is_published_with_who_measured_it(tmp_path):
    write_inputs(tmp_path, n=12, human=4)
    _import_tiny(tmp_path)
    team = {"articles_with_two_or_more": 2, "stance": {"alpha": 0.55}}
    write_agreement_file(tmp_path / "annotations", "labelstudio:team", team)
    publish(options_for(tmp_path, baseline=False))
    section = _agreement_of((tmp_path / "dist" / "1.0.0" / "README.md").read_text("utf-8"))
    tiny, campaign = _subsection(section, "brat:tiny"), _subsection(section, "labelstudio:team")
    assert section.index(tiny) < section.index(campaign)  # sorted by origin
    assert "Measured by `newscorpus import` on the annotations imported as `brat:tiny`" in tiny
    assert "| `stance.alpha` | 0.710 |" in tiny
    assert "From `newscorpus ls agreement` on the annotations of `labelstudio:team`" in campaign
    assert "| `stance.alpha` | 0.550 |" in campaign


def _published_with_legacy_agreement(tmp_path: Path, name_origin: bool) -> str:
    """The card's agreement section when the figures sit in the one `agreement.json` written
    before per-origin files (naming their origin or, older still, not)."""
    write_inputs(tmp_path, n=8, human=2)
    annotations = tmp_path / "annotations"
    figures = json.loads(agreement_path(annotations, ORIGIN).read_text("utf-8"))
    shutil.rmtree(annotations / "agreement")
    if not name_origin:
        del figures["origin"]
    (annotations / "agreement.json").write_text(json.dumps(figures), encoding="utf-8")
    publish(options_for(tmp_path, baseline=False))
    return _agreement_of((tmp_path / "dist" / "1.0.0" / "README.md").read_text("utf-8"))


def test_a_legacy_agreement_file_is_published_as_the_origin_it_names(tmp_path):
    section = _published_with_legacy_agreement(tmp_path, name_origin=True)
    legacy = _subsection(section, ORIGIN)
    assert f"From `newscorpus ls agreement` on the annotations of `{ORIGIN}`" in legacy
    assert "| `stance.alpha` | 0.710 |" in legacy


def test_a_legacy_file_naming_no_origin_is_told_as_the_published_origins(tmp_path):
    section = _published_with_legacy_agreement(tmp_path, name_origin=False)
    assert "##### Agreement (origin not recorded)" in section
    assert f"From `newscorpus ls agreement` on the annotations of `{ORIGIN}`" in section
    assert "| `stance.alpha` | 0.710 |" in section


def test_the_upstream_dataset_is_a_source_dataset(imported):
    root, _ = imported
    card = DatasetCard.load(root / "dist" / "1.0.0" / "README.md")
    assert card.data.source_datasets == ["original", "extended|other-tiny"]
    assert "found" in card.data.annotations_creators


def test_each_source_names_its_citation_and_the_citation_is_given(imported):
    _, card = imported
    assert re.search(r"\| Tiny Corpus \| \d+ \| CC-BY-4.0 \| \[1\] \| published \|", card)
    assert "| Example Gazette |" in card and "| - | published |" in card
    citation = card[card.index("## Citation") :]
    assert f"[1]\n\n```bibtex\n{CITATION}\n```" in citation


def test_kinds_derived_by_a_rule_are_said_to_be_machine(imported):
    root, card = imported
    assert "`kind_source = machine`" in card
    quotes = pq.read_table(root / "dist" / "1.0.0" / "data" / "quotes").to_pylist()
    human = [q for r in quotes if r["origin"] == "brat:tiny" for q in r["quotes"]]
    assert human and {q["kind_source"] for q in human} == {1}  # machine


def test_every_config_has_an_example_row(imported):
    _, card = imported
    examples = card[card.index("### Example instances") : card.index("## Dataset Creation")]
    for config in CONFIG_NAMES:
        assert f"#### `{config}`\n\n```json\n{{" in examples, config
    assert '"label_source": "human"' in examples and "more characters]" in examples


def test_the_bio_tokenizer_and_its_overlap_counts_are_stated(imported):
    _, card = imported
    match = re.search(r"Of the (\d+) spans .* (\d+) lose\s+some of their tokens", card, re.S)
    assert match and int(match[1]) > 0
    assert "SPEAKER before CUE before QUOTE" in card


def test_the_project_settings_name_authors_homepage_and_citation(imported):
    _, card = imported
    assert "- **Curated by:** Ada Example, Bo Sample" in card
    assert "- **Homepage:** <https://example.org/newscorpus>" in card
    assert "@misc{newscorpus_example, title={Example}}" in card


def test_without_settings_nothing_is_invented(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    publish(options_for(tmp_path, baseline=False, project=tmp_path))
    card = (tmp_path / "dist" / "1.0.0" / "README.md").read_text()
    assert "Curated by" not in card and "Homepage" not in card
    assert "The curators gave no citation for this dataset." in card


def test_worked_examples_are_said_to_be_examples_not_a_study(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    annotations = tmp_path / "annotations"
    _rewrite(annotations / "quotes.parquet", schema.ANNOTATED_QUOTES, origin="worked-examples")
    _rewrite(annotations / "stance.parquet", schema.ANNOTATED_STANCE, origin="worked-examples")
    record_resolved(annotations)
    write_origin(annotations, worked_examples_description())
    _move_agreement(annotations, WORKED_EXAMPLES_ORIGIN)  # as `ls agreement` records the pull's
    publish(options_for(tmp_path, baseline=False))
    card = DatasetCard.load(tmp_path / "dist" / "1.0.0" / "README.md")
    assert "##### `worked-examples`" in card.text
    assert "not a human annotation study" in card.text
    assert "not agreement between independent annotators" in card.text
    assert "expert-generated" not in card.data.annotations_creators


def test_a_card_built_for_the_hub_loads_from_the_repo_at_the_version_tag(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    publish(options_for(tmp_path, "2.1.0", baseline=False, repo_id="someone/news"))
    card = (tmp_path / "dist" / "2.1.0" / "README.md").read_text()
    calls = re.findall(r"load_dataset\([^)]*\)", card)
    assert calls and all('("someone/news", ' in c and 'revision="v2.1.0"' in c for c in calls)
    assert "dist/2.1.0" not in "".join(calls)


def test_a_card_built_for_a_local_folder_is_not_pushed(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    publish(options_for(tmp_path, baseline=False))
    with pytest.raises(UsageError, match=r"loads from .*dist/1\.0\.0, not from someone/news"):
        plan_push(tmp_path / "dist" / "1.0.0", "someone/news", "1.0.0")
