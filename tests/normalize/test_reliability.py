"""Nothing a file, a name or a slow page does stops a `normalize` run or loses a row.

Specification (docs/reliability.md): every failing file or record becomes a reject row with its
reason and the run goes on; limits are kept per record; the options refuse impossible values;
inputs are read again when their bytes may have changed unseen or when a raised limit may now
let them in. All inputs are synthetic.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newscorpus import schema
from newscorpus.errors import UsageError
from newscorpus.normalize import per_file
from newscorpus.normalize.pool import WorkerDied
from newscorpus.normalize.run import NormalizeOptions, run_normalize

BODY = (
    "The harbour authority of Port Lenna said on Tuesday that dredging would start in May.\n\n"
    '"We have waited long enough," said Mara Iversen, the authority\'s director, adding that '
    "fishing boats would be moved to the northern quay during the works.\n\n"
    "Local traders warned that the closure could cost them a whole season of tourists."
)
HOUR_AGO_NS = (time.time_ns() // 10**9 - 3600) * 10**9


def _record(body: str = BODY, **fields: object) -> str:
    return json.dumps({"title": "A synthetic story", "text": body, **fields}) + "\n"


def _write(path: Path, data: str | bytes, *, old: bool = True) -> Path:
    """Write an input; `old` dates it an hour back, as raw files usually are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    if old:
        os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    return path


def _run(inputs: list[Path], out: Path, **options: object):
    return run_normalize(NormalizeOptions(inputs=tuple(inputs), out=out, **options))


def _table(out: Path, name: str, table_schema) -> list[dict]:
    folder = out / name
    if not folder.exists() or not any(folder.glob("*.parquet")):
        return []
    return pq.read_table(folder, schema=table_schema).to_pylist()


def _rejects(out: Path) -> list[dict]:
    return _table(out, "rejects", schema.REJECTS)


def _articles(out: Path) -> list[dict]:
    return _table(out, "articles", schema.ARTICLES)


# --- 1. one bad record or file never stops the run -------------------------------------------


def test_a_record_with_authors_as_a_number_does_not_stop_the_run(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", _record(BODY + " One.", authors=5) + _record(BODY + " Two."))
    _write(raw / "b.jsonl", _record(BODY + " Three."))
    summary = _run([raw], tmp_path / "out")
    assert summary.articles_written == 2
    assert [
        (r["source_file"], r["record_index"], r["reason"]) for r in _rejects(tmp_path / "out")
    ] == [("a.jsonl", 1, "bad_field")]


def test_a_lone_surrogate_in_a_title_is_stored_as_a_replacement(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", '{"title": "Port \\ud800 deal", "text": ' + json.dumps(BODY) + "}\n")
    summary = _run([raw], tmp_path / "out")
    [article] = _articles(tmp_path / "out")
    assert article["title"] == "Port \ufffd deal"
    assert summary.articles_with_replacements == 1


def test_a_file_name_that_is_not_utf8_is_an_unreadable_reject(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    name = os.fsencode(raw) + b"/caf\xe9.jsonl"
    with open(name, "wb") as file:
        file.write(_record().encode())
    _write(raw / "b.jsonl", _record(BODY + " Other."))
    summary = _run([raw], tmp_path / "out")
    [reject] = _rejects(tmp_path / "out")
    assert (reject["source_file"], reject["reason"]) == ("caf\\xe9.jsonl", "unreadable")
    assert "UTF-8" in reject["detail"] and summary.articles_written == 1
    assert _run([raw], tmp_path / "out").inputs_read == 0  # not reported again


def test_a_symlink_loop_in_an_input_folder_is_an_unreadable_reject(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", _record())
    (raw / "loop-a").symlink_to("loop-b")
    (raw / "loop-b").symlink_to("loop-a")
    summary = _run([raw], tmp_path / "out")
    assert summary.articles_written == 1
    assert {(r["source_file"], r["reason"]) for r in _rejects(tmp_path / "out")} == {
        ("loop-a", "unreadable"),
        ("loop-b", "unreadable"),
    }


def test_a_fifo_given_as_input_is_rejected_unread(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    _run([fifo], tmp_path / "out")  # would block forever if it were opened for reading
    [reject] = _rejects(tmp_path / "out")
    assert reject["reason"] == "unreadable" and "regular file" in reject["detail"]


def test_dev_zero_given_as_input_is_rejected_unread(tmp_path: Path) -> None:
    _run([Path("/dev/zero")], tmp_path / "out")
    [reject] = _rejects(tmp_path / "out")
    assert reject["reason"] == "unreadable"


def test_a_defect_in_a_reader_is_an_internal_error_reject_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = per_file.read_input

    def broken(data: bytes, name: str, *args: object):
        if name == "a.jsonl":
            raise TypeError("a defect")
        return real(data, name, *args)

    monkeypatch.setattr(per_file, "read_input", broken)
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", _record())
    _write(raw / "b.jsonl", _record(BODY + " Other."))
    summary = _run([raw], tmp_path / "out")
    [reject] = _rejects(tmp_path / "out")
    assert (reject["source_file"], reject["reason"]) == ("a.jsonl", "internal_error")
    assert "TypeError: a defect" in reject["detail"] and summary.articles_written == 1


# --- 2. limits -------------------------------------------------------------------------------


def _slow_extraction(seconds: float):
    from newscorpus.ingest import html

    real = html.extract_html

    def slow(text: str, **kwargs: object):
        if "SLOW" in text:
            end = time.monotonic() + seconds
            while time.monotonic() < end:  # Python-level work, as the extractor's own loops are
                pass
        return real(text, **kwargs)

    return slow


def _html(marker: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return f"<html><head><title>T{marker}</title></head><body><article>{paragraphs}</article>"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_over_the_time_limit_is_a_timeout_reject_and_the_worker_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    from newscorpus.ingest import html

    monkeypatch.setattr(html, "extract_html", _slow_extraction(30))
    raw = tmp_path / "raw"
    _write(raw / "a-slow.html", _html("SLOW") + "</body></html>")
    _write(raw / "b.html", _html() + "</body></html>")
    _write(raw / "c.jsonl", _record(BODY + " Other."))
    started = time.monotonic()
    summary = _run([raw], tmp_path / "out", timeout=0.5, workers=workers)
    assert time.monotonic() - started < 20
    assert summary.rejects_by_reason == {"timeout": 1} and summary.articles_written == 2
    [reject] = _rejects(tmp_path / "out")
    assert reject["source_file"] == "a-slow.html" and "time limit" in reject["detail"]


def _dying_extraction(real):
    """An extraction whose worker is killed (as the out-of-memory killer would) on a DIE page."""

    def extract(html: str, *args: object, **kwargs: object):
        if "DIE" in html:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(html, *args, **kwargs)

    return extract


def test_a_worker_killed_stops_the_run_with_one_error_and_the_same_command_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newscorpus.ingest import html

    raw = tmp_path / "raw"
    own = _html("DIE").replace(
        "</article>", "<p>The dredging contract went to a firm from Velm.</p>"
    )
    _write(raw / "a.html", own + "</article></body></html>")
    _write(raw / "b.html", _html() + "</body></html>")
    _write(raw / "c.jsonl", _record(BODY + " Other."))
    monkeypatch.setattr(html, "extract_html", _dying_extraction(html.extract_html))
    started = time.monotonic()
    with pytest.raises(WorkerDied, match="run the same command again"):
        _run([raw], tmp_path / "out", workers=2)
    assert time.monotonic() - started < 60
    monkeypatch.undo()
    summary = _run([raw], tmp_path / "out", workers=2)
    assert summary.articles_written == 3 and summary.rejects_by_reason == {}
    assert len(_table(tmp_path / "out", "articles", schema.ARTICLES)) == 3


# --- 4. options, outputs inside inputs, re-reading ------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"), [("max_bytes", 0), ("max_bytes", -1), ("timeout", 0), ("workers", 0)]
)
def test_a_limit_that_is_not_positive_is_refused(tmp_path: Path, option: str, value: int) -> None:
    with pytest.raises(UsageError, match="must be a positive number"):
        NormalizeOptions(inputs=(tmp_path,), **{option: value})


def test_an_unknown_retry_reason_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown reject reasons"):
        NormalizeOptions(inputs=(tmp_path,), retry_reasons=frozenset({"slow"}))


def test_out_equal_to_an_input_does_not_read_its_own_parts(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", _record())
    first = _run([raw], raw)
    again = _run([raw], raw)
    assert (first.inputs_seen, again.inputs_seen, again.inputs_read) == (1, 1, 0)
    assert _rejects(raw) == []


def test_an_input_inside_the_outputs_tables_is_refused(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", _record())
    _run([raw], tmp_path / "out")
    with pytest.raises(UsageError, match="inside the corpus"):
        _run([tmp_path / "out" / "articles"], tmp_path / "out")


def test_a_file_too_large_is_read_once_the_limit_is_raised(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", _record())
    out = tmp_path / "out"
    assert _run([raw], out, max_bytes=100).rejects_by_reason == {"too_large": 1}
    assert _run([raw], out, max_bytes=100).inputs_read == 0  # still too large: not retried
    raised = _run([raw], out)
    assert (raised.inputs_read, raised.articles_written) == (1, 1)
    assert _rejects(out) == []  # the old too_large row is gone with its input's old entry


def test_retry_reasons_read_timed_out_inputs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newscorpus.ingest import html

    monkeypatch.setattr(html, "extract_html", _slow_extraction(2))
    raw = tmp_path / "raw"
    _write(raw / "a.html", _html("SLOW") + "</body></html>")
    out = tmp_path / "out"
    assert _run([raw], out, timeout=0.5).rejects_by_reason == {"timeout": 1}
    assert _run([raw], out, timeout=30).inputs_read == 0  # same bytes: kept as it was
    retried = _run([raw], out, timeout=30, retry_reasons=frozenset({"timeout"}))
    assert (retried.inputs_read, retried.articles_written) == (1, 1)
    assert _rejects(out) == []


def test_an_edit_keeping_size_and_mtime_is_noticed_when_the_mtime_is_racy(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    path = _write(raw / "a.jsonl", _record(BODY.replace("May", "Mai")), old=False)
    out = tmp_path / "out"
    _run([raw], out)
    stamp = path.stat().st_mtime_ns
    _write(path, _record(BODY.replace("May", "Jun")), old=False)  # same size
    os.utime(path, ns=(stamp, stamp))  # and the same mtime, within the racy window
    again = _run([raw], out)
    assert again.inputs_read == 1
    assert [a["text"].split("\n\n")[0][-9:] for a in _articles(out)] == ["t in Jun."]


def test_an_unchanged_racy_file_is_hashed_but_not_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", _record(), old=False)
    out = tmp_path / "out"
    _run([raw], out)
    parts = sorted(p.name for p in out.rglob("*.parquet"))
    assert _run([raw], out).inputs_read == 0
    assert sorted(p.name for p in out.rglob("*.parquet")) == parts


def test_rehash_notices_a_file_replaced_with_its_old_mtime(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    path = _write(raw / "a.jsonl", _record(BODY.replace("May", "Mai")))
    out = tmp_path / "out"
    _run([raw], out)
    _write(path, _record(BODY.replace("May", "Jun")))  # same size, mtime set back an hour
    assert _run([raw], out).inputs_read == 0  # size and mtime are trusted by default
    assert _run([raw], out, rehash=True).inputs_read == 1


def test_a_touched_file_is_hashed_not_extracted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    path = _write(raw / "a.jsonl", _record())
    out = tmp_path / "out"
    _run([raw], out)
    os.utime(path, ns=(HOUR_AGO_NS + 1, HOUR_AGO_NS + 1))

    def no_reading(*_args: object, **_kw: object):
        raise AssertionError("a touched file with the same bytes was extracted again")

    monkeypatch.setattr(per_file, "read_input", no_reading)
    summary = _run([raw], out)
    assert (summary.inputs_read, summary.articles_total) == (0, 1)


def test_a_file_of_countless_bad_records_costs_a_few_reject_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(per_file, "MAX_RECORD_REJECTS", 5)
    raw = tmp_path / "raw"
    _write(raw / "a.jsonl", "{}\n" * 20 + _record())
    summary = _run([raw], tmp_path / "out")
    rejects = _rejects(tmp_path / "out")
    assert [r["record_index"] for r in rejects] == [1, 2, 3, 4, 5, None]
    assert rejects[-1]["detail"].startswith("15 more records")
    assert summary.rejects_by_reason == {"bad_record": 6} and summary.articles_written == 1


def test_a_parquet_claiming_endless_empty_rows_stops_at_the_record_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa

    monkeypatch.setattr(per_file, "MAX_RECORDS_PER_FILE", 100)
    raw = tmp_path / "raw"
    raw.mkdir()
    pq.write_table(pa.table({"text": pa.nulls(1000, pa.string())}), raw / "nulls.parquet")
    _run([raw], tmp_path / "out")
    rejects = _rejects(tmp_path / "out")
    assert len(rejects) == 101
    assert rejects[-1]["reason"] == "too_large" and "100 records" in rejects[-1]["detail"]


def test_a_record_index_beyond_the_column_type_moves_into_the_detail() -> None:
    from newscorpus.normalize.discovery import FileTask

    task = FileTask("/in/a.parquet", "/in", "a.parquet", 10, 1)
    row = per_file.reject_row(task, "bad_record", "no text", "h", 2**40)
    assert row["record_index"] is None and row["detail"] == f"record {2**40}: no text"
