"""Pre-write checks of a publish: every failure names its rows, and any failure stops the publish.

Checked: offsets inside their text and the stored span text equal to text[start:end]; labels
within their ClassLabel names; no empty texts; annotations pointing at the article text they were
made on; ids unique; no article in two splits; split sizes in the card equal to the rows in the
files; a croissant.json that mlcroissant accepts. Failures are collected (counted per check, the
first rows of each kept) rather than raised one by one, so a user fixes every problem in one pass.
This module never writes files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from newscorpus.errors import NewscorpusError

CHECKS = (
    "offsets",
    "span_text",
    "label",
    "empty_text",
    "content_hash",
    "duplicate_id",
    "leakage",
    "split_sizes",
    "croissant",
)


@dataclass(frozen=True)
class CheckFailure:
    check: str
    where: str  # the row: config/table, article id, annotation, quote...
    detail: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.where}: {self.detail}"


@dataclass
class CheckReport:
    """Failures found so far: all counted, the first `keep` of each check kept for the message."""

    keep: int = 10
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[CheckFailure]] = field(default_factory=dict)

    def add(self, failure: CheckFailure) -> None:
        self.counts[failure.check] += 1
        kept = self.examples.setdefault(failure.check, [])
        if len(kept) < self.keep:
            kept.append(failure)

    def extend(self, failures: Sequence[CheckFailure]) -> None:
        for failure in failures:
            self.add(failure)

    @property
    def failed(self) -> bool:
        return bool(self.counts)

    def raise_if_failed(self) -> None:
        if self.failed:
            raise PublishCheckError(self)


class PublishCheckError(NewscorpusError):
    """The data would publish wrong labels or offsets; the message lists the rows to fix."""

    def __init__(self, report: CheckReport) -> None:
        self.report = report
        total = sum(report.counts.values())
        lines = [f"{total} pre-write check failure(s); nothing was published:"]
        for check in sorted(report.counts, key=lambda c: CHECKS.index(c) if c in CHECKS else 99):
            lines.append(f"  {check}: {report.counts[check]} row(s)")
            lines.extend(f"    {f.where}: {f.detail}" for f in report.examples[check])
            hidden = report.counts[check] - len(report.examples[check])
            if hidden > 0:
                lines.append(f"    ... and {hidden} more")
        super().__init__("\n".join(lines))


def check_text(report: CheckReport, where: str, text: str | None) -> bool:
    if text is None or not text.strip():
        report.add(CheckFailure("empty_text", where, "text is empty"))
        return False
    return True


def check_span(
    report: CheckReport,
    where: str,
    text: str,
    start: int | None,
    end: int | None,
    stored: str | None = None,
    *,
    what: str = "span",
    required: bool = True,
) -> bool:
    """Offsets inside `text` (0 <= start < end <= len) and, if given, stored == text[start:end]."""
    if start is None or end is None:
        if required or (start is None) != (end is None):
            report.add(CheckFailure("offsets", where, f"{what} offsets missing ({start}, {end})"))
            return False
        return True
    if not 0 <= start < end <= len(text):
        report.add(
            CheckFailure(
                "offsets",
                where,
                f"{what} [{start}, {end}) is not inside the text (length {len(text)})",
            )
        )
        return False
    if stored is not None and text[start:end] != stored:
        report.add(
            CheckFailure(
                "span_text",
                where,
                f"{what} text {stored!r} != text[{start}:{end}] {text[start:end]!r}",
            )
        )
        return False
    return True


def check_label(
    report: CheckReport,
    where: str,
    value: str | None,
    names: Sequence[str],
    *,
    what: str = "label",
    required: bool = False,
) -> int | None:
    """The ClassLabel index of `value`, or None (a missing label) after reporting a bad one."""
    if value is None:
        if required:
            report.add(CheckFailure("label", where, f"{what} is missing"))
        return None
    try:
        return names.index(value)
    except ValueError:
        report.add(
            CheckFailure("label", where, f"{what} {value!r} is not one of {', '.join(names)}")
        )
        return None


def check_split_sizes(folder: Path) -> list[CheckFailure]:
    """Rows in each config's split files against `num_examples` in the card's dataset_info."""
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCard

    from newscorpus.publish.card import data_files_of

    readme = folder / "README.md"
    card = DatasetCard.load(readme)
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    data_files = data_files_of(card.data)
    failures = []
    for config in sorted(set(infos) | set(data_files)):
        info = infos.get(config)
        declared = {n: s.num_examples for n, s in (info.splits or {}).items()} if info else {}
        patterns = data_files.get(config, {})
        for split in sorted(set(declared) | set(patterns)):
            files = sorted(folder.glob(patterns[split])) if split in patterns else []
            if split in patterns and not files:
                failures.append(
                    CheckFailure(
                        "split_sizes", f"{config}/{split}", f"no file matches {patterns[split]}"
                    )
                )
                continue
            rows = sum(pq.read_metadata(f).num_rows for f in files)
            if declared.get(split) != rows:
                failures.append(
                    CheckFailure(
                        "split_sizes",
                        f"{config}/{split}",
                        f"card says {declared.get(split)} examples, files hold {rows} "
                        f"({', '.join(str(f.relative_to(folder)) for f in files) or 'no files'})",
                    )
                )
    return failures
