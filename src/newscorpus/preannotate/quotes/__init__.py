"""Quotation attribution by rules and a small packaged model: article text in, quotes with
content, speaker and cue out.

The pre-annotator's suggestions, so that annotators correct machine output instead of starting from
a blank page. The rules propose every candidate; a linear model shipped in the package
(`model`, resources/quotes_model.json, read once, nothing downloaded) only chooses among the
rules' own candidates: where a reported clause ends and starts (`bounds`) and which candidates to
keep (`keep`). Pure: no I/O beyond reading that packaged file, no state but its cached copy; it
must never raise on any input text and never return a span outside the text (a malformed page
gives fewer quotes, not an error). Tuned and trained on the PolNeAR train split only
(benchmarks/quotes.py, benchmarks/quotes_model.py); any change of output must come with a new
`QUOTES_MODEL_VERSION` and a retrained model.

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
   (`..., the minister said`). Cues are speech verbs (`lexicon.SPEECH_VERBS`), verbs of belief
   and evidence, verbs whose object is the claim (`called the plan "a disgrace"`), verbs that
   report only next to a quotation (`"...," he continued`), `according to`, `was quoted as
   saying`, a colon after a name (`Warren: Trump is ...`), and PolNeAR's attitude readings
   (`endorsed Clinton`, `seemed to ...`), which get the lowest scores, and nouns with a
   possessor (`his support for`, `her claim that`: `nouns`). Past-tense verbs outside
   the lists count only right beside a quotation (`"Quiet," he barked`) or before a that-clause
   holding one (`fumed that the port "never listens"`, as do claim nouns: `her assertion that
   "..."`). A speech cue closing its sentence (`..., people familiar with the talks said`) is
   read first, so that the weaker cues inside the clause it reports do not take that clause.
4. Quotations with no cue of their own are tied to their neighbours: the rest of an interrupted
   quote (`"...," he said. "..."`) and a fully quoted paragraph after an attributed one continue
   that attribution and share its speaker and cue; a long quotation nobody claims is kept with a
   guessed speaker, no cue and a low score.
5. The model moves the bounds of one-piece clause contents to its choice among the rules'
   candidates, and drops the candidates its keep head rates below its threshold.
6. Speakers get a canonical name: a surname, or title and surname, resolves to the fullest
   mention of that name in the article; `he`/`she` to the last person quoted shortly before, else
   the last person named before, skipping persons whose title or first name shows the other
   gender.

Scores rank suggestions: 0.75 and up for speech cues next to their content, 0.5-0.7 for weaker
cues and guessed speakers, below 0.5 for attitude readings, negated cues ("did not say") and
unclaimed quotations. Offsets are Python code points into the text given (the article's `text`).

The package, one concern per module, in reading order: `units` (quotation marks), `tokens`
(tokens and sentences), `cues` (finding cues), `reading` (a cue's speaker), `speakers` and
`clauses` (noun phrases and clause bounds), `site` and `strategies` (a cue's content, one
function per construction, tried in order), `cueless` (attributions without a cue verb),
`nouns` (noun cues), `paragraph` and `article` (attribution within and across paragraphs),
`model`, `bounds` and `keep` (the learned choices), `names`, and `extract` (the public
`extract_quotes`). Every word list lives in `lexicon`, every score in `scores`.
"""

from newscorpus.preannotate.quotes.extract import QUOTES_MODEL_VERSION, Quote, extract_quotes

__all__ = ["QUOTES_MODEL_VERSION", "Quote", "extract_quotes"]
