"""Tokens and BIO tags for the `quotes_bio` config: character spans in, token labels out. Pure.

Tokens keep their code-point offsets into the article text, so a tag can always be traced back to
the span it came from, and withheld texts can be re-tokenized identically after hydration. One
sequence per paragraph keeps rows short enough for token-classification models. Never reads files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

# Words (with inner hyphens/apostrophes, as in "Kwon Jong-gun" or "don't"), else one character as
# a reader sees it. The `regex` package's \w (Unicode's word characters) includes combining marks
# and the zero-width joiners, so a Devanagari vowel sign, a decomposed accent or a Persian ZWNJ
# stays inside its word; \X is a grapheme cluster, so an emoji joined with ZWJ or a flag is one
# token, not one per code point.
TOKEN_PATTERN = regex.compile(r"\w+(?:[-'’]\w+)*|(?!\s)\X")

# Where spans overlap, the narrower role wins: a speaker named inside a quote stays a speaker. A
# token touched by several spans goes to the first in (priority, start, end) order; the others lose
# it (the card counts the spans that lose tokens this way).
_PRIORITY = {"SPEAKER": 0, "CUE": 1, "QUOTE": 2}
OVERLAP_POLICY = (
    "a token touched by several spans is tagged for one: SPEAKER before CUE before QUOTE, then "
    "the span starting first; the other spans lose that token (a speaker named inside a quote "
    "splits the quote's tags in two)"
)

Span = tuple[int, int, str]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets (into `text`) of the tokens of text[start:end]."""
    end = len(text) if end is None else end
    return [m.span() for m in TOKEN_PATTERN.finditer(text, start, end)]


def token_owners(
    tokens: Sequence[tuple[int, int]], spans: Iterable[Span]
) -> tuple[list[Span], list[int | None]]:
    """The spans in priority order, and for each token the index of the span it is tagged for.

    A token belongs to a span when they share at least one character, so a span boundary that
    falls inside a word still tags the word.
    """
    ordered = sorted(
        (s for s in spans if s[1] > s[0]), key=lambda s: (_PRIORITY.get(s[2], 9), s[0], s[1])
    )
    owner: list[int | None] = [None] * len(tokens)
    for index, (span_start, span_end, _label) in enumerate(ordered):
        for t, (tok_start, tok_end) in enumerate(tokens):
            if tok_start >= span_end:
                break
            if tok_end > span_start and owner[t] is None:
                owner[t] = index
    return ordered, owner


def span_coverage(
    tokens: Sequence[tuple[int, int]], ordered: Sequence[Span], owner: Sequence[int | None]
) -> list[tuple[int, int]]:
    """(tokens touched, tokens tagged for it) of each span of `ordered`: fewer tagged than
    touched means the span lost tokens to another one."""
    coverage = []
    for index, (span_start, span_end, _label) in enumerate(ordered):
        touched = [t for t, (a, b) in enumerate(tokens) if b > span_start and a < span_end]
        coverage.append((len(touched), sum(owner[t] == index for t in touched)))
    return coverage


def tags_of(ordered: Sequence[Span], owner: Sequence[int | None]) -> list[str]:
    """BIO tags from token owners. A sequence never starts with I-: a span continuing from the
    previous paragraph starts again with B-."""
    tags = []
    previous: int | None = None
    for span_index in owner:
        if span_index is None:
            tags.append("O")
        else:
            prefix = "I" if span_index == previous else "B"
            tags.append(f"{prefix}-{ordered[span_index][2]}")
        previous = span_index
    return tags


def bio_tags(tokens: Sequence[tuple[int, int]], spans: Iterable[Span]) -> list[str]:
    """BIO tag of each token, from labelled character spans (start, end, label)."""
    return tags_of(*token_owners(tokens, spans))
