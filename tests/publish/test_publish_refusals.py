"""What publish refuses, with counts in the message, before any folder exists (the version stays
free), and what it publishes once the cause is fixed. Inputs are the synthetic tables of
test_publish_build."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_publish_build import ORIGIN, options_for, record_resolved, write_inputs

from newscorpus.cli import main
from newscorpus.errors import UsageError
from newscorpus.publish.build import publish

LABEL_TABLES = (
    "predictions/quotes.parquet",
    "predictions/targets.parquet",
    "quotes.parquet",
    "stance.parquet",
    "gold/quotes.parquet",
    "gold/stance.parquet",
)


def _version_is_free(root: Path, version: str = "1.0.0") -> bool:
    dist = root / "dist"
    return not (dist / version).exists() and not any(dist.glob(f".{version}*"))


def _retarget(path: Path, article_id: str) -> None:
    """Point every row of a table at an article the corpus does not have."""
    table = pq.read_table(path)
    ids = pa.array([article_id] * table.num_rows, pa.string())
    pq.write_table(
        table.set_column(table.schema.get_field_index("article_id"), "article_id", ids), path
    )


def test_annotations_that_join_no_article_are_refused_with_counts(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    _retarget(tmp_path / "annotations" / "gold" / "stance.parquet", "not-in-the-corpus")
    with pytest.raises(UsageError, match=r"gold/stance\.parquet: 1 row\(s\) on 1 article\(s\)"):
        publish(options_for(tmp_path, baseline=False))
    assert _version_is_free(tmp_path)


def test_no_annotations_at_all_are_refused(tmp_path):
    write_inputs(tmp_path, n=8, human=0)
    shutil.rmtree(tmp_path / "annotations")
    with pytest.raises(UsageError, match=r"no annotations found .*give --config articles"):
        publish(options_for(tmp_path, baseline=False))
    assert _version_is_free(tmp_path)


def test_the_corpus_alone_is_published_when_asked_for(tmp_path):
    write_inputs(tmp_path, n=8, human=0)
    shutil.rmtree(tmp_path / "annotations")
    summary = publish(options_for(tmp_path, baseline=False, configs=("articles",)))
    assert set(summary.splits) == {"articles"}


def test_a_requested_config_that_would_be_empty_is_refused_naming_its_tables(tmp_path):
    write_inputs(tmp_path, n=8, human=0)
    for name in ("gold/stance.parquet", "predictions/targets.parquet"):
        (tmp_path / "annotations" / name).unlink(missing_ok=True)
    with pytest.raises(
        UsageError,
        match=r"--config stance would be empty: gold/stance\.parquet: absent; "
        r"predictions/targets\.parquet: absent",
    ):
        publish(options_for(tmp_path, baseline=False, configs=("stance",)))
    assert _version_is_free(tmp_path)


def test_only_the_requested_configs_and_articles_are_published(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    summary = publish(options_for(tmp_path, baseline=False, configs=("stance",)))
    assert set(summary.splits) == {"articles", "stance"}


def test_an_unknown_config_name_is_refused(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    with pytest.raises(UsageError, match="--config stances: no such config"):
        publish(options_for(tmp_path, baseline=False, configs=("stances",)))


def test_a_withheld_source_no_article_has_is_refused_naming_the_sources(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    with pytest.raises(
        UsageError,
        match=r"--withhold-source 'closed wir': no article .*: Example Gazette \(7\), Closed Wire",
    ):
        publish(options_for(tmp_path, baseline=False, withhold_sources=("Closed Wir",)))
    assert _version_is_free(tmp_path)


def test_a_refused_version_publishes_once_the_cause_is_fixed(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    with pytest.raises(UsageError):
        publish(options_for(tmp_path, baseline=False, withhold_sources=("Closed Wir",)))
    summary = publish(options_for(tmp_path, baseline=False, withhold_sources=("closed wire",)))
    assert summary.version == "1.0.0" and (tmp_path / "dist" / "1.0.0" / "README.md").exists()


def test_the_command_exits_non_zero_and_keeps_the_version_free(tmp_path, capsys):
    write_inputs(tmp_path, n=8, human=0)
    shutil.rmtree(tmp_path / "annotations")
    args = ["publish", "--version", "1.0.0", "--corpus", str(tmp_path / "corpus")]
    args += [
        "--annotations",
        str(tmp_path / "annotations"),
        "--out",
        str(tmp_path / "dist" / "1.0.0"),
    ]
    assert main(args) == 2
    assert "no annotations found" in capsys.readouterr().err
    assert _version_is_free(tmp_path)


def _relabel_stance(annotations: Path, stance: str) -> None:
    """What `ls pull` does when an annotator changed their labels since `ls agreement`."""
    path = annotations / "stance.parquet"
    table = pq.read_table(path)
    labels = pa.array([stance] * table.num_rows, pa.string())
    pq.write_table(table.set_column(table.schema.get_field_index("stance"), "stance", labels), path)


def test_gold_older_than_its_annotations_is_refused_naming_the_origin(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    _relabel_stance(tmp_path / "annotations", "against")
    with pytest.raises(
        UsageError, match="its annotations changed since its gold was resolved"
    ) as err:
        publish(options_for(tmp_path, baseline=False))
    # Quoted: the origin names a project whose title has spaces, and the command must paste.
    assert f"newscorpus ls agreement --origin {shlex.quote(ORIGIN)} --export" in str(err.value)
    assert "\n" not in str(err.value)
    assert _version_is_free(tmp_path)


def test_gold_resolved_again_after_the_change_is_published(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    _relabel_stance(tmp_path / "annotations", "against")
    record_resolved(tmp_path / "annotations")  # `ls agreement` again
    publish(options_for(tmp_path, baseline=False))
    assert (tmp_path / "dist" / "1.0.0" / "README.md").exists()


def test_annotations_of_an_origin_never_resolved_are_refused(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    path = tmp_path / "annotations" / "stance.parquet"
    rows = pq.read_table(path).to_pylist()
    rows += [r | {"origin": "labelstudio:week 2", "annotation_id": "w2"} for r in rows[:1]]
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(path)), path)
    with pytest.raises(UsageError, match="'labelstudio:week 2': no gold was resolved from its 1"):
        publish(options_for(tmp_path, baseline=False))


def test_gold_written_before_it_recorded_its_annotations_is_refused(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    (tmp_path / "annotations" / "gold" / "sources.json").unlink()
    with pytest.raises(UsageError, match="gold written before it recorded what it was resolved"):
        publish(options_for(tmp_path, baseline=False))


def _filed_twice(gold: Path, origin: str = "labelstudio:week 2") -> None:
    """The gold rows of ORIGIN again under `origin`: one export pulled under two names."""
    rows = [r | {"origin": ORIGIN} for r in pq.read_table(gold).to_pylist()]
    rows += [r | {"origin": origin} for r in rows]
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(gold)), gold)


def test_gold_stance_of_one_target_from_two_origins_is_refused_naming_both(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    _filed_twice(tmp_path / "annotations" / "gold" / "stance.parquet")
    with pytest.raises(UsageError) as err:
        publish(options_for(tmp_path, baseline=False))
    message = str(err.value)
    assert "gold/stance.parquet: 1 (article, target) stance label(s) with gold rows" in message
    assert f"from {ORIGIN} and labelstudio:week 2" in message
    assert _version_is_free(tmp_path)


def test_a_gold_quote_span_from_two_origins_is_refused_naming_both(tmp_path):
    write_inputs(tmp_path, n=8, human=2)
    _filed_twice(tmp_path / "annotations" / "gold" / "quotes.parquet")
    with pytest.raises(
        UsageError, match=rf"quote span\(s\) .* from {ORIGIN} and labelstudio:week 2"
    ):
        publish(options_for(tmp_path, baseline=False))
    assert _version_is_free(tmp_path)


def test_two_gold_quotes_of_one_origin_on_one_span_are_published(tmp_path):
    # One content attributed to two sources: two gold rows of the same span, one origin.
    write_inputs(tmp_path, n=8, human=2)
    gold = tmp_path / "annotations" / "gold" / "quotes.parquet"
    rows = pq.read_table(gold).to_pylist()
    rows.append(rows[0] | {"speaker_start": None, "speaker_end": None, "speaker_text": None})
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(gold)), gold)
    summary = publish(options_for(tmp_path, baseline=False))
    quotes = pq.read_table(summary.folder / "data" / "quotes").to_pylist()
    article = next(q for q in quotes if q["article_id"] == rows[0]["article_id"])
    spans = [(x["start"], x["end"]) for x in article["quotes"]]
    assert spans.count((rows[0]["start"], rows[0]["end"])) == 2
