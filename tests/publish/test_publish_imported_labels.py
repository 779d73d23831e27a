"""Labels imported beside a Label Studio campaign: a stance-only import (FNC-1's shape) gives
`stance` rows and nothing else, and its targets' texts are withheld like its articles' texts.

Inputs are the synthetic tables of test_publish_build with a stance import added on top, as
`newscorpus import fnc1` writes it (origin `fnc1`, one annotator, a target per headline, no
license); the headline is synthetic.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_publish_build import (
    ORIGIN,
    TARGET,
    TARGET_ID,
    options_for,
    record_resolved,
    write_inputs,
)

from newscorpus import schema
from newscorpus.annotate.imports.targets import target_id, write_targets
from newscorpus.annotate.origins import FNC1, IMPORTED, Origin, write_origin
from newscorpus.labels import LABEL_SOURCES
from newscorpus.publish.build import publish
from newscorpus.publish.hydrate import hydrate

HEADLINE = "Ferry to Orrin Bay stops for the winter (synthetic headline)"
IMPORTED_TARGET = target_id(FNC1, HEADLINE)
HUMAN = 3  # articles 0-2: the Label Studio campaign's quotes and stance
STANCE_ONLY = (5, 6)  # articles with imported stance only
BOTH = 1  # a campaign article that the stance import labels too
PUBLISHED_TEXT = 5  # its license is recorded: its text is published, the headline is not
_HUMAN, _MACHINE = LABEL_SOURCES.index("human"), LABEL_SOURCES.index("machine")


def _append(path: Path, table_schema: pa.Schema, rows: list[dict]) -> None:
    old = pq.read_table(path).to_pylist()
    pq.write_table(pa.Table.from_pylist(old + rows, schema=table_schema), path)


def _import_stance(root: Path, written: dict) -> dict[int, str]:
    """FNC-1-like labels on articles STANCE_ONLY and BOTH; returns index -> article id."""
    annotations = root / "annotations"
    ids = {
        i: a["id"] for i, a in enumerate(a for a in written["articles"] if not a["duplicate_of"])
    }
    part = root / "corpus" / "articles" / "part-00000.parquet"
    articles = pq.read_table(part).to_pylist()
    for a in articles:
        if a["id"] == ids[6]:
            a["license"] = None  # as FNC-1's bodies: no license recorded
    pq.write_table(pa.Table.from_pylist(articles, schema=schema.ARTICLES), part)
    digests = {a["id"]: a["content_sha256"] for a in articles}
    human, gold = [], []
    for i in (*STANCE_ONLY, BOTH):
        article = {"article_id": ids[i], "content_sha256": digests[ids[i]], "target_id": None}
        article["target_id"] = IMPORTED_TARGET
        human.append(
            article
            | {"annotation_id": f"fnc1/{ids[i]}/ann-release", "annotator": "ann-release"}
            | {"ground_truth": False, "stance": "against", "origin": FNC1}
        )
        gold.append(
            article
            | {"stance": "against", "resolution": "single", "support": 1, "annotations": 1}
            | {"origin": FNC1}
        )
    _append(annotations / "stance.parquet", schema.ANNOTATED_STANCE, human)
    _append(annotations / "gold" / "stance.parquet", schema.GOLD_STANCE, gold)
    record_resolved(annotations)
    write_targets(annotations, FNC1, {IMPORTED_TARGET: HEADLINE})
    write_origin(
        annotations,
        Origin(FNC1, IMPORTED, "Synthetic headlines", "Stance of bodies toward headlines."),
    )
    return ids


def _rows(folder: Path, config: str) -> list[dict]:
    return [
        row
        for path in sorted((folder / "data" / config).glob("*.parquet"))
        for row in pq.read_table(path).to_pylist()
    ]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, dict[int, str]]:
    root = tmp_path_factory.mktemp("imported-stance")
    written = write_inputs(root, n=8, human=HUMAN, restricted=(), twins=())
    return root, _import_stance(root, written)


@pytest.fixture(scope="module")
def published(inputs) -> tuple[Path, dict[int, str]]:
    root, ids = inputs
    publish(options_for(root, baseline=False))
    return root / "dist" / "1.0.0", ids


def test_stance_gold_alone_makes_no_human_quote_rows(published):
    folder, ids = published
    quotes = {r["article_id"]: r for r in _rows(folder, "quotes")}
    for i in STANCE_ONLY:  # the machine suggestions, said to be machine
        assert (quotes[ids[i]]["label_source"], quotes[ids[i]]["origin"]) == (_MACHINE, None)
        assert quotes[ids[i]]["annotators"] == 0
    human = sorted(a for a, r in quotes.items() if r["label_source"] == _HUMAN)
    assert human == sorted(ids[i] for i in range(HUMAN))
    bio = {(r["article_id"], r["label_source"]) for r in _rows(folder, "quotes_bio")}
    assert (ids[6], _HUMAN) not in bio and (ids[5], _HUMAN) not in bio


def test_stance_gold_alone_still_makes_human_stance_rows(published):
    folder, ids = published
    rows = [r for r in _rows(folder, "stance") if r["target_id"] == IMPORTED_TARGET]
    assert sorted(r["article_id"] for r in rows) == sorted(ids[i] for i in (*STANCE_ONLY, BOTH))
    assert {(r["label_source"], r["origin"], r["annotators"]) for r in rows} == {(_HUMAN, FNC1, 1)}


def test_imported_stance_leaves_a_campaign_articles_quote_origin_and_annotators(published):
    folder, ids = published
    (row,) = [r for r in _rows(folder, "quotes") if r["article_id"] == ids[BOTH]]
    assert (row["label_source"], row["origin"], row["annotators"]) == (_HUMAN, ORIGIN, 2)
    stance = {r["target_id"]: r for r in _rows(folder, "stance") if r["article_id"] == ids[BOTH]}
    assert stance[TARGET_ID]["origin"] == ORIGIN and stance[TARGET_ID]["annotators"] == 2


def test_an_imported_target_of_unknown_license_is_withheld_like_article_text(published):
    folder, ids = published
    rows = {
        r["article_id"]: r for r in _rows(folder, "stance") if r["target_id"] == IMPORTED_TARGET
    }
    assert rows[ids[6]]["text_withheld"] and not rows[ids[PUBLISHED_TEXT]]["text_withheld"]
    for row in rows.values():
        assert (row["target"], row["target_withheld"]) == (None, True)
    own = [r for r in _rows(folder, "stance") if r["target_id"] == TARGET_ID]
    assert own and {(r["target"], r["target_withheld"]) for r in own} == {(TARGET, False)}


def test_no_published_file_holds_the_withheld_target_text(published):
    folder, _ = published
    for config in ("articles", "quotes", "stance", "quotes_bio", "annotations_raw"):
        assert HEADLINE not in json.dumps(_rows(folder, config), default=str), config
    for name in ("README.md", "croissant.json", "CHANGELOG.md"):
        assert HEADLINE not in (folder / name).read_text(encoding="utf-8"), name


def test_the_card_says_the_target_is_withheld_and_how_to_restore_it(published):
    folder, _ = published
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert (
        "1 stance target(s) are published **without their text** (1 imported with `fnc1`: " in card
    )
    assert "`newscorpus hydrate` restores it from your own copy of the source" in card


def test_publishing_unknown_licenses_publishes_the_target_text_too(inputs, tmp_path):
    root, _ = inputs
    options = options_for(root, baseline=False, publish_unknown_license=True)
    publish(options.__class__(**{**options.__dict__, "out": tmp_path / "1.0.0"}))
    rows = [r for r in _rows(tmp_path / "1.0.0", "stance") if r["target_id"] == IMPORTED_TARGET]
    assert rows and {(r["target"], r["target_withheld"]) for r in rows} == {(HEADLINE, False)}


def test_hydrate_restores_a_withheld_target_from_the_imported_targets_table(inputs, published):
    root, _ = inputs
    folder, _ = published
    out = root / "hydrated-from-tables"
    s = hydrate(folder, [root / "corpus", root / "annotations" / "targets"], out)
    assert (s.targets_withheld, s.targets_restored, s.targets_missing) == (1, 1, [])
    rows = [r for r in _rows(out, "stance") if r["target_id"] == IMPORTED_TARGET]
    assert {(r["target"], r["target_withheld"]) for r in rows} == {(HEADLINE, True)}


def _csv(path: Path, headline: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("Headline", "Body ID", "Stance"), (headline, "7", "disagree")])
    return path


def test_hydrate_restores_a_withheld_target_from_the_sources_csv(inputs, published):
    root, _ = inputs
    folder, _ = published
    copy = _csv(root / "stances.csv", HEADLINE.replace(" ", "  "))  # spacing does not matter
    s = hydrate(folder, [copy], root / "hydrated-from-csv")
    assert (s.targets_restored, s.targets_missing) == (1, [])


def test_hydrate_takes_no_text_that_does_not_give_the_targets_id(inputs, published):
    root, _ = inputs
    folder, _ = published
    copy = _csv(root / "other.csv", HEADLINE.replace("winter", "summer"))
    s = hydrate(folder, [copy], root / "hydrated-wrong")
    assert (s.targets_restored, s.targets_missing) == (0, [IMPORTED_TARGET])
    rows = [r for r in _rows(root / "hydrated-wrong", "stance") if r["target_withheld"]]
    assert rows and {r["target"] for r in rows} == {None}
