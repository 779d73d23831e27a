"""Page-dump cleaning: the text of a whole web page in, the article and its photo captions out.

A page dump is what a text browser (`w3m -dump -cols 100`) or a copy of the whole page gives: site
menus, share widgets, captions, bylines, teasers and footers around the article. No library cleans
these, so this module does it with line features (length, sentence-ness, stop-word density, bullets,
repeats, credit lines) and keeps the densest run of prose as the body.

Pure: text in, a `CleanedPage` out. It must never do I/O, never know a site by name (no per-site or
per-URL rules: it is tuned on real pages and must generalise), and never rewrite the words it keeps
(quotation marks and apostrophes stay as written; only hard line wraps are undone).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CleanedPage", "clean_page"]

# w3m wraps at this many display columns: a line whose next word would have reached the edge was
# wrapped by the browser, not by the author (measured on w3m -cols 100 dumps: next-word end >= 100).
WRAP_COLS = 100


@dataclass(frozen=True)
class CleanedPage:
    """What a page dump says once the site's chrome is gone.

    Attributes:
        title: The headline, or None when no headline-like line precedes the body.
        paragraphs: Body paragraphs in reading order, hard wraps undone; empty when no body.
        captions: Photo captions, each once, in order of first appearance; never in `paragraphs`.
        authors: Names from a byline ("By A and B"), in order.
        agency: Wire credit (Yonhap, AP, Reuters, AFP, ...) when the page credits one.
        published: A date as written in a dateline or byline, or None.
    """

    title: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    authors: tuple[str, ...]
    agency: str | None
    published: str | None


# --- vocabulary --------------------------------------------------------------------------------

# Function words of the languages news pages mostly come in. Prose is dense in them; menus, teaser
# headlines and widget labels are not. One merged set: a few false friends across languages cost
# less than guessing the language of every line.
_STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our out over own said same she should so
    some such than that the their them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your
    says told after
    de la le les des du un une et est en que qui dans pour pas sur au aux ce il elle ne se son sa
    ses par plus avec ou mais été
    el los las del y es por con para una su lo como más pero sus al fue ha le ya o este sí
    o os da do das dos em um uma é na no nas nos com não ao à mas foi ele ela seu sua ou ser
    il di che è per non si con una della delle dei degli nel nella sono anche ma come più alla
    der die das und ist nicht ein eine zu den mit sich des auf für im dem von auch es an als
    sind wie bei aus nach wird oder noch war hat
    yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke ada karena oleh
    и в не на что с как по он это а к но из у за от же так она они был для то бы
    """.split()
)

# Agencies whose credit marks an article or a caption as wire copy; spelled as we report them.
_AGENCIES = {
    "yonhap": "Yonhap",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "upi": "UPI",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "xinhua": "Xinhua",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "tass": "TASS",
    "bloomberg": "Bloomberg",
}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in _AGENCIES), key=len, reverse=True))

_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^(\s*)(?:[•·▪◦□■○●◆►▸‣⁃*+\-–]|\d{1,3}[.)])\s+")
_BULLET_ONLY = re.compile(r"^\s*(?:[•·▪◦□■○●◆►▸‣⁃*+\-–]|\d{1,3}[.)])\s*$")
_FORM_FIELD = re.compile(r"\[[ _]{3,}\]|\[(?:Search|Submit|Send|Go|Subscribe|Sign Up|OK)\]", re.I)
# A line that is nothing but bracketed labels: images ([alt]), inline frames, ad slots.
_IMAGE_ONLY = re.compile(r"^(?:\s*\[[^\]]*\]\s*)+$")
_TABLE_GAP = re.compile(r"\S {3,}\S")
_SENTENCE_END = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*\s*$")
_SENTENCE_INSIDE = re.compile(r"\w[.!?][\"'”’»)]*\s+[\"'“‘«(]*[A-ZÀ-Þ0-9]")

# Whole-line chrome: widgets, prompts and labels that are never article text.
_CHROME = re.compile(
    r"""^(?:
        (?:share|tweet|email|print|comment|reply|like|follow|pin|save|copy\ link|whatsapp)
            (?:\ (?:this|on\ \w+|article|story|link|via\ \w+|button))?\W*\d*
      | advertisement|ad|ads|sponsored(?:\ content)?|promoted|paid\ content
      | continue\ reading(?:\ the\ main\ story| below)?
      | (?:read|see|view|show|load)\ (?:more|less|all|full\ story|comments?)\b.{0,40}
      | skip\ (?:to|navigation|ad).*
      | (?:sign\ (?:in|up)|log\ ?in|log\ ?out|register|subscribe(?:\ now)?)\b.{0,40}
      | (?:related|recommended|more\ from|most\ (?:read|popular|viewed|shared)|top\ \d+\ stories
         |trending|latest(?:\ news)?|popular|you\ may\ also\ like|you\ might\ also\ like
         |around\ the\ web|further\ reading|also\ read|read\ also|read\ next|up\ next
         |more\ stories|related\ (?:stories|articles|posts|content|coverage))\b.{0,40}
      | (?:tags?|topics?|filed\ under|categories|category)\s*:?.{0,120}
      | go\ (?:to\ )?top.*|back\ to\ top.*|top\ of\ page|close|x|menu|search|home|settings
      | font[- ]?size.*|text\ size.*|[ⓐ-ⓩ].{0,20}
      | \d+\s*(?:shares?|comments?|views?|likes?)
      | (?:first\ )?(?:published|updated|posted|last\ (?:updated|modified))\b.{0,60}
      | all\ rights\ reserved.*|(?:copyright|©|ⓒ).{0,200}
      | image\ \d+\ of\ \d+|\d+\s*/\s*\d+|back\ to\ gallery|photo\ gallery|gallery
      | loading\.*|please\ wait.*
    )\s*$""",
    re.I | re.X,
)

# Prompts that may be long sentences but are about the site, not the story.
_PROMPT = re.compile(
    r"""(?:
        \bcookies?\b.*\b(?:use|accept|consent|policy|settings|experience)\b
      | \b(?:accept|agree\ to)\b.*\b(?:cookies|privacy\ policy|terms)\b
      | \bsubscribe\b.*\b(?:newsletter|inbox|updates|email|free|unlimited\ access|now)\b
      | \bsign\ up\b.*\b(?:newsletter|inbox|email|updates|free)\b
      | \bnewsletter\b.*\b(?:sign\ up|subscribe|inbox|delivered)\b
      | \b(?:enter|your)\ (?:your\ )?email\ address\b
      | \bjavascript\b.*\b(?:enable|disabled|browser)\b
      | \b(?:ad\ ?blocker|adblock)\b
      | \byou\ have\ \d+\ free\ articles?\b|\bfree\ articles?\ (?:left|remaining)\b
      | \balready\ (?:a\ subscriber|have\ an\ account)\b
      | \bterms\ of\ (?:use|service)\b.*\bprivacy\b
      | \bthis\ (?:site|website)\ uses\b
      | \bclick\ here\ to\b
      | ^(?:to\ )?read\ the\ full\ (?:story|article)
      | \ball\ rights\ reserved\b
    )""",
    re.I | re.X,
)

# Cookie and consent notices can be long, but they are never a story.
_COOKIES = re.compile(
    r"\bcookies?\b.{0,200}\b(?:use|uses|using|accept|consent|policy|settings|necessary|track)"
    r"|\b(?:accept|consent to)\b.{0,80}\bcookies\b",
    re.I,
)

# Credit lines after an article: reporting/editing credits, "originally published" notes.
_CREDIT_LINE = re.compile(
    r"""^[(\[]?\s*(?:
        (?:additional\ )?(?:reporting|writing|editing|compiled|produced)\ by\b
      | this\ (?:article|story|post)\ (?:was\ )?(?:originally\ )?(?:appeared|published|first)
      | (?:contact|email|follow)\ (?:the\ )?(?:author|reporter|writer|us)\b
    )""",
    re.I | re.X,
)

# Headings that open what follows an article (comments, related stories, tags): the body rarely
# continues past one, so crossing it costs much more than any other chrome.
_SECTION_HEADING = re.compile(
    r"""^(?:
        (?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?
      | (?:top\ rated|recent|latest|show|view|load|read|post\ a|add\ a|leave\ a|write\ a)
            \ (?:comments?|reply|response)s?\b.{0,40}
      | join\ the\ (?:conversation|discussion).{0,40} | conversation | discussion
      | related(?:\ (?:articles?|stories|posts|content|coverage|news|links|reading|topics|videos?))?
      | (?:you\ )?(?:may|might)\ also\ (?:like|enjoy|be\ interested\ in)
      | recommended(?:\ (?:for\ you|stories|articles|reading))?
      | more\ (?:from|in|on|stories|news|articles|headlines|to\ read|like\ this)\b.{0,40}
      | most\ (?:read|popular|viewed|shared|emailed|commented|recent)\b.{0,30}
      | (?:trending|popular)(?:\ (?:now|stories|posts|articles|news|on\ .{1,30}))?
      | (?:around|from)\ the\ web | what\ to\ read\ next | read\ next | up\ next
      | editor'?s\ picks? | about\ the\ author
      | (?:tags?|topics?|filed\ under|keywords?)
      | want\ more\ stories\ like\ this
      | (?:sponsored|promoted|partner)\ (?:stories|content|links|posts)
    )\W*$""",
    re.I | re.X,
)
_COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+|top\ rated\ |recent\ |show\ |view\ |load\ |read\ )?(?:comments?|responses)\b"
    r"|^(?:post|add|leave|write)\ a\ (?:comment|reply|response)|^join\ the\ (?:conversation|discussion)",
    re.I | re.X,
)
_AGO = re.compile(
    r"\b\d+\s*(?:[smhdw]|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago\b", re.I
)
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|mp4)\b", re.I)

# A teaser excerpt is cut mid-sentence: a word, then an ellipsis.
_TRUNCATED = re.compile(r"[\w,;]\s?(?:\.\.\.|…)\s*(?:\[?(?:read|more|continue)[^\]]*\]?)?$", re.I)

# A caption ends with a photo credit; a body paragraph ends "(Yonhap)" instead, so an agency name
# counts here only outside parentheses and after a finished sentence.
_CAPTION_CREDIT = re.compile(
    rf"""(?:
        [.!?”"'’)]\s*(?:{_AGENCY_ALT}|EPA|Getty\ Images|Shutterstock|AP\ Photo|AFP\ Photo|Newsis
                       |News1|Xinhua/\w+)\s*$
      | \((?:AP|AFP|Reuters|EPA|Yonhap|Xinhua|Getty|Photo|Image|Picture)\b[^()]*\)\s*$
      | \b(?:photo|photograph|picture|image|credit)s?\s*(?:credit|by|courtesy)?\s*[:/]\s*\S.{0,80}$
      | \bCredit\.{2,}.{0,80}$
      | \b(?:Getty\ Images|Shutterstock|iStock(?:photo)?)\b[^.]{0,40}$
      | /\s*(?:{_AGENCY_ALT}|EPA|Getty\ Images)\s*$
    )""",
    re.I | re.X,
)
_CREDIT_ONLY = re.compile(
    r"^\(?(?:photo|photograph|picture|image|credit|source|foto)s?\s*(?:credit|by|courtesy)?\s*"
    r"[:/.]+.{0,80}$",
    re.I,
)

_AGENCY_AT_END = re.compile(rf"\((?P<a>{_AGENCY_ALT})\)\s*$", re.I)
_AGENCY_AT_START = re.compile(rf"^[^.!?\n]{{0,60}}?\((?P<a>{_AGENCY_ALT})\)\s*[-—–]", re.I)
_AGENCY_TRAILING_WORD = re.compile(rf"[.!?”\"'’)]\s*(?P<a>{_AGENCY_ALT})\s*$", re.I)
_AGENCY_PHOTO = re.compile(rf"\((?P<a>{_AGENCY_ALT})\s+Photo\b", re.I)

_BYLINE = re.compile(
    r"^(?:[•·]\s*)?(?:by|por|von|par|oleh|di|door|av)\s*:?\s+(?P<names>[^\d|•]{2,120}?)"
    r"(?:\s*(?:[|•·,]|[-–—]\s|\bon\b|\bupdated\b|\bpublished\b|\d).*)?$",
    re.I,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\bund\b|\by\b|\be\b|\bet\b)\s*", re.I)
_NAME = re.compile(r"^[A-ZÀ-Þ\u0400-\u042f][\w.'’-]*(?:\s+[A-ZÀ-Þ\u0400-\u042f]?[\w.'’-]+){0,4}$")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?"
_DATE = re.compile(
    rf"""(?:
        (?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?
            \s+\d{{4}}{_TIME}
      | \d{{1,2}}\.?\s+{_MONTH},?\s+\d{{4}}{_TIME}
      | \d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:[T\s]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?
      | \d{{1,2}}/\d{{1,2}}/\d{{2,4}}{_TIME}
    )""",
    re.I | re.X,
)


# --- lines -------------------------------------------------------------------------------------


@dataclass
class _Line:
    """One logical line: a paragraph, heading, list item or widget label after unwrapping."""

    text: str
    indent: int
    bullet: bool
    block: int
    words: int = 0
    kind: str = "short"  # good | short | bad | caption | section
    key: str = ""
    repeats: int = 1


def _width(s: str) -> int:
    """Display columns, as the browser counted them when it wrapped (wide characters take two)."""
    if s.isascii():
        return len(s)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _logical_lines(text: str) -> list[_Line]:
    """Undo the browser's hard wraps: join a line to the previous one when it was cut at the edge."""
    out: list[_Line] = []
    block = 0
    prev_raw: str | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        raw = raw.rstrip().replace("\t", "    ").replace("\xa0", " ")
        if not raw.strip():
            if prev_raw is not None:
                block += 1
            prev_raw = None
            continue
        stripped = raw.lstrip()
        indent = len(raw) - len(stripped)
        bullet = _BULLET.match(raw)
        if prev_raw is not None and out and not bullet:
            first_word = stripped.split(" ", 1)[0]
            prev_width = _width(prev_raw)
            if prev_width <= WRAP_COLS + 1 and prev_width + 1 + _width(first_word) >= WRAP_COLS:
                last = out[-1]
                cont_indent = last.indent + (2 if last.bullet else 0)
                if indent in (last.indent, cont_indent) or abs(indent - cont_indent) <= 2:
                    last.text = f"{last.text} {stripped}"
                    prev_raw = raw
                    continue
        if bullet:
            content = raw[bullet.end() :].strip()
        else:
            content = stripped
        out.append(_Line(text=content, indent=indent, bullet=bool(bullet), block=block))
        prev_raw = raw
    return out


def _norm_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _classify(line: _Line) -> None:
    """Set `kind`: good (prose), short (headings, labels: judged by context), bad (chrome)."""
    text = line.text
    words = _WORD.findall(text)
    n = len(words)
    line.words = n
    line.key = " ".join(w.lower() for w in words)
    if n == 0 or _BULLET_ONLY.match(text) or _IMAGE_ONLY.match(text) or _FORM_FIELD.search(text):
        line.kind = "bad"
        return
    if len(text) < 80 and _SECTION_HEADING.match(text):
        line.kind = "end" if _COMMENTS_HEADING.match(text) else "section"
        return
    if len(text) < 200 and (_CHROME.match(text) or _CREDIT_ONLY.match(text)):
        line.kind = "bad"
        return
    if _COOKIES.search(text) or (len(text) < 400 and _PROMPT.search(text)):
        line.kind = "bad"
        return
    if _CREDIT_LINE.match(text) or _TRUNCATED.search(text):
        line.kind = "bad"
        return
    if n <= 8 and (_AGO.search(text) or _FILE_NAME.search(text)):
        line.kind = "bad"
        return
    if n <= 12 and _DATE.search(text) and len(_DATE.sub("", text)) < 20:
        line.kind = "bad"  # a date alone: a byline or teaser stamp, never a paragraph
        return
    stops = sum(1 for w in words if w.lower() in _STOP_WORDS)
    density = stops / n
    prose_end = bool(_SENTENCE_END.search(text))
    spaced = n >= 4 and len(text) / n < 12  # CJK and other unspaced scripts fail this
    long_text = _width(text) >= 160
    if line.bullet:
        # Menu items and teaser headlines come as bullets; a real list item in an article is a
        # sentence.
        good_bullet = n >= 10 and prose_end and (density >= 0.2 or not spaced)
        line.kind = "good" if good_bullet else "bad"
        return
    if long_text and (density >= 0.12 or not spaced or prose_end):
        line.kind = "good"
    elif n >= 8 and prose_end and (density >= 0.15 or not spaced):
        line.kind = "good"
    else:
        line.kind = "short"


def _mark_context(lines: list[_Line]) -> None:
    """Judge lines by their neighbours: captions, repeated template text, menus of bullets.

    A line repeated right after itself is a caption shown twice (image and its overlay); a line
    repeated elsewhere on the page is template (teaser lists at the top and bottom, headlines in
    breadcrumbs). A prose-looking bullet in a list of mostly non-prose bullets is a teaser.
    """
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.key] = counts.get(line.key, 0) + 1
    for i, line in enumerate(lines):
        line.repeats = counts[line.key]
        if line.kind in ("bad", "section", "end") or line.words < 6 or _TABLE_GAP.search(line.text):
            continue
        adjacent = (i + 1 < len(lines) and lines[i + 1].key == line.key) or (
            i > 0 and lines[i - 1].key == line.key
        )
        if (adjacent and line.repeats <= 2) or _CAPTION_CREDIT.search(line.text):
            line.kind = "caption"
        elif line.repeats > 1:
            line.kind = "bad"
    i = 0
    while i < len(lines):
        if not lines[i].bullet:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].bullet:
            j += 1
        run = lines[i:j]
        if len(run) > 1 and sum(ln.kind == "good" for ln in run) * 2 < len(run):
            for ln in run:
                if ln.kind == "good":
                    ln.kind = "bad"
        i = j


# --- body --------------------------------------------------------------------------------------

_SHORT_COST = 25
_BAD_COST = 60
_SECTION_COST = 600
_GOOD_DISCOUNT = 30
_ISOLATED_FACTOR = 0.3


def _weight(line: _Line, isolated: bool) -> float:
    if line.kind == "good":
        gain = max(10.0, len(line.text) - _GOOD_DISCOUNT)
        # Teasers come one sentence at a time between headlines and stamps; a body comes in runs.
        return gain * _ISOLATED_FACTOR if isolated else gain
    if line.kind == "section":
        return -float(_SECTION_COST)
    if line.kind == "caption":
        return -5.0
    if line.kind == "bad":
        return -float(max(_BAD_COST, min(len(line.text), 200)))
    return -float(_SHORT_COST)


def _densest_run(lines: list[_Line]) -> tuple[int, int] | None:
    """The run of lines with the most prose net of chrome (maximum-sum subarray), or None."""
    best = 0.0
    best_span: tuple[int, int] | None = None
    running = 0.0
    start = 0
    for i, line in enumerate(lines):
        if line.kind == "end":
            running = 0.0
            continue
        isolated = (i == 0 or lines[i - 1].kind != "good") and (
            i + 1 == len(lines) or lines[i + 1].kind != "good"
        )
        w = _weight(line, isolated)
        if running <= 0:
            running = w
            start = i
        else:
            running += w
        if running > best:
            best = running
            best_span = (start, i + 1)
    return best_span


def _dedupe(items: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = _norm_key(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)


def _agency_name(found: str) -> str:
    return _AGENCIES[found.lower()]


def _find_agency(paragraphs: list[str], captions: tuple[str, ...]) -> str | None:
    """Wire credit: the body's own ("(Yonhap)" at its end, "(AP) --" at its start) before captions."""
    if paragraphs:
        m = _AGENCY_AT_END.search(paragraphs[-1]) or _AGENCY_AT_START.search(paragraphs[0])
        if m:
            return _agency_name(m.group("a"))
    for caption in captions:
        m = _AGENCY_TRAILING_WORD.search(caption) or _AGENCY_PHOTO.search(caption)
        if m:
            return _agency_name(m.group("a"))
    return None


def _byline_names(text: str) -> tuple[str, ...]:
    m = _BYLINE.match(text)
    if not m:
        return ()
    names = []
    for part in _NAME_SPLIT.split(m.group("names").strip()):
        part = part.strip(" .")
        if part and _NAME.match(part) and part.lower() not in _AGENCIES:
            names.append(part)
    return tuple(names)


def _annotate(text: str) -> list[_Line]:
    """Logical lines of the page, each judged good, short, bad, caption or section heading."""
    lines = _logical_lines(text)
    for line in lines:
        _classify(line)
    _mark_context(lines)
    return lines


def _is_title_like(line: _Line) -> bool:
    text = line.text
    if line.kind in ("bad", "caption") or line.bullet or not 3 <= line.words <= 30:
        return False
    if len(text) > 250 or text.endswith((".", ":", ",", ";")) or _DATE.search(text):
        return False
    return not _BYLINE.match(text) and not (text[0].isalpha() and text[0].islower())


def clean_page(text: str) -> CleanedPage:
    """Extract the article from a page text dump.

    Args:
        text: The whole page as text, e.g. `w3m -dump -cols 100` output or a copy of a page.

    Returns:
        The title, body paragraphs, captions (once each, out of the body), byline authors, wire
        agency and the date string found near the body. A page with no prose body (an index of
        teasers, an error page) gives empty `paragraphs`.
    """
    lines = _annotate(text)
    span = _densest_run(lines)
    if span is None:
        return CleanedPage(None, (), (), (), None, None)
    start, end = span
    body = [ln for ln in lines[start:end] if ln.kind in ("good", "short")]
    authors: tuple[str, ...] = ()
    paragraphs: list[str] = []
    seen: set[str] = set()
    for line in body:
        if line.kind == "good":
            # The same paragraph twice is a pull quote or a teaser repeating the story.
            if line.key in seen:
                continue
            seen.add(line.key)
        names = _byline_names(line.text) if line.words <= 12 else ()
        if names:
            authors = authors or names
            continue
        if line.kind == "short" and _DATE.fullmatch(line.text.strip()):
            continue
        paragraphs.append(line.text)

    # Captions near the article (the page's other captions belong to teasers).
    near = lines[max(0, start - 40) : min(len(lines), end + 40)]
    captions = _dedupe([ln.text for ln in near if ln.kind == "caption"])

    before = lines[max(0, start - 40) : start]
    title = None
    best = -1
    for line in before:
        if _is_title_like(line) and len(line.text) >= best:
            best = len(line.text)
            title = line.text

    published = None
    for line in reversed(before):
        if line.words <= 25:
            m = _DATE.search(line.text)
            if m:
                published = m.group(0).strip()
                break
    if not authors:
        for line in before[-15:]:
            if line.words <= 12:
                names = _byline_names(line.text)
                if names:
                    authors = names
    return CleanedPage(
        title=title,
        paragraphs=tuple(paragraphs),
        captions=captions,
        authors=authors,
        agency=_find_agency(paragraphs, captions),
        published=published,
    )
