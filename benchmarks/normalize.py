"""Throughput and memory of `newscorpus normalize` on generated page dumps (`make bench-normalize`).

Measures, in one run so that the figures compare as ratios on a noisy shared machine:
pages/s per worker on N synthetic ~10 KB dumps, the peak resident memory of the whole process
tree (sampled from /proc), the same at a tenth of the size (memory must stay flat), a no-op
re-run as a fraction of the full run, and a run that adds 1% new pages to the full corpus (it
reloads the corpus's state before it reads them). Writes nothing outside --work.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def _proc_kib(pid: int, file: str, field: str) -> int:
    """Bytes of a "Field:   N kB" line of /proc/PID/FILE, 0 once the process is gone."""
    try:
        for line in (Path("/proc") / str(pid) / file).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _pss(pid: int) -> int:
    """Proportional set size: shared pages (workers forked from the main process share its
    pages until written) count once across the tree instead of once per process."""
    return _proc_kib(pid, "smaps_rollup", "Pss")


def _hwm(pid: int) -> int:
    """The kernel's high-water mark of one process's resident memory: a peak that sampling
    cannot miss (the main process peaks for a moment while it loads the language model)."""
    return _proc_kib(pid, "status", "VmHWM")


def _rss(pid: int) -> int:
    """Resident bytes of one process."""
    try:
        pages = int((Path("/proc") / str(pid) / "statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _run(args: list[str]) -> tuple[float, int, int, int]:
    """Wall seconds, then the peaks of: the tree's summed RSS, its summed PSS, and the RSS of
    the main process alone, for one run."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = pss_peak = main_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, pss_peak, main_peak
        while not done.is_set():
            tree = _tree(proc.pid)
            peak = max(peak, sum(_rss(p) for p in tree))
            pss_peak = max(pss_peak, sum(_pss(p) for p in tree))
            main_peak = max(main_peak, _hwm(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"normalize failed: {err.decode()[-2000:]}")
    return time.perf_counter() - started, peak, pss_peak, main_peak


def _record(results: dict[str, float], label: str, measured: tuple[float, int, int, int]) -> float:
    seconds, peak, pss, main_peak = measured
    results[f"{label}_seconds"] = round(seconds, 2)
    results[f"{label}_peak_rss_mib"] = round(peak / 2**20, 1)
    results[f"{label}_peak_pss_mib"] = round(pss / 2**20, 1)
    results[f"{label}_main_process_peak_rss_mib"] = round(main_peak / 2**20, 1)
    return seconds


def _fake_state(out: Path, n: int) -> None:
    """The state tables of an N-article corpus (random signatures, no texts), in parts of 1,000:
    what an incremental run loads before it reads a new file."""
    import hashlib

    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newscorpus import schema
    from newscorpus.normalize.dedup import NUM_PERM

    rng = np.random.default_rng(0)
    for part, start in enumerate(range(0, n, 1000)):
        numbers = range(start, min(start + 1000, n))
        name = f"part-{part:05d}.parquet"
        ids = [f"{i:020x}" for i in numbers]
        shas = [hashlib.sha256(str(i).encode()).hexdigest() for i in numbers]
        values = rng.integers(0, 2**32, size=len(ids) * NUM_PERM, dtype=np.uint32)
        offsets = np.arange(0, len(values) + 1, NUM_PERM, dtype=np.int32)
        tables = {
            "articles": pa.table({"id": ids, "content_sha256": shas}),
            "state/minhash": pa.table(
                [ids, ids, pa.ListArray.from_arrays(offsets, values)], schema=schema.MINHASH
            ),
            "state/manifest": pa.Table.from_pylist(
                [
                    {
                        "path": f"/fake/input/{i:08d}.txt",
                        "source_file": f"{i:08d}.txt",
                        "input": "/fake/input",
                        "raw_sha256": sha,
                        "size_bytes": 10_000,
                        "mtime_ns": 0,
                        "articles": 1,
                        "rejects": 0,
                        "shard": name,
                        "pipeline_version": "fake",
                    }
                    for i, sha in zip(numbers, shas, strict=True)
                ],
                schema=schema.MANIFEST,
            ),
        }
        for folder, table in tables.items():
            (out / folder).mkdir(parents=True, exist_ok=True)
            pq.write_table(table, out / folder / name, compression="zstd")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--state-sizes",
        default="",
        help="also add 1,000 pages to corpora of these many articles (comma-separated), whose "
        "state tables are generated (random signatures): memory as the corpus grows further",
    )
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "out" / "normalize")
    parser.add_argument("--keep", action="store_true", help="keep the generated pages")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from newscorpus.testing.synth import synthetic_page, write_synthetic_corpus

    cli = [str(Path(sys.executable).parent / "newscorpus"), "normalize", "--no-progress"]
    workers = ["--workers", str(args.workers)]
    results: dict[str, float] = {"pages": args.pages, "workers": args.workers}
    small = max(args.pages // 10, 1)
    for label, n in (("small", small), ("full", args.pages)):
        raw = args.work / f"raw-{n}"
        out = args.work / f"corpus-{n}"
        shutil.rmtree(out, ignore_errors=True)
        if not raw.exists():
            t = time.perf_counter()
            write_synthetic_corpus(raw, n)
            results[f"{label}_generate_s"] = round(time.perf_counter() - t, 1)
        size = sum(p.stat().st_size for p in raw.rglob("*") if p.is_file())
        results[f"{label}_pages"] = n
        results[f"{label}_mean_page_bytes"] = size // n
        seconds = _record(results, label, _run([*cli, str(raw), "--out", str(out), *workers]))
        results[f"{label}_pages_per_s_per_worker"] = round(n / seconds / args.workers, 1)
        if label == "full":
            noop = _record(results, "noop", _run([*cli, str(raw), "--out", str(out), *workers]))
            results["noop_fraction_of_full"] = round(noop / seconds, 4)
        added = raw / "added"
        added.mkdir(exist_ok=True)
        for i in range(n, n + max(n // 100, 1)):
            (added / f"page-{i:07d}.txt").write_text(synthetic_page(i), encoding="utf-8")
        more = _record(
            results, f"{label}_add_1pct", _run([*cli, str(raw), "--out", str(out), *workers])
        )
        results[f"{label}_add_1pct_fraction_of_full"] = round(more / seconds, 4)
        shutil.rmtree(added)
        if not args.keep:
            shutil.rmtree(raw, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    for what in ("peak_rss", "peak_pss", "add_1pct_peak_rss", "add_1pct_peak_pss"):
        full, small_ = results[f"full_{what}_mib"], results[f"small_{what}_mib"]
        results[f"{what}_ratio_full_over_small"] = round(full / small_, 2)
    sizes = [int(size) for size in args.state_sizes.split(",") if size]
    if sizes:
        new = args.work / "raw-new-1000"
        for i in range(1000):
            (new / f"{i // 100:02d}").mkdir(parents=True, exist_ok=True)
            (new / f"{i // 100:02d}" / f"page-{i:04d}.txt").write_text(
                synthetic_page(10_000_000 + i), encoding="utf-8"
            )
        for n in sizes:
            out = args.work / f"state-{n}"
            shutil.rmtree(out, ignore_errors=True)
            _fake_state(out, n)
            _record(
                results, f"state_{n}_add_1000", _run([*cli, str(new), "--out", str(out), *workers])
            )
            shutil.rmtree(out)
        shutil.rmtree(new)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
