"""Readers, one module per input format; each turns raw bytes into RawArticle records.

A reader is `read(data, source_file, raw_sha256) -> Iterator[RawArticle | RecordReject]`.
A whole input that gives nothing raises `RejectError`; a bad record inside a multi-record input is
yielded as a `RecordReject` so that the rest of the file still counts. Readers never write files.
"""
