"""Versions and CHANGELOG.md: what changed since the previous published version, and semver rules.

A version is compared with the newest earlier version beside it (dist/<version>/, or a folder of
another name: the version a folder holds is the one its croissant.json states): articles added
and removed (and any that moved split, which a stable split never does unless the fractions
changed), stance labels and quote labels changed, and schema changes. A schema break (a field or
config removed, a type or a ClassLabel's names changed) needs a new major version (a new minor
before 1.0.0). Reads published folders; never writes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from datasets import ClassLabel, Features, List, Value
from datasets.info import DatasetInfosDict

from newscorpus.errors import UsageError

# The whole string, ASCII digits only, at most 9 a part: `$` would accept a trailing newline
# ("1.2.3\n" is a second folder beside 1.2.3), `\d` other scripts' digits, and a part of thousands
# of digits is past what `int` converts. `SEMVER.match` is a full match.
_PART = r"(0|[1-9][0-9]{0,8})"
SEMVER = re.compile(rf"\A{_PART}\.{_PART}\.{_PART}\Z")
_SHOWN = 40  # characters of a refused version quoted back
_LISTED = 20


def parse_version(version: str) -> tuple[int, int, int]:
    """(major, minor, patch) of 'X.Y.Z' (no 'v' prefix, no pre-release)."""
    match = SEMVER.match(version) if isinstance(version, str) else None
    if not match:
        shown = repr(version)[:_SHOWN]
        raise UsageError(
            f"version {shown} is not semver X.Y.Z (major: schema breaks; minor: new data; "
            "patch: fixes), e.g. 1.2.0"
        )
    return int(match[1]), int(match[2]), int(match[3])


def folder_version(folder: Path) -> str | None:
    """The version a published folder holds: the `version` its croissant.json states, else its
    name when that is a version; None when neither says."""
    try:
        stated = json.loads((folder / "croissant.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        stated = None
    if isinstance(stated, str) and SEMVER.match(stated):
        return stated
    return folder.name if SEMVER.match(folder.name) else None


def previous_version(root: Path, version: str) -> Path | None:
    """The newest published folder under `root` older than `version`, whatever its name (a
    version published with --out dist/release is found); a folder named for its version wins
    over a copy of the same version. Hidden folders (a build's partial) are passed over."""
    current = parse_version(version)
    best: tuple[tuple[int, int, int], bool, Path] | None = None
    if not root.is_dir():
        return None
    for child in root.iterdir():
        if child.name.startswith(".") or not (child / "README.md").is_file():
            continue
        held = folder_version(child)
        if held is None or parse_version(held) >= current:
            continue
        rank = (parse_version(held), child.name == held, child)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return best[2] if best else None


def _flat_types(feature: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(feature, dict):
        out: dict[str, str] = {}
        for key, sub in feature.items():
            out |= _flat_types(sub, f"{prefix}.{key}" if prefix else key)
        return out
    if isinstance(feature, List):
        inner = feature.feature
        if isinstance(inner, dict):
            return {prefix: "list<struct>"} | _flat_types(inner, prefix + "[]")
        return {prefix: f"list<{_flat_types(inner, 'x')['x']}>"}
    if isinstance(feature, ClassLabel):
        return {prefix: f"ClassLabel({', '.join(feature.names)})"}
    if isinstance(feature, Value):
        return {prefix: feature.dtype}
    return {prefix: type(feature).__name__}


@dataclass(frozen=True)
class SchemaChange:
    config: str
    field: str | None
    change: str  # "added", "removed", "changed"
    before: str | None = None
    after: str | None = None

    @property
    def breaking(self) -> bool:
        return self.change != "added"

    def describe(self) -> str:
        name = f"`{self.config}`" + (f" field `{self.field}`" if self.field else " config")
        if self.change == "changed":
            return f"{name}: {self.before} -> {self.after} (breaking)"
        if self.change == "removed":
            return f"{name}: removed (breaking)"
        return f"{name}: added" + (f" ({self.after})" if self.after else "")


def schema_changes(before: dict[str, Features], after: dict[str, Features]) -> list[SchemaChange]:
    changes = []
    for config in sorted(set(before) | set(after)):
        if config not in after:
            changes.append(SchemaChange(config, None, "removed"))
            continue
        if config not in before:
            changes.append(SchemaChange(config, None, "added"))
            continue
        old, new = _flat_types(before[config]), _flat_types(after[config])
        for name in sorted(set(old) | set(new)):
            if name not in new:
                changes.append(SchemaChange(config, name, "removed", old[name]))
            elif name not in old:
                changes.append(SchemaChange(config, name, "added", None, new[name]))
            elif old[name] != new[name]:
                changes.append(SchemaChange(config, name, "changed", old[name], new[name]))
    return changes


def check_semver(version: str, previous: str, changes: list[SchemaChange]) -> None:
    """Refuse a schema break without a major bump (a minor bump while major is 0)."""
    new, old = parse_version(version), parse_version(previous)
    breaks = [c for c in changes if c.breaking]
    if not breaks:
        return
    bumped = new[0] > old[0] if old[0] > 0 else new[:2] > old[:2]
    if not bumped:
        suggestion = f"{old[0] + 1}.0.0" if old[0] > 0 else f"0.{old[1] + 1}.0"
        raise UsageError(
            f"version {version} breaks the schema of {previous} ("
            + "; ".join(c.describe() for c in breaks[:5])
            + f"): a schema break needs a new major version, e.g. {suggestion}"
        )


def read_features(folder: Path) -> dict[str, Features]:
    infos = DatasetInfosDict.from_directory(str(folder))
    return {name: info.features for name, info in infos.items() if info.features is not None}


@dataclass
class Snapshot:
    """The label-bearing content of one published version, keyed for comparison."""

    articles: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (hash, split)
    stance: dict[tuple[str, str], tuple[str | None, str]] = field(default_factory=dict)
    quotes: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (source, digest)


def _files(folder: Path, config: str) -> list[tuple[str, Path]]:
    return [
        (path.name.split("-", 1)[0], path)
        for path in sorted((folder / "data" / config).glob("*.parquet"))
    ]


def snapshot(folder: Path, features: dict[str, Features]) -> Snapshot:
    snap = Snapshot()
    for split, path in _files(folder, "articles"):
        table = pq.read_table(path, columns=["id", "content_sha256"])
        for article_id, digest in zip(*(c.to_pylist() for c in table.columns), strict=True):
            snap.articles[article_id] = (digest, split)
    if "stance" in features:
        labels = features["stance"]["label"].names
        sources = features["stance"]["label_source"].names
        for _split, path in _files(folder, "stance"):
            table = pq.read_table(
                path, columns=["article_id", "target_id", "label", "label_source"]
            )
            for a, t, label, source in zip(*(c.to_pylist() for c in table.columns), strict=True):
                snap.stance[(a, t)] = (None if label is None else labels[label], sources[source])
    if "quotes" in features:
        sources = features["quotes"]["label_source"].names
        for _split, path in _files(folder, "quotes"):
            parquet = pq.ParquetFile(path)
            columns = ["article_id", "label_source", "quotes"]
            for batch in parquet.iter_batches(batch_size=2000, columns=columns):
                for a, source, quotes in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                    for q in quotes:
                        q.pop("text", None)  # withheld or not, the labels are the same
                        q.pop("speaker_text", None)
                        q.pop("cue_text", None)
                    digest = hashlib.sha1(json.dumps(quotes, sort_keys=True).encode()).hexdigest()
                    snap.quotes[a] = (sources[source], digest)
    return snap


def _ids(ids: list[str]) -> str:
    shown = ", ".join(f"`{i}`" for i in sorted(ids)[:_LISTED])
    return shown + (f" and {len(ids) - _LISTED} more" if len(ids) > _LISTED else "")


def render_changelog(
    version: str,
    new: Snapshot,
    changes: list[SchemaChange],
    previous: tuple[str, Snapshot, str] | None,
    today: datetime | None = None,
) -> tuple[str, str]:
    """(CHANGELOG.md text, one-paragraph summary for the card)."""
    date = (today or datetime.now(UTC)).date().isoformat()
    lines = [f"## {version} - {date}", ""]
    if previous is None:
        summary = f"First published version: {len(new.articles)} articles."
        lines += [summary, ""]
        history = ""
    else:
        prev_version, old, history = previous
        added = [a for a in new.articles if a not in old.articles]
        removed = [a for a in old.articles if a not in new.articles]
        moved = [
            a
            for a in new.articles
            if a in old.articles and old.articles[a][1] != new.articles[a][1]
        ]
        stance_changed = [
            k for k in new.stance if k in old.stance and old.stance[k] != new.stance[k]
        ]
        stance_added = [k for k in new.stance if k not in old.stance]
        stance_removed = [k for k in old.stance if k not in new.stance]
        quotes_changed = [
            a for a in new.quotes if a in old.quotes and old.quotes[a] != new.quotes[a]
        ]
        now_human = [
            a
            for a in new.quotes
            if new.quotes[a][0] == "human" and old.quotes.get(a, ("",))[0] != "human"
        ]
        summary = (
            f"Compared with {prev_version}: {len(added)} articles added, {len(removed)} removed, "
            f"{len(stance_changed)} stance labels changed, {len(quotes_changed)} articles with "
            f"changed quote labels, {len(changes)} schema change(s)."
        )
        lines += [f"Compared with {prev_version}.", "", "### Data", ""]
        lines.append(
            f"- Articles: {len(new.articles)} ({len(added)} added, {len(removed)} removed)."
        )
        if added:
            lines.append(f"  - added: {_ids(added)}")
        if removed:
            lines.append(f"  - removed: {_ids(removed)}")
        lines.append(
            f"- Articles that changed split: {len(moved)}"
            + (f" ({_ids(moved)}; the split fractions changed)" if moved else "")
            + "."
        )
        lines.append(
            f"- Stance rows: {len(stance_added)} added, {len(stance_removed)} removed, "
            f"{len(stance_changed)} with a changed label or label source."
        )
        if stance_changed:
            shown = [
                f"`{a}`/{t}: {old.stance[(a, t)][0]} ({old.stance[(a, t)][1]}) -> "
                f"{new.stance[(a, t)][0]} ({new.stance[(a, t)][1]})"
                for a, t in sorted(stance_changed)[:_LISTED]
            ]
            lines += [f"  - {s}" for s in shown]
        lines.append(
            f"- Quote labels changed in {len(quotes_changed)} article(s)"
            + (f": {_ids(quotes_changed)}" if quotes_changed else "")
            + f"; {len(now_human)} article(s) newly human-labeled."
        )
        lines += ["", "### Schema", ""]
        lines += [f"- {c.describe()}" for c in changes] or ["- No schema changes."]
        lines.append("")
    text = "# Changelog\n\n" + "\n".join(lines)
    if history:  # earlier versions' entries, newest first, under the one title
        body = history.split("\n", 1)[1] if history.startswith("# Changelog") else history
        text += "\n" + body.lstrip("\n")
    return text.rstrip() + "\n", summary
