"""`newscorpus baseline` prints FNC-1's scores when the test split has rows imported from FNC-1."""

from __future__ import annotations

import io

from rich.console import Console

from newscorpus.cli.baseline import print_report
from newscorpus.publish.baseline import BaselineReport, Fnc1Scores


def test_fnc1_scores_are_printed_under_the_stance_baseline() -> None:
    out = io.StringIO()
    report = BaselineReport(test_split="test", stance_note="no rows")
    report.fnc1 = Fnc1Scores(test_rows=40, fnc=0.8125, macro_f1=0.5)
    print_report(Console(file=out, width=200), report)
    assert "on the 40 test rows imported from FNC-1: FNC-1 score 0.812, macro F1 0.500" in (
        out.getvalue()
    )
