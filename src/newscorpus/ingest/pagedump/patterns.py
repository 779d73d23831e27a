"""What a line of a page dump is, as data: prose, chrome, prompts, widgets, captions, credits.

Every pattern and word list the line rules read, each with what it is for (thresholds are in
`settings`, what sits around the body in `meta_patterns`). Data only: no functions, no I/O, and
never a site's name: the rules are tuned on real pages and must generalise.
"""

from __future__ import annotations

import re

# --- vocabulary ----------------------------------------------------------------------------------

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
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Agencies whose credit marks an article or a caption as wire copy; spelled as we report them.
AGENCIES = {
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
# The agencies' names as one regex alternation, longest first: the longest name at a place wins.
AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))

# A word, for counts and keys.
WORD = re.compile(r"\w+")
# East Asian wide and fullwidth characters (Unicode EastAsianWidth W and F): two columns each.
WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)
# Characters of scripts written without spaces (Chinese, Japanese): two make a word.
UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A list item's marker: a bullet symbol, a dash or a number ("1.", "2)").
BULLET = re.compile(r"^(\s*)(?:[•·▪◦□■○●◆►▸‣⁃☆★*+\-–]|\d{1,3}[.)])\s+")
# The characters a bullet can begin with: a set lookup before the regex.
BULLET_FIRST = frozenset("•·▪◦□■○●◆►▸‣⁃☆★*+-–")
# A line that is a bullet and nothing else.
BULLET_ONLY = re.compile(r"^\s*(?:[•·▪◦□■○●◆►▸‣⁃☆★*+\-–]|\d{1,3}[.)])\s*$")
# A card shown on hover inside a paragraph, as a text browser prints it: a picture's label glued to
# the name it hangs on ("Rep. Jane Roe[roe_01]Jane RoeHeadline ... Headline MORE (D-Ore.) said"),
# other stories' headlines, then the card's button. The card, not the name, is left out.
HOVER_CARD = re.compile(r"(?<=\w)\[[^\[\]]{1,80}\][^\[\]]{1,1000}?\sMORE\b")
# Form fields and buttons as a text browser draws them: "[____]", "[Search]".
FORM_FIELD = re.compile(r"\[[ _]{3,}\]|\[(?:Search|Submit|Send|Go|Subscribe|Sign Up|OK)\]", re.I)
# A line that is nothing but bracketed labels: images ([alt]), inline frames, ad slots.
IMAGE_ONLY = re.compile(r"^(?:\s*\[[^\]]*\]\s*)+$")
# Columns set apart by runs of spaces: a table row, not a sentence.
TABLE_GAP = re.compile(r"\S {3,}\S")
# A sentence end, possibly followed by a credit in parentheses: "... next month. (Yonhap)".
SENTENCE_END = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*(?:\s*\([^()]{1,30}\))?\s*$")
# A sentence ending inside a line, the next one starting: two sentences, not a headline.
SENTENCE_INSIDE = re.compile(r"\w[.!?][\"'”’»)]*\s+[\"'“‘«(]*[A-ZÀ-Þ0-9]")

# --- chrome and prompts --------------------------------------------------------------------------

# Whole-line chrome: widgets, prompts and labels that are never article text.
CHROME = re.compile(
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

# The first words CHROME can match: a set lookup spares the regex on lines of prose. Lines that
# begin with a digit or a symbol (©, ⓕ) are always tried.
_CHROME_FIRST_TEXT = """
    share tweet email print comment reply like follow pin save copy whatsapp advertisement ad ads
    sponsored promoted paid continue don dont must editor editors read see view show load skip
    sign log login logout register subscribe related recommended more most top trending latest
    popular you around further also up tag tags topic topics filed categories category go back
    close x menu search home settings font fontsize text first published updated posted last all
    copyright image gallery photo loading please watch listen previously in
    """
CHROME_FIRST = frozenset(_CHROME_FIRST_TEXT.split())
# Last words of a photo credit on its own line ("Michael Conroy, AP", "Jane Doe | Getty Images").
CREDIT_LAST = frozenset(
    {*(name.rsplit(None, 1)[-1] for name in AGENCIES), "epa", "images", "shutterstock", "pool"}
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
    (
        "moderator moderators moderated moderation moderador moderadores modérateur moderatore",
        r"\b(?:comment|coment|komment)",
    ),
    ("tip", r"have a (?:news )?tip\b"),
    ("journalism", r"support (?:local |independent |our |quality )?journalism\b"),
    ("share", r"share (?:it|this(?: story| article)?) with (?:a )?(?:friends?|others)\b"),
    ("trademark trademarks", r"registered trademarks?\b"),
    ("receive earn", r"we may (?:receive|earn)\b"),
    ("affiliate", r"affiliate link"),
)
# Each key word -> the compiled pattern of its prompt.
PROMPT_BY_WORD = {
    word: re.compile(pattern, re.I) for words, pattern in _PROMPT_PATTERNS for word in words.split()
}
# The key words: a line with none of them is no prompt of `_PROMPT_PATTERNS`.
PROMPT_WORDS = frozenset(PROMPT_BY_WORD)
# Prompts known by how they begin: "Read the full story", "Subscribe to ...", "Listen live".
PROMPT_START = re.compile(
    r"""(?:
        (?:to\ )?read\ the\ full\ (?:story|article)
      | (?:get|receive|sign\ up|join|subscribe)\b.{0,80}\b(?:alerts|newsletters?|updates|stories)\b
      | support\b.{0,80}\b(?:journalism|subscri|donat|contribut|support\ us)
      | subscribe\ to\b | like\ this\ (?:story|article)\b
      | listen\b.{0,60}\b(?:live|podcast|listen\ back|this\ (?:article|story))\b
    )""",
    re.I | re.X,
)
# First words PROMPT_START can match: a set lookup spares the regex on most lines.
PROMPT_FIRST = frozenset(
    ("get", "receive", "join", "sign", "subscribe", "listen", "support", "read", "to", "like")
)
# Any digit: a cheap test before the date patterns.
HAS_DIGIT = re.compile(r"\d")

# Cookie and consent notices can be long, but they are never a story.
COOKIES = re.compile(
    r"\bcookies?\b.{0,200}\b(?:use|uses|using|accept|consent|policy|settings|necessary|track)"
    r"|\b(?:accept|consent to)\b.{0,80}\bcookies\b",
    re.I,
)

# Credit lines after an article: reporting/editing credits, "originally published" notes.
CREDIT_LINE = re.compile(
    r"""^[(\[]?\s*(?:
        (?:additional\ )?(?:reporting|writing|editing|compiled|produced)\ by\b
      | this\ (?:article|story|post)\ (?:was\ )?(?:originally\ )?(?:appeared|published|first)
      | (?:contact|email|follow)\ (?:the\ )?(?:author|reporter|writer|us)\b
    )""",
    re.I | re.X,
)

# The wire and newspaper sign-off naming who else reported: "Jane Roe contributed reporting from
# Lyon.", "Associated Press writers A and B contributed to this report."
CONTRIBUTED = re.compile(
    r"\bcontributed\ (?:reporting|research|to\ this\ (?:report|story|article))\b", re.I
)
# A line of rule characters ("___", "* * *"): the end of a story's text, not a sentence of it.
SEPARATOR = re.compile(r"^[\W_]+$")

# Headings that open what follows an article (comments, related stories, tags): the body rarely
# continues past one, so crossing it costs much more than any other chrome.
SECTION_HEADING = re.compile(
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
# Section headings that open the comments: the story is over (kind "end").
COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+|top rated |recent |show |view |load |read )?(?:comments?|responses)\b"
    r"|^(?:post|add|leave|write) a (?:comment|reply|response)"
    r"|^join the (?:conversation|discussion)",
    re.I,
)
# A relative time stamp: "2 hours ago", "5 mins ago".
AGO = re.compile(
    r"\b\d+\s*(?:[smhdw]|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago\b", re.I
)
# A file name (an image or a video left as text): never prose.
FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|mp4)\b", re.I)

# A teaser excerpt is cut mid-sentence: a word, then an ellipsis.
TRUNCATED = re.compile(r"[\w,;]\s?(?:\.\.\.|…)\s*(?:\[?(?:read|more|continue)[^\]]*\]?)?$", re.I)

# --- captions and photo credits ------------------------------------------------------------------

# A caption ends with a photo credit; a body paragraph ends "(Yonhap)" instead, so an agency name
# counts here only outside parentheses and after a finished sentence.
CAPTION_CREDIT = re.compile(
    r"""(?:
        [.!?”"'’)]\s*(?:"""
    + AGENCY_ALT
    + r"""|EPA|Getty\ Images|Shutterstock|AP\ Photo|AFP\ Photo|Newsis|News1|Xinhua/\w+)\s*$
      | \((?:(?:AP|AFP|Reuters|EPA|Yonhap|Xinhua|Getty)\s+Photo|Photo|Image|Picture)\b[^()]*\)\s*$
      | \([^()]{0,30}\b(?:file\ )?(?:photo|image|picture)s?\)\s*$
      | \([^()/]{2,60}/[^()]{2,60}\)\s*$
      | \b(?:photo|photograph|picture|image|credit)s?\s*(?:credit|by|courtesy)?\s*[:/]\s*\S.{0,80}$
      | \bCredit\.{2,}.{0,80}$
      | \b(?:Getty\ Images|Shutterstock|iStock(?:photo)?)\b[^.]{0,40}$
      | \b(?:REUTERS|AFP|AP|EPA|XINHUA|YONHAP)/\s?[A-Z][\w.'’\ -]{1,40}$
      | /\s*(?:"""
    + AGENCY_ALT
    + r"""|EPA|Getty\ Images)(?:\ (?:file|photo|images?))?\s*$
    )""",
    re.I | re.X,
)
# How captions begin in wire copy: "FILE - In this ... file photo, ...", "A stock image of ...".
CAPTION_START = re.compile(
    r"^(?:FILE\s*(?:[-–—]|PHOTO\s*:)|In this\b.{0,80}\bphoto\b"
    r"|(?:A|An|This)\s(?:\w+\s){0,2}(?:photo|image|picture|photograph)\s(?:of|shows)\b)"
)
# Words whose presence in a line's tail makes CAPTION_CREDIT worth trying.
CREDIT_HINTS = ("photo", "image", "picture", "credit", "getty", "shutterstock", "istock")
# Photo agencies that end captions but are not wire agencies of `AGENCIES`.
PHOTO_AGENCIES = frozenset({"epa", "newsis", "news1"})
# A credit label alone: "Photo: Jane Roe", "Image copyright Harbor Post".
CREDIT_ONLY = re.compile(
    r"^\(?(?:photo|photograph|picture|image|credit|source|foto)s?\s*(?:credit|by|courtesy)?\s*"
    r"[:/.]+.{0,80}$"
    r"|^(?:image|photo|picture)s?\s+(?:copyright|credit|source)\b.{0,80}$",
    re.I,
)
# First characters the two credit patterns can start with: a cheap test before the regex.
CREDIT_ONLY_FIRST = frozenset("(pPiIcCsSfF")
CREDIT_LINE_FIRST = frozenset("([rRwWeEcCpPaAtTfF")
# First characters that make CREDIT_ALONE worth trying without a slash or a credit word at the end.
CREDIT_ALONE_FIRST = "©("
# A photo credit on a line of its own, under its caption: "Michael Conroy, AP", "© REUTERS / POOL",
# "Jane Doe | Bloomberg | Getty Images", "(AP Photo/Jane Doe)". A byline ("By ...") is not one.
_PHOTO_SOURCE = rf"(?:{AGENCY_ALT}|EPA|Getty\ Images|Shutterstock|iStock(?:photo)?|Alamy|Pool)"
CREDIT_ALONE = re.compile(
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
CAPTION_COPYRIGHT = re.compile(r"\s*(?:[/|]\s*|(?<=\.)\s+)(?:©|\(c\)|copyright\b).*$", re.I)
# A gallery prints a caption again cut short, with a button: "... during a 24-hour ... more".
EXPANDER = re.compile(r"(?:\s*(?:\.\.\.|…))?\s+(?:less|more)$")
# Share, print and text-size widgets: lines made only of these words, with at least one of the
# strong ones ("Share this article", "Email this to someone", "A- A A+ Print Save article").
_WIDGET_WORDS_TEXT = """
    share shares sharing tweet email e mail print save saved article story this it to on via about
    with someone friend friends copy link facebook twitter x whatsapp linkedin pinterest reddit
    telegram messenger instagram youtube tiktok flipboard mix kakao sms comment comments button
    buttons icon font text size a aa listen bookmark follow us rss feed reprints permalink
    """
WIDGET_WORDS = frozenset(_WIDGET_WORDS_TEXT.split())
_WIDGET_STRONG_TEXT = """
    share shares sharing tweet email print save facebook twitter whatsapp linkedin pinterest
    reddit telegram messenger instagram flipboard kakao bookmark reprints permalink
    """
# The strong widget words: a line of widget words needs at least one of these.
WIDGET_STRONG = frozenset(_WIDGET_STRONG_TEXT.split())
# "Image caption ..." labels a caption; the label is not part of it.
CAPTION_LABEL = re.compile(r"^(?:image|photo|picture|media)\s+caption\s*:?\s*", re.I)
# First letters CAPTION_LABEL can match: a cheap test before the regex.
CAPTION_LABEL_FIRST = "IiPpMm"
