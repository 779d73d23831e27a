"""`newscorpus ls pull | agreement`: an export (from the server or a kept file) becomes the
annotation tables; agreement and gold labels come from the latest export.

`print_agreement` is shared with `ls import-brat`, which reports the same agreement figures.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newscorpus.cli.common import Subparsers, add_annotations_out, add_corpus, add_server_options


def add_parser(sub: Subparsers) -> None:
    q = sub.add_parser("pull", help="export annotations -> annotations/{quotes,stance}.parquet")
    add_server_options(q)
    add_annotations_out(q)
    q.add_argument(
        "--from-export",
        type=Path,
        default=None,
        metavar="FILE",
        help="no server: convert this kept export (e.g. annotations/exports/*.json) instead",
    )
    q.add_argument(
        "--origin",
        default=None,
        metavar="ORIGIN",
        help="where these labels came from, recorded on every row (default: "
        "labelstudio:<project title>, or labelstudio:<export file stem> with --from-export; "
        "worked-examples for the shipped sample's examples)",
    )
    add_corpus(q, help="the corpus whose current texts count when a review refreshes gold")
    q.set_defaults(handler=run_pull)

    q = sub.add_parser("agreement", help="agreement and gold labels from the latest export")
    add_annotations_out(q)
    q.add_argument("--export", type=Path, default=None, help="export file (default: latest)")
    q.add_argument(
        "--origin",
        default=None,
        metavar="ORIGIN",
        help="origin the gold records and replaces (default: the one `ls pull` recorded on the "
        "export's annotations; gold of other origins, e.g. an import's, is kept)",
    )
    add_corpus(q, help="the corpus whose current texts count (default corpus/)")
    q.add_argument("--json", action="store_true", help="print the report as JSON")
    q.set_defaults(handler=run_agreement)


def run_pull(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import pull, server

    if args.from_export is not None:
        s = pull.convert_export(args.from_export, out=args.out, origin=args.origin)
        print(
            f"converted {args.from_export} offline (kept as {s.export_file}, "
            f"{s.export_bytes / 1e6:.1f} MB)"
        )
    else:
        conn = server.resolve_connection(args.data_dir)
        s = pull.pull(
            conn, out=args.out, title=args.project, origin=args.origin, corpus=args.corpus
        )
        print(
            f"exported project {s.project_id} from {s.url} -> {s.export_file} "
            f"({s.export_bytes / 1e6:.1f} MB, {s.export_seconds:.1f} s)"
        )
    print(
        f"  tasks {s.tasks}, annotations {s.annotations}, cancelled/skipped left out {s.cancelled}"
    )
    print(
        f"  {s.out / 'quotes.parquet'}: {s.quotes} rows; {s.out / 'stance.parquet'}: "
        f"{s.stance} rows"
    )
    print(
        f"  validation: {s.errors} errors, {s.warnings} warnings -> {s.out / 'validation.parquet'}"
    )
    for reason, n in s.issue_reasons.items():
        print(f"    {reason}: {n}")
    if s.review is not None:
        r = s.review
        decided = ", ".join(f"{k} {n}" for k, n in r.decisions.items()) or "none yet"
        print(
            f"  review project {r.review_project!r}: {r.decided} of {r.tasks} tasks decided "
            f"({decided}) -> {r.export_file}"
        )
    if s.gold is not None:
        g = s.gold
        print(
            f"  gold with the decisions: {g.gold_quotes} quotes, {g.gold_stance} stance labels; "
            f"{g.ties} ties left -> {g.out / 'gold'}/"
        )
    return 0


def run_agreement(args: argparse.Namespace) -> int:
    from newscorpus.annotate.labelstudio import agreement_report, exports

    s = agreement_report.agreement_from_export(
        args.export, out=args.out, origin=args.origin, corpus=args.corpus
    )
    if args.json:
        print(exports.to_json(s.report))
        return 0
    print(f"agreement on {s.export_file} ({s.report['origin']}) -> {s.agreement_file}")
    for reason in s.skipped:
        print(f"  passed over, not an export: {reason}")
    print_agreement(s.report)
    print(
        f"  gold: {s.gold_quotes} quotes, {s.gold_stance} stance labels; "
        f"{s.ties} ties for adjudication -> {s.out / 'gold'}/"
    )
    return 0


def print_agreement(report: dict[str, Any]) -> None:
    st = report["stance"]
    alpha = "n/a" if st["alpha"] is None else f"{st['alpha']:.3f}"
    print(
        f"  articles with 2+ annotations: {report['articles_with_two_or_more']}, "
        f"pairs: {report['annotation_pairs']}"
    )
    print(f"  stance: Krippendorff alpha {alpha} over {st['units']} units, {st['coders']} coders")
    for label, t in report["spans"].items():
        f1 = "n/a" if t["f1"] is None else f"{t['f1']:.3f}"
        print(f"  span F1 {label}: {f1} ({t['matched']} matched of {t['spans']} spans)")
    for label, r in report["speaker"].items():
        a = "n/a" if r["agreement"] is None else f"{r['agreement']:.3f}"
        print(f"  speaker agreement {label}: {a} ({r['agree']}/{r['pairs']})")
    left = report.get("left_out") or {}
    if left.get("superseded_annotations"):
        print(
            f"  left out: {left['superseded_annotations']} earlier annotations of annotators "
            "who annotated the same text again (their latest one counts)"
        )
    if left.get("other_text_annotations"):
        print(
            f"  left out: {left['other_text_annotations']} annotations made on a text that is "
            f"not the article's current one: {', '.join(left['other_text_articles'])}"
        )
