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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["CleanedPage", "clean_page", "find_agency", "word_count"]

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
_STOP_WORDS_TEXT = """
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
"""
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

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
# East Asian wide and fullwidth characters (Unicode EastAsianWidth W and F): two columns each.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)
_BULLET = re.compile(r"^(\s*)(?:[•·▪◦□■○●◆►▸‣⁃☆★*+\-–]|\d{1,3}[.)])\s+")
_BULLET_ONLY = re.compile(r"^\s*(?:[•·▪◦□■○●◆►▸‣⁃☆★*+\-–]|\d{1,3}[.)])\s*$")
_FORM_FIELD = re.compile(r"\[[ _]{3,}\]|\[(?:Search|Submit|Send|Go|Subscribe|Sign Up|OK)\]", re.I)
# A line that is nothing but bracketed labels: images ([alt]), inline frames, ad slots.
_IMAGE_ONLY = re.compile(r"^(?:\s*\[[^\]]*\]\s*)+$")
_TABLE_GAP = re.compile(r"\S {3,}\S")
# A sentence end, possibly followed by a credit in parentheses: "... next month. (Yonhap)".
_SENTENCE_END = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*(?:\s*\([^()]{1,30}\))?\s*$")
_SENTENCE_INSIDE = re.compile(r"\w[.!?][\"'”’»)]*\s+[\"'“‘«(]*[A-ZÀ-Þ0-9]")

# Whole-line chrome: widgets, prompts and labels that are never article text.
_CHROME = re.compile(
    r"""^(?:
        (?:share|tweet|email|print|comment|reply|like|follow|pin|save|copy\ link|whatsapp)
            (?:\ (?:this|on\ \w+|article|story|link|via\ \w+|button))?\W*\d*
      | advertisement|ad|ads|sponsored(?:\ content)?|promoted|paid\ content
      | continue\ reading(?:\ the\ main\ story| below)?
      | (?:read|see|view|show|load)\ (?:more|less|all|full\ story|comments?)\b[^.!?]{0,40}
      | skip\ (?:to|navigation|ad).*
      | (?:sign\ (?:in|up)|log\ ?in|log\ ?out|register|subscribe(?:\ now)?)\b[^.!?]{0,40}
      | (?:related|recommended|more\ from|most\ (?:read|popular|viewed|shared)|top\ \d+\ stories
         |trending|latest(?:\ news)?|popular|you\ may\ also\ like|you\ might\ also\ like
         |around\ the\ web|further\ reading|also\ read|read\ also|read\ next|up\ next
         |more\ stories|related\ (?:stories|articles|posts|content|coverage))\b[^.!?]{0,40}
      | (?:tags?|topics?|filed\ under|categories|category)(?:\s*:.{0,120}|(?:\s+[^\s.!?]+){0,6})
      | go\ (?:to\ )?top.*|back\ to\ top.*|top\ of\ page|close|x|menu|search|home|settings
      | font[- ]?size.*|text\ size.*|[ⓐ-ⓩ].{0,20}
      | \d+\s*(?:shares?|comments?|views?|likes?)
      | (?:first\ )?(?:published|updated|posted|last\ (?:updated|modified))\b
            \s*(?::|on\b|at\b|\d).{0,60}
      | all\ rights\ reserved.*|(?:copyright\s*(?:©|\(c\)|\d{4})|©|ⓒ).{0,200}
      | image\ \d+\ of\ \d+|\d+\s*/\s*\d+|back\ to\ gallery|photo\ gallery|gallery
      | loading\.*|please\ wait.*
      | (?:also\ on|also\ read|read\ also|see\ also|see\ more|more\ on\ this)\b.{0,150}
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
      | \bterms\ of\ (?:use|service)\b | \bprivacy\ (?:policy|notice|statement)\b
      | \bthis\ (?:site|website)\ uses\b
      | \bclick\ here\ to\b
      | ^(?:to\ )?read\ the\ full\ (?:story|article)
      | \ball\ rights\ reserved\b
      | \binbox\b | \bunsubscribe\b
      | ^(?:get|receive|sign\ up|join|subscribe)\b.{0,80}\b(?:alerts|newsletters?|updates|stories)\b
      | \bfollow\ (?:us|him|her|me|them)\ on\b | \bfollow\ (?:\w+\ ){0,3}on\ (?:twitter|facebook)\b
      | \b(?:may|can)\ be\ reached\ at\b | \bhave\ a\ (?:news\ )?tip\b
      | \bsupport\ (?:local\ |independent\ |our\ |quality\ )?journalism\b
      | \bsubscribe\b.{0,80}\b(?:a|per)\ (?:month|year|week)\b
      | \bregistered\ trademarks?\b | \bwe\ may\ (?:receive|earn)\b | \baffiliate\ link
    )""",
    re.I | re.X,
)

# Cheap first look: _PROMPT runs only on lines that contain one of its key words.
_PROMPT_HINT = re.compile(
    r"subscri|sign up|newsletter|email address|javascript|ad ?block|free articles?|already"
    r"|terms of|privacy|this (?:site|website)|click here|read the full|rights reserved|cookie"
    r"|inbox|unsubscribe|^get |^receive|^join|follow|reached at|a tip|trademark|we may|affiliate"
    r"|journalism"
)
_HAS_DIGIT = re.compile(r"\d")
_TITLE_NOISE = re.compile(r"(?<!\w)[\d.,:%]+(?!\w)|[▲▼|►•·]")

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
    r"^(?:\d+\s+|top rated |recent |show |view |load |read )?(?:comments?|responses)\b"
    r"|^(?:post|add|leave|write) a (?:comment|reply|response)"
    r"|^join the (?:conversation|discussion)",
    re.I,
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
    r"""(?:
        [.!?”"'’)]\s*(?:"""
    + _AGENCY_ALT
    + r"""|EPA|Getty\ Images|Shutterstock|AP\ Photo|AFP\ Photo|Newsis|News1|Xinhua/\w+)\s*$
      | \((?:(?:AP|AFP|Reuters|EPA|Yonhap|Xinhua|Getty)\s+Photo|Photo|Image|Picture)\b[^()]*\)\s*$
      | \([^()/]{2,60}/[^()]{2,60}\)\s*$
      | \b(?:photo|photograph|picture|image|credit)s?\s*(?:credit|by|courtesy)?\s*[:/]\s*\S.{0,80}$
      | \bCredit\.{2,}.{0,80}$
      | \b(?:Getty\ Images|Shutterstock|iStock(?:photo)?)\b[^.]{0,40}$
      | \b(?:REUTERS|AFP|AP|EPA|XINHUA|YONHAP)/\s?[A-Z][\w.'’\ -]{1,40}$
      | /\s*(?:"""
    + _AGENCY_ALT
    + r"""|EPA|Getty\ Images)(?:\ (?:file|photo|images?))?\s*$
    )""",
    re.I | re.X,
)
# How captions begin in wire copy: "FILE - In this ... file photo, ...", "A stock image of ...".
_CAPTION_START = re.compile(
    r"^(?:FILE\s*(?:[-–—]|PHOTO\s*:)|In this\b.{0,80}\bphoto\b"
    r"|(?:A|An|This)\s(?:\w+\s){0,2}(?:photo|image|picture|photograph)\s(?:of|shows)\b)"
)
_CREDIT_HINT = re.compile(r"photo|image|picture|credit|getty|shutterstock|istock|[/(]")
_PHOTO_AGENCIES = frozenset({"epa", "newsis", "news1"})
_CREDIT_ONLY = re.compile(
    r"^\(?(?:photo|photograph|picture|image|credit|source|foto)s?\s*(?:credit|by|courtesy)?\s*"
    r"[:/.]+.{0,80}$"
    r"|^(?:image|photo|picture)s?\s+(?:copyright|credit|source)\b.{0,80}$",
    re.I,
)
# First characters the two credit patterns can start with: a cheap test before the regex.
_CREDIT_ONLY_FIRST = frozenset("(pPiIcCsSfF")
_CREDIT_LINE_FIRST = frozenset("([rRwWeEcCpPaAtTfF")
# "Image caption ..." labels a caption; the label is not part of it.
_CAPTION_LABEL = re.compile(r"^(?:image|photo|picture|media)\s+caption\s*:?\s*", re.I)

# A credit in parentheses: a known agency, or any capitalised name of up to three words when it
# sits where wire credits sit (after the last sentence, or in the dateline before the dash).
_CREDIT_NAME = rf"(?:{_AGENCY_ALT}|[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){{0,2}})"
_AGENCY_AT_END = re.compile(rf"[.!?\"'”’]\s*\((?P<a>{_CREDIT_NAME})\)\s*$")
_AGENCY_AT_START = re.compile(rf"^[^.!?\n]{{0,60}}?\((?P<a>{_CREDIT_NAME})\)\s*(?:--|[-—–])")
_NOT_AGENCIES = frozenset(
    {"updated", "corrected", "opinion", "video", "photos", "analysis", "file"}
)
_AGENCY_TRAILING_WORD = re.compile(rf"[.!?”\"'’)]\s*(?P<a>{_AGENCY_ALT})\s*$", re.I)

_BYLINE = re.compile(
    r"^(?:[•·]\s*)?(?:by|por|von|par|oleh|di|door|av)\s*:?\s+(?P<names>[^\d|•]{2,120}?)"
    r"(?:\s*(?:[|•·,]|[-–—]\s|\bon\b|\bupdated\b|\bpublished\b|\d).*)?$",
    re.I,
)
# "and" in the languages of the bylines we meet; lowercase only, so "E." stays an initial.
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\s(?:and|AND|And|und|et|y|e|dan|и)\s)\s*")
_NAME = re.compile(r"^[A-ZÀ-Þ\u0400-\u042f][\w.'’-]*(?:\s+[A-ZÀ-Þ\u0400-\u042f]?[\w.'’-]+){0,4}$")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A time, with a zone abbreviation in capitals only ("8:03 am ET", not "9:15 in the").
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?-i:[A-Z]{2,4})\b)?)?"
)
_DATE = re.compile(
    rf"""\b(?:
        (?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?
            \s+\d{{4}}{_TIME}
      | \d{{1,2}}\.?\s+{_MONTH},?\s+\d{{4}}{_TIME}
      | \d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:[T\s]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?
      | \d{{1,2}}/\d{{1,2}}/\d{{2,4}}{_TIME}
    )""",
    re.I | re.X,
)


# --- lines -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    """One logical line: a paragraph, heading, list item or widget label after unwrapping."""

    text: str
    indent: int
    bullet: bool
    words: int = 0
    kind: str = "short"  # good | short | bad | caption | image | section | end (comments)
    key: str = ""
    repeats: int = 1
    template: bool = False  # bad only because the page repeats it (headlines do that too)


def _width(s: str) -> int:
    """Display columns, as the browser counted them when it wrapped (wide characters take two)."""
    if s.isascii():
        return len(s)
    return len(s) + len(_WIDE.findall(s))


def _logical_lines(text: str) -> list[_Line]:
    """Undo the browser's hard wraps: a line joins the one before when that was cut at the edge."""
    out: list[_Line] = []
    parts: list[list[str]] = []
    prev_raw: str | None = None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    for raw in text.replace("\xa0", " ").split("\n"):
        raw = raw.rstrip()
        stripped = raw.lstrip()
        if not stripped:
            prev_raw = None
            continue
        indent = len(raw) - len(stripped)
        bullet = _BULLET.match(raw) if (indent or not stripped[0].isalpha()) else None
        # A dash at the start of a line that follows a full one is the text going on, not a list.
        dash = bullet is not None and indent == 0 and stripped[0] in "-–*+"
        if prev_raw is not None and (not bullet or dash):
            first_word = stripped.split(" ", 1)[0]
            # Cheap bound first (a character is at most two columns wide), exact widths after.
            fits = 2 * (len(prev_raw) + len(first_word)) + 1 < WRAP_COLS
            prev_width = WRAP_COLS + 2 if fits else _width(prev_raw)
            if prev_width <= WRAP_COLS + 1:
                last = out[-1]
                cont_indent = last.indent + (2 if last.bullet else 0)
                if prev_width + 1 + _width(first_word) >= WRAP_COLS and (
                    indent == last.indent or abs(indent - cont_indent) <= 2
                ):
                    parts[-1].append(stripped)
                    prev_raw = raw
                    continue
        content = raw[bullet.end() :].strip() if bullet else stripped
        out.append(_Line(text="", indent=indent, bullet=bool(bullet)))
        parts.append([content])
        prev_raw = raw
    for line, pieces in zip(out, parts, strict=True):
        line.text = " ".join(pieces)
    return out


def _norm_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _classify(line: _Line) -> None:
    """Set `kind`: good (prose), short (headings, labels: judged by context), bad (chrome)."""
    text = line.text
    low = text.lower()
    words = _WORD.findall(low)
    n = len(words)
    line.words = n
    line.key = " ".join(words)
    size = len(text)
    if text[0] == "[" and _IMAGE_ONLY.match(text):
        line.kind = "image"
        return
    if (
        n == 0
        or (size < 5 and _BULLET_ONLY.match(text))
        or ("[" in text and _FORM_FIELD.search(text))
    ):
        line.kind = "bad"
        return
    if line.bullet and n < _MIN_BULLET_WORDS:
        line.kind = "bad"  # a menu item or a teaser headline
        return
    if size < 80 and not line.bullet and _SECTION_HEADING.match(text):
        line.kind = "end" if _COMMENTS_HEADING.match(text) else "section"
        return
    first = text[0]
    if size < 200 and (
        _CHROME.match(text) or (first in _CREDIT_ONLY_FIRST and _CREDIT_ONLY.match(text))
    ):
        line.kind = "bad"
        return
    if ("cookie" in low and _COOKIES.search(low)) or (
        n >= 3 and size < 400 and _PROMPT_HINT.search(low) and _PROMPT.search(low)
    ):
        line.kind = "bad"
        return
    tail = text[-40:]
    if (first in _CREDIT_LINE_FIRST and _CREDIT_LINE.match(text)) or (
        ("..." in tail or "…" in tail) and _TRUNCATED.search(tail)
    ):
        line.kind = "bad"
        return
    if ("." in text and text.count(" ") <= 2 and _FILE_NAME.search(low)) or (
        n <= 8 and "ago" in low and _AGO.search(low)
    ):
        line.kind = "bad"
        return
    if n <= 12 and _HAS_DIGIT.search(text):
        date = _DATE.search(text)
        if date and size - (date.end() - date.start()) < 20:
            line.kind = "bad"  # a date alone: a byline or teaser stamp, never a paragraph
            return
    density = sum(map(_STOP_WORDS.__contains__, words)) / n
    prose_end = bool(_SENTENCE_END.search(text[-40:]))
    spaced = n >= 4 and size / n < 12  # CJK and other unspaced scripts fail this
    if line.bullet:
        # Menu items and teaser headlines come as bullets; a real list item in an article is a
        # sentence.
        good_bullet = prose_end and (density >= 0.2 or not spaced)
        line.kind = "good" if good_bullet else "bad"
        return
    if size >= 160 or (size >= 80 and _width(text) >= 160):
        line.kind = "good" if (density >= 0.12 or not spaced or prose_end) else "short"
    elif n >= 8 and prose_end and (density >= 0.15 or not spaced):
        line.kind = "good"
    else:
        line.kind = "short"


def _has_photo_credit(text: str) -> bool:
    if _CAPTION_START.match(text):
        return True
    tail = text[-120:]
    low = tail.lower()
    last_word = low.rsplit(None, 1)[-1].strip(".)") if low.strip() else ""
    if not (_CREDIT_HINT.search(low) or last_word in _AGENCIES or last_word in _PHOTO_AGENCIES):
        return False
    return bool(_CAPTION_CREDIT.search(tail))


def _mark_context(lines: list[_Line]) -> None:
    """Judge lines by their neighbours: captions, repeated template text, menus of bullets.

    A line repeated right after itself is a caption shown twice (image and its overlay); a line
    repeated elsewhere on the page is template (teaser lists at the top and bottom, headlines in
    breadcrumbs). A prose-looking bullet in a list of mostly non-prose bullets is a teaser.
    """
    counts = Counter(line.key for line in lines)
    for i, line in enumerate(lines):
        line.repeats = counts[line.key]
        label = line.text[0] in "IiPpMm" and _CAPTION_LABEL.match(line.text)
        if label and line.kind != "bad":
            line.text = line.text[label.end() :]
            line.kind = "caption"
            continue
        if line.kind in ("bad", "section", "end", "image"):
            continue
        table_row = "   " in line.text and _TABLE_GAP.search(line.text)
        if line.words >= 6 and not table_row:
            adjacent = (i + 1 < len(lines) and lines[i + 1].key == line.key) or (
                i > 0 and lines[i - 1].key == line.key
            )
            if (adjacent and line.repeats <= 2) or _has_photo_credit(line.text):
                line.kind = "caption"
                continue
        if line.repeats > 1 and not table_row:
            line.kind = "bad"  # template: teasers, headlines and labels the page repeats
            line.template = True
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

# The body is the run of lines with the highest total weight: a prose line gains its length in
# characters (less a discount, so that one-line blurbs count for little), everything else costs.
# Tuned on extraction-dev as a whole (results sit on a plateau around these values), never per page.
_GOOD_DISCOUNT = 30
_ISOLATED_FACTOR = 0.6  # a lone one-sentence line between non-prose lines: a teaser blurb
_SHORT_COST = 25  # a heading or a label
_BAD_COST = 60  # chrome; long chrome (cookie notices) up to twice this
_IMAGE_COST = 10  # images sit inside articles all the time
_SECTION_COST = 300  # "Related stories", "Most read", "Tags": what follows is rarely the story
_END_AFTER = 400  # a comments heading after this much body ends the search
_BOX_LINES = 8  # up to this many non-prose lines between two paragraphs are a box in the story,
_BOX_CAP = 150  # and cost at most this much together
_MIN_SHORT_WORDS = 2  # a lone word between paragraphs is a widget label, not a heading
_MIN_BULLET_WORDS = 10  # shorter list items are menu entries or teaser headlines
# How far above the body to look for its title, byline and date (logical lines), and how far
# around it captions still belong to it.
_TITLE_LOOKBACK = 80
_TITLE_CANDIDATES = 25
_BYLINE_LOOKBACK = 20
_CAPTION_REACH = 40


def _weight(line: _Line, isolated: bool) -> float:
    if line.kind == "good":
        gain = max(10.0, len(line.text) - _GOOD_DISCOUNT)
        # Teasers come one sentence at a time between headlines and stamps; a body comes in runs.
        return gain * _ISOLATED_FACTOR if isolated else gain
    if line.kind == "section":
        return -float(_SECTION_COST)
    if line.kind == "caption":
        return -5.0
    if line.kind == "image":
        return -float(_IMAGE_COST)
    if line.kind == "bad":
        return -float(min(max(_BAD_COST, len(line.text) // 2), 2 * _BAD_COST))
    return -float(_SHORT_COST)


def _isolated(lines: list[_Line], i: int) -> bool:
    """True when the nearest text lines on both sides (past images and chrome) are not prose."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].kind in ("bad", "caption", "image"):
            j += step
        if 0 <= j < len(lines) and lines[j].kind == "good":
            return False
    return True


def _weights(lines: list[_Line]) -> list[float]:
    """Each line's gain (prose) or cost (chrome), with short boxes inside a story capped.

    A few lines of chrome between two paragraphs ("Related: ...", a bullet or two of links, an
    image and its credit) are a box set into the article; a long run is a menu or a teaser list.
    """
    weights = []
    for i, line in enumerate(lines):
        isolated = (
            line.kind == "good" and not _SENTENCE_INSIDE.search(line.text) and _isolated(lines, i)
        )
        weights.append(_weight(line, isolated))
    i = 0
    n = len(lines)
    while i < n:
        if lines[i].kind == "good":
            i += 1
            continue
        j = i
        while j < n and lines[j].kind != "good":
            j += 1
        inside = i > 0 and j < n
        if inside and j - i <= _BOX_LINES and all(ln.kind != "end" for ln in lines[i:j]):
            cost = -sum(weights[i:j])
            if cost > _BOX_CAP:
                scale = _BOX_CAP / cost
                for k in range(i, j):
                    weights[k] *= scale
        i = j
    return weights


def _densest_run(lines: list[_Line]) -> tuple[int, int] | None:
    """The run of lines with the most prose net of chrome (maximum-sum subarray), or None."""
    best = 0.0
    best_span: tuple[int, int] | None = None
    running = 0.0
    start = 0
    for i, (line, w) in enumerate(zip(lines, _weights(lines), strict=True)):
        if line.kind == "end":
            if best >= _END_AFTER:
                break  # comments follow the article: nothing after them is the story
            running = 0.0
            continue
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


_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words, for length thresholds; unspaced scripts (Chinese, Japanese): two characters a word."""
    return len(_WORD.findall(text)) + len(_UNSPACED.findall(text)) // 2


def _agency_name(found: str) -> str:
    return _AGENCIES.get(found.lower(), found)


def find_agency(
    paragraphs: Sequence[str], captions: Sequence[str] = (), authors: Sequence[str] = ()
) -> str | None:
    """The wire agency a story credits, spelled as we report it (Yonhap, AP, Reuters, AFP, ...).

    The body's own credit counts first ("... (Yonhap)" at its end, "SEOUL (AP) --" at its start),
    then a byline naming an agency, then photo captions ending with one.
    """
    if paragraphs:
        for m in (_AGENCY_AT_END.search(paragraphs[-1]), _AGENCY_AT_START.search(paragraphs[0])):
            if m and m.group("a").lower() not in _NOT_AGENCIES:
                return _agency_name(m.group("a"))
    for author in authors:
        name = _AGENCIES.get(author.strip().lower())
        if name:
            return name
    for caption in captions:
        m = _AGENCY_TRAILING_WORD.search(caption)
        if m:
            return _agency_name(m.group("a"))
    return None


def _byline_names(text: str) -> tuple[str, ...]:
    date = _DATE.search(text) if _HAS_DIGIT.search(text) else None
    if date:
        text = text[: date.start()]
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
    chrome = line.kind == "bad" and not line.template
    if chrome or line.kind in ("caption", "image") or line.bullet or not 3 <= line.words <= 30:
        return False
    if len(text) > 250 or text.endswith((".", ":", ",", ";")) or _DATE.search(text):
        return False
    if len(_TITLE_NOISE.findall(text)) * 3 > line.words:
        return False  # a ticker or a score line: numbers and symbols, not a headline
    return not _BYLINE.match(text) and not (text[0].isalpha() and text[0].islower())


def _title(lines: list[_Line], start: int) -> str | None:
    """The longest headline-like line among the last text lines before the body.

    A headline-like line right after another is the standfirst under the headline, not a title.
    """
    title = None
    seen = 0
    for i in range(start - 1, max(-1, start - _TITLE_LOOKBACK - 1), -1):
        line = lines[i]
        if line.kind == "bad" and not line.template:
            continue
        seen += 1
        if seen > _TITLE_CANDIDATES:
            break
        if not _is_title_like(line) or (i > 0 and _is_title_like(lines[i - 1])):
            continue
        if title is None or len(line.text) > len(title):
            title = line.text
    return title


def _byline_before(lines: list[_Line], start: int) -> tuple[str, ...]:
    """Authors from the nearest byline above the body ("By A and B", or "By" then a name line)."""
    for i in range(start - 1, max(-1, start - _BYLINE_LOOKBACK - 1), -1):
        line = lines[i]
        if line.words > 25:
            continue
        names = _byline_names(line.text)
        if not names and line.text.strip().lower() in ("by", "by:") and i + 1 < start:
            names = _byline_names(f"By {lines[i + 1].text}")
        if names:
            return names
    return ()


def _published_before(lines: list[_Line], start: int) -> str | None:
    """The date of the nearest dateline or byline above the body, as written."""
    for i in range(start - 1, max(-1, start - _TITLE_LOOKBACK - 1), -1):
        line = lines[i]
        if line.words <= 25 and _HAS_DIGIT.search(line.text):
            m = _DATE.search(line.text)
            if m:
                return m.group(0).strip(" ,")
    return None


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
        # A byline inside the run ("By A and B" between headline and text) is not a paragraph;
        # a sentence that starts with "By" ("By Monday, ...") is prose, so only short lines count.
        names = _byline_names(line.text) if line.kind == "short" and line.words <= 12 else ()
        if names:
            authors = authors or names
            continue
        if line.kind == "short" and line.words < _MIN_SHORT_WORDS:
            continue
        paragraphs.append(line.text)

    # Captions near the article (the page's other captions belong to teasers).
    near = lines[max(0, start - _CAPTION_REACH) : min(len(lines), end + _CAPTION_REACH)]
    captions = _dedupe([ln.text for ln in near if ln.kind == "caption"])
    return CleanedPage(
        title=_title(lines, start),
        paragraphs=tuple(paragraphs),
        captions=captions,
        authors=authors or _byline_before(lines, start),
        agency=find_agency(paragraphs, captions),
        published=_published_before(lines, start),
    )
