"""Every table's pyarrow schema, declared once, with a description on each field.

Writers take these schemas explicitly: inferring a schema from the first rows breaks as soon as
a field is missing or null there. Callers name a table as `schema.ARTICLES`; each is declared in
the module of its layer: corpus.py (what normalize writes), predictions.py (preannotate),
annotated.py (human labels), gold.py (gold, ties, review decisions), runs.py (work tables of a
distributed normalize run), from the shared fields of fields.py. This package holds schemas and
nothing else; it must never import another module of the project.
"""

from newscorpus.schema.annotated import (
    ANNOTATED_QUOTES,
    ANNOTATED_STANCE,
    ANNOTATION_ISSUES,
    ANNOTATION_PASSES,
    IMPORTED_TARGETS,
)
from newscorpus.schema.corpus import ARTICLES, MANIFEST, MINHASH, REJECTS
from newscorpus.schema.fields import SPAN
from newscorpus.schema.gold import (
    ADJUDICATION,
    ADJUDICATION_PROVENANCE,
    GOLD_ARTICLES,
    GOLD_QUOTES,
    GOLD_STANCE,
    REVIEW_DECISIONS,
)
from newscorpus.schema.predictions import QUOTE_PREDICTIONS, STANCE_PREDICTIONS, TARGET_PREDICTIONS
from newscorpus.schema.runs import (
    DUPLICATE_DECISIONS,
    RUN_INPUTS,
    STAGED_ARTICLES,
    STAGED_FILES,
    STAGED_REJECTS,
)

__all__ = [
    "ADJUDICATION",
    "ADJUDICATION_PROVENANCE",
    "ANNOTATED_QUOTES",
    "ANNOTATED_STANCE",
    "ANNOTATION_ISSUES",
    "ANNOTATION_PASSES",
    "ARTICLES",
    "DUPLICATE_DECISIONS",
    "GOLD_ARTICLES",
    "GOLD_QUOTES",
    "GOLD_STANCE",
    "IMPORTED_TARGETS",
    "MANIFEST",
    "MINHASH",
    "QUOTE_PREDICTIONS",
    "REJECTS",
    "REVIEW_DECISIONS",
    "RUN_INPUTS",
    "SPAN",
    "STAGED_ARTICLES",
    "STAGED_FILES",
    "STAGED_REJECTS",
    "STANCE_PREDICTIONS",
    "TARGET_PREDICTIONS",
]
