"""Local engine against the Ray engine on generated page dumps (`make bench-engines`).

Runs `newscorpus normalize` on the same N synthetic ~10 KB page dumps twice, in one sitting so the
figures compare as ratios on a noisy shared machine: `--engine local --workers W`, then
`--engine ray --workers W` on a local loopback Ray instance started for the run. Reports wall
time, pages/s and their ratio, peak resident memory of every process of each run (sampled from
/proc), the peak of a single worker (a local pool process; a Ray task process), CPU time per page
(load-independent, unlike wall time on a shared machine), the time and worker peak of each Ray
stage, and checks that both corpora hold the same articles and clusters. `--also N` repeats the
comparison at other sizes (cost against pages). Writes only under --work.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).parent / "newscorpus")
_STAGE_LINE = re.compile(r"^(\S+ \S+) \| INFO .*(Will run pipeline on|All Ray tasks have finished)")


def _processes() -> dict[int, tuple[int, int, int, str, float]]:
    """pid -> (ppid, session id, resident bytes, command line, CPU seconds) of every process."""
    page = os.sysconf("SC_PAGE_SIZE")
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            rss = int((entry / "statm").read_text().split()[1]) * page
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
        cpu = (int(stat[11]) + int(stat[12])) / tick  # utime + stime
        found[int(entry.name)] = (int(stat[1]), int(stat[3]), rss, cmd, cpu)
    return found


class Sampler:
    """Samples the resident memory of one process session (a run and everything it started)."""

    def __init__(self, sid: int) -> None:
        self.sid = sid
        self.samples: list[tuple[float, int, int, bool]] = []  # (time, total, worker peak, ray)
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds when last seen
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._done.is_set():
            procs = {p: v for p, v in _processes().items() if v[1] == self.sid}
            for pid, v in procs.items():
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), v[4])
            total = sum(v[2] for v in procs.values())
            ray_workers = [v[2] for v in procs.values() if v[3].startswith("ray::RankWorker")]
            # A local run's workers: every process of the run but its main one (the leader).
            local_workers = [v[2] for pid, v in procs.items() if pid != self.sid]
            workers = ray_workers or local_workers
            self.samples.append((time.time(), total, max(workers, default=0), bool(ray_workers)))
            time.sleep(0.25)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def cpu_seconds(self) -> float:
        """CPU time of the run's processes (as last sampled: short-lived ones are missed)."""
        return sum(self.cpu.values())

    def peak_total(self) -> int:
        return max((s[1] for s in self.samples), default=0)

    def peak_worker(self, start: float = 0.0, end: float = float("inf")) -> int:
        return max((s[2] for s in self.samples if start <= s[0] <= end), default=0)


def _run(args: list[str]) -> tuple[float, Sampler]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    with Sampler(proc.pid) as sampler:
        _, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode()[-3000:]}")
    return time.perf_counter() - started, sampler


def _stage_windows(out: Path) -> list[tuple[str, float, float]]:
    """(stage, start, end) epoch seconds of each Ray stage, from the run's driver log."""
    names = ["normalize", "buckets", "duplicates", "write", "finish"]
    [log] = out.glob("state/runs/*/driver.log")
    stamps = []
    for line in log.read_text(encoding="utf-8").splitlines():
        match = _STAGE_LINE.match(line)
        if match:
            stamps.append(datetime.strptime(match[1], "%Y-%m-%d %H:%M:%S.%f").timestamp())
    return [(n, stamps[2 * i], stamps[2 * i + 1]) for i, n in enumerate(names)]


def _clusters(out: Path) -> list[tuple[str, str | None]]:
    table = pq.read_table(out / "articles", columns=["id", "duplicate_of"])
    return list(zip(table["id"].to_pylist(), table["duplicate_of"].to_pylist(), strict=True))


def _compare(raw: Path, work: Path, pages: int, workers: int, tasks: int | None) -> dict:
    mib = 2**20
    result: dict[str, object] = {"pages": pages, "workers": workers}
    common = [CLI, "normalize", str(raw), "--workers", str(workers), "--no-progress"]
    out_local, out_ray = work / f"local-{pages}", work / f"ray-{pages}"
    for out in (out_local, out_ray):
        shutil.rmtree(out, ignore_errors=True)
    seconds, sampler = _run([*common, "--out", str(out_local)])
    result["local_seconds"] = round(seconds, 1)
    result["local_pages_per_s"] = round(pages / seconds, 1)
    result["local_peak_total_mib"] = round(sampler.peak_total() / mib)
    result["local_peak_worker_mib"] = round(sampler.peak_worker() / mib)
    result["local_cpu_ms_per_page"] = round(1000 * sampler.cpu_seconds() / pages, 1)
    extra = ["--tasks", str(tasks)] if tasks else []
    seconds, sampler = _run([*common, "--out", str(out_ray), "--engine", "ray", *extra])
    result["ray_seconds"] = round(seconds, 1)
    result["ray_pages_per_s"] = round(pages / seconds, 1)
    result["ray_peak_total_mib"] = round(sampler.peak_total() / mib)
    result["ray_peak_worker_mib"] = round(sampler.peak_worker() / mib)
    result["ray_cpu_ms_per_page"] = round(1000 * sampler.cpu_seconds() / pages, 1)
    result["ray_over_local_throughput"] = round(
        float(result["ray_pages_per_s"]) / float(result["local_pages_per_s"]), 2
    )
    [plan] = out_ray.glob("state/runs/*/plan.json")
    result["ray_tasks"] = json.loads(plan.read_text())["tasks"]
    result["ray_stages"] = {
        name: {
            "seconds": round(end - start, 1),
            "peak_worker_mib": round(sampler.peak_worker(start, end) / mib),
        }
        for name, start, end in _stage_windows(out_ray)
    }
    local_clusters, ray_clusters = _clusters(out_local), _clusters(out_ray)
    result["articles"] = len(local_clusters)
    result["near_duplicates"] = sum(1 for _, rep in local_clusters if rep)
    result["same_articles_and_clusters"] = local_clusters == ray_clusters
    for out in (out_local, out_ray):
        shutil.rmtree(out, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--also", type=int, nargs="*", default=[], help="more corpus sizes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tasks", type=int, help="Ray normalize tasks (default: the engine's)")
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "out" / "engines")
    parser.add_argument("--keep", action="store_true", help="keep the generated pages")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from newscorpus.testing.synth import write_synthetic_corpus

    results = []
    for pages in sorted({*args.also, args.pages}):
        raw = args.work / f"raw-{pages}"
        if not raw.exists():
            write_synthetic_corpus(raw, pages)
        results.append(_compare(raw, args.work, pages, args.workers, args.tasks))
        print(json.dumps(results[-1], indent=2), flush=True)
        if not args.keep:
            shutil.rmtree(raw, ignore_errors=True)


if __name__ == "__main__":
    main()
