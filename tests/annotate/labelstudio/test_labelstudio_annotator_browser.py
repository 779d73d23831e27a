"""An annotator added with `ls annotators add` logs in through Label Studio's real login page
(headless Chromium), labels a quote, its speaker and its cue with both relations and the
article's stance with the mouse and the keyboard, and submits; `ls pull` has that annotation.

Then the reviewer's page: a task of the review project `ls adjudicate` made shows every
annotator's version (the panel's lines and a tab each) and the reviewer's annotation starts blank.

Uses the browser of test_labelstudio_browser.py (skips, saying why, without chromium and
chromedriver). Set NEWSCORPUS_ANNOTATOR_SCREENSHOT=docs/ls-annotator.png to keep the page as the
annotator left it before submitting, NEWSCORPUS_REVIEW_SCREENSHOT=docs/ls-review.png to keep the
review page with one version open. The article is the synthetic one of that test.
"""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from label_studio_sdk import LabelStudio
from labeling_page import ENTER, ESCAPE, LabelingPage
from labelstudio_fixture import LiveServer, article_row, span_of, write_corpus, write_predictions
from test_labelstudio_browser import TARGET, TEXT, WebDriver, browser  # noqa: F401

from newscorpus.annotate.labelstudio import server, team
from newscorpus.annotate.labelstudio.adjudicate import adjudicate
from newscorpus.annotate.labelstudio.pull import pull
from newscorpus.annotate.labelstudio.push import push
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.annotate.pseudonyms import pseudonym
from newscorpus.cli import main

pytestmark = [pytest.mark.labelstudio, pytest.mark.slow]

TITLE = "annotator-browser"
EMAIL = "browser-annotator@annotators.example.org"
SALT = "annotator-browser-salt"
QUOTE, SPEAKER, CUE = "We are ready for the first ships", "Amara Lindqvist", "said"


def _add_annotator(live: LiveServer, root: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setenv("LABEL_STUDIO_URL", live.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", live.conn.api_key)
    data_dir = root / ".labelstudio"
    argv = [
        "ls",
        "annotators",
        "add",
        EMAIL,
        "--data-dir",
        str(data_dir),
        "--out",
        str(root / "out"),
    ]
    assert main(argv) == 0
    return json.loads((data_dir / "annotators" / f"{pseudonym(EMAIL, SALT)}.json").read_text())


def _push(live: LiveServer, root: Path) -> int:
    article = article_row("harbour-pier-2", TEXT, title="Harbour pier to open in June")
    targets = [{"article_id": article["id"], "target_id": "pier", "target": TARGET, "score": 0.8,
                "matched_terms": ["pier"], "model_version": "targets-v1"}]  # fmt: skip
    corpus = write_corpus(root / "corpus", [article])
    predictions = write_predictions(root / "predictions", [], targets)
    return push(live.conn, corpus=corpus, predictions=predictions, title=TITLE).project_id


def _log_in(web: WebDriver, url: str, creds: dict) -> None:
    web.go(f"{url}/user/login/")
    web.type_into("input[name=email]", creds["email"])
    web.type_into("input[name=password]", creds["password"])
    web.click("button[type=submit], input[type=submit]")
    web.wait_for("return !location.pathname.startsWith('/user/login')")


def _submitted_by(live: LiveServer, project_id: int, timeout: float = 30.0) -> list[int]:
    """Who annotated the project's task, once the page's submission has arrived."""
    admin = LabelStudio(base_url=live.url, api_key=live.conn.api_key)
    deadline = time.monotonic() + timeout
    while True:
        (task,) = list(admin.tasks.list(project=project_id, fields="all"))
        if task.annotations or time.monotonic() > deadline:
            return [a["completed_by"] for a in task.annotations]
        time.sleep(0.5)


def _label(page: LabelingPage) -> None:
    """Quote, Speaker and Cue by hotkey and drag; the quote's kind, stance and its target by their
    keys; two relations by button and click, labeled from their menus; the speaker's name typed;
    the article's stance by its key."""
    page.label("q", QUOTE)
    page.label("s", SPEAKER)
    page.label("c", CUE)
    page.click_words("ready for")
    page.web.wait_for("return document.body.innerText.includes('Kind of this quote')")
    page.keys("1")  # kind: direct
    page.pause()
    page.keys("4")  # the speaker's stance in this quote: favor
    page.pause()
    page.keys("8")  # the target of that stance: Target 1, the task's one target
    page.pause()
    page.open_tab("Relations")  # lists the relations as they are made
    page.relate(QUOTE, SPEAKER)
    page.relate(QUOTE, CUE)
    page.label_relation(0, "speaker")
    page.label_relation(1, "cue")
    page.click_words("Lindqvist")
    page.web.type_into("input[name=speaker_name]", SPEAKER + ENTER)
    page.pause()
    page.keys(ESCAPE)
    page.pause()
    page.keys("9")  # the article's stance toward its one target: favor
    page.web.wait_for("return document.querySelectorAll('input[type=checkbox]:checked').length")


def test_an_added_annotator_labels_in_the_browser_and_pull_has_it(
    ls_server: LiveServer, browser: WebDriver, tmp_path: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("NEWSCORPUS_ANNOTATOR_SALT", SALT)
    creds = _add_annotator(ls_server, tmp_path, monkeypatch)
    project_id = _push(ls_server, tmp_path)

    _log_in(browser, ls_server.url, creds)
    browser.go(f"{ls_server.url}/projects/{project_id}/data?labeling=1")
    browser.wait_for("return document.querySelectorAll('.lsf-richtext__line').length > 0")
    if browser.js("return !!document.querySelector('button[aria-label=\"Close modal\"]')"):
        browser.click('button[aria-label="Close modal"]')  # the guidelines, shown first
    page = LabelingPage(browser)
    _label(page)
    assert sorted(page.regions()) == sorted([QUOTE, SPEAKER, CUE])
    shot = base64.b64decode(browser.cmd("GET", "/screenshot"))
    keep = os.environ.get("NEWSCORPUS_ANNOTATOR_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(shot)
    page.click_xpath("//button[normalize-space()='Submit']")

    assert _submitted_by(ls_server, project_id) == [creds["user_id"]]

    out = tmp_path / "out"
    pulled = pull(ls_server.conn, out=out, title=TITLE)
    assert (pulled.annotations, pulled.errors, pulled.warnings) == (1, 0, 0)
    (row,) = pq.read_table(out / "quotes.parquet").to_pylist()
    assert (row["text"], row["speaker_text"], row["cue_text"]) == (QUOTE, SPEAKER, CUE)
    assert (row["kind"], row["stance"], row["speaker_name"]) == ("direct", "favor", SPEAKER)
    assert row["stance_target_id"] == "pier"
    (task,) = json.loads(pulled.export_file.read_text(encoding="utf-8"))
    (chosen,) = [
        r for r in task["annotations"][0]["result"] if r.get("from_name") == "quote_target"
    ]
    assert chosen["value"]["choices"] == ["pier"]  # chosen in the page, not only defaulted
    assert row["annotator"] == pseudonym(EMAIL, SALT)
    (stance,) = pq.read_table(out / "stance.parquet").to_pylist()
    assert (stance["target_id"], stance["stance"]) == ("pier", "favor")


# --- the reviewer's page ------------------------------------------------------------------------

REVIEW_TITLE = "reviewer-browser"


def _disagreeing_project(live: LiveServer, root: Path) -> tuple[Path, dict[str, str]]:
    """Two annotators (added like the team's) label the same task differently through the API:
    the same quote, with different speakers, and no article stance. Pulled into `root/out`;
    name -> pseudonym."""
    out = root / "out"
    people = {n: f"{n}@reviewer-browser.example.org" for n in ("left", "right")}
    added = team.add_annotators(live.conn, people.values(), data_dir=root / "ls", annotations=out)
    article = article_row("harbour-pier-3", TEXT, title="Harbour pier to open in June")
    targets = [{"article_id": article["id"], "target_id": "pier", "target": TARGET, "score": 0.8,
                "matched_terms": ["pier"], "model_version": "targets-v1"}]  # fmt: skip
    project_id = push(live.conn, corpus=write_corpus(root / "corpus", [article]),
                      predictions=write_predictions(root / "predictions", [], targets),
                      title=REVIEW_TITLE).project_id  # fmt: skip
    admin = LabelStudio(base_url=live.url, api_key=live.conn.api_key)
    (task,) = list(admin.tasks.list(project=project_id))
    quote, cue = span_of(TEXT, QUOTE), span_of(TEXT, CUE)
    for a, speaker in zip(added, (SPEAKER, "the authority's director"), strict=True):
        s = span_of(TEXT, speaker)
        row = {"start": quote[0], "end": quote[1], "kind": "direct", "speaker_start": s[0],
               "speaker_end": s[1], "cue_start": cue[0], "cue_end": cue[1]}  # fmt: skip
        token = team.read_credentials(a.credentials).token
        LabelStudio(base_url=live.url, api_key=token).annotations.create(
            task.id, result=quotes_to_result(TEXT, [row]), lead_time=20.0
        )
    pull(live.conn, out=out, title=REVIEW_TITLE)
    return out, {n: pseudonym(e, SALT) for n, e in people.items()}


def _open_version(web: WebDriver, annotator: str) -> None:
    """Click the tab of the version named `annotator` (its label may be shortened with ...)."""
    tab = web.cmd("POST", "/execute/sync", {"script": """
        const [head, tail] = arguments;
        return Array.from(document.querySelectorAll('.lsf-annotation-button')).find(b => {
            const name = b.querySelector('.lsf-annotation-button__name');
            return name && name.textContent.startsWith(head) && name.textContent.endsWith(tail);
        });""", "args": [annotator[:8], annotator[-6:]]})  # fmt: skip
    assert tab, f"no tab for the version of {annotator}"
    web.cmd("POST", f"/element/{next(iter(tab.values()))}/click", {})


def test_the_review_page_shows_every_version_and_starts_blank(
    ls_server: LiveServer, browser: WebDriver, tmp_path: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("NEWSCORPUS_ANNOTATOR_SALT", SALT)
    out, names = _disagreeing_project(ls_server, tmp_path)
    made = adjudicate(ls_server.conn, out=out, title=REVIEW_TITLE)
    assert (made.disagreements, made.created) == ({"speaker": 1}, 1)

    browser.go(f"{ls_server.url}/user/login/")
    browser.type_into("input[name=email]", server.ADMIN_EMAIL)
    browser.type_into("input[name=password]", server.admin_password(ls_server.data_dir))
    browser.click("button[type=submit], input[type=submit]")
    browser.wait_for("return !location.pathname.startsWith('/user/login')")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    (task,) = list(admin.tasks.list(project=made.review_project_id))
    # Opened from the project's task list: the versions are tabs there (not in the label stream).
    browser.go(f"{ls_server.url}/projects/{made.review_project_id}/data?task={task.id}")
    browser.wait_for("return document.querySelectorAll('.lsf-richtext__line').length > 0")
    if browser.js("return !!document.querySelector('button[aria-label=\"Close modal\"]')"):
        browser.click('button[aria-label="Close modal"]')
    page = browser.js("return document.body.innerText")
    assert "with different speakers" in page
    for name, speaker in (("left", SPEAKER), ("right", "the authority's director")):
        assert f"{names[name]}: Quote «{QUOTE}» [direct], speaker «{speaker}», cue «{CUE}»" in page
    assert LabelingPage(browser).regions() == []  # the reviewer's annotation starts blank

    _open_version(browser, names["left"])  # its regions are drawn in the text
    browser.wait_for("return document.querySelectorAll('.htx-highlight').length === 3")
    LabelingPage(browser).hover(20, 400)  # the tab's tooltip away from the picture
    shot = base64.b64decode(browser.cmd("GET", "/screenshot"))
    keep = os.environ.get("NEWSCORPUS_REVIEW_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(shot)
