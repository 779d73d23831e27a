"""Annotation: validating and flattening labels (validate.py), agreement (agreement.py), gold
(gold.py), annotator pseudonyms, BRAT (brat.py reads it), imports of BRAT and stance corpora
(imports/), and Label Studio (labelstudio/, the only part that talks to a server).

The layer keyed by article id and code-point offsets; never holds article text of its own.
"""
