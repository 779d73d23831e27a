"""Quote attribution rules: quote, speaker and cue suggestions from an article's text. Pure."""

from newscorpus.preannotate.quotes.rules import KINDS, QUOTES_MODEL_VERSION, Quote, extract_quotes

__all__ = ["KINDS", "QUOTES_MODEL_VERSION", "Quote", "extract_quotes"]
