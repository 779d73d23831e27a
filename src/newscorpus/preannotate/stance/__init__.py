"""Stance pre-annotation: a CPU model of an article body's stance toward a claim.

`features` (pure hand features) and `vectors` (the fitted TF-IDF/SVD/BM25 space) feed `model`
(two gradient-boosted stages; train, predict, save, load); `fnc1` and `labeled` read training
data, `metrics` scores predictions, `cv` cross-validates grouped by body, `run` ties them to files.
"""
