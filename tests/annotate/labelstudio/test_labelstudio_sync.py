"""Push, label, pull and agreement against a real Label Studio server (session fixture).

Two annotators sign up through the invite link, get personal access tokens, and label pushed
tasks through the API; the pulled tables must equal what they labeled, and the agreement figures
must equal the ones worked out by hand below. Each scenario uses a project of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from label_studio_sdk import LabelStudio
from labelstudio_fixture import (
    LiveServer,
    article_row,
    quote_prediction,
    signup_annotator,
    write_corpus,
    write_predictions,
)

from newscorpus import labels
from newscorpus.annotate import annotations as ann
from newscorpus.annotate.labelstudio import LabelStudioError, sync
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.cli import main

pytestmark = [
    pytest.mark.labelstudio,
    pytest.mark.slow,
    # The SDK's own token refresh (personal access tokens) still calls a pydantic v1 method.
    pytest.mark.filterwarnings("ignore:The `parse_obj` method is deprecated:DeprecationWarning"),
]

SALT = "test-salt-not-secret"
TRAM = "The city should build the new tram line"

A1 = (
    "Mayor Ines Duarte said on Tuesday that the tram line would open in 2026.\n\n"
    '"We have the money and we have the plan," Duarte told the council. "Now we build."\n\n'
    "Shopkeepers on Harbour Road warned that two years of works would ruin them."
)
A2 = (
    "The transport authority said the new timetable starts on Monday.\n\n"
    '"Trains will run every ten minutes," said Olu Bankole, its spokesman.'
)
A3 = (
    "Residents complained that the bridge closure had doubled their commute 🚲.\n\n"
    '"Nobody asked us," said Petra Novak, who lives nearby.'
)
TEXTS = {"tram-1": A1, "timetable-2": A2, "bridge-3": A3}


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def labeled_quote(
    text: str,
    content: tuple[int, int],
    speaker: tuple[int, int] | None,
    cue: tuple[int, int] | None,
    kind: str,
    stance: str | None,
    name: str | None = None,
) -> dict[str, Any]:
    row: dict[str, Any] = {"start": content[0], "end": content[1], "kind": kind, "stance": stance}
    if speaker:
        row.update(speaker_start=speaker[0], speaker_end=speaker[1], speaker_name=name)
    if cue:
        row.update(cue_start=cue[0], cue_end=cue[1])
    return row


def result_of(text: str, quotes: list[dict[str, Any]], article_stance: str | None) -> list[dict]:
    result = lst.quotes_to_result(text, quotes)
    if article_stance:
        result.append(
            {
                "from_name": labels.LS_ARTICLE_STANCE,
                "to_name": "text",
                "type": "choices",
                "value": {"choices": [article_stance]},
            }
        )
    return result


# What each annotator labels, per article. Offsets are code points into the texts above.
DUARTE = at(A1, "Duarte", 1)
PLAN = at(A1, "We have the money and we have the plan,")
PLAN_SHORT = at(A1, "We have the money and we have the plan")
LABELS: dict[str, dict[str, tuple[list[dict[str, Any]], str | None]]] = {
    "ann1": {
        "tram-1": (
            [
                labeled_quote(A1, PLAN, DUARTE, at(A1, "told"), "direct", "favor", "Ines Duarte"),
                labeled_quote(
                    A1,
                    at(A1, "two years of works would ruin them"),
                    at(A1, "Shopkeepers on Harbour Road"),
                    at(A1, "warned"),
                    "indirect",
                    "against",
                ),
            ],
            "favor",
        ),
        "timetable-2": (
            [
                labeled_quote(
                    A2,
                    at(A2, "Trains will run every ten minutes,"),
                    at(A2, "Olu Bankole"),
                    at(A2, "said", 1),
                    "direct",
                    "none",
                    "Olu Bankole",
                )
            ],
            "none",
        ),
        "bridge-3": (
            [
                labeled_quote(
                    A3,
                    at(A3, "Nobody asked us,"),
                    at(A3, "Petra Novak"),
                    at(A3, "said"),
                    "direct",
                    None,
                    "Petra Novak",
                )
            ],
            "none",
        ),
    },
    "ann2": {
        "tram-1": (
            [
                labeled_quote(A1, PLAN_SHORT, DUARTE, at(A1, "told"), "direct", "favor"),
                labeled_quote(A1, at(A1, "Now we build."), None, None, "direct", "favor"),
            ],
            "neutral",
        ),
        "timetable-2": (
            [
                labeled_quote(
                    A2,
                    at(A2, "Trains will run every ten minutes,"),
                    at(A2, "its spokesman"),
                    at(A2, "said", 1),
                    "direct",
                    "none",
                )
            ],
            "none",
        ),
        # bridge-3: skipped by ann2
    },
}


def build_inputs(root: Path) -> tuple[Path, Path, list[dict[str, Any]]]:
    rows = [article_row(aid, text) for aid, text in TEXTS.items()]
    by_id = {r["id"]: r for r in rows}
    corpus = write_corpus(root / "corpus", rows)
    quotes = [
        quote_prediction(by_id["tram-1"], 0, "We have the money and we have the plan,",
                         "Duarte told", "told", "direct", "Ines Duarte"),
        quote_prediction(by_id["tram-1"], 1, "Now we build.", None, None, "direct"),
        quote_prediction(by_id["timetable-2"], 0, "Trains will run every ten minutes,",
                         "Olu Bankole", "said Olu", "direct", "Olu Bankole"),
    ]  # fmt: skip
    targets = [
        {"article_id": aid, "target_id": "tram-line", "target": TRAM, "score": 0.9,
         "matched_terms": ["tram"], "model_version": "targets-v1"}
        for aid in ("tram-1", "timetable-2")
    ]  # fmt: skip
    predictions = write_predictions(root / "annotations" / "predictions", quotes, targets)
    return corpus, predictions, rows


@dataclass
class Labeled:
    live: LiveServer
    title: str
    project_id: int
    out: Path
    corpus: Path
    predictions: Path
    first_push: sync.PushSummary
    second_push: sync.PushSummary
    pull: sync.PullSummary
    emails: dict[str, str]
    annotation_ids: dict[tuple[str, str], int]
    task_ids: dict[str, int]


_ANNOTATORS: dict[str, tuple[str, str]] = {}


def annotator_tokens(live: LiveServer) -> dict[str, tuple[str, str]]:
    """ann1/ann2 -> (email, personal access token); signed up once per session."""
    if not _ANNOTATORS:
        for name in ("ann1", "ann2"):
            email = f"{name}@annotators.example.org"
            _ANNOTATORS[name] = (email, signup_annotator(live, email, f"pw-{name}-Secret-123"))
    return _ANNOTATORS


def label_project(live: LiveServer, project_id: int) -> tuple[dict, dict]:
    """Both annotators label (ann2 skips bridge-3), each through the API with their own PAT."""
    tokens = annotator_tokens(live)
    admin = LabelStudio(base_url=live.url, api_key=live.conn.api_key)
    task_ids = {
        t.data["article_id"]: t.id for t in admin.tasks.list(project=project_id, fields="all")
    }
    annotation_ids: dict[tuple[str, str], int] = {}
    for name, (_email, token) in tokens.items():
        client = LabelStudio(base_url=live.url, api_key=token)
        for article_id, task_id in task_ids.items():
            if article_id in LABELS[name]:
                quotes, stance = LABELS[name][article_id]
                result = result_of(TEXTS[article_id], quotes, stance)
                if article_id == "bridge-3":
                    # A region whose offsets are one code point off its text: must be reported.
                    s, e = at(A3, "Petra Novak")
                    result.append(
                        {"id": "bad1", "from_name": "span", "to_name": "text", "type": "labels",
                         "value": {"start": s + 1, "end": e + 1, "text": "Petra Novak",
                                   "labels": ["Quote"]}}
                    )  # fmt: skip
                created = client.annotations.create(task_id, result=result, lead_time=30.0)
            else:
                created = client.annotations.create(task_id, result=[], was_cancelled=True)
            annotation_ids[(name, article_id)] = created.id
    return task_ids, annotation_ids


def push_label_pull(live: LiveServer, root: Path, title: str) -> Labeled:
    corpus, predictions, _ = build_inputs(root)
    out = root / "annotations"
    (out / ".annotator-salt").write_text(SALT + "\n", encoding="utf-8")
    first = sync.push(live.conn, corpus=corpus, predictions=predictions, title=title)
    second = sync.push(live.conn, corpus=corpus, predictions=predictions, title=title)
    task_ids, annotation_ids = label_project(live, first.project_id)
    pulled = sync.pull(live.conn, out=out, title=title)
    return Labeled(
        live=live,
        title=title,
        project_id=first.project_id,
        out=out,
        corpus=corpus,
        predictions=predictions,
        first_push=first,
        second_push=second,
        pull=pulled,
        emails={name: email for name, (email, _) in annotator_tokens(live).items()},
        annotation_ids=annotation_ids,
        task_ids=task_ids,
    )


@pytest.fixture(scope="module")
def labeled(ls_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Labeled:
    return push_label_pull(ls_server, tmp_path_factory.mktemp("labeled"), "sync-main")


def who(labeled: Labeled, name: str) -> str:
    return ann.pseudonym(labeled.emails[name], SALT)


# --- push -----------------------------------------------------------------------------------------


def test_push_creates_one_task_per_article_with_predictions(labeled: Labeled) -> None:
    s = labeled.first_push
    assert (s.config_action, s.selected, s.created, s.already_present) == ("created", 3, 3, 0)
    assert (s.predictions, s.without_predictions) == (2, 1)
    admin = LabelStudio(base_url=labeled.live.url, api_key=labeled.live.conn.api_key)
    project = admin.projects.get(labeled.project_id)
    assert project.task_number == 3
    assert project.model_version == "quotes-rules-v1"
    assert "<h1>Annotation guidelines" in (project.expert_instruction or "")


def test_second_push_creates_nothing(labeled: Labeled) -> None:
    s = labeled.second_push
    assert (s.config_action, s.created, s.already_present, s.batches) == ("unchanged", 0, 3, 0)


def test_changed_text_becomes_a_new_task_and_the_old_one_is_reported(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, rows = build_inputs(tmp_path)
    first = sync.push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-renorm")
    changed = dict(rows[2], text=A3.replace("nearby", "close by"))
    changed["content_sha256"] = ann._sha256(changed["text"])
    write_corpus(corpus, [rows[0], rows[1], changed])
    second = sync.push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-renorm")
    assert (second.created, second.already_present) == (1, 2)
    (report,) = second.changed
    assert report["article_id"] == "bridge-3"
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    tasks = list(admin.tasks.list(project=first.project_id, fields="all"))
    assert report["old_tasks"] == [
        t.id for t in tasks if t.data["content_sha256"] == rows[2]["content_sha256"]
    ]
    old = next(t for t in tasks if t.id == report["old_tasks"][0])
    assert old.data["text"] == A3  # the old task was left exactly as it was


def test_stale_predictions_are_left_out_and_counted(ls_server: LiveServer, tmp_path: Path) -> None:
    corpus, predictions, _ = build_inputs(tmp_path)
    table = pq.read_table(predictions / "quotes.parquet").to_pylist()
    table[2]["content_sha256"] = "f" * 64  # made on an older text of timetable-2
    write_predictions(
        predictions, table, pq.read_table(predictions / "targets.parquet").to_pylist()
    )
    s = sync.push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-stale")
    assert (s.stale_predictions, s.predictions, s.without_predictions) == (1, 1, 2)


def test_sample_and_where_select_articles(ls_server: LiveServer, tmp_path: Path) -> None:
    corpus, predictions, rows = build_inputs(tmp_path)
    s = sync.push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-where",
                  where="'tram' in lower(text) or id == 'bridge-3'", sample=1)  # fmt: skip
    assert (s.selected, s.created) == (1, 1)
    expected = sync.sample_articles([r for r in rows if r["id"] in ("tram-1", "bridge-3")], 1)
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    (task,) = list(admin.tasks.list(project=s.project_id, fields="all"))
    assert task.data["article_id"] == expected[0]["id"]


def test_config_edited_on_the_server_is_refused_unless_forced(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, _ = build_inputs(tmp_path)
    s = sync.push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-drift")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    xml = admin.projects.get(s.project_id).label_config
    admin.projects.update(s.project_id, label_config=xml.replace(
        '<Choice value="mixed"/>', '<Choice value="mixed"/><Choice value="unclear"/>'))  # fmt: skip
    with pytest.raises(LabelStudioError, match=r"changed on the server.*--force"):
        sync.push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-drift")
    forced = sync.push(
        ls_server.conn, corpus=corpus, predictions=predictions, title="sync-drift", force=True
    )
    assert forced.config_action == "forced"
    assert "unclear" not in admin.projects.get(s.project_id).label_config


def test_a_new_local_config_version_updates_the_server(
    ls_server: LiveServer, tmp_path: Path
) -> None:
    corpus, predictions, _ = build_inputs(tmp_path)
    repo_config = Path(__file__).resolve().parents[3] / "annotations" / "label_config.xml"
    s = sync.push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-v2")
    v2 = tmp_path / "label_config.xml"
    v2.write_text(
        repo_config.read_text(encoding="utf-8")
        .replace("newscorpus-label-config v1", "newscorpus-label-config v2")
        .replace('<Choice value="mixed"/>', '<Choice value="mixed"/><Choice value="unclear"/>'),
        encoding="utf-8",
    )
    again = sync.push(ls_server.conn, corpus=corpus, predictions=predictions, title="sync-v2",
                      config_path=v2)  # fmt: skip
    assert (again.config_action, again.config_version) == ("updated", "v2")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    assert '"unclear"' in admin.projects.get(s.project_id).label_config


# --- pull -----------------------------------------------------------------------------------------


def test_pull_keeps_the_raw_export_and_counts_skips(labeled: Labeled) -> None:
    p = labeled.pull
    assert p.export_file.parent == labeled.out / "exports"
    assert p.export_file.name.startswith("export-") and p.export_file.exists()
    exported = json.loads(p.export_file.read_text(encoding="utf-8"))
    assert len(exported) == 3
    assert (p.tasks, p.annotations, p.cancelled) == (3, 5, 1)
    mapping = json.loads(
        p.export_file.with_name(p.export_file.stem + ".annotators.json").read_text()
    )
    assert sorted(mapping.values()) == sorted([who(labeled, "ann1"), who(labeled, "ann2")])
    assert "@" not in json.dumps(mapping)


def _expected_quotes(labeled: Labeled) -> set[tuple]:
    rows = set()
    for name, per_article in LABELS.items():
        for article_id, (quotes, _) in per_article.items():
            text = TEXTS[article_id]
            for q in quotes:
                s, e = q.get("speaker_start"), q.get("speaker_end")
                c, d = q.get("cue_start"), q.get("cue_end")
                rows.add((
                    article_id, labeled.task_ids[article_id],
                    str(labeled.annotation_ids[(name, article_id)]), who(labeled, name),
                    q["start"], q["end"], text[q["start"]:q["end"]], q["kind"], q["stance"],
                    s, e, text[s:e] if s is not None else None,
                    c, d, text[c:d] if c is not None else None, q.get("speaker_name"),
                ))  # fmt: skip
    return rows


def test_quotes_table_equals_what_was_labeled(labeled: Labeled) -> None:
    table = pq.read_table(labeled.out / "quotes.parquet")
    cols = ["article_id", "task_id", "annotation_id", "annotator", "start", "end", "text", "kind",
            "stance", "speaker_start", "speaker_end", "speaker_text", "cue_start", "cue_end",
            "cue_text", "speaker_name"]  # fmt: skip
    got = {tuple(r[c] for c in cols) for r in table.to_pylist()}
    assert got == _expected_quotes(labeled)
    assert table.num_rows == 7
    assert all(r["lead_time"] == 30.0 and r["created_at"] is not None for r in table.to_pylist())


def test_stance_table_has_one_row_per_article_target_and_annotation(labeled: Labeled) -> None:
    rows = pq.read_table(labeled.out / "stance.parquet").to_pylist()
    got = {(r["article_id"], r["target_id"], r["annotator"], r["stance"]) for r in rows}
    assert got == {
        ("tram-1", "tram-line", who(labeled, "ann1"), "favor"),
        ("tram-1", "tram-line", who(labeled, "ann2"), "neutral"),
        ("timetable-2", "tram-line", who(labeled, "ann1"), "none"),
        ("timetable-2", "tram-line", who(labeled, "ann2"), "none"),
    }


def test_bad_region_and_speakerless_quote_are_in_the_validation_report(labeled: Labeled) -> None:
    issues = pq.read_table(labeled.out / "validation.parquet").to_pylist()
    got = {
        (i["task_id"], i["annotation_id"], i["region_id"], i["severity"], i["reason"])
        for i in issues
    }
    assert got == {
        (labeled.task_ids["bridge-3"], str(labeled.annotation_ids[("ann1", "bridge-3")]), "bad1",
         "error", "offset_mismatch"),
        (labeled.task_ids["tram-1"], str(labeled.annotation_ids[("ann2", "tram-1")]), "q1",
         "warning", "quote_without_speaker"),
    }  # fmt: skip
    assert (labeled.pull.errors, labeled.pull.warnings) == (1, 1)


def test_published_tables_hold_no_email(labeled: Labeled) -> None:
    for name in ("quotes.parquet", "stance.parquet", "validation.parquet"):
        dump = json.dumps(pq.read_table(labeled.out / name).to_pylist(), default=str)
        assert "@" not in dump, name


# --- agreement ------------------------------------------------------------------------------------


def test_agreement_matches_hand_computed_figures(labeled: Labeled) -> None:
    s = sync.agreement_from_export(out=labeled.out)
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
    assert json.loads((labeled.out / "agreement.json").read_text())["stance"][
        "alpha"
    ] == pytest.approx(0.4)


def test_gold_lists_ties_and_keeps_majorities(labeled: Labeled) -> None:
    sync.agreement_from_export(out=labeled.out)
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
    }


def test_reviewer_ground_truth_wins_the_tie(ls_server: LiveServer, tmp_path: Path) -> None:
    run = push_label_pull(ls_server, tmp_path, "sync-ground-truth")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    admin.annotations.update(run.annotation_ids[("ann2", "tram-1")], ground_truth=True)
    sync.pull(ls_server.conn, out=run.out, title=run.title)
    sync.agreement_from_export(out=run.out)
    stance = pq.read_table(run.out / "gold" / "stance.parquet").to_pylist()
    assert ("tram-1", "neutral", "ground_truth") in {
        (g["article_id"], g["stance"], g["resolution"]) for g in stance
    }


# --- the command line -----------------------------------------------------------------------------


def test_cli_status_json_with_a_personal_access_token(
    labeled: Labeled, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _email, token = annotator_tokens(labeled.live)["ann1"]
    monkeypatch.setenv("LABEL_STUDIO_URL", labeled.live.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", token)
    assert main(["ls", "status", "--json", "--project", labeled.title]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["project_id"] == labeled.project_id
    assert (facts["tasks"], facts["annotations"]) == (3, 5)
    assert facts["url"] == labeled.live.url and facts["token_file"] is None


def test_cli_push_pull_agreement_round_trip(
    ls_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    corpus, predictions, _ = build_inputs(tmp_path)
    out = tmp_path / "annotations"
    monkeypatch.setenv("LABEL_STUDIO_URL", ls_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", ls_server.conn.api_key)
    monkeypatch.setenv(sync.SALT_ENV, SALT)
    args = ["--project", "sync-cli"]
    assert (
        main(["ls", "push", "--corpus", str(corpus), "--predictions", str(predictions), *args]) == 0
    )
    assert "new tasks 3" in capsys.readouterr().out
    assert (
        main(["ls", "push", "--corpus", str(corpus), "--predictions", str(predictions), *args]) == 0
    )
    assert "new tasks 0, already there 3" in capsys.readouterr().out
    assert main(["ls", "pull", "--out", str(out), *args]) == 0
    assert "quotes.parquet: 0 rows" in capsys.readouterr().out
    assert main(["ls", "agreement", "--out", str(out)]) == 0
    assert "articles with 2+ annotations: 0" in capsys.readouterr().out


def test_cli_wrong_token_is_one_line(
    ls_server: LiveServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LABEL_STUDIO_URL", ls_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "not-a-valid-token-0123456789")
    assert main(["ls", "status"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "refused the API key (HTTP 401)" in err and "LABEL_STUDIO_API_KEY" in err


def test_cli_server_down_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newscorpus.annotate.labelstudio.server import free_port

    monkeypatch.setenv("LABEL_STUDIO_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "whatever-token")
    assert main(["ls", "pull", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot reach Label Studio" in err
