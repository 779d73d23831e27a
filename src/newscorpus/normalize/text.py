"""Text normalization, ids and hashes: a RawArticle in, a corpus row (schema.ARTICLES) out. Pure.

Every offset the project stores is a Python code point into the `text` made here, so the rules
below are versioned (`PIPELINE_VERSION`): changing them changes ids, and old outputs must stay
explainable. Quotation marks and apostrophes are kept exactly as written, because quote detection
and annotators depend on them. This module reads no files and never prints.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import numpy as np

from newscorpus.errors import RejectError
from newscorpus.hashing import sha256_hex, text_sha256
from newscorpus.ingest.decode import repair_text
from newscorpus.ingest.raw import RawArticle
from newscorpus.normalize.language import declared_language

# v2: invisible characters removed before NFC (a text normalized again no longer changes); a
# declared language kept only as a valid ISO 639 code (normalize.language).
PIPELINE_VERSION = "normalize-rules-v2"

LINE_ENDINGS = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v\u00a0\u3000]*\n\s*")
# Every run of whitespace inside a paragraph (no-break and thin spaces included) -> one space.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Control characters and invisible zero-width marks carry no text: they are dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
# Languages decided on too little text are guesses: below this many letters, language stays null.
_MIN_LETTERS_FOR_LANGUAGE = 40


def normalize_text(text: str) -> str:
    """The canonical body: mojibake repaired, NFC, paragraphs split by exactly one blank line.

    Single newlines inside a paragraph are wrapping, not structure, so they become spaces.
    """
    # Invisible characters go before NFC: one between a letter and its accent would otherwise
    # keep them apart, and normalizing the result again would change it.
    text = repair_text(_CONTROL.sub("", LINE_ENDINGS.sub("\n", text)))
    paragraphs = (_SPACES.sub(" ", p).strip() for p in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def normalize_line(text: str | None) -> str | None:
    """A one-line field (title, caption, name): repaired, NFC, whitespace collapsed; '' -> None."""
    if text is None:
        return None
    text = _SPACES.sub(" ", repair_text(_CONTROL.sub("", text))).strip()
    return text or None


def paragraph_spans(text: str) -> list[dict[str, int]]:
    """Start/end code-point offsets of each paragraph of a normalized text."""
    spans = []
    start = 0
    for paragraph in text.split("\n\n"):
        spans.append({"start": start, "end": start + len(paragraph)})
        start += len(paragraph) + 2
    return spans if text else []


def article_id(text: str) -> str:
    """Stable id from the normalized text alone, so a text can never change under its id.

    Exact duplicates (same normalized text, whatever their titles or formats) share an id and
    collapse into one row.
    """
    return sha256_hex(b"newscorpus-article\x00" + text.encode("utf-8"))[:20]


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from langid.langid import LanguageIdentifier, model

    return LanguageIdentifier.from_modelstring(model, norm_probs=False)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language from its first paragraphs; None when too short.

    langid's own `classify` multiplies the dense feature vector by the whole model matrix; only the
    few features present in a short sample matter, so the same Naive Bayes sum is taken over them.
    """
    sample = text[:600]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS_FOR_LANGUAGE:
        return None
    identifier = _language_identifier()
    features = identifier.instance2fv(sample)
    present = np.flatnonzero(features)
    scores = identifier.nb_pc + features[present] @ identifier.nb_ptc[present]
    return str(identifier.nb_classes[int(np.argmax(scores))])


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _unique(values: Any) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        clean = normalize_line(value)
        if clean and clean not in seen:
            seen[clean] = None
    return list(seen)


def normalize_article(raw: RawArticle, pipeline_version: str = PIPELINE_VERSION) -> dict[str, Any]:
    """A corpus row (schema.ARTICLES, without duplicate_of decided) from a reader's RawArticle.

    Raises:
        RejectError: `no_article` when nothing of the body is left after normalization.
    """
    text = normalize_text(raw.text)
    if not text:
        raise RejectError("no_article", "the article body is empty after normalization")
    content_sha256 = text_sha256(text)
    language = normalize_line(raw.language)
    return {
        "id": article_id(text),
        "source_file": raw.source_file,
        "input_format": raw.input_format,
        "record_index": raw.record_index,
        "url": normalize_line(raw.url),
        "source": normalize_line(raw.source),
        "title": normalize_line(raw.title),
        "authors": _unique(raw.authors),
        "agency": normalize_line(raw.agency),
        "published": _utc(raw.published),
        # A declared language that is no ISO 639 code is unknown, not a guess (normalize.language).
        "language": declared_language(language) if language else detect_language(text),
        "text": text,
        "paragraphs": paragraph_spans(text),
        "captions": _unique(raw.captions),
        "license": normalize_line(raw.license),
        "raw_sha256": raw.raw_sha256,
        "content_sha256": content_sha256,
        "duplicate_of": None,
        "pipeline_version": pipeline_version,
        "extractor_version": raw.extractor,
    }
