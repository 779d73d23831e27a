"""Pre-annotation: machine suggestions (quotes, target matches) for annotators to correct.

Pure cores (quotes, targets) read no files; `stage` reads the corpus and writes predictions.
"""
