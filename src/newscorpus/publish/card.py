"""The dataset card (README.md): YAML metadata the Hub and `datasets` read, and generated figures.

The YAML is written with the libraries' own serializers (huggingface_hub's `DatasetCardData`,
`datasets`' `MetadataConfigs` and `DatasetInfosDict`), so `configs`, `data_files` and the features
(class_label names, lists of structs as `list:`) are exactly what `load_dataset` parses. The prose
is the Jinja template `resources/dataset_card.md` shipped in the package, filled with the
sections of card_sections.py and provenance.py; every number in it is generated from the
published rows, never typed by hand. Never writes files; never talks to the Hub.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from datasets import DatasetInfo, Features, SplitDict, SplitInfo
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCard, DatasetCardData

from newscorpus import layout
from newscorpus.errors import UsageError
from newscorpus.publish import card_sections as sections
from newscorpus.publish.configs import DEFAULT_CONFIG, REGISTRY
from newscorpus.publish.features import SPLITS
from newscorpus.publish.figures import CardFigures
from newscorpus.publish.provenance import (
    Provenance,
    annotation_process,
    annotators_by_origin,
    citations_section,
)
from newscorpus.publish.settings import ProjectSettings
from newscorpus.publish.stories import STORY_OVERLAP

TASK_CATEGORIES = ["text-classification", "token-classification"]
TASK_IDS = ["multi-class-classification"]
# Stance detection and quotation attribution have no Hub task id: they go in tags.
TAGS = ["stance-detection", "quotation-attribution", "quote-extraction", "news"]
DEFAULT_TEMPLATE = layout.CARD_TEMPLATE


def data_path_pattern(config: str, split: str) -> str:
    return f"data/{config}/{split}-*.parquet"


def data_files_of(card_data: DatasetCardData) -> dict[str, dict[str, str]]:
    """{config: {split: pattern}} from the card's `configs`."""
    out: dict[str, dict[str, str]] = {}
    for name, params in MetadataConfigs.from_dataset_card_data(card_data).items():
        files = params.get("data_files") or []
        out[name] = {
            entry["split"]: entry["path"]
            for entry in files
            if isinstance(entry, dict) and isinstance(entry.get("path"), str)
        }
    return out


def size_category(n: int) -> str:
    for bound, label in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
        (10_000_000, "1M<n<10M"),
    ):
        if n < bound:
            return label
    return "10M<n<100M"


def card_data(
    figures: CardFigures,
    features: dict[str, Features],
    *,
    pretty_name: str,
    provenance: Provenance,
    default_language: str,
) -> DatasetCardData:
    """The YAML header: Hub metadata, `configs` with data_files, `dataset_info` per config."""
    configs = [c.name for c in REGISTRY if figures.splits.get(c.name)]
    if not configs:
        raise UsageError("nothing to publish: every config is empty")
    default = DEFAULT_CONFIG if DEFAULT_CONFIG in configs else configs[0]
    languages = sorted(figures.languages) or [default_language]
    license = provenance.license
    extra = (
        {"license_name": license.name, "license_details": license.details} if license.name else {}
    )
    data = DatasetCardData(
        pretty_name=pretty_name,
        license=license.hub,
        **extra,
        language=languages,
        multilinguality="monolingual" if len(languages) == 1 else "multilingual",
        size_categories=[size_category(figures.articles)],
        task_categories=TASK_CATEGORIES,
        task_ids=TASK_IDS,
        tags=TAGS,
        annotations_creators=provenance.creators,
        language_creators=["found"],
        source_datasets=provenance.source_datasets,
    )
    metadata = MetadataConfigs(
        {
            config: {
                "data_files": [
                    {"split": split, "path": data_path_pattern(config, split)}
                    for split in SPLITS
                    if split in figures.splits[config]
                ],
                **({"default": True} if config == default else {}),
            }
            for config in configs
        }
    )
    metadata.to_dataset_card_data(data)
    infos = DatasetInfosDict()
    for config in configs:
        summaries = figures.splits[config]
        split_dict = SplitDict()
        for split in SPLITS:
            if split in summaries:
                s = summaries[split]
                split_dict.add(SplitInfo(split, num_bytes=s.num_bytes, num_examples=s.num_examples))
        infos[config] = DatasetInfo(
            features=features[config],
            splits=split_dict,
            download_size=sum(f.stat().st_size for s in summaries.values() for f in s.files),
            dataset_size=sum(s.num_bytes for s in summaries.values()),
            config_name=config,
        )
    infos.to_dataset_card_data(data)
    return data


def load_example(figures: CardFigures, config: str) -> str:
    revision = f', revision="{figures.revision}"' if figures.revision else ""
    return f'load_dataset("{figures.load_target}", "{config}"{revision})'


def render_card(
    figures: CardFigures,
    features: dict[str, Features],
    data: DatasetCardData,
    *,
    template: Path | None = None,
    pretty_name: str,
    provenance: Provenance,
    settings: ProjectSettings,
) -> str:
    """README.md text: the template filled with the YAML header and the generated sections."""
    path = template or DEFAULT_TEMPLATE
    if not path.exists():
        raise UsageError(f"card template {path} is missing (give --template)")
    configs = [c.name for c in REGISTRY if figures.splits.get(c.name)]
    card = DatasetCard.from_template(
        data,
        template_path=str(path),
        pretty_name=pretty_name,
        license=provenance.license.hub,
        license_text=sections.license_text(provenance),
        authors=", ".join(settings.authors),
        homepage=settings.homepage,
        project_citation=settings.citation,
        contact=settings.contact,
        collection_summary=sections.collection_summary(figures),
        version=figures.version,
        articles=figures.articles,
        withheld=figures.withheld,
        annotators=len(figures.annotators),
        annotations=figures.annotations,
        configs=configs,
        default_config=DEFAULT_CONFIG if DEFAULT_CONFIG in configs else configs[0],
        load_examples="\n".join(f"ds = {load_example(figures, c)}" for c in configs),
        split_table=sections.split_table(figures),
        fields_section=sections.fields_section(features, figures),
        labels_section=sections.labels_section(figures),
        annotators_statement=figures.annotators_statement,
        annotation_process=annotation_process(figures, provenance.accounts, provenance.cited),
        agreement_section=sections.agreement_section(figures, provenance),
        preannotator_section=sections.preannotator_section(figures),
        sources_section=sections.sources_section(figures, provenance),
        citations_section=citations_section(provenance.cited),
        withheld_reasons=sections.withheld_reasons(figures),
        withheld_targets=sections.withheld_targets_section(figures),
        unknown_published=figures.unknown_published,
        bio_section=sections.bio_section(figures),
        examples_section=sections.examples_section(figures, features),
        annotators_by_origin=annotators_by_origin(provenance.accounts),
        worked_examples=any(a.process == "worked-examples" for a in provenance.accounts),
        story_overlap=STORY_OVERLAP,
        stories_multi=sum(size > 1 for size in figures.story_sizes),
        story_largest=figures.story_sizes[0] if figures.story_sizes else 0,
        baseline_section=sections.baseline_section(figures),
        fractions=", ".join(f"{k} {v:g}" for k, v in figures.fractions.items()),
        split_salt=figures.split_salt,
        changelog=figures.changelog,
        languages=", ".join(sorted(figures.languages)) or "unknown",
        published_from=figures.published_from,
        year=datetime.now(UTC).year,
    )
    return str(card)
