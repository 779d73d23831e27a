"""croissant.json read back with mlcroissant: split filters return the split's rows, and class
names are in the file for every label field. Inputs are the synthetic tables of
test_publish_build."""

from __future__ import annotations

import json
import logging

import mlcroissant as mlc
import pytest
from datasets import ClassLabel, List
from test_publish_build import options_for, write_inputs

from newscorpus.publish.build import publish
from newscorpus.publish.configs import features_for
from newscorpus.publish.croissant import vocabulary_id


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("croissant")
    write_inputs(root, n=16, human=4)
    summary = publish(options_for(root, baseline=False))
    logging.getLogger("absl").setLevel(logging.ERROR)
    return root / "dist" / "1.0.0" / "croissant.json", summary


@pytest.mark.parametrize("config", ["articles", "stance", "quotes_bio"])
@pytest.mark.parametrize("split", ["train", "test"])
def test_a_split_filter_returns_the_rows_of_that_split(published, config, split):
    path, summary = published
    records = mlc.Dataset(jsonld=str(path)).records(
        record_set=config, filters={f"{config}/split": split}
    )
    rows = list(records)
    assert len(rows) == summary.splits[config][split] > 0
    assert {r[f"{config}/split"] for r in rows} == {split.encode()}


def _class_labels(feature, path=""):
    if isinstance(feature, ClassLabel):
        yield path, feature
    elif isinstance(feature, List):
        yield from _class_labels(feature.feature, path)
    elif isinstance(feature, dict):
        for name, sub in feature.items():
            yield from _class_labels(sub, f"{path}/{name}" if path else name)


def _fields(nodes):
    for node in nodes:
        yield node
        yield from _fields(node.get("subField", []))


def test_every_label_field_names_its_classes_in_the_file(published):
    path, summary = published
    data = json.loads(path.read_text())
    record_sets = {rs["@id"]: rs for rs in data["recordSet"]}
    dataset = mlc.Dataset(jsonld=str(path))
    checked = 0
    for config in summary.splits:
        fields = {f["@id"]: f for f in _fields(record_sets[config]["field"])}
        for field_path, label in _class_labels(features_for(config)):
            vocabulary = vocabulary_id(label)
            assert record_sets[vocabulary]["cr:isEnumeration"] is True
            names = [r[f"{vocabulary}/name"] for r in dataset.records(record_set=vocabulary)]
            assert [n.decode() if isinstance(n, bytes) else n for n in names] == label.names
            assert f"`{vocabulary}`" in fields[f"{config}/{field_path}"]["description"]
            checked += 1
    assert checked >= 8
