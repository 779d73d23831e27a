"""`newscorpus publish`: corpus and annotation tables in, a versioned Hub-ready folder out.

Order matters: validate the version and refuse an existing folder; read the tables; refuse what
would publish less than asked (refusals.py: annotations joining no article, a requested config
left empty, a withheld source no article has), before anything is written, so a refused publish
leaves the version free; group stories and assign splits, and run the leakage check; stream the
articles in batches, building and checking every config's rows and writing them into a hidden
partial folder; write the card, Croissant file and changelog; check the card's split sizes against
the files and the Croissant file against mlcroissant; only then rename the partial folder into
place. Any failure removes the partial folder, so a version folder that exists is always complete;
a publish that was killed leaves its partial folder, which the next publish removes (partials.py:
only those of dead processes) and reports. Never talks to the Hub (hub.py does) or Label Studio.
"""

from __future__ import annotations

import shutil
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from datasets import Features

from newscorpus import layout
from newscorpus.annotate.origins import read_origins
from newscorpus.errors import UsageError
from newscorpus.links import require_tree_inside
from newscorpus.publish.baseline import QuoteScores, baseline_from_rows, spans_of
from newscorpus.publish.card import card_data, render_card
from newscorpus.publish.changelog import (
    check_semver,
    folder_version,
    parse_version,
    previous_version,
    read_features,
    render_changelog,
    schema_changes,
    snapshot,
)
from newscorpus.publish.checks import CheckFailure, CheckReport, check_split_sizes
from newscorpus.publish.configs import REGISTRY, PublishConfig, features_for
from newscorpus.publish.croissant import (
    build_croissant,
    rai_fields,
    validate_croissant,
    write_croissant,
)
from newscorpus.publish.features import SPLITS
from newscorpus.publish.figures import CardFigures, count_rows
from newscorpus.publish.inputs import PublishInputs, iter_articles, load_inputs
from newscorpus.publish.partials import PartialCleanup, clean_stale_partials, make_partial
from newscorpus.publish.provenance import Provenance, provenance_of
from newscorpus.publish.refusals import (
    refuse_duplicate_gold,
    refuse_empty_configs,
    refuse_stale_gold,
    refuse_unjoined,
    refuse_unmatched_licenses,
    refuse_unmatched_sources,
    selected_configs,
    table_joins,
)
from newscorpus.publish.rows import ArticleAnnotations, build_rows
from newscorpus.publish.settings import ProjectSettings, load_settings
from newscorpus.publish.splits import SPLIT_SALT, SplitFractions, assign_splits, find_leaks
from newscorpus.publish.stories import find_story_pairs, story_sizes
from newscorpus.publish.withhold import LicensePolicy, is_unknown_license, withheld_targets
from newscorpus.publish.writer import DEFAULT_MAX_SHARD_BYTES, SplitSummary, SplitWriter
from newscorpus.tables import iter_corpus

DEFAULT_PRETTY_NAME = "newscorpus: quotations and stance in news"
DESCRIPTION = (
    "News articles with quotations (content, speaker, cue, kind, speaker stance) and article "
    "stance toward stated targets; labels made by people (with their origin) and machine "
    "suggestions kept apart."
)


# Who annotated and how, in the curators' own words: the card quotes it when the file exists.
ANNOTATORS_STATEMENT = "annotators.md"


@dataclass(frozen=True)
class PublishOptions:
    version: str
    corpus: Path = layout.CORPUS
    annotations: Path = layout.ANNOTATIONS
    out: Path | None = None  # the version folder itself; default dist/<version>
    fractions: SplitFractions = field(default_factory=SplitFractions)
    license: str = "cc-by-4.0"  # of the annotations and the structure; texts keep their own
    pretty_name: str = DEFAULT_PRETTY_NAME
    language: str = "en"  # when no article has a detected language
    withhold_licenses: tuple[str, ...] = ()
    withhold_sources: tuple[str, ...] = ()
    publish_unknown_license: bool = False  # texts nobody recorded a license for are withheld
    publish_licenses: tuple[str, ...] = ()  # published besides the licenses known to allow it
    configs: tuple[str, ...] = ()  # the configs asked for (and `articles`); empty: all
    project: Path = Path(".")  # where newscorpus.toml / pyproject.toml name authors and citation
    template: Path | None = None
    previous: Path | None = None
    repo_id: str | None = None  # where it will be pushed: the card's load examples use it
    baseline: bool = True
    max_shard_bytes: int = DEFAULT_MAX_SHARD_BYTES
    batch_articles: int = 500  # Python rows of a batch (quotes_bio: ~12 rows per article)
    dry_run: bool = False  # build and check in a temporary folder, then remove it

    @property
    def folder(self) -> Path:
        return self.out if self.out is not None else layout.dataset_folder(self.version)


@dataclass
class PublishSummary:
    folder: Path
    version: str
    dry_run: bool
    splits: dict[str, dict[str, int]]
    files: list[tuple[str, int]]
    articles: int
    withheld: int
    previous: str | None
    changelog: str
    baseline: Any
    seconds: float
    orphans: dict[str, list[str]] = field(default_factory=dict)
    partials: PartialCleanup = field(default_factory=PartialCleanup)  # killed runs' leftovers

    def load_calls(self, folder: str | None = None) -> list[str]:
        target = folder or str(self.folder)
        return [f'load_dataset("{target}", "{config}")' for config in self.splits]


def _count(
    figures: CardFigures,
    split: str,
    rows: dict[str, list[dict[str, Any]]],
    annotations: ArticleAnnotations,
    configs: list[PublishConfig],
) -> None:
    """The card's figures from one article's rows, and the stored suggestions against its gold."""
    for config in configs:
        count_rows(figures, config, rows.get(config.name, []), split)
    if annotations.has_quote_labels and annotations.has_predictions:
        assert figures.preannotator is not None
        figures.preannotator.add(
            spans_of(annotations.predicted_quotes), spans_of(annotations.gold_quotes)
        )


def _refuse_existing(folder: Path, version: str) -> None:
    """A folder that holds something is never written over; the message says what it holds."""
    if not folder.exists() or (folder.is_dir() and not any(folder.iterdir())):
        return
    held = folder_version(folder) if folder.is_dir() else None
    if held != version:
        holds = f"it holds version {held}" if held else "it is not empty"
        raise UsageError(
            f"{folder} already exists ({holds}) and is never written over: give --out a new "
            f"folder for version {version} (default dist/{version})"
        )
    major, minor, patch = parse_version(version)
    raise UsageError(
        f"{folder} already exists: version {version} was published and is never overwritten; "
        f"publish a new version (e.g. {major}.{minor}.{patch + 1} for a fix, "
        f"{major}.{minor + 1}.0 for new data; to upload this one: --push REPO --upload-only)"
    )


def _duplicate_ids(ids: list[str], report: CheckReport) -> None:
    seen: set[str] = set()
    for article_id in ids:
        if article_id in seen:
            report.add(
                CheckFailure("duplicate_id", f"articles: article {article_id}", "id appears twice")
            )
        seen.add(article_id)


def _orphans(inputs: PublishInputs, ids: set[str]) -> dict[str, list[str]]:
    """Annotated articles no longer in the corpus (re-normalized or removed): not published.

    Label Studio keeps the old task of a re-normalized article (its text changed, so its id did),
    so these are expected and must not block a publish; they are reported instead.
    """
    orphans = {}
    for name, index in (
        ("predictions/quotes", inputs.predicted_quotes),
        ("predictions/targets", inputs.predicted_targets),
        ("quotes", inputs.human_quotes),
        ("stance", inputs.human_stance),
        ("passes", inputs.human_passes),
        ("gold/quotes", inputs.gold_quotes),
        ("gold/stance", inputs.gold_stance),
        ("gold/articles", inputs.gold_articles),
    ):
        if index is not None and (missing := sorted(index.article_ids - ids)):
            orphans[name] = missing
    return orphans


def _annotations_for(
    groups: dict[str, dict[str, list[dict[str, Any]]]],
    article_id: str,
    quote_ids: frozenset[str],
    has_predictions: bool,
) -> ArticleAnnotations:
    return ArticleAnnotations(
        **{name: rows.get(article_id, []) for name, rows in groups.items()},
        has_quote_labels=article_id in quote_ids,
        has_predictions=has_predictions,
    )


def _withheld(policy: LicensePolicy, article: dict[str, Any], figures: CardFigures) -> bool:
    """Whether the article's text is withheld, counted with its reason for the card."""
    reason = policy.reason(article.get("license"), article.get("source"))
    if reason is not None:
        figures.withheld_reasons[reason] += 1
    elif is_unknown_license(article.get("license")):
        figures.unknown_published += 1
    return reason is not None


def _withheld_targets(inputs: PublishInputs, options: PublishOptions) -> dict[str, tuple[str, str]]:
    """Imported targets whose text is withheld (target id -> its origin and why), by their
    origin's license as its description records it (none recorded: unknown)."""
    licenses = {o.origin: o.license for o in read_origins(options.annotations).values()}
    reasons = withheld_targets(_policy(options), inputs.target_origins, licenses)
    return {tid: (inputs.target_origins[tid], reason) for tid, reason in reasons.items()}


def _write_rows(
    inputs: PublishInputs,
    options: PublishOptions,
    folder: Path,
    assignment: tuple[list[str], list[str]],
    configs: list[PublishConfig],
    report: CheckReport,
    figures: CardFigures,
) -> dict[str, dict[str, SplitSummary]]:
    clusters, splits = assignment
    policy = _policy(options)
    features = {config.name: features_for(config.name) for config in configs}
    writers: dict[tuple[str, str], SplitWriter] = {}
    quote_ids = inputs.quote_articles
    figures.target_withholding = _withheld_targets(inputs, options)
    indexes = {
        "predicted_quotes": inputs.predicted_quotes,
        "predicted_targets": inputs.predicted_targets,
        "human_quotes": inputs.human_quotes,
        "human_stance": inputs.human_stance,
        "human_passes": inputs.human_passes,
        "gold_quotes": inputs.gold_quotes,
        "gold_stance": inputs.gold_stance,
        "gold_articles": inputs.gold_articles,
    }
    has_predictions = inputs.predicted_quotes is not None
    offset = 0
    for batch in iter_articles(inputs.article_files, options.batch_articles):
        batch_ids = [a["id"] for a in batch]
        groups = {
            name: (index.group(batch_ids) if index is not None else {})
            for name, index in indexes.items()
        }
        pending: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for position, article in enumerate(batch, start=offset):
            annotations = _annotations_for(groups, article["id"], quote_ids, has_predictions)
            rows = build_rows(
                article,
                annotations,
                cluster_id=clusters[position],
                withheld=_withheld(policy, article, figures),
                target_texts=inputs.target_texts,
                report=report,
                configs=configs,
                stats=figures.side_counts,
                withheld_targets=figures.target_withholding,
            )
            split = splits[position]
            _count(figures, split, rows, annotations, configs)
            for config, config_rows in rows.items():
                pending[(config, split)].extend(config_rows)
        offset += len(batch)
        if report.failed:
            continue  # keep checking every row, write nothing more
        for (config, split), rows_ in pending.items():
            if (config, split) not in writers:
                writers[(config, split)] = SplitWriter(
                    folder, config, split, features[config], options.max_shard_bytes
                )
            writers[(config, split)].write(rows_)
    summaries: dict[str, dict[str, SplitSummary]] = {}
    for (config, split), writer in sorted(writers.items()):
        summary = writer.close()
        if summary.num_examples:
            summaries.setdefault(config, {})[split] = summary
    return {
        c.name: {s: summaries[c.name][s] for s in SPLITS if s in summaries[c.name]}
        for c in REGISTRY
        if c.name in summaries
    }


def _write_changelog(
    partial: Path, version: str, previous: Path | None, features: dict[str, Features]
) -> str:
    """CHANGELOG.md against the previous version (semver checked); returns the card's summary."""
    changes = []
    prior = None
    if previous is not None:
        previous_features = read_features(previous)
        changes = schema_changes(previous_features, features)
        held = folder_version(previous) or previous.name  # publish() checked it states one
        check_semver(version, held, changes)
        history_path = previous / "CHANGELOG.md"
        history = history_path.read_text(encoding="utf-8") if history_path.exists() else ""
        prior = (held, snapshot(previous, previous_features), history)
    text, summary = render_changelog(version, snapshot(partial, features), changes, prior)
    (partial / "CHANGELOG.md").write_text(text, encoding="utf-8")
    return summary


def _write_card(
    partial: Path,
    options: PublishOptions,
    inputs: PublishInputs,
    figures: CardFigures,
    features: dict[str, Features],
    settings: ProjectSettings,
) -> tuple[str, Provenance]:
    """README.md from the figures, the inputs' agreement, the origins' descriptions and the
    baselines; returns its text and the provenance it told."""
    figures.agreement = inputs.agreement
    figures.adjudication = inputs.adjudication
    figures.fractions = options.fractions.as_dict()
    figures.split_salt = SPLIT_SALT
    figures.published_from = ", ".join(f"`{p.as_posix()}`" for p in inputs.sources.values())
    figures.load_target = options.repo_id or options.folder.as_posix()
    figures.revision = f"v{options.version}" if options.repo_id else None
    if options.baseline:
        figures.baseline = baseline_from_rows(figures.stance_rows, figures.quote_rows)
    provenance = provenance_of(figures, read_origins(options.annotations), options.license)
    data = card_data(
        figures,
        features,
        pretty_name=options.pretty_name,
        provenance=provenance,
        default_language=options.language,
    )
    statement = options.annotations / ANNOTATORS_STATEMENT
    if statement.exists():
        figures.annotators_statement = statement.read_text(encoding="utf-8").strip()
    readme = render_card(
        figures,
        features,
        data,
        template=options.template,
        pretty_name=options.pretty_name,
        provenance=provenance,
        settings=settings,
    )
    (partial / "README.md").write_text(readme, encoding="utf-8")
    return readme, provenance


def _write_croissant(
    partial: Path,
    options: PublishOptions,
    figures: CardFigures,
    features: dict[str, Features],
    card: tuple[str, Provenance],
    settings: ProjectSettings,
) -> None:
    """croissant.json: the configs' record sets and the RAI fields the card answers."""
    annotated = figures.human_articles
    per_item = (
        f"{figures.annotations / annotated:.2f} human annotations per human-labeled article"
        if annotated
        else None
    )
    readme, provenance = card
    repo_id = options.repo_id
    jsonld = build_croissant(
        name=options.pretty_name,
        description=DESCRIPTION,
        version=options.version,
        licenses=list(provenance.license.parts),
        url=f"https://huggingface.co/datasets/{repo_id}" if repo_id else settings.homepage,
        features=features,
        splits={config: list(s) for config, s in figures.splits.items()},
        languages=sorted(figures.languages) or [options.language],
        rai=rai_fields(
            readme,
            machine_tools=sorted(figures.model_versions) or ["none"],
            annotations_per_item=per_item,
            processes=sorted({a.process or "" for a in provenance.accounts}),
            collected="original" in provenance.source_datasets,
        ),
        citation=settings.citation,
        date_published=datetime.now(UTC),
    )
    write_croissant(partial / "croissant.json", jsonld)


def _policy(options: PublishOptions) -> LicensePolicy:
    return LicensePolicy.of(
        options.withhold_licenses,
        options.withhold_sources,
        options.publish_unknown_license,
        options.publish_licenses,
    )


def _texts(inputs: PublishInputs, batch: int) -> Iterator[str]:
    """Every article's text in file order, streamed (story grouping reads them twice)."""
    for rows in iter_corpus(inputs.article_files, ["text"], batch):
        for row in rows:
            yield row["text"] or ""


def _licenses(inputs: PublishInputs, options: PublishOptions) -> list[str | None]:
    """Every article's license and every described origin's (its imported targets')."""
    licenses: list[str | None] = []
    for rows in iter_corpus(inputs.article_files, ["license"], options.batch_articles):
        licenses.extend(row["license"] for row in rows)
    licenses.extend(o.license for o in read_origins(options.annotations).values())
    return licenses


def _refuse_or_select(
    inputs: PublishInputs, options: PublishOptions, ids: list[str], sources: list[str | None]
) -> list[PublishConfig]:
    """The configs to build, after the refusals that need nothing but the inputs."""
    configs = selected_configs(options.configs)
    refuse_unmatched_sources(_policy(options), sources)
    if options.withhold_licenses or options.publish_licenses:
        refuse_unmatched_licenses(_policy(options), _licenses(inputs, options))
    joins = table_joins(inputs, set(ids))
    refuse_unjoined(joins, options.annotations, len(ids))
    refuse_stale_gold(inputs, options.annotations)
    refuse_duplicate_gold(inputs, options.annotations)
    refuse_empty_configs(configs, bool(options.configs), joins, options.annotations)
    return configs


def _refuse_missing(
    configs: list[PublishConfig], summaries: dict[str, Any], options: PublishOptions
) -> None:
    """A config asked for by name that ended with no row (its labels failed every join)."""
    for config in configs:
        if config.name in options.configs and config.name not in summaries:
            raise UsageError(
                f"--config {config.name} ended empty: no article of the corpus gave it a row. "
                "Nothing was published."
            )


def publish(options: PublishOptions) -> PublishSummary:
    """Build, check and write one version; see the module docstring for the order of steps."""
    started = time.perf_counter()
    version = options.version
    parse_version(version)
    folder = options.folder
    _refuse_existing(folder, version)
    previous = options.previous or previous_version(folder.parent, version)
    if previous is not None and not (previous / "README.md").exists():
        raise UsageError(f"--previous {previous} is not a published folder (no README.md)")
    if previous is not None and folder_version(previous) is None:
        raise UsageError(
            f"--previous {previous} states no version (no croissant.json with one, and its name "
            "is not a version)"
        )
    if previous is not None:
        require_tree_inside(previous)  # its changelog is carried into this version's

    inputs = load_inputs(options.corpus, options.annotations)
    settings = load_settings(options.project)

    def column(name: str) -> list[Any]:  # in file order, as the batches come
        return inputs.article_keys.column(name).to_pylist()

    ids = column("id")
    configs = _refuse_or_select(inputs, options, ids, column("source"))
    clusters, splits = assign_splits(
        ids,
        column("duplicate_of"),
        options.fractions,
        story_pairs=find_story_pairs(lambda: _texts(inputs, options.batch_articles)),
        published=column("published"),
    )
    report = CheckReport()
    _duplicate_ids(ids, report)
    orphans = _orphans(inputs, set(ids))
    for leak in find_leaks(ids, column("content_sha256"), clusters, splits):
        report.add(CheckFailure("leakage", f"articles: {leak.kind} {leak.value}", leak.describe()))
    report.raise_if_failed()  # nothing is written while splits leak

    partials = clean_stale_partials(folder.parent)
    partial = make_partial(folder)
    try:
        figures = CardFigures(
            version=version, preannotator=QuoteScores(), story_sizes=story_sizes(clusters)
        )
        summaries = _write_rows(
            inputs, options, partial, (clusters, splits), configs, report, figures
        )
        report.raise_if_failed()
        _refuse_missing(configs, summaries, options)
        features = {config: features_for(config) for config in summaries}
        figures.splits = summaries
        figures.changelog = _write_changelog(partial, version, previous, features)
        card = _write_card(partial, options, inputs, figures, features, settings)
        _write_croissant(partial, options, figures, features, card, settings)

        report.extend(check_split_sizes(partial))
        report.extend(
            CheckFailure("croissant", "croissant.json", error)
            for error in validate_croissant(partial / "croissant.json")
        )
        report.raise_if_failed()

        files = [
            (path.relative_to(partial).as_posix(), path.stat().st_size)
            for path in sorted(partial.rglob("*"))
            if path.is_file()
        ]
        if options.dry_run:
            shutil.rmtree(partial)
        else:
            if folder.exists():
                folder.rmdir()  # empty, checked above
            partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return PublishSummary(
        folder=folder,
        version=version,
        dry_run=options.dry_run,
        splits={c: {s: v.num_examples for s, v in summaries[c].items()} for c in summaries},
        files=files,
        articles=figures.articles,
        withheld=figures.withheld,
        previous=str(previous) if previous is not None else None,
        changelog=figures.changelog,
        baseline=figures.baseline,
        seconds=time.perf_counter() - started,
        orphans=orphans,
        partials=partials,
    )
