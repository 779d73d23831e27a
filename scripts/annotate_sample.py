"""Submits the sample corpus's worked examples (annotations/sample_annotations.json) to a server.

The decisions in that file are worked examples made by the project's developers following
annotations/guidelines.md, not a human annotation study; this script only re-makes them on a
server, e.g. a fresh one after the sample's text changed, so that `newscorpus ls pull --origin
worked-examples` exports them again under that origin (it writes the origin's description into
the annotations folder, for the card). Spans are anchors, never
offsets: each is resolved against the task's current text and checked (`text[start:end]` equals
the anchor), and any anchor that is missing or ambiguous stops the script naming the article and
the anchor, so a changed text is never labeled in the wrong place. It must never invent a label.

Two accounts, one per pass, sign up through the organization's invite link, each with a personal
access token (kept 0600 in `<data-dir>/annotator-tokens.json`, never printed), and submit through
the API: pass A every article, pass B the articles of its second pass. A task
that already holds an annotation of that annotator is left alone (re-running creates nothing).

Usage:
  .venv/bin/python scripts/annotate_sample.py --data-dir .labelstudio       # submit
  .venv/bin/python scripts/annotate_sample.py --check --corpus corpus       # anchors only, offline
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pyarrow.parquet as pq

from newscorpus import labels
from newscorpus.annotate.labelstudio import LabelStudioError, server
from newscorpus.annotate.labelstudio import tasks as lst
from newscorpus.annotate.labelstudio.quote_regions import quotes_to_result
from newscorpus.annotate.origins import WORKED_EXAMPLES_ORIGIN, default_description, write_origin

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FILE = REPO / "annotations" / "sample_annotations.json"
FORMAT = "newscorpus-sample-annotations v1"
ANNOTATORS = {
    "annotator_a": "annotator-a@newscorpus.local",
    "annotator_b": "annotator-b@newscorpus.local",
}
OPEN, CLOSE = "[[", "]]"
QUOTE_FIELDS = ("quote", "kind", "stance", "speaker", "speaker_name", "cue")


class AnchorError(ValueError):
    """An anchor that does not resolve to exactly one place in the article's text."""


def resolve(text: str, anchor: str, where: str) -> tuple[int, int]:
    """(start, end) of an anchor: the whole string, or its [[bracketed]] part, where the whole
    string (brackets removed) occurs exactly once in `text`."""
    if anchor.count(OPEN) > 1 or anchor.count(OPEN) != anchor.count(CLOSE):
        raise AnchorError(f"{where}: anchor {anchor!r} must hold at most one [[...]]")
    if OPEN in anchor:
        before, rest = anchor.split(OPEN, 1)
        span, after = rest.split(CLOSE, 1)
    else:
        before, span, after = "", anchor, ""
    context = before + span + after
    if not span:
        raise AnchorError(f"{where}: anchor {anchor!r} marks an empty span")
    found = text.find(context)
    if found < 0:
        raise AnchorError(f"{where}: {context!r} is not in the text (did the text change?)")
    if text.find(context, found + 1) >= 0:
        raise AnchorError(f"{where}: {context!r} occurs more than once; add context around it")
    start = found + len(before)
    end = start + len(span)
    if text[start:end] != span:  # cannot happen unless find() lies; checked as promised
        raise AnchorError(f"{where}: text[{start}:{end}] is not {span!r}")
    return start, end


def decisions_a(doc: Mapping[str, Any], article_id: str) -> dict[str, Any]:
    """Annotator A's article stance and quotes for one article (near-duplicates reuse another
    article's quotes, minus the excluded ones)."""
    entry = doc["annotator_a"][article_id]
    quotes = entry.get("quotes")
    if quotes is None:
        source = doc["annotator_a"][entry["quotes_from"]]["quotes"]
        excluded = set(entry.get("exclude", []))
        unknown = excluded - {q["quote"] for q in source}
        if unknown:
            raise AnchorError(f"{article_id}: exclude names no quote of its source: {unknown}")
        quotes = [q for q in source if q["quote"] not in excluded]
    return {"article_stance": entry["article_stance"], "quotes": [dict(q) for q in quotes]}


def decisions_b(doc: Mapping[str, Any], article_id: str) -> dict[str, Any]:
    """Annotator B's pass: A's decisions with B's changes, additions and drops applied."""
    entry = doc["annotator_b"][article_id]
    base = decisions_a(doc, article_id)
    quotes = base["quotes"]
    by_anchor = {q["quote"]: q for q in quotes}
    for change in entry.get("change", []):
        q = by_anchor.get(change["quote"])
        if q is None:
            raise AnchorError(
                f"{article_id}: B changes a quote A did not mark: {change['quote']!r}"
            )
        for key, value in change.items():
            if key == "new_quote":
                q["quote"] = value
            elif key != "quote":
                if key not in QUOTE_FIELDS:
                    raise AnchorError(f"{article_id}: unknown field {key!r} in a change of B")
                q[key] = value
    dropped = set(entry.get("drop", []))
    quotes = [q for q in quotes if q["quote"] not in dropped]
    quotes.extend(dict(q) for q in entry.get("add", []))
    return {"article_stance": entry["article_stance"], "quotes": quotes}


def quote_rows(text: str, article_id: str, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote rows with offsets resolved against `text` (the fields `quotes_to_result` reads)."""
    rows = []
    for n, q in enumerate(quotes):
        where = f"article {article_id}, quote {n} ({q['quote'][:40]!r})"
        start, end = resolve(text, q["quote"], where)
        s_start, s_end = resolve(text, q["speaker"], where + " speaker")
        c_start, c_end = resolve(text, q["cue"], where + " cue")
        rows.append(
            {
                "start": start,
                "end": end,
                "kind": q["kind"],
                "stance": q["stance"],
                "speaker_start": s_start,
                "speaker_end": s_end,
                "cue_start": c_start,
                "cue_end": c_end,
                "speaker_name": q.get("speaker_name") or None,
            }
        )
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows


def result_for(text: str, article_id: str, decisions: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The Label Studio result of one annotation: regions, relations, choices, article stance."""
    rows = quote_rows(text, article_id, decisions["quotes"])
    result = quotes_to_result(text, rows)
    result.append(
        {
            "from_name": lst.article_stance_control(0),
            "to_name": labels.LS_TEXT,
            "type": "choices",
            "value": {"choices": [decisions["article_stance"]]},
        }
    )
    return result


def load(path: Path) -> dict[str, Any]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("format") != FORMAT:
        raise SystemExit(f"{path}: expected format {FORMAT!r}, found {doc.get('format')!r}")
    return doc


def corpus_texts(corpus: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for f in sorted((corpus / "articles").glob("*.parquet")):
        for row in pq.read_table(f, columns=["id", "text"]).to_pylist():
            texts[row["id"]] = row["text"]
    return texts


def check(doc: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, int]:
    """Resolve every anchor of both annotators against `texts`; counts per annotator."""
    counts = {}
    for who, pick in (("annotator_a", decisions_a), ("annotator_b", decisions_b)):
        n_quotes = 0
        for article_id in doc[who]:
            if article_id not in texts:
                raise AnchorError(f"{who}: article {article_id} is not in the corpus")
            rows = quote_rows(texts[article_id], article_id, pick(doc, article_id)["quotes"])
            n_quotes += len(rows)
        counts[who] = len(doc[who])
        counts[who + "_quotes"] = n_quotes
    return counts


# --- server -----------------------------------------------------------------------------------


def _write_private(path: Path, content: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(content)
    os.replace(tmp, path)


def signup(url: str, admin_key: str, email: str) -> str:
    """Sign `email` up through the invite link and return a personal access token."""
    invite = httpx.get(
        f"{url}/api/invite", headers={"Authorization": f"Token {admin_key}"}, timeout=30
    )
    invite.raise_for_status()
    token = invite.json()["token"]
    with httpx.Client(base_url=url, timeout=60) as web:
        web.get("/user/signup/", params={"token": token})
        form = {
            "email": email,
            "password": secrets.token_urlsafe(18),  # never used again: the token is what we keep
            "csrfmiddlewaretoken": web.cookies.get("csrftoken", ""),
        }
        reply = web.post(
            "/user/signup/",
            params={"token": token},
            data=form,
            headers={"Referer": f"{url}/user/signup/"},
        )
        if reply.status_code != 302:
            raise LabelStudioError(
                f"signing up {email} at {url} failed (HTTP {reply.status_code}): an account with "
                "this e-mail may exist already without a token in the tokens file"
            )
        reply = web.post(
            "/api/token/",
            headers={"X-CSRFToken": web.cookies.get("csrftoken", ""), "Referer": url},
        )
        if reply.status_code != 201:
            raise LabelStudioError(
                f"no access token for {email} at {url}: HTTP {reply.status_code}"
            )
        return str(reply.json()["token"])


def submit(doc: Mapping[str, Any], conn: server.Connection, tokens_file: Path, title: str) -> None:
    from label_studio_sdk import LabelStudio

    tokens = json.loads(tokens_file.read_text(encoding="utf-8")) if tokens_file.exists() else {}
    for who, email in ANNOTATORS.items():
        if conn.url not in tokens.get(who, {}):
            tokens.setdefault(who, {})[conn.url] = signup(conn.url, conn.api_key, email)
            _write_private(tokens_file, json.dumps(tokens, indent=1) + "\n")
    admin = LabelStudio(base_url=conn.url, api_key=conn.api_key)
    projects = [p for p in admin.projects.list(title=title) if p.title == title]
    if not projects:
        raise LabelStudioError(f"{conn.url} has no project {title!r}: run `newscorpus ls push`")
    project_id = projects[0].id
    tasks = {t.data["article_id"]: t for t in admin.tasks.list(project=project_id, fields="all")}
    for who, pick in (("annotator_a", decisions_a), ("annotator_b", decisions_b)):
        client = LabelStudio(base_url=conn.url, api_key=tokens[who][conn.url])
        me = client.users.whoami().id
        made = kept = 0
        for article_id in sorted(doc[who]):
            task = tasks.get(article_id)
            if task is None:
                raise LabelStudioError(f"project {title!r} has no task for article {article_id}")
            existing = admin.annotations.list(task.id)
            if any(_completed_by(a) == me for a in existing):
                kept += 1
                continue
            result = result_for(task.data["text"], article_id, pick(doc, article_id))
            client.annotations.create(task.id, result=result)
            made += 1
        print(f"{who}: {made} annotations submitted, {kept} already there")


def _completed_by(annotation: Any) -> Any:
    value = getattr(annotation, "completed_by", None)
    return value if isinstance(value, int) else getattr(value, "id", value)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--file", type=Path, default=DEFAULT_FILE, help="the annotation decisions")
    p.add_argument("--data-dir", type=Path, default=Path(".labelstudio"), help="local server")
    p.add_argument("--project", default="newscorpus", help="project title (newscorpus)")
    p.add_argument("--tokens-file", type=Path, help="default <data-dir>/annotator-tokens.json")
    p.add_argument("--check", action="store_true", help="only resolve anchors against --corpus")
    p.add_argument("--corpus", type=Path, default=Path("corpus"), help="for --check (corpus/)")
    p.add_argument(
        "--origin",
        default=WORKED_EXAMPLES_ORIGIN,
        help="origin of these labels, described under --annotations/origins/ (worked-examples)",
    )
    p.add_argument(
        "--annotations", type=Path, default=Path("annotations"), help="annotations folder"
    )
    args = p.parse_args(argv)
    described = default_description(args.origin)
    if described is None:
        print(f"annotate_sample: cannot describe origin {args.origin!r}", file=sys.stderr)
        return 2
    doc = load(args.file)
    try:
        if args.check:
            counts = check(doc, corpus_texts(args.corpus))
            print(
                f"{args.file}: every anchor resolves once in {args.corpus}: "
                + ", ".join(f"{k} {v}" for k, v in counts.items())
            )
            return 0
        conn = server.resolve_connection(args.data_dir)
        submit(doc, conn, args.tokens_file or args.data_dir / "annotator-tokens.json", args.project)
    except (AnchorError, LabelStudioError) as err:
        print(f"annotate_sample: {err}", file=sys.stderr)
        return 1
    path = write_origin(args.annotations, described)
    print(f"described origin {args.origin} in {path}; pull the labels with:")
    print(f"  newscorpus ls pull --project {args.project!r} --origin {args.origin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
