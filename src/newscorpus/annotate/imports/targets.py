"""Stance targets that come with imported labels, and the one reader of every target's text.

`annotations/targets.yaml` is written by hand: claims and entities with the keyword rules that
find them (preannotate/targets.py). An import brings targets of its own (FNC-1: one per
headline), which no person wrote rules for, so they go to a table of their own per origin,
`annotations/targets/<origin slug>.parquet` (schema.IMPORTED_TARGETS), never into the YAML file.
Their ids are stable: the origin's prefix and a hash of the whole text, so the same claim gets
the same id on every run and in every import. No word of the text is in the id: an imported
target's text is withheld when its license is unknown, and its id is published regardless.
`target_texts` reads both the YAML file and the tables: whoever needs a target's text (publish)
asks it here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus import layout, schema
from newscorpus.annotate.origins import origin_slug
from newscorpus.errors import UsageError
from newscorpus.hashing import text_sha256
from newscorpus.preannotate.targets import TargetsError, load_targets
from newscorpus.tables import write_atomic

# Under the annotations folder.
TARGETS_FOLDER = "targets"
# A target id: the origin's prefix and HASH_DIGITS hex digits of the text (48 bits: a collision
# among a million targets has odds of about 1 in 500).
HASH_DIGITS = 12
_WORD = re.compile(r"[a-z0-9]+")


def target_key(text: str) -> str:
    """The text a target id is made from: NFC, whitespace collapsed, case kept."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def target_id(prefix: str, text: str) -> str:
    """`<prefix>-<hash>`: stable, the same for the same claim, and telling nothing of the text.

    The prefix is lower-case ASCII letters, digits and '-' (accents dropped, as targets.yaml ids
    are); the hash is of `target_key(text)`, so two texts that differ only in spacing share an id.
    """
    ascii_prefix = unicodedata.normalize("NFKD", prefix).encode("ascii", "ignore").decode()
    slug = "-".join(_WORD.findall(ascii_prefix.lower()))
    return "-".join(part for part in (slug, target_digest(text)) if part)


def target_digest(text: str) -> str:
    """The hash that ends a target's id: HASH_DIGITS hex digits of its `target_key`."""
    return text_sha256(target_key(text))[:HASH_DIGITS]


def id_fits_text(tid: str, text: str) -> bool:
    """Whether `text` is the text `tid` was made from (its hash, whatever the prefix):
    how a copy of a withheld target's text is recognized (publish/hydrate.py)."""
    tail = target_id("", text)
    return tid == tail or tid.endswith("-" + tail)


def targets_path(annotations: Path, origin: str) -> Path:
    return Path(annotations) / TARGETS_FOLDER / f"{origin_slug(origin)}.parquet"


def write_targets(annotations: Path, origin: str, targets: Mapping[str, str]) -> Path:
    """Write (replace) the targets of `origin`: target id -> text, sorted by id."""
    path = targets_path(annotations, origin)
    ids = sorted(targets)
    table = pa.table(
        {"target_id": ids, "target": [targets[i] for i in ids], "origin": [origin] * len(ids)},
        schema=schema.IMPORTED_TARGETS,
    )
    write_atomic(table, path)
    return path


def _yaml_texts(annotations: Path) -> dict[str, str]:
    path = Path(annotations) / layout.TARGETS.name
    if not path.exists():
        return {}
    try:
        targets = load_targets(path.read_text(encoding="utf-8"), source=str(path))
    except TargetsError as err:
        raise UsageError(str(err)) from None
    return {t.id: t.target for t in targets.targets}


def _imported(annotations: Path, column: str) -> Iterator[tuple[Path, str, str]]:
    """(table, target id, `column`'s value) of every row of the imported targets tables."""
    for path in sorted((Path(annotations) / TARGETS_FOLDER).glob("*.parquet")):
        try:
            table = pq.read_table(path, columns=["target_id", column])
        except (OSError, pa.ArrowInvalid, KeyError) as err:
            raise UsageError(f"{path}: not a targets table ({err})") from None
        for tid, value in zip(
            table["target_id"].to_pylist(), table[column].to_pylist(), strict=True
        ):
            yield path, tid, value


def imported_texts(annotations: Path) -> dict[str, str]:
    """Target id -> text of every imported targets table under `annotations`."""
    texts: dict[str, str] = {}
    for path, tid, text in _imported(annotations, "target"):
        if texts.setdefault(tid, text) != text:
            raise UsageError(f"{path}: target {tid} has another text in another table")
    return texts


def imported_origins(annotations: Path) -> dict[str, str]:
    """Target id -> the origin it was imported with, for every imported targets table: whoever
    publishes a target's text asks its origin's license first (publish withholds it like an
    article's text)."""
    origins: dict[str, str] = {}
    for _path, tid, origin in _imported(annotations, "origin"):
        origins.setdefault(tid, origin)
    return origins


def target_texts(annotations: Path) -> dict[str, str]:
    """Target id -> text: targets.yaml and every imported targets table.

    Raises:
        UsageError: targets.yaml is not valid (its parser's message), a table is unreadable, or
            one id names two different texts.
    """
    texts = _yaml_texts(annotations)
    for tid, text in imported_texts(annotations).items():
        if texts.setdefault(tid, text) != text:
            raise UsageError(
                f"target {tid} is in {layout.TARGETS.name} and in {TARGETS_FOLDER}/ with "
                "different texts: rename one"
            )
    return texts
