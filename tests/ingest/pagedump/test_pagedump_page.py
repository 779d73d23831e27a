"""clean_page on whole pages: the seed page, and the quality gate on extraction-dev."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_benchmark, shared_path
from pagedump_samples import story_page

from newscorpus.ingest.pagedump import CleanedPage, clean_page


@pytest.fixture
def seed_cleaned(seed_page: str) -> CleanedPage:
    return clean_page(seed_page)


def _seed_body_lines(seed_page: str) -> list[str]:
    """The seed's own body lines: from the first body sentence to the "(Yonhap)" credit."""
    lines = [line.strip() for line in seed_page.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("A senior North Korean"))
    end = next(i for i, line in enumerate(lines) if line.endswith("for use in Ukraine. (Yonhap)"))
    return [line for line in lines[start : end + 1] if line]


@pytest.mark.shared
def test_seed_title_is_the_headline(seed_cleaned: CleanedPage) -> None:
    assert seed_cleaned.title == (
        "NK rejects alleged arms trading with Russia, warns of 'undesirable result'"
    )


@pytest.mark.shared
def test_seed_paragraphs_are_exactly_the_seven_body_paragraphs(
    seed_page: str, seed_cleaned: CleanedPage
) -> None:
    expected = _seed_body_lines(seed_page)
    assert len(expected) == 7
    assert list(seed_cleaned.paragraphs) == expected


@pytest.mark.shared
def test_seed_captions_once_each_and_not_in_body(seed_page: str, seed_cleaned: CleanedPage) -> None:
    lines = [line.strip() for line in seed_page.splitlines() if line.strip()]
    shown_twice = [
        line for i, line in enumerate(lines[:-1]) if line == lines[i + 1] and len(line) > 40
    ]
    assert len(shown_twice) == 2
    assert list(seed_cleaned.captions) == shown_twice
    body = "\n".join(seed_cleaned.paragraphs)
    for caption in shown_twice:
        assert caption not in body


@pytest.mark.shared
def test_seed_agency_is_yonhap(seed_cleaned: CleanedPage) -> None:
    assert seed_cleaned.agency == "Yonhap"


@pytest.mark.shared
@pytest.mark.parametrize(
    "chrome",
    ["Settings", "font-size", "share button", "X", "CLOSE", "Top 10 Stories", "go top", "LETTER"],
)
def test_seed_chrome_is_dropped(seed_cleaned: CleanedPage, chrome: str) -> None:
    kept = [seed_cleaned.title or "", *seed_cleaned.paragraphs, *seed_cleaned.captions]
    assert not any(chrome == text or (len(chrome) > 2 and chrome in text) for text in kept), chrome
    assert not any(text in ("X", "CLOSE", "-2", "+1") for text in seed_cleaned.paragraphs)


@pytest.mark.shared
def test_dump_extraction_meets_the_f1_floor_on_extraction_dev() -> None:
    """Quality gate: clean_page on the 90 real page dumps scores F1 >= 0.90 (benchmark measure)."""
    data = shared_path("data", "extraction-dev")
    bench = load_benchmark("extraction")
    truth, fingerprint = bench.load_ground_truth(Path(data))
    assert fingerprint == bench.GROUND_TRUTH_SHA256, "the evaluation set changed: re-pin it"
    scores, _, _ = bench.evaluate(truth, lambda key: bench.cleaned_dump(Path(data), key))
    assert scores.pages == 90
    assert scores.f1 >= bench.MIN_F1_DUMPS, scores


# --- ablation: rule families switched off -----------------------------------------------------


def test_a_rule_family_switched_off_is_not_applied() -> None:
    prompt = "Subscribe to the Harbor Post and stay smart with more of your favourite writers."
    page = story_page(middle=prompt)
    assert prompt not in clean_page(page).paragraphs
    assert prompt in clean_page(page, off=frozenset({"prompts"})).paragraphs


def test_an_unknown_rule_family_is_refused() -> None:
    with pytest.raises(ValueError, match="no rule family"):
        clean_page(story_page(), off=frozenset({"no-such-family"}))
