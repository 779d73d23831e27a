"""term_index.py: the targets an article can match, from its words; the index never changes a
match (compared with trying every target on random made-up texts and targets)."""

from __future__ import annotations

import random
import re

import pytest

from newscorpus.preannotate.targets import Target, TargetMatcher
from newscorpus.preannotate.term_index import YPOGEGRAMMENI, TermIndex, fold

# Made-up words, with the characters whose case folding differs from str.lower (dotless and
# dotted i, long s, Kelvin sign, final sigma, micro sign, sharp s), apostrophes and hyphens.
WORDS = [
    "tarn", "Tarnby", "ostra", "kesh", "ISTAN", "ıstan", "İstan", "ſtorm", "storm", "KELVIN",
    "\u212aelvin", "σοφια", "ΣΟΦΙΑΣ", "σοφιας", "µark", "μark", "straße", "STRASSE", "co-op",
    "O'Neil", "O’Neil", "U.S.", "arms", "Arms", "shells", "levy", "Levy_2", "ιota",
    YPOGEGRAMMENI + "ota",
]  # fmt: skip
GLUE = [" ", " ", " ", ", ", ". ", "\n", "\n\n", " - ", "'s ", "  ", "-", "_", "’"]


def _text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(GLUE) for _ in range(words))


def _term(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, rng.choice([1, 1, 1, 2])))


def _targets(rng: random.Random, n: int) -> list[Target]:
    return [
        Target(
            id=f"t{i}",
            target=f"Target {i}",
            kind="claim",
            groups=tuple(
                tuple(_term(rng) for _ in range(rng.randint(1, 3)))
                for _ in range(rng.randint(1, 3))
            ),
            exclude=(_term(rng),) if rng.random() < 0.2 else (),
            within=rng.choice(["paragraph", "article"]),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("seed", range(8))
def test_the_index_gives_the_same_matches_as_trying_every_target(seed: int) -> None:
    rng = random.Random(seed)
    targets = _targets(rng, 60)
    indexed, every = TargetMatcher(targets), TargetMatcher(targets, index=False)
    matched = 0
    for _ in range(60):
        text, title = _text(rng, rng.randint(0, 40)), _text(rng, rng.randint(0, 4))
        expected = every(text, title)
        assert indexed(text, title) == expected
        matched += len(expected)
    assert matched > 0  # the comparison saw matches, not only empty lists


def test_fold_agrees_with_ignorecase_on_every_pair_of_words() -> None:
    words = [w for w in WORDS if YPOGEGRAMMENI not in w]
    for a in words:
        for b in words:
            same = re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None
            assert (fold(a) == fold(b)) == same, (a, b)


def test_only_targets_whose_every_group_has_a_word_in_the_text_are_tried() -> None:
    index = TermIndex([[["Tarnby"], ["arms", "shells"]], [["levy"]], [["Kesh"], ["storm"]]])
    assert index.candidates(["Tarnby sent SHELLS."]) == [0]
    assert index.candidates(["The levy", "Kesh"]) == [1]


def test_a_term_of_no_word_leaves_its_group_unfiltered() -> None:
    index = TermIndex([[["--"], ["levy"]], [["%"]]])
    assert index.candidates(["a levy"]) == [0, 1]
    assert index.candidates(["nothing"]) == [1]


def test_a_text_with_a_combining_ypogegrammeni_tries_every_target() -> None:
    index = TermIndex([[["ιota"]], [["levy"]]])
    assert index.candidates(["a" + YPOGEGRAMMENI + "ota"]) == [0, 1]
