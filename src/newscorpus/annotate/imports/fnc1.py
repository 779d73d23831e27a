"""`newscorpus import fnc1 DIR`: the Fake News Challenge stage 1 files -> corpus articles (one per
body), a target per headline, and the stance of each body toward each of its headlines.

The CSV files are read by the stance model's FNC-1 reader (preannotate/stance/fnc1.py), so both
accept the same folders and refuse the same rows. Bodies are extracted texts: they are
normalized as every article is (normalize.text), never page-cleaned; they carry no title, and
FNC-1 states no license, so their `license` stays null and publish withholds their text unless
told otherwise. Labels are mapped by `presets.FNC1_LABEL_MAP` (the stance model's own mapping),
recorded in the origin's description for the card. Writing is imports/stance_labels.py's.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newscorpus import layout
from newscorpus.annotate.imports.corpus import ImportedInput
from newscorpus.annotate.imports.presets import FNC1_LABEL_MAP, fnc1_origin
from newscorpus.annotate.imports.stance_labels import (
    StanceImportSummary,
    StanceLabel,
    StanceWrite,
    build_stance,
    map_label,
    write_stance_import,
)
from newscorpus.annotate.origins import FNC1
from newscorpus.annotate.pseudonyms import annotator_salt, pseudonym
from newscorpus.errors import RejectError, UsageError
from newscorpus.hashing import sha256_hex
from newscorpus.ingest.raw import RawArticle
from newscorpus.normalize.text import normalize_article
from newscorpus.preannotate.stance.fnc1 import find_csv, read_bodies, read_pairs

INPUT_FORMAT = "fnc1"
# Who labeled FNC-1 is not stated per pair: the release counts as one annotator.
ANNOTATOR_IDENTITY = "fnc1:release"


@dataclass(frozen=True)
class Fnc1Options:
    directory: Path
    corpus: Path = layout.CORPUS
    annotations: Path = layout.ANNOTATIONS
    license: str | None = None  # FNC-1 states none
    citation: str | None = None  # default: presets.FNC1_CITATION


def _articles(
    bodies: dict[str, str], path: Path, options: Fnc1Options, citation: str | None
) -> tuple[dict[str, dict], list[tuple[int | None, str, str]]]:
    """Body ID -> corpus row, and the rejects of bodies that gave no article."""
    raw_sha256 = sha256_hex(path.read_bytes())
    rows, rejects = {}, []
    for index, (body_id, text) in enumerate(bodies.items()):
        raw = RawArticle(
            source_file=path.name,
            input_format=INPUT_FORMAT,
            raw_sha256=raw_sha256,
            text=text,
            record_index=index,
            license=options.license,
        )
        try:
            rows[body_id] = normalize_article(raw) | {"citation": citation}
        except RejectError as err:
            rejects.append((index, err.reason, f"Body ID {body_id}: {err.detail}"))
    return rows, rejects


def import_fnc1(options: Fnc1Options) -> StanceImportSummary:
    """Read DIR's bodies and stances files and write articles, targets, stance rows, gold, the
    origin's description and the import report."""
    started = time.perf_counter()
    directory = Path(options.directory)
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a folder; give the folder of the FNC-1 CSV files")
    bodies_path, stances_path = find_csv(directory, "bodies"), find_csv(directory, "stances")
    bodies = read_bodies(bodies_path)
    pairs = read_pairs(stances_path, bodies, bodies_path)
    origin = fnc1_origin(citation=options.citation)
    articles, rejects = _articles(bodies, bodies_path, options, origin.citation)
    annotator = pseudonym(ANNOTATOR_IDENTITY, annotator_salt(options.annotations))
    labels, problems = [], []
    for row_number, pair in enumerate(pairs, start=2):
        where = f"{stances_path} row {row_number}"
        article = articles.get(pair.body_id)
        if article is None:
            problems.append(f"{where}: Body ID {pair.body_id} gave no article: label left out")
            continue
        stance = map_label(pair.stance, FNC1_LABEL_MAP, where)
        labels.append(
            StanceLabel(
                article["id"], article["content_sha256"], pair.headline, stance, annotator, where
            )
        )
    item = ImportedInput(
        bodies_path.resolve(),
        directory,
        bodies_path.name,
        sha256_hex(bodies_path.read_bytes()),
        list(articles.values()),
        rejects,
    )
    found = StanceWrite(
        origin=origin,
        inputs=[item],
        built=build_stance(FNC1, FNC1, labels),
        labels_read=len(pairs),
        source_labels=Counter(p.stance or "" for p in pairs),
        articles=len(articles),
        problems=problems,
    )
    return write_stance_import(options.corpus, options.annotations, found, started)
