"""A time limit on the work for one record, kept with the process's interval timer (SIGALRM).

When the limit passes, `ingest.limits.ExtractionTimeout` is raised wherever the record's work is;
the reader or `process_file` turns it into a `timeout` reject and the worker goes on with the next
record. Until the limit is re-armed or stopped the timer fires again every REPEAT_SECONDS, so code
that swallows the first signal still stops soon after.

A signal interrupts Python code (and regular expressions) but not a single long C call, which
ends before the exception is raised: readers bound such calls by size instead (see ingest.html).
Signals exist only on the main thread of a POSIX process: elsewhere (a thread of a distributed
executor) the deadline does nothing and records run without a time limit.

Must never be left armed: leaving the `with` block stops the timer and restores the handler.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType

from newscorpus.ingest.limits import ExtractionTimeout

REPEAT_SECONDS = 0.5


class Deadline:
    """`with Deadline(seconds) as deadline:` then `deadline.restart()` before each record."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._armed = False
        self._previous: object = None
        self.usable = (
            hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and seconds > 0
        )

    def __enter__(self) -> Deadline:
        if self.usable:
            self._previous = signal.signal(signal.SIGALRM, self._fire)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._armed = False
        if self.usable:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)  # type: ignore[arg-type]

    def restart(self) -> None:
        """Give the next record the full time limit."""
        if self.usable:
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds, REPEAT_SECONDS)

    def stop(self) -> None:
        """No limit until the next `restart`: the timer may still tick, but raises nothing
        (disarming it is left to the end of the `with` block, one system call a file)."""
        self._armed = False

    def _fire(self, _signum: int, _frame: FrameType | None) -> None:
        if self._armed:
            raise ExtractionTimeout(self.seconds)


__all__ = ["REPEAT_SECONDS", "Deadline"]
