"""A Dask worker plugin that ties a local cluster's workers to their parent process.

Only :mod:`blotter.parallel.dask_runner` imports this module (it needs ``distributed``);
workers unpickle the plugin by reference to it.
"""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from blotter.parallel.worker import die_with_parent


class DieWithParent(WorkerPlugin):
    """The kernel kills each worker process when its parent (the nanny: this client
    process, for a LocalCluster) dies, even while the worker is inside one long C call.
    Dask's own watch on the nanny is a Python thread, which waits for the GIL."""

    name = "blotter-die-with-parent"
    idempotent = True

    def setup(self, worker: Any) -> None:
        """Run in each worker process as it joins (restarted workers included)."""
        die_with_parent()
