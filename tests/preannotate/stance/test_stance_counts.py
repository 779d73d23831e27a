"""Term counts built from sentences analyzed once are the fitted vectorizers' own, entry for entry
(synthetic texts, made up here)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from stance_synth import synthetic_pairs

from newscorpus.preannotate.stance import counts
from newscorpus.preannotate.stance.features import OPENING_SENTENCES, split_sentences
from newscorpus.preannotate.stance.vectors import TextVectors

# Cuts after quotes, at line breaks, a sentence of stop words only, non-ASCII words and a
# capital that lowercases to two characters: the places where analyzing pieces could differ.
TRICKY_BODIES = (
    'Zorblat will open a factory in Quenville. "It is true." Zorblat\'s town council agreed!\n'
    "The factory in Quenville would employ 300 people",
    "Is it so? It is. Café Ardmoor denied the factory report.' Then Zorblat spoke.\n\nİstanbul "
    "residents and ΣΟΦΟΣ readers followed the factory story",
    "Quenville",
    "",
)


@pytest.fixture(scope="module")
def vectors() -> TextVectors:
    pairs = synthetic_pairs(claims=12)
    claims = [p.headline for p in pairs]
    return TextVectors().fit(claims + list(TRICKY_BODIES), [p.body for p in pairs])


def _same(ours: sparse.csr_matrix, theirs: sparse.csr_matrix) -> bool:
    return (
        ours.shape == theirs.shape
        and np.array_equal(ours.indptr, theirs.indptr)
        and np.array_equal(ours.indices, theirs.indices)
        and ours.data.tobytes() == theirs.data.tobytes()
    )


def _analyzed(vectors: TextVectors, bodies):
    analyze = counts.word_analysis(vectors.tfidf)
    pieces = [split_sentences(b) or [b] for b in bodies]
    return pieces, [counts.joined_words(analyze, group) for group in pieces]


def test_body_opening_and_sentence_rows_are_the_vectorizers_own(vectors: TextVectors) -> None:
    pieces, analyzed = _analyzed(vectors, TRICKY_BODIES)
    ids = [counts.gram_ids(vectors.tfidf, words) for words, _ in analyzed]
    documents = {
        "body": (list(TRICKY_BODIES), [(i, 0, len(w)) for i, (w, _) in enumerate(analyzed)]),
        "opening": (
            [" ".join(group[:OPENING_SENTENCES]) for group in pieces],
            [(i, 0, ends[:OPENING_SENTENCES][-1]) for i, (_, ends) in enumerate(analyzed)],
        ),
        "sentence": (
            [s for group in pieces for s in group],
            [
                (i, a, b)
                for i, (_, e) in enumerate(analyzed)
                for a, b in zip([0, *e], e, strict=False)
            ],
        ),
    }
    for texts, spans in documents.values():
        ours = counts.tfidf_matrix(vectors.tfidf, counts.count_matrix(vectors.tfidf, ids, spans))
        assert _same(ours, vectors.tfidf.transform(texts))


def test_bm25_counts_are_the_count_vectorizers_own(vectors: TextVectors) -> None:
    _, analyzed = _analyzed(vectors, TRICKY_BODIES)
    ids = [counts.gram_ids(vectors.counts, words) for words, _ in analyzed]
    spans = [(i, 0, len(words)) for i, (words, _) in enumerate(analyzed)]
    ours = counts.count_matrix(vectors.counts, ids, spans)
    assert _same(ours, vectors.counts.transform(TRICKY_BODIES))


def test_binary_counts_are_ones() -> None:
    vectorizer = CountVectorizer(binary=True, dtype=np.float32).fit(["made up made up words"])
    words = counts.word_analysis(vectorizer)("made up made up words")
    matrix = counts.count_matrix(vectorizer, [counts.gram_ids(vectorizer, words)], [(0, 0, 5)])
    assert _same(matrix, vectorizer.transform(["made up made up words"]))


def test_a_character_analyzer_is_refused() -> None:
    vectorizer = CountVectorizer(analyzer="char").fit(["made up"])
    with pytest.raises(ValueError, match="word analyzers"):
        counts.word_analysis(vectorizer)
