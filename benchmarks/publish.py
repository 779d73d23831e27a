"""Benchmark: publish a synthetic corpus of N articles and load every config back with `datasets`.

    .venv/bin/python benchmarks/publish.py [--articles 100000] [--also 10000] [--record]

Generates the input tables a real run would have (corpus articles of a few KB, machine quote and
target predictions for every article, two human annotations and gold for 2% of them, near-duplicate
twins, a license-restricted source), then runs `newscorpus publish` in a child process (time, peak
memory) and loads every config offline in another (time, rows). The synthetic articles are
written here from templates; nothing is downloaded. With --record, the figures are appended to
docs/benchmarks.md with the command that produced them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newscorpus import schema

REPO = Path(__file__).resolve().parents[1]

PLACES = ["Varnholt", "Eskerby", "Lunmouth", "Ketterfield", "Orrin Bay", "Dallowmere", "Tarrow"]
FIRST = ["Mara", "Teodor", "Ines", "Bram", "Lise", "Odile", "Henrik", "Ada", "Pavel", "Noor"]
LAST = ["Quillon", "Ashgrove", "Porlock", "Okonjo", "Vandermeer", "Brack", "Solvay", "Fenwright"]
ROLES = ["mayor", "treasurer", "planning chief", "union leader", "minister", "spokeswoman"]
TOPICS = ["the ring road", "the ferry closure", "the parking fee", "the night market", "the budget"]
FILLER = (
    "The proposal, first tabled in the spring, has divided residents of {place}, where traffic "
    "and rents have both risen over the past decade. Officials said the final figures would be "
    "published after an independent review, and that the consultation remained open until the "
    "end of the month. Local businesses have been asked to submit their estimates in writing."
)
QUOTE_PARAGRAPHS = [
    ("\u201c{quote},\u201d said {name}, the {role}.", "direct", "said"),
    ("{name}, the {role}, warned that {quote}.", "indirect", "warned"),
    ("\u201c{quote},\u201d {short} added.", "direct", "added"),
    ("{name} told reporters that {quote}.", "indirect", "told"),
]
QUOTES = [
    "this is a fair deal for the whole town",
    "the plan will cost far more than anyone admits",
    "we will keep watching every line of the budget",
    "nobody asked the villages what they wanted",
    "the figures speak for themselves",
]
STANCES = ["favor", "against", "neutral", "none"]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_article(rng: random.Random, i: int, paragraphs: int) -> tuple[str, list[dict]]:
    place = rng.choice(PLACES)
    parts: list[str] = []
    quotes: list[dict] = []
    position = 0
    for p in range(paragraphs):
        if p % 2 == 1:
            template, kind, cue = QUOTE_PARAGRAPHS[(i + p) % len(QUOTE_PARAGRAPHS)]
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name, quote = f"{first} {last}", rng.choice(QUOTES)
            para = template.format(quote=quote, name=name, short=last, role=rng.choice(ROLES))
            q = para.index(quote)
            speaker = para.index(last if "{short}" in template else name)
            speaker_len = len(last) if "{short}" in template else len(name)
            c = para.index(cue)
            quotes.append(
                {
                    "start": position + q,
                    "end": position + q + len(quote),
                    "speaker_start": position + speaker,
                    "speaker_end": position + speaker + speaker_len,
                    "cue_start": position + c,
                    "cue_end": position + c + len(cue),
                    "kind": kind,
                    "speaker_name": name,
                }
            )
        else:
            topic = rng.choice(TOPICS)
            para = f"The debate over {topic} continued on day {i % 97}. " + FILLER.format(
                place=place
            )
        parts.append(para)
        position += len(para) + 2
    return "\n\n".join(parts), quotes


def generate(root: Path, n: int, seed: int = 7) -> dict[str, int]:
    """Input tables for n articles under root/corpus and root/annotations."""
    rng = random.Random(seed)
    articles, predicted, targets = [], [], []
    human_quotes, human_stance, gold_quotes, gold_stance = [], [], [], []
    base = datetime(2026, 1, 1, tzinfo=UTC)
    twin_of: str | None = None
    previous: tuple[str, list[dict]] = ("", [])
    for i in range(n):
        if twin_of is not None:  # an updated copy of the previous story, same length
            text = previous[0].replace("continued", "proceeded", 1)
            quotes = previous[1]
        else:
            text, quotes = make_article(rng, i, paragraphs=12)
        previous = (text, quotes)
        article_id = _sha("id:" + text)[:16]
        digest = _sha(text)
        restricted = i % 33 == 0
        starts = [0] + [m + 2 for m in range(len(text)) if text.startswith("\n\n", m)]
        paragraphs = []
        for start in starts:
            end = text.find("\n\n", start)
            paragraphs.append({"start": start, "end": len(text) if end < 0 else end})
        articles.append(
            {
                "id": article_id,
                "source_file": f"bench/{i}.txt",
                "input_format": "records",
                "url": f"https://news.example/{i}",
                "source": "Closed Wire" if restricted else f"Gazette {i % 40}",
                "title": f"Synthetic benchmark story {i}",
                "authors": ["Staff"],
                "published": base + timedelta(minutes=i),
                "language": "en",
                "text": text,
                "paragraphs": paragraphs,
                "captions": [],
                "license": "All rights reserved" if restricted else "CC-BY-4.0",
                "raw_sha256": _sha("raw" + text),
                "content_sha256": digest,
                "duplicate_of": twin_of,
                "pipeline_version": "normalize-rules-v1",
            }
        )
        twin_of = article_id if (i % 20 == 0 and twin_of is None) else None
        for index, q in enumerate(quotes):
            row = {
                "article_id": article_id,
                "content_sha256": digest,
                "quote_index": index,
                "text": text[q["start"] : q["end"]],
                "speaker_text": text[q["speaker_start"] : q["speaker_end"]],
                "cue_text": text[q["cue_start"] : q["cue_end"]],
                **q,
            }
            predicted.append(row | {"score": 0.9, "model_version": "quotes-rules-v1"})
        targets.append(
            {
                "article_id": article_id,
                "target_id": "plan",
                "target": "The council's plan is good for the town.",
                "score": 0.7,
                "matched_terms": ["plan"],
                "model_version": "targets-rules-v1",
            }
        )
        if i % 50 == 0:  # 2% human-annotated by two annotators, gold = annotator one
            label = STANCES[rng.randrange(3)]
            for annotator in ("a1b2c3d4e5f6", "f6e5d4c3b2a1"):
                meta = {
                    "task_id": i,
                    "annotation_id": f"{i}-{annotator[:2]}",
                    "annotator": annotator,
                    "ground_truth": False,
                    "created_at": base,
                    "updated_at": base,
                    "lead_time": 60.0,
                }
                for index in range(len(quotes)):
                    row = predicted[-len(quotes) + index].copy()
                    for key in ("quote_index", "score", "model_version"):
                        row.pop(key)
                    human_quotes.append(row | meta | {"region_id": f"r{index}", "stance": "none"})
                human_stance.append(
                    {"article_id": article_id, "content_sha256": digest, "target_id": "plan"}
                    | meta
                    | {"stance": label}
                )
            for index, _ in enumerate(quotes):
                row = predicted[-len(quotes) + index].copy()
                for key in ("quote_index", "score", "model_version"):
                    row.pop(key)
                gold_quotes.append(row | {"stance": "none"})
            gold_stance.append(
                {
                    "article_id": article_id,
                    "content_sha256": digest,
                    "target_id": "plan",
                    "stance": label,
                }
            )
    corpus = root / "corpus" / "articles"
    corpus.mkdir(parents=True)
    for part, offset in enumerate(range(0, n, 20_000)):
        chunk = articles[offset : offset + 20_000]
        pq.write_table(
            pa.Table.from_pylist(chunk, schema=schema.ARTICLES),
            corpus / f"part-{part:05d}.parquet",
            compression="zstd",
        )
    annotations = root / "annotations"
    (annotations / "predictions").mkdir(parents=True)
    (annotations / "gold").mkdir()
    tables = [
        (predicted, schema.QUOTE_PREDICTIONS, annotations / "predictions" / "quotes.parquet"),
        (targets, schema.TARGET_PREDICTIONS, annotations / "predictions" / "targets.parquet"),
        (human_quotes, schema.ANNOTATED_QUOTES, annotations / "quotes.parquet"),
        (human_stance, schema.ANNOTATED_STANCE, annotations / "stance.parquet"),
        (gold_quotes, None, annotations / "gold" / "quotes.parquet"),
        (gold_stance, None, annotations / "gold" / "stance.parquet"),
    ]
    for rows, table_schema, path in tables:
        pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), path, compression="zstd")
    text_bytes = sum(len(a["text"].encode()) for a in articles)
    return {"articles": n, "quotes": len(predicted), "text_bytes": text_bytes}


# Peak memory is the child's own VmHWM: ru_maxrss of a forked child also counts the parent's pages
# before exec (and this parent holds the generated corpus), so it would overstate the publish.
PUBLISH_SNIPPET = """
import json, sys
from newscorpus.cli import main
code = main(sys.argv[1:])
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"code": code, "peak_kib": hwm}), file=sys.stderr)
sys.exit(code)
"""

LOAD_SNIPPET = """
import json, sys, time
import datasets
from datasets import load_dataset
datasets.disable_progress_bars()
out = {}
for config in sys.argv[2:]:
    t = time.perf_counter()
    ds = load_dataset(sys.argv[1], config)
    out[config] = {"seconds": time.perf_counter() - t, "rows": {s: ds[s].num_rows for s in ds}}
print(json.dumps(out))
"""


def run(n: int, work: Path) -> dict:
    root = work / f"n{n}"
    started = time.perf_counter()
    generated = generate(root, n)
    generate_s = time.perf_counter() - started
    folder = root / "dist" / "1.0.0"
    env = dict(os.environ)
    env |= {
        "HF_HOME": str(root / "hf_home"),
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
    }
    command = [
        sys.executable, "-c", PUBLISH_SNIPPET, "publish", "--version", "1.0.0",
        "--corpus", str(root / "corpus"), "--annotations", str(root / "annotations"),
        "--out", str(folder),
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    publish_s = time.perf_counter() - started
    publish_peak = json.loads(done.stderr.strip().splitlines()[-1])["peak_kib"] / 1024
    configs = sorted(p.name for p in (folder / "data").iterdir())
    started = time.perf_counter()
    loaded = subprocess.run(
        [sys.executable, "-c", LOAD_SNIPPET, str(folder), *configs],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    load_s = time.perf_counter() - started
    loads = json.loads(loaded.stdout.strip().splitlines()[-1])
    card = (folder / "README.md").read_text()
    output_bytes = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {
        "n": n,
        "generated": generated,
        "generate_s": generate_s,
        "publish_s": publish_s,
        "publish_peak_mib": publish_peak,
        "load_s": load_s,
        "loads": loads,
        "output_bytes": output_bytes,
        "card_has_baseline": "TF-IDF + logistic regression" in card,
    }


def report(results: list[dict], command: str) -> str:
    lines = [
        "",
        "## publish: build a versioned dataset folder and load it back (`benchmarks/publish.py`)",
        "",
        f"Command: `{command}` ({datetime.now(UTC).date().isoformat()}). Synthetic articles of "
        "12 paragraphs (about 3 KB) with 6 machine quotes each, 2% with two human annotations and "
        "gold, 5% near-duplicate twins, 3% from a license-restricted source (text withheld). "
        "`publish` (checks, splits, 5 configs, card with baselines, Croissant) and `load_dataset` "
        "of every config run in child processes; peak memory is the publish process's own "
        "high-water RSS (VmHWM).",
        "",
        "| articles | text MB | publish s | articles/s | publish peak MiB | output MB "
        "| load all configs s | rows loaded |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        rows = sum(sum(c["rows"].values()) for c in r["loads"].values())
        lines.append(
            f"| {r['n']:,} | {r['generated']['text_bytes'] / 1e6:.0f} | {r['publish_s']:.1f} "
            f"| {r['n'] / r['publish_s']:,.0f} | {r['publish_peak_mib']:.0f} "
            f"| {r['output_bytes'] / 1e6:.0f} | {r['load_s']:.1f} | {rows:,} |"
        )
    last = results[-1]
    lines += [
        "",
        f"Load time per config at {last['n']:,} articles (first load: Parquet -> Arrow cache): "
        + ", ".join(
            f"`{config}` {v['seconds']:.1f} s ({sum(v['rows'].values()):,} rows)"
            for config, v in last["loads"].items()
        )
        + ".",
    ]
    if len(results) > 1:
        a, b = results[0], results[-1]
        lines.append(
            f"Scaling {a['n']:,} -> {b['n']:,} articles ({b['n'] / a['n']:.0f}x): publish time "
            f"x{b['publish_s'] / a['publish_s']:.1f}, peak memory "
            f"x{b['publish_peak_mib'] / a['publish_peak_mib']:.1f}."
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--also", type=int, default=10_000, help="a smaller run to compare with")
    parser.add_argument("--record", action="store_true", help="append to docs/benchmarks.md")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newscorpus-bench-publish-"))
    try:
        sizes = [s for s in (args.also, args.articles) if s]
        results = []
        for n in sorted(set(sizes)):
            result = run(n, work)
            results.append(result)
            print(json.dumps(result, indent=1))
        command = " ".join(["python benchmarks/publish.py", *sys.argv[1:]])
        text = report(results, command)
        print(text)
        if args.record:
            with (REPO / "docs" / "benchmarks.md").open("a", encoding="utf-8") as handle:
                handle.write(text)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
