"""`extract_quotes`: article text in, quotes with content, speaker, cue and speaker name out.

Runs the steps in order (units, masking, tokens per paragraph, attribution per paragraph and the
model's content bounds, then across paragraphs, the model's keep filter, then names) and turns
attributions into `Quote` records. Pure: no I/O, no
global state; must never raise on any input text and never return a span outside the text (a
malformed page gives fewer quotes, not an error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter

from newscorpus.labels import QUOTE_KINDS
from newscorpus.preannotate.quotes.article import continue_paragraphs, unattributed, units_in
from newscorpus.preannotate.quotes.attribution import Attribution, CueFinder, Paragraph
from newscorpus.preannotate.quotes.bounds import Chooser, refine
from newscorpus.preannotate.quotes.keep import kept
from newscorpus.preannotate.quotes.lexicon import CANDIDATE_WORDS
from newscorpus.preannotate.quotes.model import QuoteModel, packaged_model
from newscorpus.preannotate.quotes.names import resolve_names
from newscorpus.preannotate.quotes.paragraph import read_paragraph
from newscorpus.preannotate.quotes.scores import OPEN_QUOTE_FACTOR
from newscorpus.preannotate.quotes.tokens import Tok, tokens
from newscorpus.preannotate.quotes.units import MASK, Unit, find_units, masked, paragraphs
from newscorpus.spans import Span

QUOTES_MODEL_VERSION = "quotes-rules-v5"

DIRECT, INDIRECT, MIXED = QUOTE_KINDS
_ALPHA = re.compile(r"[a-z]+")
_matched = itemgetter(0)
# Candidate words `_ALPHA` splits (`co-sponsored`): looked for in the paragraph as they are.
_SPLIT_CANDIDATES = tuple(sorted(w for w in CANDIDATE_WORDS if not _ALPHA.fullmatch(w)))
# Shortest content kept (code points): anything shorter is a stray mark.
_MIN_CONTENT = 2


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: its content span, its kind, and who said it with which cue.

    The pieces of one attribution (the parts of an interrupted quote, a paragraph continuing the
    previous one) are separate quotes sharing the same `speaker` and `cue`. `score` is a rough
    confidence in [0, 1] for sorting suggestions, not a calibrated probability.
    """

    start: int
    end: int
    kind: str
    speaker: Span | None
    cue: Span | None
    speaker_name: str | None
    score: float


def _is_candidate(masked_text: str, ps: int, pe: int) -> bool:
    """Can the paragraph hold an attribution: a cue word, a colon or a quotation?"""
    segment = masked_text[ps:pe]
    if MASK in segment or ":" in segment:
        return True
    low = segment.lower()
    # Lazily: the test stops at the first cue word instead of listing every word first.
    if not CANDIDATE_WORDS.isdisjoint(map(_matched, _ALPHA.finditer(low))):
        return True
    return any(w in low for w in _SPLIT_CANDIDATES)


def _kind(att_units: list[int], units: list[Unit], s: int, e: int) -> str:
    inside = [units[u] for u in att_units if u >= 0 and s <= units[u].start and units[u].end <= e]
    if len(inside) == 1 and inside[0].start == s and inside[0].end == e:
        return DIRECT
    return MIXED if inside else INDIRECT


def _attributions(
    text: str,
    paras: list[tuple[int, int]],
    units: list[Unit],
    masked_text: str,
    model: Chooser,
    cue_finder: CueFinder | None = None,
) -> list[Attribution]:
    unit_starts = [u.start for u in units]
    used: set[int] = set()
    attrs: list[Attribution] = []
    para_tokens: list[list[Tok]] = []
    for pi, (ps, pe) in enumerate(paras):
        # Most of the cost is tokenizing; a paragraph with no cue word, colon or quotation
        # cannot hold an attribution, so it is not tokenized at all.
        if cue_finder is None and not _is_candidate(masked_text, ps, pe):
            para_tokens.append([])
            continue
        toks = tokens(masked_text, ps, pe, unit_starts)
        para_tokens.append(toks)
        if toks:
            para = Paragraph(toks, units, used, pi, cue_finder)
            found = read_paragraph(para)
            refine(para, found, model)
            attrs.extend(found)
    para_units = list(map(units_in, para_tokens))
    continue_paragraphs(para_tokens, para_units, units, used, attrs)
    attrs.extend(unattributed(text, para_tokens, para_units, units, used, attrs))
    return attrs


def _quotes(
    attrs: list[Attribution], names: list[str | None], units: list[Unit], n: int
) -> list[Quote]:
    """One quote per content, clipped to the text, in text order (by start, then longest)."""
    quotes: list[Quote] = []
    for att, name in zip(attrs, names, strict=True):
        speaker = Span(*att.speaker) if att.speaker else None
        cue = Span(*att.cue) if att.cue else None
        for s, e in att.contents:
            s, e = max(0, min(s, n)), max(0, min(e, n))
            if e - s < _MIN_CONTENT:
                continue
            kind = _kind(att.units, units, s, e)
            score = att.score
            if any(u >= 0 and not units[u].closed and s <= units[u].start < e for u in att.units):
                score *= OPEN_QUOTE_FACTOR
            quotes.append(Quote(s, e, kind, speaker, cue, name, round(min(score, 1.0), 3)))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _without_overlaps(quotes: list[Quote]) -> list[Quote]:
    """Of overlapping quotes, the first is kept unless a later one scores higher."""
    kept: list[Quote] = []
    for q in quotes:
        if kept and q.start < kept[-1].end:
            if q.score > kept[-1].score:
                kept[-1] = q
            continue
        kept.append(q)
    return kept


def extract_quotes(
    text: str, model: QuoteModel | None = None, cue_finder: CueFinder | None = None
) -> list[Quote]:
    """Find the quotations of an article with their speaker, cue and canonical speaker name.

    Args:
        text: the article body, paragraphs separated by newlines.
        model: the learned choices among the rules' candidates (`model.QuoteModel`); None for
            the one shipped with the package, `model.RULES_ONLY` for the rules alone.
        cue_finder: words to read as cues besides the listed ones (`attribution.CueFinder`),
            each paragraph then tokenized whatever its words; None (the default) for the lists
            alone.

    Returns:
        Quotes in text order (by start, then end); contents never overlap and every span lies
        inside `text`. Malformed input (unbalanced marks, a page cut mid-quote) yields fewer
        quotes, never an exception.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    paras = paragraphs(text)
    units = find_units(text, paras)
    masked_text = masked(text, units)
    chooser = packaged_model() if model is None else model
    found = _attributions(text, paras, units, masked_text, chooser, cue_finder)
    attrs = kept(text, found, chooser)
    names = resolve_names(text, masked_text, attrs)
    return _without_overlaps(_quotes(attrs, names, units, len(text)))
