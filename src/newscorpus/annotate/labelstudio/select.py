"""Which articles push sends: the `--where` expression and the deterministic `--sample`. Pure.

`--where` is a small, safe expression language compiled from Python's `ast`, never `eval`: only
comparisons, and/or/not, column names, literals and two functions pass, checked when compiled,
so a bad expression fails before any row is read. Rows stream through `select_articles`; only a
sample is ever held, never the corpus.
"""

from __future__ import annotations

import ast
import hashlib
import heapq
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from newscorpus.annotate.labelstudio import LabelStudioError

Row = Mapping[str, Any]

_OPS = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
_FUNCS: dict[str, Callable[[Any], Any]] = {"len": len, "lower": lambda s: s.lower() if s else s}


def select_articles(
    rows: Iterable[Row], where: str | None = None, sample: int | None = None
) -> Iterable[Row]:
    """The rows `where` keeps, in their order; with `sample`, the first `sample` of them in
    `sample_articles` order. A bad expression fails here, before any row is read; without a
    sample the rows stream, with one only the sample is held.
    """
    if where:
        keep = compile_where(where)
        rows = (r for r in rows if keep(r))
    if sample is not None:
        return sample_articles(rows, sample)
    return rows


def sample_articles(rows: Iterable[Row], n: int) -> list[Row]:
    """A deterministic sample of `n` articles: the first n by SHA-256 of their id, so a larger
    sample contains every smaller one and re-running picks the same articles."""
    # Same result as sorted(rows, key)[:n] (ties keep their order), holding n rows at a time.
    return heapq.nsmallest(n, rows, key=lambda r: hashlib.sha256(str(r["id"]).encode()).hexdigest())


def where_columns(expr: str) -> set[str]:
    """The column names an expression `compile_where` accepts reads."""
    tree = ast.parse(expr, mode="eval")
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}


def compile_where(expr: str) -> Callable[[Row], bool]:
    """A row filter from a small, safe expression language over article columns.

    Comparisons (`== != < <= > >= in not in`), `and`/`or`/`not`, column names, string/number
    literals, tuples/lists, and `len(x)`/`lower(x)`. A string compared with a timestamp column
    is read as an ISO date. Examples: `source == 'Daily Bugle'`, `published >= '2024-01-01'`,
    `'minister' in lower(title) and len(text) > 2000`.

    Raises:
        LabelStudioError: anything else in the expression (names the offending part).
    """
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as err:
        raise LabelStudioError(f"--where {expr!r}: {err.msg}") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for op in node.ops:
                if type(op) not in _OPS:
                    raise LabelStudioError(
                        f"--where {expr!r}: operator {type(op).__name__} is not allowed"
                    )
    where = _Where(expr)
    where.check(tree)

    def predicate(row: Row) -> bool:
        try:
            return bool(where.ev(tree, row))
        except TypeError as err:
            raise LabelStudioError(f"--where {expr!r} on article {row.get('id')}: {err}") from None

    return predicate


def _coerce(a: Any, b: Any) -> tuple[Any, Any]:
    """A string compared with a timestamp is read as an ISO date (UTC unless it says)."""
    if isinstance(a, datetime) and isinstance(b, str):
        b = datetime.fromisoformat(b)
        b = b if b.tzinfo else b.replace(tzinfo=UTC)
    elif isinstance(b, datetime) and isinstance(a, str):
        b, a = _coerce(b, a)
        a, b = b, a
    return a, b


class _Where:
    """Evaluates the accepted nodes of one expression against a row."""

    def __init__(self, expr: str) -> None:
        self.expr = expr

    def check(self, node: ast.AST) -> None:
        """Refuse what `ev` would refuse, before any row: every branch, evaluated or not."""
        if isinstance(node, ast.Expression):
            children: list[ast.AST] = [node.body]
        elif isinstance(node, ast.BoolOp):
            children = list(node.values)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            children = [node.operand]
        elif isinstance(node, ast.Compare):
            children = [node.left, *node.comparators]
        elif isinstance(node, ast.Name | ast.Constant):
            children = []
        elif isinstance(node, ast.Tuple | ast.List):
            children = list(node.elts)
        elif _is_allowed_call(node):
            assert isinstance(node, ast.Call)
            children = [node.args[0]]
        else:
            raise self.refused(node)
        for child in children:
            self.check(child)

    def refused(self, node: ast.AST) -> LabelStudioError:
        return LabelStudioError(
            f"--where {self.expr!r}: {ast.unparse(node)!r} is not allowed (use comparisons, "
            "and/or/not, columns, literals, len(), lower())"
        )

    def ev(self, node: ast.AST, row: Row) -> Any:
        if isinstance(node, ast.Expression):
            return self.ev(node.body, row)
        if isinstance(node, ast.BoolOp):
            values = (self.ev(v, row) for v in node.values)
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not self.ev(node.operand, row)
        if isinstance(node, ast.Compare):
            return self.compare(node, row)
        if isinstance(node, ast.Name):
            if node.id not in row:
                raise LabelStudioError(f"--where {self.expr!r}: no column {node.id!r}")
            return row[node.id]
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Tuple | ast.List):
            return tuple(self.ev(e, row) for e in node.elts)
        if _is_allowed_call(node):
            assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            return _FUNCS[node.func.id](self.ev(node.args[0], row))
        raise self.refused(node)

    def compare(self, node: ast.Compare, row: Row) -> bool:
        """A chain `a < b <= c`; a null on either side of an ordering is false."""
        left = self.ev(node.left, row)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = self.ev(comp, row)
            if (left is None or right is None) and not isinstance(op, ast.Eq | ast.NotEq):
                return False
            a, b = _coerce(left, right)
            if not _OPS[type(op)](a, b):
                return False
            left = right
        return True


def _is_allowed_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCS
        and len(node.args) == 1
        and not node.keywords
    )
