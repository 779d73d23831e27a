"""Hand features of a (claim, article body) pair for the stance model. Pure: text in, numbers out.

Two kinds, both known from FNC-1 (its baseline and its best systems):
- relatedness: how much of the claim the body repeats (word, stem, n-gram and character overlap,
  in the whole body and in its opening, and where in the body the claim's words first appear);
- stance cues: refuting, hedging, reporting and supporting words and question marks, counted in
  the claim, in the body, and in the body sentences closest to the claim, where a body's verdict
  on the claim is usually stated.
Word lists are data (named constants below). Nothing here is fitted to training data; the fitted
parts (TF-IDF, SVD, BM25 statistics) live in `vectors.py`. Never reads a file.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, filterfalse


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# FNC-1 baseline's refuting words, plus a few of their inflections.
REFUTING_WORDS = _words(
    "fake fraud hoax false deny denies denied denying refute refutes refuted not despite nope "
    "doubt doubts bogus debunk debunked debunks prank pranks retract retracts retracted "
    "untrue myth rumour rumor baseless satire satirical fabricated never no"
)
# Words that report a claim without endorsing it (the `discuss` class).
HEDGING_WORDS = _words(
    "allegedly reportedly apparently purportedly supposedly claim claims claimed claiming "
    "according rumoured rumored unconfirmed unverified may might could possibly perhaps "
    "seemingly suggests suggested appears appeared believed report reports reported "
    "speculation speculate speculated unclear alleged purported"
)
# Words that state a claim as fact (the `agree` class).
SUPPORTING_WORDS = _words(
    "confirmed confirms confirm confirming indeed actually true truly verified officially "
    "announced revealed proved proven shows showed evidence definitely"
)
REFUTING_IN_ORDER = tuple(sorted(REFUTING_WORDS))  # one feature each, in this order
NEGATIONS = _words("not no never n't nor none nothing cannot without")
STOPWORDS = _words(
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "this that these those it its he she they them his her their we our you your i me my "
    "has have had do does did will would shall should can s t so than then there here "
    "who whom which what when where why how all any each up out about into over after "
    "just also more most some such only own same too very"
)
# Sentences of the body compared with the claim: its opening, and the closest ones.
OPENING_SENTENCES = 2
OPENING_CHARS = 255
CLOSEST_SENTENCES = 3
CHAR_GRAMS = (4, 8)
WORD_GRAMS = (2, 3)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens (letters and digits, with an attached contraction)."""
    return _WORD.findall(text.lower().replace("’", "'"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to match `denies`/`denied`/`deny` for overlap counts."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] + "i" if word.endswith("y") and len(word) > 3 else word


def content_stems(tokens: Sequence[str]) -> list[str]:
    """Stems of the tokens that are not stopwords."""
    return list(map(stem, filterfalse(STOPWORDS.__contains__, tokens)))


def split_sentences(text: str) -> list[str]:
    """Sentences (and lines) of a body; a body without punctuation is one sentence."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _ngrams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _char_grams(text: str, sizes: Sequence[int] = CHAR_GRAMS) -> dict[int, set[str]]:
    """Character n-grams of each size over the text's tokens, space-separated."""
    text = " ".join(tokenize(text))
    return {n: {text[i : i + n] for i in range(len(text) - n + 1)} for n in sizes}


def _share(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


# Word lists counted in each body sentence, in the order of `BodyParts.sentence_cues`.
CUE_LISTS = (REFUTING_WORDS, HEDGING_WORDS, SUPPORTING_WORDS, NEGATIONS)
REFUTING, HEDGING, SUPPORTING, NEGATION = range(len(CUE_LISTS))
CUE_WORDS = frozenset().union(*CUE_LISTS)
NO_CUES = (0,) * len(CUE_LISTS)


@dataclass(frozen=True)
class BodyParts:
    """What the features need of a body, computed once per body (bodies repeat across pairs, and
    a body new to the model costs what is done here: what does not depend on the claim is)."""

    texts: tuple[str, ...]  # the sentences, as `split_sentences` cuts them
    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    stem_set: frozenset[str]
    stem_hits: dict[str, tuple[int, int, int]]  # stem: first position, occurrences, their sum
    sentences: tuple[tuple[str, ...], ...]  # tokens of each sentence
    sentence_stems: tuple[frozenset[str], ...]
    sentence_cues: tuple[tuple[int, ...], ...]  # words of each of CUE_LISTS in each sentence
    opening_stems: frozenset[str]
    joined: str  # the tokens, space-separated with a space at each end: n-grams by substring
    opening_char_grams: dict[int, set[str]]  # of its first OPENING_CHARS, for each of CHAR_GRAMS
    question_marks: int

    def cue_rate(self, cue: int, sentences: Sequence[int]) -> float:
        """Per 100 words, the words of `CUE_LISTS[cue]` in the given sentences."""
        found = sum(self.sentence_cues[i][cue] for i in sentences)
        return 100.0 * found / max(sum(len(self.sentences[i]) for i in sentences), 1)


def _stem_hits(stems: Sequence[str]) -> dict[str, tuple[int, int, int]]:
    hits: dict[str, tuple[int, int, int]] = {}
    for i, s in enumerate(stems):
        first, count, total = hits.get(s, (i, 0, 0))
        hits[s] = (first, count + 1, total + i)
    return hits


def body_parts(body: str) -> BodyParts:
    """Split a body once into the pieces every pair with it reuses."""
    texts = tuple(split_sentences(body))
    sentences = tuple(tuple(tokenize(s)) for s in texts) or ((),)
    sentence_stems = [content_stems(s) for s in sentences]
    tokens = tuple(chain.from_iterable(sentences))
    stems = tuple(chain.from_iterable(sentence_stems))
    return BodyParts(
        texts=texts,
        tokens=tokens,
        stems=stems,
        stem_set=frozenset(stems),
        stem_hits=_stem_hits(stems),
        sentences=sentences,
        sentence_stems=tuple(map(frozenset, sentence_stems)),
        sentence_cues=tuple(map(_cues, sentences)),
        opening_stems=frozenset(chain.from_iterable(sentence_stems[:OPENING_SENTENCES])),
        joined=f" {' '.join(tokens)} ",
        opening_char_grams=_char_grams(body[:OPENING_CHARS]),
        question_marks=body.count("?"),
    )


def _count(tokens: Sequence[str], words: frozenset[str]) -> int:
    return sum(map(words.__contains__, tokens))


def _cues(tokens: Sequence[str]) -> tuple[int, ...]:
    """The words of each of CUE_LISTS in the tokens (most sentences have none: one pass)."""
    found = list(filter(CUE_WORDS.__contains__, tokens))
    return tuple(_count(found, words) for words in CUE_LISTS) if found else NO_CUES


def _overlap_features(
    headline: str, tokens: list[str], h_stems: set[str], parts: BodyParts
) -> list[float]:
    shared = len(h_stems & parts.stem_set)
    union = len(h_stems) + len(parts.stem_set) - shared
    hits = [parts.stem_hits[s] for s in h_stems if s in parts.stem_hits]
    found = sum(count for _, count, _ in hits)
    n = max(len(parts.stems), 1)
    out = [
        shared / union if union else 0.0,
        _share(h_stems, parts.stem_set),
        _share(h_stems, parts.opening_stems),
        min(first for first, _, _ in hits) / n if hits else 1.0,
        sum(total for _, _, total in hits) / found / n if hits else 1.0,
        math.log1p(found),
    ]
    for size in WORD_GRAMS:
        grams = _ngrams(tokens, size)
        found_grams = sum(1 for gram in grams if f" {' '.join(gram)} " in parts.joined)
        out.append(found_grams / len(grams) if grams else 0.0)
    claim_grams = _char_grams(headline)
    for size in CHAR_GRAMS:
        out.append(_share(claim_grams[size], parts.opening_char_grams[size]))
    return out


def closest_sentences(h_stems: set[str], parts: BodyParts, k: int = CLOSEST_SENTENCES) -> list[int]:
    """Indexes of the k body sentences sharing most claim stems (earlier first on ties)."""
    shared = [len(h_stems & s) for s in parts.sentence_stems]
    order = sorted(range(len(shared)), key=lambda i: (-shared[i], i))
    return [i for i in order[:k] if shared[i] > 0]


def _cue_features(
    tokens: list[str], headline: str, h_stems: set[str], parts: BodyParts
) -> list[float]:
    closest = closest_sentences(h_stems, parts)
    every = range(len(parts.sentences))
    opening = every[:OPENING_SENTENCES]
    out: list[float] = []
    for cue in (REFUTING, HEDGING, SUPPORTING):
        out.append(float(_count(tokens, CUE_LISTS[cue])))
        out += [parts.cue_rate(cue, every), parts.cue_rate(cue, closest)]
        out.append(parts.cue_rate(cue, opening))
    out += [
        float(_count(tokens, REFUTING_WORDS) % 2),
        float(sum(cues[REFUTING] for cues in parts.sentence_cues) % 2),
        parts.cue_rate(NEGATION, closest),
        float("?" in headline),
        math.log1p(parts.question_marks),
        math.log1p(len(tokens)),
        math.log1p(len(parts.tokens)),
        float(len(closest)),
    ]
    return out


def _cue_names() -> list[str]:
    names = []
    for kind in ("refuting", "hedging", "supporting"):
        names += [f"{kind}_in_claim", f"{kind}_rate_body", f"{kind}_rate_near", f"{kind}_rate_open"]
    return [
        *names,
        "claim_refuting_parity",
        "body_refuting_parity",
        "negation_rate_near",
        "claim_question",
        "body_question_marks",
        "claim_length",
        "body_length",
        "near_sentences",
    ]


FEATURE_NAMES: tuple[str, ...] = (
    "stem_jaccard",
    "claim_stems_in_body",
    "claim_stems_in_opening",
    "first_claim_stem_position",
    "mean_claim_stem_position",
    "claim_stem_hits",
    *(f"claim_{n}grams_in_body" for n in WORD_GRAMS),
    *(f"claim_char{n}_in_opening" for n in CHAR_GRAMS),
    *(f"claim_has_{w}" for w in REFUTING_IN_ORDER),
    *_cue_names(),
)


def hand_features(headline: str, parts: BodyParts) -> list[float]:
    """The values of `FEATURE_NAMES` for one claim and one body (split by `body_parts`)."""
    tokens = tokenize(headline)
    h_stems = set(content_stems(tokens))  # the claim's stems
    present = Counter(tokens)
    return [
        *_overlap_features(headline, tokens, h_stems, parts),
        *(float(present[w] > 0) for w in REFUTING_IN_ORDER),
        *_cue_features(tokens, headline, h_stems, parts),
    ]
