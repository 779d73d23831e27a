"""Benchmark: `newscorpus preannotate` with the shipped 6 stance targets against 1,000.

    .venv/bin/python benchmarks/targets.py [--articles 1000] [--targets 1000] [--rounds 2]

Writes a synthetic corpus (page dumps of `newscorpus.testing.synth`, about 5 KB each, used as
article texts) and a targets file of the shipped `annotations/targets.yaml` plus made-up targets
(invented names and common words, two or three groups each; 1% name people and places of the
pages, so some match), then runs the whole stage
(`run_preannotate`: quotes and targets) with 6 and with N targets in turns, `--rounds` times, and
prints the best time of each and their ratio, measured in the same run. It also times the target
matching alone (the same texts through `TargetMatcher`), with the term index and trying every
target. Nothing is downloaded; everything is written to a temporary folder and removed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from newscorpus.hashing import text_sha256
from newscorpus.preannotate.stage import PreannotateOptions, run_preannotate
from newscorpus.preannotate.targets import TargetMatcher, load_targets
from newscorpus.testing.synth import synthetic_page

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "annotations" / "targets.yaml"
SYLLABLES = ["ka", "ro", "vel", "dan", "mir", "os", "tu", "len", "bar", "ish", "ne", "gor", "ul"]
COMMON = ["minister", "council", "budget", "union", "harbour", "election", "strike", "court"]
# This share of the made-up targets names places and people of the synthetic pages, so that some
# targets match some articles and are scored, as a real list's would.
NAMED_SHARE = 0.01


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _page_names(pages: int = 50, at_most: int = 2) -> list[str]:
    """Capitalized words found on at most `at_most` of the first synthetic pages: names of
    invented places and people, not the words that start sentences."""
    seen: Counter[str] = Counter()
    for i in range(pages):
        seen.update({w.strip(".,;:!?\"'()") for w in synthetic_page(i, 5000).split()})
    return sorted(
        w
        for w, n in seen.items()
        if n <= at_most and w.isalpha() and w[:1].isupper() and len(w) > 3
    )


def made_up_targets(n: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    named = _page_names()
    entries = []
    for i in range(n):
        groups = [[_name(rng) for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(1, 2))]
        if rng.random() < NAMED_SHARE:
            groups[0] = rng.sample(named, 2)
        groups.append(rng.sample(COMMON, rng.randint(1, 3)))
        entries.append(
            {
                "id": f"made-up-{i:04d}",
                "target": f"Made-up claim {i}",
                "within": rng.choice(["paragraph", "article"]),
                "all": groups,
            }
        )
    return entries


def write_inputs(root: Path, articles: int, targets: int) -> tuple[Path, Path, Path]:
    texts = [synthetic_page(i, 5000) for i in range(articles)]
    rows = {
        "id": [f"a{i:06d}" for i in range(articles)],
        "content_sha256": [text_sha256(t) for t in texts],
        "title": [t.split("\n", 1)[0][:120] for t in texts],
        "text": texts,
    }
    (root / "corpus" / "articles").mkdir(parents=True)
    pq.write_table(pa.table(rows), root / "corpus" / "articles" / "part-00000.parquet")
    shipped = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    extra = made_up_targets(targets - len(shipped["targets"]))
    many = root / "targets-many.yaml"
    many.write_text(
        yaml.safe_dump({"version": "bench", "targets": shipped["targets"] + extra}),
        encoding="utf-8",
    )
    return root / "corpus", SHIPPED, many


def time_stage(corpus: Path, targets: Path, out: Path) -> tuple[float, float]:
    """(seconds, targets matched per article) of one preannotate run."""
    started = time.perf_counter()
    summary = run_preannotate(PreannotateOptions(corpus=corpus, out=out, targets=targets))
    seconds = time.perf_counter() - started
    return seconds, sum(summary.targets_by_id.values()) / max(summary.articles, 1)


def time_matching(texts: list[tuple[str, str]], targets: Path, index: bool) -> float:
    matcher = TargetMatcher(load_targets(targets.read_text(encoding="utf-8")), index=index)
    started = time.perf_counter()
    for text, title in texts:
        matcher(text, title)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--unindexed-articles", type=int, default=100)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-targets-"))
    try:
        corpus, few, many = write_inputs(root, args.articles, args.targets)
        best = {few: float("inf"), many: float("inf")}
        per_article = {}
        for _ in range(args.rounds):
            for targets in (few, many):
                seconds, per_article[targets] = time_stage(corpus, targets, root / "out")
                best[targets] = min(best[targets], seconds)
        n_few = len(load_targets(few.read_text(encoding="utf-8")).targets)
        print(
            f"preannotate, {args.articles} articles: {n_few} targets {best[few]:.2f} s "
            f"({per_article[few]:.2f} matched per article), {args.targets} targets "
            f"{best[many]:.2f} s ({per_article[many]:.2f} matched per article), "
            f"ratio {best[many] / best[few]:.2f}"
        )
        table = pq.read_table(corpus / "articles" / "part-00000.parquet", columns=["text", "title"])
        texts = list(zip(*(c.to_pylist() for c in table.columns), strict=True))
        sample = texts[: args.unindexed_articles]
        for label, index in (("index", True), ("every target", False)) if sample else ():
            few_s, many_s = (time_matching(sample, t, index) for t in (few, many))
            print(
                f"matching alone, {len(sample)} articles, {label}: {n_few} targets {few_s:.3f} s, "
                f"{args.targets} targets {many_s:.3f} s, ratio {many_s / few_s:.1f}"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
