"""targets: loading stance-target rules and matching articles to them (made-up texts)."""

from __future__ import annotations

import pytest
from conftest import REPO

from newscorpus.preannotate import targets as targets_module
from newscorpus.preannotate.targets import (
    SATURATION,
    SHOWN_CHARS,
    Target,
    TargetMatcher,
    TargetsError,
    load_targets,
    match_targets,
)

RULES = """
version: targets-test-v1
targets:
  - id: tarnby-arms
    target: Tarnby supplies arms to the river militia
    kind: claim
    all:
      - [Tarnby, Tarnbian]
      - [river militia]
      - [arms, weapons, shells]
    none: [arms control]
  - id: harbour-sale
    target: The harbour of Ost should be sold
    within: article
    all:
      - [harbour of Ost]
      - [sale, sold]
"""


def _targets() -> list[Target]:
    return list(load_targets(RULES, "rules.yaml").targets)


def test_load_reads_ids_claims_kinds_windows_and_version() -> None:
    ts = load_targets(RULES, "rules.yaml")
    assert ts.version == "targets-test-v1"
    assert [(t.id, t.kind, t.within) for t in ts.targets] == [
        ("tarnby-arms", "claim", "paragraph"),
        ("harbour-sale", "claim", "article"),
    ]
    assert ts.targets[0].groups[2] == ("arms", "weapons", "shells")
    assert ts.targets[0].exclude == ("arms control",)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("targets: [", "not valid YAML"),
        ("nothing: here", "`targets:` list"),
        ("targets:\n  - {target: x, all: [[a]]}", "`id` must be"),
        (
            "targets:\n  - {id: a, target: x, all: [[a]]}\n  - {id: a, target: y, all: [[b]]}",
            "duplicate id",
        ),
        ("targets:\n  - {id: a, target: x, kind: opinion, all: [[a]]}", "`kind` must be"),
        ("targets:\n  - {id: a, target: x, within: sentence, all: [[a]]}", "`within` must be"),
        ("targets:\n  - {id: a, target: x}", "`all` must list"),
        ("targets:\n  - {id: a, target: x, all: [[]]}", "non-empty list of terms"),
        ('targets:\n  - {id: a, target: "two\\nlines", all: [[a]]}', "one-line claim"),
    ],
)
def test_invalid_rules_raise_naming_the_file_and_the_fix(yaml_text: str, message: str) -> None:
    with pytest.raises(TargetsError) as err:
        load_targets(yaml_text, "my-targets.yaml")
    assert "my-targets.yaml" in str(err.value) and message in str(err.value)


# Nine levels of nine aliases: 9**9 copies of "lol" in under 400 bytes (a "billion laughs").
BILLION_LAUGHS = "\n".join(
    [
        'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)),
        "targets:",
        "  - {id: laughs, target: Laughter, all: [*a8]}",
    ]
)


def test_a_billion_laughs_yaml_is_refused_in_a_short_message() -> None:
    assert len(BILLION_LAUGHS) < 600
    with pytest.raises(TargetsError, match=r"aliases \(\*name\) are not allowed") as err:
        load_targets(BILLION_LAUGHS, "laughs.yaml")
    assert len(str(err.value)) < SHOWN_CHARS and "\n" not in str(err.value)


def test_a_billion_laughs_yaml_is_refused_without_libyaml(monkeypatch) -> None:
    monkeypatch.setattr(targets_module, "_FAST_LOADER", None)
    with pytest.raises(TargetsError, match=r"aliases \(\*name\) are not allowed"):
        load_targets(BILLION_LAUGHS, "laughs.yaml")
    assert load_targets(RULES).targets[0].id == "tarnby-arms"


def test_an_anchor_without_an_alias_still_loads() -> None:
    rules = "targets:\n  - {id: a, target: x, all: [&terms [alpha, beta]]}"
    assert load_targets(rules).targets[0].groups == (("alpha", "beta"),)


def test_an_error_message_quotes_at_most_300_characters_of_the_value() -> None:
    terms = ", ".join(["term"] * 2_000)
    with pytest.raises(TargetsError) as err:
        load_targets(f"targets:\n  - {{id: a, target: x, all: [[{terms}, 5]]}}", "big.yaml")
    assert "got 5" in str(err.value)
    with pytest.raises(TargetsError) as err:
        load_targets(f"targets:\n  - {{id: a, target: x, all: {{k: [{terms}]}}}}", "big.yaml")
    assert "`all` must list" in str(err.value)
    with pytest.raises(TargetsError) as err:
        load_targets(f"targets:\n  - [{terms}]", "big.yaml")
    assert len(str(err.value)) <= SHOWN_CHARS + 100


def test_yaml_nested_too_deep_is_a_targets_error() -> None:
    with pytest.raises(TargetsError, match=r"nested too deep|nesting depth"):
        load_targets("targets: " + "[" * 5000, "deep.yaml")


@pytest.mark.parametrize("version", ["[1]", '"two\\nlines"', "x" * 101])
def test_a_version_that_is_not_one_short_line_is_refused(version: str) -> None:
    with pytest.raises(TargetsError, match="`version` must be one line"):
        load_targets(f"version: {version}\ntargets: []", "v.yaml")


def test_match_needs_every_group() -> None:
    text = "Tarnby denied sending shells across the border.\n\nThe river militia was quiet."
    assert match_targets(text, _targets()) == []  # no paragraph holds all three groups


def test_match_within_one_paragraph() -> None:
    text = "Officials said Tarnbian trucks carried shells to the river militia overnight."
    (m,) = match_targets(text, _targets())
    assert m.target_id == "tarnby-arms"
    assert m.matched_terms == ("Tarnbian", "shells", "river militia")


def test_within_article_allows_groups_in_different_paragraphs() -> None:
    text = "The harbour of Ost needs a new quay.\n\nThe city voted for the sale on Monday."
    (m,) = match_targets(text, _targets())
    assert m.target_id == "harbour-sale"


def test_exclusion_term_rules_the_article_out() -> None:
    text = "Tarnby and the river militia discussed arms control and the shells stockpile."
    assert match_targets(text, _targets()) == []


def test_terms_match_whole_words_case_insensitively() -> None:
    matcher = TargetMatcher(_targets())
    assert matcher("TARNBY farms feed the river militia with charms.") == []
    assert [m.target_id for m in matcher("tarnby sent WEAPONS to the River Militia.")] == [
        "tarnby-arms"
    ]


def test_phrases_match_across_line_breaks_and_curly_apostrophes() -> None:
    t = Target("ost", "Ost's harbour", "entity", (("Ost's harbour",),), within="article")
    (m,) = match_targets("Workers left Ost’s\nharbour early.", [t])
    assert m.matched_terms == ("Ost's harbour",)


def test_score_grows_with_hits_and_saturates() -> None:
    once = "Tarnby sent shells to the river militia."
    many = " ".join([once] * SATURATION)
    (weak,) = match_targets(once, _targets())
    (strong,) = match_targets(many, _targets())
    assert weak.score == pytest.approx(1 / SATURATION, abs=1e-4)
    assert strong.score == 1.0


def test_title_hits_count_twice_and_come_first() -> None:
    text = "Tarnby sent shells to the river militia."
    (plain,) = match_targets(text, _targets())
    (titled,) = match_targets(text, _targets(), title="Tarnby accused over shells")
    assert titled.score > plain.score
    assert titled.matched_terms[0] == "Tarnby"


def test_matches_are_sorted_best_first_then_by_id() -> None:
    text = (
        "Tarnby sent shells to the river militia, weapons too, and more shells to the river "
        "militia from Tarnby.\n\nThe harbour of Ost was sold."
    )
    assert [m.target_id for m in match_targets(text, _targets())] == [
        "tarnby-arms",
        "harbour-sale",
    ]


def test_shipped_targets_file_loads() -> None:
    ts = load_targets((REPO / "annotations" / "targets.yaml").read_text(encoding="utf-8"))
    ids = [t.id for t in ts.targets]
    assert "nk-arms-to-russia" in ids
    assert len(ids) >= 4 and len(set(ids)) == len(ids)


def test_shipped_targets_match_the_seed_page(seed_page: str) -> None:
    ts = load_targets((REPO / "annotations" / "targets.yaml").read_text(encoding="utf-8"))
    lines = seed_page.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("A senior North Korean"))
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("(Yonhap)"))
    body = "\n\n".join(line.strip() for line in lines[start : end + 1] if line.strip())
    assert [m.target_id for m in match_targets(body, ts)] == ["nk-arms-to-russia"]


def test_shipped_targets_fit_the_sample_corpus() -> None:
    """Every target meant for the sample corpus matches at least one of its raw pages."""
    ts = load_targets((REPO / "annotations" / "targets.yaml").read_text(encoding="utf-8"))
    sample = REPO / "corpus" / "raw" / "sample"
    if not sample.is_dir():
        pytest.skip(f"{sample} is absent")
    pages = [p.read_text(encoding="utf-8") for p in sorted((sample / "pages").glob("*.txt"))]
    matcher = TargetMatcher(ts)
    matched = {m.target_id for page in pages for m in matcher(page)}
    assert {"ostrania-arms-to-sallow-front", "veldavia-carbon-levy", "marenza-port-sale"} <= matched
