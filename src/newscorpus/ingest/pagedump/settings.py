"""Every threshold, weight and reach of the page-dump cleaner, in one place, each with its reason.

Tuned on extraction-dev as a whole (results sit on a plateau around these values), never per page
or per site. Numbers only, and the names of the rule families: no patterns (`patterns`,
`meta_patterns`), no functions, no I/O.
"""

from __future__ import annotations

# --- rule families -------------------------------------------------------------------------------

# The cleaner's rules by family, each of which an ablation can switch off (`clean_page(text,
# off={...})`, `benchmarks/extraction.py --ablation`) to measure what it is worth per fold.
RULE_FAMILIES = {
    "unwrap": "hard wraps undone: a line cut at the browser's edge joins the next",
    "cards": "cards shown on hover inside a paragraph (a picture, other headlines, MORE)",
    "chrome": "whole-line chrome: menus, labels, notices, credit labels (CHROME, CREDIT_ONLY)",
    "widgets": "share, print and text-size widgets",
    "prompts": "cookie notices and prompts about the site (newsletters, subscriptions)",
    "credit_lines": "reporting, editing and 'contributed' credits, 'originally published' notes",
    "teasers": "teaser excerpts cut short by an ellipsis",
    "stamps": "file names, relative time stamps, a date alone",
    "bullets": "short list items are menus; a list item must be a sentence",
    "density": "prose needs stop words (spaced scripts)",
    "sections": "section headings (related, most read, tags) and the comments that end a story",
    "captions": "captions by label, credit, repeat or credit line below; photo credits alone",
    "template": "lines the page repeats elsewhere are template",
    "teaser_lists": "prose-looking items in a list of mostly non-prose items are teasers",
    "announced_lists": "the items of a list a paragraph announces with a colon are the story's",
    "isolated": "a lone one-sentence line between non-prose lines counts for less",
    "boxes": "a few non-prose lines between two paragraphs cost at most BOX_CAP",
    "body_bylines": "a byline or a lone word inside the body is not a paragraph",
    "body_lists": (
        "short list items inside the body are the story's, unless a section heading or a box "
        "label opens or closes their list"
    ),
    "dedupe": "a paragraph repeated in the body is kept once",
    "standfirst": "a paragraph above the byline or date that opens the body is the standfirst",
    "last_sentences": "short sentences right after the body end it",
}
# No family switched off: what the cleaner runs with.
ALL_ON: frozenset[str] = frozenset()

# --- unwrapping ----------------------------------------------------------------------------------

# w3m wraps at this many display columns: a line whose next word would have reached the edge was
# wrapped by the browser, not by the author (measured on w3m -cols 100 dumps: next-word end >= 100).
WRAP_COLS = 100
# A bullet's text goes on this many columns right of the bullet; wrapped lines may be this far off.
BULLET_INDENT = 2
# A wrapped piece may sit this many columns off the indent of the line it continues.
WRAP_INDENT_SLACK = 2

# --- a line judged alone -------------------------------------------------------------------------

# Where sentence ends and teaser ellipses are looked for: the last characters of a line.
TAIL_CHARS = 40
# Where a photo credit is looked for: the last characters of a line.
CREDIT_TAIL_CHARS = 120
# A copyright notice after a caption's credit is looked for only in lines longer than this.
NOTICE_STRIP_MIN_CHARS = 60
# A bullet of fewer characters with nothing after it is a bare bullet: chrome.
BARE_BULLET_MAX_CHARS = 5
# Section headings ("Related stories", "12 Comments") are shorter than this.
HEADING_MAX_CHARS = 80
# A photo credit on a line of its own has at most this many words.
CREDIT_MAX_WORDS = 10
# A sign-off naming who contributed reporting has at most this many words.
CREDIT_LINE_MAX_WORDS = 40
# Whole-line chrome (`CHROME`) is shorter than this.
CHROME_MAX_CHARS = 200
# Share and print widgets: at most this many widget words, with this many strong ones, or one
# strong word in a line of at most `WIDGET_SHORT_WORDS`.
WIDGET_MAX_WORDS = 12
WIDGET_MIN_STRONG = 2
WIDGET_SHORT_WORDS = 4
# Site prompts ("Subscribe to our newsletter ...") have at least this many words and are shorter.
PROMPT_MIN_WORDS = 3
PROMPT_MAX_CHARS = 400
# A file name left as text has at most this many spaces around it.
FILE_NAME_MAX_SPACES = 2
# A relative time stamp ("2 hours ago") on a line of at most this many words is a stamp, not text.
STAMP_MAX_WORDS = 8
# A date alone: a line of at most this many words, fewer than this many characters besides its date.
DATE_LINE_MAX_WORDS = 12
DATE_LINE_MAX_OTHER_CHARS = 20
# Spaced scripts average fewer characters a word than this (over at least `SPACED_MIN_WORDS`);
# stop-word density only means something for them (CJK and other unspaced scripts fail this).
SPACED_MIN_WORDS = 4
SPACED_MAX_CHARS_PER_WORD = 12
# A line with at least this share of Chinese or Japanese characters is unspaced whatever its runs
# of word characters look like (punctuation cuts it into clause-long "words").
UNSPACED_MAX_SHARE = 0.3
# A long line (this many characters, or display columns once `WIDE_LINE_MIN_CHARS` long) is prose
# unless it has no sentence end and few stop words.
LONG_LINE_CHARS = 160
WIDE_LINE_MIN_CHARS = 80
LONG_LINE_MIN_DENSITY = 0.12
# A shorter line is prose with at least this many words, a sentence end and enough stop words.
PROSE_MIN_WORDS = 8
PROSE_MIN_DENSITY = 0.15
# A list item is prose when it ends a sentence with at least this share of stop words.
BULLET_MIN_DENSITY = 0.2
# Shorter list items are menu entries or teaser headlines.
MIN_BULLET_WORDS = 10

# --- a line judged by its neighbours -------------------------------------------------------------

# A caption (by credit, repeat or credit line below) has at least this many words.
CAPTION_MIN_WORDS = 6
# A gallery's caption set as a list item has at least this many words.
GALLERY_CAPTION_MIN_WORDS = 10
# Lines between two items of a list a paragraph announces (an image, a link, a price).
LIST_ITEM_GAP = 2
# A line printed twice in a row, and at most this often on the page, is a caption shown twice.
TWICE_MAX_REPEATS = 2
# A headline printed twice has at most this many words (a caption may be a headline after all).
HEADLINE_MAX_WORDS = 25
# A caption cut short before its "... more" button keeps at least this many characters of it.
EXPANDER_MIN_STEM = 30

# --- the body ------------------------------------------------------------------------------------

# The body is the run of lines with the highest total weight: a prose line gains its length in
# characters (less a discount, so that one-line blurbs count for little), everything else costs.
GOOD_DISCOUNT = 30
GOOD_MIN_GAIN = 10.0  # the least a prose line gains
ISOLATED_FACTOR = 0.6  # a lone one-sentence line between non-prose lines: a teaser blurb
SHORT_COST = 25  # a heading or a label
BAD_COST = 60  # chrome; long chrome (cookie notices) up to twice this
CAPTION_COST = 5.0  # captions sit inside articles, one per picture
IMAGE_COST = 10  # images sit inside articles all the time
SECTION_COST = 300  # "Related stories", "Most read", "Tags": what follows is rarely the story
END_AFTER = 400  # a comments heading after this much body ends the search
BOX_LINES = 8  # up to this many non-prose lines between two paragraphs are a box in the story,
BOX_CAP = 150  # and cost at most this much together
MIN_SHORT_WORDS = 2  # a lone word between paragraphs is a widget label, not a heading
# A byline inside the body ("By A and B" between headline and text) has at most this many words.
BODY_BYLINE_MAX_WORDS = 12

# The short lines right after the body (headings and sentences) looked at for its last sentences,
# and the words a sentence among them has at least.
TAIL_REACH = 6
TAIL_MIN_WORDS = 4

# --- around the body -----------------------------------------------------------------------------

# How far above the body to look for its title, byline and date (logical lines), and how far
# around it captions still belong to it.
TITLE_LOOKBACK = 80
TITLE_CANDIDATES = 25
BYLINE_LOOKBACK = 20
CAPTION_REACH = 40
# A byline, date stamp or dateline has at most this many words.
META_MAX_WORDS = 25

# --- the headline --------------------------------------------------------------------------------

# A headline has this many words (unspaced scripts: two characters a word) and at most this
# many characters.
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 250
# A line with a number or an arrow for more than one word in this many is a ticker, not a title.
TICKER_WORDS_PER_NOISE = 3
# Lines of at least this many words count as text between a candidate and the body or its byline.
TEXT_LINE_MIN_WORDS = 2
# A headline sits right above its byline or date: bonus when one follows after 0, 1 or 2 lines.
META_BONUS = (6.0, 5.0, 4.0)
META_REACH = 12  # lines below a candidate to look for its byline or date
# Length: a headline of at least `LONG_TITLE_WORDS` words gains, one of at most
# `SHORT_TITLE_WORDS` loses.
LONG_TITLE_WORDS = 5
LONG_TITLE_BONUS = 2
SHORT_TITLE_WORDS = 3
SHORT_TITLE_COST = 2
MAX_TITLE_SCORE = META_BONUS[0] + LONG_TITLE_BONUS  # the best a candidate can score before distance
META_TITLE_COST = 6  # the candidate is itself a byline or a stamp
NAME_TITLE_COST = 3  # capitalised words alone: a name, a label or a promo more often than a title
NAME_TITLE_MAX_WORDS = 5
BAR_TITLE_COST = 4  # all capitals or a "BREAKING" bar
STANDFIRST_COST = 5  # a sentence under a shorter headline-like line: the standfirst
STANDFIRST_LOOKUP = 3  # lines above a candidate to look for its headline
STANDFIRST_HEADLINE_MIN_WORDS = 5  # the headline above a standfirst has at least this many
# A name alone counts as a byline only right above a stamp, within this many lines below it, and
# with at most this many words (`LONE_NAMES_MAX_WORDS` with "and" in it).
NAME_ABOVE_STAMP_REACH = 3
LONE_NAME_MAX_WORDS = 5
LONE_NAMES_MAX_WORDS = 10
# An author's line ("Lena Okafor-Brandt, Staff Writer") has at most this many words; a role with
# no sentence end counts alone when it has at most `ROLE_ALONE_MAX_WORDS`.
AUTHOR_LINE_MAX_WORDS = 8
ROLE_ALONE_MAX_WORDS = 4
# Title case: at least this many capitalisable words, three in four of them capitalised.
TITLE_CASE_MIN_WORDS = 3

# --- the publisher -------------------------------------------------------------------------------

# Lines longer than this are text, not a copyright notice.
NOTICE_MAX_WORDS = 40
# A logo's alt text and a masthead line are this short.
LOGO_MAX_WORDS = 7
MASTHEAD_MAX_WORDS = 8
# A publisher's name has this many words; trade words are dropped while this many are left.
OUTLET_MIN_WORDS = 1
OUTLET_MAX_WORDS = 6
OUTLET_KEEP_WORDS = 2
