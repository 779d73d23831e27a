"""Annotator accounts on a Label Studio Community server: added, listed, deactivated.

An annotator is added the way a person joins: through the organization's invite link, with a
generated password; a token for the API is made in that new session. Both go to a file only its
owner can read, `<data dir>/annotators/<pseudonym>.json`, never to a return value the CLI could
print. Removing an annotator deactivates them (their organization membership is soft-deleted, so
they lose access to every project while their annotations stay); their file keeps who they were,
without the secrets, so later pulls still give their annotations the same pseudonym.

Community has no per-user task assignment: who labels what follows the project's overlap settings
(project.py). This module never prints and never logs a password or a token.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscorpus import layout
from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.client import api_get, client, server_errors
from newscorpus.annotate.labelstudio.server import Connection
from newscorpus.annotate.pseudonyms import annotator_salt, pseudonym
from newscorpus.errors import UsageError

ANNOTATORS_FOLDER = "annotators"
SIGNUP_PATH = "/user/signup/"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_FORM_ERRORS = re.compile(r'<ul class="field_errors">(.*?)</ul>', re.S)
_FORM_ERROR_ITEM = re.compile(r"<li>\s*(.*?)\s*</li>", re.S)


@dataclass(frozen=True)
class Credentials:
    """One annotator's account as kept in their file; `password`/`token` are None once removed."""

    email: str
    pseudonym: str
    user_id: int
    url: str
    password: str | None
    token: str | None
    removed_at: str | None = None

    def __repr__(self) -> str:  # never show a secret in a traceback or a log line
        return f"Credentials(pseudonym={self.pseudonym!r}, user_id={self.user_id})"


@dataclass(frozen=True)
class Annotator:
    """A member of the server's organization, as `ls annotators list` shows it to the curator."""

    user_id: int
    email: str | None  # None: deactivated and not added from here
    pseudonym: str
    active: bool
    credentials: Path | None  # this machine's file for them, if any


@dataclass(frozen=True)
class Added:
    """What `add_annotators` did for one e-mail: added | present | deactivated."""

    email: str
    pseudonym: str
    action: str
    credentials: Path | None


def credentials_dir(data_dir: Path = layout.LABEL_STUDIO_DATA) -> Path:
    return Path(data_dir) / ANNOTATORS_FOLDER


def credentials_path(data_dir: Path, annotator: str) -> Path:
    return credentials_dir(data_dir) / f"{annotator}.json"


def normalized_email(email: str) -> str:
    """The e-mail as Label Studio stores it (lower case), or a UsageError naming it."""
    cleaned = email.strip().lower()
    if not _EMAIL.match(cleaned):
        raise UsageError(f"{email!r} is not an e-mail address")
    return cleaned


# --- add ----------------------------------------------------------------------------------------


def add_annotators(
    conn: Connection,
    emails: Iterable[str],
    *,
    data_dir: Path = layout.LABEL_STUDIO_DATA,
    annotations: Path = layout.ANNOTATIONS,
) -> list[Added]:
    """Sign each e-mail up through the invite link; an account already there is left as it is.

    Raises:
        UsageError: an argument is not an e-mail address (checked before any request).
        LabelStudioError: the server refused a signup (its form's message is in the error).
    """
    wanted = [normalized_email(e) for e in emails]
    salt = annotator_salt(annotations)
    ls = client(conn)
    members = _members(ls, conn)
    known = {m["email"]: m for m in members}
    with server_errors(conn, "reading the invite link"):
        invite = ls.organizations.invites.get_invite_link()
    done: list[Added] = []
    for email in wanted:
        name = pseudonym(email, salt)
        path = credentials_path(data_dir, name)
        if email in known:
            done.append(Added(email, name, "present", path if path.exists() else None))
            continue
        if path.exists() and read_credentials(path).removed_at:
            done.append(Added(email, name, "deactivated", path))
            continue
        password = secrets.token_urlsafe(18)
        user_id, token = _sign_up(conn, invite.token, email, password)
        creds = Credentials(email, name, user_id, conn.url, password, token)
        write_credentials(path, creds)
        done.append(Added(email, name, "added", path))
    return done


def _sign_up(conn: Connection, invite_token: str, email: str, password: str) -> tuple[int, str]:
    """Post the signup form of the invite link as the new person; (user id, API token)."""
    import httpx

    with (
        server_errors(conn, f"signing {email} up"),
        httpx.Client(base_url=conn.url, timeout=60) as web,
    ):
        web.get(SIGNUP_PATH, params={"token": invite_token})
        csrf = web.cookies.get("csrftoken", "")
        reply = web.post(
            SIGNUP_PATH,
            params={"token": invite_token},
            data={"email": email, "password": password, "csrfmiddlewaretoken": csrf},
            headers={"Referer": conn.url + SIGNUP_PATH},
        )
        if reply.status_code != 302:
            raise LabelStudioError(
                f"Label Studio at {conn.url} refused to sign {email} up "
                f"(HTTP {reply.status_code}): {_form_errors(reply.text) or 'no reason given'}"
            )
        me = web.get("/api/current-user/whoami").json()
        return int(me["id"]), _session_token(web, conn)


def _session_token(web: Any, conn: Connection) -> str:
    """An API token for the logged-in session: its legacy token when the server accepts those,
    else a personal access token made for it."""
    import httpx

    legacy = web.get("/api/current-user/token")
    if legacy.status_code == 200:
        token = str(legacy.json()["token"])
        check = httpx.get(  # without the session's cookies: the token alone must do
            conn.url + "/api/current-user/whoami",
            headers={"Authorization": f"Token {token}"},
            timeout=60,
        )
        if check.status_code == 200:
            return token
    made = web.post(
        "/api/token/",
        headers={"X-CSRFToken": web.cookies.get("csrftoken", ""), "Referer": conn.url},
    )
    if made.status_code != 201:
        raise LabelStudioError(
            f"Label Studio at {conn.url} gave the new account no API token "
            f"(HTTP {made.status_code}); enable legacy or personal access tokens for the "
            "organization"
        )
    return str(made.json()["token"])


def _form_errors(page: str) -> str:
    """The messages a Django form page lists under its fields, joined."""
    found = [
        item.strip()
        for block in _FORM_ERRORS.findall(page)
        for item in _FORM_ERROR_ITEM.findall(block)
        if item.strip()
    ]
    return "; ".join(found)


# --- list and remove ----------------------------------------------------------------------------


def list_annotators(
    conn: Connection,
    *,
    data_dir: Path = layout.LABEL_STUDIO_DATA,
    annotations: Path = layout.ANNOTATIONS,
) -> list[Annotator]:
    """Every member of the organization but the caller, active first, then by e-mail."""
    salt = annotator_salt(annotations)
    ls = client(conn)
    with server_errors(conn, "reading the current user"):
        me = ls.users.whoami().id
    files = {c.user_id: (path, c) for path, c in _local_credentials(data_dir)}
    known = _known_pseudonyms(Path(annotations) / "exports")
    found = []
    for member in _members(ls, conn):
        if member["id"] == me:
            continue
        path, creds = files.get(member["id"], (None, None))
        active = _visible(member["email"])
        email = member["email"] if active else (creds.email if creds else None)
        if email:
            name = pseudonym(email, salt)
        else:  # removed elsewhere: the name the pulled exports gave them
            name = known.get(str(member["id"])) or pseudonym(f"id:{member['id']}", salt)
        found.append(Annotator(member["id"], email, name, active, path))
    return sorted(found, key=lambda a: (not a.active, a.email or "", a.user_id))


def remove_annotator(
    conn: Connection,
    email: str,
    *,
    data_dir: Path = layout.LABEL_STUDIO_DATA,
    annotations: Path = layout.ANNOTATIONS,
) -> Annotator:
    """Deactivate the member with this e-mail; their file keeps who they were, not the secrets.

    Raises:
        LabelStudioError: no active member has this e-mail.
    """
    email = normalized_email(email)
    salt = annotator_salt(annotations)
    ls = client(conn)
    member = next((m for m in _members(ls, conn) if m["email"] == email), None)
    if member is None:
        raise LabelStudioError(
            f"Label Studio at {conn.url} has no active member {email}: see `newscorpus ls "
            "annotators list`"
        )
    with server_errors(conn, f"deactivating {email}"):
        org = ls.users.whoami().active_organization
        ls.organizations.members.delete(id=org, user_pk=member["id"])
    name = pseudonym(email, salt)
    path = credentials_path(data_dir, name)
    removed = datetime.now(UTC).isoformat(timespec="seconds")
    write_credentials(path, Credentials(email, name, member["id"], conn.url, None, None, removed))
    return Annotator(member["id"], email, name, False, path)


def _visible(email: str) -> bool:
    """False for the placeholder ("Deleted") Label Studio shows for a deactivated member."""
    return "@" in email


def _members(ls: Any, conn: Connection) -> list[dict[str, Any]]:
    """Members of the caller's organization as {id, email}; Label Studio hides the e-mail of a
    deactivated one (`_visible` tells)."""
    with server_errors(conn, "listing the organization's members"):
        org = ls.users.whoami().active_organization
        members: list[dict[str, Any]] = []
        page = 1
        while True:
            path = f"api/organizations/{org}/memberships"
            body = api_get(ls, path, {"page": page, "page_size": 100})
            members += [
                {"id": int(m["user"]["id"]), "email": str(m["user"]["email"] or "").lower()}
                for m in body["results"]
            ]
            if not body.get("next"):
                return members
            page += 1


# --- the credentials files ----------------------------------------------------------------------


def write_credentials(path: Path, creds: Credentials) -> None:
    """Write an annotator's file, mode 0600 from its creation on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(creds.__dict__, fh, indent=1)
        fh.write("\n")
    os.replace(tmp, path)


def read_credentials(path: Path) -> Credentials:
    try:
        return Credentials(**json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as err:
        raise UsageError(f"{path}: not an annotator file of `ls annotators add` ({err})") from None


def _local_credentials(data_dir: Path) -> list[tuple[Path, Credentials]]:
    return [(p, read_credentials(p)) for p in sorted(credentials_dir(data_dir).glob("*.json"))]


def annotator_connection(creds: Credentials) -> Connection:
    """A connection acting as the annotator (scripts and tests that label through the API).

    Raises:
        UsageError: the annotator was removed (their file holds no token any more).
    """
    if not creds.token:
        raise UsageError(f"annotator {creds.pseudonym} was removed: their file holds no token")
    return Connection(url=creds.url, api_key=creds.token, token_file=None, local=False)


# --- pseudonyms of the people behind `completed_by` ---------------------------------------------


def annotator_pseudonyms(
    users: Iterable[Any], salt: str, annotations: Path = layout.ANNOTATIONS
) -> dict[str, str]:
    """`completed_by` -> pseudonym for the users a project lists.

    A deactivated member's e-mail is hidden by the server, so their pseudonym is the one the
    kept exports' annotator maps already gave them (the newest wins), else a hash of their id.
    """
    known = _known_pseudonyms(Path(annotations) / "exports")
    found = {}
    for user in users:
        uid, email = str(user.id), str(user.email or "")
        if _visible(email):
            found[uid] = pseudonym(email, salt)
        else:
            found[uid] = known.get(uid) or pseudonym(f"id:{uid}", salt)
    return found


def _known_pseudonyms(exports: Path) -> Mapping[str, str]:
    """completed_by -> pseudonym over every kept annotator map, the newest export last."""
    known: dict[str, str] = {}
    for path in sorted(exports.rglob("*.annotators.json"), key=lambda p: p.name):
        known.update(json.loads(path.read_text(encoding="utf-8")))
    return known
