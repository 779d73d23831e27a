"""pipeline.py: determinism, incrementality, duplicates, rejects and resumability of normalize."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newscorpus import schema
from newscorpus.cli import main
from newscorpus.errors import UsageError
from newscorpus.normalize.dedup import NearDuplicateIndex
from newscorpus.normalize.discovery import discover
from newscorpus.normalize.run import NormalizeOptions, run_normalize

# Synthetic article bodies written for these tests.
BODY_A = (
    "The harbour authority of Port Lenna said on Tuesday that dredging would start in May.\n\n"
    '"We have waited long enough," said Mara Iversen, the authority\'s director. '
    "She added that fishing boats would be moved to the northern quay during the works.\n\n"
    "Local traders warned the closure could cost them a season of tourists."
)
BODY_B = (
    "Veldavia's parliament voted 61 to 40 to delay the carbon levy until next spring.\n\n"
    "Opposition leader Tomas Brenn called the vote “a gift to the polluters” and said his party "
    "would take the matter to the constitutional court.\n\n"
    "The finance ministry said the delay would cost the treasury about 90 million crowns."
)


def _long(body: str, n: int = 6) -> str:
    extra = " ".join(
        f"Paragraph filler sentence number {i} about the budget debate." for i in range(n)
    )
    return body + "\n\n" + extra


def _jsonl(path: Path, *records: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _rec(text: str, title: str = "A synthetic story", **kw: object) -> dict:
    return {"title": title, "text": text, "url": "https://example.org/x", **kw}


def _run(inputs: list[Path], out: Path, **kw: object):
    return run_normalize(NormalizeOptions(inputs=tuple(inputs), out=out, **kw))


def _articles(out: Path) -> list[dict]:
    return pq.read_table(out / "articles", schema=schema.ARTICLES).to_pylist()


def _rejects(out: Path) -> list[dict]:
    if not (out / "rejects").exists():
        return []
    return pq.read_table(out / "rejects", schema=schema.REJECTS).to_pylist()


def _bytes_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.parquet"))
    }


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    root = tmp_path / "raw"
    _jsonl(root / "one.jsonl", _rec(_long(BODY_A), "Dredging to start"))
    _jsonl(root / "sub" / "two.jsonl", _rec(_long(BODY_B), "Levy delayed"))
    return root


def test_articles_table_has_the_declared_schema(raw: Path, tmp_path: Path) -> None:
    _run([raw], tmp_path / "out")
    for part in (tmp_path / "out" / "articles").glob("*.parquet"):
        file = pq.ParquetFile(part)
        assert file.schema_arrow.equals(schema.ARTICLES, check_metadata=False)
        assert file.metadata.row_group(0).column(0).compression == "ZSTD"


def test_source_file_is_relative_to_the_input(raw: Path, tmp_path: Path) -> None:
    _run([raw], tmp_path / "out")
    assert sorted(a["source_file"] for a in _articles(tmp_path / "out")) == [
        "one.jsonl",
        "sub/two.jsonl",
    ]


def test_same_inputs_give_byte_identical_parquet(raw: Path, tmp_path: Path) -> None:
    _run([raw], tmp_path / "a")
    _run([raw], tmp_path / "b", workers=2)
    assert _bytes_of(tmp_path / "a" / "articles") == _bytes_of(tmp_path / "b" / "articles")


def test_rerun_over_unchanged_inputs_reads_nothing(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run([raw], out)
    before = _bytes_of(out)
    summary = _run([raw], out)
    assert (summary.inputs_read, summary.inputs_skipped, summary.articles_written) == (0, 2, 0)
    assert _bytes_of(out) == before


def test_new_files_are_added_without_touching_old_parts(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run([raw], out)
    old_parts = _bytes_of(out / "articles")
    _jsonl(raw / "three.jsonl", _rec(_long("A new story about the tram line." * 3), "Tram"))
    summary = _run([raw], out)
    assert (summary.inputs_read, summary.articles_written, summary.articles_total) == (1, 1, 3)
    assert all(_bytes_of(out / "articles")[name] == data for name, data in old_parts.items())


def test_touched_but_unchanged_file_gives_no_new_rows(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run([raw], out)
    os.utime(raw / "one.jsonl", ns=(1, 1))
    summary = _run([raw], out)
    assert (summary.inputs_read, summary.articles_total) == (0, 2)
    assert _run([raw], out).inputs_skipped == 2


def test_changed_file_replaces_its_old_article(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run([raw], out)
    old_ids = {a["id"] for a in _articles(out)}
    _jsonl(raw / "one.jsonl", _rec(_long(BODY_A.replace("May", "June")), "Dredging delayed"))
    summary = _run([raw], out)
    articles = _articles(out)
    assert summary.inputs_read == 1
    assert len(articles) == 2
    assert len({a["id"] for a in articles} - old_ids) == 1
    assert [a["title"] for a in articles if a["source_file"] == "one.jsonl"] == ["Dredging delayed"]


def test_exact_duplicates_collapse_into_one_row_and_are_logged(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _jsonl(raw / "a.jsonl", _rec(_long(BODY_A), "Title one"))
    _jsonl(raw / "b.jsonl", _rec(_long(BODY_A), "Another title"))
    summary = _run([raw], tmp_path / "out")
    assert summary.exact_duplicates == 1
    assert len(_articles(tmp_path / "out")) == 1
    [reject] = _rejects(tmp_path / "out")
    assert reject["reason"] == "exact_duplicate" and reject["source_file"] == "b.jsonl"


def test_near_duplicates_keep_their_rows_and_point_to_the_first(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    body = _long(BODY_B, n=30)
    _jsonl(raw / "a.jsonl", _rec(body, "Wire story"))
    _jsonl(raw / "b.jsonl", _rec(body + "\n\nUpdated with a statement from the ministry.", "Copy"))
    _jsonl(raw / "c.jsonl", _rec(_long(BODY_A, n=30), "Unrelated"))
    summary = _run([raw], tmp_path / "out")
    by_file = {a["source_file"]: a for a in _articles(tmp_path / "out")}
    assert summary.near_duplicates == 1
    assert by_file["b.jsonl"]["duplicate_of"] == by_file["a.jsonl"]["id"]
    assert by_file["a.jsonl"]["duplicate_of"] is None
    assert by_file["c.jsonl"]["duplicate_of"] is None


def test_near_duplicate_found_across_runs(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    body = _long(BODY_B, n=30)
    _jsonl(raw / "a.jsonl", _rec(body, "Wire story"))
    _run([raw], tmp_path / "out")
    _jsonl(raw / "b.jsonl", _rec(body + "\n\nA one-sentence update.", "Copy"))
    _run([raw], tmp_path / "out")
    by_file = {a["source_file"]: a for a in _articles(tmp_path / "out")}
    assert by_file["b.jsonl"]["duplicate_of"] == by_file["a.jsonl"]["id"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        ("garbage.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC0, 0xFF]) * 200, "encoding"),
        ("bad.jsonl", b'{"title": "x", "text": ""}\nnot json\n', "bad_record"),
    ],
)
def test_bad_inputs_become_rejects_with_their_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_bytes(data)
    summary = _run([raw], tmp_path / "out")
    assert summary.articles_written == 0
    assert {r["reason"] for r in _rejects(tmp_path / "out")} == {reason}
    assert all(r["source_file"] == name for r in _rejects(tmp_path / "out"))


def test_absurdly_large_files_are_rejected_unread(raw: Path, tmp_path: Path) -> None:
    summary = _run([raw], tmp_path / "out", max_bytes=100)
    assert summary.rejects_by_reason == {"too_large": 2}


def test_a_bad_record_does_not_lose_the_good_ones(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "mixed.jsonl").write_text(
        json.dumps(_rec(_long(BODY_A))) + "\n{broken\n" + json.dumps(_rec("")) + "\n", "utf-8"
    )
    _run([raw], tmp_path / "out")
    assert len(_articles(tmp_path / "out")) == 1
    assert sorted(r["record_index"] for r in _rejects(tmp_path / "out")) == [2, 3]


def test_raw_inputs_are_never_modified(raw: Path, tmp_path: Path) -> None:
    def digest() -> dict[str, str]:
        return {
            str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in raw.rglob("*")
            if p.is_file()
        }

    before = digest()
    _run([raw], tmp_path / "out")
    assert digest() == before


def test_uncommitted_parts_of_an_interrupted_run_are_discarded(raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run([raw], out, shard_files=1)
    # An interrupted run leaves a data part whose manifest part was never written.
    (out / "state" / "manifest" / "part-00001.parquet").unlink()
    summary = _run([raw], out, shard_files=1)
    assert summary.inputs_read == 1
    assert len(_articles(out)) == 2


def test_cli_missing_input_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    code = main(["normalize", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "does not exist" in err


def test_cli_unwritable_output_is_one_line_and_exit_2(raw: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    code = main(["normalize", str(raw), "--out", str(blocker / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "not writable" in err and err.count("\n") == 1


def test_documentation_inside_an_input_folder_is_not_an_article(raw: Path, tmp_path: Path) -> None:
    (raw / "README.md").write_text("# About these files\n\nThey were scraped in May.\n")
    summary = _run([raw], tmp_path / "out")
    assert summary.inputs_seen == 2


def test_discovery_streams_files_in_the_string_order_of_their_paths(tmp_path: Path) -> None:
    root = tmp_path / "in"
    # "a/..." sorts after "a.b" and "a-b" as strings ("/" is above "." and "-"), not before.
    names = ["a.b", "a/b-x", "a/b.c/d", "a/b/e", "a-b", "a0", "B", "ab", "z/.hidden", ".git/x"]
    for name in [*names, "notes.md", "a/b/notes.rst"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    found = [t.source_file for t in discover([root])]
    assert found == ["B", "a-b", "a.b", "a/b-x", "a/b.c/d", "a/b/e", "a0", "ab"]


def test_a_file_under_two_inputs_is_read_once_whatever_their_order(
    raw: Path, tmp_path: Path
) -> None:
    forward = _run([raw, raw / "sub"], tmp_path / "forward")
    backward = _run([raw / "sub", raw], tmp_path / "backward")
    assert forward.inputs_seen == backward.inputs_seen == 2
    assert _bytes_of(tmp_path / "forward") == _bytes_of(tmp_path / "backward")


def test_a_corpus_written_inside_its_input_is_not_read_back(raw: Path) -> None:
    first = _run([raw], raw / "corpus")
    again = _run([raw], raw / "corpus")
    assert (first.inputs_seen, again.inputs_seen, again.inputs_read) == (2, 2, 0)


def test_a_folder_that_cannot_be_listed_is_passed_over(
    raw: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]):
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [t.source_file for t in discover([raw])] == ["one.jsonl"]


def test_a_full_scratch_disk_stops_the_run_with_what_to_do(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kw: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(NearDuplicateIndex, "add", full)
    with pytest.raises(UsageError, match=r"SQLITE_TMPDIR.*run the same command again"):
        _run([raw], tmp_path / "out")


def test_a_missing_input_is_refused_before_anything_is_read(raw: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        discover([raw, tmp_path / "nowhere"])


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.mark.parametrize(
    ("name", "reasons"),
    [
        ("empty.txt", {"empty"}),
        ("blank.txt", {"empty"}),
        ("binary.txt", {"binary"}),
        ("latin1_garbage.txt", {"encoding"}),
        ("truncated.html", {"truncated_html"}),
        ("index.html", {"no_article"}),
        ("error404.txt", {"no_article"}),
        ("bad.jsonl", {"bad_record"}),
    ],
)
def test_each_bad_fixture_is_rejected_for_its_reason(
    tmp_path: Path, name: str, reasons: set[str]
) -> None:
    _run([FIXTURES / name], tmp_path / "out")
    assert {r["reason"] for r in _rejects(tmp_path / "out")} == reasons


def test_cp1252_dump_decodes_into_an_article(tmp_path: Path) -> None:
    summary = _run([FIXTURES / "latin1.txt"], tmp_path / "out")
    [article] = _articles(tmp_path / "out")
    assert summary.rejects_by_reason == {}
    assert "\ufffd" not in article["text"]


# --- an article other inputs depend on leaves the corpus --------------------------------------


def _sorted_rows(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


def _same_as_fresh(raw: Path, out: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    _run([raw], fresh)
    assert _sorted_rows(_articles(out)) == _sorted_rows(_articles(fresh))
    assert _sorted_rows(_rejects(out)) == _sorted_rows(_rejects(fresh))


def test_a_changed_input_leaves_the_text_an_unchanged_duplicate_holds(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    _jsonl(raw / "a.jsonl", _rec(_long(BODY_A), "First copy"))
    _jsonl(raw / "b.jsonl", _rec(_long(BODY_A), "Second copy"))
    _run([raw], out)
    _jsonl(raw / "a.jsonl", _rec(_long(BODY_B), "Another story"))
    summary = _run([raw], out)
    by_file = {a["source_file"]: a for a in _articles(out)}
    assert by_file["b.jsonl"]["text"] == _long(BODY_A)
    assert [r for r in _rejects(out) if r["reason"] == "exact_duplicate"] == []
    assert (summary.inputs_read, summary.inputs_reread) == (1, 1)


def test_near_duplicates_of_a_removed_article_point_only_at_articles_still_there(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    body = _long(BODY_B, n=30)
    _jsonl(raw / "a.jsonl", _rec(body, "Wire story"))
    _jsonl(raw / "b.jsonl", _rec(body + "\n\nUpdated with a statement.", "Copy"))
    _jsonl(raw / "c.jsonl", _rec(body + "\n\nUpdated with a denial.", "Other copy"))
    _run([raw], out)
    _jsonl(raw / "a.jsonl", _rec(_long(BODY_A, n=30), "Unrelated now"))
    _run([raw], out)
    by_file = {a["source_file"]: a for a in _articles(out)}
    assert by_file["b.jsonl"]["duplicate_of"] is None
    assert by_file["c.jsonl"]["duplicate_of"] == by_file["b.jsonl"]["id"]


def test_a_changed_input_that_keeps_its_text_still_heads_its_cluster(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    body = _long(BODY_B, n=30)
    _jsonl(raw / "a.jsonl", _rec(body, "Wire story"))
    _jsonl(raw / "b.jsonl", _rec(body + "\n\nUpdated with a statement.", "Copy"))
    _run([raw], out)
    _jsonl(raw / "a.jsonl", _rec(body, "Wire story"), _rec(_long(BODY_A), "A second story"))
    _run([raw], out)
    wire = next(a for a in _articles(out) if a["title"] == "Wire story")
    assert wire["duplicate_of"] is None


def test_updating_around_removed_duplicates_gives_the_tables_of_a_fresh_run(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    near = _long(BODY_B, n=30)
    _jsonl(raw / "a.jsonl", _rec(_long(BODY_A), "Exact"), _rec(near, "Wire story"))
    _jsonl(raw / "b.jsonl", _rec(_long(BODY_A), "Exact copy"))
    _jsonl(raw / "c.jsonl", _rec(near + "\n\nUpdated with a statement.", "Near copy"))
    _jsonl(raw / "d.jsonl", _rec(_long(BODY_A), "Exact copy again"))
    _run([raw], out)
    _jsonl(raw / "a.jsonl", _rec(_long(BODY_A, n=2), "Shorter"))
    _run([raw], out)
    _same_as_fresh(raw, out, tmp_path)


def test_a_rerun_after_reading_dependents_again_reads_nothing(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    _jsonl(raw / "a.jsonl", _rec(_long(BODY_A), "First copy"))
    _jsonl(raw / "b.jsonl", _rec(_long(BODY_A), "Second copy"))
    _run([raw], out)
    _jsonl(raw / "a.jsonl", _rec(_long(BODY_B), "Another story"))
    _run([raw], out)
    again = _run([raw], out)
    assert (again.inputs_read, again.inputs_reread) == (0, 0)
