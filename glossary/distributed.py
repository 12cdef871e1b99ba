"""The per-file work of `extract` on a Dask cluster (the optional `dask` extra, `--scheduler ADDRESS`).

Nothing of Dask is imported unless a scheduler is given. The map/reduce is the one of the local run
(`glossary.extraction`): each file's work is a task on some worker, the run-wide evidence is sent to every
worker once, and the reduce and the final aggregate stay in this process, so the workbook is the same as
a local run's. The workers keep each file's prepared units in the cache directory between the two phases:
it must be one that every worker reads and writes (a shared file system), as on one machine.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from glossary.errors import GlossaryError

Task = TypeVar("Task")
Shared = TypeVar("Shared")
Result = TypeVar("Result")


class DaskMapper:
    """Maps tasks over the workers of the Dask scheduler at `address`; results keep the tasks' order."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise GlossaryError(
                "--scheduler", "needs Dask distributed: pip install 'glossary[dask]'"
            ) from None
        try:
            self.client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as error:
            raise GlossaryError(address, f"cannot reach the Dask scheduler ({error})") from None

    @classmethod
    @contextlib.contextmanager
    def connected(cls, address: str | None) -> Iterator[DaskMapper | None]:
        """A mapper on the scheduler at `address` for the block, closed after it; None without address."""
        if not address:
            yield None
            return
        mapper = cls(address)
        try:
            yield mapper
        finally:
            mapper.client.close()

    def map(
        self,
        function: Callable[[Task, Shared], Result],
        tasks: Sequence[Task],
        shared: Shared,
        meanwhile: Callable[[], None] | None = None,
    ) -> Iterator[Result]:
        if not tasks:
            if meanwhile:
                meanwhile()
            return
        everywhere = self.client.scatter(shared, broadcast=True)
        futures = self.client.map(function, list(tasks), [everywhere] * len(tasks), pure=False)
        if meanwhile:
            meanwhile()
        for future in futures:
            yield future.result()
