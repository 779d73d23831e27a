"""newscorpus: scraped news pages in, an annotated, versioned NLP dataset out."""

__version__ = "0.1.0"
