"""The license policy: text is published only under a license known to permit redistribution
(or one the curator names), every other value is withheld with its reason. Values are synthetic."""

from __future__ import annotations

import pytest

from newscorpus.publish.withhold import (
    BY_LICENSE,
    BY_RESTRICTED_USE_LICENSE,
    BY_RESTRICTIVE_LICENSE,
    BY_UNKNOWN_LICENSE,
    BY_UNLISTED_LICENSE,
    LicensePolicy,
    license_key,
)


@pytest.mark.parametrize(
    "license",
    [
        "CC BY 4.0",
        "cc-by-4.0",
        "CC_BY_SA_3.0",
        "CC BY-SA 4.0 (synthetic)",
        "Creative Commons Attribution 4.0 International",
        "Creative Commons Attribution-ShareAlike 4.0 International License",
        "Attribution 4.0 International (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
        "http://creativecommons.org/licenses/by-sa/3.0/us/",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.en",
        "CC0",
        "CC0 1.0 Universal",
        "Public Domain",
        "CC-BY-3.0-US",
    ],
)
def test_common_spellings_of_open_licenses_publish_the_text(license):
    assert LicensePolicy().reason(license, "Example") is None


@pytest.mark.parametrize(
    "license",
    [
        "Copyright 2019 Example Wire",
        "© The Example Gazette",
        "Tous droits réservés",
        "CC BY 4.0 (all rights reserved)",
    ],
)
def test_copyright_notices_withhold_the_text(license):
    assert LicensePolicy().reason(license, "Example") == BY_RESTRICTIVE_LICENSE


@pytest.mark.parametrize("license", ["Free to read", "Example Media terms", "GPL-ish"])
def test_a_license_not_on_the_allow_list_withholds_the_text(license):
    assert LicensePolicy().reason(license, "Example") == BY_UNLISTED_LICENSE


@pytest.mark.parametrize(
    "license", ["CC BY-NC-ND 4.0", "cc-by-nc-4.0", "CC BY-ND", "Attribution-NonCommercial 4.0"]
)
def test_noncommercial_and_no_derivatives_licenses_withhold_the_text(license):
    assert LicensePolicy().reason(license, "Example") == BY_RESTRICTED_USE_LICENSE


@pytest.mark.parametrize("license", ["-", "?", "not specified", "N/A", "Unspecified", " -- "])
def test_placeholders_for_no_license_are_unknown(license):
    assert LicensePolicy().reason(license, "Example") == BY_UNKNOWN_LICENSE


def test_unrestricted_is_not_the_restricted_marker():
    assert LicensePolicy().reason("Unrestricted use", "Example") == BY_UNLISTED_LICENSE
    assert LicensePolicy().reason("Restricted", "Example") == BY_RESTRICTIVE_LICENSE


def test_a_license_the_curator_names_is_published():
    policy = LicensePolicy.of(publish_licenses=["Example Media terms", "cc by-nc 4.0"])
    assert policy.reason("example media terms", "Example") is None
    assert policy.reason("CC-BY-NC-4.0", "Example") is None


def test_a_withheld_license_matches_its_other_spellings():
    assert LicensePolicy.of(["CC BY 4.0"]).reason("cc-by-4.0", "Example") == BY_LICENSE


def test_withholding_wins_over_naming_a_license_to_publish():
    policy = LicensePolicy.of(["cc-by-4.0"], publish_licenses=["CC BY 4.0"])
    assert policy.reason("CC BY 4.0", "Example") == BY_LICENSE


def test_license_values_no_article_has_are_reported_in_their_spelling():
    policy = LicensePolicy.of(["CC BY 4.0", "unknown"], publish_licenses=["Example terms"])
    assert policy.unmatched_licenses(["cc-by-4.0"]) == [
        ("--withhold-license", "unknown"),
        ("--publish-license", "Example terms"),
    ]


def test_license_key_ignores_case_spacing_and_notes():
    assert license_key("CC BY-SA 4.0 (synthetic)") == license_key("cc_by_sa_4.0") == "cc-by-sa-4.0"
