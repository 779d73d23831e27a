"""The corpus tables `newscorpus normalize` writes: articles, rejects, the manifest of the inputs
read and the MinHash signatures kept for later near-duplicate lookups.

Schemas only; it must never import a module of the project outside this package.
"""

from __future__ import annotations

import pyarrow as pa

from newscorpus.schema.fields import INPUT, PATH, SOURCE_FILE, SPAN, field

ARTICLES = pa.schema(
    [
        field("id", pa.string(), "Stable id derived from the normalized title and text.", False),
        field(
            "source_file", pa.string(), "Path of the raw input, relative to the INPUT it came from."
        ),
        field(
            "input_format", pa.string(), "Reader that produced the row: pages, html, warc, records."
        ),
        field("record_index", pa.int32(), "Position of the record inside a multi-record input."),
        field("url", pa.string(), "Canonical or target URL of the page, when known."),
        field("source", pa.string(), "Publisher or site name (e.g. 'Yonhap', 'example.com')."),
        field("title", pa.string(), "Headline of the article."),
        field("authors", pa.list_(pa.string()), "Bylined authors, in page order."),
        field("agency", pa.string(), "Wire agency credited for the story (e.g. 'Yonhap', 'AP')."),
        field(
            "published", pa.timestamp("us", tz="UTC"), "Publication time in UTC, null if unknown."
        ),
        field(
            "language",
            pa.string(),
            "ISO 639 code of the text's language: two letters where ISO 639-1 has one, else three;"
            " null when unknown.",
        ),
        field(
            "text",
            pa.string(),
            "Normalized article body: paragraphs separated by exactly one blank line.",
            False,
        ),
        field(
            "paragraphs",
            pa.list_(SPAN),
            "Start/end code-point offsets of each paragraph in `text`.",
        ),
        field(
            "captions", pa.list_(pa.string()), "Photo captions, once each, never part of `text`."
        ),
        field("license", pa.string(), "License of the source text, null unless known."),
        field(
            "citation",
            pa.string(),
            "How to cite the collection the text came from (e.g. an imported corpus's paper); "
            "null for pages the curator collected.",
        ),
        field(
            "raw_sha256",
            pa.string(),
            "SHA-256 of the raw input bytes the article came from.",
            False,
        ),
        field("content_sha256", pa.string(), "SHA-256 of the UTF-8 bytes of `text`.", False),
        field(
            "duplicate_of",
            pa.string(),
            "Id of the near-duplicate cluster's representative, or null.",
        ),
        field(
            "pipeline_version", pa.string(), "Version of the normalize rules that produced the row."
        ),
        field(
            "extractor_version",
            pa.string(),
            "Version of the rules that cut the text out of a page (page dump or HTML), null when "
            "the input held the article's text already.",
        ),
    ]
)

REJECTS = pa.schema(
    [
        SOURCE_FILE,
        field("input", pa.string(), "The INPUT path given on the command line."),
        field("record_index", pa.int32(), "Position of the failed record in a multi-record input."),
        field(
            "reason", pa.string(), "Machine-readable reject reason (see newscorpus.errors).", False
        ),
        field("detail", pa.string(), "Human-readable explanation of the reason."),
        field("raw_sha256", pa.string(), "SHA-256 of the raw input bytes."),
        field("size_bytes", pa.int64(), "Size of the raw input in bytes."),
        field("pipeline_version", pa.string(), "Version of the normalize rules that rejected it."),
    ]
)

MANIFEST = pa.schema(
    [
        PATH,
        SOURCE_FILE,
        INPUT,
        field("raw_sha256", pa.string(), "SHA-256 of the raw input bytes.", False),
        field("size_bytes", pa.int64(), "Size of the raw input in bytes.", False),
        field(
            "mtime_ns",
            pa.int64(),
            "Modification time when hashed: same size and mtime, no re-read.",
            False,
        ),
        field("articles", pa.int32(), "Number of articles the input produced.", False),
        field("rejects", pa.int32(), "Number of rejected records in the input.", False),
        field("shard", pa.string(), "Name of the shard file holding the input's rows.", False),
        field("pipeline_version", pa.string(), "Version of the normalize rules.", False),
    ]
)

MINHASH = pa.schema(
    [
        field("id", pa.string(), "Article id.", False),
        field("representative", pa.string(), "Id of the near-duplicate cluster head.", False),
        field("signature", pa.list_(pa.uint32()), "MinHash signature over word shingles.", False),
    ]
)
