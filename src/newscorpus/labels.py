"""The project's label vocabularies, written once: every stage, table and config takes them here.

Published ClassLabels keep the order of these tuples (their integer values), so an entry is only
ever appended, never reordered or removed. Pure; imports nothing of ours.
"""

from __future__ import annotations

# How a quotation is reported.
QUOTE_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")
# Stance of an article (or a quote) toward a target.
STANCE_LABELS: tuple[str, ...] = ("favor", "against", "neutral", "none")
# Who made a label: a person (annotator or adjudicator) or a program (a rule or a model).
LABEL_SOURCES: tuple[str, ...] = ("human", "machine")
HUMAN, MACHINE = LABEL_SOURCES

# What annotators tied on (gold/adjudication.parquet `item`): left out of gold until adjudicated.
# A quote or an article stance tied gets no gold row; an attribute of a quote most annotators
# marked (its kind, its stance, its speaker or its cue) tied is left null on the gold quote.
TIE_ITEMS: tuple[str, ...] = ("quote", "stance", "quote_kind", "quote_stance", "speaker", "cue")
TIE_QUOTE, TIE_STANCE, TIE_KIND, TIE_QUOTE_STANCE, TIE_SPEAKER, TIE_CUE = TIE_ITEMS

# Span labels of the labeling interface, and their names as token tags in `quotes_bio`.
QUOTE, SPEAKER, CUE = "Quote", "Speaker", "Cue"
SPAN_LABELS: tuple[str, ...] = (QUOTE, SPEAKER, CUE)
BIO_LABELS: tuple[str, ...] = tuple(label.upper() for label in SPAN_LABELS)
BIO_TAGS: tuple[str, ...] = ("O", *(f"{p}-{label}" for label in BIO_LABELS for p in ("B", "I")))

# Names in the Label Studio label config (annotations/label_config.xml) that code reads back:
# the Text object, the span Labels control, per-region Choices and TextArea, task-level Choices.
LS_TEXT = "text"
LS_SPAN = "span"
LS_KIND = "kind"
LS_QUOTE_STANCE = "quote_stance"
LS_QUOTE_TARGET = "quote_target"
LS_SPEAKER_NAME = "speaker_name"
LS_ARTICLE_STANCE = "article_stance"
# The article's stance toward each target of a task: one Choices per target, repeated over the
# task's `targets` and named with the target's position (article_stance_0, article_stance_1...).
LS_ARTICLE_STANCE_REPEATED = LS_ARTICLE_STANCE + "_{{idx}}"
