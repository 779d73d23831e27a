"""Reader for page text dumps (.txt): the whole page as text in, the cleaned article out.

Decodes the bytes, hands the text to the pure cleaner (`ingest.pagedump.clean_page`) and turns
its result into a RawArticle. A dump with no article body (an index of teasers, an error page) is
rejected as `no_article` rather than yielding chrome as text.

Must never write files or guess a date: the published string goes through the parser every reader
shares (ingest.dates), which gives None for one that is partial, ambiguous (05/06/2019), in the
future or unparseable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newscorpus.errors import RejectError
from newscorpus.ingest.dates import parse_date
from newscorpus.ingest.decode import decode_bytes, repair_text
from newscorpus.ingest.pagedump import RULES_VERSION, clean_page
from newscorpus.ingest.raw import RawArticle
from newscorpus.ingest.words import word_count

__all__ = ["read"]

INPUT_FORMAT = "pages"
# Fewer words than this is a stub or a notice, not an article.
MIN_BODY_WORDS = 30

# What an error page says. Its title may be just "404"; its text says what went wrong.
_ERROR_TITLE = re.compile(r"\b(?:404|410)\b|\bnot found\b|\berror\b", re.I)
_ERROR_TEXT = re.compile(
    r"\bpage (?:was |is )?(?:not found|cannot be found|can't be found|does not exist)\b"
    r"|\bthe page you (?:are|were|’re|'re) looking for\b|\bno longer available\b",
    re.I,
)


def read(data: bytes, source_file: str, raw_sha256: str) -> Iterator[RawArticle]:
    """Read one page dump into one RawArticle.

    Raises:
        RejectError: empty, binary or encoding (from decoding); no_article when the page has no
            article body.
    """
    # Mojibake is undone before cleaning: the cleaner reads "©", curly quotes and dashes, which a
    # page of UTF-8 read as cp1252 spells "Â©", "â€œ", "â€”".
    decoded = decode_bytes(data)
    page = clean_page(repair_text(decoded.text))
    words = sum(word_count(p) for p in page.paragraphs)
    if words < MIN_BODY_WORDS:
        raise RejectError(
            "no_article",
            f"{source_file}: no article body in the page text ({words} words of prose)",
        )
    title = page.title or ""
    error_title = len(title.split()) <= 10 and _ERROR_TITLE.search(title)
    if words < 150 and (error_title or any(_ERROR_TEXT.search(p) for p in page.paragraphs[:2])):
        raise RejectError("no_article", f"{source_file}: an error page, not an article")
    yield RawArticle(
        source_file=source_file,
        input_format=INPUT_FORMAT,
        raw_sha256=raw_sha256,
        text="\n\n".join(page.paragraphs),
        title=page.title,
        source=page.source,
        authors=page.authors,
        agency=page.agency,
        published=parse_date(page.published),
        captions=page.captions,
        decode_replacements=decoded.replaced,
        extractor=RULES_VERSION,
    )
