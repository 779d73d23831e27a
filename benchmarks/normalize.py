"""Throughput and memory of `newscorpus normalize` on generated page dumps (`make bench-normalize`).

Measures, in one run so that the figures compare as ratios on a noisy shared machine:
pages/s per worker on N synthetic ~10 KB dumps, the peak resident memory of the whole process
tree (sampled from /proc), the same at a tenth of the size (memory must stay flat), a no-op
re-run as a fraction of the full run, and a run that adds 1% new pages to the full corpus (it
reloads the corpus's state before it reads them). Writes nothing outside --work.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total = 0
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
    stack = [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        current = stack.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int((Path("/proc") / str(current) / "statm").read_text().split()[1]) * page
        stack.extend(children.get(current, []))
    return total


def _rss(pid: int) -> int:
    """Resident bytes of one process."""
    try:
        pages = int((Path("/proc") / str(pid) / "statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _run(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak tree RSS and peak RSS of the main process alone, for one run."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = main_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, main_peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            main_peak = max(main_peak, _rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"normalize failed: {err.decode()[-2000:]}")
    return time.perf_counter() - started, peak, main_peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "out" / "normalize")
    parser.add_argument("--keep", action="store_true", help="keep the generated pages")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from newscorpus.synth import synthetic_page, write_synthetic_corpus

    cli = [str(Path(sys.executable).parent / "newscorpus"), "normalize", "--no-progress"]
    results: dict[str, object] = {"pages": args.pages, "workers": args.workers}
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
        seconds, peak, main_peak = _run(
            [*cli, str(raw), "--out", str(out), "--workers", str(args.workers)]
        )
        results[f"{label}_pages"] = n
        results[f"{label}_mean_page_bytes"] = size // n
        results[f"{label}_seconds"] = round(seconds, 1)
        results[f"{label}_pages_per_s_per_worker"] = round(n / seconds / args.workers, 1)
        results[f"{label}_peak_rss_mib"] = round(peak / 2**20, 1)
        results[f"{label}_main_process_peak_rss_mib"] = round(main_peak / 2**20, 1)
        if label == "full":
            noop, noop_peak, _ = _run(
                [*cli, str(raw), "--out", str(out), "--workers", str(args.workers)]
            )
            results["noop_seconds"] = round(noop, 2)
            results["noop_fraction_of_full"] = round(noop / seconds, 4)
            results["noop_peak_rss_mib"] = round(noop_peak / 2**20, 1)
        added = raw / "added"
        added.mkdir(exist_ok=True)
        for i in range(n, n + max(n // 100, 1)):
            (added / f"page-{i:07d}.txt").write_text(synthetic_page(i), encoding="utf-8")
        more, more_peak, more_main = _run(
            [*cli, str(raw), "--out", str(out), "--workers", str(args.workers)]
        )
        shutil.rmtree(added)
        results[f"{label}_add_1pct_seconds"] = round(more, 2)
        results[f"{label}_add_1pct_fraction_of_full"] = round(more / seconds, 4)
        results[f"{label}_add_1pct_peak_rss_mib"] = round(more_peak / 2**20, 1)
        results[f"{label}_add_1pct_main_process_peak_rss_mib"] = round(more_main / 2**20, 1)
        if not args.keep:
            shutil.rmtree(raw, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    results["peak_ratio_full_over_small"] = round(
        float(results["full_peak_rss_mib"]) / float(results["small_peak_rss_mib"]), 2
    )
    results["add_1pct_peak_ratio_full_over_small"] = round(
        float(results["full_add_1pct_peak_rss_mib"])
        / float(results["small_add_1pct_peak_rss_mib"]),
        2,
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
