"""Label Studio sync benchmark: push 10,000 articles with predictions, pull 10,000 annotated tasks.

Starts a fresh local server (its own temporary data dir, free loopback port, like
`newscorpus ls serve`), generates a synthetic corpus (sentences made up here, quotes with
speakers and cues as pre-annotations, one stance target), and measures:

  - push: `push.push` end to end (read the corpus Parquet, build tasks, create the project, import
    in batches) in tasks/s; next to it, the server's own bulk import rate for the same tasks
    (pre-built, pre-encoded, posted back to back), which bounds what any client can reach on the
    machine at that moment; then a second push, which must create nothing;
  - pull: `pull.pull` end to end (one export request streamed to a file, annotator map,
    validation, flattening, the Parquet tables) on a project whose 10,000 tasks each carry one
    annotation, against the server's own export time. On 2 shared cores the export's own time
    swings by up to 2x between runs, so the ratio that decides is pull over the export request
    inside that same pull; a separate export-only request per repeat is reported too.

Targets (issue "Label Studio sync"): push >= 400 tasks/s, pull <= 1.2x the export. Exit code 1
when a target is missed. Writes nothing outside its temporary dir except the optional --json.

    python benchmarks/labelstudio.py [--articles 10000] [--repeats 3] [--batch-size 500]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus import schema
from newscorpus.annotate.labelstudio import push as ls_push
from newscorpus.annotate.labelstudio import server
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.client import client
from newscorpus.annotate.labelstudio.config import load_label_config
from newscorpus.annotate.labelstudio.exports import download_export
from newscorpus.annotate.labelstudio.project import ensure_project
from newscorpus.annotate.labelstudio.pull import pull

MIN_PUSH_RATE = 400.0
MAX_PULL_RATIO = 1.2

_NAMES = ["Amara Lindqvist", "Tomas Ferreira", "Ines Duarte", "Olu Bankole", "Petra Novak",
          "Kenji Mori", "Lena Vogt", "Rafael Ortiz"]  # fmt: skip
_SAID = ["said", "told reporters", "warned", "added", "insisted"]
_FILLER = [
    "The council met on Tuesday to discuss the proposal for the eastern district.",
    "Officials expect the first results of the review before the end of the year.",
    "The plan has been debated for months and several versions were drafted.",
    "Local businesses followed the discussion closely from the public gallery.",
    "A final vote is scheduled for next month after a period of consultation.",
    "The budget for the project was revised twice since it was first announced.",
]
_QUOTES = [
    "We have waited long enough for this decision",
    "The numbers simply do not add up for the residents",
    "This is the most important investment of the decade",
    "Nobody asked the people who live here what they want",
    "We will keep working until every question is answered",
]


def synthetic_article(i: int, rng: random.Random) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One ~3 KB article (PolNeAR-sized) and its quote predictions, offsets computed as built."""
    parts: list[str] = []
    quotes: list[dict[str, Any]] = []
    pos = 0
    for p in range(8):
        sentences = rng.sample(_FILLER, 3)
        para = " ".join(sentences)
        if p % 2 == 1:
            name, said, words = rng.choice(_NAMES), rng.choice(_SAID), rng.choice(_QUOTES)
            lead = para + ' "'
            q_start = pos + len(lead)
            q_end = q_start + len(words) + 1
            s_start = q_end + 2 + len(said) + 1
            para = f'{lead}{words}," {said} {name}.'
            quotes.append(
                {
                    "start": q_start,
                    "end": q_end,
                    "kind": "direct",
                    "speaker_start": s_start,
                    "speaker_end": s_start + len(name),
                    "cue_start": q_end + 2,
                    "cue_end": q_end + 2 + len(said),
                    "speaker_name": name,
                }
            )
        parts.append(para)
        pos += len(para) + 2
    text = "\n\n".join(parts)
    sha = hashlib.sha256(text.encode()).hexdigest()
    starts = [0]
    for para in parts[:-1]:
        starts.append(starts[-1] + len(para) + 2)
    article = {
        "id": f"bench-{i:06d}",
        "source_file": f"bench/{i}.txt",
        "input_format": "records",
        "record_index": 0,
        "url": f"https://bench.example.org/{i}",
        "source": "Benchmark Times",
        "title": f"Benchmark story {i}",
        "authors": [],
        "agency": None,
        "published": datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=i),
        "language": "en",
        "text": text,
        "paragraphs": [{"start": s, "end": s + len(p)} for s, p in zip(starts, parts, strict=True)],
        "captions": [],
        "license": "synthetic",
        "raw_sha256": sha,
        "content_sha256": sha,
        "duplicate_of": None,
        "pipeline_version": "bench",
    }
    predictions = []
    for n, q in enumerate(quotes):
        predictions.append(
            {
                "article_id": article["id"],
                "content_sha256": sha,
                "quote_index": n,
                "text": text[q["start"] : q["end"]],
                "speaker_text": text[q["speaker_start"] : q["speaker_end"]],
                "cue_text": text[q["cue_start"] : q["cue_end"]],
                "score": 0.75,
                "model_version": "quotes-rules-v1",
                **q,
            }
        )
    return article, predictions


def build_corpus(root: Path, n: int) -> tuple[Path, Path, list[dict[str, Any]]]:
    rng = random.Random(20240506)
    articles, quotes = [], []
    for i in range(n):
        article, predictions = synthetic_article(i, rng)
        articles.append(article)
        quotes.extend(predictions)
    corpus = root / "corpus"
    (corpus / "articles").mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(articles, schema=schema.ARTICLES),
                   corpus / "articles" / "part-00000.parquet")  # fmt: skip
    predictions_dir = root / "annotations" / "predictions"
    predictions_dir.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(quotes, schema=schema.QUOTE_PREDICTIONS),
                   predictions_dir / "quotes.parquet")  # fmt: skip
    targets = [
        {"article_id": a["id"], "target_id": "eastern-plan", "score": 0.7,
         "matched_terms": ["plan"], "model_version": "targets-v1",
         "target": "The council should approve the eastern district plan"}
        for a in articles
    ]  # fmt: skip
    pq.write_table(pa.Table.from_pylist(targets, schema=schema.TARGET_PREDICTIONS),
                   predictions_dir / "targets.parquet")  # fmt: skip
    by_article: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        by_article.setdefault(q["article_id"], []).append(q)
    annotated = []
    for a in articles:
        item = lst.article_task(
            a, by_article.get(a["id"], []), [targets[0] | {"article_id": a["id"]}]
        )
        result = list(item.pop("predictions")[0]["result"])
        stance = lst.article_stance_control(0)
        result.append({"from_name": stance, "to_name": "text", "type": "choices",
                       "value": {"choices": ["neutral"]}})  # fmt: skip
        item["annotations"] = [{"result": result, "lead_time": 12.0}]
        annotated.append(item)
    return corpus, predictions_dir, annotated


def raw_import_rate(ls: Any, conn: Any, project_id: int, bodies: list[bytes], n: int) -> float:
    """The server's own bulk import rate: pre-encoded batches posted back to back, nothing built
    or encoded on our side while the clock runs."""
    http = ls._client_wrapper.httpx_client
    t = time.perf_counter()
    for body in bodies:
        reply = http.request(f"api/projects/{project_id}/import", method="POST", content=body,
                             headers={"Content-Type": "application/json"})  # fmt: skip
        reply.raise_for_status()
    return n / (time.perf_counter() - t)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=ls_push.DEFAULT_BATCH)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    bs = args.batch_size

    with tempfile.TemporaryDirectory(prefix="newscorpus-bench-ls-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        corpus, predictions, annotated = build_corpus(root, args.articles)
        print(f"generated {args.articles} articles in {time.perf_counter() - t0:.1f} s", flush=True)
        t0 = time.perf_counter()
        info = server.start(root / "ls")
        print(f"server {info.version} up in {time.perf_counter() - t0:.1f} s", flush=True)
        try:
            conn = server.resolve_connection(root / "ls")
            ls = client(conn)
            config = load_label_config()

            # The server's own bulk import rate, for the same tasks pre-built and pre-encoded,
            # before and after our push (into projects of their own), so load drift shows.
            bodies = [
                json.dumps(annotated_as_predictions(annotated[i : i + bs])).encode()
                for i in range(0, len(annotated), bs)
            ]
            raw_rates = []
            raw = ensure_project(ls, conn, "bench-raw-before", config, "<p>bench</p>")
            raw_rates.append(raw_import_rate(ls, conn, raw.id, bodies, len(annotated)))
            print(f"server's own bulk import, before: {raw_rates[-1]:.0f} tasks/s", flush=True)

            push = ls_push.push(conn, corpus=corpus, predictions=predictions, title="bench-push",
                             batch_size=bs)  # fmt: skip
            assert push.created == args.articles, push
            push_rate = push.created / push.seconds
            print(f"push: {push.created} tasks in {push.seconds:.1f} s = {push_rate:.0f} tasks/s "
                  f"(its import requests: {push.created / push.import_seconds:.0f} tasks/s)",
                  flush=True)  # fmt: skip

            raw = ensure_project(ls, conn, "bench-raw-after", config, "<p>bench</p>")
            raw_rates.append(raw_import_rate(ls, conn, raw.id, bodies, len(annotated)))
            print(f"server's own bulk import, after: {raw_rates[-1]:.0f} tasks/s", flush=True)
            raw_rate = statistics.mean(raw_rates)

            again = ls_push.push(conn, corpus=corpus, predictions=predictions, title="bench-push")
            assert again.created == 0 and again.already_present == args.articles, again
            print(f"re-push: 0 new, {again.already_present} already there, {again.seconds:.1f} s",
                  flush=True)  # fmt: skip

            # A project whose tasks each carry one annotation, loaded in bulk.
            state = ensure_project(ls, conn, "bench-pull", config, "<p>bench</p>")
            for i in range(0, len(annotated), bs):
                ls_push.import_batch(ls, conn, state.id, annotated[i : i + bs], "bench")
            exports, pulls, own_exports = [], [], []
            out = root / "annotations-out"
            for _ in range(args.repeats):
                t = time.perf_counter()
                size = download_export(ls, conn, state.id, root / "raw.json", all_tasks=False)
                exports.append(time.perf_counter() - t)
                pulled = pull(conn, out=out, title="bench-pull")
                pulls.append(pulled.seconds)
                own_exports.append(pulled.export_seconds)
                assert pulled.annotations == args.articles and pulled.errors == 0, pulled
                print(f"export {exports[-1]:.1f} s ({size / 1e6:.0f} MB), pull {pulls[-1]:.1f} s "
                      f"(of which export {pulled.export_seconds:.1f} s; {pulled.quotes} quote "
                      "rows)", flush=True)  # fmt: skip
        finally:
            server.stop(root / "ls")

    # The export's own time swings with the machine's load (2 shared cores), so the ratio that
    # decides is pull over the export inside that same pull; the separate export is shown too.
    ratios = [p / e for p, e in zip(pulls, own_exports, strict=True)]
    ratio = statistics.median(ratios)
    figures = {
        "articles": args.articles,
        "batch_size": bs,
        "push_seconds": round(push.seconds, 2),
        "push_tasks_per_s": round(push_rate, 1),
        "push_import_requests_tasks_per_s": round(push.created / push.import_seconds, 1),
        "server_bulk_import_tasks_per_s": [round(r, 1) for r in raw_rates],
        "push_over_server_bulk_import": round(push_rate / raw_rate, 3),
        "repush_seconds": round(again.seconds, 2),
        "export_mb": round(size / 1e6, 1),
        "export_seconds": [round(x, 2) for x in exports],
        "pull_seconds": [round(x, 2) for x in pulls],
        "export_inside_pull_seconds": [round(x, 2) for x in own_exports],
        "pull_over_its_export": [round(r, 3) for r in ratios],
        "pull_over_its_export_median": round(ratio, 3),
        "pull_over_separate_export_median": round(
            statistics.median(pulls) / statistics.median(exports), 3
        ),
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    ok = push_rate >= MIN_PUSH_RATE and ratio <= MAX_PULL_RATIO
    if not ok:
        print(f"MISSED: push >= {MIN_PUSH_RATE} tasks/s and pull <= {MAX_PULL_RATIO}x export",
              file=sys.stderr)  # fmt: skip
    return 0 if ok else 1


def annotated_as_predictions(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The benchmark's annotated tasks with their annotation turned back into a prediction: the
    same payload push sends, for the server-only import rate."""
    out = []
    for item in items:
        result = [
            r
            for r in item["annotations"][0]["result"]
            if not lst.stance_control_target(r.get("from_name", ""), ())[0]
        ]
        out.append({"data": item["data"], "predictions": [
            {"model_version": "quotes-rules-v1", "score": 0.75, "result": result}]})  # fmt: skip
    return out


if __name__ == "__main__":
    raise SystemExit(main())
