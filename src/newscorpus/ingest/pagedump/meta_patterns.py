"""What sits around an article, as data: bylines, names, dates, wire credits, publisher notices.

The patterns the title, byline, agency and publisher finders read (line rules are in `patterns`).
Data only: no functions, no I/O, and never a site's name (every pattern must hold across sites).
"""

from __future__ import annotations

import re

from newscorpus.ingest.pagedump.patterns import AGENCY_ALT

# --- wire credits in the text --------------------------------------------------------------------

# A credit in parentheses: a known agency, or any capitalised name of up to three words when it
# sits where wire credits sit (after the last sentence, or in the dateline before the dash).
_CREDIT_NAME = rf"(?:{AGENCY_ALT}|[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){{0,2}})"
# The credit after the body's last sentence: "... officials said. (Yonhap)".
AGENCY_AT_END = re.compile(rf"[.!?\"'”’]\s*\((?P<a>{_CREDIT_NAME})\)\s*$")
# The credit in the dateline, before its dash: "SEOUL (AP) -- ...".
AGENCY_AT_START = re.compile(rf"^[^.!?\n]{{0,60}}?\((?P<a>{_CREDIT_NAME})\)\s*(?:--|[-—–])")
# Words in parentheses where credits sit that are notes on the story, not its source.
NOT_AGENCIES = frozenset({"updated", "corrected", "opinion", "video", "photos", "analysis", "file"})
# A caption's closing agency name, after a finished sentence: "... on Saturday. Yonhap".
AGENCY_TRAILING_WORD = re.compile(rf"[.!?”\"'’)]\s*(?P<a>{AGENCY_ALT})\s*$", re.I)

# --- bylines and names ---------------------------------------------------------------------------

# "By A and B", in the languages we meet, up to what follows the names (a bar, a date, "Updated").
BYLINE = re.compile(
    r"^(?:[•·]\s*)?(?:by|por|von|par|oleh|di|door|av)\s*:?\s+(?P<names>[^\d|•]{2,120}?)"
    r"(?:\s*(?:[|•·,]|[-–—]\s|\bon\b|\bupdated\b|\bpublished\b|\d).*)?$",
    re.I,
)
# "and" in the languages of the bylines we meet; lowercase only, so "E." stays an initial.
NAME_SPLIT = re.compile(r"\s*(?:,|&|\s(?:and|AND|And|und|et|y|e|dan|и)\s)\s*")
# One person's name from a byline: capitalised words (Latin or Cyrillic), up to five.
NAME = re.compile(r"^[A-ZÀ-Þ\u0400-\u042f][\w.'’-]*(?:\s+[A-ZÀ-Þ\u0400-\u042f]?[\w.'’-]+){0,4}$")
# A byline's author shown without "By": a name of two to four words (particles allowed).
_NAME_WORDS = (
    r"[A-ZÀ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-Þ][\w'’.-]+|de|da|van|von|der|del|la|le|bin|al|el)){1,3}"
)
# An author line without "By": a name, then its role ("Lena Okafor-Brandt, Staff Writer").
AUTHOR_LINE = re.compile(rf"^{_NAME_WORDS}\s*,\s*[\w' ]{{2,40}}$")  # with its role
# A name alone, or names joined by "and", or a name and its place ("Daria Venn in Kesh").
LONE_NAME = re.compile(
    rf"^{_NAME_WORDS}(?:\s+and\s+[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){{1,6}})?"
    r"(?:\s+in\s+[A-ZÀ-Þ][\w' -]{1,30})?$"
)
# A social handle next to an author's name: "Jane Doe @janedoe".
HANDLE = re.compile(r"(?:^|\s)@\w{2,}")
# Job titles that make a short line an author's line: "Staff Writer", "Bureau", "Wire reports".
ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|journalist|bureau"
    r"|wire\ services|wire\ reports)s?\b",
    re.I,
)

# --- dates and stamps ----------------------------------------------------------------------------

# Month names and their abbreviations, as datelines write them.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A time, with a zone abbreviation in capitals only ("8:03 am ET", not "9:15 in the").
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?-i:[A-Z]{2,4})\b)?)?"
)
# A full date, with its time when one follows: "March 3, 2024 at 09:15 KST", "3 Mar 2024",
# "2024-03-03T09:15", "3/3/2024". `published` is what this matches, as written.
DATE = re.compile(
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
META_STAMP = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified)\b|\d{1,2}:\d{2}\b)"
    r"|^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today)\b\W*\d{1,2}[:.]\d{2}"
    r"|\b\d+\s*min(?:ute)?s?\s+(?:read|listen)\b",
    re.I,
)
# A date without its year at the start of a line: "March 3", "3 Mar".
DAY_MONTH = re.compile(rf"^(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})\b", re.I)

# --- headlines -----------------------------------------------------------------------------------

# Numbers, percentages and arrows: a line made mostly of these is a ticker or a score, not a title.
TITLE_NOISE = re.compile(r"(?<!\w)[\d.,:%]+(?!\w)|[▲▼|►•·]")
# Alt texts of pictures that are not the story's: an author's photo, a logo, an icon.
ALT_WORDS = frozenset({"logo", "icon", "mugshot", "headshot", "avatar", "thumbnail"})
# Bars and labels above a headline, in capitals: "BREAKING ...", "LIVE ...", "EXCLUSIVE ...".
TITLE_BAR = re.compile(
    r"^(?:BREAKING(?: NEWS)?|LIVE|JUST IN|DEVELOPING(?: STORY)?|UPDATED?|EXCLUSIVE|WATCH|ALERT"
    r"|NEWS ALERT|FLASH)\b"
)

# --- the publisher -------------------------------------------------------------------------------

# The publisher's notice in a footer: "© 2025 The Brenmoor Herald. All rights reserved.",
# "Copyright © 2019, Los Angeles Times | Terms", "• © 2019 The New York Times Company".
COPYRIGHT_NOTICE = re.compile(
    r"^(?:[•·|]\s*)?(?:copyright\s*)?(?:©|\(c\)|ⓒ|copyright\b)\s*(?:copyright\b)?\s*"
    r"(?:\d{4}(?:\s*[-–—]\s*(?:\d{4})?)?\s*,?\s*)?(?P<name>\S.*)$",
    re.I,
)
# Where the holder's name in a notice ends: a full stop, a bar, "All rights", a year, ", a ...".
NOTICE_END = re.compile(
    r"\s*(?:\.(?:\s|$)|[|·;(]|\s[-–—]\s|,?\s+(?:all\s+rights?|todos|or\s+its|is|are)\b"
    r"|,\s+(?:a|an|the)\s|,?\s*(?<!\w)\d{4}\b)",
    re.I,
)
# Legal forms end a company's name; words like "Media" or "Group" do too, when a name is left.
LEGAL_FORM = re.compile(
    r",?\s+(?:Ltd|Limited|Inc|Incorporated|LLC|L\.L\.C|plc|GmbH|AG|S\.A|SA|Pty|Pvt|Private|Co"
    r"|Corp|Corporation)\b\.?",
    re.I,
)
# Trade words dropped from the end of a holder's name, one at a time, while a name is left.
TRADE_WORD = re.compile(
    r"\s+(?:Media|Group|Holdings|Broadcasting|Publishing|Publications|Network|Communications"
    r"|Company|Newspapers?|Services|Interactive|Digital|&)$",
    re.I,
)
# A masthead image's alt text: "[The Harbor Post logo]".
LOGO = re.compile(
    r"^\[?(?P<name>[A-ZÀ-Þ][\w&'’.-]*(?:\s+[A-ZÀ-Þ&][\w&'’.-]*){0,4})\s+logo\]?$", re.I
)
# Small words of a name that are neither capitalised nor part of its initials.
NAME_FILLER = frozenset({"the", "of", "and", "for", "de", "du", "la", "le", "des", "y"})
# First words of what follows a copyright sign that is not a name ("Policy", "All", "By ...").
NOT_NAMES = frozenset({"policy", "notice", "information", "info", "holder", "all", "by"})
