"""Benchmark: `newscorpus import brat` on PolNeAR train (and `import fnc1` on FNC-1 dev), then
`newscorpus publish` of what was imported.

    .venv/bin/python benchmarks/imports.py [--record] [--no-fnc1]

Each command runs in a child process of its own in a fresh temporary folder (wall time, peak
memory of the child: its high-water RSS from getrusage), the import twice (the second run
replaces what the first wrote: the idempotent re-run). Reads ../shared (NEWSCORPUS_SHARED);
nothing is downloaded, nothing of the corpora is kept. With --record, the figures are appended
to docs/benchmarks.md with the command that produced them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSCORPUS_SHARED", REPO.parent / "shared"))
POLNEAR = SHARED / "data" / "polnear-train"
FNC1 = SHARED / "data" / "fnc1-dev"
VERSION = "0.1.0"


def timed(argv: list[str], cwd: Path) -> dict[str, float]:
    """Run `newscorpus ARGV` in a child process: seconds and the child's peak RSS in MiB."""
    script = (
        "import resource, sys, time\n"
        "from newscorpus.cli import main\n"
        "t = time.perf_counter(); code = main(sys.argv[1:])\n"
        "print('BENCH', time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], cwd=cwd, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"newscorpus {' '.join(argv)} failed:\n{done.stderr}")
    line = next(x for x in done.stderr.splitlines() if x.startswith("BENCH "))
    _, seconds, max_kib = line.split()
    return {"seconds": float(seconds), "peak_mib": int(max_kib) / 1024}


def bench(kind: str, source: Path, work: Path, articles: int) -> dict[str, Any]:
    folder = work / kind
    folder.mkdir()
    first = timed(["import", kind, str(source)], folder)
    again = timed(["import", kind, str(source)], folder)
    publish = timed(
        ["publish", "--version", VERSION, "--no-baseline", "--publish-unknown-license"], folder
    )
    report = next((folder / "annotations").glob("import-report-*.json"))
    return {
        "kind": kind,
        "articles": articles,
        "import": first,
        "reimport": again,
        "publish": publish,
        "report": json.loads(report.read_text(encoding="utf-8")),
    }


def _row(r: dict[str, Any]) -> str:
    n, imp, again, pub = r["articles"], r["import"], r["reimport"], r["publish"]
    return (
        f"| `import {r['kind']}` | {n:,} | {imp['seconds']:.1f} | {n / imp['seconds']:.0f} | "
        f"{imp['peak_mib']:.0f} | {again['seconds']:.1f} | {pub['seconds']:.1f} | "
        f"{pub['peak_mib']:.0f} |"
    )


def markdown(results: list[dict[str, Any]], command: str) -> str:
    day = datetime.now(UTC).date().isoformat()
    lines = [
        "",
        "## Imports: PolNeAR train and FNC-1 dev to a published dataset (`benchmarks/imports.py`)",
        "",
        f"Command: `{command}` ({day}). Each step runs in a child process of its own; seconds "
        "are the command's own wall time (imports and the language model included), peak "
        "memory the child's high-water RSS. The re-run replaces the parts the first run wrote. "
        "Publish: every config, no baseline, texts published (a temporary folder). Load "
        f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when it ended (other "
        "jobs share the machine: times scale with it).",
        "",
        "| command | articles | import s | articles/s | import peak MiB | re-run s | publish s "
        "| publish peak MiB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *(_row(r) for r in results),
        "",
    ]
    for r in results:
        rep = r["report"]
        if r["kind"] == "brat":
            spans, norm = rep["spans"], rep["normalization"]
            measured = rep["agreement"]["measured"]
            lines.append(
                f"PolNeAR train: {rep['articles']['read']} texts, {rep['articles']['written']} "
                f"articles ({rep['articles']['exact_duplicates']} exact duplicate text); "
                f"{norm['texts_changed']} texts changed by NFC "
                f"({norm['characters_before'] - norm['characters_after']} characters fewer); "
                f"{spans['exact']:,} of {spans['read']:,} spans exact; span F1 (Quote) "
                f"{measured['spans']['Quote']['f1']:.3f}, token-wise alpha "
                f"{measured['token_alpha']['alpha']:.3f} over "
                f"{measured['token_alpha']['articles']} articles (published: "
                f"{rep['agreement']['published']['value']})."
            )
        else:
            lines.append(
                f"FNC-1 dev: {rep['labels_read']:,} pairs, {rep['rows']:,} stance rows "
                f"({rep['repeated_rows']} repeats merged), {rep['targets']} targets."
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="append to docs/benchmarks.md")
    parser.add_argument("--no-fnc1", action="store_true", help="PolNeAR only")
    args = parser.parse_args()
    if not POLNEAR.is_dir():
        raise SystemExit(f"{POLNEAR} is absent: this benchmark reads the shared data")
    work = Path(tempfile.mkdtemp(prefix="newscorpus-bench-imports-"))
    started = time.perf_counter()
    try:
        results = [bench("brat", POLNEAR, work, len(list((POLNEAR / "text").glob("*.txt"))))]
        if not args.no_fnc1 and FNC1.is_dir():
            results.append(bench("fnc1", FNC1, work, _count_bodies()))
        command = " ".join(["python benchmarks/imports.py", *sys.argv[1:]])
        text = markdown(results, command)
        print(text)
        print(f"total {time.perf_counter() - started:.0f} s")
        if args.record:
            with (REPO / "docs" / "benchmarks.md").open("a", encoding="utf-8") as handle:
                handle.write(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _count_bodies() -> int:
    with (FNC1 / "bodies.csv").open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh))


if __name__ == "__main__":
    main()
