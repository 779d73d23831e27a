"""The fitted text space of the stance model: TF-IDF, its SVD, and BM25 statistics.

Fitted on the training texts only (claims and bodies, each distinct text once), then applied to
any pair: similarities between a claim and its body (whole, opening, closest sentence), a BM25
score of the claim against the body, and the SVD coordinates of both texts. Everything needed at
prediction time is kept in the fitted object; nothing refers back to the training data. Pure: no
file is read or written here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from newscorpus.preannotate.stance import counts
from newscorpus.preannotate.stance.features import OPENING_SENTENCES, split_sentences

TFIDF_MAX_FEATURES = 50_000
SVD_COMPONENTS = 100
SVD_KEPT = 50  # coordinates of each text handed to the classifier
BM25_K1, BM25_B = 1.2, 0.75
SEED = 0
RUN_CACHE = "_stop_words_id"  # a vectorizer attribute holding an id(): left out of pickles

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

    def __getstate__(self) -> dict[str, object]:
        """The pickled state, without what differs between runs on the same data.

        scikit-learn's vectorizers remember the memory address of their stop-word setting
        (`_stop_words_id`, to skip a check they repeat otherwise), so the same model pickled in
        two processes would differ by those bytes; the copies pickled here leave it out.
        """
        state = dict(self.__dict__)
        for name in ("tfidf", "counts"):
            vectorizer = copy.copy(state[name])
            vars(vectorizer).pop(RUN_CACHE, None)
            state[name] = vectorizer
        return state

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

    def _bm25(
        self, claim_counts: sparse.csr_matrix, body_counts: sparse.csr_matrix, rows: np.ndarray
    ) -> np.ndarray:
        """BM25 of each claim (as a bag of terms) against body `rows[i]` of the distinct bodies."""
        assert self.idf is not None, "fit first"
        claim_terms = (claim_counts > 0).astype(np.float32)
        tf = body_counts.tocoo()
        lengths = np.bincount(tf.row, weights=tf.data, minlength=tf.shape[0])
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / self.mean_length)
        weights = tf.data * (BM25_K1 + 1) / (tf.data + norm[tf.row]) * self.idf[tf.col]
        weighted = sparse.csr_matrix((weights, (tf.row, tf.col)), shape=tf.shape)[rows]
        scores = np.asarray(claim_terms.multiply(weighted).sum(axis=1)).ravel()
        terms = np.asarray(claim_terms.sum(axis=1)).ravel()
        return np.column_stack([scores, scores / np.maximum(terms, 1)])

    def _best_sentence(
        self,
        claims: sparse.csr_matrix,
        matrix: sparse.csr_matrix,
        per_body: np.ndarray,
        rows: np.ndarray,
    ) -> np.ndarray:
        """Highest TF-IDF cosine between each claim and one sentence of its body.

        `matrix` holds the sentences of every distinct body in order, `per_body[b]` of them for
        body b. Each pair is expanded to one row per sentence of its body, all cosines are taken
        at once, and the maximum is kept per pair.
        """
        starts = np.concatenate([[0], np.cumsum(per_body)[:-1]])
        per_pair = per_body[rows]
        pair_of_row = np.repeat(np.arange(len(rows)), per_pair)
        offsets = np.arange(per_pair.sum()) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
        sentence_of_row = starts[rows][pair_of_row] + offsets
        cosines = _row_cosine(claims[pair_of_row], matrix[sentence_of_row])
        bounds = np.concatenate([[0], np.cumsum(per_pair)[:-1]])
        return np.maximum.reduceat(cosines, bounds).astype(np.float32)

    def _analyze(self) -> Callable[[str], list[str]]:
        """Words of a text as both vectorizers see them before n-grams (built alike in
        `__init__`; analyzing once serves both)."""
        if not counts.same_analysis(self.tfidf, self.counts):
            raise ValueError("the TF-IDF and BM25 vectorizers must analyze text alike")
        return counts.word_analysis(self.tfidf)

    def _tfidf(
        self, ids: Sequence[list[np.ndarray]], spans: Sequence[counts.Span]
    ) -> sparse.csr_matrix:
        return counts.tfidf_matrix(self.tfidf, counts.count_matrix(self.tfidf, ids, spans))

    def _body_matrices(self, bodies: Sequence[str], split: Mapping[str, Sequence[str]]) -> tuple:
        """TF-IDF of each body, of its opening and of each of its sentences (with the number of
        sentences of each body), and the BM25 term counts of each body.

        Each sentence is analyzed once (see `counts`); a body without sentences is one.
        """
        analyze = self._analyze()
        words, ends = [], []
        for body in bodies:
            body_words, body_ends = counts.joined_words(analyze, split[body] or [body])
            words.append(body_words)
            ends.append(body_ends)
        ids = [counts.gram_ids(self.tfidf, w) for w in words]
        whole = [(i, 0, len(w)) for i, w in enumerate(words)]
        opening = [(i, 0, e[:OPENING_SENTENCES][-1]) for i, e in enumerate(ends)]
        sentences = [
            (i, start, end)
            for i, group in enumerate(ends)
            for start, end in zip([0, *group], group, strict=False)
        ]
        bm25 = counts.count_matrix(
            self.counts, [counts.gram_ids(self.counts, w) for w in words], whole
        )
        per_body = np.array([len(e) for e in ends], dtype=np.int64)
        return (
            self._tfidf(ids, whole),
            self._tfidf(ids, opening),
            self._tfidf(ids, sentences),
            per_body,
            bm25,
        )

    def _claim_matrices(self, claims: Sequence[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """TF-IDF and BM25 term counts of each claim."""
        analyze = self._analyze()
        words = [analyze(c) for c in claims]
        whole = [(i, 0, len(w)) for i, w in enumerate(words)]
        ids = [counts.gram_ids(self.tfidf, w) for w in words]
        bm25 = counts.count_matrix(
            self.counts, [counts.gram_ids(self.counts, w) for w in words], whole
        )
        return self._tfidf(ids, whole), bm25

    def transform(
        self,
        claims: Sequence[str],
        bodies: Sequence[str],
        split: Mapping[str, Sequence[str]] | None = None,
    ) -> np.ndarray:
        """One row of `vector_names()` per (claim, body) pair; claims and bodies are computed
        once each. `split` may give the sentences of bodies already split by `split_sentences`.
        """
        distinct, rows = _distinct(bodies)
        claim_texts, claim_rows = _distinct(claims)
        if split is None:
            split = {b: split_sentences(b) for b in distinct}
        b_tfidf, o_tfidf, s_tfidf, per_body, b_counts = self._body_matrices(distinct, split)
        c_tfidf, c_counts = self._claim_matrices(claim_texts)
        c_coords, c_unit = self._svd(c_tfidf)
        b_coords, b_unit = self._svd(b_tfidf)
        pair_claims = c_tfidf[claim_rows]
        columns = [
            _row_cosine(pair_claims, b_tfidf[rows]),
            _row_cosine(pair_claims, o_tfidf[rows]),
            self._best_sentence(pair_claims, s_tfidf, per_body, rows),
            _row_cosine(c_unit[claim_rows], b_unit[rows]),
            *self._bm25(c_counts[claim_rows], b_counts, rows).T,
        ]
        return np.column_stack([*columns, c_coords[claim_rows], b_coords[rows]]).astype(np.float32)


def _distinct(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts, sorted, and the index of each text among them."""
    distinct = sorted(set(texts))
    index = {t: i for i, t in enumerate(distinct)}
    return distinct, np.array([index[t] for t in texts], dtype=np.int64)
