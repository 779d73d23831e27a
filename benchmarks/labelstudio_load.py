"""Label Studio under a team's load: 8 annotators submit 2,000 annotations at once, on SQLite and
on PostgreSQL, and not one may be lost or stored twice.

For each database: a fresh local server (its own temporary data dir, free loopback port, as
`newscorpus ls serve --database ...` starts it), one project with our label config and
annotations / annotators synthetic tasks (sentences made up here), and the annotator accounts
signed up through the organization's invite link as a person would, each with its own API token.
Then one thread per annotator submits one annotation to every task through
POST /api/tasks/{id}/annotations/, each in a shuffled order of its own, so writers meet on the
same tasks. No retries: a submit that fails is reported as failed.

Counted afterwards from one JSON export of the project: lost (answered 201, missing from the
export), duplicated ((task, annotator) pairs stored more than once) and unanswered-but-stored.
Reported per database, side by side: p50/p95/max submit latency as the annotator's client sees
it, and throughput (annotations/s over the wall time of the submit phase).

Not a timed test: a load benchmark run by hand (`make bench-labelstudio-load`), figures in
docs/benchmarks.md. Traffic goes to 127.0.0.1 only; the number of requests is bounded
(--annotations, at most MAX_ANNOTATIONS) and every phase stops itself after --deadline seconds.
Exit code 1 when an annotation was lost or duplicated or a submit failed.

    python benchmarks/labelstudio_load.py [--annotators 8] [--annotations 2000]
        [--databases sqlite,postgresql] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from newscorpus import labels
from newscorpus.annotate.labelstudio import server
from newscorpus.annotate.labelstudio.config import load_label_config
from newscorpus.annotate.labelstudio.tasks import article_stance_control

MAX_ANNOTATIONS = 10_000
LOOPBACK_PREFIX = "http://127.0.0.1:"
REQUEST_TIMEOUT = 60.0
_SENTENCES = [
    "The council met on Tuesday to discuss the proposal for the eastern district.",
    "Officials expect the first results of the review before the end of the year.",
    "A final vote is scheduled for next month after a period of consultation.",
    "Local businesses followed the discussion closely from the public gallery.",
]
_QUOTE = "We have waited long enough for this decision"


@dataclass
class Submits:
    """What one annotator's client saw."""

    latencies: list[float] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)  # task ids answered 201
    failed: Counter[str] = field(default_factory=Counter)  # HTTP status or exception name


@dataclass
class Figures:
    database: str
    annotators: int
    tasks: int
    submitted: int
    acknowledged: int
    failed: dict[str, int]
    exported: int
    lost: int
    duplicated: int
    stored_without_ack: int
    seconds: float
    per_second: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    server_start_seconds: float
    load_average: float  # the machine's 1-minute load when the submit phase ended (2 cores)


def synthetic_task(i: int) -> dict[str, Any]:
    """One short made-up article with a quote; the fields our label config shows."""
    rng = random.Random(i)
    text = " ".join(rng.sample(_SENTENCES, 3)) + f' "{_QUOTE}," said Speaker {i}.'
    return {"data": {"text": text, "title": f"Synthetic story {i}", "byline": "Bench Writer",
                     "target_line": "", "article_id": f"load-{i:05d}"}}  # fmt: skip


def annotation_result(text: str, stance: str) -> list[dict[str, Any]]:
    """A quote span and an article stance: a small but real annotation of our config."""
    start = text.index(_QUOTE)
    span = {"start": start, "end": start + len(_QUOTE), "text": _QUOTE, "labels": [labels.QUOTE]}
    return [
        {"id": "q1", "from_name": labels.LS_SPAN, "to_name": labels.LS_TEXT, "type": "labels",
         "value": span},
        {"from_name": article_stance_control(0), "to_name": labels.LS_TEXT, "type": "choices",
         "value": {"choices": [stance]}},
    ]  # fmt: skip


def loopback_only(url: str) -> str:
    """The benchmark never sends a request beyond this machine's loopback address."""
    if not url.startswith(LOOPBACK_PREFIX):
        raise SystemExit(f"refusing to load {url}: only {LOOPBACK_PREFIX}* is a target")
    return url


def sign_up(url: str, admin_key: str, email: str, password: str) -> str:
    """Sign up through the organization's invite link, as a person would; returns the new
    user's API token (a legacy token, read in their own session)."""
    admin = {"Authorization": f"Token {admin_key}"}
    invite = httpx.get(f"{url}/api/invite", headers=admin, timeout=REQUEST_TIMEOUT).json()
    with httpx.Client(base_url=url, timeout=REQUEST_TIMEOUT) as web:
        web.get("/user/signup/", params={"token": invite["token"]})
        form = {"email": email, "password": password,
                "csrfmiddlewaretoken": web.cookies.get("csrftoken", "")}  # fmt: skip
        reply = web.post("/user/signup/", params={"token": invite["token"]}, data=form,
                         headers={"Referer": f"{url}/user/signup/"})  # fmt: skip
        if reply.status_code != 302:
            raise SystemExit(f"signup of {email} failed: HTTP {reply.status_code}")
        reply = web.get("/api/current-user/token")
        reply.raise_for_status()
        return str(reply.json()["token"])


def make_project(url: str, admin_key: str, n_tasks: int) -> tuple[int, list[tuple[int, str]]]:
    """A project with our label config and `n_tasks` tasks; returns its id and (task id, text)."""
    admin = {"Authorization": f"Token {admin_key}"}
    with httpx.Client(base_url=url, headers=admin, timeout=REQUEST_TIMEOUT * 5) as http:
        body = {"title": "load", "label_config": load_label_config().xml}
        project = http.post("/api/projects", json=body)
        project.raise_for_status()
        pid = int(project.json()["id"])
        imported = http.post(
            f"/api/projects/{pid}/import", json=[synthetic_task(i) for i in range(n_tasks)]
        )
        imported.raise_for_status()
        tasks, page = [], 1
        while len(tasks) < n_tasks:
            reply = http.get("/api/tasks", params={"project": pid, "page": page, "page_size": 500})
            reply.raise_for_status()
            batch = reply.json()["tasks"]
            if not batch:
                break
            tasks += [(int(t["id"]), t["data"]["text"]) for t in batch]
            page += 1
    if len(tasks) != n_tasks:
        raise SystemExit(f"imported {len(tasks)} tasks, expected {n_tasks}")
    return pid, tasks


def annotate(
    url: str, token: str, tasks: list[tuple[int, str]], seed: int, deadline: float
) -> Submits:
    """One annotator: one annotation per task, in a shuffled order, until done or `deadline`."""
    order = tasks[:]
    random.Random(seed).shuffle(order)
    out = Submits()
    headers = {"Authorization": f"Token {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=REQUEST_TIMEOUT) as http:
        for i, (task_id, text) in enumerate(order):
            if time.monotonic() > deadline:
                out.failed["deadline"] += len(order) - i
                break
            stance = labels.STANCE_LABELS[(task_id + seed) % len(labels.STANCE_LABELS)]
            body = {"result": annotation_result(text, stance), "lead_time": 5.0}
            t = time.perf_counter()
            try:
                reply = http.post(f"/api/tasks/{task_id}/annotations/", json=body)
            except httpx.HTTPError as err:
                out.failed[type(err).__name__] += 1
                continue
            out.latencies.append(time.perf_counter() - t)
            if reply.status_code == 201:
                out.acknowledged.append(task_id)
            else:
                out.failed[f"HTTP {reply.status_code}"] += 1
    return out


def exported_pairs(url: str, admin_key: str, pid: int) -> Counter[tuple[int, int]]:
    """(task id, annotator user id) of every annotation in one JSON export of the project."""
    admin = {"Authorization": f"Token {admin_key}"}
    params = {"exportType": "JSON", "download_all_tasks": "true"}
    reply = httpx.get(f"{url}/api/projects/{pid}/export", params=params, headers=admin,
                      timeout=REQUEST_TIMEOUT * 10)  # fmt: skip
    reply.raise_for_status()
    pairs: Counter[tuple[int, int]] = Counter()
    for task in reply.json():
        for ann in task.get("annotations", []):
            who = ann["completed_by"]
            pairs[(int(task["id"]), int(who["id"] if isinstance(who, dict) else who))] += 1
    return pairs


def user_id(url: str, token: str) -> int:
    headers = {"Authorization": f"Token {token}"}
    reply = httpx.get(f"{url}/api/current-user/whoami", headers=headers, timeout=REQUEST_TIMEOUT)
    reply.raise_for_status()
    return int(reply.json()["id"])


def run_load(url: str, admin_key: str, args: argparse.Namespace, database: str) -> Figures:
    n_tasks = args.annotations // args.annotators
    pid, tasks = make_project(url, admin_key, n_tasks)
    run = f"{random.randrange(16**6):06x}"  # new accounts even on a server used before
    tokens = [
        sign_up(url, admin_key, f"annotator{i}.{run}@load.example.org", f"pw-load-{i}-Secret-123")
        for i in range(args.annotators)
    ]
    ids = [user_id(url, token) for token in tokens]
    start = threading.Barrier(args.annotators)
    deadline = time.monotonic() + args.deadline

    def one(i: int) -> Submits:
        start.wait()
        return annotate(url, tokens[i], tasks, seed=i, deadline=deadline)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.annotators) as pool:
        results = list(pool.map(one, range(args.annotators)))
    seconds = time.perf_counter() - t0
    acked = Counter((task, ids[i]) for i, r in enumerate(results) for task in r.acknowledged)
    stored = exported_pairs(url, admin_key, pid)
    latencies = sorted(x for r in results for x in r.latencies)
    failed: Counter[str] = sum((r.failed for r in results), Counter())
    return Figures(
        database=database,
        annotators=args.annotators,
        tasks=n_tasks,
        submitted=n_tasks * args.annotators,
        acknowledged=sum(acked.values()),
        failed=dict(failed),
        exported=sum(stored.values()),
        lost=sum(1 for pair in acked if pair not in stored),
        duplicated=sum(n - 1 for n in stored.values() if n > 1),
        stored_without_ack=sum(1 for pair in stored if pair not in acked),
        seconds=round(seconds, 2),
        per_second=round(sum(acked.values()) / seconds, 1),
        p50_ms=round(1000 * statistics.median(latencies), 1),
        p95_ms=round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1),
        max_ms=round(1000 * latencies[-1], 1),
        server_start_seconds=0.0,
        load_average=round(os.getloadavg()[0], 1),
    )


def bench_database(database: str, args: argparse.Namespace) -> Figures:
    # The temporary folder is the data dir itself: made 0700, it is opened to PostgreSQL's user
    # when we are root, which a folder below it would not be.
    with tempfile.TemporaryDirectory(prefix=f"newscorpus-bench-load-{database}-") as tmp:
        data_dir = Path(tmp)
        t0 = time.perf_counter()
        info = server.start(data_dir, database=database)
        started = time.perf_counter() - t0
        print(f"{database}: server {info.version} up in {started:.0f} s", flush=True)
        try:
            key = server.ServerFiles(data_dir).token.read_text(encoding="utf-8").strip()
            figures = run_load(loopback_only(info.url), key, args, database)
        finally:
            server.stop(data_dir)
    figures.server_start_seconds = round(started, 1)
    return figures


# Rows of the side-by-side table: (label, Figures field).
TABLE_ROWS = (
    ("submitted", "submitted"),
    ("acknowledged (201)", "acknowledged"),
    ("failed", "failed"),
    ("in the export", "exported"),
    ("lost", "lost"),
    ("duplicated", "duplicated"),
    ("stored without a 201", "stored_without_ack"),
    ("submit phase (s)", "seconds"),
    ("annotations/s", "per_second"),
    ("p50 submit (ms)", "p50_ms"),
    ("p95 submit (ms)", "p95_ms"),
    ("max submit (ms)", "max_ms"),
    ("server start (s)", "server_start_seconds"),
    ("machine load (1 min)", "load_average"),
)


def markdown(rows: list[Figures]) -> str:
    lines = ["| | " + " | ".join(r.database for r in rows) + " |", "|---" * (len(rows) + 1) + "|"]
    for label, key in TABLE_ROWS:
        values = [getattr(r, key) for r in rows]
        shown = [sum(v.values()) if isinstance(v, dict) else v for v in values]
        lines.append(f"| {label} | " + " | ".join(str(v) for v in shown) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotators", type=int, default=8)
    parser.add_argument("--annotations", type=int, default=2000, help="in all (split evenly)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--deadline", type=float, default=1800.0, help="seconds per submit phase")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    if not 0 < args.annotations <= MAX_ANNOTATIONS or args.annotators < 1:
        parser.error(f"--annotations must be 1..{MAX_ANNOTATIONS}, --annotators at least 1")
    rows = []
    for database in (db.strip() for db in args.databases.split(",") if db.strip()):
        rows.append(bench_database(database, args))
        print(json.dumps(asdict(rows[-1])), flush=True)
    print(markdown(rows))
    print(json.dumps([asdict(r) for r in rows], indent=2))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n")
    bad = [r.database for r in rows if r.lost or r.duplicated or r.failed]
    if bad:
        print(f"LOST, DUPLICATED OR FAILED submits on: {', '.join(bad)}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
