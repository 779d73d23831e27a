"""A labeling campaign for a team, end to end on the session's real Label Studio server.

Three annotators and a reviewer are added with `ls annotators add`; ten synthetic articles are
pushed in two batches with 2 annotators per task on 30% of the tasks, served first. Each
annotator, with their own token, asks the label stream for their next task and submits what the
plan below says for it, until the stream has nothing left. The plan is by the order the overlap
tasks are served in (the server draws the cohort at random), so every figure is known in advance
and written here by hand. Then `ls pull`, `ls adjudicate`, the reviewer's submissions, `ls pull`
again, and `publish`.

Texts, names and labels are made up for this test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from label_studio_sdk import LabelStudio
from labelstudio_fixture import LiveServer, article_row, span_of, write_corpus, write_predictions

from newscorpus.annotate.labelstudio import status as status_module
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio import team
from newscorpus.annotate.labelstudio.adjudicate import AdjudicateSummary, adjudicate
from newscorpus.annotate.labelstudio.disagreements import BLANK_VERSION
from newscorpus.annotate.labelstudio.project import Overlap
from newscorpus.annotate.labelstudio.pull import PullSummary, pull
from newscorpus.annotate.labelstudio.push import PushSummary, push
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.annotate.labelstudio.status import campaign_status
from newscorpus.annotate.pseudonyms import pseudonym
from newscorpus.publish.build import PublishOptions, publish
from newscorpus.publish.splits import SplitFractions

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]

SALT = "campaign-test-salt"
TITLE = "campaign"
REVIEW = "campaign-review"
TEAM = {name: f"{name}@campaign.example.org" for name in ("ana", "ben", "cy", "rev")}
ANNOTATORS = ("ana", "ben", "cy")
MAYORS = ["Ada Stone", "Bo Marsh", "Cai Dunmore", "Dee Fallow", "Eli Brant", "Fay Orme",
          "Gus Tarrant", "Hal Wren", "Ivo Penhale", "Jo Carrick"]  # fmt: skip
TARGET_ID = "ferry"
TARGET = "The town should run a new ferry"


def article_text(i: int) -> str:
    return (
        f"The council of Port {MAYORS[i].split()[1]} met on Monday to discuss the new ferry.\n\n"
        f'"The ferry will pay for itself," said Mayor {MAYORS[i]}, who chairs the council. '
        "Harbour traders told reporters that the fares were too high.\n\n"
        "The vote is expected next month."
    )


def q1(text: str, speaker: str) -> dict[str, Any]:
    """The direct quote, with the speaker given (the mayor, or a wrong one)."""
    s = span_of(text, speaker)
    start, end = span_of(text, "The ferry will pay for itself")
    c = span_of(text, "said")
    return {"start": start, "end": end, "kind": "direct", "speaker_start": s[0],
            "speaker_end": s[1], "cue_start": c[0], "cue_end": c[1]}  # fmt: skip


def q2(text: str) -> dict[str, Any]:
    start, end = span_of(text, "the fares were too high")
    s, c = span_of(text, "Harbour traders"), span_of(text, "told reporters")
    return {"start": start, "end": end, "kind": "indirect", "speaker_start": s[0],
            "speaker_end": s[1], "cue_start": c[0], "cue_end": c[1]}  # fmt: skip


def mayor(text: str) -> str:
    return "Mayor " + text.split("said Mayor ")[1].split(",")[0]


# What each annotator labels on the k-th overlap task served: (quotes, article stance), for the
# first and the second annotator served. O1 agrees; O2 differs in stance; in O3 the second
# misses the indirect quote (span) and names the wrong speaker of the direct one (speaker).
def full(text: str) -> list[dict[str, Any]]:
    return [q1(text, mayor(text)), q2(text)]


OVERLAP_PLAN = [
    ((full, "favor"), (full, "favor")),
    ((lambda t: [q1(t, mayor(t))], "favor"), (lambda t: [q1(t, mayor(t))], "against")),
    ((full, "neutral"), (lambda t: [q1(t, "Harbour traders")], "neutral")),
]
SINGLE = (lambda t: [q1(t, mayor(t))], "none")
# Seconds each annotator spends, in the order they submit.
LEAD_TIMES = {"ana": [30, 60, 20, 40, 50], "ben": [45, 15, 25, 35, 55], "cy": [12, 18, 30]}
SKIP_LEAD_TIME = 5.0


def result_of(text: str, quotes: list[dict[str, Any]], stance: str | None) -> list[dict]:
    result = quotes_to_result(text, quotes)
    if stance:  # toward the task's one target
        result.append(lst.stance_result({"stance": stance}, 0))
    return result


@dataclass
class Campaign:
    live: LiveServer
    root: Path
    out: Path
    rows: list[dict[str, Any]]
    pushes: list[PushSummary]
    served: list[tuple[str, str, int]]  # (annotator, slot, task id) in the order served
    annotation_ids: dict[tuple[str, int], str]  # (annotator, task id) -> annotation id
    status: dict[str, Any]
    first_pull: PullSummary
    adjudicated: AdjudicateSummary
    again: AdjudicateSummary
    review_tasks: list[dict[str, Any]]
    final_pull: PullSummary
    published: Path
    task_ids: dict[str, int]  # article id -> task id
    names: dict[str, str] = field(default_factory=dict)  # team name -> pseudonym

    def slot_task(self, slot: str) -> int:
        return next(task for _, s, task in self.served if s == slot)

    def article_of(self, slot: str) -> str:
        task = self.slot_task(slot)
        return next(r["id"] for r in self.rows if self.task_ids[r["id"]] == task)


def _label_stream(live: LiveServer, project_id: int, creds: dict[str, team.Credentials],
                  texts: dict[int, str]) -> tuple[list, dict]:  # fmt: skip
    """Each annotator in turn takes their next task and submits the plan's labels for it, until
    the stream is empty for everyone."""
    clients = {n: LabelStudio(base_url=live.url, api_key=creds[n].token) for n in ANNOTATORS}
    lead = {n: list(LEAD_TIMES[n]) for n in ANNOTATORS}
    served: list[tuple[str, str, int]] = []
    overlap_order: list[int] = []
    singles = 0
    annotation_ids: dict[tuple[str, int], str] = {}
    while True:
        took = 0
        for name in ANNOTATORS:
            reply = clients[name]._client_wrapper.httpx_client.request(
                f"api/projects/{project_id}/next", method="GET"
            )
            if reply.status_code == 404:
                continue
            task = reply.json()
            took += 1
            text = texts[task["id"]]
            if task["overlap"] > 1:
                first = task["id"] not in overlap_order
                if first:
                    overlap_order.append(task["id"])
                k = overlap_order.index(task["id"])
                slot, (make, stance) = f"O{k + 1}", OVERLAP_PLAN[k][0 if first else 1]
            else:
                known = [s for _, s, t in served if t == task["id"]]
                if not known:
                    singles += 1
                slot, (make, stance) = (known[0] if known else f"S{singles}"), SINGLE
            served.append((name, slot, task["id"]))
            if name == "cy" and slot == "S3":
                made = clients[name].annotations.create(
                    task["id"], result=[], was_cancelled=True, lead_time=SKIP_LEAD_TIME
                )
            else:
                made = clients[name].annotations.create(
                    task["id"], result=result_of(text, make(text), stance),
                    lead_time=float(lead[name].pop(0)),
                )  # fmt: skip
            annotation_ids[(name, task["id"])] = str(made.id)
        if not took:
            return served, annotation_ids


def _review(live: LiveServer, creds: team.Credentials, review_id: int) -> list[dict[str, Any]]:
    """The reviewer decides each review task: stance `against` (as one annotator chose), the
    missed quote kept as its annotator marked it, the direct quote with the mayor's name alone
    as speaker (no annotator's version: corrected)."""
    admin = LabelStudio(base_url=live.url, api_key=live.conn.api_key)
    reviewer = LabelStudio(base_url=live.url, api_key=creds.token)
    found = [{"id": t.id, "data": t.data, "predictions": t.predictions}
             for t in admin.tasks.list(project=review_id, fields="all")]  # fmt: skip
    for task in found:
        data = task["data"]
        text = data["text"]
        item = data["review_item"]
        if item == "stance":
            result = result_of(text, [], "against")
        elif item == "span":
            result = result_of(text, [q2(text)], None)
        else:
            result = result_of(text, [q1(text, mayor(text).removeprefix("Mayor "))], None)
        reviewer.annotations.create(task["id"], result=result, lead_time=42.0)
    return found


@pytest.fixture(scope="module")
def campaign(ls_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Campaign:
    root = tmp_path_factory.mktemp("campaign")
    out = root / "annotations"
    out.mkdir()
    (out / ".annotator-salt").write_text(SALT + "\n", encoding="utf-8")
    data_dir = root / ".labelstudio"
    added = team.add_annotators(ls_server.conn, TEAM.values(), data_dir=data_dir, annotations=out)
    creds = {n: team.read_credentials(a.credentials) for n, a in zip(TEAM, added, strict=True)}

    rows = [article_row(f"ferry-{i}", article_text(i), license="cc-by-4.0") for i in range(10)]
    corpus = write_corpus(root / "corpus", rows)
    targets = [
        {"article_id": r["id"], "target_id": TARGET_ID, "target": TARGET, "score": 0.9,
         "matched_terms": ["ferry"], "model_version": "targets-v1"}
        for r in rows
    ]  # fmt: skip
    predictions = write_predictions(root / "predictions", [], targets)
    overlap = Overlap.of(2, 0.3)
    pushes = [
        push(ls_server.conn, corpus=corpus, articles=rows[:6], predictions=predictions,
             title=TITLE, overlap=overlap, batch="week-1"),
        push(ls_server.conn, corpus=corpus, articles=rows[6:], predictions=predictions,
             title=TITLE, overlap=overlap, batch="week-2"),
    ]  # fmt: skip
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    tasks = list(admin.tasks.list(project=pushes[0].project_id))
    texts = {t.id: t.data["text"] for t in tasks}
    served, annotation_ids = _label_stream(ls_server, pushes[0].project_id, creds, texts)

    status = campaign_status(ls_server.conn, TITLE, annotations=out)
    first_pull = pull(ls_server.conn, out=out, title=TITLE)
    adjudicated = adjudicate(ls_server.conn, out=out, title=TITLE)
    again = adjudicate(ls_server.conn, out=out, title=TITLE)
    review_tasks = _review(ls_server, creds["rev"], adjudicated.review_project_id)
    final_pull = pull(ls_server.conn, out=out, title=TITLE)
    published = root / "dist" / "0.1.0"
    publish(
        PublishOptions(version="0.1.0", corpus=corpus, annotations=out, out=published,
                       fractions=SplitFractions(0.5, 0.25, 0.25), configs=("quotes", "stance"),
                       baseline=False)
    )  # fmt: skip
    return Campaign(
        live=ls_server, root=root, out=out, rows=rows, pushes=pushes, served=served,
        annotation_ids=annotation_ids, status=status, first_pull=first_pull,
        adjudicated=adjudicated, again=again, review_tasks=review_tasks, final_pull=final_pull,
        published=published, task_ids={t.data["article_id"]: t.id for t in tasks},
        names={n: pseudonym(e, SALT) for n, e in TEAM.items()},
    )  # fmt: skip


# --- accounts, overlap and the label stream -----------------------------------------------------


def test_each_account_has_a_private_credentials_file(campaign: Campaign) -> None:
    files = sorted(p.stem for p in (campaign.root / ".labelstudio" / "annotators").glob("*.json"))
    assert files == sorted(campaign.names.values())


def test_the_overlap_is_set_by_the_first_push_and_left_by_the_second(campaign: Campaign) -> None:
    assert [p.overlap_action for p in campaign.pushes] == ["updated", "unchanged"]
    assert campaign.status["overlap"] == {
        "per_task": 2, "percent": 30, "show_overlap_first": True, "tasks_with_overlap": 3,
    }  # fmt: skip


def test_the_label_stream_serves_the_overlap_tasks_first_to_two_annotators(
    campaign: Campaign,
) -> None:
    assert [(who, slot) for who, slot, _ in campaign.served] == [
        ("ana", "O1"), ("ben", "O1"), ("cy", "O2"),
        ("ana", "O2"), ("ben", "O3"), ("cy", "O3"),
        ("ana", "S1"), ("ben", "S2"), ("cy", "S3"),
        ("ana", "S3"), ("ben", "S4"), ("cy", "S5"),
        ("ana", "S6"), ("ben", "S7"),
    ]  # fmt: skip


# --- status -------------------------------------------------------------------------------------

# Pair figures of each overlap slot, counted by hand from the plan: stance (agree, pairs), quote
# spans (matched, spans of both), speakers over matched quotes (agree, pairs).
SLOTS = {
    "O1": {"stance": (1, 1), "quotes": (2, 4), "speaker": (2, 2)},
    "O2": {"stance": (0, 1), "quotes": (1, 2), "speaker": (1, 1)},
    "O3": {"stance": (1, 1), "quotes": (1, 3), "speaker": (0, 1)},
}
# Who shared which overlap task: ana O1+O2, ben O1+O3, cy O2+O3.
SHARED = {"ana": ("O1", "O2"), "ben": ("O1", "O3"), "cy": ("O2", "O3")}


def _figures(agreement: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {
        "stance": (agreement["stance"]["agree"], agreement["stance"]["pairs"]),
        "quotes": (agreement["quotes"]["matched"], agreement["quotes"]["spans"]),
        "speaker": (agreement["speaker"]["agree"], agreement["speaker"]["pairs"]),
    }


def _summed(slots: list[str]) -> dict[str, tuple[int, int]]:
    return {
        key: (sum(SLOTS[s][key][0] for s in slots), sum(SLOTS[s][key][1] for s in slots))
        for key in ("stance", "quotes", "speaker")
    }


def test_status_counts_each_annotators_submissions_skips_and_lead_time(campaign: Campaign) -> None:
    by_name = {a["annotator"]: a for a in campaign.status["annotators"]}
    got = {n: (by_name[campaign.names[n]]["submitted"], by_name[campaign.names[n]]["skipped"],
               by_name[campaign.names[n]]["median_lead_time"]) for n in ANNOTATORS}  # fmt: skip
    assert got == {"ana": (5, 0, 40.0), "ben": (5, 0, 35.0), "cy": (3, 1, 18.0)}


def test_status_agreement_of_each_annotator_equals_the_hand_count(campaign: Campaign) -> None:
    by_name = {a["annotator"]: a for a in campaign.status["annotators"]}
    for name in ANNOTATORS:
        row = by_name[campaign.names[name]]
        assert (row["tasks_shared"], row["agreement"]["pairs"]) == (2, 2)
        assert _figures(row["agreement"]) == _summed(list(SHARED[name])), name
    assert by_name[campaign.names["ana"]]["agreement"]["stance"]["agreement"] == 0.5
    assert by_name[campaign.names["ben"]]["agreement"]["quotes"]["f1"] == pytest.approx(6 / 7)
    assert by_name[campaign.names["cy"]]["agreement"]["speaker"]["agreement"] == 0.5


def test_status_per_batch_counts_done_remaining_and_agreement(campaign: Campaign) -> None:
    batch_of = {}
    for push_summary, rows in zip(campaign.pushes, (campaign.rows[:6], campaign.rows[6:]),
                                  strict=True):  # fmt: skip
        for r in rows:
            batch_of[campaign.task_ids[r["id"]]] = push_summary.batch
    slots_in = {b: [s for s in SLOTS if batch_of[campaign.slot_task(s)] == b]
                for b in ("week-1", "week-2")}  # fmt: skip
    batches = {b["batch"]: b for b in campaign.status["batches"]}
    assert sorted(batches) == ["week-1", "week-2"]
    for name, tasks in (("week-1", 6), ("week-2", 4)):
        b = batches[name]
        assert (b["tasks"], b["done"], b["remaining"]) == (tasks, tasks, 0)
        skipped = int(batch_of[campaign.slot_task("S3")] == name)
        assert (b["submitted"], b["skipped"]) == (tasks + len(slots_in[name]), skipped)
        assert b["agreement"]["pairs"] == len(slots_in[name])
        assert _figures(b["agreement"]) == _summed(slots_in[name])


# --- adjudication -------------------------------------------------------------------------------


def test_adjudicate_makes_one_review_task_per_disagreement(campaign: Campaign) -> None:
    found = sorted(
        (t["data"]["review_item"], t["data"]["article_id"]) for t in campaign.review_tasks
    )
    assert found == sorted([("stance", campaign.article_of("O2")),
                            ("span", campaign.article_of("O3")),
                            ("speaker", campaign.article_of("O3"))])  # fmt: skip
    assert campaign.adjudicated.disagreements == {"span": 1, "speaker": 1, "stance": 1}
    assert (campaign.adjudicated.created, campaign.again.created) == (3, 0)
    assert campaign.again.already_there == 3
    admin = LabelStudio(base_url=campaign.live.url, api_key=campaign.live.conn.api_key)
    review = admin.projects.get(campaign.adjudicated.review_project_id)
    assert review.model_version == BLANK_VERSION  # the reviewer starts from a blank annotation


def test_each_review_task_shows_both_versions_named_by_pseudonym(campaign: Campaign) -> None:
    pair = {"stance": ("cy", "ana"), "span": ("ben", "cy"), "speaker": ("ben", "cy")}
    for task in campaign.review_tasks:
        data = task["data"]
        who = pair[data["review_item"]]
        slot = {"stance": "O2"}.get(data["review_item"], "O3")
        expected_ids = [campaign.annotation_ids[(n, campaign.slot_task(slot))] for n in who]
        assert [v["annotation_id"] for v in data["review_from"]] == expected_ids
        assert [v["annotator"] for v in data["review_from"]] == [campaign.names[n] for n in who]
        assert sorted(p.model_version for p in task["predictions"]) == sorted(
            [BLANK_VERSION, *(campaign.names[n] for n in who)]
        )
        assert data["review_versions"].count("\n") == 1


def _gold(campaign: Campaign, table: str) -> list[dict[str, Any]]:
    return pq.read_table(campaign.out / "gold" / f"{table}.parquet").to_pylist()


def test_the_reviewers_stance_is_gold_with_its_provenance(campaign: Campaign) -> None:
    o2 = campaign.article_of("O2")
    (row,) = [r for r in _gold(campaign, "stance") if r["article_id"] == o2]
    task = campaign.slot_task("O2")
    assert (row["stance"], row["resolution"], row["decision"]) == (
        "against",
        "adjudication",
        "kept",
    )
    assert row["reviewer"] == campaign.names["rev"]
    assert row["reviewed_annotations"] == [
        campaign.annotation_ids[(n, task)] for n in ("cy", "ana")
    ]
    assert row["origin"] == f"labelstudio:{REVIEW}"


def test_the_reviewers_quotes_replace_the_disputed_ones(campaign: Campaign) -> None:
    o3 = campaign.article_of("O3")
    rows = [r for r in _gold(campaign, "quotes") if r["article_id"] == o3]
    got = [(r["text"], r["speaker_text"], r["resolution"], r["decision"], r["reviewer"])
           for r in rows]  # fmt: skip
    name = mayor(article_text(int(o3.split("-")[1]))).removeprefix("Mayor ")
    assert got == [
        ("The ferry will pay for itself", name, "adjudication", "corrected", campaign.names["rev"]),
        (
            "the fares were too high",
            "Harbour traders",
            "adjudication",
            "kept",
            campaign.names["rev"],
        ),
    ]


def test_agreed_gold_stays_and_no_tie_is_left(campaign: Campaign) -> None:
    o1 = campaign.article_of("O1")
    assert {r["resolution"] for r in _gold(campaign, "quotes") if r["article_id"] == o1} == {
        "majority"
    }
    assert pq.read_table(campaign.out / "gold" / "adjudication.parquet").num_rows == 0
    singles = {r["resolution"] for r in _gold(campaign, "stance")
               if r["article_id"] not in {campaign.article_of(s) for s in SLOTS}}  # fmt: skip
    assert singles == {"single"}


def test_pull_reports_the_decisions_it_folded(campaign: Campaign) -> None:
    assert campaign.first_pull.review is None or campaign.first_pull.review.decided == 0
    review = campaign.final_pull.review
    assert review is not None
    assert (review.tasks, review.decided, review.decisions) == (3, 3, {"corrected": 1, "kept": 2})
    decisions = pq.read_table(campaign.out / "adjudication" / "decisions.parquet").to_pylist()
    assert sorted(d["item"] for d in decisions) == ["span", "speaker", "stance"]


# --- publish ------------------------------------------------------------------------------------


def _published(campaign: Campaign, config: str) -> list[dict[str, Any]]:
    files = sorted((campaign.published / "data" / config).glob("*.parquet"))
    return [row for f in files for row in pq.read_table(f).to_pylist()]


def test_publish_carries_the_adjudication_as_the_labels_origin(campaign: Campaign) -> None:
    stance = {r["article_id"]: r for r in _published(campaign, "stance")}
    assert stance[campaign.article_of("O2")]["origin"] == f"labelstudio:{REVIEW}"
    assert stance[campaign.article_of("O1")]["origin"] == f"labelstudio:{TITLE}"
    assert {r["label_source"] for r in stance.values()} == {0}  # human
    quotes = {r["article_id"]: r for r in _published(campaign, "quotes")}
    assert quotes[campaign.article_of("O3")]["origin"] == (
        f"labelstudio:{TITLE}, labelstudio:{REVIEW}"
    )


def test_status_reads_the_task_list_page_by_page(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(status_module, "TASK_PAGE", 5)  # 10 tasks: two full pages, no third
    again = campaign_status(campaign.live.conn, TITLE, annotations=campaign.out)
    assert again["batches"] == campaign.status["batches"]
    assert again["overlap"] == campaign.status["overlap"]
