"""What a publish refuses before it writes anything, with the counts that show why.

A publish that silently finds nothing to label, drops every annotation because none matches the
corpus, or withholds nothing because a source name was mistyped, still uses up a version number
and ships a dataset that says less than the curator meant. These checks run on the inputs alone,
before any folder exists, so a refused publish leaves the version free. Raises UsageError; never
reads or writes files.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newscorpus.annotate.gold_sources import NO_ROWS, Digest, origin_digests
from newscorpus.annotate.origins import BRAT_PREFIX, FNC1, STANCE_PREFIX
from newscorpus.errors import UsageError
from newscorpus.publish.configs import REGISTRY, PublishConfig
from newscorpus.publish.inputs import ArticleIndex, PublishInputs
from newscorpus.publish.withhold import LicensePolicy, license_id

# Input tables that carry labels (PublishInputs attributes) and where they live under the
# annotations folder, for the messages.
LABEL_TABLES = {
    "predicted_quotes": "predictions/quotes.parquet",
    "predicted_targets": "predictions/targets.parquet",
    "human_quotes": "quotes.parquet",
    "human_stance": "stance.parquet",
    "human_passes": "passes.parquet",
    "gold_quotes": "gold/quotes.parquet",
    "gold_stance": "gold/stance.parquet",
    "gold_articles": "gold/articles.parquet",
}
_SOURCES_LISTED = 8


@dataclass(frozen=True)
class TableJoin:
    """How one label table meets the corpus."""

    name: str  # PublishInputs attribute
    path: str  # relative to the annotations folder
    rows: int
    articles: int
    joined: int  # of `articles`, those in the corpus

    def describe(self) -> str:
        return (
            f"{self.path}: {self.rows} row(s) on {self.articles} article(s), "
            f"{self.joined} in the corpus"
        )


def table_joins(inputs: PublishInputs, ids: set[str]) -> dict[str, TableJoin]:
    """Every label table present, and how many of its articles are in the corpus."""
    joins = {}
    for name, path in LABEL_TABLES.items():
        index: ArticleIndex | None = getattr(inputs, name)
        if index is not None:
            joins[name] = TableJoin(
                name, path, len(index), len(index.article_ids), len(index.article_ids & ids)
            )
    return joins


def refuse_unjoined(joins: dict[str, TableJoin], annotations: Path, corpus_size: int) -> None:
    """A label table none of whose articles is in the corpus was made on another corpus."""
    stale = [j for j in joins.values() if j.rows and not j.joined]
    if stale:
        raise UsageError(
            "annotations join no article of the corpus ("
            + "; ".join(
                f"{annotations / j.path}: {j.rows} row(s) on {j.articles} article(s)" for j in stale
            )
            + f"; the corpus has {corpus_size} articles): they were made on another corpus or "
            "before the articles were re-normalized; re-run the stage that wrote them on this "
            "corpus, or move them aside. Nothing was published."
        )


def refuse_empty_configs(
    configs: Sequence[PublishConfig],
    requested: bool,
    joins: dict[str, TableJoin],
    annotations: Path,
) -> None:
    """No labels at all, or a config the user asked for that would have no row."""
    labeled = [c for c in configs if c.inputs]
    if not labeled:
        return
    if not requested and not any(j.joined for j in joins.values()):
        looked = ", ".join(LABEL_TABLES.values())
        raise UsageError(
            f"no annotations found in {annotations} (looked for {looked}; found "
            + (", ".join(j.describe() for j in joins.values()) or "none")
            + "): run `newscorpus preannotate`, `newscorpus ls pull` and `ls agreement`, or an "
            "import first; to publish the corpus alone, give --config articles. Nothing was "
            "published."
        )
    if requested:
        for config in labeled:
            if not any(joins[t].joined for t in config.inputs if t in joins):
                found = [
                    joins[t].describe() if t in joins else f"{LABEL_TABLES[t]}: absent"
                    for t in config.inputs
                ]
                raise UsageError(
                    f"--config {config.name} would be empty: {'; '.join(found)} (in "
                    f"{annotations}). Nothing was published."
                )


def _most_common(counts: Counter[str]) -> str:
    """The most frequent values with their counts, and how many more there are."""
    listed = ", ".join(f"{x} ({n})" for x, n in counts.most_common(_SOURCES_LISTED))
    more = len(counts) - _SOURCES_LISTED
    return listed + (f" and {more} more" if more > 0 else "")


def refuse_unmatched_sources(policy: LicensePolicy, sources: Sequence[str | None]) -> None:
    """A `--withhold-source` no article has: a typo that would withhold nothing."""
    unmatched = policy.unmatched_sources(sources)
    if unmatched:
        known = _most_common(Counter(s for s in sources if s))
        raise UsageError(
            f"--withhold-source {', '.join(repr(s) for s in unmatched)}: no article has this "
            f"source (the corpus's sources: {known or 'none recorded'}; matched without "
            "regard to case). Nothing was published."
        )


def refuse_unmatched_licenses(policy: LicensePolicy, licenses: Sequence[str | None]) -> None:
    """A `--withhold-license` or `--publish-license` no article or origin has: a typo that would
    change nothing."""
    unmatched = policy.unmatched_licenses(licenses)
    if unmatched:
        known = _most_common(Counter(license_id(x) for x in licenses))
        raise UsageError(
            f"{', '.join(f'{option} {value!r}' for option, value in unmatched)}: no article has "
            f"this license (the corpus's licenses: {known or 'none'}; matched without "
            "regard to case, spacing or spelling, 'CC BY 4.0' = 'cc-by-4.0'). Nothing was "
            "published."
        )


def _resolve_command(origin: str) -> str:
    """What writes the origin's gold again: its import, else `ls agreement`."""
    if origin == FNC1 or origin.startswith((BRAT_PREFIX, STANCE_PREFIX)):
        return "re-run the `newscorpus import` that made it"
    return (
        f"run `newscorpus ls agreement --origin {shlex.quote(origin)} --export <its export under "
        "exports/>` (without --export it reads the export pulled last)"
    )


def _staleness(now: Digest | None, then: Digest | None, recorded: bool) -> str | None:
    """Why an origin's gold is not that of its annotations now, None when it is."""
    if now is not None and then is None:
        if not recorded:
            return "gold written before it recorded what it was resolved from"
        return f"no gold was resolved from its {now.annotation_rows} annotation row(s)"
    if then is None or (now or NO_ROWS) == then:
        return None
    if now is None:
        return (
            f"its gold was resolved from {then.annotation_rows} annotation row(s) the tables do "
            "not hold (`newscorpus ls pull` them first)"
        )
    return (
        f"its annotations changed since its gold was resolved ({then.annotation_rows} row(s) "
        f"then, {now.annotation_rows} now)"
    )


def refuse_stale_gold(inputs: PublishInputs, annotations: Path) -> None:
    """Gold resolved from other annotations than the tables hold now (an `ls pull` since the
    last `ls agreement`), or never resolved from them, would ship labels the annotators no longer
    give: gold/sources.json (annotate/gold_sources.py) says what each origin's gold came from."""
    tables = {
        "quotes.parquet": inputs.human_quotes.table if inputs.human_quotes else None,
        "stance.parquet": inputs.human_stance.table if inputs.human_stance else None,
        "passes.parquet": inputs.human_passes.table if inputs.human_passes else None,
    }
    now = origin_digests(tables)
    then = inputs.gold_sources
    stale = []
    for origin in sorted(set(now) | set(then or {})):
        why = _staleness(now.get(origin), (then or {}).get(origin), then is not None)
        if why is not None:
            stale.append(f"origin {origin!r}: {why}: {_resolve_command(origin)}")
    if stale:
        raise UsageError(
            f"{annotations / 'gold'} is not the gold of the annotations in {annotations} ("
            + "; ".join(stale)
            + "). Nothing was published."
        )


# Gold tables whose rows are one per key in a release, and the key (after the article id).
GOLD_KEYS = {
    "gold_stance": ("(article, target) stance label", ("target_id",)),
    "gold_quotes": ("quote span", ("start", "end")),
}
_DUPLICATES_LISTED = 3


def _duplicates(index: ArticleIndex, key: tuple[str, ...]) -> dict[tuple, list[str]]:
    """Key -> the origins of its rows, for the keys with rows of more than one origin (within one
    origin, two gold quotes may share a span: one content attributed to two sources)."""
    table = index.table
    columns = [table[c].to_pylist() for c in ("article_id", *key, "origin")]
    origins: dict[tuple, list[str]] = {}
    for *values, origin in zip(*columns, strict=True):
        origins.setdefault(tuple(values), []).append(origin or "(no origin recorded)")
    return {k: sorted(o) for k, o in origins.items() if len(set(o)) > 1}


def refuse_duplicate_gold(inputs: PublishInputs, annotations: Path) -> None:
    """Gold of the same (article, target) or quote span from two origins is the same labels
    filed twice (one export pulled under two names): the release would hold each twice."""
    found = []
    for name, (what, key) in GOLD_KEYS.items():
        index: ArticleIndex | None = getattr(inputs, name)
        duplicates = _duplicates(index, key) if index is not None else {}
        if not duplicates:
            continue
        pairs = Counter(" and ".join(dict.fromkeys(o)) for o in duplicates.values())
        article = min(duplicates)[0]
        named = "; ".join(
            f"{n} from {origins}" for origins, n in pairs.most_common(_DUPLICATES_LISTED)
        )
        found.append(
            f"{annotations / LABEL_TABLES[name]}: {len(duplicates)} {what}(s) with gold rows of "
            f"more than one origin ({named}; e.g. article {article})"
        )
    if found:
        raise UsageError(
            "; ".join(found)
            + ": the same labels filed under two origins would be published twice; keep one "
            "origin (move quotes.parquet, stance.parquet and gold/ aside, `newscorpus ls pull "
            "--from-export` each kept export under one --origin, then `newscorpus ls agreement`)."
            " Nothing was published."
        )


def selected_configs(names: Sequence[str] | None) -> list[PublishConfig]:
    """The configs to publish, in registry order: all by default; `articles` always, since every
    other config refers to its rows."""
    if not names:
        return list(REGISTRY)
    known = {c.name for c in REGISTRY}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(
            f"--config {', '.join(unknown)}: no such config; configs are {', '.join(sorted(known))}"
        )
    return [c for c in REGISTRY if c.name in names or not c.inputs]
