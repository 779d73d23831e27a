"""Imports: annotated corpora made elsewhere -> corpus articles and annotation rows of their own
origin (`newscorpus import brat|fnc1|stance`).

anchor (a text's canonical form and the offset map into it), kinds (quote kind from quotation
marks), metadata (per-article metadata files), brat (one BRAT article, pure) and brat_import (the
folder and the command), stance_labels (imported stance labels: rows, targets, gold, report)
with its two sources fnc1 and stance, targets (the imported targets tables and the one reader of
every target text), token_agreement (PolNeAR's token-wise alpha), presets (citations, published
figures and origin descriptions of the corpora known by name), corpus (imported articles as
corpus parts, written by normalize's writer) and store (annotation tables shared with other
origins). Only the cli prints.
"""
