"""Card helpers and the license policy: what the card and croissant.json say, without a publish."""

from __future__ import annotations

import pytest

from newscorpus.publish.card import DEFAULT_TEMPLATE, size_category
from newscorpus.publish.card_sections import pending_ties
from newscorpus.publish.croissant import RAI_SECTIONS, card_sections, rai_fields
from newscorpus.publish.withhold import BY_LICENSE, BY_UNKNOWN_LICENSE, LicensePolicy


@pytest.mark.parametrize(
    ("n", "category"), [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (100_000, "100K<n<1M")]
)
def test_size_categories_follow_the_hub_buckets(n, category):
    assert size_category(n) == category


def test_card_sections_are_split_by_heading_and_skip_front_matter():
    text = (
        "---\nlicense: mit\n---\n# Title\n\nintro\n\n## A\n\nalpha\n<!-- hidden -->\n### B\nbeta\n"
    )
    assert card_sections(text) == {"Title": "intro", "A": "alpha", "B": "beta"}


def test_the_template_has_every_section_croissant_rai_fields_need():
    sections = card_sections(DEFAULT_TEMPLATE.read_text())
    missing = [h for h in RAI_SECTIONS.values() if not sections.get(h)]
    assert missing == []


def test_rai_fields_take_the_card_prose_and_the_generated_values():
    sections = {heading: f"text of {heading}" for heading in RAI_SECTIONS.values()}
    markdown = "\n".join(f"## {h}\n{t}" for h, t in sections.items())
    rai = rai_fields(markdown, machine_tools=["quotes-rules-v1"], annotations_per_item="2.00")
    assert rai["data_biases"] == ["text of Biases"]
    assert rai["data_collection"] == "text of Data Collection and Processing"
    assert rai["machine_annotation_tools"] == ["quotes-rules-v1"]
    assert rai["annotations_per_item"] == "2.00"


@pytest.mark.parametrize(
    "license",
    ["All rights reserved", "(c) 2026 Example Media. ALL RIGHTS RESERVED.", "Proprietary"],
)
def test_restrictive_licenses_withhold_the_text(license):
    assert LicensePolicy().withholds(license, "Example")


@pytest.mark.parametrize("license", ["CC-BY-4.0", "cc0-1.0"])
def test_open_licenses_publish_the_text(license):
    assert not LicensePolicy().withholds(license, "Example")


@pytest.mark.parametrize("license", [None, "", "Unknown"])
def test_an_unknown_license_withholds_the_text_by_default(license):
    assert LicensePolicy().reason(license, "Example") == BY_UNKNOWN_LICENSE


def test_unknown_licenses_are_published_only_when_asked():
    assert not LicensePolicy.of(publish_unknown=True).withholds(None, "Example")


def test_withhold_license_unknown_withholds_them_even_when_publishing_unknown():
    policy = LicensePolicy.of(["unknown"], publish_unknown=True)
    assert policy.reason(None, "Example") == BY_LICENSE


def test_a_withheld_source_no_article_has_is_reported():
    policy = LicensePolicy.of(sources=["Paywall Tmes", "example gazette"])
    assert policy.unmatched_sources(["Example Gazette", None]) == ["paywall tmes"]


def test_a_license_or_source_named_on_the_command_line_is_withheld():
    policy = LicensePolicy.of(["cc-by-nc-nd-4.0"], ["Paywall Times"])
    assert policy.withholds("CC-BY-NC-ND-4.0", "Other")
    assert policy.withholds(None, "paywall times")
    assert not policy.withholds("CC-BY-4.0", "Other")


def test_tied_attributes_are_said_to_be_null_on_a_gold_quote_not_left_out():
    text = pending_ties({"stance": 2, "quote_kind": 3, "speaker": 1})
    assert "left out of gold: 2 stance tie(s)." in text
    assert "null on their gold quote (the quote is in gold): 3 quote_kind tie(s), 1 speaker" in text
    assert "left out of gold: 3" not in text
