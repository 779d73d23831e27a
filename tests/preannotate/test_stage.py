"""`newscorpus preannotate`: corpus shards in, quote and target prediction tables out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newscorpus import schema
from newscorpus.cli import main
from newscorpus.errors import UsageError
from newscorpus.preannotate.quotes import QUOTES_MODEL_VERSION
from newscorpus.preannotate.stage import PreannotateOptions, run_preannotate

# Made-up articles; two shards, ids deliberately out of order across them.
ARTICLES = [
    (
        "b-harbour",
        "Harbour of Ost to be sold",
        '"The harbour of Ost is not for sale," Mayor Lena Voss said.\n\n'
        '"Not this year, not ever."\n\n'
        "The council said the sale would raise 40 million.",
    ),
    (
        "a-militia",
        "Tarnby denies arming river militia",
        "Tarnby on Monday denied that it had sent shells to the river militia.\n\n"
        "Officials said the trucks carried grain.",
    ),
    ("c-weather", "Rain expected", "Rain is expected across the north on Sunday."),
]
RULES = """
version: targets-test-v1
targets:
  - id: tarnby-arms
    target: Tarnby supplies arms to the river militia
    all: [[Tarnby], [river militia], [shells, arms]]
  - id: harbour-sale
    target: The harbour of Ost should be sold
    within: article
    all: [[harbour of Ost], [sale, sold]]
"""


def _row(article_id: str, title: str, text: str) -> dict:
    row = {name: None for name in schema.ARTICLES.names}
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    row.update(id=article_id, title=title, text=text, raw_sha256=digest, content_sha256=digest)
    return row


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "articles"
    folder.mkdir(parents=True)
    shards = [ARTICLES[:1], ARTICLES[1:]]
    for i, rows in enumerate(shards):
        table = pa.Table.from_pylist([_row(*a) for a in rows], schema=schema.ARTICLES)
        pq.write_table(table, folder / f"part-{i:05d}.parquet")
    return tmp_path / "corpus"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def _run(corpus: Path, rules: Path, out: Path):
    return run_preannotate(PreannotateOptions(corpus=corpus, out=out, targets=rules))


def test_writes_both_tables_with_the_declared_schemas(
    corpus: Path, rules: Path, tmp_path: Path
) -> None:
    s = _run(corpus, rules, tmp_path / "pred")
    quotes = pq.read_table(s.quotes_path)
    targets = pq.read_table(s.targets_path)
    assert quotes.schema.equals(schema.QUOTE_PREDICTIONS, check_metadata=False)
    assert targets.schema.equals(schema.TARGET_PREDICTIONS, check_metadata=False)
    for path in (s.quotes_path, s.targets_path):
        meta = pq.ParquetFile(path).metadata
        assert meta.row_group(0).column(0).compression == "ZSTD"


def test_quote_rows_point_into_their_article_text(
    corpus: Path, rules: Path, tmp_path: Path
) -> None:
    s = _run(corpus, rules, tmp_path / "pred")
    texts = {a[0]: a[2] for a in ARTICLES}
    rows = pq.read_table(s.quotes_path).to_pylist()
    assert rows, "the fixture articles hold quotes"
    for r in rows:
        text = texts[r["article_id"]]
        assert r["text"] == text[r["start"] : r["end"]]
        if r["speaker_start"] is not None:
            assert r["speaker_text"] == text[r["speaker_start"] : r["speaker_end"]]
        if r["cue_start"] is not None:
            assert r["cue_text"] == text[r["cue_start"] : r["cue_end"]]
        assert r["content_sha256"] == hashlib.sha256(text.encode()).hexdigest()
        assert r["model_version"] == QUOTES_MODEL_VERSION


def test_rows_are_sorted_by_article_then_quote(corpus: Path, rules: Path, tmp_path: Path) -> None:
    s = _run(corpus, rules, tmp_path / "pred")
    rows = pq.read_table(s.quotes_path).to_pylist()
    keys = [(r["article_id"], r["quote_index"]) for r in rows]
    assert keys == sorted(keys)
    assert [r["quote_index"] for r in rows if r["article_id"] == "b-harbour"] == [0, 1, 2]


def test_continued_paragraph_keeps_the_speaker(corpus: Path, rules: Path, tmp_path: Path) -> None:
    s = _run(corpus, rules, tmp_path / "pred")
    rows = [r for r in pq.read_table(s.quotes_path).to_pylist() if r["article_id"] == "b-harbour"]
    assert [r["speaker_name"] for r in rows[:2]] == ["Lena Voss", "Lena Voss"]
    assert rows[1]["text"] == '"Not this year, not ever."'


def test_targets_rows_name_each_matched_target(corpus: Path, rules: Path, tmp_path: Path) -> None:
    s = _run(corpus, rules, tmp_path / "pred")
    rows = pq.read_table(s.targets_path).to_pylist()
    assert [(r["article_id"], r["target_id"]) for r in rows] == [
        ("a-militia", "tarnby-arms"),
        ("b-harbour", "harbour-sale"),
    ]
    assert rows[0]["model_version"] == "targets-test-v1"
    assert rows[0]["matched_terms"] == ["Tarnby", "river militia", "shells"]  # title first


def test_same_corpus_gives_byte_identical_files(corpus: Path, rules: Path, tmp_path: Path) -> None:
    a = _run(corpus, rules, tmp_path / "one")
    b = _run(corpus, rules, tmp_path / "two")
    assert a.quotes_path.read_bytes() == b.quotes_path.read_bytes()
    assert a.targets_path.read_bytes() == b.targets_path.read_bytes()


def test_summary_counts(corpus: Path, rules: Path, tmp_path: Path) -> None:
    s = _run(corpus, rules, tmp_path / "pred")
    assert s.articles == 3
    assert s.quotes == sum(s.quotes_by_kind.values()) == len(pq.read_table(s.quotes_path))
    assert s.articles_with_target == 2
    assert dict(s.targets_by_id) == {"tarnby-arms": 1, "harbour-sale": 1}


def test_missing_corpus_is_a_usage_error(rules: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="newscorpus normalize"):
        _run(tmp_path / "nowhere", rules, tmp_path / "pred")


def test_invalid_targets_file_is_a_usage_error_naming_it(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("targets:\n  - {id: x, target: y}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad\.yaml"):
        _run(corpus, bad, tmp_path / "pred")


def test_cli_writes_predictions_and_returns_zero(
    corpus: Path, rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pred"
    code = main(
        ["preannotate", "--corpus", str(corpus), "--out", str(out), "--targets", str(rules)]
    )
    assert code == 0
    assert (out / "quotes.parquet").exists() and (out / "targets.parquet").exists()
    assert "quotes" in capsys.readouterr().out


def test_cli_missing_corpus_exits_2_with_one_line(
    rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["preannotate", "--corpus", str(tmp_path / "none"), "--targets", str(rules)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("newscorpus preannotate: error:") and err.count("\n") == 1
