"""Rule-based quotation attribution: article text in, quotes with content, speaker and cue out.

The pre-annotator's suggestions, so that annotators correct machine output instead of starting from
a blank page. Rule-based because nothing may download a model here. Pure: no I/O, no global state;
it must never raise on any input text and never return a span outside the text (a malformed page
gives fewer quotes, not an error). Tuned on the PolNeAR train split only (benchmarks/quotes.py);
any change of output must come with a new `QUOTES_MODEL_VERSION`.

How it reads an article, in the order of `extract_quotes`:

1. Quotation marks are paired per paragraph into *units* (straight and curly double marks, the
   doubled apostrophe some wires use, British single marks outside double-mark quotes). A unit
   left open at a paragraph end continues when the next paragraph opens with a mark and the unit
   opened a speech (the multi-paragraph convention); otherwise it is cut at the paragraph end.
2. Units are masked, so that words inside a quotation are never taken for a cue or a speaker, and
   each paragraph is split into tokens and sentences on the masked text.
3. Every cue gets a speaker (the subject before it, past an apposition, or the inverted subject
   after it) and a content: the quotation just before it (`"...," Kwon said`), the quotation or
   clause after it (`Kwon said: "..."`, `Kwon claimed the U.S. ...`), or the clause before it
   (`..., the minister said`). Cues are speech verbs (`_SPEECH`), verbs of belief and evidence,
   verbs whose object is the claim (`called the plan "a disgrace"`), verbs that report only next
   to a quotation (`"...," he continued`), `according to`, `was quoted as saying`, a colon after
   a name (`Warren: Trump is ...`), and PolNeAR's attitude readings (`endorsed Clinton`,
   `seemed to ...`), which get the lowest scores. Past-tense verbs outside the lists count only
   right beside a quotation (`"Quiet," he barked`) or before a that-clause holding one (`fumed
   that the port "never listens"`, as do claim nouns: `her assertion that "..."`). A speech cue
   closing its sentence (`..., people familiar with the talks said`) is read first, so that the
   weaker cues inside the clause it reports do not take that clause.
4. Quotations with no cue of their own are tied to their neighbours: the rest of an interrupted
   quote (`"...," he said. "..."`) and a fully quoted paragraph after an attributed one continue
   that attribution and share its speaker and cue; a long quotation nobody claims is kept with a
   guessed speaker, no cue and a low score.
5. Speakers get a canonical name: a surname, or title and surname, resolves to the fullest
   mention of that name in the article; `he`/`she` to the last person quoted shortly before, else
   the last person named before.

Scores rank suggestions: 0.75 and up for speech cues next to their content, 0.5-0.7 for weaker
cues and guessed speakers, below 0.5 for attitude readings, negated cues ("did not say") and
unclaimed quotations. Offsets are Python code points into the text given (the article's `text`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from newscorpus.spans import Span

QUOTES_MODEL_VERSION = "quotes-rules-v2"


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


# --- Word lists -------------------------------------------------------------------------------


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


def _word_list(s: str) -> list[str]:
    """Words in the order written (the order decides which lemma owns a shared form)."""
    return s.split()


_IRREGULAR = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "write": "write writes wrote writing",
    "think": "think thinks thought",
    "find": "find finds found",
    "know": "know knows knew",
    "show": "show shows showed",
    "feel": "feel feels felt",
    "deny": "deny denies denied denying",
    "reply": "reply replies replied replying",
    "testify": "testify testifies testified testifying",
    "worry": "worry worries",
    "admit": "admit admits admitted admitting",
    "quip": "quip quips quipped quipping",
    "tweet": "tweet tweets tweeted tweeting",
    "predict": "predict predicts predicted predicting",
    "agree": "agree agrees agreed agreeing",
    "read": "read reads reading",
    "sing": "sang sings",
    "dub": "dub dubs dubbed dubbing",
    "slam": "slam slams slammed slamming",
    "label": "labels labeled labelled labeling",
    "title": "titled",
    "term": "termed terming",
    "brand": "branded branding",
    "continue": "continue continues continued",
    "speak": "speak speaks spoke speaking",
    "back": "backs backed backing",
    "seek": "seek seeks sought seeking",
    "plan": "plan plans planned planning",
    "offer": "offer offers offered offering",
    "see": "sees saw",
    "rip": "rips ripped ripping",
    "cry": "cries cried crying",
}


def _forms(lemma: str) -> list[str]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma].split()
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


# Verbs that report speech and take a clause or a quotation: the core of attribution.
_SPEECH = _word_list(
    "say tell add note claim warn insist argue write explain announce state declare report "
    "acknowledge admit assert contend reply respond remark recall promise pledge vow concede "
    "confirm reveal repeat stress emphasize tweet complain boast joke quip shout scream yell "
    "whisper conclude observe allege testify counter retort proclaim mention caution lament "
    "recount assure charge ask answer suggest deny agree estimate urge threaten hint speculate "
    "predict brag exclaim muse remind inform advise reason imply confide grouse snipe comment "
    "vent opine intimate"
)
# Verbs of belief and evidence: attributions too, but weaker signals of a quotation.
_THOUGHT = _word_list("think believe fear hope feel worry doubt suspect know")
_EVIDENCE = _word_list("show find indicate")
# Verbs whose content is their object (`called the plan "a disgrace"`, `accused Kwon of lying`):
# taken only with a quotation in the object or with the preposition that introduces the claim.
_OBJECT_VERBS = {
    "call": ("for", "on"),
    "describe": ("as",),
    "accuse": ("of",),
    "blame": ("for",),
    "praise": ("for", "as"),
    "criticize": ("for", "as"),
    "thank": ("for",),
    "label": ("as",),
    "brand": ("as",),
    "dub": (),
    "term": (),
    "hail": ("as",),
    "condemn": ("as",),
    "denounce": ("as",),
    "dismiss": ("as",),
    "mock": ("as",),
    "slam": ("as", "for"),
    "blast": ("as", "for"),
    "cite": (),
    "characterize": ("as",),
    "ridicule": ("as",),
    "attack": ("as", "for"),
    "endorse": (),
    "support": (),
    "oppose": (),
    "defend": (),
    "back": (),
    "propose": (),
    "seek": (),
    "offer": (),
    "reject": (),
    "question": (),
    "welcome": (),
    "applaud": (),
    "favor": (),
    "advocate": (),
    "want": (),
    "plan": (),
    "intend": (),
    "decline": (),
    "refuse": (),
    "see": ("as",),
    "express": (),
    "decide": (),
    "consider": (),
    "discuss": (),
    "tout": (),
    "encourage": (),
    "reiterate": (),
    "request": (),
    "prefer": (),
    "challenge": (),
    "highlight": (),
    "decry": (),
    "bemoan": (),
    "expect": (),
    "portray": ("as",),
    "paint": ("as",),
    "depict": ("as",),
    "cast": ("as",),
    "frame": ("as",),
    "regard": ("as",),
    "deride": ("as",),
    "rank": ("as",),
    "pronounce": (),
    "liken": ("to",),
    "credit": ("for", "with"),
    "chastise": ("for",),
    "scold": ("for",),
    "fault": ("for",),
    "rebuke": ("for",),
    "lambaste": ("as", "for"),
    "knock": ("as", "for"),
    "rip": ("as", "for"),
    "invoke": (),
    "coin": (),
    "recite": (),
    "utter": (),
    "promote": (),
    "celebrate": (),
    "embrace": (),
}
# Verbs of stance and intention whose plain object is an attribution in PolNeAR's sense
# (`endorsed Clinton`, `declined to comment`): weaker suggestions, scored low.
_STANCE = {
    "refer to",
    "talk about",
    "vote for",
    "vote against",
    "focus on",
    "push for",
    "speak about",
    "speak against",
    "worry about",
    "complain about",
    "argue for",
    "argue against",
    "campaign for",
    "campaign against",
} | _words(
    "endorse support oppose defend back propose seek offer reject question welcome applaud "
    "favor advocate want plan intend decline refuse criticize praise blame dismiss condemn "
    "denounce attack slam blast mock cite see express decide consider discuss tout "
    "encourage reiterate request prefer challenge highlight decry bemoan expect"
)
_NAMING = _words("call describe dub term label brand characterize")
# Forms of those verbs that are far more often plural nouns ("the attacks", "the terms").
_NOUN_LIKE = _words(
    "attacks terms brands labels titles thanks praises blames mocks challenges requests encouraging"
)
# Forms and lemmas that matched PolNeAR's attributions less than a third of the time on the
# train split: they cost more precision than they bring recall.
_UNRELIABLE_FORMS = _words(
    "seeking support offers report add shouting expressing plan considered requested advised "
    "threatens recounted"
)
_UNRELIABLE_LEMMAS = _words("back reason favor prefer")
# Verbs that report speech only next to a quotation (`"...," he continued.`, `the sign read:`).
_QUOTE_ONLY = _word_list(
    "continue read chant title sing post echo wonder recommend plead beg scoff snap sneer "
    "thunder shrug laugh sigh mutter murmur roar bellow gush rave marvel tease taunt crow "
    "interject interrupt chuckle grumble groan cheer exclaim implore lecture remember mouth "
    "jeer cry blare beam bark shriek holler"
)
# Two-word cues: verb form, particle.
_PHRASAL = {
    ("pointed", "out"): ("point out", "speech"),
    ("points", "out"): ("point out", "speech"),
    ("pointing", "out"): ("point out", "speech"),
    ("went", "on"): ("go on", "quote_only"),
    ("goes", "on"): ("go on", "quote_only"),
    ("shot", "back"): ("shoot back", "quote_only"),
    ("fired", "back"): ("fire back", "quote_only"),
    ("chimed", "in"): ("chime in", "quote_only"),
    ("weighed", "in"): ("weigh in", "quote_only"),
    ("put", "it"): ("put it", "quote_only"),
    ("puts", "it"): ("put it", "quote_only"),
    ("referred", "to"): ("refer to", "object"),
    ("refers", "to"): ("refer to", "object"),
    ("referring", "to"): ("refer to", "object"),
    ("talked", "up"): ("talk up", "object"),
    ("talks", "up"): ("talk up", "object"),
    ("summed", "up"): ("sum up", "object"),
    ("pointed", "to"): ("point to", "object"),
    ("points", "to"): ("point to", "object"),
}
# Phrasal verbs of stance whose object is the content ("talked about the plan").
for _verb, _particle in (
    ("talk", "about"),
    ("vote", "for"),
    ("vote", "against"),
    ("focus", "on"),
    ("push", "for"),
    ("speak", "about"),
    ("speak", "against"),
    ("worry", "about"),
    ("complain", "about"),
    ("argue", "for"),
    ("argue", "against"),
    ("campaign", "for"),
    ("campaign", "against"),
):
    for _form in _forms(_verb):
        if _form != _verb or _verb in ("vote", "talk", "push", "focus"):
            _PHRASAL[(_form, _particle)] = (f"{_verb} {_particle}", "object")
# Verbs that name the person addressed before the clause (`told reporters that ...`).
_OBJECT_FIRST = _words("tell ask warn assure remind inform advise urge promise")

_CUE_VERBS: dict[str, tuple[str, str]] = {}
for _cls, _lemmas in (
    ("speech", _SPEECH),
    ("thought", _THOUGHT),
    ("evidence", _EVIDENCE),
    ("object", list(_OBJECT_VERBS)),
    ("quote_only", _QUOTE_ONLY),
):
    for _lemma in _lemmas:
        for _form in _forms(_lemma):
            _CUE_VERBS.setdefault(_form, (_lemma, _cls))

# Forms that are as often nouns or adjectives ("news reports", "his claims", "alleged abuse"):
# cues only when a quotation, `that` or a colon follows, or a quotation precedes.
_AMBIGUOUS_FORMS = _words(
    "note notes state states report reports charge charges answer answers counter claim claims "
    "remark remarks estimate estimates promise promises joke jokes tweet tweets reply replies "
    "warning alleged find finds show shows feel feels know knows hope hopes fear fears doubt "
    "doubts worry worries suspect suspects stress repeat mention mentions caution admit agree "
    "reveal reveals observe maintain counter muse lament brag testify hint hints "
    "concede assure remind inform advise urge respond responds responded responding replied "
    "replying recount recounts comment comments intimate vent vents knew"
)
# `..., adding that ...`: the gerund continues the attribution of its sentence's subject.
_GERUNDS = _words(
    "adding saying noting arguing warning insisting explaining telling claiming stressing "
    "emphasizing declaring suggesting asking writing stating acknowledging admitting predicting "
    "recalling complaining vowing pledging promising urging answering replying responding "
    "charging alleging boasting joking conceding confirming repeating observing"
)
_ING_NOT_CLAUSE = _words(
    "including during regarding concerning following notwithstanding nothing something anything "
    "everything morning evening building meeting funding spending hearing briefing ruling "
    "polling shooting bombing wedding housing training being excluding amounting"
)
_NEGATIONS = _words("not n't never no neither nor didn't doesn't don't won't cannot")
_AUX_ADVERBS = _words(
    "also has have had was were is are be been will would could can may might should shall must "
    "did does do later again then further repeatedly previously recently once often frequently "
    "reportedly publicly privately flatly quickly simply first earlier even still just already "
    "always initially subsequently separately specifically openly explicitly bluntly angrily "
    "forcefully confidently falsely correctly wrongly rightly sharply strongly directly clearly "
    "finally now ultimately immediately only yet too however actually indeed certainly "
    "apparently long likewise similarly emphatically firmly quietly loudly famously jokingly "
    "tearfully calmly sarcastically proudly cheerfully openly widely generally mostly largely "
    "originally formerly currently consistently here"
)
_PASSIVE_AUX = _words("was were is are be been being")
_PRONOUNS = _words("he she they it we i you")
_PERSONAL = _words("he she")
_OBJECT_PRONOUNS = _words("me him her us them you it")
_DETERMINERS = _words(
    "the a an his her its their our my your this these those that some many most several both "
    "all each other another few any"
)
# Words that never belong to a speaker noun phrase: the phrase stops before them.
_NP_STOP = _words(
    "and but or nor so that which who whom whose because as when while if although though since "
    "after before where than what how why whether in on at for with by to from into about over "
    "under during without against among through per via until unless once then also meanwhile "
    "however yet not is are was were be been has have had will would could can may might should "
    "did does do there here now today yesterday earlier later tonight instead even just only "
    "still already again too very like unlike this according"
)
_TITLES = _words(
    "mr mrs ms miss dr sen senator rep representative gov governor president vice prime minister "
    "secretary gen general lt col sgt capt adm maj prof professor rev judge justice mayor chairman "
    "chairwoman chair spokesman spokeswoman spokesperson director ambassador former candidate "
    "speaker leader chief sir lord lady king queen prince princess pope officer commissioner "
    "attorney deputy assistant executive presidential nominee hopeful rival challenger "
    "congressman congresswoman councilman councilwoman lawmaker strategist adviser advisor "
    "analyst pollster manager host anchor correspondent columnist author economist official"
)
_PARTICLES = _words("de van von der bin al la le da du del della di ibn")
_ADVERBIAL_PREPS = _words("in on at during via through over to with before after from")
_TIME_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight earlier "
    "later recently previously afterward afterwards then also again repeatedly publicly "
    "privately simply flatly bluntly once last this morning afternoon evening night week month "
    "year weekend late early now however too further often frequently directly explicitly "
    "clearly firmly openly separately specifically ago days weeks months years moments minutes "
    "hours briefly shortly"
)
_MEDIUM_NOUNS = _words(
    "statement statements interview interviews speech speeches letter tweet tweets post posting "
    "email e-mail release note conference briefing rally event debate radio television tv show "
    "appearance op-ed column memo report address remarks call hearing meeting forum town hall "
    "twitter facebook instagram message video session program programme broadcast book essay "
    "blog website podcast stop summit visit trip phone telephone recording episode documentary "
    "chat gathering luncheon dinner breakfast reception ceremony news"
)
_OBJECT_NOUNS = _words(
    "reporters journalists lawmakers supporters voters viewers listeners readers members "
    "delegates donors officials students workers colleagues followers fans attendees audiences "
    "crowds people everyone anyone americans congress parliament democrats republicans "
    "audience crowd reporter"
)
_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Sen|Rep|Reps|Sens|Gov|Gen|Lt|Col|Sgt|Jr|Sr|St|Prof|Rev|Capt|Cmdr|Adm|Maj|Pres"
    "|Sec|Amb|Hon|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Inc|Corp|Co|Ltd|Bros"
    "|vs|etc|Ft|Mt|Calif|Fla|Ga|Ill|Mass|Mich|Minn|Pa|Tenn|Tex|Va|Wash|Wis|Ariz|Colo|Conn|Del|Ky"
    "|La|Md|Mo|Mont|Neb|Nev|Okla|Ore|Wyo|Ala|Ark|Kan|Miss|Vt|approx|est|Dept|Univ|Assn|Ave|Blvd"
)
_ORG_WORDS = _words(
    "house department ministry party committee agency news times post group inc corp council "
    "office association union court university institute foundation administration campaign "
    "government senate congress police bank company network center service commission board "
    "journal press cnn nbc abc cbs fox msnbc bbc reuters poll survey korea russia china america "
    "states kingdom u.s. u.n. pentagon kremlin dprk kcna yonhap ap"
)

# --- Characters -------------------------------------------------------------------------------

_MASK = "\x01"
_DOUBLE_MARKS = re.compile(r"''|``|[\"“”„«»]")
_SINGLE_MARKS = re.compile(r"[‘’']")
_OPENING_CONTEXT = frozenset("([{<—–-/‘'\"“„«:;" + _MASK)
_CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-…'’\"”»" + _MASK)
_QUOTE_CHARS = frozenset("\"“”„«»‘’'`")
_END_PUNCT = frozenset(".!?…")
# One pass, common case first: a word may keep a final period; `_tokens` splits it off again
# unless the word is an abbreviation ("Mr.", "U.S.", "Calif.", an initial).
_TOKEN = re.compile(_MASK + r"+|\d+(?:[,.]\d+)+|\w+(?:[’'\-&.]\w+)*\.?|--|[^\w\s]")
_ABBREVIATION_SET = frozenset(_ABBREVIATIONS.split("|"))
_PARAGRAPH = re.compile(r"[^\n]+")
_NAME_WORD = r"(?:[A-Z]\.|(?:Mr|Mrs|Ms|Dr|St|Jr|Sen|Rep|Gov|Gen)\.|[A-Z][\w’'\-]*)"
_NAME = re.compile(
    r"(?<![\w’'])"
    + _NAME_WORD
    + r"(?:[ \t\xa0]+(?:(?:"
    + "|".join(sorted(_PARTICLES))
    + r")[ \t\xa0]+)?"
    + _NAME_WORD
    + r")+"
)


# --- Internal records -------------------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    """A quoted stretch, marks included; `closed` is False when its closing mark was missing."""

    start: int
    end: int
    closed: bool
    last: str = ""  # last character inside the marks


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str
    unit: int = -1  # index of the quote unit a masked token stands for


@dataclass(slots=True)
class _Attribution:
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    paragraph: int
    contents: list[tuple[int, int]] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    score: float = 0.5
    colon: bool = False  # "X said:" closing a paragraph: the content is what follows
    direct: bool = False  # its first content is a whole quotation


@dataclass(slots=True)
class _Cue:
    v: int  # token index of the verb (or of `according`)
    v_end: int  # token index after the cue
    lemma: str
    cls: str


# --- Step 1: quotation units ------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    paras = []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            paras.append((s, e))
    return paras


def _mark_role(text: str, s: int, e: int, ps: int, pe: int) -> str:
    """'open', 'close' or 'toggle' (a straight mark whose context does not tell)."""
    mark = text[s:e]
    prev = text[s - 1] if s > ps else " "
    nxt = text[e] if e < pe else " "
    can_open = (prev.isspace() or prev in _OPENING_CONTEXT) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSING_CONTEXT)
    if mark in ("“", "„", "«", "``"):
        return "close" if (can_close and not can_open) else "open"
    if mark in ("”", "»"):
        return "open" if (can_open and not can_close) else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "toggle"


def _rstrip_to(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _opens_speech(text: str, pos: int) -> bool:
    """Does the mark at `pos` open a quotation that may run on (paragraph start, after a colon
    or a comma), rather than a quoted phrase inside a sentence that simply lost its closing mark?"""
    k = pos - 1
    while k >= 0 and text[k] in " \t\xa0":
        k -= 1
    return k < 0 or text[k] in '\n:,—–-"“' or text[k] in _QUOTE_CHARS


def _double_units(text: str, paras: list[tuple[int, int]]) -> list[_Unit]:
    units: list[_Unit] = []
    open_at: int | None = None
    for pi, (ps, pe) in enumerate(paras):
        marks = [
            (m.start(), m.end(), _mark_role(text, m.start(), m.end(), ps, pe))
            for m in _DOUBLE_MARKS.finditer(text, ps, pe)
        ]
        if open_at is not None:
            if (
                marks
                and marks[0][0] == ps
                and marks[0][2] != "close"
                and _opens_speech(text, open_at)
            ):
                marks = marks[1:]  # the opening mark repeated at a new paragraph of the quote
            else:
                units.append(_Unit(open_at, paras[pi - 1][1], closed=False))
                open_at = None
        for s, e, role in marks:
            if open_at is None:
                if role != "close":
                    open_at = s
            elif role != "open":
                units.append(_Unit(open_at, e, closed=True))
                open_at = None
            else:  # a second opening: the first quotation was never closed
                end = _rstrip_to(text, open_at, s)
                units.append(_Unit(open_at, end, closed=False))
                open_at = s
    if open_at is not None and paras:
        units.append(_Unit(open_at, paras[-1][1], closed=False))
    return units


def _single_units(text: str, paras: list[tuple[int, int]], taken: list[_Unit]) -> list[_Unit]:
    """Quotations in single marks (British style) outside double-mark quotations.

    An unmatched single mark is far more often an apostrophe than a cut quotation, so single-mark
    quotations are kept only when closed.
    """
    starts = [u.start for u in taken]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and taken[i].start <= pos < taken[i].end

    units: list[_Unit] = []
    open_at: int | None = None
    for pi, (ps, pe) in enumerate(paras):
        scan_from = ps
        if open_at is not None:
            if text[ps] in "‘'":
                scan_from = ps + 1  # the opening mark repeated at a new paragraph
            else:
                open_at = None
        for m in _SINGLE_MARKS.finditer(text, scan_from, pe):
            s = m.start()
            if inside(s) or text[s - 1 : s] == "'" or text[s + 1 : s + 2] == "'":
                continue
            prev = text[s - 1] if s > ps else " "
            nxt = text[s + 1] if s + 1 < pe else " "
            mark = m.group()
            if open_at is None:
                if (
                    mark != "’"
                    and (prev.isspace() or prev in '([{—–-"“:')
                    and (nxt.isalpha() or nxt in "…[")
                ):
                    open_at = s
            elif (
                mark != "‘"
                and not prev.isspace()
                and not (prev.isalnum() and nxt.isalnum())
                and (nxt.isspace() or nxt in '.,;:!?)]}—–-…"”' or s + 1 >= pe)
                and not (prev == "s" and nxt.isspace() and s - open_at > 40)
            ):
                units.append(_Unit(open_at, s + 1, closed=True))
                open_at = None
        if open_at is not None and pi + 1 < len(paras):
            continue
        open_at = None
    return units


def _find_units(text: str, paras: list[tuple[int, int]]) -> list[_Unit]:
    units = [u for u in _double_units(text, paras) if u.end - u.start > 2]
    units += [u for u in _single_units(text, paras, units) if u.end - u.start > 3]
    units.sort(key=lambda u: u.start)
    kept: list[_Unit] = []
    for u in units:
        if kept and u.start < kept[-1].end:
            continue
        j = u.end - 1 if u.closed else u.end
        while j > u.start and (text[j - 1] in _QUOTE_CHARS or text[j - 1].isspace()):
            j -= 1
        u.last = text[j - 1] if j > u.start else ""
        kept.append(u)
    return kept


def _masked(text: str, units: list[_Unit]) -> str:
    pieces = []
    pos = 0
    for u in units:
        pieces.append(text[pos : u.start])
        pieces.append(_MASK * (u.end - u.start))
        pos = u.end
    pieces.append(text[pos:])
    return "".join(pieces)


# --- Step 2: tokens and sentences -------------------------------------------------------------


def _is_abbreviation(word: str, following: str) -> bool:
    """Does the period after `word` belong to it ("Mr.", "U.S.", "J. Smith")?"""
    if "." in word:
        return all(len(part) <= 2 for part in word.split("."))  # "U.S.", "a.m.", not "x.com."
    if word in _ABBREVIATION_SET:
        return not following or following[0].isspace() or following[0] == ","
    return (
        len(word) == 1
        and word.isupper()
        and word != "I"
        and following[:1].isspace()
        and following.lstrip()[:1].isupper()
    )


def _tokens(masked: str, ps: int, pe: int, unit_starts: list[int]) -> list[_Tok]:
    toks = []
    append = toks.append
    for m in _TOKEN.finditer(masked, ps, pe):
        t = m.group()
        s, e = m.span()
        if t[0] == _MASK:
            tok = _Tok(s, e, t, t)
            tok.unit = bisect_right(unit_starts, s) - 1
            append(tok)
        elif len(t) > 1 and t[-1] == "." and not _is_abbreviation(t[:-1], masked[e : e + 3]):
            append(_Tok(s, e - 1, t[:-1], t[:-1].lower()))
            append(_Tok(e - 1, e, ".", "."))
        else:
            append(_Tok(s, e, t, t.lower()))
    return toks


def _starts_sentence(t: str) -> bool:
    c = t[0]
    return c.isupper() or c.isdigit() or c == _MASK or c in _QUOTE_CHARS or c in "(["


_AFTER_POST_CUE = _words("of about as when while because after before referring")


def _cue_follows(toks: list[_Tok], i: int) -> bool:
    """`"Why?" Trump asked.`: a short subject and a cue verb right after a quotation."""
    for k in range(i, min(len(toks), i + 7)):
        t = toks[k]
        if t.low in _CUE_VERBS and t.low not in _AMBIGUOUS_FORMS and k > i:
            if k + 1 >= len(toks) or not _is_word(toks[k + 1]):
                return True
            nxt = toks[k + 1].low
            if nxt.endswith("ly") and (k + 2 >= len(toks) or not _is_word(toks[k + 2])):
                return True  # '"...?" Sanders asked rhetorically.'
            return nxt in _ADVERBIAL_PREPS or nxt in _TIME_WORDS or nxt in _AFTER_POST_CUE
        if not _is_word(t):
            return False
    return False


def _sentences(toks: list[_Tok], units: list[_Unit]) -> list[tuple[int, int]]:
    sents = []
    start = 0
    n = len(toks)
    for i in range(n - 1):
        tok = toks[i]
        if tok.unit < 0 and toks[i + 1].unit >= 0 and tok.text.endswith(".") and len(tok.text) > 1:
            sents.append((start, i + 1))  # 'after a forum in Fort Mill, S.C. "It seems ..."'
            start = i + 1
        elif tok.text in (".", "!", "?", "…"):
            j = i + 1
            while j < n and toks[j].text in ("’", "'", ")", "”", '"'):
                j += 1
            if j < n and _starts_sentence(toks[j].text):
                sents.append((start, j))
                start = j
        elif (
            tok.unit >= 0
            and units[tok.unit].last in _END_PUNCT
            and _starts_sentence(toks[i + 1].text)
            and toks[i + 1].text != "I"
            and not (start == i and _cue_follows(toks, i + 1))
        ):
            sents.append((start, i + 1))
            start = i + 1
    if start < n:
        sents.append((start, n))
    return sents


# --- Step 3: cues, speakers and contents ------------------------------------------------------


def _is_cap(tok: _Tok) -> bool:
    c = tok.text[0]
    return c.isupper() or c.isdigit()


def _is_word(tok: _Tok) -> bool:
    return tok.text[0].isalnum()


def _verbish(low: str) -> bool:
    """Lowercase words that end a noun phrase when walking back: verbs and adverbs, roughly."""
    return (
        low.endswith("ed")
        or (low.endswith("ly") and low not in _LY_NOUNS)
        or (low in _CUE_VERBS and low not in _AMBIGUOUS_FORMS)
    )


def _np_back(toks: list[_Tok], j: int, lo: int) -> int | None:
    """Start index of the noun phrase that ends at token `j` (the speaker before a cue)."""
    tok = toks[j]
    if not _is_word(tok):
        return None
    low = tok.low
    if low in _PRONOUNS:
        return j
    name_like = _is_cap(tok) and j > lo and low != "i"  # "From said": a name, not a stopword
    if low in _PRONOUN_DETERMINERS and (j == lo or not _is_word(toks[j - 1])):
        return j  # "most said", "; others say"
    if not name_like and (low in _NP_STOP or low in _DETERMINERS or low in _OBJECT_PRONOUNS):
        return None
    if j > lo and toks[j - 1].low == "those" and low.endswith("ed"):
        return j - 1  # "those surveyed said", "those polled"
    if not _is_cap(tok) and (_verbish(low) or low.endswith("ing")):
        return None
    k = j
    limit = max(lo, j - 8)
    while k - 1 >= limit:
        prev = toks[k - 1]
        plow = prev.low
        if plow in _DETERMINERS and plow != "that":
            k -= 1  # "the official", "a senior North Korean official": the phrase starts here
            break
        if prev.text in ("-", "–", "&") and k - 2 >= limit:
            k -= 1
            continue
        if not _is_word(prev) or plow in _PRONOUNS:
            break
        if plow in _NP_STOP and plow != "of" and not (_is_cap(prev) and k - 1 > lo):
            break
        if plow == "of" and (k - 2 < limit or not _is_word(toks[k - 2])):
            break
        if not _is_cap(prev) and _verbish(plow):
            break
        k -= 1
    while k < j and (
        (toks[k].low in _NP_STOP and toks[k].low not in _DETERMINERS)
        or toks[k].text in ("-", "–", "&")
    ):
        k += 1
    return k


def _np_forward(toks: list[_Tok], i: int, hi: int, mid_sentence: bool = True) -> int | None:
    """End index (exclusive) of the noun phrase that starts at token `i` (an inverted speaker)."""
    if i >= hi:
        return None
    tok = toks[i]
    if tok.low in _PRONOUNS and tok.low != "it":
        return i + 1
    if not _is_word(tok) or (tok.low in _NP_STOP and not (_is_cap(tok) and mid_sentence)):
        return None
    det = tok.low in _DETERMINERS
    if not (_is_cap(tok) or det):
        return None
    k = i + 1
    while k < hi and k - i < 12:
        t = toks[k]
        if t.text in ("-", "&") or (t.low in ("of", "for") and k + 1 < hi and _is_cap(toks[k + 1])):
            k += 1
            continue
        if not _is_word(t) or t.low in _NP_STOP or t.low in _CUE_VERBS or t.low in _PRONOUNS:
            break
        if not det and not _is_cap(t):
            break
        if det and _verbish(t.low) and not _is_cap(t):
            break
        k += 1
    return k if k > i + (1 if det else 0) else None


def _np_inverted(toks: list[_Tok], i: int, hi: int) -> int | None:
    """End of an inverted subject right after a quotation: `said former Gov. Ed Rendell.`

    In that position anything up to the next punctuation or adverbial is the speaker, lowercase
    titles included, so the phrase is read more loosely than `_np_forward`.
    """
    if i >= hi:
        return None
    tok = toks[i]
    if tok.low in _PRONOUNS:
        return i + 1 if tok.low != "it" else None
    name_like = _is_cap(tok) and tok.low not in _TIME_WORDS and tok.low not in _ADVERBIAL_PREPS
    if not name_like and (
        not _is_word(tok) or tok.low in _TIME_WORDS or tok.low in _ADVERBIAL_PREPS
    ):
        return None
    if not name_like and tok.low in _NP_STOP and tok.low != "this":
        return None
    k = i
    while k < hi and k - i < 14:
        t = toks[k]
        if t.text in ("-", "&", "’s", "'s") and k > i:
            k += 1
            continue
        if not _is_word(t) or (t.low in _INVERSION_FOLLOWERS and k > i) or t.low in _CUE_VERBS:
            break
        if t.low in _NP_STOP and t.low not in ("of", "for", "and") and not _is_cap(t):
            break
        k += 1
    while k > i and toks[k - 1].low in ("of", "for", "and") and not _is_cap(toks[k - 1]):
        k -= 1
    if k == i:
        return None
    if k == i + 1 and toks[i].low in _DETERMINERS and toks[i].low not in _PRONOUN_DETERMINERS:
        return None
    return k


# Determiners that stand alone as a speaker ("tweeted another", "most said").
_PRONOUN_DETERMINERS = _words("another one others many most some both all several few")
_INVERSION_FOLLOWERS = _words(
    "in on at during who after before when while last this earlier later of told adding "
    "according as"
)


def _inversion_ends(toks: list[_Tok], e: int, hi: int, strict: bool) -> bool:
    """After "said X", X must end where an inverted subject ends: punctuation or an adverbial.

    `strict` (no quotation before the cue) accepts only punctuation, so that "Kwon, a director,
    claimed the U.S. again ..." is not read as an inverted "claimed the U.S.".
    """
    if e >= hi:
        return True
    t = toks[e]
    if t.text in (",", ".", ";", ":", "!", "?", "(", "—", "--"):
        return True
    return not strict and (
        t.low in _INVERSION_FOLLOWERS
        or t.low in _TIME_WORDS
        or t.unit >= 0
        or (t.low.endswith("ing") and not _is_cap(t))
    )


def _skip_adverbials(toks: list[_Tok], i: int, hi: int) -> int:
    """Skip time words and `in a statement`-like phrases right after a cue."""
    while i < hi:
        t = toks[i]
        low = t.low
        if low in _ADVERBIAL_PREPS:
            # A prepositional phrase naming the medium or the occasion, up to its noun.
            k = i + 1
            end = None
            while k < hi and k - i <= 9:
                tk = toks[k]
                if tk.unit >= 0 or tk.text in (",", ":", ";", ".") or tk.low == "that":
                    break
                if tk.low in _PRONOUNS:
                    break
                if tk.low in _MEDIUM_NOUNS or (tk.low in _TIME_WORDS and tk.low not in ("this",)):
                    end = k + 1
                k += 1
            if end is None:
                if k < hi and toks[k].text in (",", ":") and k - i <= 6:
                    end = k
                else:
                    return i
            # "in the debate spin room,": a few more words up to a comma before a quotation.
            m = end
            while m < hi and m - end < 3 and _is_word(toks[m]) and toks[m].low != "that":
                m += 1
            if m > end and m + 1 < hi and toks[m].text in (",", ":") and toks[m + 1].unit >= 0:
                end = m
            # "in an interview with CNN", "on NBC's Meet the Press"
            while end < hi and toks[end].low in ("with", "to", "on", "of", "for", "by"):
                k = end + 1
                while k < hi and (_is_cap(toks[k]) or toks[k].low == "the"):
                    k += 1
                if k == end + 1:
                    break
                end = k
            i = end
            continue
        if low in _TIME_WORDS and low != "this":
            i += 1
            continue
        if low == "this" and i + 1 < hi and toks[i + 1].low in _TIME_WORDS:
            i += 2
            continue
        if low in ("--", "—") or t.text == ",":
            return i
        return i
    return i


def _skip_object(toks: list[_Tok], i: int, hi: int) -> int:
    """Skip the person told (`told reporters`, `told The Associated Press`, `told him`)."""
    if i >= hi:
        return i
    t = toks[i]
    if t.low in _OBJECT_PRONOUNS or t.low in _OBJECT_NOUNS:
        return i + 1
    if t.low in ("the", "a", "an", "his", "her", "their", "its") and i + 1 < hi:
        # "told the meeting:", "told a rally in Ohio that": up to a colon, comma, "that" or quote
        for k in range(i + 1, min(hi, i + 7)):
            nxt = toks[k]
            if nxt.text in (":", ",") or nxt.low == "that" or nxt.unit >= 0:
                return k
            if not _is_word(nxt) or nxt.low in _PRONOUNS:
                break
        k = i + 1
        while k < hi and k - i <= 5 and _is_word(toks[k]) and toks[k].low not in _NP_STOP:
            if toks[k].low in _OBJECT_NOUNS or (
                _is_cap(toks[k]) and (k + 1 >= hi or not _is_cap(toks[k + 1]))
            ):
                return k + 1
            k += 1
        return i
    if _is_cap(t) and t.low not in _PRONOUNS and t.unit < 0:
        k = i
        while k < hi and _is_word(toks[k]) and (_is_cap(toks[k]) or toks[k].low == "of"):
            k += 1
        return k
    return i


def _content_end(
    toks: list[_Tok],
    a: int,
    hi: int,
    later_cues: list[int],
    subordinate: bool = False,
    units: list[_Unit] | None = None,
) -> int:
    """Token index where a reported clause starting at token `a` ends (exclusive).

    `subordinate`: the cue sits in a subordinate clause ("in which most voters say ..."), whose
    content ends at the next comma.
    """
    k = a
    while k < hi:
        t = toks[k]
        if t.text == ";" or (t.text in ("—", "--") and k > a + 2 and not _paired(toks, k, hi)):
            break
        if t.text in ("-", "–") and k > a + 2 and toks[k - 1].end < t.start:
            if not _paired(toks, k, hi):
                break  # a spaced hyphen used as a dash ("above- and below-ground" is not one)
            k = _paired(toks, k, hi) + 1
            continue
        if t.text in ("—", "--") and _paired(toks, k, hi):
            k = _paired(toks, k, hi) + 1
            continue
        if (
            t.text == ","
            and k > a + 1
            and (subordinate or (k + 1 < hi and toks[k + 1].low in _CLAUSE_BREAKS))
        ):
            back = _apposition_end(toks, k, hi) if not subordinate else 0
            if back:
                k = back + 1  # 'that Fiorina, a first-time chief, was "learning on the job"'
                continue
            break
        if t.low == "compared" and k > a + 2:
            break
        if t.text == "," and k > a + 2 and k + 2 < hi and toks[k + 1].low == "with":
            break  # "denied it happened, with Lewandowski taking to Twitter"
        if (
            t.text == ","
            and k + 1 < hi
            and (toks[k + 1].low in _GERUNDS or toks[k + 1].low == "according")
        ):
            break
        if t.text == "(" and k > a:
            break
        if t.low in _GERUNDS and k > a and toks[k - 1].unit >= 0:
            break  # 'said that there is "only one ...," adding that'
        if (
            units is not None
            and k > a + 1
            and toks[k - 1].unit >= 0
            and units[toks[k - 1].unit].last == ","
            and _is_word(t)
            and t.low not in ("and", "or", "but")
            and not (
                t.low in ("a", "an", "the")
                and any(toks[m].unit >= 0 for m in range(k + 1, min(hi, k + 4)))
            )
        ):
            break  # 'things "should be wrapped up by Cleveland," referring to ...'
        if (
            t.text == ","
            and k + 1 < hi
            and k > a + 2
            and toks[k + 1].low.endswith("ing")
            and len(toks[k + 1].low) > 5
            and toks[k + 1].low not in _ING_NOT_CLAUSE
            and not _is_cap(toks[k + 1])
            and not _quoted_tail(toks, k + 2, hi)
        ):
            break  # "..., releasing satellite imagery": a new participial clause, not the claim
        k += 1
    # Another speaker's cue after "and"/"but" ends this content ("X said A, and Y said B").
    for c in later_cues:
        if a < c < k:
            m = c - 1
            while (
                m > a
                and toks[m].low not in ("and", "but", "while", "whereas")
                and (toks[m].text not in (",", ";"))
            ):
                m -= 1
            between = {t.low for t in toks[m + 1 : c]}
            if m > a + 1 and c - m <= 6 and not between & _RELATIVES:
                k = m
                break
    while k > a and toks[k - 1].text in (".", ",", "!", "?", ":", "…", "-", "—", "--", "and"):
        k -= 1
    return k


def _quoted_tail(toks: list[_Tok], k: int, hi: int) -> bool:
    """Does the clause from `k` to the end of the sentence end with a quotation (", calling it
    an "area of contention."")? PolNeAR keeps such a tail in the content."""
    for m in range(k, min(hi, k + 10)):
        if toks[m].unit >= 0:
            return all(not _is_word(x) for x in toks[m + 1 : hi])
        if toks[m].text in (",", ";", ".", "—", "--"):
            return False
    return False


_FINITE = _words(
    "is are was were has have had will would could can may might should must does did "
    "remains remained"
)


def _apposition_end(toks: list[_Tok], k: int, hi: int) -> int:
    """Index of the comma closing an apposition or relative clause opened by the comma at `k`
    when the sentence's verb follows it (", a first-time chief, was ..."), else 0."""
    if toks[k + 1].low not in ("a", "an", "which", "who", "whose"):
        return 0
    for m in range(k + 2, min(hi - 1, k + 25)):
        t = toks[m]
        if t.text in (".", ";", ":", "!", "?") or t.unit >= 0:
            return 0
        if t.text == ",":
            nxt = toks[m + 1]
            return m if nxt.low in _FINITE or (nxt.low.endswith("ed") and not _is_cap(nxt)) else 0
    return 0


_RELATIVES = _words("which who that whom what where whose")
_CLAUSE_BREAKS = _words("compared while whereas although though even which who whose however a an")
_SUBORDINATORS = _words(
    "which when while because although though if as since after before whom whose where once "
    "unless whether"
)


def _paired(toks: list[_Tok], k: int, hi: int) -> int:
    """Index of the dash closing a parenthetical opened by the dash at `k` (0 when none)."""
    for m in range(k + 1, min(hi, k + 16)):
        if toks[m].text == toks[k].text:
            return m
        if toks[m].text in (".", ";"):
            return 0
    return 0


# Paragraph labels that are not speakers ("Related:", "UPDATE:", "Editor's note:").
_NOT_SPEAKER_LABELS = _words(
    "related update updated note editor editor’s editor's photo photos source sources watch read "
    "more see also advertisement correction corrections disclosure video audio listen subscribe "
    "follow share tags filed posted by from via credit caption washington new breaking live "
    "exclusive analysis opinion commentary review transcript q&a"
)
_POLL_NOUNS = _words("poll polls survey surveys average eyes view estimation opinion")


def _poll_phrase(toks: list[_Tok], i: int, i1: int) -> bool:
    """`in the latest CNN poll` closing a clause, or `In the new poll,` opening one."""
    for k in range(i + 1, min(i1, i + 9)):
        t = toks[k]
        if not _is_word(t) and t.text not in ("-", "/", "’s", "'s"):
            return False
        if t.low in _POLL_NOUNS:
            nxt = toks[k + 1] if k + 1 < i1 else None
            return (
                nxt is None
                or nxt.text in (",", ".", ";")
                or nxt.low
                in (
                    "released",
                    "conducted",
                    "taken",
                    "published",
                    "last",
                    "this",
                )
            )
    return False


_NOT_SPEECH_ED = _words("used need needed called named based")


def _post_quote_verb(toks: list[_Tok], i: int, i0: int, i1: int) -> bool:
    """`"Quiet," he demanded.`, `"...!" beamed Hartley`: a verb the lists do not know, read
    as a cue only between a quotation and the end of the clause."""
    low = toks[i].low
    if not (low.endswith("ed") and len(low) > 4 and low.isalpha()) or _is_cap(toks[i]):
        return False
    if low in _NOT_SPEECH_ED or i <= i0:
        return False
    prev = toks[i - 1]
    if prev.unit >= 0:  # inverted: '"...!" beamed Donald Hartley.'
        return (
            i + 1 < i1
            and _is_cap(toks[i + 1])
            and toks[i + 1].low not in _PRONOUNS
            and _np_inverted(toks, i + 1, i1) is not None
        )
    k = i + 1
    if k < i1 and toks[k].low in ("out", "back", "up"):
        k += 1
    if k < i1 and toks[k].text not in (",", ".", "!", "?", ";", "—", "--"):
        return False
    m = i - 1
    while (
        m > i0
        and i - m <= 4
        and toks[m - 1].unit < 0
        and (_is_cap(toks[m]) or toks[m].low in _PRONOUNS or toks[m].low == "the")
    ):
        m -= 1
    if not (_is_cap(toks[m]) or toks[m].low in _PRONOUNS or toks[m].low == "the"):
        return False
    if m == i0 or (
        toks[m - 1].unit < 0
        and not (toks[m - 1].text == "," and m - 2 >= i0 and toks[m - 2].unit >= 0)
    ):
        return False
    u = toks[m - 1] if toks[m - 1].unit >= 0 else toks[m - 2]
    return u.unit >= 0


def _title_case(toks: list[_Tok], i0: int, i1: int) -> bool:
    """A headline in title case ("Beck Says Trump Poses A Threat"), where verbs are capitalized
    too and so can still be cues."""
    words = [t for t in toks[i0:i1] if _is_word(t) and t.unit < 0]
    if len(words) < 4:
        return False
    return sum(1 for t in words if _is_cap(t)) >= 0.8 * len(words)


def _find_cues(toks: list[_Tok], i0: int, i1: int) -> list[_Cue]:
    cues = []
    title = _title_case(toks, i0, i1)
    for i in range(i0, i1):
        tok = toks[i]
        low = tok.low
        if low == "according" and i + 1 < i1 and toks[i + 1].low == "to":
            cues.append(_Cue(i, i + 2, "according", "according"))
            continue
        if low == "in" and _poll_phrase(toks, i, i1):
            cues.append(_Cue(i, i + 1, "according", "according"))
            continue
        if i + 1 < i1 and (low, toks[i + 1].low) in _PHRASAL:
            lemma, cls = _PHRASAL[(low, toks[i + 1].low)]
            cues.append(_Cue(i, i + 2, lemma, cls))
            continue
        entry = _CUE_VERBS.get(low)
        if entry is None and _post_quote_verb(toks, i, i0, i1):
            cues.append(_Cue(i, i + 1, low, "quote_only"))
            continue
        if entry is None or low in _NOUN_LIKE:
            continue
        if tok.text[0].isupper() and i != i0 and not (title and entry[1] != "quote_only"):
            continue
        if low in _UNRELIABLE_FORMS or entry[0] in _UNRELIABLE_LEMMAS:
            continue
        nxt = toks[i + 1].low if i + 1 < i1 else ""
        if entry[0] == "call" and nxt in ("off", "up", "back", "in", "out"):
            continue
        if low == "reporting":
            continue
        if low in ("state", "states"):
            cues.append(_Cue(i, i + 1, "state", "quote_only"))
            continue
        if entry[0] in ("show", "find") and nxt in ("up", "off", "out", "himself", "herself"):
            continue
        if entry[0] == "plan" and nxt != "to":
            continue  # "the tax cut plans are ...": a noun
        if entry[1] == "object" and low.endswith("ed") and nxt == "by":
            continue  # "groups backed by Ankara": a passive participle
        cues.append(_Cue(i, i + 1, entry[0], entry[1]))
    return cues


def _subject(toks: list[_Tok], i0: int, limit: int) -> tuple[int, int] | None:
    """The subject at the start of a sentence (for `..., saying` and `... and said`)."""
    i = i0
    while i < limit and toks[i].low in ("but", "and", "so", "yet", "meanwhile", "still"):
        i += 1
    if (
        i + 1 < limit
        and toks[i].low in ("when", "after", "as", "while", "before", "once")
        and _np_forward(toks, i + 1, limit, mid_sentence=False) is not None
    ):
        i += 1  # "When Trump later referred to ... and said"
    if i < limit and (toks[i].low in _NP_STOP or not _is_word(toks[i])):
        # An introductory phrase: "On Sunday, Kwon ...", "In a statement, the ministry ...".
        for k in range(i, min(limit, i + 10)):
            if toks[k].unit >= 0:
                break
            if toks[k].text == ",":
                i = k + 1
                break
    end = _np_forward(toks, i, limit, mid_sentence=False)
    return (i, end) if end is not None else None


@dataclass(slots=True)
class _Reading:
    speaker: tuple[int, int] | None  # token range
    after: int  # first token after the cue (and an inverted subject)
    boundary: int  # first token of the speaker-and-cue group
    gerund: bool = False
    inverted: bool = False
    subordinate: bool = False  # the content ends at the next comma
    negated: bool = False  # "did not say": PolNeAR annotates it; suggested with a low score


# Words before "to say" that keep the report ("went on to say", "was quick to add").
_TO_SAY_LEADS = _words("on continued proceeded prompted moved quick rushed hastened paused")
_EVIDENCE_NOUNS = _words(
    "poll polls survey surveys data results records documents study studies report reports "
    "analysis numbers figures research review filings returns tallies estimates statistics "
    "census findings audit investigation probe memo emails documents tally count video videos "
    "photo photos image images footage picture pictures tape tapes recording recordings email "
    "letter letters document record transcript transcripts map maps chart charts"
)
# Nouns whose that-clause is a claim ("Trump's assertion that ...").
_CLAIM_NOUNS = _words(
    "claim claims assertion accusation accusations suggestion conclusion contention statement "
    "argument belief allegation allegations charge insistence notion warning promise pledge "
    "news idea fear fears concern concerns hope view evidence sense anxiety"
)
# Words in -ed before `that` that do not report ("so that", "provided that").
_NOT_THAT_VERBS = _words("provided granted assumed used need needed")
_LEADING_PREPS = _words("about of for on against with")
_SEEM_FORMS = _words("seems seemed appear appears appeared")
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_DAY_PREPS = _words("on late early last this")
_ASKED_WHAT = _words("whether if why what how which who when where about")


_NOT_IN_SUBJECT = _words("is are was were what that which because if when but than as so")


def _subject_after_quote(
    toks: list[_Tok], j: int, i0: int, units: list[_Unit]
) -> tuple[int, int] | None:
    """'"...," Butz, 49, told': the words between a quotation and its cue are the speaker."""
    k = j
    while k >= i0 and j - k < 16:
        t = toks[k]
        if t.unit >= 0:
            break
        if t.text in (".", ";", ":", "!", "?", "—", "--") or t.low in _NOT_IN_SUBJECT:
            return None
        if t.low in _CUE_VERBS and not _is_cap(t) and t.low not in _AMBIGUOUS_FORMS:
            return None
        k -= 1
    if k < i0 or toks[k].unit < 0 or k == j:
        return None
    if units[toks[k].unit].last not in ",.!?…-—" and toks[k + 1].text != ",":
        return None  # a quoted phrase inside a noun phrase, not a quotation ending here
    s = k + 1
    e = j + 1
    while s < e and toks[s].text in (",", "-", "–"):
        s += 1
    while e > s and toks[e - 1].text in (",", "-", "–"):
        e -= 1
    if e <= s or not _is_word(toks[s]):
        return None
    if toks[s].low in _NP_STOP and toks[s].low not in _DETERMINERS and not _is_cap(toks[s]):
        return None  # '"...," and on Monday, CBS said': not a subject
    if toks[s].low in ("and", "but", "or", "so"):
        return None
    if e - s == 1 and toks[s].low in _DETERMINERS | _NP_STOP and not _is_cap(toks[s]):
        return None
    return (s, e)


_LY_NOUNS = _words(
    "family ally rally italy daily july assembly monopoly supply reply fly apply bully belly "
    "jelly lily holly emily kelly molly sally billy willy"
)


def _is_adverb(tok: _Tok) -> bool:
    low = tok.low
    return low.endswith("ly") and len(low) > 4 and low not in _LY_NOUNS and not _is_cap(tok)


_NEGATED_SCORE = 0.3


def _negated(toks: list[_Tok], v: int, i0: int) -> bool:
    """Is the cue at `v` negated ("did not say", "would never tell", "doesn't expect")?"""
    for k in range(v - 1, max(i0, v - 4) - 1, -1):
        low = toks[k].low
        if low in _NEGATIONS or low.endswith(("n't", "n’t")):
            return True
        if low not in _AUX_ADVERBS and not _is_adverb(toks[k]):
            return False
    return False


_FAMILIAR = _words("familiar close near loyal allied")


def _familiar_with(toks: list[_Tok], j: int, i0: int, start: int | None) -> int | None:
    """`people familiar with the talks said`, `a source close to him said`: the speaker phrase
    runs back past the adjective and its object to the noun before it."""
    lo = j if start is None else start
    for k in range(lo - 1, max(i0, lo - 3), -1):
        if toks[k].low in ("with", "to") and toks[k - 1].low in _FAMILIAR:
            head = k - 2
            if head >= i0 and _is_word(toks[head]):
                s2 = _np_back(toks, head, i0)
                if s2 is not None:
                    return s2
            return start
        if not _is_word(toks[k]):
            break
    return start


def _read_cue(toks: list[_Tok], cue: _Cue, i0: int, i1: int, units: list[_Unit]) -> _Reading | None:
    """Speaker and extent of a cue, or None when the verb does not report here."""
    v = cue.v
    if cue.lemma == "according":
        s0 = cue.v_end
        if s0 >= i1 or not _is_word(toks[s0]) or toks[s0].low in _NP_STOP - _DETERMINERS:
            return None
        k = s0
        while k < i1 and toks[k].text not in (",", ".", ";", "(", ":", "—", "--"):
            if (
                toks[k].unit >= 0
                and k > s0
                and toks[k - 1].low not in _DETERMINERS
                and not _is_cap(toks[k - 1])
                and not toks[k - 1].low.endswith(("’s", "'s"))
            ):
                break
            if k - s0 >= 14 or (k > s0 and toks[k].low in ("released", "published")):
                break
            k += 1
        return _Reading((s0, k), k, v) if k > s0 else None
    j = v - 1
    if j - 1 >= i0 and toks[j].low == "as" and toks[j - 1].low in ("quoted", "cited"):
        j -= 2  # "was quoted as saying"
    while j >= i0 and (
        toks[j].low in _AUX_ADVERBS
        or toks[j].low in _NEGATIONS
        or _is_adverb(toks[j])  # "pointedly saying", "has also broadly called for"
    ):
        if (
            toks[j].low in _PASSIVE_AUX
            and toks[v].low.endswith(("ed", "told", "read", "said"))
            and not (toks[v].low == "said" and j + 1 < v and toks[j + 1].low == "also")
        ):
            return None  # "was told", "is called": the subject is not the speaker
        j -= 1
        if j - 1 >= i0 and toks[j].low in _WEEKDAYS and toks[j - 1].low in _DAY_PREPS:
            j -= 2  # "Veldavia on Wednesday accused": the day is not the speaker
    if j - 1 >= i0 and toks[j].low in _WEEKDAYS and toks[j - 1].low in _DAY_PREPS:
        j -= 2
        while j >= i0 and toks[j].low in _AUX_ADVERBS:
            j -= 1
    if j >= i0 and toks[j].low.endswith(("n't", "n’t")):
        j -= 1
    if j >= i0 and toks[j].low == "to":
        # "refused to say", "is expected to say": not a report of what was said.
        if j - 1 >= i0 and toks[j - 1].low in _TO_SAY_LEADS:
            j -= 2
            while j >= i0 and (toks[j].low in _AUX_ADVERBS or toks[j].low in ("went", "goes")):
                j -= 1
        elif (
            j - 3 >= i0
            and toks[j - 1].low in _MEDIUM_NOUNS
            and toks[j - 2].low == "to"
            and toks[j - 3].low in ("took", "takes", "taking", "went", "goes")
        ):
            j -= 4  # "took to Twitter to say": the subject before "took" is the speaker
            while j >= i0 and toks[j].low in _AUX_ADVERBS:
                j -= 1
        else:
            return None
    if cue.lemma == "ask" and (j < i0 or toks[j].low in ("when", "if", "after", "as", "once")):
        # "When asked whether he would run, Kwon said ...", "Asked by a host about the plan,
        # ...": the question, and its asker when the "by" phrase names one.
        k = cue.v_end
        asker = None
        if k < i1 and toks[k].low == "by":
            m = k + 1
            while (
                m < i1
                and m - k <= 6
                and _is_word(toks[m])
                and toks[m].low not in _ASKED_WHAT
                and toks[m].low != "to"
            ):
                m += 1
            if m > k + 1:
                asker = (k + 1, m)
                k = m
        while k < i1 and toks[k].low in _TIME_WORDS:
            k += 1
        if k < i1 and (toks[k].low in _ASKED_WHAT or toks[k].low == "to"):
            return _Reading(asker, k, v, subordinate=True)
    if j >= i0 and toks[j].low in ("what", "how", "why", "whether", "if", "where", "when"):
        return None
    if toks[v].low.endswith("ing"):
        if j >= i0 and (
            toks[j].text in (",", "—", "–", "--", "-")
            or toks[j].low in ("by", "while", "before")
            or (toks[j].unit >= 0 and units[toks[j].unit].last == ",")
        ):
            return _Reading(None, cue.v_end, v, gerund=True)
        if j < i0 and cue.cls in ("speech", "object"):
            # '"Citing "obligations at home," the spokeswoman told ...': an opening participle
            # whose subject follows its clause.
            for k in range(cue.v_end, min(i1 - 1, cue.v_end + 25)):
                if toks[k].text in (".", ";", ":"):
                    break
                ends_clause = toks[k].text == "," or (
                    toks[k].unit >= 0 and units[toks[k].unit].last == ","
                )
                if ends_clause and any(t.unit >= 0 for t in toks[cue.v_end : k + 1]):
                    e = _np_forward(toks, k + 1, i1, mid_sentence=False)
                    if e is not None and toks[k + 1].low not in ("it", "there"):
                        return _Reading((k + 1, e), cue.v_end, v, subordinate=True)
                    break
                if toks[k].text == "," and k > cue.v_end + 1 and toks[k - 1].unit < 0:
                    break
            return None
        if j < i0 or toks[j].low in ("as", "after", "without", "of", "for", "about", "from"):
            return None
    # '"...," a nod to the front-runner acknowledging': a modifier, not a cue after a quotation.
    bare_gerund = toks[v].low.endswith("ing") and not any(
        toks[x].low in _PASSIVE_AUX for x in range(max(i0, j + 1), v)
    )
    after_unit = None if bare_gerund else _subject_after_quote(toks, j, i0, units)
    if after_unit is not None:
        return _Reading(after_unit, cue.v_end, after_unit[0])
    left = toks[j] if j >= i0 else None
    if left is None or left.unit >= 0 or left.text in (",", "—", "--"):
        after_quote = left is not None and (
            left.unit >= 0 or (j - 1 >= i0 and toks[j - 1].unit >= 0)
        )
        if after_quote:
            e = _np_inverted(toks, cue.v_end, i1)
            if e is not None and not _inversion_ends(toks, e, i1, strict=False):
                # '"...," said a person close to the Clintons.': run on to the punctuation.
                k = e
                while k < i1 and k - cue.v_end < 16 and _is_word(toks[k]):
                    if toks[k].low in _CUE_VERBS and not _is_cap(toks[k]):
                        break
                    k += 1
                if k >= i1 or toks[k].text in (",", ".", ";", "!", "?"):
                    e = k
        else:
            e = _np_forward(toks, cue.v_end, i1)
            if e is None or not _inversion_ends(toks, e, i1, strict=True):
                # "..., said Ohio State University professor Paul Beck."
                e2 = _np_inverted(toks, cue.v_end, i1)
                if e2 is not None and _inversion_ends(toks, e2, i1, strict=True):
                    e = e2
        if (
            e is not None
            and cue.lemma != "tell"
            and cue.cls != "object"
            and _inversion_ends(toks, e, i1, strict=not after_quote or cue.cls == "quote_only")
        ):
            after = e
            if after < i1 and toks[after].text == ",":
                # 'said Pantucci, director of ..., "but ..."': the apposition belongs to him.
                k = after + 1
                while k < i1 and toks[k].text not in (",", ".", ";") and toks[k].unit < 0:
                    k += 1
                if k - after < 25 and (
                    k >= i1
                    or toks[k].text in (".", ";")
                    or (k + 1 < i1 and (toks[k + 1].unit >= 0 or toks[k + 1].low == "that"))
                ):
                    after = k
            return _Reading((cue.v_end, e), after, v, inverted=True)
        if left is None or left.unit >= 0:
            return None
        # '"...," Mr. Daniloff, now 81 and retired in Cambridge, Mass., said': the subject is the
        # phrase right after the quotation, whatever commas follow it.
        k = j - 1
        while k >= i0 and j - k < 30 and toks[k].unit < 0 and toks[k].low not in _CUE_VERBS:
            k -= 1
        if k >= i0 and toks[k].unit >= 0:
            s = k + 1
            if s < j and toks[s].text == ",":
                s += 1
            e = _np_inverted(toks, s, j)
            if e is not None and e < j and toks[e].text == ",":
                return _Reading((s, e), cue.v_end, s)
        # "Kwon, director-general in charge of U.S. affairs, claimed": the subject is before.
        delim = left.text
        k = j - 1
        while k >= i0 and toks[k].text != delim and j - k < 40:
            k -= 1
        if k - 1 < i0 or toks[k].text != delim:
            return None
        head = k - 1
        if toks[head].text == ")":  # "Sen. Ted Cruz (R-Texas), also a hopeful, called"
            while head > i0 and toks[head].text != "(":
                head -= 1
            head -= 1
        start = _np_back(toks, head, i0) if head >= i0 else None
        if start is None:
            return None
        return _Reading((start, k), cue.v_end, start)
    if left.text == ")":
        k = j - 1
        while k >= i0 and toks[k].text != "(" and j - k < 12:
            k -= 1
        if k - 1 < i0 or toks[k].text != "(":
            return None
        j = k - 1
        left = toks[j]
    if left.low in ("and", "but", "or"):
        subj = _subject(toks, i0, j)
        return _Reading(subj, cue.v_end, v, gerund=True) if subj else None
    if left.low in ("who", "which"):
        k = j - 1
        if k >= i0 and toks[k].text == ",":
            k -= 1
        start = _np_back(toks, k, i0) if k >= i0 else None
        return _Reading((start, k + 1), cue.v_end, v) if start is not None else None
    start = _np_back(toks, j, i0)
    start = _familiar_with(toks, j, i0, start)
    if start is None:
        return None
    head = toks[j].low
    skipped_aux = j < v - 1
    if (
        toks[v].low == cue.lemma
        and toks[v].low in _AMBIGUOUS_FORMS
        and not skipped_aux
        and not (
            head in _PRONOUNS
            or head in _EVIDENCE_NOUNS
            or (head.endswith("s") and not head.endswith(("’s", "'s")) and not _is_cap(toks[j]))
        )
    ):
        return None  # "Trump's reality TV show": a noun, not "polls show"
    if cue.cls == "object" and (
        toks[start].low in ("a", "an")
        or (toks[v].low == cue.lemma and toks[start].low not in _PRONOUNS)
    ):
        return None  # "a group called X" (a participle), "a frontal attack on" (a noun)
    return _Reading((start, j + 1), cue.v_end, start)


def _sentence_of_units(toks: list[_Tok], i0: int, i1: int) -> bool:
    """A sentence made of quotations and punctuation only."""
    has_unit = False
    for k in range(i0, i1):
        if toks[k].unit >= 0:
            has_unit = True
        elif _is_word(toks[k]):
            return False
    return has_unit


class _Paragraph:
    """Attribution within one paragraph; `used` (quotation units already taken) is shared."""

    def __init__(
        self, text: str, toks: list[_Tok], units: list[_Unit], used: set[int], pi: int
    ) -> None:
        self.text = text
        self.toks = toks
        self.units = units
        self.used = used
        self.pi = pi
        self.sents = _sentences(toks, units)
        self.attrs: list[_Attribution] = []

    def _take(self, att: _Attribution, k: int) -> None:
        if not att.contents:
            att.direct = True
        u = self.toks[k].unit
        self.used.add(u)
        att.units.append(u)
        att.contents.append((self.units[u].start, self.units[u].end))

    def _free_unit(self, k: int) -> bool:
        return self.toks[k].unit >= 0 and self.toks[k].unit not in self.used

    def _chain(self, att: _Attribution, k: int, i1: int) -> int:
        """`"A," he said, "B."`: quotations right after the cue continue the same attribution."""
        toks = self.toks
        while k < i1 and (toks[k].text in (",", ":") or toks[k].low in _TIME_WORDS):
            k += 1
        # '"A," said Sherman, speaking of politicians, "and B."': a short aside before the rest.
        m = k
        while m < i1 and m - k < 12 and toks[m].unit < 0 and toks[m].text not in (".", ";"):
            m += 1
        if (
            k < m < i1
            and toks[m - 1].text == ","
            and self._free_unit(m)
            and not any(
                _CUE_VERBS.get(toks[x].low, ("", ""))[1] == "speech"
                for x in range(k, m)
                if not _is_cap(toks[x])
            )
        ):
            k = m
        while k < i1 and self._free_unit(k):
            self._take(att, k)
            k += 1
        return k

    def _span(self, a: int, b: int) -> tuple[int, int]:
        toks = self.toks
        s, e = toks[a].start, toks[b - 1].end
        if toks[a].unit >= 0:
            s = min(s, self.units[toks[a].unit].start)
        if toks[b - 1].unit >= 0:
            e = max(e, self.units[toks[b - 1].unit].end)
        return s, e

    def _clause(self, att: _Attribution, a: int, end: int) -> None:
        toks = self.toks
        while a < end - 1 and (
            toks[a].text in (",", ":", ";", "-", "—", "--")
            or (
                toks[a].low in _LEADING_PREPS
                and att.cue is not None
                and att.cue[1] <= toks[a].start
            )
        ):
            a += 1  # "talked about the plan": the preposition goes with the cue, not the content
        for c in range(a + 1, end - 1):
            if toks[c].text in (":", "-", "—", "--") and toks[c + 1].unit >= 0:
                # 'encouraged the staff with a simple message: "Don't screw this up!"': the
                # quotation the colon introduces is the content, not the words before it.
                if all(toks[m].unit >= 0 or not _is_word(toks[m]) for m in range(c + 1, end)):
                    a = c + 1
                break
        for k in range(a, end):
            if self._free_unit(k):
                u = self.toks[k].unit
                self.used.add(u)
                att.units.append(u)
        att.contents.append(self._span(a, end))

    def run(self) -> list[_Attribution]:
        toks = self.toks
        by_sentence: list[list[_Attribution]] = []
        for si, (i0, i1) in enumerate(self.sents):
            here: list[_Attribution] = []
            taken = i0  # tokens before this index already belong to a content
            if si == 0:
                label = self._labelled_line()
                if label is not None:
                    by_sentence.append([label])
                    self.attrs.append(label)
                    by_sentence.extend([] for _ in self.sents[1:])
                    break
            last_speaker: tuple[int, int] | None = None
            cues = _find_cues(toks, i0, i1)
            # "..., according to X." covers the whole clause before it, cues inside included.
            late = [c for c in cues if c.lemma == "according" and c.v > i0 + 1]
            if late and late[0].v - 1 >= i0 and toks[late[0].v - 1].text == ",":
                cues = [late[0]] + [c for c in cues if c is not late[0]]
            else:
                closing = self._closing_report(cues, i0, i1)
                if closing is not None:
                    cues = [closing] + [c for c in cues if c is not closing]
            cue_positions = [
                c.v
                for c in cues
                if toks[c.v].low not in _AMBIGUOUS_FORMS
                and (
                    c.v == i0
                    or (
                        toks[c.v - 1].low not in _DETERMINERS
                        and toks[c.v - 1].low not in _ADVERBIAL_PREPS
                    )
                )
            ]
            for cue in cues:
                if cue.v < taken:
                    continue
                r = _read_cue(toks, cue, i0, i1, self.units)
                if r is None:
                    continue
                r.negated = _negated(toks, cue.v, i0)
                speaker = r.speaker
                if r.gerund and speaker is None:
                    speaker = last_speaker or _subject(toks, i0, cue.v)
                    if speaker is None:
                        continue
                att = _Attribution(
                    cue=(toks[cue.v].start, toks[cue.v_end - 1].end),
                    speaker=(toks[speaker[0]].start, toks[speaker[1] - 1].end) if speaker else None,
                    paragraph=self.pi,
                )
                done = self._attribute(att, cue, r, i0, i1, taken, si, cue_positions)
                if done is None:
                    continue
                if r.negated:
                    att.score = min(att.score, _NEGATED_SCORE)
                taken = done
                here.append(att)
                last_speaker = speaker or last_speaker
            colon = self._colon_quote(i0, i1, taken)
            if colon is not None:
                here.append(colon)
            that = self._that_quote(i0, i1, taken)
            if that is not None:
                here.append(that)
            here.extend(self._epistemic(i0, i1, taken))
            by_sentence.append(here)
            self.attrs.extend(here)
        self._orphans(by_sentence)
        self._interrupted(by_sentence)
        return [a for a in self.attrs if a.contents or a.colon]

    def _closing_report(self, cues: list[_Cue], i0: int, i1: int) -> _Cue | None:
        """`The company plans to ..., people familiar with the plan said.`: a speech cue closing
        its sentence after a comma reports everything before it, so it is read before the
        weaker cues inside that clause (which would otherwise take the clause for themselves)."""
        toks = self.toks
        if len(cues) < 2:
            return None
        finite = [x for x in cues if not toks[x.v].low.endswith("ing")]
        if not finite:
            return None
        c = finite[-1]
        if c.cls != "speech" or toks[c.v].low in _AMBIGUOUS_FORMS or c.v < i0 + 5:
            return None
        if all(x.cls == "speech" for x in cues if x.v < c.v):
            return None
        r = _read_cue(toks, c, i0, i1, self.units)
        if r is None or r.speaker is None or r.gerund or r.inverted:
            return None
        b = r.boundary - 1
        if b <= i0 + 3 or toks[b].text != ",":
            return None
        after = _skip_adverbials(toks, r.after, i1)
        if after < i1 and (_is_word(toks[after]) or toks[after].unit >= 0):
            return None
        return c

    def _attribute(
        self,
        att: _Attribution,
        cue: _Cue,
        r: _Reading,
        i0: int,
        i1: int,
        taken: int,
        si: int,
        cue_positions: list[int],
    ) -> int | None:
        """Find the content of one cue; returns the new `taken` index, or None (no content)."""
        toks = self.toks
        ambiguous = toks[cue.v].low in _AMBIGUOUS_FORMS
        if ambiguous and toks[cue.v].low == cue.lemma and r.speaker and not r.inverted:
            # A base form after a plural subject is a verb ("senators claim to object"):
            # `_read_cue` let it through only then.
            ambiguous = toks[cue.v - 1].low in _AUX_ADVERBS
        evidence = (
            cue.cls in ("evidence", "thought")
            and r.speaker is not None
            and toks[r.speaker[1] - 1].low in _EVIDENCE_NOUNS
        )
        if evidence:
            ambiguous = False  # "polls show Clinton ahead", "..., fundraising documents show."
        strong = cue.cls == "speech" and not ambiguous
        base = 0.9 if strong else 0.75

        # Where a content after the cue would start.
        a = r.after
        if cue.lemma in _OBJECT_FIRST:
            a = _skip_object(toks, a, i1)
            for k in range(a, min(i1, a + 16)):
                if toks[k].unit >= 0 or toks[k].text in (",", ";", ":", "."):
                    break
                if toks[k].low == "that" and k > a:
                    a = k  # "tells voters who wonder why ... that he ..."
                    break
        a = _skip_adverbials(toks, a, i1)
        if a < i1 and toks[a].low in _ADVERBIAL_PREPS and cue.cls in ("speech", "thought"):
            # 'said on ABC's "This Week" that ...': an adverbial the lists do not know.
            for k in range(a + 1, min(i1, a + 14)):
                if toks[k].text in (".", ";", ":") or toks[k].low in _CUE_VERBS:
                    break
                if toks[k].low == "that":
                    a = k
                    break
        if a < i1 and toks[a].text == "," and cue.lemma != "according":
            a2 = _skip_adverbials(toks, a + 1, i1)
            if a2 < i1 and toks[a2].text == "," and a2 > a + 1:
                a2 = a2 + 1  # "said, however, that"
            if a2 < i1 and (toks[a2].unit >= 0 or toks[a2].low == "that"):
                a = a2
        if cue.lemma in ("warn", "accuse") and a < i1 and toks[a].low in ("of", "about"):
            a += 1
        if cue.lemma == "according":
            a = r.after + 1 if r.after < i1 and toks[r.after].text == "," else r.after
            if a < i1 and toks[a].low in ("released", "published", "conducted", "obtained"):
                # "According to the schedule published Thursday, Thiel is ...": past the comma.
                for k in range(a + 1, min(i1, a + 8)):
                    if toks[k].text == ",":
                        a = k + 1
                        break
                    if not _is_word(toks[k]):
                        break
            if cue.v > i0 + 1 or (cue.v == i0 + 1 and _is_word(toks[i0])):
                b = cue.v - 1
                mid = (
                    b > taken
                    and toks[b].text == ","
                    and r.after < i1
                    and toks[r.after].text == ","
                    and a < i1
                    and _is_word(toks[a])
                    and sum(1 for k in range(a, _content_end(toks, a, i1, [])) if _is_word(toks[k]))
                    >= 3
                )
                if mid and sum(1 for k in range(taken, b) if _is_word(toks[k])) >= 1:
                    # "His criticism, according to an interview, was the choice": both sides.
                    end = _content_end(toks, a, i1, [])
                    self._clause(att, taken, b)
                    self._clause(att, a, end)
                    att.score = 0.7
                    return end
                a = i1  # "..., according to X": the content is before
        # After a comma or a dash, a conjunction or a gerund cue starts another clause, not
        # this cue's content ('"...," Mr. Elkins said - but they ...', '..., noting that').
        k = a
        while k < i1 and toks[k].text in (",", "-", "—", "--", "–"):
            k += 1
        if (
            k > a
            and k < i1
            and (toks[k].low in ("and", "but", "or", "nor") or toks[k].low in _GERUNDS)
        ):
            a = i1
        right_clause = (
            not r.inverted
            and a < i1
            and (
                toks[a].low == "that"
                or sum(1 for k in range(a, _content_end(toks, a, i1, [])) if _is_word(toks[k])) >= 3
            )
        )

        # 1. A quotation right before the speaker and cue: "...," Kwon said.
        lb = r.boundary - 1
        while lb >= taken and toks[lb].text in (",", "—", "--", "-"):
            lb -= 1
        first_unit = lb
        while first_unit - 1 >= taken and self._free_unit(first_unit - 1):
            first_unit -= 1
        inside_sentence = any(_is_word(toks[k]) for k in range(taken, first_unit))
        if not (right_clause and inside_sentence) and (
            lb >= taken
            and self._free_unit(lb)
            and not r.gerund
            and cue.lemma != "according"
            and (cue.cls != "object" or r.after >= i1 or not _is_word(toks[r.after]))
            and (
                cue.cls in ("speech", "quote_only") or r.after >= i1 or not _is_word(toks[r.after])
            )
        ):
            first = lb
            while first - 1 >= taken and self._free_unit(first - 1):
                first -= 1
            lead = first
            while lead - 1 >= taken and toks[lead - 1].text not in (".", ";", ":"):
                lead -= 1
            while lead < first and toks[lead].low in ("but", "and", "so", "yet"):
                lead += 1
            words = sum(1 for k in range(lead, first) if _is_word(toks[k]))
            intro = toks[lead].low in _ADVERBIAL_PREPS or toks[lead].low in _SUBORDINATORS
            if (
                lead < first
                and lead == taken
                and words >= 2
                and (
                    toks[first - 1].text not in (",", ":", "—", "--", "-")
                    # 'The party, attended by hundreds, "allows us to ...," he said.'
                    or (toks[first - 1].text == "," and not intro and _is_cap(toks[lead]))
                )
            ):
                # 'The bill's failure was "heartbreaking," she said.': the clause is the content,
                # after an introductory phrase ('Emerging from the talks, the minister "looked
                # ashen," he said').
                commas = [k for k in range(lead, first) if toks[k].text == ","]
                if commas and sum(1 for k in range(commas[-1], first) if _is_word(toks[k])) >= 2:
                    lead = commas[-1] + 1
                self._clause(att, lead, lb + 1)
            else:
                for k in range(first, lb + 1):
                    self._take(att, k)
            att.score = base if r.speaker else 0.6
            return self._chain(att, max(r.after, cue.v_end), i1)

        # 2. What follows the cue: a quotation, a colon, or a clause.
        if a < i1:
            t = toks[a]
            if t.text in (",", ":") and a + 1 < i1 and self._free_unit(a + 1):
                self._take(att, a + 1)
                att.score = base
                return self._chain(att, a + 2, i1)
            if t.text == ":" and a + 1 >= i1:
                if si == len(self.sents) - 1:
                    att.colon = True
                    att.score = base - 0.1
                    return i1
                return None
            if self._free_unit(a) and (
                a + 1 >= i1
                or toks[a + 1].text in (",", ".", ";", "!")
                or _content_end(toks, a, i1, []) == a + 1
            ):
                self._take(att, a)
                att.score = base - 0.05
                return self._chain(att, a + 1, i1)
            if toks[i1 - 1].text == ":" and si == len(self.sents) - 1 and cue.cls != "object":
                # 'the committee said about its platform:' and the quotation follows.
                att.colon = True
                att.score = base - 0.15
                return i1
            if self._free_unit(a) and (
                cue.cls == "quote_only" or self.units[toks[a].unit].last in _END_PUNCT
            ):
                # 'they chanted "stop the cuts" and "no peace" after ...', 'he yelled "You lie!"
                # at the president': the quotations right after the cue are the content.
                self._take(att, a)
                k = a + 1
                while k + 1 < i1 and toks[k].low in ("and", "or", ",") and self._free_unit(k + 1):
                    self._take(att, k + 1)
                    k += 2
                att.score = base - 0.1
                return k
            if cue.cls == "quote_only":
                return None
            if r.inverted and cue.lemma != "according" and t.low != "that" and t.text != ":":
                a = i1  # "..., said Kantrowitz, an expert who ...": nothing reported after
            if t.text in (":", ","):
                a += 1
            if cue.cls == "object":
                return self._object_content(att, cue, a, i1, cue_positions, r.subordinate)
            if a < i1 and toks[a].low in ("and", "or", "but", "nor"):
                return None  # "Multiple news reports and a detailed account ...": not a clause
            that = a < i1 and toks[a].low == "that"
            sub = r.subordinate or (
                not r.inverted
                and r.boundary - 1 >= i0
                and toks[r.boundary - 1].low in _SUBORDINATORS | {"who"}
            )
            end = _content_end(toks, a, i1, [c for c in cue_positions if c > a], sub, self.units)
            words = sum(1 for k in range(a, end) if _is_word(toks[k]) or toks[k].unit >= 0)
            has_unit = any(toks[k].unit >= 0 for k in range(a, end))
            enough = words >= (2 if cue.cls == "speech" else 3)
            if ambiguous and not (that or has_unit or cue.lemma in ("according",)):
                enough = False
            if r.speaker and r.after > cue.v_end and not that and words < 3:
                enough = False  # "said Kwon Tuesday" is not a clause
            if cue.lemma == "according":
                enough = words >= 3
            if enough and end > a:
                b = r.boundary - 1
                if (
                    not r.inverted
                    and b > taken
                    and toks[b].text == ","
                    and r.after < i1
                    and toks[r.after].text == ","
                    and a == r.after + 1
                    and toks[a].text[0].islower()
                    and toks[a].low != "that"
                    and toks[taken].low not in _ADVERBIAL_PREPS
                    and toks[taken].low not in _TIME_WORDS
                    and not any(toks[m].low in _CUE_VERBS for m in range(taken, b))
                ):
                    # "Those who now vote, he said, must still register": both sides.
                    self._clause(att, taken, b)
                self._clause(att, a, end)
                att.score = (0.75 if strong else 0.55) + (0.05 if has_unit else 0.0)
                return end

        # 3. A clause before the speaker and cue: "The economy is strong, the minister said."
        if r.gerund:
            return None
        b = r.boundary - 1
        if (
            cue.lemma == "according"
            and b >= taken
            and toks[b].unit >= 0
            and self.units[toks[b].unit].last == ","
            and self._free_unit(b)
        ):
            # '"...," according to CNN.': the quotation (with the words before it) is the content.
            first = b
            while first - 1 >= taken and self._free_unit(first - 1):
                first -= 1
            if any(_is_word(toks[k]) for k in range(taken, first)):
                self._clause(att, taken, b + 1)
            else:
                for k in range(first, b + 1):
                    self._take(att, k)
            att.score = 0.75
            return max(r.after, cue.v_end)
        if b >= taken and toks[b].text in (",", "—", "--"):
            lb = b - 1
            start = taken
            while start < lb and (
                toks[start].low in ("but", "and", "so")
                or toks[start].text
                in (
                    "—",
                    "-",
                    ",",
                )
            ):
                start += 1
            for k in range(lb - 3, start, -1):
                if toks[k].text in (":", ";"):
                    start = k + 1  # 'At the same time, ...: London was the capital, X said'
                    break
            words = sum(1 for k in range(start, lb + 1) if _is_word(toks[k]) or toks[k].unit >= 0)
            if words >= 4 and (cue.cls == "speech" or cue.lemma == "according" or evidence):
                self._clause(att, start, lb + 1)
                att.score = 0.75 if strong or cue.lemma == "according" else 0.55
                return max(r.after, cue.v_end)
            return None

        # 4. Nothing in its own sentence: "Trump asked." after a quotation ending with "?".
        if r.boundary == i0 and r.speaker is not None and cue.cls == "speech":
            att.score = base - 0.1
            att.units.append(-1)  # resolved by _orphans
            return i1
        return None

    def _that_quote(self, i0: int, i1: int, taken: int) -> _Attribution | None:
        """`Trump groused to a crowd that CNN "doesn't treat me properly"`: a that-clause
        holding a quotation after a verb (or a claim noun) the cue lists do not know."""
        toks = self.toks
        for k in range(max(i0 + 2, taken + 1), i1 - 1):
            if toks[k].low != "that":
                continue
            end = _content_end(toks, k, i1, [])
            if not any(self._free_unit(m) for m in range(k + 1, end)):
                continue
            j = k - 1
            for m in range(k - 2, max(i0, k - 7), -1):
                if toks[m].low == "to" and toks[m - 1].low.endswith("ed"):
                    j = m - 1  # "confided to her that", "groused to a crowd in Georgia that"
                    break
                if not _is_word(toks[m]) or toks[m].unit >= 0:
                    break
            while j > i0 and (toks[j].low in _AUX_ADVERBS or _is_adverb(toks[j])):
                j -= 1
            if toks[j].unit >= 0 or not _is_word(toks[j]) or _is_cap(toks[j]):
                continue
            low = toks[j].low
            noun = low in _CLAIM_NOUNS
            if not (noun or (low.endswith("ed") and low not in _NOT_THAT_VERBS)):
                continue
            speaker = None
            if noun:
                for m in range(j - 1, max(i0, j - 5) - 1, -1):
                    if toks[m].low.endswith(("’s", "'s")):
                        start = _np_back(toks, m, i0)
                        if start is not None:
                            speaker = (start, m + 1)
                        break
                    if not _is_word(toks[m]) or toks[m].low in _NP_STOP:
                        break
            else:
                b = j - 1
                while b > i0 and (toks[b].low in _AUX_ADVERBS or _is_adverb(toks[b])):
                    b -= 1
                start = _np_back(toks, b, i0) if b >= i0 else None
                if start is not None:
                    speaker = (start, b + 1)
            if speaker is None:
                continue
            att = _Attribution(
                cue=(toks[j].start, toks[j].end),
                speaker=(toks[speaker[0]].start, toks[speaker[1] - 1].end),
                paragraph=self.pi,
                score=0.4,
            )
            self._clause(att, k, end)
            return att
        return None

    def _epistemic(self, i0: int, i1: int, taken: int) -> list[_Attribution]:
        """`Trump seemed to appreciate ...`, `the House is expected to vote ...`.

        Attributions without a source in PolNeAR's sense (an appearance or an expectation):
        the subject and the complement are the content, the verb the cue; scored lowest.
        """
        toks = self.toks
        out = []
        k = max(i0 + 1, taken)
        while k < i1 - 1:
            t = toks[k]
            cue_end = 0
            if (
                (t.low in _SEEM_FORMS and toks[k + 1].low != "that")
                or (
                    t.low == "expected"
                    and toks[k - 1].low in _PASSIVE_AUX | {"widely", "not", "also"}
                    and toks[k + 1].low == "to"
                )
                or (t.low == "allegedly" and _is_word(toks[k + 1]))
            ):
                cue_end = k + 1
            elif (
                t.low == "asked"
                and toks[k - 1].low in _PASSIVE_AUX
                and toks[k + 1].low in _ASKED_WHAT
            ):
                # "Pence was asked about the comment": the question is the content.
                start = k + 1
                end = _content_end(toks, start, i1, [], subordinate=True)
                if end > start + 1:
                    att = _Attribution(
                        cue=(toks[k - 1].start, toks[k].end), speaker=None, paragraph=self.pi
                    )
                    att.score = 0.2
                    self._clause(att, start, end)
                    out.append(att)
                    k = end
                    continue
            if not cue_end:
                k += 1
                continue
            v0 = k
            while v0 - 1 > i0 and toks[v0 - 1].low in _PASSIVE_AUX | {"widely", "not", "also"}:
                v0 -= 1
            j = v0 - 1
            start = _np_back(toks, j, max(i0, taken)) if j >= max(i0, taken) else None
            end = _content_end(toks, cue_end, i1, [])
            words = sum(1 for m in range(cue_end, end) if _is_word(toks[m]))
            if start is None or words < 2 or toks[start].low in ("it", "there"):
                k = cue_end
                continue
            att = _Attribution(
                cue=(toks[v0].start, toks[cue_end - 1].end),
                speaker=None,
                paragraph=self.pi,
                score=0.2,
            )
            self._clause(att, start, j + 1)
            self._clause(att, cue_end, end)
            out.append(att)
            k = end
        return out

    def _labelled_line(self) -> _Attribution | None:
        """`Warren: Trump Is a 'Proven Failure'` (a headline), `TRUMP: ...` (a transcript line):
        a short name and a colon open the paragraph; the rest of it is what was said."""
        toks = self.toks
        n = len(toks)
        c = next((k for k in range(min(n, 7)) if toks[k].text == ":"), None)
        if c is None or c == 0 or n - c < 3:
            return None
        name = toks[:c]
        if not all(_is_cap(t) or t.text in ("’s", "'s", "-", ".") for t in name):
            return None
        if name[0].low in _NOT_SPEAKER_LABELS or name[-1].low in _NOT_SPEAKER_LABELS:
            return None
        if any(t.text[0].isdigit() for t in name):
            return None  # "12:30 p.m.", "Update 2:"
        end = n
        while end > c + 1 and toks[end - 1].text in (".", ",", ";"):
            end -= 1
        att = _Attribution(
            cue=(toks[c].start, toks[c].end),
            speaker=(name[0].start, name[-1].end),
            paragraph=self.pi,
            score=0.5,
        )
        if end - (c + 1) == 1 and self._free_unit(c + 1):
            self._take(att, c + 1)
        else:
            self._clause(att, c + 1, end)
        return att

    def _colon_quote(self, i0: int, i1: int, taken: int) -> _Attribution | None:
        """`Donald Trump: "..."`, `he returned to his familiar lines: "..."` (no cue verb)."""
        toks = self.toks
        for u in range(max(i0 + 1, taken), i1):
            if not (self._free_unit(u) and toks[u - 1].text == ":"):
                continue
            if u - 1 == i0:
                return None
            j = u - 2
            if toks[j].text == ")":
                while j > i0 and toks[j].text != "(":
                    j -= 1
                j -= 1
            speaker = None
            if j >= i0 and _is_cap(toks[j]) and toks[j].unit < 0:
                start = _np_back(toks, j, i0)
                if (start is not None and _is_cap(toks[start])) or (
                    start is not None and toks[start].low in _DETERMINERS
                ):
                    speaker = (start, j + 1)
            if speaker is None:
                speaker = _subject(toks, i0, u - 1)
            if speaker is None or toks[speaker[0]].low in ("it", "there", "this", "that"):
                return None
            att = _Attribution(
                cue=(toks[u - 1].start, toks[u - 1].end),
                speaker=(toks[speaker[0]].start, toks[speaker[1] - 1].end),
                paragraph=self.pi,
                score=0.55,
            )
            self._take(att, u)
            return att
        return None

    def _object_content(
        self,
        att: _Attribution,
        cue: _Cue,
        a: int,
        i1: int,
        cue_positions: list[int],
        subordinate: bool = False,
    ) -> int | None:
        """`called the plan "a disgrace"`, `accused Kwon of lying`: the object is the content."""
        toks = self.toks
        preps = _OBJECT_VERBS.get(cue.lemma, ())
        particle = cue.lemma == "call" and a < i1 and toks[a].low in ("for", "on")
        if particle:
            a += 1  # "calls for a ''Medicare for all'' system": the particle belongs to the cue
            att.cue = (att.cue[0], toks[a - 1].end) if att.cue else None
        later = [c for c in cue_positions if c > a]
        end = _content_end(toks, a, i1, later)
        if subordinate:  # an opening participle: its clause ends at the first comma
            for k in range(a, end):
                if toks[k].text == ",":
                    end = k
                    break
                if toks[k].unit >= 0 and self.units[toks[k].unit].last == ",":
                    end = k + 1
                    break
        if end <= a:
            return None
        has_unit = any(toks[k].unit >= 0 for k in range(a, end))
        has_prep = particle or any(toks[k].low in preps for k in range(a, min(end, a + 8)))
        plain = (
            cue.lemma in _STANCE
            and att.speaker is not None
            and (_is_word(toks[a]) and (toks[a].low not in _NP_STOP or toks[a].low == "to"))
        )
        if has_unit and cue.lemma in _NAMING and not particle:
            # 'called him a "moderate," a subtle dig': the name given ends the content when a
            # comma, "and" or an adverb follows it.
            for k in range(a + 1, end):
                if toks[k].unit >= 0 and (
                    self.units[toks[k].unit].last == ","
                    or (k + 1 < end and toks[k + 1].low in ("and", "instead", "but", "as"))
                ):
                    if any(toks[m].unit >= 0 for m in range(k + 2, min(end, k + 4))):
                        continue  # 'called him a "train wreck" and "outsourcer in chief"'
                    end = k + 1
                    break
        if not (has_unit or has_prep or plain):
            return None
        self._clause(att, a, end)
        att.score = 0.6 if has_unit else (0.45 if has_prep else 0.35)
        return end

    def _orphans(self, by_sentence: list[list[_Attribution]]) -> None:
        for si, here in enumerate(by_sentence):
            for att in here:
                if att.units != [-1]:
                    continue
                att.units = []
                if si > 0:
                    p0, p1 = self.sents[si - 1]
                    if p1 > p0 and self._free_unit(p1 - 1):
                        self._take(att, p1 - 1)

    def _interrupted(self, by_sentence: list[list[_Attribution]]) -> None:
        """A sentence after a quotation's attribution continues it when it is mostly quotation.

        `"...," he said. "..."` (only quotation) and `"...," said X. Unless ..., "..."` (a clause
        around a quotation that closes the sentence) are the rest of what X said.
        """
        toks = self.toks
        for si, (i0, i1) in enumerate(self.sents):
            if by_sentence[si] or si == 0:
                continue
            only_units = _sentence_of_units(toks, i0, i1)
            if not only_units and not self._mostly_quotation(i0, i1):
                continue
            prev = None
            for sj in range(si - 1, -1, -1):
                if by_sentence[sj]:
                    direct = [a for a in by_sentence[sj] if a.direct]
                    with_units = [a for a in by_sentence[sj] if a.units]
                    prev = (direct or with_units or [None])[-1]
                    break
                if not _sentence_of_units(toks, *self.sents[sj]):
                    break
            if prev is None and only_units and by_sentence[si - 1]:
                prev = by_sentence[si - 1][-1]  # 'X is strong, he said. "Very strong."'
            if prev is None or (not only_units and not prev.direct):
                continue
            if only_units:
                for k in range(i0, i1):
                    if self._free_unit(k):
                        self._take(prev, k)
            else:
                end = i1
                while end > i0 and toks[end - 1].text in (".", "!", "?"):
                    end -= 1
                self._clause(prev, i0, end)
            by_sentence[si] = [prev]

    def _mostly_quotation(self, i0: int, i1: int) -> bool:
        """A sentence opening or ending with a free quotation that holds most of its text."""
        toks = self.toks
        k = i1 - 1
        while k > i0 and toks[k].text in (".", "!", "?"):
            k -= 1
        if not self._free_unit(k) and not self._free_unit(i0):
            return False
        quoted = sum(t.end - t.start for t in toks[i0:i1] if t.unit >= 0)
        total = toks[i1 - 1].end - toks[i0].start
        return quoted >= 0.5 * total and not any(
            t.low in _CUE_VERBS and not _is_cap(t) for t in toks[i0:i1] if t.unit < 0
        )


def _continue_paragraphs(
    para_tokens: list[list[_Tok]],
    units: list[_Unit],
    used: set[int],
    attrs: list[_Attribution],
) -> None:
    """A fully quoted paragraph without a cue continues the last attribution before it.

    "Last" prefers an attribution with a quotation, then one with a speech cue, over the weak
    attitude readings (`referring to ...`) that often close a paragraph.
    """
    last_in_para: dict[int, _Attribution] = {}
    rank: dict[int, int] = {}
    for att in attrs:
        r = 2 if att.units else (1 if att.score >= 0.5 else 0)
        if r >= rank.get(att.paragraph, -1):
            last_in_para[att.paragraph] = att
            rank[att.paragraph] = r
    carry: _Attribution | None = None
    for pi, toks in enumerate(para_tokens):
        in_para = {t.unit for t in toks if t.unit >= 0}
        only_units = bool(in_para) and all(t.unit >= 0 or not _is_word(t) for t in toks)
        fresh = sorted(u for u in in_para if u not in used)
        if only_units and fresh and len(fresh) == len(in_para) and pi not in last_in_para:
            prev = carry or last_in_para.get(pi - 1)
            if prev is not None:
                for u in fresh:
                    used.add(u)
                    prev.units.append(u)
                    prev.contents.append((units[u].start, units[u].end))
                prev.colon = False
                carry = prev
                continue
        if only_units and not fresh and carry is not None:
            continue  # the later paragraphs of a multi-paragraph quotation
        carry = None


def _unattributed(
    text: str,
    para_tokens: list[list[_Tok]],
    units: list[_Unit],
    used: set[int],
    attrs: list[_Attribution],
) -> list[_Attribution]:
    """Quotations no cue claimed, kept when they read as speech (a clause, not a title).

    Their speaker is a guess: the subject of their sentence, or the speaker of the latest
    attribution in the two paragraphs before; they get no cue and a low score.
    """
    out: list[_Attribution] = []
    by_para: dict[int, _Attribution] = {}
    for att in attrs:
        if att.speaker is not None:
            by_para[att.paragraph] = att
    for pi, toks in enumerate(para_tokens):
        for k, t in enumerate(toks):
            u = t.unit
            if u < 0 or u in used or (k > 0 and toks[k - 1].unit == u):
                continue
            unit = units[u]
            words = len(text[unit.start : unit.end].split())
            if words < _MIN_FREE_WORDS or not unit.closed:
                continue
            before = toks[k - 1] if k > 0 else None
            if (
                before is not None
                and words < 12
                and (
                    before.low in _ADVERBIAL_PREPS
                    or before.low in _DETERMINERS
                    or before.low in ("of", "for", "by", "as", "like")
                    or before.low.endswith(("’s", "'s"))
                )
            ):
                continue  # a title: 'on "Meet the Press."', 'co-editor of "Chick Lit."'
            speaker = None
            if k > 0 and any(_is_word(x) for x in toks[:k]):
                start = k
                while start > 0 and toks[start - 1].text not in (".", "!", "?", ";"):
                    start -= 1
                subj = _subject(toks, start, k)
                if subj is not None:
                    speaker = (toks[subj[0]].start, toks[subj[1] - 1].end)
            if speaker is None:
                prev = by_para.get(pi) or by_para.get(pi - 1) or by_para.get(pi - 2)
                if prev is not None and prev.speaker is not None and prev.speaker[0] < unit.start:
                    speaker = prev.speaker
            used.add(u)
            out.append(
                _Attribution(
                    cue=None,
                    speaker=speaker,
                    paragraph=pi,
                    contents=[(unit.start, unit.end)],
                    units=[u],
                    score=0.3,
                    direct=True,
                )
            )
    return out


_MIN_FREE_WORDS = 12


# --- Step 5: speaker names --------------------------------------------------------------------


def _strip_titles(words: list[str]) -> list[str]:
    """The name in a mention: "Finance Minister Irena Solvang" -> ["Irena", "Solvang"]."""
    out = list(words)
    last_title = max(
        (i for i, w in enumerate(out[:-1]) if w.lower().rstrip(".") in _TITLES), default=-1
    )
    if last_title >= 0:
        out = out[last_title + 1 :]
    while len(out) > 1 and (
        out[0].lower().rstrip(".") in _TITLES
        or out[0].lower() in _DETERMINERS
        or not out[0][:1].isupper()
    ):
        out.pop(0)
    return [w[:-2] if w.endswith(("’s", "'s")) else w for w in out]


# How far back (code points) a quoted person stays the referent of "he"/"she".
_PRONOUN_REACH = 1500


def _person_like(name: str) -> bool:
    """Two to four capitalized words, none of them an organisation or place word."""
    words = name.split()
    return 2 <= len(words) <= 4 and not _is_org(name) and all(w[:1].isupper() for w in words)


def _is_org(name: str) -> bool:
    return any(w.lower().strip(".,") in _ORG_WORDS for w in name.split())


def _resolve_names(text: str, masked: str, attrs: list[_Attribution]) -> list[str | None]:
    """Canonical speaker name of each attribution (None for pronouns left unresolved and
    common noun phrases such as "the official")."""
    names: list[str | None] = [None] * len(attrs)
    order = sorted(
        (i for i in range(len(attrs)) if attrs[i].speaker is not None),
        key=lambda i: attrs[i].speaker or (0, 0),
    )
    if not order:
        return names
    # Multi-word capitalized names, and for each word the names that contain it.
    mentions: list[tuple[int, str]] = []
    by_word: dict[str, list[tuple[int, str]]] = {}
    for m in _NAME.finditer(masked):
        words = _strip_titles(m.group().split())
        if len(words) >= 2 and words[0][:1].isupper():
            mention = (m.start(), " ".join(words))
            mentions.append(mention)
            for w in set(words):
                by_word.setdefault(w, []).append(mention)
    persons = [(p, n) for p, n in mentions if _person_like(n)]
    person_starts = [p for p, _ in persons]
    people: list[tuple[int, str]] = []  # (position, name) of persons named as speakers so far
    for idx in order:
        s, e = attrs[idx].speaker or (0, 0)
        words = text[s:e].split()
        if not words:
            continue
        low = text[s:e].lower()
        if low in _PERSONAL:
            # The last person quoted shortly before, else the last person named before.
            recent = [n for p, n in people if s - _PRONOUN_REACH < p < s]
            before = bisect_left(person_starts, s)
            named = persons[before - 1][1] if before else None
            names[idx] = recent[-1] if recent else named
            continue
        if low in _PRONOUNS or not words[-1][:1].isupper():
            continue  # "they", "the official": no name to give
        core = _strip_titles(words)
        if not core or not core[-1][:1].isupper():
            continue
        best = " ".join(core)
        if len(core) <= 2:
            # A surname (or title and surname): the fullest mention containing it, earlier ones
            # first ("Kwon" -> "Kwon Jong-gun", "Mr. Brek" -> "Jonas Brek").
            found = by_word.get(core[-1], [])
            pool = [n for p, n in found if p <= s] or [n for _, n in found]
            longer = [n for n in pool if len(n.split()) > len(core)]
            if longer:
                best = max(longer, key=lambda n: len(n.split()))
        if best.lower().startswith("the "):
            best = best[4:]
        names[idx] = best
        if not _is_org(best):
            people.append((s, best))
    return names


# --- Public API -------------------------------------------------------------------------------


# Words without which a paragraph holds no attribution (see `extract_quotes`).
_CANDIDATE_WORDS = frozenset(
    set(_CUE_VERBS)
    | {verb for verb, _ in _PHRASAL}
    | {"according", "state", "states", "expected"}
    | set(_SEEM_FORMS)
    | set(_POLL_NOUNS)
)
_ALPHA = re.compile(r"[a-z]+")


def _is_candidate(masked: str, ps: int, pe: int) -> bool:
    segment = masked[ps:pe]
    if _MASK in segment or ":" in segment:
        return True
    return not _CANDIDATE_WORDS.isdisjoint(_ALPHA.findall(segment.lower()))


def _kind(att_units: list[int], units: list[_Unit], s: int, e: int) -> str:
    inside = [units[u] for u in att_units if u >= 0 and s <= units[u].start and units[u].end <= e]
    if len(inside) == 1 and inside[0].start == s and inside[0].end == e:
        return "direct"
    return "mixed" if inside else "indirect"


def extract_quotes(text: str) -> list[Quote]:
    """Find the quotations of an article with their speaker, cue and canonical speaker name.

    Args:
        text: the article body, paragraphs separated by newlines.

    Returns:
        Quotes in text order (by start, then end); contents never overlap and every span lies
        inside `text`. Malformed input (unbalanced marks, a page cut mid-quote) yields fewer
        quotes, never an exception.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    paras = _paragraphs(text)
    units = _find_units(text, paras)
    masked = _masked(text, units)
    unit_starts = [u.start for u in units]
    used: set[int] = set()
    attrs: list[_Attribution] = []
    para_tokens: list[list[_Tok]] = []
    for pi, (ps, pe) in enumerate(paras):
        # Most of the cost is tokenizing; a paragraph with no cue word, colon or quotation
        # cannot hold an attribution, so it is not tokenized at all.
        if not _is_candidate(masked, ps, pe):
            para_tokens.append([])
            continue
        toks = _tokens(masked, ps, pe, unit_starts)
        para_tokens.append(toks)
        if toks:
            attrs.extend(_Paragraph(text, toks, units, used, pi).run())
    _continue_paragraphs(para_tokens, units, used, attrs)
    attrs.extend(_unattributed(text, para_tokens, units, used, attrs))

    names = _resolve_names(text, masked, attrs)
    quotes: list[Quote] = []
    n = len(text)
    for att, name in zip(attrs, names, strict=True):
        speaker = Span(*att.speaker) if att.speaker else None
        cue = Span(*att.cue) if att.cue else None
        for s, e in att.contents:
            s, e = max(0, min(s, n)), max(0, min(e, n))
            if e - s < 2:
                continue
            kind = _kind(att.units, units, s, e)
            score = att.score
            if any(u >= 0 and not units[u].closed and s <= units[u].start < e for u in att.units):
                score *= 0.8
            quotes.append(Quote(s, e, kind, speaker, cue, name, round(min(score, 1.0), 3)))
    quotes.sort(key=lambda q: (q.start, -q.end))
    kept: list[Quote] = []
    for q in quotes:
        if kept and q.start < kept[-1].end:
            if q.score > kept[-1].score:
                kept[-1] = q
            continue
        kept.append(q)
    return kept
