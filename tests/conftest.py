"""Shared fixtures: where ../shared is, and skipping with a clear reason where it is absent."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSCORPUS_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


def load_benchmark(name: str) -> ModuleType:
    """benchmarks/NAME.py as a module (benchmarks/ holds scripts, not a package); loaded once."""
    module_name = f"newscorpus_benchmark_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            module_name, REPO / "benchmarks" / f"{name}.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


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
from labelstudio_fixture import ls_server, pytest_generate_tests  # noqa: E402, F401
