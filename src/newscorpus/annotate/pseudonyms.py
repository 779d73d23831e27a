"""Annotators as salted hashes, so that every annotation table can be published.

An identity (the e-mail where the server gives it) becomes `ann-` + 12 hex digits of a salted
SHA-256; without the salt nobody can test an e-mail against the hash. The only file this module
touches is the salt file (`annotator_salt`); it never sees a server and never stores an identity.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from newscorpus import layout

SALT_ENV = "NEWSCORPUS_ANNOTATOR_SALT"
SALT_FILE = layout.ANNOTATOR_SALT.name  # in the annotations folder, wherever that is


def pseudonym(identity: str, salt: str) -> str:
    """Stable, salted, non-reversible annotator name: `ann-` + 12 hex digits.

    Without the salt (kept out of git) nobody can test an e-mail against the hash.
    """
    if not salt:
        raise ValueError("an empty salt would make annotator hashes guessable")
    digest = hashlib.sha256(f"{salt}\x00{identity}".encode()).hexdigest()
    return f"ann-{digest[:12]}"


def annotator_key(completed_by: Any) -> str:
    """The user id behind `completed_by`, as text: the id itself, or the `id` of a user object
    (some exports give `{"id": 2, "email": ...}`), so one person keeps one key and no e-mail
    reaches a hash or a screen."""
    if isinstance(completed_by, Mapping) and completed_by.get("id") is not None:
        return str(completed_by["id"])
    return str(completed_by)


def namer(annotators: Mapping[str, str], salt: str) -> Callable[[Any], str]:
    """`completed_by` -> pseudonym: the one an export's annotator map gives, else a hash of the
    user id (an annotator the map does not know)."""

    def who(completed_by: Any) -> str:
        key = annotator_key(completed_by)
        return annotators.get(key) or pseudonym(f"id:{key}", salt)

    return who


def annotator_salt(annotations_dir: Path) -> str:
    """The salt for annotator pseudonyms: $NEWSCORPUS_ANNOTATOR_SALT, else
    `<annotations_dir>/.annotator-salt` (git-ignored, created 0600 on first use).

    `annotations_dir` is the annotations folder (layout.ANNOTATOR_SALT), never a command's own
    output folder: the same salt must name the annotators of every pull and import of a
    dataset, or the same person gets two names.
    """
    env = os.environ.get(SALT_ENV, "").strip()
    if env:
        return env
    path = Path(annotations_dir) / SALT_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(16) + "\n")
    return path.read_text(encoding="utf-8").strip()
