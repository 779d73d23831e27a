"""Normalization: raw articles to corpus rows (text, ids), the run over many files, its state,
exact and near-duplicate detection, and the distributed engines.
"""
