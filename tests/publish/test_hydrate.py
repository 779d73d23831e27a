"""`newscorpus hydrate` restores withheld texts from the user's copies, and only matching ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_publish_build import offline_hf, options_for, write_inputs  # noqa: F401

from newscorpus.errors import UsageError
from newscorpus.publish.build import publish
from newscorpus.publish.hydrate import hydrate


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("hydrate")
    written = write_inputs(root, n=14, human=6, restricted=(2, 5, 8))
    publish(options_for(root, baseline=False))
    return root, written


def _rows(folder: Path, config: str) -> list[dict]:
    return [
        row
        for path in sorted((folder / "data" / config).glob("*.parquet"))
        for row in pq.read_table(path).to_pylist()
    ]


def test_withheld_texts_come_back_from_the_users_corpus(published, tmp_path):
    root, written = published
    out = tmp_path / "hydrated"
    summary = hydrate(root / "dist" / "1.0.0", [root / "corpus"], out)
    assert summary.withheld == len(written["restricted_ids"]) == 3
    assert summary.restored == 3 and summary.missing == []
    originals = {a["id"]: a for a in written["articles"]}
    for row in _rows(out, "articles"):
        assert row["text"] == originals[row["id"]]["text"]
        if row["id"] in written["restricted_ids"]:
            assert row["title"] == originals[row["id"]]["title"]
            assert row["text_withheld"]  # still not redistributable


def test_hydrated_quotes_and_tokens_match_their_offsets(published, tmp_path):
    root, written = published
    out = tmp_path / "hydrated"
    hydrate(root / "dist" / "1.0.0", [root / "corpus"], out)
    checked = 0
    for row in _rows(out, "quotes"):
        for q in row["quotes"]:
            assert q["text"] == row["text"][q["start"] : q["end"]]
            assert q["speaker_text"] == row["text"][q["speaker_start"] : q["speaker_end"]]
            checked += row["article_id"] in written["restricted_ids"]
    assert checked >= 3
    texts = {r["id"]: r["text"] for r in _rows(out, "articles")}
    for row in _rows(out, "quotes_bio"):
        text = texts[row["article_id"]]
        assert row["tokens"] == [text[o["start"] : o["end"]] for o in row["offsets"]]


def test_hydrated_folder_loads_with_the_same_features_and_sizes(published, tmp_path, offline_hf):  # noqa: F811
    from datasets import load_dataset

    root, _ = published
    out = tmp_path / "hydrated"
    hydrate(root / "dist" / "1.0.0", [root / "corpus"], out)
    before = load_dataset(str(root / "dist" / "1.0.0"), "quotes")
    after = load_dataset(str(out), "quotes")
    assert after["train"].features == before["train"].features
    assert {s: after[s].num_rows for s in after} == {s: before[s].num_rows for s in before}
    assert all(r["text"] is not None for s in after for r in after[s])


def test_a_copy_whose_text_differs_is_not_used(published, tmp_path):
    root, written = published
    target = next(a for a in written["articles"] if a["id"] == written["restricted_ids"][0])
    copy = tmp_path / "copies.jsonl"
    copy.write_text(json.dumps({"text": target["text"] + " Updated at 5pm."}) + "\n")
    summary = hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")
    assert summary.restored == 0
    assert summary.missing == sorted(written["restricted_ids"])
    rows = {r["id"]: r for r in _rows(tmp_path / "out", "articles")}
    assert rows[target["id"]]["text"] is None


def test_an_unnormalized_copy_is_normalized_before_comparing(published, tmp_path):
    root, written = published
    target = next(a for a in written["articles"] if a["id"] == written["restricted_ids"][1])
    messy = target["text"].replace("\n\n", "\r\n\r\n   ").replace(" the ", "  the ")
    copy = tmp_path / "copies.jsonl"
    copy.write_text(json.dumps({"text": messy, "title": "From my archive"}) + "\n")
    summary = hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")
    assert summary.restored == 1
    rows = {r["id"]: r for r in _rows(tmp_path / "out", "articles")}
    assert rows[target["id"]]["text"] == target["text"]


def test_the_published_folder_is_left_untouched(published, tmp_path):
    root, _ = published
    folder = root / "dist" / "1.0.0"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    hydrate(folder, [root / "corpus"], tmp_path / "out")
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_an_existing_output_folder_is_refused(published, tmp_path):
    root, _ = published
    (tmp_path / "out").mkdir()
    with pytest.raises(UsageError, match="already exists"):
        hydrate(root / "dist" / "1.0.0", [root / "corpus"], tmp_path / "out")


def test_a_folder_that_is_not_a_published_version_is_refused(tmp_path):
    with pytest.raises(UsageError, match="not a published version"):
        hydrate(tmp_path, [tmp_path], tmp_path / "out")


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "private" / "key.txt"
    secret.parent.mkdir()
    secret.write_text("synthetic private key\n")
    secret.chmod(0o600)
    return secret


def test_hydrate_refuses_a_symlink_out_of_the_published_folder(published, tmp_path):
    root, _ = published
    folder = tmp_path / "downloaded"
    shutil.copytree(root / "dist" / "1.0.0", folder)
    link = folder / "notes.txt"
    link.symlink_to(_secret(tmp_path))
    with pytest.raises(UsageError, match="outside") as err:
        hydrate(folder, [root / "corpus"], tmp_path / "out")
    assert str(link) in str(err.value)
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_hydrate_refuses_a_symlink_out_of_a_folder_of_copies(published, tmp_path):
    root, _ = published
    copies = tmp_path / "copies"
    copies.mkdir()
    (copies / "texts.jsonl").symlink_to(_secret(tmp_path))
    with pytest.raises(UsageError, match=r"copies/texts.jsonl is a symbolic link"):
        hydrate(root / "dist" / "1.0.0", [copies], tmp_path / "out")


def test_hydrate_follows_a_symlink_that_stays_in_the_published_folder(published, tmp_path):
    root, _ = published
    folder = tmp_path / "linked"
    shutil.copytree(root / "dist" / "1.0.0", folder)
    (folder / "CARD.md").symlink_to("README.md")
    hydrate(folder, [root / "corpus"], tmp_path / "out")
    assert (tmp_path / "out" / "CARD.md").read_bytes() == (folder / "README.md").read_bytes()


def test_a_copy_record_that_is_not_an_object_is_skipped_and_counted(published, tmp_path):
    root, written = published
    target = next(a for a in written["articles"] if a["id"] == written["restricted_ids"][0])
    copy = tmp_path / "copy.jsonl"
    copy.write_text("[1]\n" + json.dumps({"text": target["text"]}) + "\n")
    summary = hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")
    assert summary.restored == 1
    assert summary.copies_skipped == [f"{copy}:1"]


def test_an_item_of_a_json_array_copy_that_is_not_an_object_is_skipped(published, tmp_path):
    root, written = published
    target = next(a for a in written["articles"] if a["id"] == written["restricted_ids"][0])
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(["synthetic", {"text": target["text"]}]))
    summary = hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")
    assert summary.restored == 1
    assert summary.copies_skipped == [f"{copy}: item 1"]


def test_a_malformed_json_copy_is_refused_naming_the_file(published, tmp_path):
    root, _ = published
    copy = tmp_path / "copy.json"
    copy.write_text('{"text": "synthetic', encoding="utf-8")
    with pytest.raises(UsageError, match=r"copy\.json: not JSON"):
        hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["copy.json", "copy.jsonl", "copy.csv"])
def test_a_copy_that_is_not_utf8_is_refused_naming_the_file(published, tmp_path, name):
    root, _ = published
    copy = tmp_path / name
    copy.write_bytes(b'{"text": "caf\xe9"}\n')
    with pytest.raises(UsageError, match=rf"{name}: not UTF-8"):
        hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")


def test_a_copy_that_is_not_gzip_is_refused_naming_the_file(published, tmp_path):
    root, _ = published
    copy = tmp_path / "copy.jsonl.gz"
    copy.write_bytes(b'{"text": "synthetic"}\n')
    with pytest.raises(UsageError, match=r"copy\.jsonl\.gz: not readable"):
        hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")


def test_a_copy_that_is_not_parquet_is_refused_naming_the_file(published, tmp_path):
    root, _ = published
    copy = tmp_path / "copy.parquet"
    copy.write_bytes(b"synthetic, not parquet")
    with pytest.raises(UsageError, match=r"copy\.parquet: not readable"):
        hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")


def test_the_cli_names_the_skipped_copy_records(published, tmp_path, capsys):
    from newscorpus.cli import main

    root, _ = published
    copy = tmp_path / "copy.jsonl"
    copy.write_text('"synthetic"\n')
    main(
        ["hydrate", str(root / "dist" / "1.0.0"), "--from", str(copy), "--out", str(tmp_path / "o")]
    )
    assert (
        f"1 record(s) of the copies skipped, not JSON objects: {copy}:1" in capsys.readouterr().out
    )


@pytest.mark.parametrize("name", ["copy.csv", "copy.jsonl", "copy.json"])
def test_a_copy_with_a_utf8_bom_restores_its_text(published, tmp_path, name):
    root, written = published
    target = next(a for a in written["articles"] if a["id"] == written["restricted_ids"][0])
    copy = tmp_path / name
    if name.endswith(".csv"):
        import csv

        with copy.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([["text"], [target["text"]]])
    else:
        copy.write_text(json.dumps({"text": target["text"]}) + "\n", encoding="utf-8-sig")
    summary = hydrate(root / "dist" / "1.0.0", [copy], tmp_path / "out")
    assert summary.restored == 1
