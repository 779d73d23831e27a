"""Work tables of a distributed normalize run (DIR/state/runs/RUN/), read back by its stages:
the planned inputs, what each task staged, and the duplicate decisions. Never published.

Schemas only; it must never import a module of the project outside this package.
"""

from __future__ import annotations

import pyarrow as pa

from newscorpus.schema.corpus import ARTICLES, MANIFEST, REJECTS
from newscorpus.schema.fields import INPUT, PATH, SOURCE_FILE, field

RUN_INPUTS = pa.schema(
    [
        PATH,
        INPUT,
        SOURCE_FILE,
        field("size_bytes", pa.int64(), "Size of the raw input when the run was planned.", False),
        field("mtime_ns", pa.int64(), "Modification time when the run was planned.", False),
        field(
            "rank",
            pa.int32(),
            "Normalize task that reads the input; inputs keep their order.",
            False,
        ),
        field(
            "old",
            pa.struct(list(MANIFEST)),
            "The input's manifest entry from an earlier run (its bytes may have changed), or null.",
        ),
        field(
            "retry",
            pa.bool_(),
            "Read again whatever its bytes: its reject called for it (a limit raised, --retry).",
        ),
        field(
            "known_sha256",
            pa.string(),
            "Hash the manifest knows for a touched input: equal bytes are not extracted again.",
        ),
    ]
)

STAGED_FILES = pa.schema(
    [
        field("file_index", pa.int32(), "Position of the input among its task's inputs.", False),
        field("raw_sha256", pa.string(), "SHA-256 of the raw input bytes; null if never read."),
    ]
)

STAGED_ARTICLES = pa.schema(
    [
        *ARTICLES,
        field(
            "file_index",
            pa.int32(),
            "Position of the article's input among its task's inputs.",
            False,
        ),
        field(
            "signature",
            pa.list_(pa.uint32()),
            "MinHash signature of `text` (newscorpus.normalize.dedup).",
            False,
        ),
    ]
)

STAGED_REJECTS = pa.schema(
    [
        *REJECTS,
        field(
            "file_index",
            pa.int32(),
            "Position of the reject's input among its task's inputs.",
            False,
        ),
    ]
)

DUPLICATE_DECISIONS = pa.schema(
    [
        field(
            "doc",
            pa.int32(),
            "Position of the article among its task's staged articles.",
            False,
        ),
        field("exact_of", pa.string(), "Id of the article with the same text, or null."),
        field(
            "representative",
            pa.string(),
            "Id of the near-duplicate cluster's representative, or null.",
        ),
    ]
)
