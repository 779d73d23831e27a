"""Scores and thresholds of the quote rules, each a named constant with the reason for its value.

A score ranks suggestions for annotators (0.75 and up: a speech cue next to its content; 0.5-0.7:
weaker cues and guessed speakers; below 0.5: attitude readings, negated cues, unclaimed
quotations); it is not a calibrated probability. Tuned on the PolNeAR train split only: changing
one changes the extractor's output and needs a new `QUOTES_MODEL_VERSION`. Data only.
"""

from __future__ import annotations

# --- Cue scores: the base of an attribution, by how surely its cue reports speech -------------

# An unambiguous speech verb ("said", "told"): the surest cue there is.
STRONG_CUE = 0.9
# Any other cue (belief, evidence, object, quote-only verbs, ambiguous forms).
WEAK_CUE = 0.75
# A new attribution before a strategy has scored it (the cue-less readings keep it).
DEFAULT = 0.5

# --- Adjustments to the base, by where the content was found ----------------------------------

# A quotation right after the cue with no comma or colon between ('said "..."').
ADJACENT_QUOTE_PENALTY = 0.05
# "X said:" closing the paragraph: the content is the next paragraph, not yet seen.
COLON_PENALTY = 0.1
# Quotations listed after a quote-only verb ('chanted "A" and "B"').
LISTED_QUOTES_PENALTY = 0.1
# A cue alone in its sentence after a quotation ('"...?" Trump asked.').
ALONE_PENALTY = 0.1
# A colon ending a longer sentence ('the committee said about its platform:').
LATE_COLON_PENALTY = 0.15

# --- Fixed scores of particular readings ------------------------------------------------------

# A quotation before a cue whose speaker was not found.
NO_SPEAKER = 0.6
# A clause after a strong speech cue ("Kwon said the U.S. ...").
CLAUSE_AFTER_STRONG = 0.75
# A clause after a weaker cue ("Kwon believes the U.S. ...").
CLAUSE_AFTER_WEAK = 0.55
# A clause holding a quotation is more surely a report than a bare clause.
QUOTED_CLAUSE_BONUS = 0.05
# A clause before the cue ("..., the minister said") after a strong cue or "according to".
CLAUSE_BEFORE_STRONG = 0.75
# A clause before an ambiguous speech form or a cue of evidence ("..., documents show").
CLAUSE_BEFORE_WEAK = 0.55
# "His criticism, according to an interview, was ...": content on both sides of the cue.
ACCORDING_BOTH_SIDES = 0.7
# '"...," according to CNN.': a quotation before "according to".
ACCORDING_QUOTE = 0.75
# An object verb's object holding a quotation (`called the plan "a disgrace"`).
OBJECT_QUOTED = 0.6
# An object verb with the preposition of its claim (`accused Kwon of lying`).
OBJECT_WITH_PREP = 0.45
# A stance verb's plain object (`endorsed Clinton`): PolNeAR counts it, rarely a quotation.
OBJECT_PLAIN = 0.35
# `Donald Trump: "..."`: a colon before a quotation, no cue verb.
COLON_QUOTE = 0.55
# `Warren: Trump Is a 'Proven Failure'`: a name and a colon opening a paragraph.
LABELLED_LINE = 0.5
# A that-clause with a quotation after a verb the lists do not know (`fumed that "..."`).
THAT_QUOTE = 0.4
# A noun cue with its possessor (`his support for Clinton`, `her claim that ...`).
NOUN_CUE = 0.4
# `seemed to ...`, `is expected to ...`, `was asked about ...`: attributions without a source.
EPISTEMIC = 0.2
# A quotation no cue claimed, with a guessed speaker and no cue.
UNATTRIBUTED = 0.3
# Ceiling of a cue word found by an extra cue finder, not by the lists (see `paragraph.CueFinder`).
EXTRA_CUE = 0.3
# Ceiling of a negated cue ("did not say"): PolNeAR annotates it; annotators see it last.
NEGATED = 0.3
# Factor on a quote whose closing mark is missing (a page cut mid-quote).
OPEN_QUOTE_FACTOR = 0.8

# --- Thresholds -------------------------------------------------------------------------------

# An attribution this sure may be continued by the next fully quoted paragraph.
CONTINUABLE = 0.5
# Fewest words of a quotation kept without any cue: shorter ones are mostly titles and phrases.
MIN_FREE_WORDS = 12
# Below this many words, a quotation after a preposition or determiner is a title.
TITLE_MAX_WORDS = 12
# How far back (code points) a quoted person stays the referent of "he"/"she".
PRONOUN_REACH = 1500
# Share of capitalized words that makes a sentence a title-case headline.
TITLE_CASE_SHARE = 0.8
# Share of a sentence's characters inside a quotation that makes it "mostly quotation".
MOSTLY_QUOTED_SHARE = 0.5
