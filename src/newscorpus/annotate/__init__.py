"""Annotation: validating and flattening labels (validate.py), agreement (agreement.py), gold
(gold.py), annotator pseudonyms, BRAT (brat.py reads it, brat_tasks.py turns it into tasks), and
Label Studio (labelstudio/, the only part that talks to a server).

The layer keyed by article id and code-point offsets; never holds article text of its own.
"""
