"""A per-record time budget for extraction in this process (SIGALRM, main thread only).

A Python-level signal handler runs between bytecodes, so the budget stops slow
Python code; a single C call (one regular-expression match) is not interrupted
until it returns.  ``blotter ingest --workers N`` enforces the budget by
killing the worker process instead (``blotter.parallel.articles``).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class BudgetExceeded(Exception):
    """The work inside ``time_budget`` ran past its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def budget_available() -> bool:
    """True where SIGALRM can interrupt work: the main thread, on a POSIX system."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``BudgetExceeded`` in the block once *seconds* have passed (<= 0: no budget)."""
    if seconds <= 0 or not budget_available():
        yield
        return

    def _expired(_signum: int, _frame: FrameType | None) -> None:
        raise BudgetExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
