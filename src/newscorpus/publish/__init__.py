"""Publishing: corpus and annotation tables -> a versioned Hugging Face dataset folder.

splits (stable, leak-free splits), features (`datasets` types), rows (config rows, pure), checks
(pre-write checks), writer (typed Parquet shards), card (README.md), croissant (croissant.json),
changelog (versions), build (orchestration), hub (the only module talking to the Hub). Publishing
reads tables, never the Label Studio server.
"""
