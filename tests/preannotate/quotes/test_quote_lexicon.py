"""The quote rules' vocabulary: the tables built from the word lists."""

from __future__ import annotations

from newscorpus.preannotate.quotes.lexicon import (
    CANDIDATE_WORDS,
    CUE_VERBS,
    PHRASAL_CUES,
    forms,
)


def test_regular_forms_follow_the_spelling_of_the_lemma() -> None:
    assert forms("argue") == ["argue", "argues", "argued", "arguing"]
    assert forms("stress") == ["stress", "stresses", "stressed", "stressing"]
    assert forms("claim") == ["claim", "claims", "claimed", "claiming"]


def test_irregular_forms_come_from_their_table() -> None:
    assert forms("say") == ["say", "says", "said", "saying"]


def test_a_form_listed_under_two_classes_belongs_to_the_first() -> None:
    """ "exclaim" is both a speech verb and a quote-only verb: speech comes first."""
    assert CUE_VERBS["exclaimed"] == ("exclaim", "speech")


def test_stance_phrasal_verbs_are_object_cues() -> None:
    assert PHRASAL_CUES[("campaigned", "for")] == ("campaign for", "object")
    assert ("worry", "about") not in PHRASAL_CUES  # only the inflected forms of "worry"


def test_every_cue_form_makes_a_paragraph_a_candidate() -> None:
    assert set(CUE_VERBS) <= CANDIDATE_WORDS
    assert {verb for verb, _ in PHRASAL_CUES} <= CANDIDATE_WORDS


def test_a_lemma_in_consonant_and_y_takes_ies_and_ied() -> None:
    assert forms("decry") == ["decry", "decries", "decried", "decrying"]
    assert CUE_VERBS["implied"] == ("imply", "speech")


def test_a_lemma_in_vowel_and_y_keeps_its_y() -> None:
    assert forms("obey") == ["obey", "obeys", "obeyed", "obeying"]


def test_a_short_lemma_doubles_its_last_consonant() -> None:
    assert forms("shrug") == ["shrug", "shrugs", "shrugged", "shrugging"]
    assert CUE_VERBS["snapped"][0] == "snap"
