"""dedup.py: near duplicates point to the earliest member of their cluster."""

from __future__ import annotations

import random

import pytest

from newscorpus.normalize.dedup import KnownTexts, NearDuplicateIndex, shingles, signature


def _text(seed: int, words: int = 400) -> str:
    rng = random.Random(seed)
    vocab = [f"w{rng.randrange(5000)}" for _ in range(3000)]
    return " ".join(rng.choice(vocab) for _ in range(words))


def test_shingles_are_lowercased_word_ngrams() -> None:
    assert shingles("A b C d E f", width=5) == {b"a b c d e", b"b c d e f"}


def test_short_text_gives_one_shingle() -> None:
    assert shingles("Two words", width=5) == {b"two words"}


def test_a_lightly_updated_copy_is_found() -> None:
    original = _text(1)
    update = original + " An update sentence was added at the end of the story."
    index = NearDuplicateIndex()
    index.add("a", signature(original))
    assert index.find(signature(update)) == "a"


def test_an_unrelated_text_is_not_a_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("a", signature(_text(1)))
    assert index.find(signature(_text(2))) is None


def test_cluster_members_point_to_the_earliest_representative() -> None:
    base = _text(3)
    index = NearDuplicateIndex()
    index.add("first", signature(base))
    index.add("second", signature(base + " extra words here"), representative="first")
    assert index.find(signature(base + " another ending")) == "first"


def test_removed_articles_are_no_longer_found() -> None:
    index = NearDuplicateIndex()
    index.add("a", signature(_text(4)))
    index.remove("a")
    assert index.find(signature(_text(4))) is None


def test_a_removed_article_can_come_back_and_counts_once() -> None:
    text = _text(5)
    index = NearDuplicateIndex()
    index.add("a", signature(text))
    index.add("a", signature(text))
    assert len(index) == 1
    index.remove("a")
    assert len(index) == 0
    index.add("b", signature(text + " with a new last line"))
    index.add("a", signature(text), representative="b")
    assert len(index) == 2
    assert index.find(signature(text)) == "b"


def test_candidates_are_checked_earliest_first() -> None:
    text = _text(6)
    index = NearDuplicateIndex()
    index.add("late-name-but-first", signature(text))
    index.add("a-second", signature(text + " tail"))
    assert index.find(signature(text)) == "late-name-but-first"


def test_known_texts_behave_as_a_mapping() -> None:
    known = KnownTexts()
    known["sha-1"] = "id-1"
    known["sha-2"] = "id-2"
    assert known.get("sha-1") == "id-1"
    assert known.get("sha-3") is None
    assert known.pop("sha-1") == "id-1"
    assert known.pop("sha-1", None) is None
    with pytest.raises(KeyError):
        del known["sha-1"]
    assert dict(known) == {"sha-2": "id-2"}
    assert len(known) == 1


def test_a_bulk_load_indexes_as_adds_in_the_same_order_would() -> None:
    base, other = _text(7), _text(8)
    index = NearDuplicateIndex()
    index.load(
        [
            ("first", "first", signature(base)),
            ("other", "other", signature(other)),
            ("first", "ignored", signature(other)),  # an id seen twice keeps its first row
            ("copy", "first", signature(base + " tail")),
        ]
    )
    assert len(index) == 3
    assert index.find(signature(base + " another tail")) == "first"
    assert index.find(signature(other + " end")) == "other"
    index.add("later", signature(_text(9)))
    index.add("first", signature(_text(9)))  # still refused after the load
    assert len(index) == 4
    assert index.find(signature(_text(9))) == "later"


def test_known_texts_load_keeps_the_last_id_of_a_text_as_a_dict_would() -> None:
    known = KnownTexts()
    known["kept"] = "id-0"
    known.load([("sha-1", "id-1"), ("sha-2", "id-2"), ("sha-1", "id-3")])
    assert dict(known) == {"kept": "id-0", "sha-1": "id-3", "sha-2": "id-2"}
    known["sha-2"] = "id-4"
    assert known["sha-2"] == "id-4" and len(known) == 3
