"""`newscorpus preannotate`: the corpus in, suggested quotes and stance targets out.

Prints the run's summary; the rules are newscorpus.preannotate's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newscorpus import layout
from newscorpus.cli.common import Subparsers, add_corpus, print_facts


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "preannotate",
        help="corpus -> suggested quotes (speaker, cue) and stance targets for annotators",
        description="Run the rule-based quote extractor and the stance-target rules over "
        "CORPUS/articles/*.parquet and write OUT/quotes.parquet and OUT/targets.parquet.",
    )
    add_corpus(p)
    p.add_argument(
        "--out",
        type=Path,
        default=layout.PREDICTIONS,
        metavar="DIR",
        help="output dir (default annotations/predictions/)",
    )
    p.add_argument(
        "--targets",
        type=Path,
        default=layout.TARGETS,
        metavar="FILE",
        help="stance target rules (default annotations/targets.yaml)",
    )
    p.add_argument(
        "--stance-model",
        type=Path,
        default=None,
        metavar="MODEL_DIR",
        help="stance model folder (`newscorpus stance train`): also write OUT/stance.parquet, "
        "a suggested stance per article and matched target",
    )
    p.add_argument(
        "--drop-unrelated",
        action="store_true",
        help="with --stance-model: leave out a target the model finds unrelated to the article "
        "(no stance and no target row, so no task asks about it) instead of suggesting 'none'",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from newscorpus.preannotate.stage import PreannotateOptions, run_preannotate

    s = run_preannotate(
        PreannotateOptions(
            corpus=args.corpus,
            out=args.out,
            targets=args.targets,
            stance_model=args.stance_model,
            stance_unrelated="drop" if args.drop_unrelated else "none",
        )
    )
    rows = [
        ("articles", str(s.articles)),
        ("articles with quotes", str(s.articles_with_quotes)),
        ("quotes", f"{s.quotes} ({s.quotes_model_version})"),
    ]
    rows += [(f"  {kind}", str(n)) for kind, n in sorted(s.quotes_by_kind.items())]
    rows += [
        ("quotes with a speaker", str(s.quotes_with_speaker)),
        ("articles with a target", f"{s.articles_with_target} ({s.targets_model_version})"),
    ]
    rows += [(f"  {tid}", str(n)) for tid, n in sorted(s.targets_by_id.items())]
    wrote = [s.quotes_path, s.targets_path]
    if s.stance_path is not None:
        wrote.append(s.stance_path)
        rows.append(("stances", f"{sum(s.stance_by_label.values())} ({s.stance_model_version})"))
        rows += [(f"  {label}", str(n)) for label, n in sorted(s.stance_by_label.items())]
        if args.drop_unrelated:
            rows.append(("targets left out as unrelated", str(s.targets_dropped_unrelated)))
    rows += [
        ("wrote", ", ".join(map(str, wrote))),
        ("seconds", f"{s.seconds:.2f}"),
    ]
    print_facts(f"preannotate {s.corpus} -> {s.quotes_path.parent}", rows)
    return 0
