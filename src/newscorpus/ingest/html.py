"""Reader for HTML pages (.html, .htm, .html.gz): trafilatura's body and metadata -> RawArticle.

Photo captions (figcaption and caption-classed elements) are collected separately and kept out of
the body; paragraphs are separated by one blank line. A page cut off mid-document is rejected as
`truncated_html` and a page without an article body (error page, index of links) as `no_article`,
because extracting something from either would put a wrong text under a stable id.

A page whose paragraphs hold more nodes than MAX_PARAGRAPH_NODES is rejected as `too_large` before
the extractor sees it: the extractor asks libxml2 for `//p//text()`, whose cost grows with the
square of that count (20,000 nodes: 0.4 s; 1M paragraphs: hours, in one C call no time limit can
interrupt). Real pages hold a few hundred.

Must never fetch anything (URLs are metadata only), write files, or guess an encoding silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime

from lxml import etree

from newscorpus.errors import RejectError
from newscorpus.ingest.compressed import gunzip, is_gzip
from newscorpus.ingest.dates import as_published, parse_date, written_day
from newscorpus.ingest.decode import decode_bytes
from newscorpus.ingest.html_completion import complete_body
from newscorpus.ingest.limits import DEFAULT_MAX_BYTES
from newscorpus.ingest.pagedump import find_agency, has_photo_credit, is_chrome
from newscorpus.ingest.pagedump.meta_patterns import DATE as FULL_DATE
from newscorpus.ingest.raw import RawArticle
from newscorpus.ingest.words import word_count

__all__ = ["extract_html", "looks_like_html", "read"]

INPUT_FORMAT = "html"
# Version of the body extraction around trafilatura, bumped when a change can alter the text it
# gives, so that old outputs stay explainable (docs/extraction-dev-log.md). v1: precision mode,
# captions and the page header out; v2: chrome paragraphs out (the page-dump cleaner's whole-line
# rules), the rest of trafilatura's containers put back (`html_completion`).
EXTRACTION_VERSION = "html-extract-v2"
# Elements and text nodes inside <p> elements; the largest of 90 real pages holds about 2,000.
MAX_PARAGRAPH_NODES = 20_000
# Below this the "article" is a stub, a teaser or an error message: nothing to annotate.
MIN_BODY_WORDS = 40
MIN_PARAGRAPH_WORDS = 12

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|article|p)\b",
    re.I | re.S,
)
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*[\s>/]")
_CLOSES_DOCUMENT = re.compile(r"</(?:html|body)\s*>", re.I)
# Elements whose end tag HTML never omits: still open at the end means the page was cut.
_CONTAINER_OPEN = re.compile(r"<(?:div|article|main|section|table|ul|ol)\b", re.I)
_CONTAINER_CLOSE = re.compile(r"</(?:div|article|main|section|table|ul|ol)\s*>", re.I)
# What an error page says in its (short) title; a news headline may say "not found" too, so the
# title must also be short and the body nearly empty (see _check_article).
_ERROR_TITLE = re.compile(
    r"\b(?:404|410|500|503)\b|\bnot found\b|\bpage (?:not|cannot|can't)\b|\berror (?:page|\d{3})\b"
    r"|\bno longer available\b|\bdoes not exist\b",
    re.I,
)
# The page header trafilatura may keep: labels, then the headline, within the first few blocks.
_HEADER_LINES = 3
_LABEL_WORDS = 6
_STANDFIRST_WORDS = 45
_KICKER = re.compile(r"^[^.!?]{1,60}(?:\s[|›»/]\s[^.!?]{1,40})+$")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)]*\s*$")
_WORD = re.compile(r"\w+")
_PUBLISHED_XPATH = (
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @itemprop='datePublished' or @name='pubdate' or @name='publishdate'"
    " or @property='og:published_time' or @name='date']/@content"
    " | //*[@itemprop='datePublished']/@datetime | //time[@datetime][1]/@datetime"
)
# The day htmldate gives a date it read without one; and a date written in a URL path.
_HTMLDATE_FILLED_DAY = 1
_URL_DATE = re.compile(r"(?<!\d)(?P<year>\d{4})([/_-])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)")
_CAPTION_XPATH = (
    ".//figcaption | .//*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' wp-caption-text ')]"
)
_OUTSIDE_ARTICLE = {"nav", "aside", "footer", "header"}
# A card shown on hover inside a paragraph holds a picture and links; only the innermost such
# element is the card (what wraps it holds the name the paragraph mentions).
_POPUP_XPATH = "//p//*[.//img and count(.//a) >= 2]"
# trafilatura's output elements that hold paragraphs rather than being one.
_CONTAINERS = {"body", "div", "list", "quote", "table", "doc", "main"}


def looks_like_html(text_head: str) -> bool:
    """Whether the first characters of a text are an HTML document (by content, not extension).

    Args:
        text_head: The first kilobytes of the decoded text.
    """
    if _HTML_START.match(text_head):
        return True
    low = text_head.lower()
    return ("<html" in low or "<body" in low) and len(_TAG.findall(text_head)) >= 3


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "ignore") if m else None


def read(
    data: bytes, source_file: str, raw_sha256: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawArticle]:
    """Read one HTML page (gzip-compressed or not) into one RawArticle.

    Raises:
        RejectError: empty, binary, encoding (from decoding), too_large (over `max_bytes`
            unpacked, or too many paragraph nodes), truncated_html or no_article.
    """
    if is_gzip(data):
        data = gunzip(data, max_bytes, "the unpacked page")
    decoded = decode_bytes(data, declared=_declared_charset(data))
    article = extract_html(decoded.text, source_file=source_file, raw_sha256=raw_sha256)
    yield replace(article, decode_replacements=decoded.replaced)


def _check_size(tree: etree._Element, source_file: str) -> None:
    """Refuse a page the extractor would take hours over (see the module docstring)."""
    nodes = 0
    for paragraph in tree.iter("p"):
        for node in paragraph.iter():
            nodes += 1 + (node.text is not None) + (node.tail is not None)
        if nodes > MAX_PARAGRAPH_NODES:
            raise RejectError(
                "too_large",
                f"{source_file}: more than {MAX_PARAGRAPH_NODES} nodes inside <p> elements "
                "(not a news page)",
            )


def is_truncated(html: str) -> bool:
    """True for a document cut off mid-way: it never closes, and stops inside a tag or element.

    A complete page closes </body> or </html>. Without either, the page is cut when it ends
    inside a tag or comment, inside an unclosed script/style, in the middle of text, or with
    div/article/section/list/table elements still open (HTML may omit </body></html>, but never
    their end tags).
    """
    tail = html[-4096:].rstrip()
    if not tail:
        return False
    if _CLOSES_DOCUMENT.search(tail):
        return False
    if tail.rfind("<") > tail.rfind(">"):
        return True  # inside a tag
    if html.rfind("<!--") > html.rfind("-->"):
        return True  # inside a comment
    low = html.lower()
    for element in ("script", "style"):
        if low.rfind(f"<{element}") > low.rfind(f"</{element}"):
            return True
    if not tail.endswith(">"):
        return True  # in the middle of text
    return len(_CONTAINER_OPEN.findall(html)) > len(_CONTAINER_CLOSE.findall(html))


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _captions(tree: etree._Element) -> list[str]:
    """Caption texts inside the article (or the page, when it has no <article>), once each."""
    articles = tree.xpath("//article")
    scope = [max(articles, key=lambda a: len(_text_of(a)))] if articles else [tree]
    seen: set[str] = set()
    out: list[str] = []
    for root in scope:
        for el in root.xpath(_CAPTION_XPATH):
            if any(a.tag in _OUTSIDE_ARTICLE for a in el.iterancestors()):
                continue
            text = _text_of(el)
            key = _norm(text)
            if len(key) < 10 or len(text) > 600 or key in seen:
                continue
            # A caption element nested in another caption element repeats part of it.
            if any(key in k for k in seen):
                continue
            seen.add(key)
            out.append(text)
    return out


def _stamps(tree: etree._Element) -> list[tuple[str, datetime]]:
    """Full timestamps the page states for its publication, as written and in UTC (none in the
    future)."""
    out = []
    for value in tree.xpath(_PUBLISHED_XPATH):
        value = str(value).strip()
        try:
            stamp = as_published(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            continue
        if stamp is not None:
            out.append((value, stamp))
    return out


def _published(
    tree: etree._Element, stamps: list[tuple[str, datetime]], found: str | None, url: str | None
) -> datetime | None:
    """trafilatura's date, made precise by a page timestamp of the same day.

    htmldate completes a partial date with the first of the month ("2019-03" -> March 1st, a
    copyright year -> January 1st), so a date on the 1st is kept only when the page states that
    day in full: a timestamp of the same day, a date in its URL or a full date in its text.
    """
    for written, stamp in stamps:
        if found is None or written[:10] == found[:10]:
            return stamp
    day = parse_date(found)
    if day is None or (day.day == _HTMLDATE_FILLED_DAY and not _states_day(tree, url, day.date())):
        return None
    return day


def _states_day(tree: etree._Element, url: str | None, day: date) -> bool:
    """Whether the page writes `day` in full: as the date path of its URL or in its text."""
    match = _URL_DATE.search(url or "")
    if match and written_day("-".join(match.group("year", "month", "day"))) == day:
        return True
    text = " ".join(tree.itertext())  # spaced: adjacent elements' words stay apart
    return any(written_day(found.group(0)) == day for found in FULL_DATE.finditer(text))


def _language(tree: etree._Element) -> str | None:
    """Primary language subtag declared by the page (<html lang>, content-language, og:locale)."""
    values = tree.xpath(
        "/html/@lang | /html/@xml:lang"
        " | //meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content"
        " | //meta[@property='og:locale']/@content",
        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"},
    )
    for value in values:
        tag = re.split(r"[-_,;\s]", str(value).strip().lower(), maxsplit=1)[0]
        if 2 <= len(tag) <= 3 and tag.isalpha():
            return tag
    return None


def _blocks(body: etree._Element) -> Iterator[str]:
    """Paragraph texts of trafilatura's body tree, in order, whitespace (and <lb/>) collapsed.

    Its p, head, list item and table row elements are the paragraphs; source line breaks inside
    them are the page's markup, not the author's.
    """
    for el in body:
        if not isinstance(el.tag, str):
            continue
        if el.tag in _CONTAINERS:
            if el.text and el.text.strip():
                yield " ".join(el.text.split())
            yield from _blocks(el)
        elif el.tag == "row":
            yield " ".join(_text_of(cell) for cell in el)
        else:
            yield _text_of(el)
        if el.tail and el.tail.strip():
            yield " ".join(el.tail.split())


def _without_header(paragraphs: list[str], title: str | None) -> list[str]:
    """The body without the page header trafilatura sometimes keeps as its first paragraphs.

    The headline is metadata: a body that opens with it would repeat it. A kicker or section
    label ("Markets | Central banks", "World") above the headline goes with it, and so does the
    standfirst under it: a line that is not a sentence ("Governor says the board wants more
    evidence") printed between the headline and the story. Without the headline in the body,
    only kickers with separators are dropped: a short first paragraph may be the story's own.
    """
    title_key = _norm(title) if title else ""
    out = list(paragraphs)
    headline = False
    for at in range(min(_HEADER_LINES, len(out))):
        if title_key and _norm(out[at]) == title_key:
            if all(_is_label(p) for p in out[:at]):
                out, headline = out[at + 1 :], True
            break
    while len(out) > 1 and _KICKER.match(out[0]):
        out.pop(0)
    if headline and len(out) > 1 and _is_standfirst(out[0]):
        out.pop(0)
    return out


def _is_label(paragraph: str) -> bool:
    """A section label or kicker: a few words, no sentence."""
    return word_count(paragraph) <= _LABEL_WORDS and not _SENTENCE_END.search(paragraph)


def _is_standfirst(paragraph: str) -> bool:
    """A summary line under a headline: sentence-long, but ending without any punctuation.

    A lead that introduces what follows ("... (all times local):") is the story's own.
    """
    last = paragraph.rstrip()[-1:]
    return (last.isalnum() or last in "\"'”’") and (
        _LABEL_WORDS < word_count(paragraph) <= _STANDFIRST_WORDS
        and not _SENTENCE_END.search(paragraph)
    )


def _drop_popups(tree: etree._Element) -> None:
    """Remove the cards a page shows on hover inside its paragraphs, keeping the text after them.

    A person's or a topic's card (a picture and links to other stories) is set inside the
    paragraph that names them; its words are not the paragraph's.
    """
    found = tree.xpath(_POPUP_XPATH)
    wrappers = {ancestor for el in found for ancestor in el.iterancestors()}
    for card in (el for el in found if el not in wrappers):
        parent = card.getparent()
        if parent is None:
            continue
        if card.tail:
            previous = card.getprevious()
            if previous is None:
                parent.text = (parent.text or "") + card.tail
            else:
                previous.tail = (previous.tail or "") + card.tail
        parent.remove(card)


def _not_body(line: str, caption_keys: list[str]) -> bool:
    """A caption (also when trafilatura kept a figure's text), or chrome set inside the article.

    Prompts, share widgets, "Related: ..." and credit lines are known by the page-dump cleaner's
    whole-line rules (docs/extraction-dev-log.md: their effect per fold).
    """
    key = _norm(line)
    return (
        not key
        or any(key == c or (len(key) >= 20 and key in c) for c in caption_keys)
        or is_chrome(line)
    )


def _check_article(paragraphs: list[str], title: str | None, source_file: str) -> None:
    words = sum(word_count(p) for p in paragraphs)
    if not paragraphs or words < MIN_BODY_WORDS:
        raise RejectError("no_article", f"{source_file}: no article body ({words} words of text)")
    if title and len(title.split()) <= 10 and _ERROR_TITLE.search(title) and words < 150:
        raise RejectError("no_article", f"{source_file}: an error page ({title!r})")
    prose = [
        p for p in paragraphs if word_count(p) >= MIN_PARAGRAPH_WORDS and _SENTENCE_END.search(p)
    ]
    if not prose:
        raise RejectError(
            "no_article", f"{source_file}: only short lines (a list of links or teasers)"
        )


def extract_html(
    html: str,
    *,
    source_file: str,
    raw_sha256: str,
    url: str | None = None,
    record_index: int | None = None,
) -> RawArticle:
    """Extract the article of one HTML page with trafilatura, captions kept apart.

    Args:
        html: The decoded page.
        source_file: Path of the input, for the record and for error messages.
        raw_sha256: Hash of the raw input bytes.
        url: The page's address when known (e.g. a WARC target URI); else the page's canonical URL.
        record_index: Position of the record inside a multi-record input (WARC).

    Returns:
        A RawArticle whose text is the body paragraphs separated by one blank line.

    Raises:
        RejectError: `truncated_html` for a page cut off mid-document, `no_article` for error
            pages, link lists and bodies too short to be an article.
    """
    import trafilatura  # slow to import: loaded when the first page is extracted, not on sniffing

    if is_truncated(html):
        raise RejectError("truncated_html", f"{source_file}: the document ends mid-tag or element")
    tree = trafilatura.load_html(html)
    if tree is None:
        raise RejectError("no_article", f"{source_file}: no parseable HTML")
    _check_size(tree, source_file)
    _drop_popups(tree)
    # Read what trafilatura would prune before handing it the tree (it edits the tree in place).
    captions = _captions(tree)
    stamps = _stamps(tree)
    language = _language(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    if doc is None or doc.body is None:
        raise RejectError("no_article", f"{source_file}: no article body found")
    caption_keys = [_norm(c) for c in captions]
    paragraphs = [line for line in _blocks(doc.body) if not _not_body(line, caption_keys)]
    # What trafilatura left out of the containers it took (story chunks, embedded posts); it
    # extracts from a copy, so `tree` still holds the whole page.
    paragraphs = complete_body(
        tree, paragraphs, lambda p: _not_body(p, caption_keys) or has_photo_credit(p)
    )
    paragraphs = _without_header(paragraphs, doc.title)
    _check_article(paragraphs, doc.title, source_file)
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    source = doc.sitename or doc.hostname or None
    agency = find_agency(paragraphs, tuple(captions), authors, source=source)
    return RawArticle(
        source_file=source_file,
        input_format=INPUT_FORMAT,
        raw_sha256=raw_sha256,
        text="\n\n".join(paragraphs),
        title=doc.title or None,
        record_index=record_index,
        url=url or doc.url or None,
        source=source,
        authors=authors,
        agency=agency,
        published=_published(tree, stamps, doc.date, url or doc.url),
        language=language,
        captions=tuple(captions),
        license=doc.license or None,
        extractor=EXTRACTION_VERSION,
    )
