"""Pipeline factories for the tests; module-level so spawned workers can import them."""

from __future__ import annotations

import os
from pathlib import Path

from blotter.document import Document
from blotter.pipeline import Pipeline, build_stages
from blotter.settings import Settings

#: Environment variable naming the file each worker appends its pid to on load.
LOAD_LOG_ENV = "BLOTTER_TEST_LOAD_LOG"
#: Text marker that makes the crashing stage kill its worker process.
CRASH_MARKER = "CRASH-THIS-WORKER"


def logging_factory(settings: Settings) -> Pipeline:
    """The default pipeline, noting in $BLOTTER_TEST_LOAD_LOG each time one is built."""
    with Path(os.environ[LOAD_LOG_ENV]).open("a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return Pipeline.from_settings(settings)


class CrashStage:
    """A stage that kills its process, as a segfault in a C extension would."""

    name = "crash"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def process(self, docs: list[Document]) -> list[Document]:
        """Exit the process hard if any document carries the crash marker."""
        if any(CRASH_MARKER in d.text for d in docs):
            os._exit(17)
        return docs


def crashing_factory(settings: Settings) -> Pipeline:
    """The default pipeline with ``CrashStage`` in front."""
    return Pipeline([CrashStage(), *build_stages(settings)], settings["batch_size"])


#: Text marker that makes the slow stage sleep far past any time budget.
SLOW_MARKER = "STALL-THIS-WORKER"
#: How long the slow stage sleeps (the test budget is a small fraction of it).
SLOW_SECONDS = 600


class SlowStage:
    """A stage that hangs on one document, as a runaway pattern would."""

    name = "slow"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def process(self, docs: list[Document]) -> list[Document]:
        """Sleep if any document carries the slow marker."""
        if any(SLOW_MARKER in d.text for d in docs):
            import time

            time.sleep(SLOW_SECONDS)
        return docs


def faulty_factory(settings: Settings) -> Pipeline:
    """The default pipeline with ``CrashStage`` and ``SlowStage`` in front."""
    return Pipeline([CrashStage(), SlowStage(), *build_stages(settings)], settings["batch_size"])


#: Environment variable naming the file a worker writes its pid to before it hangs.
STUCK_LOG_ENV = "BLOTTER_TEST_STUCK_LOG"
#: A backtracking pattern and subject: one C call that holds the GIL for hours, as a
#: runaway pattern would (no Python thread of the process runs meanwhile).
STUCK_PATTERN = r"(?:a+)+b"
STUCK_SUBJECT = "a" * 60


def hold_the_gil() -> None:
    """Note this process's pid in $BLOTTER_TEST_STUCK_LOG, then hang inside one regex match."""
    import re

    with Path(os.environ[STUCK_LOG_ENV]).open("a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    re.match(STUCK_PATTERN, STUCK_SUBJECT)
