"""Quote attribution rules: quote, speaker and cue suggestions from an article's text. Pure."""

from newscorpus.preannotate.quotes.rules import QUOTES_MODEL_VERSION, Quote, extract_quotes

__all__ = ["QUOTES_MODEL_VERSION", "Quote", "extract_quotes"]
