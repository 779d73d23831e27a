"""Mutation fuzzing of `process_file`: no mutant of a fixture raises or gives an unstorable row.

A seeded mutator (deterministic, no extra dependency) damages the ingest fixtures and the sample
corpus the way broken scrapers and disks do: flipped, cut, repeated and inserted bytes; hostile
JSON values (`"authors": 5`, 1e20, NaN, lone surrogates); re-compressed and multi-member gzip;
Parquet files with flipped page bytes or hostile column values. Every mutant must come back as
rows and rejects that Parquet can store, with reasons from the closed list and none of them an
`internal_error`. Bounded to FUZZ_SECONDS (and FUZZ_MUTANTS mutants) so it fits a CI minute.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import time
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import FIXTURES, REPO

from newscorpus import schema
from newscorpus.errors import RejectError
from newscorpus.normalize.discovery import FileTask
from newscorpus.normalize.per_file import process_file

pytestmark = pytest.mark.slow

SEED = 20250412
FUZZ_MUTANTS = 1500
FUZZ_SECONDS = 45.0
HOSTILE_VALUES = (
    5, 1e20, float("nan"), float("inf"), -1e300, 123, "\ud800", ["x", 5], {"a": 1}, True, None,
    "", "\x00", 2**70, -5, [None], "\udfff title",
)  # fmt: skip
HOSTILE_BYTES = (
    b"\\ud800", b'"authors": 5,', b"NaN", b"1e999", b"\xff\xfe", b"\x00", b"<p>" * 50,
    b'"title": 123,', b"\r\n", b"\xe2\x82", b"\x1f\x8b", b"WARC/1.0\r\n", b"HTTP/1.1",
    b"\r\n\r\n", b"Content-Length: 99999999\r\n", b"[" * 200,
)  # fmt: skip


def _seeds() -> list[Path]:
    folders = (FIXTURES / "ingest", REPO / "corpus" / "raw" / "sample")
    return [p for f in folders for p in sorted(f.rglob("*")) if p.is_file() and p.suffix != ".md"]


def _bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not out:
            out += b"x"
            continue
        at = rng.randrange(len(out))
        op = rng.randrange(6)
        if op == 0:
            out[at] = rng.randrange(256)
        elif op == 1:
            del out[at : at + rng.randint(1, 64)]
        elif op == 2:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 3:
            del out[at:]
        elif op == 4:
            start = rng.randrange(len(out))
            out[at:at] = out[start : start + rng.randint(1, 200)]
        else:
            out[at:at] = rng.choice(HOSTILE_BYTES)
    return bytes(out)


def _json_lines(rng: random.Random, data: bytes) -> bytes:
    lines = []
    for line in data.split(b"\n"):
        try:
            record = json.loads(line)
        except ValueError:
            lines.append(line)
            continue
        if isinstance(record, dict):
            field = rng.choice([*record, "authors", "published", "title", "language", "captions"])
            record[field] = rng.choice(HOSTILE_VALUES)
        text = json.dumps(record, ensure_ascii=rng.random() < 0.5, allow_nan=True)
        lines.append(text.encode("utf-8", "surrogatepass"))
    return b"\n".join(lines)


def _parquet(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.5:  # flip bytes inside the pages, leaving the footer readable
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(4, max(5, len(out) - 200))] = rng.randrange(256)
        return bytes(out)
    rows = pq.read_table(io.BytesIO(data)).to_pylist()
    for row in rows:
        row[rng.choice(list(row))] = rng.choice((5, "", None, 1e20, 123, "x"))
    try:
        table = pa.Table.from_pylist(rows)
    except (pa.ArrowException, TypeError, ValueError):
        return _bytes(rng, data)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def _mutant(rng: random.Random, seed: Path) -> bytes:
    data = seed.read_bytes()
    if data[:2] == b"\x1f\x8b" and rng.random() < 0.8:
        inner = _bytes(rng, gzip.decompress(data))
        if rng.random() < 0.7:
            return gzip.compress(inner, mtime=0)
        return data + gzip.compress(inner[:100], mtime=0)  # one member more
    if seed.suffix == ".jsonl" and rng.random() < 0.8:
        return _json_lines(rng, data)
    if seed.suffix == ".parquet":
        return _parquet(rng, data)
    return _bytes(rng, data)


def _check(result) -> None:
    rows = [{k: v for k, v in row.items() if k != "_signature"} for row in result.rows]
    pa.Table.from_pylist(rows, schema=schema.ARTICLES)
    pa.Table.from_pylist(result.rejects, schema=schema.REJECTS)
    reasons = {r["reason"] for r in result.rejects}
    assert reasons <= RejectError.REASONS
    assert "internal_error" not in reasons, [r["detail"] for r in result.rejects]


def test_no_mutant_of_a_fixture_raises_or_gives_an_unstorable_row(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    seeds = _seeds()
    outcomes: Counter[str] = Counter()
    deadline = time.monotonic() + FUZZ_SECONDS
    for number in range(FUZZ_MUTANTS):
        if time.monotonic() > deadline:
            break
        seed = rng.choice(seeds)
        data = _mutant(rng, seed)
        path = tmp_path / seed.name
        path.write_bytes(data)
        task = FileTask(str(path), str(tmp_path), seed.name, len(data), number)
        result = process_file(task, timeout=10)
        _check(result)
        outcomes["article" if result.rows else "reject"] += 1
    assert sum(outcomes.values()) >= 200  # the time bound left room for a real sample
    assert outcomes["article"] and outcomes["reject"]
