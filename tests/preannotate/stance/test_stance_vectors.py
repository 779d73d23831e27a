"""The fitted text space: a body split beforehand gives the same row, and a pickled text space
carries nothing that changes from one process to the next (synthetic texts, made up here)."""

from __future__ import annotations

import pickle

import pytest
from stance_synth import synthetic_pairs

from newscorpus.preannotate.stance.features import split_sentences
from newscorpus.preannotate.stance.vectors import RUN_CACHE, TextVectors

BODIES = [
    'Zorblat will open a factory in Quenville. "It is true." The council agreed!\nHiring starts',
    "Quenville",
    "",
]
CLAIMS = ["Zorblat to open a factory in Quenville"] * len(BODIES)


@pytest.fixture(scope="module")
def vectors() -> TextVectors:
    pairs = synthetic_pairs(claims=12)
    return TextVectors().fit([p.headline for p in pairs], [p.body for p in pairs])


def test_bodies_split_beforehand_give_the_same_rows(vectors):
    split = {b: split_sentences(b) for b in BODIES}
    given = vectors.transform(CLAIMS, BODIES, split)
    assert given.tobytes() == vectors.transform(CLAIMS, BODIES).tobytes()


def test_a_pickled_text_space_leaves_out_the_vectorizers_memory_addresses(vectors):
    vectors.transform(CLAIMS, BODIES)
    assert RUN_CACHE in vars(vectors.tfidf)
    loaded = pickle.loads(pickle.dumps(vectors))
    assert RUN_CACHE not in vars(loaded.tfidf)
    assert RUN_CACHE not in vars(loaded.counts)
    assert loaded.transform(CLAIMS, BODIES).tobytes() == vectors.transform(CLAIMS, BODIES).tobytes()
