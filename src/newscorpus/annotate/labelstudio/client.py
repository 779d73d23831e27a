"""The SDK client and the one place server failures become one-line errors.

Every request to Label Studio is made inside `server_errors`, so a server that is down, a key it
refuses or a request it rejects reaches the user as a `LabelStudioError` naming the server and
what to do. Holds no state of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from newscorpus.annotate.labelstudio import LabelStudioError
from newscorpus.annotate.labelstudio.server import KEY_ENV, URL_ENV, Connection


@contextmanager
def server_errors(conn: Connection, what: str) -> Iterator[None]:
    """Turn transport and HTTP failures into one-line errors naming the server and the fix."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except httpx.TransportError as err:
        raise LabelStudioError(
            f"cannot reach Label Studio at {conn.url} ({type(err).__name__}) while {what}: start "
            f"it with `newscorpus ls serve`, or check {URL_ENV}"
        ) from None
    except ApiError as err:
        code = err.status_code
        if code in (401, 403):
            where = str(conn.token_file) if conn.token_file else KEY_ENV
            raise LabelStudioError(
                f"Label Studio at {conn.url} refused the API key (HTTP {code}) while {what}: "
                f"check {where}"
            ) from None
        body = err.body if isinstance(err.body, str) else json.dumps(err.body, default=str)
        raise LabelStudioError(
            f"Label Studio at {conn.url} answered HTTP {code} while {what}: {body[:300]}"
        ) from None


def client(conn: Connection, timeout: float = 300.0) -> Any:
    """An SDK client for `conn`, checked with one cheap authenticated call."""
    from label_studio_sdk import LabelStudio

    with server_errors(conn, "connecting"):
        ls = LabelStudio(base_url=conn.url, api_key=conn.api_key, timeout=timeout)
        ls.users.whoami()
    return ls


def api_get(ls: Any, path: str, params: dict[str, Any]) -> Any:
    """GET an API path the SDK has no method for (or one whose pager misreads the server's
    pages), through the SDK's HTTP client (its auth and retries); the decoded JSON body.

    Raises:
        ApiError: the server answered an HTTP error, for `server_errors` to explain.
    """
    from label_studio_sdk.core.api_error import ApiError

    reply = ls._client_wrapper.httpx_client.request(path, method="GET", params=params)
    if reply.status_code >= 400:
        raise ApiError(status_code=reply.status_code, body=reply.text, headers=dict(reply.headers))
    return reply.json()
