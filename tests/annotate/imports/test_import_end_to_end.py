"""From the shared corpora to a loaded dataset with the commands alone: PolNeAR train through
`newscorpus import brat` and `publish`, FNC-1 dev through `import fnc1` and `publish`, each
checked against the source files read independently here. Slow; skipped without ../shared.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import datasets
import pytest
from conftest import shared_path

from newscorpus.annotate.brat import parse_ann
from newscorpus.annotate.imports.anchor import normalized
from newscorpus.annotate.imports.presets import FNC1_LABEL_MAP
from newscorpus.annotate.imports.targets import target_id, target_key
from newscorpus.annotate.origins import FNC1
from newscorpus.cli import main
from newscorpus.publish.hydrate import hydrate

pytestmark = [pytest.mark.slow, pytest.mark.shared]
VERSION = "0.1.0"
POLNEAR_CONFIGS = ("articles", "quotes", "quotes_bio", "annotations_raw")


def _run(*argv: str) -> None:
    assert main(list(argv)) == 0


def _load(folder: Path, config: str) -> list[dict[str, Any]]:
    datasets.disable_progress_bars()
    loaded = datasets.load_dataset(str(folder), config)
    return [dict(row, split=split) for split, rows in loaded.items() for row in rows]


def _import_and_publish(root: Path, kind: str, source: Path, *publish: str) -> tuple[Path, Path]:
    """`import KIND SOURCE` into a corpus under root, then `publish`: (annotations, version)."""
    corpus, annotations, out = root / "corpus", root / "annotations", root / "dist" / VERSION
    _run("import", kind, str(source), "--corpus", str(corpus), "--annotations", str(annotations))
    _run(
        "publish", "--version", VERSION, "--corpus", str(corpus), "--annotations",
        str(annotations), "--out", str(out), "--no-baseline", *publish,
    )  # fmt: skip
    return annotations, out


@pytest.fixture(scope="module")
def polnear(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    source = shared_path("data", "polnear-train")
    # PolNeAR states no license for its texts: publishing them is the curator's explicit choice,
    # made here in a temporary folder only.
    annotations, out = _import_and_publish(
        tmp_path_factory.mktemp("polnear"), "brat", source, "--publish-unknown-license"
    )
    report = json.loads((annotations / "import-report-polnear.json").read_text("utf-8"))
    return {
        "source": source,
        "out": out,
        "report": report,
        "configs": {c: _load(out, c) for c in POLNEAR_CONFIGS},
    }


def test_every_polnear_text_is_published_as_written(polnear: dict[str, Any]) -> None:
    files = sorted((polnear["source"] / "text").glob("*.txt"))
    expected = {normalized(p.read_text(encoding="utf-8")) for p in files}
    published = [r["text"] for r in polnear["configs"]["articles"]]
    assert len(files) == 840
    # Two files hold the same text: one article, both files' annotations on it.
    assert len(expected) == len(published) == 839
    assert set(published) == expected
    unchanged = sum(p.read_text(encoding="utf-8") in expected for p in files)
    assert unchanged == 840 - polnear["report"]["normalization"]["texts_changed"]


def test_every_annotators_attributions_are_published(polnear: dict[str, Any]) -> None:
    pieces = 0
    files = sorted((polnear["source"] / "attributions").glob("*.ann"))
    for path in files:
        pieces += sum(len(a.content) for a in parse_ann(path.read_text("utf-8")).attributions)
    raw = polnear["configs"]["annotations_raw"]
    assert sum(len(r["quotes"]) for r in raw) == pieces
    assert len(files) == 919
    assert polnear["report"]["annotation_files"] == 919


def test_at_least_999_in_1000_spans_are_exact_and_the_rest_listed(
    polnear: dict[str, Any],
) -> None:
    spans = polnear["report"]["spans"]
    assert spans["exact"] / spans["read"] >= 0.999
    assert len(spans["not_anchored"]) == spans["read"] - spans["exact"]


def test_agreement_is_measured_beside_the_published_figure(polnear: dict[str, Any]) -> None:
    agreement = polnear["report"]["agreement"]
    assert agreement["published"]["value"] == 0.754
    assert agreement["measured"]["articles_with_two_or_more"] >= 16
    assert 0.0 < agreement["measured"]["token_alpha"]["alpha"] <= 1.0
    card = (polnear["out"] / "README.md").read_text(encoding="utf-8")
    assert "0.754" in card and "token_alpha.alpha" in card


def test_every_config_splits_by_article(polnear: dict[str, Any]) -> None:
    for config in ("articles", "quotes", "quotes_bio"):
        split_of: dict[str, set[str]] = {}
        for row in polnear["configs"][config]:
            split_of.setdefault(row.get("article_id") or row["id"], set()).add(row["split"])
        assert all(len(s) == 1 for s in split_of.values()), config


@pytest.fixture(scope="module")
def fnc1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    source = shared_path("data", "fnc1-dev")
    _, out = _import_and_publish(tmp_path_factory.mktemp("fnc1"), "fnc1", source)
    with (source / "stances.csv").open(encoding="utf-8", newline="") as fh:
        pairs = list(csv.DictReader(fh))
    return {
        "source": source,
        "out": out,
        "pairs": pairs,
        "stance": _load(out, "stance"),
        "articles": _load(out, "articles"),
    }


def test_fnc1_every_pair_is_a_stance_row_with_its_mapped_label(fnc1: dict[str, Any]) -> None:
    names = datasets.ClassLabel(names=["favor", "against", "neutral", "none"])
    published = Counter(
        (r["article_id"], r["target_id"], names.int2str(r["label"])) for r in fnc1["stance"]
    )
    distinct = {
        (p["Body ID"], target_id(FNC1, p["Headline"]), FNC1_LABEL_MAP[p["Stance"]])
        for p in fnc1["pairs"]
    }
    assert len(fnc1["pairs"]) == 12239
    # FNC-1 repeats 115 of its pairs with the same label: one row per (article, target).
    assert len(fnc1["stance"]) == len(distinct) == 12124
    assert max(published.values()) == 1
    by_label = Counter(label for _, _, label in distinct)
    assert by_label == Counter(label for _, _, label in published)


def test_fnc1_articles_are_426_each_in_one_split_text_withheld(fnc1: dict[str, Any]) -> None:
    assert len(fnc1["articles"]) == 426
    splits: dict[str, set[str]] = {}
    for row in fnc1["stance"]:
        splits.setdefault(row["article_id"], set()).add(row["split"])
    assert len(splits) == 426 and all(len(s) == 1 for s in splits.values())
    assert all(r["text"] is None and r["text_withheld"] for r in fnc1["articles"])


def test_fnc1_stance_labels_give_no_quote_rows(fnc1: dict[str, Any]) -> None:
    for config in ("quotes", "quotes_bio"):
        assert not (fnc1["out"] / "data" / config).exists(), config


def test_fnc1_headlines_are_withheld_with_the_texts(fnc1: dict[str, Any]) -> None:
    assert all(r["target"] is None and r["target_withheld"] for r in fnc1["stance"])
    headlines = {p["Headline"] for p in fnc1["pairs"]}
    card = (fnc1["out"] / "README.md").read_text(encoding="utf-8")
    assert not any(h in card for h in headlines)
    assert f"{len(headlines)} stance target(s) are published **without their text**" in card


def test_fnc1_hydrate_from_the_source_files_restores_texts_and_headlines(
    fnc1: dict[str, Any], tmp_path: Path
) -> None:
    s = hydrate(fnc1["out"], [fnc1["source"]], tmp_path / "hydrated")
    assert (s.withheld, s.restored, s.missing) == (426, 426, [])
    headlines = {p["Headline"] for p in fnc1["pairs"]}
    assert (s.targets_withheld, s.targets_restored, s.targets_missing) == (
        len(headlines),
        len(headlines),
        [],
    )
    restored = _load(tmp_path / "hydrated", "stance")
    by_id = {target_id(FNC1, h): target_key(h) for h in headlines}
    assert all(r["target"] == by_id[r["target_id"]] for r in restored)
