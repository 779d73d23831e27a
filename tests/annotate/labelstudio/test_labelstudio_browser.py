"""A pushed task's labeling page, opened in headless Chromium: the article text, the
pre-annotated regions and a stance question per target (with its suggestion) must be on screen.

Drives Chromium through chromedriver's W3C WebDriver HTTP API with httpx (no Selenium needed).
Skips, saying why, where chromium or chromedriver is absent (Debian: `apt-get install -y chromium
chromium-driver`; `make browser` does it in CI). Set NEWSCORPUS_SCREENSHOT=docs/ls-task.png to
keep the screenshot.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from label_studio_sdk import LabelStudio
from labelstudio_fixture import (
    LiveServer,
    article_row,
    quote_prediction,
    write_corpus,
    write_predictions,
)

from newscorpus import schema
from newscorpus.annotate.labelstudio import server
from newscorpus.annotate.labelstudio.push import push

pytestmark = [pytest.mark.labelstudio, pytest.mark.slow]

TEXT = (
    "The harbour authority announced on Monday that the new pier would open in June.\n\n"
    '"We are ready for the first ships," said Amara Lindqvist, the authority\'s director. '
    '"The cranes arrived last week."\n\n'
    "Critics were not convinced. The director told reporters the budget had doubled since 2021."
)
TARGET = "The new harbour pier is worth its cost"
SECOND = "The new cranes are safe"
# The choices of each stance question under the text (the groups after the per-region ones, which
# the page keeps hidden until a quote is selected), and the checked ones among them.
_VISIBLE_CHOICES = """
const name = (l) => l.innerText.replace(/\\[.*\\]/, '').trim();  // without its hotkey
const groups = Array.from(document.querySelectorAll('.lsf-choices')).filter(e => e.offsetParent)
  .map(e => Array.from(e.querySelectorAll('label')));
"""
_STANCE_QUESTIONS = _VISIBLE_CHOICES + "return groups.map(g => g.map(name));"
_CHECKED_STANCES = (
    _VISIBLE_CHOICES
    + "return groups.flat().filter(l => l.querySelector('input:checked')).map(name);"
)
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


def _browser_paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip(
            "headless Chromium is not installed (need `chromium` and `chromedriver`: "
            "apt-get install -y chromium chromium-driver, or `make browser`)"
        )
    return chromium, driver


class WebDriver:
    """The handful of W3C WebDriver commands this test needs."""

    def __init__(self, base: str, session_id: str) -> None:
        self.session = f"{base}/session/{session_id}"

    def cmd(self, method: str, path: str = "", body: dict | None = None) -> Any:
        reply = httpx.request(method, self.session + path, json=body, timeout=60)
        value = reply.json().get("value")
        if reply.status_code >= 400:
            raise AssertionError(f"WebDriver {method} {path}: {value}")
        return value

    def go(self, url: str) -> None:
        self.cmd("POST", "/url", {"url": url})

    def type_into(self, css: str, text: str) -> None:
        element = self.cmd("POST", "/element", {"using": "css selector", "value": css})
        self.cmd("POST", f"/element/{next(iter(element.values()))}/value", {"text": text})

    def click(self, css: str) -> None:
        element = self.cmd("POST", "/element", {"using": "css selector", "value": css})
        self.cmd("POST", f"/element/{next(iter(element.values()))}/click", {})

    def js(self, script: str) -> Any:
        return self.cmd("POST", "/execute/sync", {"script": script, "args": []})

    def wait_for(self, script: str, timeout: float = 60.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(script)
            if value:
                return value
            time.sleep(0.5)
        raise AssertionError(f"timed out waiting for: {script}")


def _write_stances(predictions: Path, article: dict[str, Any], stances: dict[str, str]) -> None:
    rows = [{"article_id": article["id"], "content_sha256": article["content_sha256"],
             "target_id": tid, "target": tid, "stance": stance, "model_label": "agree",
             "score": 0.7, "model_version": "stance-test-v1"}
            for tid, stance in stances.items()]  # fmt: skip
    table = pa.Table.from_pylist(rows, schema=schema.STANCE_PREDICTIONS)
    pq.write_table(table, predictions / "stance.parquet")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    chromium, driver = _browser_paths()
    port = server.free_port()
    proc = subprocess.Popen(
        [driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/status", timeout=2).json()["value"]["ready"]:
                    break
            except (httpx.HTTPError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("chromedriver did not start within 30 s")
            time.sleep(0.2)
        options = {"binary": chromium, "args": [*CHROME_FLAGS, f"--user-data-dir={tmp_path}"]}
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}}
        session = httpx.post(f"{base}/session", json=caps, timeout=120).json()["value"]
        web = WebDriver(base, session["sessionId"])
        try:
            yield web
        finally:
            web.cmd("DELETE")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_labeling_page_shows_text_target_and_pre_annotations(
    ls_server: LiveServer, browser: WebDriver, tmp_path: Path
) -> None:
    article = article_row("harbour-pier", TEXT, title="Harbour pier to open in June")
    quotes = [
        quote_prediction(article, 0, "We are ready for the first ships,", "Amara Lindqvist",
                         "said", "direct", "Amara Lindqvist"),
        quote_prediction(article, 1, "The cranes arrived last week.", "Amara Lindqvist", "said",
                         "direct", "Amara Lindqvist"),
        quote_prediction(article, 2, "the budget had doubled since 2021", "The director",
                         "told reporters", "indirect", "Amara Lindqvist"),
    ]  # fmt: skip
    claims = (("pier", TARGET, 0.8), ("cranes", SECOND, 0.5))
    targets = [{"article_id": "harbour-pier", "target_id": tid, "target": claim, "score": score,
                "matched_terms": [tid], "model_version": "targets-v1"}
               for tid, claim, score in claims]  # fmt: skip
    corpus = write_corpus(tmp_path / "corpus", [article])
    predictions = write_predictions(tmp_path / "predictions", quotes, targets)
    _write_stances(predictions, article, {"pier": "favor", "cranes": "against"})
    pushed = push(ls_server.conn, corpus=corpus, predictions=predictions, title="browser")
    admin = LabelStudio(base_url=ls_server.url, api_key=ls_server.conn.api_key)
    (task,) = list(admin.tasks.list(project=pushed.project_id))

    browser.go(f"{ls_server.url}/user/login/")
    browser.type_into("input[name=email]", server.ADMIN_EMAIL)
    browser.type_into("input[name=password]", server.admin_password(ls_server.data_dir))
    browser.click("button[type=submit], input[type=submit]")
    browser.wait_for("return !location.pathname.startsWith('/user/login')")
    browser.go(f"{ls_server.url}/projects/{pushed.project_id}/data?task={task.id}")

    # 3 quotes + 2 distinct speakers + 2 distinct cues = 7 pre-annotated regions
    highlighted = browser.wait_for(
        "const h = document.querySelectorAll('.htx-highlight');"
        "return h.length >= 7 ? Array.from(h).map(e => e.textContent) : null;"
    )
    page = browser.js("return document.body.innerText")
    for paragraph in TEXT.split("\n\n"):
        assert paragraph in page
    assert "Harbour pier to open in June" in page
    assert f"Stance target 1: {TARGET}" in page
    assert f"Stance target 2: {SECOND}" in page
    # The stance toward each target is its own question, each with its suggestion checked.
    assert browser.js(_STANCE_QUESTIONS) == [
        ["favor", "against", "neutral", "none"],
        ["favor", "against", "neutral", "none"],
    ]
    assert browser.js(_CHECKED_STANCES) == ["favor", "against"]
    assert sorted(highlighted) == sorted([
        "We are ready for the first ships,", "The cranes arrived last week.",
        "the budget had doubled since 2021", "Amara Lindqvist", "The director", "said",
        "told reporters",
    ])  # fmt: skip
    shot = base64.b64decode(browser.cmd("GET", "/screenshot"))
    assert shot.startswith(b"\x89PNG")
    keep = os.environ.get("NEWSCORPUS_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(shot)
