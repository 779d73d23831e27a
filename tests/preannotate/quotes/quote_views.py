"""Readable views of extract_quotes output, shared by the quote tests."""

from __future__ import annotations

from newscorpus.preannotate.quotes import Quote, extract_quotes
from newscorpus.preannotate.quotes.model import RULES_ONLY


def described(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(kind, content, speaker, cue, speaker_name) of each quote, for readable assertions."""
    return [
        (
            q.kind,
            text[q.start : q.end],
            q.speaker.text_of(text) if q.speaker else None,
            q.cue.text_of(text) if q.cue else None,
            q.speaker_name,
        )
        for q in extract_quotes(text)
    ]


def only_quote(text: str) -> Quote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, described(text)
    return quotes[0]


def content_of(text: str, q: Quote) -> str:
    return text[q.start : q.end]


def rules_only_quote(text: str) -> Quote:
    """The one quote the rules alone find (for tests of a rule, whatever the model keeps)."""
    quotes = extract_quotes(text, model=RULES_ONLY)
    assert len(quotes) == 1, quotes
    return quotes[0]
