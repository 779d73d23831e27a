"""croissant.json: the published folder described in Croissant 1.1, with the RAI fields that apply.

Built with mlcroissant's own node classes, so what we write is what `mlcroissant validate` parses:
one FileSet per config (its Parquet shards), one RecordSet per config whose fields mirror the
`datasets` features (lists as arrays, structs as sub-fields), and a split field read from each
shard's path. A ClassLabel is an integer field whose description names its enumeration RecordSet,
which holds the class names as data (index -> name). The label field does not `reference` it:
mlcroissant 1.x turns a reference into a join, which empties split-filtered reads and fails on
label arrays (BIO tags). The split regex matches
the shard path and the bare split name alike: mlcroissant turns it into the file glob a split
filter reads (`records(..., filters={"<config>/split": "test"})`). Never talks to the network;
never writes anything but the JSON it is asked to.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import mlcroissant as mlc
from datasets import ClassLabel, Features, List, Value

from newscorpus.labels import BIO_TAGS, LABEL_SOURCES, QUOTE_KINDS, STANCE_LABELS
from newscorpus.publish.configs import REGISTRY, PublishConfig
from newscorpus.publish.features import SPLITS

CONFORMS_TO = ["http://mlcommons.org/croissant/1.1", "http://mlcommons.org/croissant/RAI/1.0"]
LICENSE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "mit": "https://spdx.org/licenses/MIT.html",
    "apache-2.0": "https://spdx.org/licenses/Apache-2.0.html",
    "odc-by": "https://opendatacommons.org/licenses/by/1-0/",
}


def _data_type(feature: Value) -> Any:
    dtype = feature.dtype
    if dtype == "string":
        return mlc.DataType.TEXT
    if dtype == "bool":
        return mlc.DataType.BOOL
    if dtype.startswith(("int", "uint")):
        return mlc.DataType.INTEGER
    if dtype.startswith("float"):
        return mlc.DataType.FLOAT
    if dtype.startswith("timestamp"):
        return mlc.DataType.DATETIME
    return mlc.DataType.TEXT


# The enumeration RecordSet of each class vocabulary, by its names.
VOCABULARIES = {
    tuple(QUOTE_KINDS): "quote_kinds",
    tuple(STANCE_LABELS): "stance_labels",
    tuple(LABEL_SOURCES): "label_sources",
    tuple(BIO_TAGS): "bio_tags",
}


def vocabulary_id(label: ClassLabel) -> str:
    names = tuple(label.names)
    return VOCABULARIES.get(names) or "classes_" + "_".join(names)


def _class_record_set(ctx: mlc.Context, record_id: str, names: list[str]) -> mlc.RecordSet:
    """An enumeration: the class names of a ClassLabel, keyed by their index."""
    return mlc.RecordSet(
        ctx=ctx,
        id=record_id,
        name=record_id,
        description=f"Class names (index -> name) of the label fields that name this record set: "
        f"{', '.join(names)}.",
        is_enumeration=True,
        key=[f"{record_id}/index"],
        fields=[
            mlc.Field(
                ctx=ctx, id=f"{record_id}/index", name="index", data_types=[mlc.DataType.INTEGER]
            ),
            mlc.Field(ctx=ctx, id=f"{record_id}/name", name="name", data_types=[mlc.DataType.TEXT]),
        ],
        data=[{f"{record_id}/index": i, f"{record_id}/name": n} for i, n in enumerate(names)],
    )


def _field(
    ctx: mlc.Context,
    field_id: str,
    name: str,
    feature: Any,
    description: str,
    source: mlc.Source,
) -> mlc.Field:
    is_array = isinstance(feature, List)
    inner = feature.feature if is_array else feature
    kwargs: dict[str, Any] = {"is_array": True, "array_shape": "-1"} if is_array else {}
    if isinstance(inner, dict):
        sub_fields = [
            _field(
                ctx,
                f"{field_id}/{sub}",
                sub,
                sub_feature,
                _label_doc(sub_feature),
                mlc.Source(
                    ctx=ctx,
                    file_set=source.file_set,
                    extract=mlc.Extract(ctx=ctx, column=source.extract.column),
                    transforms=[mlc.Transform(ctx=ctx, json_path=sub)],
                ),
            )
            for sub, sub_feature in inner.items()
        ]
        return mlc.Field(
            ctx=ctx,
            id=field_id,
            name=name,
            description=description,
            sub_fields=sub_fields,
            source=source,
            **kwargs,
        )
    if isinstance(inner, ClassLabel):
        data_type = mlc.DataType.INTEGER
        description = f"{description} {_label_doc(inner)}".strip()
    else:
        data_type = _data_type(inner)
    return mlc.Field(
        ctx=ctx,
        id=field_id,
        name=name,
        description=description,
        data_types=[data_type],
        source=source,
        **kwargs,
    )


def _class_labels(feature: Any) -> dict[str, list[str]]:
    """Every ClassLabel inside a feature, by vocabulary id."""
    if isinstance(feature, ClassLabel):
        return {vocabulary_id(feature): list(feature.names)}
    if isinstance(feature, List):
        return _class_labels(feature.feature)
    if isinstance(feature, dict):
        found: dict[str, list[str]] = {}
        for sub in feature.values():
            found |= _class_labels(sub)
        return found
    return {}


def _label_doc(feature: Any) -> str:
    if isinstance(feature, List):
        feature = feature.feature
    if isinstance(feature, ClassLabel):
        classes = ", ".join(f"{i}={n}" for i, n in enumerate(feature.names))
        return f"Class index into the record set `{vocabulary_id(feature)}`: {classes}."
    return ""


def _split_record_set(ctx: mlc.Context, config: str, present: list[str]) -> mlc.RecordSet:
    """The config's split names, which its `split` field references."""
    split_set = f"{config}_splits"
    return mlc.RecordSet(
        ctx=ctx,
        id=split_set,
        name=split_set,
        description=f"Splits of the `{config}` config.",
        data_types=[mlc.DataType.SPLIT],
        key=[f"{split_set}/split_name"],
        fields=[
            mlc.Field(
                ctx=ctx,
                id=f"{split_set}/split_name",
                name="split_name",
                data_types=[mlc.DataType.TEXT],
            )
        ],
        data=[{f"{split_set}/split_name": s} for s in present],
    )


def split_regex(config: str) -> str:
    r"""The split of a shard path (data/<config>/<split>-NNNNN-of-NNNNN.parquet), also matching
    the bare split name (mlcroissant applies the transform to its own result again). Only `.+`
    and optional groups: mlcroissant turns it into file globs for split filters, and `\d` or
    character classes would become globs that match no file."""
    names = "|".join(SPLITS)
    return rf"^(?:data/{config}/)?({names})(?:-.+\.parquet)?$"


def _split_field(ctx: mlc.Context, config: str, file_set: str) -> mlc.Field:
    """The row's split, read from its shard's file name."""
    return mlc.Field(
        ctx=ctx,
        id=f"{config}/split",
        name="split",
        description="Split of the row, read from its shard's file name.",
        data_types=[mlc.DataType.TEXT],
        references=mlc.Source(ctx=ctx, field=f"{config}_splits/split_name"),
        source=mlc.Source(
            ctx=ctx,
            file_set=file_set,
            extract=mlc.Extract(ctx=ctx, file_property="fullpath"),
            transforms=[
                mlc.Transform(ctx=ctx, regex=split_regex(config)),
            ],
        ),
    )


def _config_nodes(
    ctx: mlc.Context, entry: PublishConfig, features: Features, present: list[str]
) -> tuple[mlc.FileSet, list[mlc.RecordSet]]:
    """One config: its Parquet shards, its splits, and its records with one field per feature."""
    config = entry.name
    file_set = f"{config}-parquet"
    shards = mlc.FileSet(
        ctx=ctx,
        id=file_set,
        name=file_set,
        description=f"Parquet shards of the `{config}` config.",
        encoding_formats=["application/x-parquet"],
        includes=[f"data/{config}/*.parquet"],
    )
    fields = [_split_field(ctx, config, file_set)]
    for field_name, feature in features.items():
        fields.append(
            _field(
                ctx,
                f"{config}/{field_name}",
                field_name,
                feature,
                entry.field_docs[field_name],
                mlc.Source(
                    ctx=ctx, file_set=file_set, extract=mlc.Extract(ctx=ctx, column=field_name)
                ),
            )
        )
    records = mlc.RecordSet(
        ctx=ctx, id=config, name=config, description=entry.description, fields=fields
    )
    return shards, [_split_record_set(ctx, config, present), records]


def build_croissant(
    *,
    name: str,
    description: str,
    version: str,
    licenses: list[str],
    url: str | None,
    features: dict[str, Features],
    splits: dict[str, list[str]],
    languages: list[str],
    rai: dict[str, Any],
    citation: str | None,
    date_published: datetime | None = None,
) -> dict[str, Any]:
    """The Croissant JSON-LD of a published folder (paths relative to the folder)."""
    ctx = mlc.Context()
    distribution: list[Any] = []
    record_sets: list[Any] = []
    vocabularies: dict[str, list[str]] = {}
    for entry in REGISTRY:
        present = [s for s in SPLITS if s in splits.get(entry.name, [])]
        if present:
            shards, config_record_sets = _config_nodes(ctx, entry, features[entry.name], present)
            distribution.append(shards)
            record_sets += config_record_sets
            vocabularies |= _class_labels(features[entry.name])
    record_sets += [_class_record_set(ctx, i, names) for i, names in sorted(vocabularies.items())]
    metadata = mlc.Metadata(
        ctx=ctx,
        name=name,
        description=description,
        conforms_to=CONFORMS_TO,
        cite_as=citation,
        url=url,
        version=version,
        license=[LICENSE_URLS.get(lic.lower(), lic) for lic in licenses],
        in_language=languages,
        keywords=["stance detection", "quotation attribution", "news", "NLP"],
        date_published=date_published or datetime.now(UTC),
        distribution=distribution,
        record_sets=record_sets,
        **rai,
    )
    return metadata.to_json()


# Card sections (dataset_card.md headings) that answer Croissant's RAI questions: the card's
# data statement is the single source of that prose.
RAI_SECTIONS = {
    "data_collection": "Data Collection and Processing",
    "data_collection_missing_data": "What was not collected",
    "data_annotation_protocol": "Annotation process",
    "data_annotation_analysis": "Agreement",
    "annotator_demographics": "Who are the annotators?",
    "personal_sensitive_information": "Personal and Sensitive Information",
    "data_biases": "Biases",
    "data_limitations": "Limitations",
    "data_use_cases": "Direct Use",
    "data_social_impact": "Social Impact",
    "data_release_maintenance_plan": "Versions and maintenance",
}
_MANY = {
    "data_annotation_protocol",
    "data_annotation_analysis",
    "annotator_demographics",
    "personal_sensitive_information",
    "data_biases",
    "data_limitations",
    "data_use_cases",
}
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def card_sections(markdown: str) -> dict[str, str]:
    """Heading -> text under it (up to the next heading of any level), front matter skipped."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _COMMENT.sub("", body).splitlines():
        match = _HEADING.match(line)
        if match:
            current = sections.setdefault(match[1], [])
        elif current is not None:
            current.append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}


# How the labels of each origin process were made, in Croissant's RAI terms.
PLATFORMS = {"labelstudio": "Label Studio", "worked-examples": "Label Studio"}
COLLECTION = {"imported": "Reuse of a published corpus"}


def rai_fields(
    markdown: str,
    *,
    machine_tools: list[str],
    annotations_per_item: str | None,
    processes: Sequence[str] = (),
    collected: bool = True,
) -> dict[str, Any]:
    """Croissant RAI fields from the rendered card, plus the generated ones; `processes` are the
    origin processes of the human labels (annotate.origins.PROCESSES), `collected` whether some
    articles come from pages the curators collected."""
    sections = card_sections(markdown)
    collection = ["Web Scraping"] if collected else []
    collection += sorted({COLLECTION[p] for p in processes if p in COLLECTION})
    rai: dict[str, Any] = {
        "data_collection_type": collection,
        "machine_annotation_tools": machine_tools,
    }
    platforms = sorted({PLATFORMS[p] for p in processes if p in PLATFORMS})
    if platforms:
        rai["data_annotation_platform"] = platforms
    if annotations_per_item:
        rai["annotations_per_item"] = annotations_per_item
    for key, heading in RAI_SECTIONS.items():
        text = sections.get(heading)
        if text:
            rai[key] = [text] if key in _MANY else text
    return rai


def write_croissant(path: Path, jsonld: dict[str, Any]) -> None:
    path.write_text(json.dumps(jsonld, indent=2, ensure_ascii=False, default=str) + "\n")


def validate_croissant(path: Path) -> list[str]:
    """Errors `mlcroissant` finds in the file (empty when valid)."""
    logging.getLogger("absl").setLevel(logging.ERROR)
    try:
        mlc.Dataset(jsonld=str(path))
    except mlc.ValidationError as err:
        return [line.strip() for line in str(err).splitlines() if line.strip()]
    return []
