"""Cleaning text dumps of whole pages (menus, share buttons, captions) to the article. Pure.

The public API; the rules live in the modules by concern: `patterns`, `meta_patterns` and
`settings` (rules as data), `lines` (unwrapping), `classify` (a line alone), `context` (a line by
its neighbours), `captions`, `body`, `title`, `byline`, `agency`, `publisher`, and `page` (the
whole, `clean_page`). Nothing here reads or writes files.
"""

from newscorpus.ingest.pagedump.agency import find_agency
from newscorpus.ingest.pagedump.captions import has_photo_credit
from newscorpus.ingest.pagedump.classify import is_chrome
from newscorpus.ingest.pagedump.lines import word_count
from newscorpus.ingest.pagedump.page import CleanedPage, clean_page

# Version of the cleaner's rules (`patterns`, `meta_patterns`, `settings` and the modules that read
# them), bumped when a change can alter what `clean_page` returns, so that old outputs stay
# explainable (docs/extraction-dev-log.md). v1: as tuned on all of extraction-dev; v2: comment-
# moderation notices are site prompts, lines mostly in Chinese or Japanese are judged with words
# of two characters (same output on extraction-dev's 90 dumps); v3: a standfirst above the byline
# is not body, short sentences after the body close it, "contributed reporting" lines are credits,
# Chinese and Japanese wraps join without a space, a list a paragraph announces with a colon is
# the story's, a card shown on hover inside a paragraph is left out; v4: short list items inside
# the body are the story's unless a section heading opens or closes their list or a line of
# chrome (a box's label) opens it; v5: U+2028, U+0085 and U+2029 break lines as "\n" does (a
# dump written with them was one line, no article; same output on extraction-dev's 90 dumps).
RULES_VERSION = "pagedump-rules-v5"

__all__ = [
    "RULES_VERSION",
    "CleanedPage",
    "clean_page",
    "find_agency",
    "has_photo_credit",
    "is_chrome",
    "word_count",
]
