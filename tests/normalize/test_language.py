"""language.py: a declared language becomes a valid ISO 639 code or None, never anything else."""

from __future__ import annotations

import pytest

from newscorpus.normalize.language import declared_language


@pytest.mark.parametrize(
    ("declared", "code"),
    [("en_US", "en"), ("pt-BR", "pt"), ("zh-Hans-CN", "zh"), ("EN", "en"), ("de", "de")],
)
def test_a_locale_or_tag_gives_its_language_subtag(declared: str, code: str) -> None:
    assert declared_language(declared) == code


@pytest.mark.parametrize(
    ("declared", "code"), [("English", "en"), ("french", "fr"), ("Norwegian Bokmål", "nb")]
)
def test_an_english_language_name_gives_its_code(declared: str, code: str) -> None:
    assert declared_language(declared) == code


@pytest.mark.parametrize(("declared", "code"), [("eng", "en"), ("ger", "de"), ("iw", "he")])
def test_three_letter_and_deprecated_codes_give_the_two_letter_one(
    declared: str, code: str
) -> None:
    assert declared_language(declared) == code


def test_a_three_letter_code_without_a_two_letter_one_is_kept() -> None:
    assert declared_language("yue") == "yue"


@pytest.mark.parametrize("declared", ["xx", "Englisch-ish", "und", "-", "1", "e"])
def test_anything_not_a_language_is_unknown(declared: str) -> None:
    assert declared_language(declared) is None
