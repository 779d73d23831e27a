"""Page-dump cleaning: the text of a whole web page in, the article and its photo captions out.

A page dump is what a text browser (`w3m -dump -cols 100`) or a copy of the whole page gives: site
menus, share widgets, captions, bylines, teasers and footers around the article. No library cleans
these, so this module does it with line features (length, sentence-ness, stop-word density, bullets,
repeats, credit lines) and keeps the densest run of prose as the body. Around the body it finds the
headline (the headline-like line right above its byline or date), the byline, the date, the wire
credit, and the publisher (the copyright holder the footer names, as the masthead spells it).

Pure: text in, a `CleanedPage` out. It must never do I/O, never know a site by name (no per-site or
per-URL rules: it is tuned on real pages and must generalise), and never rewrite the words it keeps
(quotation marks and apostrophes stay as written; only hard line wraps are undone, a photo credit
printed under its caption joins the caption, and an agency's copyright notice after a caption's
credit is left out of it).
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
        source: The publisher as the page names it (copyright footer, masthead, logo), or None.
    """

    title: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    authors: tuple[str, ...]
    agency: str | None
    published: str | None
    source: str | None = None


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
_BULLET_FIRST = frozenset("•·▪◦□■○●◆►▸‣⁃☆★*+-–")
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
      | continue\ reading(?:\ the\ main\ story|\ below)?
      | don'?t\ miss|must\ read|editor'?s\ picks?
      | (?:read|see|view|show|load)\ (?:more|less|all|full\ story|comments?)\b[^.!?]{0,40}
      | skip\ (?:to|navigation|ad).*
      | (?:sign\ (?:in|up)|log\ ?in|log\ ?out|register|subscribe(?:\ now)?)\b[^.!?]{0,40}
      | (?:related|recommended|more\ from|most\ (?:read|popular|viewed|shared)|top\ \d+\ stories
         |trending|latest(?:\ news)?|popular|you\ may\ also\ like|you\ might\ also\ like
         |around\ the\ web|further\ reading|also\ read|read\ also|read\ next|up\ next
         |more\ stories|related\ (?:stories|articles|posts|content|coverage))\b[^.!?]{0,40}
      | (?:tags?|topics?|filed\ (?:under|to|in)|categories|category)
            (?:\s*:.{0,120}|(?:\s+[^\s.!?]+){0,6})
      | go\ (?:to\ )?top.*|back\ to\ top.*|top\ of\ page|close|x|menu|search|home|settings
      | font[- ]?size.*|text\ size.*|[ⓐ-ⓩ].{0,20}
      | \d+\s*(?:shares?|comments?|views?|likes?)
      | (?:first\ )?(?:published|updated|posted|last\ (?:updated|modified))\b
            \s*(?::|on\b|at\b|\d).{0,60}
      | all\ rights\ reserved.*|(?:copyright\s*(?:©|\(c\)|\d{4})|©|ⓒ).{0,200}
      | image\ \d+\ of\ /?\s*\d+|\d+\s*/\s*\d+|back\ to\ gallery|photo\ gallery|gallery
      | loading\.*|please\ wait.*
      | (?:also\ on|also\ read|read\ also|see\ also|see\ more|more\ on\ this)\b.{0,150}
      | (?:read\ (?:more|also|next|this)|related(?:\ \w+)?|see\ also|also|more|watch|listen
         |recommended|previously|in\ (?:case\ you\ missed\ it|other\ news))
            \s*(?::|»|›|>>|→).{0,200}
    )\s*$""",
    re.I | re.X,
)

# The first words _CHROME can match: a set lookup spares the regex on lines of prose. Lines that
# begin with a digit or a symbol (©, ⓕ) are always tried.
_CHROME_FIRST_TEXT = """
    share tweet email print comment reply like follow pin save copy whatsapp advertisement ad ads
    sponsored promoted paid continue don dont must editor editors read see view show load skip
    sign log login logout register subscribe related recommended more most top trending latest
    popular you around further also up tag tags topic topics filed categories category go back
    close x menu search home settings font fontsize text first published updated posted last all
    copyright image gallery photo loading please watch listen previously in
    """
_CHROME_FIRST = frozenset(_CHROME_FIRST_TEXT.split())
# Last words of a photo credit on its own line ("Michael Conroy, AP", "Jane Doe | Getty Images").
_CREDIT_LAST = frozenset(
    {*(name.rsplit(None, 1)[-1] for name in _AGENCIES), "epa", "images", "shutterstock", "pool"}
    | {"istock", "istockphoto", "alamy"}
)

# Prompts that may be long sentences but are about the site, not the story. Each pattern is
# looked for only in lines that have one of its key words: a set lookup per word costs far less
# than scanning every line for thirty alternatives.
_PROMPT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "cookie cookies",
        r"cookies?\b.*\b(?:use|accept|consent|policy|settings|experience)\b"
        r"|\b(?:accept|agree to)\b.*\bcookies\b",
    ),
    (
        "privacy",
        r"\b(?:accept|agree to)\b.*\bprivacy policy\b|privacy (?:policy|notice|statement)\b",
    ),
    ("terms", r"terms of (?:use|service)\b|\b(?:accept|agree to)\b.*\bterms\b"),
    (
        "subscribe",
        r"subscribe\b.*\b(?:newsletter|inbox|updates|email|free|unlimited access|now)\b"
        r"|subscribe\b.{0,80}\b(?:a|per) (?:month|year|week)\b",
    ),
    ("sign", r"sign up\b.*\b(?:newsletter|inbox|email|updates|free)\b"),
    ("newsletter", r"newsletter\b.*\b(?:sign up|subscribe|inbox|delivered)\b"),
    ("email", r"\b(?:enter|your) (?:your )?email address\b"),
    ("javascript", r"javascript\b.*\b(?:enable|disabled|browser)\b"),
    ("adblock adblocker blocker", r"\b(?:ad ?blocker|adblock)\b"),
    ("article articles", r"you have \d+ free articles?\b|free articles? (?:left|remaining)\b"),
    ("already", r"already (?:a subscriber|have an account)\b"),
    ("site website", r"this (?:site|website) uses\b"),
    ("click clicking", r"click(?:ing)? here\b"),
    ("rights", r"all rights reserved\b"),
    ("inbox unsubscribe", r"\b(?:inbox|unsubscribe)\b"),
    (
        "follow",
        r"follow (?:us|him|her|me|them) on\b"
        r"|follow (?:\S+ ){0,6}on (?:twitter|facebook|instagram|youtube|tiktok|linkedin|x)\b",
    ),
    ("reached", r"(?:may|can) be reached at\b"),
    ("tip", r"have a (?:news )?tip\b"),
    ("journalism", r"support (?:local |independent |our |quality )?journalism\b"),
    ("share", r"share (?:it|this(?: story| article)?) with (?:a )?(?:friends?|others)\b"),
    ("trademark trademarks", r"registered trademarks?\b"),
    ("receive earn", r"we may (?:receive|earn)\b"),
    ("affiliate", r"affiliate link"),
)
_PROMPT_BY_WORD = {
    word: re.compile(pattern, re.I) for words, pattern in _PROMPT_PATTERNS for word in words.split()
}
_PROMPT_WORDS = frozenset(_PROMPT_BY_WORD)
# Prompts known by how they begin: "Read the full story", "Subscribe to ...", "Listen live".
_PROMPT_START = re.compile(
    r"""(?:
        (?:to\ )?read\ the\ full\ (?:story|article)
      | (?:get|receive|sign\ up|join|subscribe)\b.{0,80}\b(?:alerts|newsletters?|updates|stories)\b
      | support\b.{0,80}\b(?:journalism|subscri|donat|contribut|support\ us)
      | subscribe\ to\b | like\ this\ (?:story|article)\b
      | listen\b.{0,60}\b(?:live|podcast|listen\ back|this\ (?:article|story))\b
    )""",
    re.I | re.X,
)
_PROMPT_FIRST = frozenset(
    ("get", "receive", "join", "sign", "subscribe", "listen", "support", "read", "to", "like")
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
      | \([^()]{0,30}\b(?:file\ )?(?:photo|image|picture)s?\)\s*$
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
_CREDIT_HINTS = ("photo", "image", "picture", "credit", "getty", "shutterstock", "istock")
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
# A photo credit on a line of its own, under its caption: "Michael Conroy, AP", "© REUTERS / POOL",
# "Jane Doe | Bloomberg | Getty Images", "(AP Photo/Jane Doe)". A byline ("By ...") is not one.
_PHOTO_SOURCE = rf"(?:{_AGENCY_ALT}|EPA|Getty\ Images|Shutterstock|iStock(?:photo)?|Alamy|Pool)"
_CREDIT_ALONE = re.compile(
    rf"""^(?!by\b)(?:
        ©(?!.*(?:\d|rights))\s*\S.{{0,60}}
      | \(?(?:[A-Z][\w.'’-]*\ ){{0,3}}[A-Z][\w.'’-]*\s*[,/|]\s*{_PHOTO_SOURCE}
            (?:\s*[|/,]\s*{_PHOTO_SOURCE})*\)?
      | {_PHOTO_SOURCE}(?:\ (?:photo|images?))?\s*/\s*[A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){{0,3}}
      | \((?:[A-Z][\w.]*\ ){{0,3}}(?:photo|photograph|image|picture)s?\b[^()]{{0,60}}\)
    )\s*$""",
    re.I | re.X,
)
# A caption's credit followed by the photo agency's copyright notice: the notice is not caption.
_CAPTION_COPYRIGHT = re.compile(r"\s*(?:[/|]\s*|(?<=\.)\s+)(?:©|\(c\)|copyright\b).*$", re.I)
# A gallery prints a caption again cut short, with a button: "... during a 24-hour ... more".
_EXPANDER = re.compile(r"(?:\s*(?:\.\.\.|…))?\s+(?:less|more)$")
# Share, print and text-size widgets: lines made only of these words, with at least one of the
# strong ones ("Share this article", "Email this to someone", "A- A A+ Print Save article").
_WIDGET_WORDS_TEXT = """
    share shares sharing tweet email e mail print save saved article story this it to on via about
    with someone friend friends copy link facebook twitter x whatsapp linkedin pinterest reddit
    telegram messenger instagram youtube tiktok flipboard mix kakao sms comment comments button
    buttons icon font text size a aa listen bookmark follow us rss feed reprints permalink
    """
_WIDGET_WORDS = frozenset(_WIDGET_WORDS_TEXT.split())
_WIDGET_STRONG_TEXT = """
    share shares sharing tweet email print save facebook twitter whatsapp linkedin pinterest
    reddit telegram messenger instagram flipboard kakao bookmark reprints permalink
    """
_WIDGET_STRONG = frozenset(_WIDGET_STRONG_TEXT.split())
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


# Stamps between a headline and its body: "Updated 6:15 pm", "5 min read", "Posted: ...".
_META_STAMP = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)\b|\d{1,2}:\d{2}\b)"
    r"|^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today)\b\W*\d{1,2}[:.]\d{2}"
    r"|\b\d+\s*min(?:ute)?s?\s+(?:read|listen)\b",
    re.I,
)
_DAY_MONTH = re.compile(rf"^(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})\b", re.I)
# An author line without "By": a name of two to four words, with a role or a place after it.
_NAME_WORDS = (
    r"[A-ZÀ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-Þ][\w'’.-]+|de|da|van|von|der|del|la|le|bin|al|el)){1,3}"
)
_AUTHOR_LINE = re.compile(rf"^{_NAME_WORDS}\s*,\s*[\w' ]{{2,40}}$")  # with its role
# A name alone, or names joined by "and", or a name and its place ("Daria Venn in Kesh").
_LONE_NAME = re.compile(
    rf"^{_NAME_WORDS}(?:\s+and\s+[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){{1,6}})?"
    r"(?:\s+in\s+[A-ZÀ-Þ][\w' -]{1,30})?$"
)
# Alt texts of pictures that are not the story's: an author's photo, a logo, an icon.
_ALT_WORDS = frozenset({"logo", "icon", "mugshot", "headshot", "avatar", "thumbnail"})
_HANDLE = re.compile(r"(?:^|\s)@\w{2,}")
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|journalist|bureau"
    r"|wire\ services|wire\ reports)s?\b",
    re.I,
)
# Bars and labels above a headline, in capitals: "BREAKING ...", "LIVE ...", "EXCLUSIVE ...".
_TITLE_BAR = re.compile(
    r"^(?:BREAKING(?: NEWS)?|LIVE|JUST IN|DEVELOPING(?: STORY)?|UPDATED?|EXCLUSIVE|WATCH|ALERT"
    r"|NEWS ALERT|FLASH)\b"
)


# The publisher's notice in a footer: "© 2025 The Brenmoor Herald. All rights reserved.",
# "Copyright © 2019, Los Angeles Times | Terms", "• © 2019 The New York Times Company".
_COPYRIGHT_NOTICE = re.compile(
    r"^(?:[•·|]\s*)?(?:copyright\s*)?(?:©|\(c\)|ⓒ|copyright\b)\s*(?:copyright\b)?\s*"
    r"(?:\d{4}(?:\s*[-–—]\s*(?:\d{4})?)?\s*,?\s*)?(?P<name>\S.*)$",
    re.I,
)
_NOTICE_END = re.compile(
    r"\s*(?:\.(?:\s|$)|[|·;(]|\s[-–—]\s|,?\s+(?:all\s+rights?|todos|or\s+its|is|are)\b"
    r"|,\s+(?:a|an|the)\s|,?\s*(?<!\w)\d{4}\b)",
    re.I,
)
# Legal forms end a company's name; words like "Media" or "Group" do too, when a name is left.
_LEGAL_FORM = re.compile(
    r",?\s+(?:Ltd|Limited|Inc|Incorporated|LLC|L\.L\.C|plc|GmbH|AG|S\.A|SA|Pty|Pvt|Private|Co"
    r"|Corp|Corporation)\b\.?",
    re.I,
)
_TRADE_WORD = re.compile(
    r"\s+(?:Media|Group|Holdings|Broadcasting|Publishing|Publications|Network|Communications"
    r"|Company|Newspapers?|Services|Interactive|Digital|&)$",
    re.I,
)
_LOGO = re.compile(
    r"^\[?(?P<name>[A-ZÀ-Þ][\w&'’.-]*(?:\s+[A-ZÀ-Þ&][\w&'’.-]*){0,4})\s+logo\]?$", re.I
)
_NAME_FILLER = frozenset({"the", "of", "and", "for", "de", "du", "la", "le", "des", "y"})
_NOT_NAMES = frozenset({"policy", "notice", "information", "info", "holder", "all", "by"})


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
    gap: bool = False  # a blank line above it: a block of its own
    credit: bool = False  # a photo credit alone: the line right above it is a caption
    twice: bool = False  # a caption only because it is printed twice in a row (headlines are too)
    # (a caption with `template` set is one because the page repeats it, as it does headlines)


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
        head = stripped[0]
        bullet = _BULLET.match(raw) if head in _BULLET_FIRST or head.isdigit() else None
        # A dash at the start of a line that follows a full one is the text going on, not a list.
        dash = bullet is not None and indent == 0 and stripped[0] in "-–*+"
        if prev_raw is not None and (not bullet or dash) and stripped != parts[-1][0]:
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
        out.append(_Line(text="", indent=indent, bullet=bool(bullet), gap=prev_raw is None))
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
    if len(text) > 60 and ("©" in text or "opyright" in text):
        m = _CAPTION_COPYRIGHT.search(text)
        if m and _has_photo_credit(text[: m.start()]):
            text = line.text = text[: m.start()]
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
    if n <= 10 and (
        (first in _CREDIT_ONLY_FIRST and _CREDIT_ONLY.match(text))
        or (
            (first in "©(" or "/" in text or words[-1] in _CREDIT_LAST)
            and _CREDIT_ALONE.match(text)
        )
    ):
        line.kind = "bad"
        line.credit = True
        return
    if size < 200 and (
        ((not first.isalpha() or words[0] in _CHROME_FIRST) and _CHROME.match(text))
        or (first in _CREDIT_ONLY_FIRST and _CREDIT_ONLY.match(text))
    ):
        line.kind = "bad"
        return
    if n <= 12 and all(w.lstrip("0123456789") in _WIDGET_WORDS for w in words):
        strong = sum(w.lstrip("0123456789") in _WIDGET_STRONG for w in words)
        if strong >= 2 or (strong and n <= 4):
            line.kind = "bad"
            return
    if ("cookie" in low and _COOKIES.search(low)) or (
        n >= 3 and size < 400 and _is_prompt(low, words)
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
    prose_end = bool(_SENTENCE_END.search(text[-40:]))
    spaced = n >= 4 and size / n < 12  # CJK and other unspaced scripts fail this
    if line.bullet:
        # Menu items and teaser headlines come as bullets; a real list item in an article is a
        # sentence.
        good_bullet = prose_end and (not spaced or _density(words) >= 0.2)
        line.kind = "good" if good_bullet else "bad"
        return
    if size >= 160 or (size >= 80 and _width(text) >= 160):
        line.kind = "good" if (prose_end or not spaced or _density(words) >= 0.12) else "short"
    elif n >= 8 and prose_end and (not spaced or _density(words) >= 0.15):
        line.kind = "good"
    else:
        line.kind = "short"


def _density(words: list[str]) -> float:
    """Share of stop words: prose is dense in them, menus and labels are not."""
    return sum(map(_STOP_WORDS.__contains__, words)) / len(words)


def _is_prompt(low: str, words: list[str]) -> bool:
    if words[0] in _PROMPT_FIRST and _PROMPT_START.match(low):
        return True
    if _PROMPT_WORDS.isdisjoint(words):
        return False
    return any(_PROMPT_BY_WORD[w].search(low) for w in _PROMPT_WORDS.intersection(words))


def _has_photo_credit(text: str) -> bool:
    if _CAPTION_START.match(text):
        return True
    tail = text[-120:]
    low = tail.lower()
    last_word = low.rsplit(None, 1)[-1].strip(".)") if low.strip() else ""
    if not (
        last_word in _AGENCIES
        or last_word in _PHOTO_AGENCIES
        or "/" in low
        or "(" in low
        or any(hint in low for hint in _CREDIT_HINTS)
    ):
        return False
    return bool(_CAPTION_CREDIT.search(tail))


def _mark_context(lines: list[_Line]) -> None:
    """Judge lines by their neighbours: captions, repeated template text, menus of bullets.

    A line repeated right after itself is a caption shown twice (image and its overlay), and so is
    a line above a credit of its own ("Photo: ..."); a line repeated elsewhere on the page is
    template (teaser lists at the top and bottom, headlines in breadcrumbs) unless one of its
    copies is a caption. A prose-looking bullet in a list of mostly non-prose bullets is a teaser.
    """
    counts = Counter(line.key for line in lines)
    last = len(lines) - 1
    for i, line in enumerate(lines):
        line.repeats = counts[line.key]
        label = line.text[0] in "IiPpMm" and _CAPTION_LABEL.match(line.text)
        if label and line.kind != "bad":
            line.text = line.text[label.end() :]
            line.kind = "caption"
            continue
        if line.kind == "bad" and line.bullet and line.words >= 10:
            # A gallery's caption, set as a list item, that ends with its credit.
            if not line.credit and _has_photo_credit(line.text):
                line.kind = "caption"
            continue
        if line.kind in ("bad", "section", "end", "image"):
            continue
        table_row = "   " in line.text and _TABLE_GAP.search(line.text)
        if line.words >= 6 and not table_row:
            adjacent = (i < last and lines[i + 1].key == line.key) or (
                i > 0 and lines[i - 1].key == line.key
            )
            if _has_photo_credit(line.text):
                line.kind = "caption"
                continue
            if adjacent and line.repeats <= 2:
                line.kind = "caption"
                line.twice = _headline_shaped(line)
                continue
            below = lines[i + 1] if i < last else None
            if (
                below
                and below.credit
                and not below.gap
                and not line.bullet
                and "|" not in line.text
            ):
                if not line.key.endswith(below.key):
                    line.text = f"{line.text} {below.text}"
                    line.key = f"{line.key} {below.key}"
                line.kind = "caption"
                continue
            if (
                line.repeats > 1
                and i > 0
                and lines[i - 1].kind == "image"
                and (_SENTENCE_END.search(line.text[-40:]) or _SENTENCE_INSIDE.search(line.text))
            ):
                line.kind = "caption"  # under its image here, printed again elsewhere
                continue
        if line.repeats > 1 and not table_row:
            line.kind = "bad"  # template: teasers, headlines and labels the page repeats
            line.template = True
    caption_keys = {line.key for line in lines if line.kind == "caption"}
    for line in lines:
        if line.template and line.key in caption_keys:
            line.kind = "caption"  # the same caption away from its image (after the story)
        elif line.text.endswith((" less", " more")) and line.kind != "caption":
            m = _EXPANDER.search(line.text)
            if m:
                stem = _norm_key(line.text[: m.start()])
                if len(stem) >= 30 and any(
                    k != line.key and k.startswith(stem) for k in caption_keys
                ):
                    line.kind = "bad"  # a caption again, cut short, with a more/less button
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


def _headline_shaped(line: _Line) -> bool:
    """No sentence punctuation and no credit: a line printed twice like this may be a headline."""
    text = line.text
    return line.words <= 25 and not text.endswith(".") and not _SENTENCE_INSIDE.search(text)


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
# A headline sits right above its byline or date: bonus when one follows after 0, 1 or 2 lines.
_META_BONUS = (6.0, 5.0, 4.0)
_META_REACH = 12  # lines below a candidate to look for its byline or date
_MAX_TITLE_SCORE = _META_BONUS[0] + 2  # the best a candidate can score before its distance
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


def _dedupe_captions(items: list[str]) -> tuple[str, ...]:
    """Each caption once, in order of first appearance.

    A caption whose words begin another one is that caption cut short (a gallery's "... more"
    variant, or the caption before its credit was added): the longer one is kept in its place.
    """
    out: list[str] = []
    keys: list[str] = []
    for item in items:
        key = _norm_key(item)
        if not key:
            continue
        for n, kept in enumerate(keys):
            if kept.startswith(key):
                break
            if key.startswith(kept):
                out[n], keys[n] = item, key
                break
        else:
            out.append(item)
            keys.append(key)
    return tuple(out)


_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words, for length thresholds; unspaced scripts (Chinese, Japanese): two characters a word."""
    return len(_WORD.findall(text)) + len(_UNSPACED.findall(text)) // 2


def _agency_name(found: str) -> str:
    return _AGENCIES.get(found.lower(), found)


def find_agency(
    paragraphs: Sequence[str],
    captions: Sequence[str] = (),
    authors: Sequence[str] = (),
    source: str | None = None,
) -> str | None:
    """The wire agency a story credits, spelled as we report it (Yonhap, AP, Reuters, AFP, ...).

    The body's own credit counts first ("... (Yonhap)" at its end, "SEOUL (AP) --" at its start),
    then a byline naming an agency, then photo captions ending with one. A credit that is the
    publisher itself ("(NBT)" on the Northgate Business Times' own story, given `source`) is
    the paper's own staff, not a wire, unless it is a known agency.
    """
    if paragraphs:
        for m in (_AGENCY_AT_END.search(paragraphs[-1]), _AGENCY_AT_START.search(paragraphs[0])):
            if m and m.group("a").lower() not in _NOT_AGENCIES:
                found = m.group("a")
                if found.lower() in _AGENCIES or not _same_outlet(found, source):
                    return _agency_name(found)
    for author in authors:
        name = _AGENCIES.get(author.strip().lower())
        if name:
            return name
    for caption in captions:
        m = _AGENCY_TRAILING_WORD.search(caption)
        if m:
            return _agency_name(m.group("a"))
    return None


def _same_outlet(credit: str, source: str | None) -> bool:
    """Whether a credit names the publisher: its name, or the initials of its name."""
    if not source:
        return False
    credit_key = _norm_key(credit)
    words = [w for w in _WORD.findall(source) if w.lower() not in _NAME_FILLER]
    initials = "".join(w[0] for w in words).lower()
    return credit_key in (_norm_key(source), initials) or credit_key == " ".join(
        w.lower() for w in words
    )


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


def _title_words(line: _Line) -> int:
    if line.text.isascii():
        return line.words
    return line.words + len(_UNSPACED.findall(line.text)) // 2


def _is_title_like(line: _Line) -> bool:
    """Could be a headline: a few words, not chrome, not a sentence, not a stamp or a ticker."""
    text = line.text
    chrome = line.kind == "bad" and not line.template
    caption = line.kind == "caption" and not (line.twice or line.template)
    if chrome or caption or line.kind == "image" or line.bullet:
        return False
    if not 3 <= _title_words(line) <= 30 or len(text) > 250:
        return False
    if text.endswith((".", ":", ",", ";")) or text[0] in "([" or "   " in text:
        return False  # a sentence, a label, a credit or a table row
    if "://" in text or "www." in text or _has_photo_credit(text):
        return False
    if len(_TITLE_NOISE.findall(text)) * 3 > line.words or "▲" in text or "▼" in text:
        return False  # a ticker or a score line: numbers and arrows, not a headline
    if (text[0].isalpha() and text[0].islower()) or text.rsplit(None, 1)[-1] in _ALT_WORDS:
        return False
    return not _is_stamp(line)


class _Head:
    """The lines above a body, with which of them are bylines, names or stamps worked out once."""

    def __init__(self, lines: list[_Line], start: int) -> None:
        self.lines = lines
        self.start = start
        self._strong: dict[int, bool] = {}
        self._title_like: dict[int, bool] = {}

    def title_like(self, j: int) -> bool:
        found = self._title_like.get(j)
        if found is None:
            found = self._title_like[j] = _is_title_like(self.lines[j])
        return found

    def _stamp_or_author(self, j: int) -> bool:
        found = self._strong.get(j)
        if found is None:
            line = self.lines[j]
            found = (
                line.words <= 25
                and line.kind != "image"
                and (_is_stamp(line) or _is_author_line(line))
            )
            self._strong[j] = found
        return found

    def meta(self, j: int) -> bool:
        """A byline, an author's line or a date stamp: what sits between a headline and its body.

        A name alone ("Hugo Brandt") counts only right above a stamp: menus are full of two
        capitalised words too.
        """
        if self._stamp_or_author(j):
            return True
        line = self.lines[j]
        limit = 10 if " and " in line.text else 5
        if line.words > limit or line.kind == "image" or not _LONE_NAME.match(line.text):
            return False
        return any(self._stamp_or_author(k) for k in range(j + 1, min(self.start, j + 4)))


def _is_stamp(line: _Line) -> bool:
    """A byline or a date stamp ("By ...", "Updated 6:15 pm", "March 3, 2024", "2 hours ago")."""
    text = line.text
    if _BYLINE.match(text) or _META_STAMP.search(text) or text.lower() in ("by", "by:"):
        return True
    return bool(
        _HAS_DIGIT.search(text)
        and (
            _DATE.search(text) or _DAY_MONTH.search(text) or (line.words <= 8 and _AGO.search(text))
        )
    )


def _is_author_line(line: _Line) -> bool:
    """An author's name with a role ("Lena Okafor-Brandt, Staff Writer") or handle, or a role alone.

    A name alone ("Hugo Brandt", "Daria Venn in Kesh") is judged by its place (`_is_meta`).
    """
    if line.words > 8:
        return False
    text = line.text
    if _ROLE.search(text):
        return (line.words <= 4 and not _SENTENCE_END.search(text)) or bool(
            _AUTHOR_LINE.match(text)
        )
    return "@" in text and bool(_HANDLE.search(text))  # "Jane Doe @janedoe"


def _title_case(line: _Line) -> bool:
    """Most words capitalised, as headlines in title case are and standfirsts never."""
    words = [w for w in line.text.split() if w[0].isalpha() and w.lower() not in _STOP_WORDS]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


def _title(lines: list[_Line], start: int) -> int | None:
    """Index of the headline among the text lines above the body, or None.

    Candidates are headline-like lines (see `_is_title_like`) among the last text lines before
    the body. The headline is usually the nearest one, right above its byline or date; what
    looks like a headline but sits directly under a shorter one is the standfirst; bars
    ("BREAKING ...") and all-capital labels rarely are the headline; menus and teaser lists are
    further up. Ties go to the nearest line.
    """
    head = _Head(lines, start)
    best: int | None = None
    best_score = float("-inf")
    rank = 0
    for i in range(start - 1, max(-1, start - _TITLE_LOOKBACK - 1), -1):
        line = lines[i]
        if (line.kind == "bad" and not line.template) or line.kind == "image":
            continue
        if line.kind == "caption" and not (line.twice or line.template):
            continue
        if line.words >= 2:
            rank += 1
        if rank > _TITLE_CANDIDATES or _MAX_TITLE_SCORE - rank <= best_score:
            break  # too far up to beat the best (ties go to the nearer line)
        if not head.title_like(i):
            continue
        score = _title_score(head, i) - rank
        if score > best_score:
            best, best_score = i, score
    return best


def _title_score(head: _Head, i: int) -> float:
    lines = head.lines
    line = lines[i]
    score = 0.0
    between = 0  # text lines between the candidate and a byline or date below it
    for j in range(i + 1, min(head.start, i + _META_REACH)):
        if head.meta(j):
            score += _META_BONUS[between]
            break
        below = lines[j]
        if below.kind in ("good", "short") and below.words >= 2:
            between += 1
            if between >= len(_META_BONUS):
                break
    words = _title_words(line)
    score += 2 if words >= 5 else -2 if words <= 3 else 0
    if head.meta(i):
        score -= 6
    elif line.words <= 5 and _LONE_NAME.match(line.text):
        score -= 3  # capitalised words alone: a name, a label or a promo more often than a title
    if line.text.isupper() or _TITLE_BAR.match(line.text):
        score -= 4
    for j in range(i - 1, max(-1, i - 4), -1):
        above = lines[j]
        if above.kind == "image":
            continue
        if head.title_like(j) and 5 <= _title_words(above) < words and not _title_case(line):
            score -= 5  # the standfirst (a sentence) under its headline
        break
    return score


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
    """The date of the nearest dateline or byline above the body, as written.

    A caption's date is when the photo was taken, not when the story was published.
    """
    for i in range(start - 1, max(-1, start - _TITLE_LOOKBACK - 1), -1):
        line = lines[i]
        if line.words <= 25 and line.kind != "caption" and _HAS_DIGIT.search(line.text):
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
        agency, the date string found near the body and the publisher the page names. A page with
        no prose body (an index of teasers, an error page) gives empty `paragraphs`.
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

    title_at = _title(lines, start)
    title = lines[title_at].text if title_at is not None else None
    # Captions near the article (the page's other captions belong to teasers); a headline
    # printed twice looked like one until it turned out to be the title.
    near = lines[max(0, start - _CAPTION_REACH) : min(len(lines), end + _CAPTION_REACH)]
    title_key = lines[title_at].key if title_at is not None else None
    captions = _dedupe_captions(
        [ln.text for ln in near if ln.kind == "caption" and ln.key != title_key]
    )
    source = _source(lines, start, end)
    agency = find_agency(paragraphs, captions, source=source)
    authors = authors or _byline_before(lines, start)
    return CleanedPage(
        title=title,
        paragraphs=tuple(paragraphs),
        captions=captions,
        authors=tuple(a for a in authors if a != agency),  # "By Norland Wire" names no person
        agency=agency,
        published=_published_before(lines, start),
        source=source,
    )


def _outlet_name(found: str) -> str | None:
    """A publisher's name from a copyright notice's holder, legal form and trade words dropped.

    None when what follows the notice is not a name ("Designed by ...", "@handle", a policy).
    """
    name = _NOTICE_END.split(found, maxsplit=1)[0].strip(" ,.-–—")
    if name.lower().startswith("copyright "):
        name = name[len("copyright ") :]
    legal = _LEGAL_FORM.search(name)
    if legal:
        name = name[: legal.start()].strip(" ,.")  # "Quiller Media, Inc., Contact Us"
    while True:
        shorter = _TRADE_WORD.sub("", name).strip(" ,")
        if shorter == name or len([w for w in shorter.split() if w.lower() != "the"]) < 2:
            break
        name = shorter
    words = name.split()
    if not 1 <= len(words) <= 6 or name.isdigit() or "@" in name:
        return None
    if words[0].lower() in _NOT_NAMES or any(
        w[0].isalpha() and w[0].islower() and w not in _NAME_FILLER for w in words
    ):
        return None  # "Designed by ...", "Policy": not a publisher's name
    return name


def _source(lines: list[_Line], start: int, end: int) -> str | None:
    """The publisher the page names: its copyright notice, else its logo's alt text.

    The last notice after the body is the site's own (a wire's notice comes first, right under
    its story); a notice naming a wire agency counts only when the page has no other. A masthead
    line that says the same name with "The" in front is how the paper spells itself ("Ostrania
    Observer Media Ltd." -> "The Ostrania Observer").
    """
    name = wire = None
    for line in (*reversed(lines[end:]), *reversed(lines[:start])):
        if line.words > 40 or line.kind == "caption" or line.credit:
            continue
        m = _COPYRIGHT_NOTICE.match(line.text)
        found = _outlet_name(m.group("name")) if m else None
        if found and found.lower() in _AGENCIES:
            wire = wire or found
        elif found:
            name = found
            break
    name = name or wire
    if name is None:
        for line in lines[:start]:
            m = _LOGO.match(line.text) if line.words <= 7 else None
            if m:
                return _outlet_name(m.group("name"))
        return None
    spelled = f"the {_norm_key(name)}"
    for line in lines:
        if line.words <= 8 and line.key.removesuffix(" logo") == spelled:
            return line.text.strip("[]").removesuffix(" logo").removesuffix(" Logo")
    return name
