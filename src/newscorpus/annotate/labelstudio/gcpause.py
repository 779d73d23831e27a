"""Big jobs over trees of dicts (tasks, export items, table rows) run with the cyclic garbage
collector paused. Changes no result, only the time it takes."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def gc_paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `func` with the cyclic garbage collector paused.

    Tasks, export items and table rows are trees of dicts and lists without reference cycles,
    freed by reference counting alone; but with tens of thousands of them alive, each
    generation-2 collection walks them all: building 10,000 tasks took 4.5 s with the collector
    and 1.0 s without. The collector's previous state is restored afterwards.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper
