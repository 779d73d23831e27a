"""The record every reader produces: an article as found, before normalization.

Readers (newscorpus.ingest.*) fill what their format knows and leave the rest None; the pure
`newscorpus.normalize.text.normalize_article` turns a RawArticle into a corpus row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class RawArticle:
    """An extracted article and its metadata; text as found, paragraphs split by blank lines."""

    source_file: str
    input_format: str
    raw_sha256: str
    text: str
    title: str | None = None
    record_index: int | None = None
    url: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    published: datetime | None = None
    language: str | None = None
    captions: tuple[str, ...] = field(default_factory=tuple)
    license: str | None = None
    # Bytes that could not be decoded (or lone surrogates) replaced by U+FFFD in this record: a
    # warning counted by the run, the text itself shows where.
    decode_replacements: int = 0
    # The version of the rules that cut the text out of a page (pagedump or HTML extraction), so
    # a published row says which cleaner made it; None when the input held the text already.
    extractor: str | None = None


@dataclass(frozen=True)
class RecordReject:
    """One record of a multi-record input (WARC, JSONL, Parquet) that gave no article."""

    record_index: int | None
    reason: str
    detail: str
