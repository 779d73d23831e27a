"""One labeled project on the session's real server, shared by the push, pull, agreement and cli
tests: three synthetic articles pushed twice, labeled by two annotators through the API (the
second skips one), then pulled. Texts and labels are made up for these tests.

`labeled_once` runs the scenario once per session (the server is session-wide); each test module
wraps it in a fixture. Each other scenario uses a project of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.pull import PullSummary, pull
from newscorpus.annotate.labelstudio.push import PushSummary, push
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.annotate.pseudonyms import pseudonym

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
    result = quotes_to_result(text, quotes)
    if article_stance:  # toward the task's one target
        result.append(lst.stance_result({"stance": article_stance}, 0))
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
    first_push: PushSummary
    second_push: PushSummary
    pull: PullSummary
    emails: dict[str, str]
    annotation_ids: dict[tuple[str, str], int]
    task_ids: dict[str, int]


# Per server (URL): the session may run one per database.
_ANNOTATORS: dict[str, dict[str, tuple[str, str]]] = {}


def annotator_tokens(live: LiveServer) -> dict[str, tuple[str, str]]:
    """ann1/ann2 -> (email, personal access token); signed up once per session and server."""
    if live.url not in _ANNOTATORS:
        signed = {}
        for name in ("ann1", "ann2"):
            email = f"{name}@annotators.example.org"
            signed[name] = (email, signup_annotator(live, email, f"pw-{name}-Secret-123"))
        _ANNOTATORS[live.url] = signed
    return _ANNOTATORS[live.url]


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
    first = push(live.conn, corpus=corpus, predictions=predictions, title=title)
    second = push(live.conn, corpus=corpus, predictions=predictions, title=title)
    task_ids, annotation_ids = label_project(live, first.project_id)
    pulled = pull(live.conn, out=out, title=title)
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


_LABELED: dict[str, Labeled] = {}  # per server (URL)


def labeled_once(live: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Labeled:
    """The shared labeled project ("sync-main") of `live`, made on first use."""
    if live.url not in _LABELED:
        root = tmp_path_factory.mktemp("labeled")
        _LABELED[live.url] = push_label_pull(live, root, "sync-main")
    return _LABELED[live.url]


def who(labeled: Labeled, name: str) -> str:
    return pseudonym(labeled.emails[name], SALT)
