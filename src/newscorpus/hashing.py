"""The project's hashes, defined once: what `raw_sha256` and `content_sha256` mean. Pure."""

from __future__ import annotations

import hashlib


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of raw bytes (`raw_sha256`)."""
    return hashlib.sha256(data).hexdigest()


def text_sha256(text: str) -> str:
    """Hex SHA-256 of a text's UTF-8 bytes (`content_sha256`): ties a label to the exact text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
