"""Stance model benchmark on ../shared/data/fnc1-dev: the evaluation gate for the stance model.

Measures, on the 12,239 FNC-1 pairs of fnc1-dev (426 bodies):
- held-out quality: 5-fold cross-validation grouped by `Body ID` (no body in two folds, folds
  fixed by seed 0, each fold's model fitted on the other four, text space included): FNC-1's
  relative score and macro-F1 per fold, pooled over all held-out predictions, per-class F1;
- with `--by-claim`, the same with bodies about one claim kept in one fold (a stricter split
  than FNC-1's own; see `cv.claim_groups`), for information, not gated;
- training time of one model on every pair (what `newscorpus stance train --cv-folds 0` fits),
  wall clock and this process's CPU time, beside the load average (the machine is shared: wall
  time grows with other jobs, CPU time much less);
- prediction throughput in pairs per second, from text, over every pair (bodies shared as in
  FNC-1) and over one pair per body (every body new to the featurizer: the case of a corpus
  article with a target or two), best of three passes, by the wall clock and by this process's
  CPU time; the gate is on new bodies by CPU time, since prediction runs on one core and the wall
  clock gives it only its share of a shared one (about half at a load average of 4 on 2 cores);
- peak memory of this process (the kernel's high-water mark, VmHWM, and ru_maxrss).
Floors and the data fingerprint are pinned below; the gate fails loudly when either is missed.
Writes nothing but the optional --json report.

    python benchmarks/stance.py [--data DIR] [--by-claim] [--no-cv] [--json FILE]

`--no-cv` skips both cross-validations: training, prediction and memory only, quality unchecked.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newscorpus.preannotate.stance import cv  # noqa: E402
from newscorpus.preannotate.stance.fnc1 import FNC1_LABELS, Pair, read_fnc1  # noqa: E402
from newscorpus.preannotate.stance.model import MODEL_VERSION, library_versions, train  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "fnc1-dev"
# sha256 over bodies.csv then stances.csv (see `fingerprint`).
DATA_SHA256 = "c60ee3253579cffca29b1b15959d33512261a6361b30f0604e304cb70c30c512"
MIN_FNC = 0.82
MIN_MACRO_F1 = 0.60
MAX_TRAIN_SECONDS = 600.0
MIN_PAIRS_PER_SECOND = 500.0
MAX_PEAK_MIB = 2048.0
PASSES = 3


def fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in ("bodies.csv", "stances.csv"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def peak_mib() -> dict[str, float]:
    """The process's high-water resident memory, from /proc and from getrusage."""
    with open("/proc/self/status", encoding="ascii") as handle:
        hwm = next(int(line.split()[1]) for line in handle if line.startswith("VmHWM"))
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"vmhwm_mib": hwm / 1024, "ru_maxrss_mib": maxrss / 1024}


def cross_validation(pairs: Sequence[Pair], by: str) -> dict[str, object]:
    started = time.perf_counter()
    result = cv.cross_validate(pairs, lambda part: train(part).predict, by=by)
    return {"grouped_by": by, "seconds": time.perf_counter() - started, **result.as_dict()}


def throughput(
    predict: Callable[[Sequence[Pair]], list[str]], pairs: Sequence[Pair]
) -> dict[str, float]:
    """Pairs per second, best of PASSES, by the wall clock and by this process's CPU time."""
    wall = cpu = float("inf")
    for _ in range(PASSES):
        started, cpu_started = time.perf_counter(), time.process_time()
        predict(pairs)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    return {"wall": len(pairs) / wall, "cpu": len(pairs) / cpu}


def _print_cv(report: dict) -> None:
    print(f"cross-validation grouped by {report['grouped_by']} ({report['seconds']:.0f} s)")
    print("| fold | pairs | FNC | macro-F1 | " + " | ".join(FNC1_LABELS) + " |")
    print("| --- " * (4 + len(FNC1_LABELS)) + "|")
    rows = [(str(i), f) for i, f in enumerate(report["folds"], start=1)]
    for name, fold in [*rows, ("pooled", report["pooled"])]:
        f1 = " | ".join(f"{fold['f1'][label]:.3f}" for label in FNC1_LABELS)
        print(f"| {name} | {fold['pairs']} | {fold['fnc']:.4f} | {fold['macro_f1']:.4f} | {f1} |")
    for measure, (low, mean, high) in report["spread"].items():
        print(f"{measure} over folds: min {low:.4f}, mean {mean:.4f}, max {high:.4f}")


def _failures(report: dict) -> list[str]:
    checks = []
    if "cv_body" in report:
        pooled = report["cv_body"]["pooled"]
        checks += [
            (pooled["fnc"] >= MIN_FNC, f"held-out FNC {pooled['fnc']} < {MIN_FNC}"),
            (pooled["macro_f1"] >= MIN_MACRO_F1, f"macro-F1 {pooled['macro_f1']} < {MIN_MACRO_F1}"),
        ]
    checks += [
        (report["train_seconds"] <= MAX_TRAIN_SECONDS, "training took longer than the floor"),
        (
            report["pairs_per_second_new_bodies"]["cpu"] >= MIN_PAIRS_PER_SECOND,
            "prediction on new bodies below the floor",
        ),
        (report["peak"]["vmhwm_mib"] < MAX_PEAK_MIB, "peak memory over the ceiling"),
    ]
    return [message for ok, message in checks if not ok]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--by-claim", action="store_true", help="also CV grouped by claim")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--json", type=Path, help="write the report here")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as each part finishes
    data_sha = fingerprint(args.data)
    if data_sha != DATA_SHA256:
        print(f"data fingerprint {data_sha} differs from the pinned {DATA_SHA256}")
        return 1
    pairs = read_fnc1(args.data)
    report: dict[str, object] = {"model": MODEL_VERSION, "data_sha256": data_sha}
    report["libraries"] = library_versions()
    if not args.no_cv:
        report["cv_body"] = cross_validation(pairs, "body")
        _print_cv(report["cv_body"])
    if args.by_claim and not args.no_cv:
        report["cv_claim"] = cross_validation(pairs, "claim")
        _print_cv(report["cv_claim"])
    started, cpu = time.perf_counter(), time.process_time()
    model = train(pairs, source="fnc1-dev")
    report["train_seconds"] = time.perf_counter() - started
    report["train_cpu_seconds"] = time.process_time() - cpu
    report["load_average"] = os.getloadavg()
    one_per_body = list({p.body_id: p for p in pairs}.values())
    report["pairs_per_second"] = throughput(model.predict, pairs)
    report["pairs_per_second_new_bodies"] = throughput(model.predict, one_per_body)
    report["load_average_prediction"] = os.getloadavg()
    report["peak"] = peak_mib()
    print(
        f"training on all {len(pairs)} pairs: {report['train_seconds']:.1f} s "
        f"({report['train_cpu_seconds']:.1f} s CPU, load average "
        + ", ".join(f"{x:.1f}" for x in report["load_average"])
        + ")"
    )
    shared, new = report["pairs_per_second"], report["pairs_per_second_new_bodies"]
    print(
        f"prediction: {shared['wall']:.0f} pairs/s ({shared['cpu']:.0f} by CPU time) over the "
        f"FNC-1 pairs, {new['wall']:.0f} pairs/s ({new['cpu']:.0f} by CPU time) with one pair per "
        "body (load average "
        + ", ".join(f"{x:.1f}" for x in report["load_average_prediction"])
        + ")"
    )
    print("peak memory: {vmhwm_mib:.0f} MiB VmHWM, {ru_maxrss_mib:.0f} MiB ru_maxrss".format(
        **report["peak"]))  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    failures = _failures(report)
    for message in failures:
        print(f"FAIL: {message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
