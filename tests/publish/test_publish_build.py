"""`newscorpus publish` end to end on a small synthetic corpus, loaded back offline with `datasets`.

The articles below are synthetic (written for these tests: invented towns and people). The input
tables are built with the project's pyarrow schemas, as the normalize, preannotate and Label Studio
stages write them. Nothing here contacts the Hub: HF_HUB_OFFLINE and HF_DATASETS_OFFLINE are set
and the cache lives in a temporary HF_HOME.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from huggingface_hub import DatasetCard

from newscorpus import schema
from newscorpus.annotate.agreement_files import write_agreement_file
from newscorpus.annotate.gold_sources import origin_digests, record_gold_sources
from newscorpus.errors import UsageError
from newscorpus.publish.build import PublishOptions, publish
from newscorpus.publish.checks import check_split_sizes
from newscorpus.publish.configs import CONFIG_NAMES, features_for
from newscorpus.publish.croissant import validate_croissant
from newscorpus.publish.features import SPLITS
from newscorpus.publish.splits import SplitFractions

TOWNS = ["Varnholt", "Eskerby", "Lunmouth", "Ketterfield", "Orrin Bay", "Dallowmere", "Sefton Rise"]
PEOPLE = [
    ("Mara Quillon", "Quillon", "mayor"),
    ("Teodor Ashgrove", "Ashgrove", "treasurer"),
    ("Ines Porlock", "Porlock", "planning chief"),
    ("Bram Okonjo", "Okonjo", "deputy mayor"),
    ("Lise Vandermeer", "Vandermeer", "council clerk"),
]
CRITICS = [
    ("Odile Brack", "Brack"),
    ("Henrik Solvay", "Solvay"),
    ("Ada Fenwright", "Fenwright"),
]
ACTIONS = [
    "build a ring road",
    "close the old ferry",
    "raise the parking fee",
    "open a night market",
]
CONSEQUENCES = ["cost more than promised", "push traffic into the villages", "hurt small shops"]
TARGET_ID = "council-plan"
TARGET = "The council's new plan is good for the town."
SYNTHETIC = "synthetic test article, written for newscorpus tests"
# What `ls pull` records on annotation rows; gold rows carry none (`ls agreement` reads exports).
ORIGIN = "labelstudio:synthetic test project"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_article(i: int, *, twin_of: int | None = None) -> tuple[str, list[dict]]:
    """Synthetic article i: text and its true quotes (content, speaker, cue spans, kind)."""
    town = TOWNS[i % len(TOWNS)]
    full, short, role = PEOPLE[i % len(PEOPLE)]
    critic, critic_short = CRITICS[i % len(CRITICS)]
    action = ACTIONS[i % len(ACTIONS)]
    consequence = CONSEQUENCES[i % len(CONSEQUENCES)]
    day = ["Monday", "Tuesday", "Wednesday", "Thursday"][i % 4]
    # Session {i} in every paragraph keeps distinct articles distinct stories (word 5-grams).
    lead = (
        f"The {town} council voted on {day} in session {i} to {action}, after a debate of "
        f"{3 + i % 5} hours."
    )
    if twin_of is not None:  # an updated copy of the same story: one word changed
        lead = lead.replace("after a debate", "after a long debate")
    paragraphs = [
        lead,
        f"\u201cThis is a good day for {town},\u201d said {full}, the council's {role} for ward "
        f"{i}, after session {i}.",
        f"{critic} warned in session {i} that the plan would {consequence}.",
        f"\u201cWe will keep watching the budget,\u201d {critic_short} added after session {i}.",
    ]
    text = "\n\n".join(paragraphs)

    def span(sub: str, after: int = 0) -> tuple[int, int]:
        start = text.index(sub, after)
        return start, start + len(sub)

    q1 = span(f"This is a good day for {town},")
    q2 = span(f"the plan would {consequence}")
    q3 = span("We will keep watching the budget,")
    quotes = [
        {
            "span": q1,
            "speaker": span(full, q1[1]),
            "cue": span("said", q1[1]),
            "kind": "direct",
            "stance": "favor",
            "speaker_name": full,
        },
        {
            "span": q2,
            "speaker": span(critic),
            "cue": span("warned"),
            "kind": "indirect",
            "stance": "against",
            "speaker_name": critic,
        },
        {
            "span": q3,
            "speaker": span(critic_short, q3[1]),
            "cue": span("added"),
            "kind": "direct",
            "stance": "neutral",
            "speaker_name": critic,
        },
    ]
    del short
    return text, quotes


def _paragraph_spans(text: str) -> list[dict[str, int]]:
    return [{"start": m.start(), "end": m.end()} for m in re.finditer(r"[^\n]+", text)]


def _quote_row(article_id: str, digest: str, text: str, q: dict, index: int) -> dict:
    (s, e), (ss, se), (cs, ce) = q["span"], q["speaker"], q["cue"]
    return {
        "article_id": article_id,
        "content_sha256": digest,
        "quote_index": index,
        "start": s,
        "end": e,
        "text": text[s:e],
        "kind": q["kind"],
        "speaker_start": ss,
        "speaker_end": se,
        "speaker_text": text[ss:se],
        "cue_start": cs,
        "cue_end": ce,
        "cue_text": text[cs:ce],
        "speaker_name": q["speaker_name"],
    }


def record_resolved(annotations: Path) -> None:
    """Record the annotation tables as they are now as what every origin's gold was resolved
    from, as `ls agreement` and `newscorpus import` do (annotate/gold_sources.py); origins the
    tables no longer hold are forgotten."""
    (annotations / "gold" / "sources.json").unlink(missing_ok=True)
    tables = {
        name: pq.read_table(annotations / name) if (annotations / name).exists() else None
        for name in ("quotes.parquet", "stance.parquet")
    }
    record_gold_sources(annotations / "gold", origin_digests(tables))


def write_inputs(
    root: Path,
    n: int = 40,
    human: int = 16,
    restricted: tuple[int, ...] = (5, 6),
    twins: tuple[int, ...] = (1, 9, 17),
) -> dict:
    """corpus/ and annotations/ under root; returns what was written, for assertions.

    Articles in `twins` get a near-duplicate copy pointing at them through `duplicate_of`;
    articles in `restricted` come from a source whose license forbids redistribution; the first
    `human` articles have two human annotations each and gold (annotator one wins).
    """
    articles, texts, truth = [], {}, {}
    order = []
    for i in range(n):
        order.append((i, None))
        if i in twins:
            order.append((i, i))
    ids_by_index: dict[int, str] = {}
    for i, twin_of in order:
        text, quotes = make_article(i, twin_of=twin_of)
        article_id = _sha("id:" + text)[:16]
        if twin_of is None:
            ids_by_index[i] = article_id
        withheld = i in restricted
        articles.append(
            {
                "id": article_id,
                "source_file": f"synthetic/{i}.txt",
                "input_format": "records",
                "record_index": None,
                "url": f"https://news.example/{i}{'-update' if twin_of is not None else ''}",
                "source": "Closed Wire" if withheld else "Example Gazette",
                "title": f"Council decision in {TOWNS[i % len(TOWNS)]} ({SYNTHETIC})",
                "authors": ["Staff Writer"],
                "agency": None,
                "published": datetime(2026, 1, 1 + i % 28, 12, tzinfo=UTC),
                "language": "en",
                "text": text,
                "paragraphs": _paragraph_spans(text),
                "captions": [f"The council chamber in {TOWNS[i % len(TOWNS)]}."],
                "license": "All rights reserved" if withheld else "CC-BY-4.0",
                "raw_sha256": _sha("raw:" + text),
                "content_sha256": _sha(text),
                "duplicate_of": ids_by_index[twin_of] if twin_of is not None else None,
                "pipeline_version": "normalize-rules-v1",
            }
        )
        texts[article_id] = text
        truth[article_id] = (i, quotes)
    (root / "corpus" / "articles").mkdir(parents=True)
    pq.write_table(
        pa.Table.from_pylist(articles, schema=schema.ARTICLES),
        root / "corpus" / "articles" / "part-00000.parquet",
    )

    predicted, targets = [], []
    for article in articles:
        article_id, digest, text = article["id"], article["content_sha256"], article["text"]
        i, quotes = truth[article_id]
        # The machine misses the indirect quote in every third article.
        kept = [q for q in quotes if not (q["kind"] == "indirect" and i % 3 == 0)]
        for index, q in enumerate(kept):
            row = _quote_row(article_id, digest, text, q, index)
            predicted.append(row | {"score": 0.9, "model_version": "quotes-rules-v1"})
        targets.append(
            {
                "article_id": article_id,
                "target_id": TARGET_ID,
                "target": TARGET,
                "score": 0.8,
                "matched_terms": ["council", "plan"],
                "model_version": "targets-rules-v1",
            }
        )
    annotations = root / "annotations"
    (annotations / "predictions").mkdir(parents=True)
    pq.write_table(
        pa.Table.from_pylist(predicted, schema=schema.QUOTE_PREDICTIONS),
        annotations / "predictions" / "quotes.parquet",
    )
    pq.write_table(
        pa.Table.from_pylist(targets, schema=schema.TARGET_PREDICTIONS),
        annotations / "predictions" / "targets.parquet",
    )

    human_quotes, human_stance, gold_quotes, gold_stance, ties = [], [], [], [], []
    labels = ["favor", "against", "neutral", "none"]
    created = datetime(2026, 2, 1, 9, tzinfo=UTC)
    human_ids = [a["id"] for a in articles if truth[a["id"]][0] < human][:human]
    for article_id in human_ids:
        i, quotes = truth[article_id]
        text, digest = texts[article_id], _sha(texts[article_id])
        stance = labels[i % 2] if i % 5 else labels[2]  # favor/against, some neutral
        for annotator, number in (("a" * 12, 1), ("b" * 12, 2)):
            annotation_id = f"{i}-{number}"
            meta = {
                "task_id": 100 + i,
                "annotation_id": annotation_id,
                "annotator": annotator,
                "ground_truth": False,
                "created_at": created,
                "updated_at": created,
                "lead_time": 30.0 + i,
                "origin": ORIGIN,
            }
            for index, q in enumerate(quotes):
                row = _quote_row(article_id, digest, text, q, index)
                del row["quote_index"]
                toward = TARGET_ID if q["stance"] else None  # the task's one target
                human_quotes.append(
                    row
                    | meta
                    | {"region_id": f"r{index}", "stance": q["stance"], "stance_target_id": toward}
                )
            # annotator two disagrees on every fourth article's stance
            label = stance if number == 1 or i % 4 else "none"
            human_stance.append(
                {"article_id": article_id, "content_sha256": digest, "target_id": TARGET_ID}
                | meta
                | {"stance": label}
            )
        resolution = {"resolution": "majority", "support": 2, "annotations": 2}
        for index, q in enumerate(quotes):
            row = _quote_row(article_id, digest, text, q, index)
            del row["quote_index"]
            gold_quotes.append(
                row
                | {"stance": q["stance"], "annotation_id": f"{i}-1"}
                | {"stance_target_id": TARGET_ID if q["stance"] else None}
                | resolution
            )
        if i % 4:  # the two annotators agreed; otherwise a tie, left for adjudication
            gold_stance.append(
                {
                    "article_id": article_id,
                    "content_sha256": digest,
                    "target_id": TARGET_ID,
                    "stance": stance,
                }
                | resolution
            )
        else:
            ties.append(
                {
                    "article_id": article_id,
                    "content_sha256": digest,
                    "item": "stance",
                    "target_id": TARGET_ID,
                    "votes": f"{stance}=1; none=1",
                }
            )
    pq.write_table(
        pa.Table.from_pylist(human_quotes, schema=schema.ANNOTATED_QUOTES),
        annotations / "quotes.parquet",
    )
    pq.write_table(
        pa.Table.from_pylist(human_stance, schema=schema.ANNOTATED_STANCE),
        annotations / "stance.parquet",
    )
    (annotations / "gold").mkdir()
    for rows, table_schema, name in (
        (gold_quotes, schema.GOLD_QUOTES, "quotes"),
        (gold_stance, schema.GOLD_STANCE, "stance"),
        (ties, schema.ADJUDICATION, "adjudication"),
    ):
        table = pa.Table.from_pylist(rows, schema=table_schema)
        pq.write_table(table, annotations / "gold" / f"{name}.parquet")
    record_resolved(annotations)
    write_agreement_file(  # what `ls agreement` writes for the rows' origin
        annotations,
        ORIGIN,
        {
            "articles_with_two_or_more": human,
            "annotation_pairs": human,
            "stance": {"alpha": 0.71, "units": human},
            "spans": {"Quote": {"f1": 1.0, "matched": 3 * human}},
        },
    )
    return {
        "articles": articles,
        "human_ids": human_ids,
        "restricted_ids": [a["id"] for a in articles if a["license"] == "All rights reserved"],
        "twins": [(a["id"], a["duplicate_of"]) for a in articles if a["duplicate_of"]],
    }


FRACTIONS = SplitFractions(0.5, 0.25, 0.25)


def options_for(root: Path, version: str = "1.0.0", **kwargs) -> PublishOptions:
    return PublishOptions(
        version=version,
        corpus=root / "corpus",
        annotations=root / "annotations",
        out=root / "dist" / version,
        fractions=FRACTIONS,
        **kwargs,
    )


@pytest.fixture
def offline_hf(tmp_path_factory, monkeypatch):
    """No network for `datasets`/`huggingface_hub`, and a cache that starts empty."""
    home = tmp_path_factory.mktemp("hf_home")
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(home / "datasets"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    import datasets.config
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", home / "datasets")
    return home


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, dict, object]:
    root = tmp_path_factory.mktemp("publish")
    written = write_inputs(root)
    summary = publish(options_for(root))
    return root, written, summary


def load(folder: Path, config: str, cache: Path):
    from datasets import load_dataset

    return load_dataset(str(folder), config, cache_dir=str(cache))


def test_every_config_loads_offline_with_declared_features_and_card_split_sizes(
    published, offline_hf
):
    root, _, summary = published
    folder = root / "dist" / "1.0.0"
    card = DatasetCard.load(folder / "README.md")
    infos = {info["config_name"]: info for info in card.data.dataset_info}
    assert set(infos) == set(CONFIG_NAMES)
    for config in CONFIG_NAMES:
        ds = load(folder, config, offline_hf / "cache")
        declared = features_for(config)
        for split in ds:
            assert ds[split].features == declared, config
        card_sizes = {s["name"]: s["num_examples"] for s in infos[config]["splits"]}
        assert {split: ds[split].num_rows for split in ds} == card_sizes
        assert card_sizes == summary.splits[config]


def test_class_label_names_survive_the_round_trip(published, offline_hf):
    root, _, _ = published
    ds = load(root / "dist" / "1.0.0", "stance", offline_hf / "cache")["train"]
    assert ds.features["label"].names == ["favor", "against", "neutral", "none"]
    assert ds.features["label_source"].names == ["human", "machine"]
    bio = load(root / "dist" / "1.0.0", "quotes_bio", offline_hf / "cache")["train"]
    assert bio.features["tags"].feature.names[:3] == ["O", "B-QUOTE", "I-QUOTE"]


def test_all_three_splits_are_published(published):
    _, _, summary = published
    assert set(summary.splits["articles"]) == set(SPLITS)


def test_card_yaml_lists_configs_with_one_default_and_lists_of_structs_as_list(published):
    root, _, _ = published
    readme = (root / "dist" / "1.0.0" / "README.md").read_text()
    card = DatasetCard.load(root / "dist" / "1.0.0" / "README.md")
    defaults = [c["config_name"] for c in card.data.configs if c.get("default")]
    assert defaults == ["quotes"]
    for config in card.data.configs:
        for entry in config["data_files"]:
            assert entry["path"] == f"data/{config['config_name']}/{entry['split']}-*.parquet"
    assert "sequence:" not in readme
    assert "list:" in readme
    for key in (
        "license",
        "language",
        "pretty_name",
        "task_categories",
        "task_ids",
        "tags",
        "size_categories",
        "annotations_creators",
        "source_datasets",
        "multilinguality",
    ):
        assert card.data.get(key), key
    assert "stance-detection" in card.data.tags
    assert card.data.annotations_creators == ["expert-generated", "machine-generated"]


def test_card_figures_are_generated_not_placeholders(published):
    root, _, summary = published
    text = (root / "dist" / "1.0.0" / "README.md").read_text()
    assert "{{" not in text and "[More Information Needed]" not in text
    assert f"| `articles` | {summary.splits['articles']['train']} |" in text
    assert "| `stance.alpha` | 0.710 |" in text  # agreement from `ls agreement`
    assert "Awaiting adjudication, left out of gold: 4 stance tie(s)." in text
    assert "Pre-annotator quality" in text and "| recall |" in text
    assert "Closed Wire" in text and "withheld" in text
    assert "What was not collected" in text


def test_data_files_follow_the_shard_naming(published):
    root, _, _ = published
    names = sorted(p.name for p in (root / "dist" / "1.0.0" / "data" / "stance").iterdir())
    assert names == [f"{s}-00000-of-00001.parquet" for s in ("test", "train", "validation")]


def test_gold_rows_are_human_and_the_rest_machine(published, offline_hf):
    root, written, _ = published
    ds = load(root / "dist" / "1.0.0", "quotes", offline_hf / "cache")
    human = ds["train"].features["label_source"].names.index("human")
    by_source = {}
    for split in ds:
        for row in ds[split]:
            by_source[row["article_id"]] = row["label_source"]
    assert {a for a, s in by_source.items() if s == human} == set(written["human_ids"])
    assert len(by_source) == len(written["articles"])


def test_a_human_quote_stance_names_its_target_and_a_machine_one_none(published, offline_hf):
    root, _, _ = published
    ds = load(root / "dist" / "1.0.0", "quotes", offline_hf / "cache")
    human = ds["train"].features["label_source"].names.index("human")
    targets = {
        (row["label_source"] == human, q["stance"] is not None, q["stance_target_id"])
        for split in ds
        for row in ds[split]
        for q in row["quotes"]
    }
    assert (True, True, TARGET_ID) in targets
    assert {t for human_row, stance, t in targets if not (human_row and stance)} == {None}


def test_machine_stance_rows_have_no_label(published, offline_hf):
    root, _, _ = published
    ds = load(root / "dist" / "1.0.0", "stance", offline_hf / "cache")
    machine = ds["train"].features["label_source"].names.index("machine")
    rows = [r for split in ds for r in ds[split]]
    assert any(r["label_source"] == machine for r in rows)
    assert all(r["label"] is None for r in rows if r["label_source"] == machine)
    assert all(r["label"] is not None for r in rows if r["label_source"] != machine)


def test_quote_offsets_point_at_their_text(published, offline_hf):
    root, _, _ = published
    ds = load(root / "dist" / "1.0.0", "quotes", offline_hf / "cache")
    checked = 0
    for split in ds:
        for row in ds[split]:
            if row["text_withheld"]:
                continue
            for q in row["quotes"]:
                assert row["text"][q["start"] : q["end"]] == q["text"]
                checked += 1
    assert checked > 50


def test_restricted_sources_are_published_without_text(published, offline_hf):
    root, written, _ = published
    ds = load(root / "dist" / "1.0.0", "articles", offline_hf / "cache")
    rows = {r["id"]: r for split in ds for r in ds[split]}
    for article_id in written["restricted_ids"]:
        row = rows[article_id]
        assert row["text_withheld"] and row["text"] is None and row["title"] is None
        assert row["captions"] == [] and row["content_sha256"] and row["paragraphs"]
    quotes = load(root / "dist" / "1.0.0", "quotes", offline_hf / "cache")
    for split in quotes:
        for row in quotes[split]:
            if row["article_id"] in written["restricted_ids"]:
                assert row["text"] is None
                assert all(q["text"] is None and q["start"] is not None for q in row["quotes"])
    bio = load(root / "dist" / "1.0.0", "quotes_bio", offline_hf / "cache")
    for split in bio:
        for row in bio[split]:
            if row["article_id"] in written["restricted_ids"]:
                assert row["tokens"] is None and row["offsets"]


def test_near_duplicates_share_a_split(published, offline_hf):
    root, written, _ = published
    ds = load(root / "dist" / "1.0.0", "articles", offline_hf / "cache")
    split_of = {r["id"]: split for split in ds for r in ds[split]}
    assert written["twins"]
    for twin, representative in written["twins"]:
        assert split_of[twin] == split_of[representative]


def test_annotations_raw_has_one_row_per_annotation(published, offline_hf):
    root, written, _ = published
    ds = load(root / "dist" / "1.0.0", "annotations_raw", offline_hf / "cache")
    rows = [r for split in ds for r in ds[split]]
    assert len(rows) == 2 * len(written["human_ids"])
    assert {r["annotator"] for r in rows} == {"a" * 12, "b" * 12}
    assert all(len(r["quotes"]) == 3 and len(r["stances"]) == 1 for r in rows)


def test_croissant_file_is_valid_under_mlcroissant(published):
    root, _, _ = published
    path = root / "dist" / "1.0.0" / "croissant.json"
    assert validate_croissant(path) == []
    data = json.loads(path.read_text())
    assert "http://mlcommons.org/croissant/1.1" in data["conformsTo"]
    assert data["rai:dataCollection"] and data["rai:personalSensitiveInformation"]


def test_croissant_records_read_back_the_stance_rows(published):
    import mlcroissant as mlc

    root, _, summary = published
    dataset = mlc.Dataset(jsonld=str(root / "dist" / "1.0.0" / "croissant.json"))
    records = list(dataset.records("stance"))
    assert len(records) == sum(summary.splits["stance"].values())
    assert {r["stance/split"].decode() for r in records} == set(summary.splits["stance"])


def test_first_changelog_says_first_version(published):
    root, _, _ = published
    assert "First published version" in (root / "dist" / "1.0.0" / "CHANGELOG.md").read_text()


def test_existing_version_is_never_overwritten(published):
    root, _, _ = published
    before = (root / "dist" / "1.0.0" / "README.md").read_bytes()
    with pytest.raises(UsageError, match="never overwritten"):
        publish(options_for(root, "1.0.0"))
    assert (root / "dist" / "1.0.0" / "README.md").read_bytes() == before


def test_a_new_version_into_an_existing_folder_does_not_say_it_was_published(published):
    root, _, _ = published
    options = replace(options_for(root, "1.1.0"), out=root / "dist" / "1.0.0")
    with pytest.raises(UsageError, match=r"dist/1\.0\.0 already exists") as err:
        publish(options)
    assert "version 1.1.0 was published" not in str(err.value)
    assert "a new folder" in str(err.value)


def test_the_next_version_is_compared_with_one_published_under_another_folder_name(tmp_path):
    write_inputs(tmp_path, n=12, human=4)
    publish(
        replace(options_for(tmp_path, "1.0.0", baseline=False), out=tmp_path / "dist" / "release")
    )
    summary = publish(options_for(tmp_path, "1.1.0", baseline=False))
    assert summary.previous == str(tmp_path / "dist" / "release")
    text = (tmp_path / "dist" / "1.1.0" / "CHANGELOG.md").read_text()
    assert "Compared with 1.0.0" in text and "## 1.0.0" in text


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "1.0.0-rc1", "01.0.0", "one"])
def test_non_semver_versions_are_refused(tmp_path, version):
    with pytest.raises(UsageError, match="semver"):
        publish(options_for(tmp_path, version))


def test_publish_of_a_version_with_a_trailing_newline_makes_no_second_folder(published):
    root, _, _ = published
    with pytest.raises(UsageError, match="is not semver"):
        publish(options_for(root, "1.0.0\n"))
    assert "1.0.0\n" not in {p.name for p in (root / "dist").iterdir()}


def test_next_version_changelog_lists_added_removed_and_changed_labels(tmp_path):
    write_inputs(tmp_path, n=30)
    publish(options_for(tmp_path, "1.0.0", baseline=False))
    # v1.1.0: two new articles, one removed, one gold stance label changed
    articles = pq.read_table(tmp_path / "corpus" / "articles" / "part-00000.parquet").to_pylist()
    removed = articles.pop(-1)
    for i in (200, 201):
        text, _ = make_article(i)
        extra = dict(articles[-1])
        extra |= {
            "id": _sha("id:" + text)[:16],
            "text": text,
            "content_sha256": _sha(text),
            "paragraphs": _paragraph_spans(text),
            "duplicate_of": None,
        }
        articles.append(extra)
    pq.write_table(
        pa.Table.from_pylist(articles, schema=schema.ARTICLES),
        tmp_path / "corpus" / "articles" / "part-00000.parquet",
    )
    for name in ("predictions/quotes", "predictions/targets"):
        path = tmp_path / "annotations" / f"{name}.parquet"
        table = pq.read_table(path)
        keep = [a != removed["id"] for a in table.column("article_id").to_pylist()]
        pq.write_table(table.filter(pa.array(keep)), path)
    gold = tmp_path / "annotations" / "gold" / "stance.parquet"
    rows = pq.read_table(gold).to_pylist()
    changed = rows[0]["article_id"]
    rows[0]["stance"] = "none" if rows[0]["stance"] != "none" else "favor"
    pq.write_table(pa.Table.from_pylist(rows), gold)

    summary = publish(options_for(tmp_path, "1.1.0", baseline=False))
    text = (tmp_path / "dist" / "1.1.0" / "CHANGELOG.md").read_text()
    assert summary.previous == str(tmp_path / "dist" / "1.0.0")
    assert "## 1.1.0" in text and "## 1.0.0" in text  # history kept, newest first
    assert text.index("## 1.1.0") < text.index("## 1.0.0")
    assert "2 added, 1 removed" in text
    assert removed["id"] in text
    assert f"`{changed}`/{TARGET_ID}" in text
    assert "Articles that changed split: 0." in text
    assert "No schema changes." in text


def test_schema_break_without_major_bump_is_refused(tmp_path):
    write_inputs(tmp_path, n=12, human=4)
    publish(options_for(tmp_path, "1.0.0", baseline=False))
    # Fake an older schema in 1.0.0: a field that the new version no longer has.
    readme = tmp_path / "dist" / "1.0.0" / "README.md"
    text = readme.read_text()
    readme.write_text(
        text.replace(
            "  - name: target\n", "  - name: target_v0\n    dtype: string\n  - name: target\n", 1
        )
    )
    with pytest.raises(UsageError, match=r"needs a new major version, e\.g\. 2\.0\.0"):
        publish(options_for(tmp_path, "1.1.0", baseline=False))
    assert not (tmp_path / "dist" / "1.1.0").exists()
    publish(options_for(tmp_path, "2.0.0", baseline=False))
    assert "target_v0" in (tmp_path / "dist" / "2.0.0" / "CHANGELOG.md").read_text()


def test_dry_run_checks_everything_and_writes_nothing(tmp_path):
    write_inputs(tmp_path, n=12, human=4)
    summary = publish(options_for(tmp_path, "1.0.0", dry_run=True, baseline=False))
    assert summary.dry_run and any(name == "README.md" for name, _ in summary.files)
    assert not (tmp_path / "dist" / "1.0.0").exists()
    assert [p.name for p in (tmp_path / "dist").iterdir()] == []


def test_split_sizes_check_fails_when_card_and_files_disagree(published, tmp_path):
    root, _, _ = published
    copy = tmp_path / "copy"
    shutil.copytree(root / "dist" / "1.0.0", copy)
    readme = copy / "README.md"
    card = DatasetCard.load(readme)
    for info in card.data.dataset_info:
        if info["config_name"] == "stance":
            info["splits"][0]["num_examples"] += 1
    card.save(readme)
    failures = check_split_sizes(copy)
    assert len(failures) == 1 and failures[0].where.startswith("stance/")
    assert check_split_sizes(root / "dist" / "1.0.0") == []


def test_split_sizes_check_fails_when_a_split_has_no_file(published, tmp_path):
    root, _, _ = published
    copy = tmp_path / "copy"
    shutil.copytree(root / "dist" / "1.0.0", copy)
    for path in (copy / "data" / "quotes").glob("test-*.parquet"):
        path.unlink()
    failures = check_split_sizes(copy)
    assert [f.where for f in failures] == ["quotes/test"]


def test_print_of_publish_command_gives_a_working_load_dataset_call(tmp_path, offline_hf, capsys):
    from newscorpus.cli import main

    write_inputs(tmp_path, n=12, human=4)
    code = main(
        [
            "publish",
            "--version",
            "0.1.0",
            "--corpus",
            str(tmp_path / "corpus"),
            "--annotations",
            str(tmp_path / "annotations"),
            "--out",
            str(tmp_path / "dist" / "0.1.0"),
            "--splits",
            "0.5,0.25,0.25",
            "--no-baseline",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    calls = re.findall(r"load_dataset\([^)]*\)", out)
    assert calls
    from datasets import load_dataset

    namespace = {"load_dataset": load_dataset}
    ds = eval(calls[0], namespace)  # the printed call, exactly as printed
    assert sum(ds[s].num_rows for s in ds) > 0


def test_the_default_folder_is_dist_slash_version():
    assert replace(options_for(Path("x")), out=None).folder == Path("dist") / "1.0.0"


def test_machine_only_corpus_publishes_without_annotations_raw_and_says_so(tmp_path):
    write_inputs(tmp_path, n=12, human=0)
    for name in ("quotes.parquet", "stance.parquet"):
        (tmp_path / "annotations" / name).unlink()
    for folder in ("gold", "agreement"):
        shutil.rmtree(tmp_path / "annotations" / folder)
    summary = publish(options_for(tmp_path, baseline=False))
    assert "annotations_raw" not in summary.splits
    card = DatasetCard.load(tmp_path / "dist" / "1.0.0" / "README.md")
    assert card.data.annotations_creators == ["machine-generated"]
    assert "This version has no human annotations." in card.text
    assert "Not published in this version (no rows): `annotations_raw`." in card.text
    assert "No agreement figures" in card.text


def test_human_annotations_without_gold_are_refused(tmp_path):
    write_inputs(tmp_path, n=12, human=4)
    shutil.rmtree(tmp_path / "annotations" / "gold")
    with pytest.raises(UsageError, match="run `newscorpus ls agreement` first"):
        publish(options_for(tmp_path))


def test_a_missing_corpus_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="run `newscorpus normalize` first"):
        publish(options_for(tmp_path))


def test_a_missing_card_template_is_a_usage_error(tmp_path):
    write_inputs(tmp_path, n=12, human=4)
    with pytest.raises(UsageError, match="card template"):
        publish(options_for(tmp_path, template=tmp_path / "nope.md", baseline=False))
    assert list((tmp_path / "dist").iterdir()) == []


def test_orphaned_annotations_are_reported_not_published(tmp_path):
    write_inputs(tmp_path, n=12, human=4)
    path = tmp_path / "annotations" / "predictions" / "targets.parquet"
    rows = pq.read_table(path).to_pylist()
    rows.append(rows[0] | {"article_id": "gone-article"})
    pq.write_table(pa.Table.from_pylist(rows, schema=schema.TARGET_PREDICTIONS), path)
    summary = publish(options_for(tmp_path, baseline=False))
    assert summary.orphans == {"predictions/targets": ["gone-article"]}


def test_large_splits_are_sharded_and_still_load_whole(tmp_path, offline_hf):
    from datasets import load_dataset

    write_inputs(tmp_path, n=20, human=4)
    summary = publish(options_for(tmp_path, baseline=False, max_shard_bytes=1, batch_articles=4))
    names = sorted(p.name for p in (tmp_path / "dist" / "1.0.0" / "data" / "articles").iterdir())
    train = [n for n in names if n.startswith("train-")]
    total = len(train)
    assert total > 1
    assert train == [f"train-{i:05d}-of-{total:05d}.parquet" for i in range(total)]
    ds = load_dataset(str(tmp_path / "dist" / "1.0.0"), "articles")
    assert {s: ds[s].num_rows for s in ds} == summary.splits["articles"]
