"""Publishing: corpus and annotation tables -> a versioned Hugging Face dataset folder.

configs (one PublishConfig entry per published config: the registry every other module iterates),
features (`datasets` types and field docs the entries are built from), rows (an article's rows,
pure), withhold (which texts are withheld, how hydrate restores them), figures (what the card
counts), inputs (the tables read), refusals (what a publish refuses before writing), stories
(wire updates and rewrites grouped), splits (stable, leak-free splits), checks (pre-write checks),
writer (typed Parquet shards), card, card_sections, provenance, examples and settings (README.md:
where data and labels came from, example rows, the project's own authors and citation), croissant
(croissant.json), changelog (versions), build (orchestration), hydrate (withheld texts back from
the user's copies), hub (the only module talking to the Hub). Publishing reads tables, never the
Label Studio server.
"""
