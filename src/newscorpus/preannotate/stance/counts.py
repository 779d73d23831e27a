"""Term counts of split texts under fitted scikit-learn vectorizers, each sentence analyzed once.

`TextVectors.transform` needs, for every body, the TF-IDF rows of the whole body, of its opening
and of each sentence, and the body's BM25 term counts. Each vectorizer's own `transform` would
lowercase, tokenize, drop stop words and look up n-grams in the same text up to five times per
body, which was most of the cost of a body new to the model. Here each sentence is analyzed once:
a body's words are its sentences' words end to end (sentences are cut at whitespace or
punctuation, which no token spans), so the n-grams of the body, of its opening and of each
sentence are slices of one list. The matrices are the ones the vectorizers' `transform` gives,
entry for entry (same counts, same index order, same float operations;
tests/preannotate/stance/test_stance_counts.py compares them). Never fits anything, never reads a
file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import filterfalse, repeat

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

# A document as a run of one text's words: (text index, first word, end word).
Span = tuple[int, int, int]
# Vectorizer settings that decide which words a text yields before n-grams are formed.
ANALYSIS_PARAMS = (
    "input",
    "encoding",
    "decode_error",
    "strip_accents",
    "lowercase",
    "preprocessor",
    "tokenizer",
    "token_pattern",
    "stop_words",
    "analyzer",
)


def word_analysis(vectorizer: CountVectorizer) -> Callable[[str], list[str]]:
    """The vectorizer's words of a text before n-grams: preprocessed, tokenized, stop words out."""
    if vectorizer.analyzer != "word" or vectorizer.input != "content":
        raise ValueError("only word analyzers over text content can be analyzed by sentence")
    preprocess = vectorizer.build_preprocessor()
    tokenize = vectorizer.build_tokenizer()
    stop = frozenset(vectorizer.get_stop_words() or ())
    return lambda text: list(filterfalse(stop.__contains__, tokenize(preprocess(text))))


def same_analysis(a: CountVectorizer, b: CountVectorizer) -> bool:
    """Whether two vectorizers yield the same words of any text (n-grams aside)."""
    first, second = a.get_params(), b.get_params()
    return all(first[name] == second[name] for name in ANALYSIS_PARAMS)


def joined_words(
    analyze: Callable[[str], list[str]], pieces: Sequence[str]
) -> tuple[list[str], list[int]]:
    """The words of pieces (sentences) end to end, and the word offset where each piece ends."""
    words: list[str] = []
    ends = []
    for piece in pieces:
        words += analyze(piece)
        ends.append(len(words))
    return words, ends


def gram_ids(vectorizer: CountVectorizer, words: list[str]) -> list[np.ndarray]:
    """For each n of the vectorizer's n-gram range, the vocabulary id of the n-gram starting at
    each word (-1 when the vocabulary lacks it), as the vectorizer joins n-grams (one space)."""
    vocabulary = vectorizer.vocabulary_
    low, high = vectorizer.ngram_range
    out = []
    for n in range(low, high + 1):
        grams = (
            words if n == 1 else map(" ".join, zip(*(words[k:] for k in range(n)), strict=False))
        )
        found = map(vocabulary.get, grams, repeat(-1))
        out.append(np.fromiter(found, dtype=np.int32, count=max(len(words) - n + 1, 0)))
    return out


def _ranges(first: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """first[0], first[0] + 1, ... (lengths[0] of them), then the same from first[1], ..."""
    starts = np.cumsum(lengths) - lengths
    return np.repeat(first - starts, lengths) + np.arange(lengths.sum())


def count_matrix(
    vectorizer: CountVectorizer, ids: Sequence[list[np.ndarray]], spans: Sequence[Span]
) -> sparse.csr_matrix:
    """Term counts of each span (one row each), as the vectorizer's `transform` counts them.

    `ids` holds `gram_ids` of each text. A span's n-grams are those starting inside it and
    ending inside it; out-of-vocabulary n-grams are skipped, repeats summed, indices sorted.
    """
    text, start, end = np.array(spans, dtype=np.int64).reshape(-1, 3).T
    columns, rows = [], []
    for k, n in enumerate(range(vectorizer.ngram_range[0], vectorizer.ngram_range[1] + 1)):
        flat = np.concatenate([np.zeros(0, dtype=np.int32), *(grams[k] for grams in ids)])
        offsets = np.cumsum([0, *(len(grams[k]) for grams in ids)])
        lengths = np.maximum(end - n + 1 - start, 0)
        columns.append(flat[_ranges(offsets[text] + start, lengths)])
        rows.append(np.repeat(np.arange(len(spans), dtype=np.int32), lengths))
    cols, row = np.concatenate(columns), np.concatenate(rows)
    known = cols >= 0
    shape = (len(spans), len(vectorizer.vocabulary_))
    values = np.ones(int(known.sum()), dtype=vectorizer.dtype)
    matrix = sparse.csr_matrix((values, (row[known], cols[known])), shape=shape)
    matrix.sum_duplicates()
    if vectorizer.binary:
        matrix.data.fill(1)
    return matrix


def tfidf_matrix(vectorizer: TfidfVectorizer, counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """TF-IDF rows from term counts, as the vectorizer's `transform` weighs them (in place)."""
    if vectorizer.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1.0
    if vectorizer.use_idf:
        counts.data *= vectorizer.idf_[counts.indices]
    if vectorizer.norm is not None:
        counts = normalize(counts, norm=vectorizer.norm, copy=False)
    return counts
