"""Shared fixtures: where ../shared is, and skipping with a clear reason where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSCORPUS_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip the calling test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent: this test needs the project's shared data beside the checkout"
        )
    return path


@pytest.fixture
def seed_page() -> str:
    return shared_path("seeds", "000_b46b4971558fa318.txt").read_text(encoding="utf-8")


# Label Studio: the session-scoped real server and its helpers live in labelstudio_fixture.py.
from labelstudio_fixture import ls_server  # noqa: E402, F401
