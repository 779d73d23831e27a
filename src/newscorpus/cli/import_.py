"""`newscorpus import brat|fnc1|stance`: an annotated corpus made elsewhere -> corpus articles and
annotation rows of their own origin, ready for `newscorpus publish`.

The work is newscorpus.annotate.imports'; this module parses the options and prints the summary.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.cli.common import Subparsers, add_corpus, print_facts

# Spans not anchored exactly, listed one per line; the report lists them all.
SHOWN_ISSUES = 10


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "import",
        help="import an annotated corpus (BRAT attributions, FNC-1, stance table)",
        description="Write an annotated corpus made elsewhere as corpus articles and annotation "
        "rows of their own origin (brat:<name>, fnc1, stance:<file>), with gold, agreement and "
        "a description of the origin for the card. Running it again gives the same tables.",
    )
    kinds = p.add_subparsers(dest="import_kind", required=True, metavar="FORMAT")
    _add_brat(kinds)
    _add_fnc1(kinds)
    _add_stance(kinds)


def _add_common(q: argparse.ArgumentParser) -> None:
    add_corpus(q, help="corpus folder to add the articles to (corpus/)")
    q.add_argument(
        "--annotations", type=Path, default=layout.ANNOTATIONS, help="annotations folder"
    )
    q.add_argument("--license", default=None, help="license of the texts (default: none known)")
    q.add_argument("--citation", default=None, help="how to cite the source (bibtex or text)")


def _add_brat(kinds: Subparsers) -> None:
    q = kinds.add_parser(
        "brat",
        help="BRAT attribution files (PolNeAR layout)",
        description="DIR holds text/NAME.txt and attributions/NAME_ANNOTATOR.ann. Texts are "
        "kept as written (title line included, offsets as annotated; only line endings and "
        "Unicode NFC are normalized, and every span is re-anchored through them).",
    )
    q.add_argument("directory", type=Path, metavar="DIR")
    q.add_argument(
        "--metadata", type=Path, default=None, help="TSV/CSV by file name (DIR/metadata.tsv)"
    )
    q.add_argument("--name", default="polnear", help="names the origin brat:<name> (polnear)")
    _add_common(q)
    q.set_defaults(handler=run_brat)


def run_brat(args: argparse.Namespace) -> int:
    from newscorpus.annotate.imports.brat_import import BratOptions, import_brat

    s = import_brat(
        BratOptions(
            directory=args.directory,
            name=args.name,
            metadata=args.metadata,
            corpus=args.corpus,
            annotations=args.annotations,
            license=args.license,
            citation=args.citation,
        )
    )
    read, corpus, labels = s.read, s.corpus, s.labels
    share = f"{s.exact / s.spans:.4%}" if s.spans else "n/a"
    print_facts(
        f"import brat -> {s.origin.origin}",
        [
            ("articles read", f"{len(read.articles)} ({len(read.rejected)} text files rejected)"),
            ("articles written", _written(corpus)),
            ("annotation files", f"{read.annotation_files} by {len(read.annotators)} annotators"),
            ("articles with 2+ annotators", str(read.multi_annotated)),
            ("texts changed", f"{s.texts_changed} ({_edits(s.changes)})"),
            ("spans exact", f"{s.exact} of {s.spans} ({share})"),
            ("quote rows", f"{labels.quotes} ({labels.gold_quotes} gold, {labels.ties} ties)"),
            ("seconds", f"{s.seconds:.1f}"),
        ],
    )
    for issue in s.issues[:SHOWN_ISSUES]:
        print(
            f"  not anchored: {issue['file']} {issue['attribution']} {issue['role']} "
            f"[{issue['start']}, {issue['end']}): {issue['reason']}"
        )
    for problem in read.problems[:SHOWN_ISSUES]:
        print(f"  problem: {problem}")
    _print_agreement(labels.agreement, s.origin)
    print(f"report -> {s.report_file}; origin -> {s.origin_file}")
    if labels.agreement_file is not None:
        print(f"agreement -> {labels.agreement_file}")
    return 0


def _add_fnc1(kinds: Subparsers) -> None:
    q = kinds.add_parser(
        "fnc1",
        help="Fake News Challenge stage 1 CSV files (bodies, stances)",
        description="DIR holds bodies.csv (Body ID, articleBody) and stances.csv (Headline, "
        "Body ID, Stance). Each body becomes an article, each headline a target; stances are "
        "mapped agree -> favor, disagree -> against, discuss -> neutral, unrelated -> none. "
        "FNC-1 states no license: texts are withheld at publish unless told otherwise.",
    )
    q.add_argument("directory", type=Path, metavar="DIR")
    _add_common(q)
    q.set_defaults(handler=run_fnc1)


def _add_stance(kinds: Subparsers) -> None:
    q = kinds.add_parser(
        "stance",
        help="a table of (article, target, stance) rows (.jsonl or .csv)",
        description="Columns: stance, target, and text (the article, added to the corpus) or "
        "article_id (an article already there); optional annotator, title, url, source, "
        "license. Origin stance:<file stem>.",
    )
    q.add_argument("file", type=Path, metavar="FILE")
    q.add_argument(
        "--label-map",
        default="",
        metavar="FROM=TO,...",
        help="rename labels to favor/against/neutral/none (e.g. agree=favor,disagree=against)",
    )
    _add_common(q)
    q.set_defaults(handler=run_stance)


def _label_map(text: str) -> dict[str, str]:
    from newscorpus.errors import UsageError

    pairs = [p for p in text.split(",") if p.strip()]
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise UsageError(f"--label-map: {pair!r} is not FROM=TO")
        mapping[source.strip().lower()] = target.strip().lower()
    return mapping


def run_fnc1(args: argparse.Namespace) -> int:
    from newscorpus.annotate.imports.fnc1 import Fnc1Options, import_fnc1

    s = import_fnc1(
        Fnc1Options(
            directory=args.directory,
            corpus=args.corpus,
            annotations=args.annotations,
            license=args.license,
            citation=args.citation,
        )
    )
    _print_stance(s, "import fnc1")
    return 0


def run_stance(args: argparse.Namespace) -> int:
    from newscorpus.annotate.imports.stance import StanceOptions, import_stance

    s = import_stance(
        StanceOptions(
            file=args.file,
            corpus=args.corpus,
            annotations=args.annotations,
            label_map=_label_map(args.label_map),
            license=args.license,
            citation=args.citation,
        )
    )
    _print_stance(s, "import stance")
    return 0


def _print_stance(s: Any, title: str) -> None:
    labels = ", ".join(f"{k} {v}" for k, v in sorted(s.source_labels.items()))
    mapped = ", ".join(f"{k} -> {v}" for k, v in (s.origin.label_map or {}).items())
    print_facts(
        f"{title} -> {s.origin.origin}",
        [
            ("labels read", f"{s.labels_read} ({labels})"),
            ("label map", mapped or "none (labels taken as they are)"),
            (
                "stance rows",
                f"{len(s.built.rows)} ({s.built.repeats} repeated rows merged, "
                f"{len(s.built.conflicts)} conflicting left out)",
            ),
            ("targets", str(len(s.built.targets))),
            ("articles", f"{s.articles} read, {_written(s.corpus)}"),
            ("gold stance", f"{s.labels.gold_stance} ({s.labels.ties} ties)"),
            ("seconds", f"{s.seconds:.1f}"),
        ],
    )
    for problem in s.problems[:SHOWN_ISSUES]:
        print(f"  problem: {problem}")
    print(f"report -> {s.report_file}; origin -> {s.origin_file}; targets -> {s.targets_file}")


def _written(corpus: Any) -> str:
    return (
        f"{corpus.articles} ({corpus.exact_duplicates} exact duplicates, "
        f"{corpus.near_duplicates} near duplicates, {corpus.replaced_inputs} replaced)"
    )


def _edits(changes: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind} edits" for kind, n in sorted(changes.items())) or "no edits"


def _print_agreement(report: dict[str, Any], origin: Any) -> None:
    spans = report.get("spans", {})
    for label in ("Quote", "Speaker", "Cue"):
        t = spans.get(label) or {}
        if t.get("f1") is not None:
            print(f"  span F1 {label}: {t['f1']:.3f} ({t['matched']} matched of {t['spans']})")
    tokens = report.get("token_alpha") or {}
    if tokens.get("alpha") is not None:
        print(
            f"  token-wise alpha: {tokens['alpha']:.3f} ({tokens['tokens']} tokens of "
            f"{tokens['articles']} articles)"
        )
    published = origin.published_agreement
    if published is not None:
        print(f"  published: {published.measure} {published.value:.3f} ({published.where})")
