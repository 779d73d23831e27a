"""`newscorpus normalize --engine ray|slurm`: the same normalize, run as datatrove pipelines.

The per-page work is `newscorpus.normalize.per_file.process_file` and the duplicate decisions are
`newscorpus.normalize.run.decide_duplicate` and `admit`, called from datatrove steps; nothing here
re-implements them. A run goes through five datatrove stages (see `engine.stages`):

  normalize   one task per shard: raw inputs -> staged rows + MinHash band signatures
  buckets     datatrove's MinhashDedupBuckets: band collisions across all shards
  duplicates  one task: exact and near duplicates of the colliding articles, in input order
  write       one task per new shard: articles/, rejects/, state/minhash, state/manifest parts
  finish      one task: drop rows of changed inputs, summary, mark the run done

Modules: `plan` (what a run reads and where it keeps its work), `steps` (the normalize, write
and finish steps), `minhash` (signatures, buckets, duplicate decisions), `engine` (stages and
resumption), `ray_engine` and `slurm_engine` (the executors). datatrove and Ray are optional
extras (`newscorpus[ray]`, `newscorpus[slurm]`); the local engine never imports this package.
"""
