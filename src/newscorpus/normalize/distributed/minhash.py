"""Near duplicates across shards with datatrove's MinHash stages, decided as the local run does.

The signatures are `normalize.dedup.signature` values (computed once, in `process_file`), cut
into the same bands as the local LSH index (datasketch's choice for our threshold and number of
permutations) and written in datatrove's signature format, one file per corpus part; datatrove's
`MinhashDedupBuckets` then finds every pair of articles that share a band, across all shards.

datatrove's own clustering (union-find, then keeping one document per cluster) is not used: the
local run keeps every near duplicate and points it at the representative of the *earliest*
earlier article it matches, a greedy rule in input order. An article that shares no band with any
other is never a candidate and never has one, so only the articles in some collision matter:
`AssignDuplicates` replays the local decisions (`newscorpus.normalize.run.decide_duplicate`, over a
real `NearDuplicateIndex`) on those alone, in (part, row) order. The result is the local run's
`duplicate_of`, exactly, while one process holds only the colliding articles.

Caveat inherited from datatrove's reader: a band whose first value is 2**32 - 1 is skipped (the
chance is about 2**-32 per band).
"""

from __future__ import annotations

import os
import shutil
import struct
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from datasketch import MinHashLSH
from datatrove.data import Document, DocumentsPipeline
from datatrove.io import get_datafolder
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupSignature,
)
from datatrove.utils.binaryio import read_tuples_from_file
from datatrove.utils.hashing import HashConfig
from datatrove.utils.word_tokenizers import WordTokenizer

from newscorpus import schema
from newscorpus.normalize.dedup import NUM_PERM, SHINGLE_WORDS, THRESHOLD, NearDuplicateIndex
from newscorpus.normalize.distributed.plan import RunPlan
from newscorpus.normalize.distributed.steps import PlanStep
from newscorpus.normalize.run import decide_duplicate
from newscorpus.normalize.todo import input_unchanged
from newscorpus.tables import part_name, write_atomic

_LSH = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BANDS: int = _LSH.b
ROWS: int = _LSH.r


def minhash_config() -> MinhashConfig:
    """datatrove's view of our signatures: BANDS buckets of ROWS 32-bit values."""
    return MinhashConfig(
        n_grams=SHINGLE_WORDS,
        num_buckets=BANDS,
        hashes_per_bucket=ROWS,
        hash_config=HashConfig(precision=32, hash_fc="xxhash"),
    )


class _NoWordTokenizer(WordTokenizer):
    """Signatures come from normalize.dedup, so datatrove's tokenizer (spaCy) is never needed:
    a call means a datatrove stage we do not use was wired in by mistake."""

    def _refuse(self) -> RuntimeError:
        return RuntimeError("newscorpus computes MinHash signatures itself; no tokenizer here")

    def word_tokenize(self, text: str) -> list[str]:
        raise self._refuse()

    def sent_tokenize(self, text: str) -> list[str]:
        raise self._refuse()

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        raise self._refuse()


class PriorSignatures(PlanStep):
    """For a shard that is an existing corpus part: its stored signatures, as documents."""

    type = "📖 - READER"
    name = "🗂 newscorpus prior signatures"

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data:
            yield from data
        if self.plan.new_task(rank) is not None:
            return
        part = self.plan.shard_part(rank)
        path = self.plan.layout.minhash / part_name(part)
        table = pq.read_table(path, columns=["id", "signature"])
        for article_id, sig in zip(
            table["id"].to_pylist(), table["signature"].to_pylist(), strict=True
        ):
            self.stat_update("prior_articles")
            yield Document(text="", id=article_id, metadata={"signature": sig})


class BandSignatures(MinhashDedupSignature):
    """Writes each document's signature, cut into bands, as datatrove signature files.

    The file of signature shard `rank` is named after its corpus part, and documents keep their
    order, so datatrove's (file, doc) pairs read as (part, row) positions in input order. Sorting
    and its verification are datatrove's own. Each attempt works in a folder of its own and moves
    its sorted files into place at the end: an attempt whose worker was killed may still be
    running beside its retry.
    """

    name = "🎯 newscorpus MinHash bands"

    def __init__(self, plan: RunPlan) -> None:
        super().__init__(
            output_folder=str(plan.signatures),
            config=minhash_config(),
            language=_NoWordTokenizer(),
            skip_existing_sigs=True,
        )
        self.plan = plan

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        part = self.plan.shard_part(rank)
        attempt = self.plan.signatures / f".attempt-{part:05d}-{os.getpid()}"
        self.output_folder = get_datafolder(str(attempt))
        record = struct.Struct(f"<{ROWS}II")
        names = [f"bucket_{b:03d}/{part:05d}.minhash.sig" for b in range(BANDS)]
        buckets = [self.output_folder.open(name, mode="wb") for name in names]
        try:
            for doc_index, doc in enumerate(data or ()):
                self.stat_update("signatures")
                values = np.asarray(doc.metadata["signature"], dtype=np.uint32)
                for band, file in enumerate(buckets):
                    file.write(record.pack(*values[band * ROWS : (band + 1) * ROWS], doc_index))
        finally:
            for file in buckets:
                file.close()
        # Every file now holds all its records: datatrove's step only sorts and verifies them.
        super().run(iter(()), part, world_size)
        for name in names:
            (self.plan.signatures / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(attempt / name, self.plan.signatures / name)
        shutil.rmtree(attempt)
        yield from ()


class BandBuckets(MinhashDedupBuckets):
    """datatrove's buckets stage, on fewer tasks than bands if need be.

    datatrove runs one task per band, or several per band (each on a range of hash values) when
    the task count is a multiple of the bands; on a small cluster, where starting a task costs
    more than merging a band, fewer tasks each take every `world_size`-th band.
    """

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> None:
        bands = self.config.num_buckets
        if world_size % bands == 0:
            super().run(data, rank, world_size)
            return
        for band in range(rank, bands, world_size):
            super().run(data, band, bands)


def iter_pairs(plan: RunPlan) -> Iterator[tuple[int, int, int, int]]:
    """Every (part, row, part, row) band collision that datatrove's buckets stage wrote."""
    for path in sorted(plan.pairs.glob("*.dups")):
        with path.open("rb") as file:
            yield from read_tuples_from_file(file, "4I")


def _collisions(plan: RunPlan) -> dict[int, set[int]]:
    """Part -> rows that share at least one band with another article."""
    colliding: dict[int, set[int]] = defaultdict(set)
    for part_a, row_a, part_b, row_b in iter_pairs(plan):
        colliding[part_a].add(row_a)
        colliding[part_b].add(row_b)
    return colliding


class AssignDuplicates(PlanStep):
    """One task: the local run's exact and near duplicate decisions, for colliding articles only.

    Writes, per normalize task, the rows that are exact duplicates (with the id they repeat) or
    near duplicates (with their representative); every other article keeps duplicate_of null.
    """

    type = "🫂 - DEDUP"
    name = "🎯 newscorpus duplicate decisions"

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if world_size != 1:
            raise ValueError("duplicate decisions run as a single task")
        colliding = _collisions(self.plan)
        known: dict[str, str] = {}
        index = NearDuplicateIndex()
        old_rows = self._index_prior(colliding, known, index)
        for task in range(self.plan.tasks):
            decisions = self._decide_task(task, colliding, known, index, old_rows)
            write_atomic(
                pa.Table.from_pylist(decisions, schema=schema.DUPLICATE_DECISIONS),
                self.plan.staged("decisions", task),
            )
        if data:
            yield from data

    def _index_prior(
        self, colliding: dict[int, set[int]], known: dict[str, str], index: NearDuplicateIndex
    ) -> dict[tuple[str, str, str], list[tuple[str, str]]]:
        """Index the colliding articles of existing parts, as the local run's `load_dedup` does.

        Returns (part file, source_file, raw_sha256) -> [(content_sha256, id)] of those articles,
        for forgetting the ones whose input changed.
        """
        old_rows: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        for part in self.plan.prior_parts:
            rows = sorted(colliding.get(part, ()))
            if not rows:
                continue
            name = part_name(part)
            minhash = pq.read_table(self.plan.layout.minhash / name, schema=schema.MINHASH)
            minhash = minhash.take(pa.array(rows, pa.int64())).to_pylist()
            articles = pq.read_table(
                self.plan.layout.articles / name,
                columns=["id", "content_sha256", "source_file", "raw_sha256"],
            ).to_pylist()
            by_id = {a["id"]: a for a in articles}
            for entry in minhash:
                article = by_id[entry["id"]]
                known[article["content_sha256"]] = entry["id"]
                index.add(entry["id"], entry["signature"], entry["representative"])
                key = (name, article["source_file"], article["raw_sha256"])
                old_rows[key].append((article["content_sha256"], entry["id"]))
                self.stat_update("prior_colliding")
        return old_rows

    def _decide_task(
        self,
        task: int,
        colliding: dict[int, set[int]],
        known: dict[str, str],
        index: NearDuplicateIndex,
        old_rows: dict[tuple[str, str, str], list[tuple[str, str]]],
    ) -> list[dict[str, Any]]:
        mine = colliding.get(self.plan.next_part + task, set())
        articles = pq.read_table(
            self.plan.staged("articles", task), columns=["id", "content_sha256", "file_index"]
        )
        files = pq.read_table(self.plan.staged("files", task), schema=schema.STAGED_FILES)
        raw_sha = files["raw_sha256"].to_pylist()
        by_file: dict[int, list[int]] = defaultdict(list)
        for doc, file_index in enumerate(articles["file_index"].to_pylist()):
            if doc in mine:
                by_file[file_index].append(doc)
        signatures = _signatures_of(self.plan.staged("articles", task), sorted(mine))
        ids = articles["id"].to_pylist()
        hashes = articles["content_sha256"].to_pylist()
        decisions = []
        for file_index, (_task, old) in enumerate(self.plan.inputs(task)):
            if input_unchanged(old, raw_sha[file_index]):
                continue
            if old:
                # As the local run's `_forget`: the changed input's old articles are unknown now.
                for content_sha256, article_id in old_rows.get(
                    (old["shard"], old["source_file"], old["raw_sha256"]), ()
                ):
                    known.pop(content_sha256, None)
                    index.remove(article_id)
            for doc in by_file.get(file_index, ()):
                exact_of, representative = decide_duplicate(
                    known, index, ids[doc], hashes[doc], signatures[doc]
                )
                self.stat_update("colliding")
                if exact_of is not None or representative is not None:
                    decisions.append(
                        {"doc": doc, "exact_of": exact_of, "representative": representative}
                    )
        return decisions


def _signatures_of(path: Path, docs: list[int]) -> dict[int, list[int]]:
    if not docs:
        return {}
    column = pq.read_table(path, columns=["signature"])["signature"]
    taken = column.take(pa.array(docs, pa.int64())).to_pylist()
    return dict(zip(docs, taken, strict=True))
