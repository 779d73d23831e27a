"""Annotation: validating and flattening labels, agreement, gold, BRAT, and Label Studio.

The layer keyed by article id and code-point offsets; never holds article text of its own.
"""
