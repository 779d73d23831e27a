"""The stance model on synthetic claims and bodies: learns, repeats itself, refuses what it
does not know, and survives a save and load."""

from __future__ import annotations

import dataclasses
import json

import pytest
from stance_synth import synthetic_pairs

from newscorpus.errors import UsageError
from newscorpus.labels import STANCE_LABELS
from newscorpus.preannotate.stance import model as stance_model
from newscorpus.preannotate.stance.metrics import score

TRAIN_CLAIMS = 24


def _split(pairs):
    """Claims (and their bodies) below TRAIN_CLAIMS train; the rest are new to the model."""
    first = [int(p.body_id[1:].split("-")[0]) < TRAIN_CLAIMS for p in pairs]
    train = [p for p, keep in zip(pairs, first, strict=True) if keep]
    held_out = [p for p, keep in zip(pairs, first, strict=True) if not keep]
    return train, held_out


@pytest.fixture(scope="module")
def data():
    return _split(synthetic_pairs())


@pytest.fixture(scope="module")
def trained(data):
    return stance_model.train(data[0], source="synthetic")


def test_predicts_stance_of_bodies_it_never_saw(trained, data):
    held_out = data[1]
    figures = score([p.stance for p in held_out], trained.predict(held_out))
    assert figures.fnc >= 0.9
    assert figures.macro_f1 >= 0.9


def test_same_data_gives_the_same_predictions(trained, data):
    again = stance_model.train(data[0], source="synthetic")
    held_out = [dataclasses.replace(p, stance=None) for p in data[1]]
    features = stance_model.pair_features(trained.vectors, held_out)
    assert again.predict(held_out) == trained.predict(held_out)
    assert (again.stance.predict_proba(features) == trained.stance.predict_proba(features)).all()
    assert again.card["training_data"]["sha256"] == trained.card["training_data"]["sha256"]


def test_training_refuses_an_unknown_label(data):
    pairs = list(data[0])
    pairs[3] = dataclasses.replace(pairs[3], stance="favor")
    with pytest.raises(UsageError, match=r"synthetic: pair 4: unknown stance 'favor'"):
        stance_model.train(pairs, source="synthetic")


def test_training_refuses_data_missing_a_label(data):
    pairs = [p for p in data[0] if p.stance != "disagree"]
    with pytest.raises(UsageError, match="no training pair labeled disagree"):
        stance_model.train(pairs, source="synthetic")


def test_prediction_refuses_data_with_an_unknown_label(trained, data):
    pairs = [dataclasses.replace(data[1][0], stance="maybe")]
    with pytest.raises(UsageError, match=r"test\.csv: pair 1: unknown stance 'maybe'"):
        trained.predict(pairs, source="test.csv")


def test_labels_map_onto_the_project_stance_labels(trained):
    assert trained.project_labels(["agree", "disagree", "discuss", "unrelated"]) == [
        "favor",
        "against",
        "neutral",
        "none",
    ]
    assert set(trained.label_map.values()) <= set(STANCE_LABELS)


def test_saved_model_predicts_the_same_after_loading(trained, data, tmp_path):
    stance_model.save(trained, tmp_path / "m")
    loaded = stance_model.load(tmp_path / "m")
    assert loaded.predict(data[1]) == trained.predict(data[1])


def test_card_records_version_labels_data_hash_and_libraries(trained, tmp_path):
    stance_model.save(trained, tmp_path / "m")
    card = json.loads((tmp_path / "m" / stance_model.CARD_FILE).read_text(encoding="utf-8"))
    assert card["version"] == stance_model.MODEL_VERSION
    assert card["label_map"] == {
        "agree": "favor",
        "disagree": "against",
        "discuss": "neutral",
        "unrelated": "none",
    }
    assert card["training_data"]["sha256"] == trained.card["training_data"]["sha256"]
    assert set(card["libraries"]) >= {"scikit-learn", "numpy", "joblib"}
    assert card["features"]["names"] == list(stance_model.feature_names())


def test_a_model_file_that_does_not_match_its_card_is_refused(trained, tmp_path):
    stance_model.save(trained, tmp_path / "m")
    with (tmp_path / "m" / stance_model.MODEL_FILE).open("ab") as handle:
        handle.write(b"x")
    with pytest.raises(UsageError, match="does not match the sha256"):
        stance_model.load(tmp_path / "m")


def test_a_folder_without_a_card_says_how_to_make_one(tmp_path):
    with pytest.raises(UsageError, match="newscorpus stance train"):
        stance_model.load(tmp_path)
