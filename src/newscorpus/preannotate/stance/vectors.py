"""The fitted text space of the stance model: TF-IDF, its SVD, and BM25 statistics.

Fitted on the training texts only (claims and bodies, each distinct text once), then applied to
any pair: similarities between a claim and its body (whole, opening, closest sentence), a BM25
score of the claim against the body, and the SVD coordinates of both texts. Everything needed at
prediction time is kept in the fitted object; nothing refers back to the training data. Pure: no
file is read or written here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from newscorpus.preannotate.stance.features import OPENING_SENTENCES, split_sentences

TFIDF_MAX_FEATURES = 50_000
SVD_COMPONENTS = 100
SVD_KEPT = 50  # coordinates of each text handed to the classifier
BM25_K1, BM25_B = 1.2, 0.75
SEED = 0

SIMILARITY_NAMES: tuple[str, ...] = (
    "tfidf_cosine_body",
    "tfidf_cosine_opening",
    "tfidf_cosine_best_sentence",
    "svd_cosine_body",
    "bm25_body",
    "bm25_body_per_term",
)


def vector_names() -> tuple[str, ...]:
    """Column names of `TextVectors.transform`, in order."""
    coords = [f"{who}_svd{i}" for who in ("claim", "body") for i in range(SVD_KEPT)]
    return (*SIMILARITY_NAMES, *coords)


def _row_cosine(a: sparse.csr_matrix | np.ndarray, b: sparse.csr_matrix | np.ndarray) -> np.ndarray:
    """Cosine of each row of `a` with the same row of `b` (both already L2-normalized)."""
    if sparse.issparse(a):
        return np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return np.einsum("ij,ij->i", a, b)


class TextVectors:
    """TF-IDF + SVD + BM25 statistics fitted on training claims and bodies."""

    def __init__(self, seed: int = SEED) -> None:
        self.seed = seed
        self.tfidf = TfidfVectorizer(
            ngram_range=(1, 2),
            min_df=2,
            max_features=TFIDF_MAX_FEATURES,
            sublinear_tf=True,
            stop_words="english",
            dtype=np.float32,
        )
        self.svd = TruncatedSVD(n_components=SVD_COMPONENTS, random_state=seed)
        self.counts = CountVectorizer(stop_words="english", dtype=np.float32)
        self.idf: np.ndarray | None = None
        self.mean_length = 1.0

    def fit(self, claims: Sequence[str], bodies: Sequence[str]) -> TextVectors:
        """Fit on the distinct texts (a text repeated over pairs counts once)."""
        texts = sorted(set(claims)) + sorted(set(bodies))
        matrix = self.tfidf.fit_transform(texts)
        self.svd.n_components = min(SVD_COMPONENTS, matrix.shape[1] - 1, len(texts) - 1)
        self.svd.fit(matrix)
        body_counts = self.counts.fit_transform(sorted(set(bodies)))
        df = np.asarray((body_counts > 0).sum(axis=0)).ravel()
        n = body_counts.shape[0]
        self.idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        self.mean_length = float(body_counts.sum(axis=1).mean()) or 1.0
        return self

    def _svd(self, matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        coords = np.zeros((matrix.shape[0], SVD_KEPT), dtype=np.float32)
        projected = self.svd.transform(matrix)
        kept = min(SVD_KEPT, projected.shape[1])
        coords[:, :kept] = projected[:, :kept]
        return coords, normalize(projected)

    def _bm25(self, claims: Sequence[str], bodies: Sequence[str], rows: np.ndarray) -> np.ndarray:
        """BM25 of each claim (as a bag of terms) against body `rows[i]` of the distinct bodies."""
        assert self.idf is not None, "fit first"
        claim_terms = (self.counts.transform(claims) > 0).astype(np.float32)
        tf = self.counts.transform(bodies).tocoo()
        lengths = np.bincount(tf.row, weights=tf.data, minlength=tf.shape[0])
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / self.mean_length)
        weights = tf.data * (BM25_K1 + 1) / (tf.data + norm[tf.row]) * self.idf[tf.col]
        weighted = sparse.csr_matrix((weights, (tf.row, tf.col)), shape=tf.shape)[rows]
        scores = np.asarray(claim_terms.multiply(weighted).sum(axis=1)).ravel()
        terms = np.asarray(claim_terms.sum(axis=1)).ravel()
        return np.column_stack([scores, scores / np.maximum(terms, 1)])

    def _best_sentence(
        self, claims: sparse.csr_matrix, sentences: Sequence[Sequence[str]], rows: np.ndarray
    ) -> np.ndarray:
        """Highest TF-IDF cosine between each claim and one sentence of its body.

        Each pair is expanded to one row per sentence of its body, all cosines are taken at
        once, and the maximum is kept per pair.
        """
        matrix = self.tfidf.transform([s for group in sentences for s in group]).tocsr()
        counts = np.array([len(g) for g in sentences], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        per_pair = counts[rows]
        pair_of_row = np.repeat(np.arange(len(rows)), per_pair)
        offsets = np.arange(per_pair.sum()) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
        sentence_of_row = starts[rows][pair_of_row] + offsets
        cosines = _row_cosine(claims[pair_of_row], matrix[sentence_of_row])
        bounds = np.concatenate([[0], np.cumsum(per_pair)[:-1]])
        return np.maximum.reduceat(cosines, bounds).astype(np.float32)

    def transform(self, claims: Sequence[str], bodies: Sequence[str]) -> np.ndarray:
        """One row of `vector_names()` per (claim, body) pair; bodies are computed once each."""
        distinct = sorted(set(bodies))
        index = {b: i for i, b in enumerate(distinct)}
        rows = np.array([index[b] for b in bodies], dtype=np.int64)
        sentences = [split_sentences(b) or [b] for b in distinct]
        openings = [" ".join(group[:OPENING_SENTENCES]) for group in sentences]
        c_tfidf = self.tfidf.transform(claims)
        b_tfidf = self.tfidf.transform(distinct)
        o_tfidf = self.tfidf.transform(openings)
        c_coords, c_unit = self._svd(c_tfidf)
        b_coords, b_unit = self._svd(b_tfidf)
        columns = [
            _row_cosine(c_tfidf, b_tfidf[rows]),
            _row_cosine(c_tfidf, o_tfidf[rows]),
            self._best_sentence(c_tfidf, sentences, rows),
            _row_cosine(c_unit, b_unit[rows]),
            *self._bm25(claims, distinct, rows).T,
        ]
        return np.column_stack([*columns, c_coords, b_coords[rows]]).astype(np.float32)
