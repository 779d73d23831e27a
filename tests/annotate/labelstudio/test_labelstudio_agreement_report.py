"""Agreement and gold from a pulled export of a real Label Studio project (session fixture): the
figures must equal the ones worked out by hand below.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from label_studio_sdk import LabelStudio
from labeled_scenario import Labeled, labeled_once, push_label_pull
from labelstudio_fixture import LiveServer

from newscorpus.annotate.agreement_files import agreement_path
from newscorpus.annotate.labelstudio.agreement_report import agreement_from_export
from newscorpus.annotate.labelstudio.pull import pull

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    # The SDK's own token refresh (personal access tokens) still calls a pydantic v1 method.
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]


@pytest.fixture
def labeled(ls_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Labeled:
    return labeled_once(ls_server, tmp_path_factory)


def test_agreement_matches_hand_computed_figures(labeled: Labeled) -> None:
    s = agreement_from_export(out=labeled.out)
    r = s.report
    assert (r["articles_with_two_or_more"], r["annotation_pairs"]) == (2, 2)
    # Quotes: tram-1 {plan, ruin} vs {plan', build}: 1 of 4; timetable-2: 1 of 2 -> 2*2/6
    assert r["spans"]["Quote"] == {"f1": pytest.approx(2 / 3), "matched": 2, "spans": 6}
    # Speakers: {Duarte, Shopkeepers} vs {Duarte}: 1 of 3; {Olu Bankole} vs {its spokesman}: 0 of 2
    assert r["spans"]["Speaker"] == {"f1": pytest.approx(0.4), "matched": 1, "spans": 5}
    # Cues: {told, warned} vs {told}: 1 of 3; {said} vs {said}: 1 of 2
    assert r["spans"]["Cue"] == {"f1": pytest.approx(0.8), "matched": 2, "spans": 5}
    assert r["spans"]["overall"] == {"f1": pytest.approx(0.625), "matched": 5, "spans": 16}
    assert r["speaker"]["overall"] == {"agreement": 0.5, "agree": 1, "pairs": 2}
    # Stance (favor, neutral) and (none, none): alpha = 1 - (4-1)*2 / (2*(1*1+1*2+1*2)) = 0.4
    assert r["stance"]["alpha"] == pytest.approx(0.4)
    kept = agreement_path(labeled.out, r["origin"])
    assert json.loads(kept.read_text())["stance"]["alpha"] == pytest.approx(0.4)


def test_gold_lists_ties_and_keeps_majorities(labeled: Labeled) -> None:
    agreement_from_export(out=labeled.out)
    gold = pq.read_table(labeled.out / "gold" / "quotes.parquet").to_pylist()
    assert {(g["article_id"], g["text"], g["resolution"]) for g in gold} == {
        ("tram-1", "We have the money and we have the plan", "majority"),
        ("timetable-2", "Trains will run every ten minutes,", "majority"),
        ("bridge-3", "Nobody asked us,", "single"),
    }
    stance = pq.read_table(labeled.out / "gold" / "stance.parquet").to_pylist()
    assert [(g["article_id"], g["stance"]) for g in stance] == [("timetable-2", "none")]
    ties = pq.read_table(labeled.out / "gold" / "adjudication.parquet").to_pylist()
    assert {(t["article_id"], t["item"], t["text"]) for t in ties} == {
        ("tram-1", "stance", None),
        ("tram-1", "quote", "two years of works would ruin them"),
        ("tram-1", "quote", "Now we build."),
        # Both marked it, one with speaker "Olu Bankole", the other "its spokesman": a tie.
        ("timetable-2", "speaker", "Trains will run every ten minutes,"),
    }


def test_reviewer_ground_truth_wins_the_tie(ls_server: LiveServer, tmp_path: Path) -> None:
    run = push_label_pull(ls_server, tmp_path, "sync-ground-truth")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    admin.annotations.update(run.annotation_ids[("ann2", "tram-1")], ground_truth=True)
    pull(ls_server.conn, out=run.out, title=run.title)
    agreement_from_export(out=run.out)
    stance = pq.read_table(run.out / "gold" / "stance.parquet").to_pylist()
    assert ("tram-1", "neutral", "ground_truth") in {
        (g["article_id"], g["stance"], g["resolution"]) for g in stance
    }
