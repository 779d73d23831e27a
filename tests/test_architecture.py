"""The folder tree is the pipeline: stage packages import only downward, pure cores talk to no
server, and only the cli prints. Read from the source with `ast`, so a new module is checked
without being listed anywhere."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newscorpus"

# Bottom to top. A module may import its own layer and the layers below it, never above.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "__init__",
        "schema",
        "errors",
        "spans",
        "labels",
        "layout",
        "tables",
        "hashing",
        "links",
        "locks",
    ),
    ("ingest", "testing"),
    ("normalize",),
    ("preannotate",),
    ("annotate",),
    ("publish",),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}

# Libraries that reach a server: only the package named beside each may import them.
SERVER_CLIENTS = {
    "label_studio_sdk": "annotate/labelstudio",
    "httpx": "annotate/labelstudio",
    "requests": "annotate/labelstudio",
}
HUB_CLIENT_NAMES = {"HfApi", "create_repo", "upload_folder", "snapshot_download", "hf_hub_download"}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def _top(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _imports(tree: ast.AST) -> Iterator[tuple[int, str, list[str]]]:
    """(line, module, imported names) of every import, in functions too."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module, [a.name for a in node.names]


def _targets(module: str, names: list[str]) -> list[str]:
    """The top-level newscorpus modules an import reaches (`from newscorpus import x` -> x)."""
    parts = module.split(".")
    if parts[0] != "newscorpus":
        return []
    if len(parts) > 1:
        return [parts[1]]
    return names


def test_every_top_level_module_has_a_layer() -> None:
    unknown = {_top(p) for p in _modules()} - set(RANK)
    assert not unknown, f"give these a layer in LAYERS: {sorted(unknown)}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path: Path) -> None:
    own = RANK[_top(path)]
    upward = []
    for line, module, names in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        for target in _targets(module, names):
            if target in RANK and RANK[target] > own:
                upward.append(f"line {line}: {module} ({target} is above {_top(path)})")
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_only_the_labelstudio_package_talks_to_a_server(path: Path) -> None:
    where = str(path.relative_to(SRC))
    bad = []
    for line, module, names in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        root = module.split(".")[0]
        if root in SERVER_CLIENTS and not where.startswith(SERVER_CLIENTS[root]):
            bad.append(f"line {line}: {module}")
        hub_calls = root == "huggingface_hub" and HUB_CLIENT_NAMES & set(names)
        if hub_calls and where != "publish/hub.py":
            bad.append(f"line {line}: {module} {sorted(HUB_CLIENT_NAMES & set(names))}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_only_the_cli_prints(path: Path) -> None:
    if _top(path) == "cli":
        return
    calls = [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    ]
    assert not calls, f"print() at lines {calls}: return values and let the cli print"


def test_the_import_check_sees_an_upward_import(tmp_path: Path) -> None:
    tree = ast.parse("from newscorpus.publish.build import publish\nfrom newscorpus import cli\n")
    reached = [t for _, m, n in _imports(tree) for t in _targets(m, n)]
    assert reached == ["publish", "cli"]
    assert all(RANK[t] > RANK["ingest"] for t in reached)
