"""Progress of a command's long stages, shown on the terminal and nowhere else.

Library code reports through a plain callback, `Progress(stage, done, total)`: `done == 0` when a
stage starts, `done == total` when it ends. The commands pass a TerminalProgress, which draws one
click progress bar per stage on stderr and stays silent when stderr is not a terminal (a pipe, a file,
a CI log), so that output meant for machines never carries bars.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, TextIO, TypeVar

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

Progress = Callable[[str, int, int], None]  # stage, done, total
T = TypeVar("T")

LABEL_WIDTH = 16  # the longest stage name, so that the bars line up
TICK_SECONDS = 0.5


@contextmanager
def step(progress: Progress | None, stage: str) -> Iterator[None]:
    """A stage that has no count of its own: reported when it starts and when it ends."""
    if progress:
        progress(stage, 0, 1)
    yield
    if progress:
        progress(stage, 1, 1)


def counted(progress: Progress | None, stage: str, items: Sequence[T]) -> Iterator[T]:
    """`items` one by one, the stage reported done after each."""
    if progress:
        progress(stage, 0, len(items))
    for done, item in enumerate(items, 1):
        yield item
        if progress:
            progress(stage, done, len(items))


class TerminalProgress:
    """A Progress that draws a bar per stage on `stream` (stderr) when it is a terminal; a stage that
    reports nothing for a while (one large file) still shows its time running, redrawn every `tick`
    seconds by a background thread.

    Use it in a `with` block: a stage cut short by an error still ends its line and gives the cursor back.
    """

    def __init__(self, stream: TextIO | None = None, tick: float = TICK_SECONDS) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = _is_terminal(self.stream)
        self.tick = tick
        self.stage = ""
        self.started = 0.0
        self.bar: ProgressBar[str] | None = None
        self.lock = threading.RLock()  # the caller and the clock draw on one stream
        self.stopped = threading.Event()
        self.clock: threading.Thread | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.shown:
            return
        with self.lock:
            if self.bar is None or stage != self.stage:
                self.close()
                self.stage = stage
                self.started = time.monotonic()
                self.bar = click.progressbar(
                    length=max(total, 1),
                    label=stage.ljust(LABEL_WIDTH),
                    file=self.stream,
                    show_eta=False,
                    show_pos=True,
                    item_show_func=lambda elapsed: elapsed,
                )
                self.bar.__enter__()
            self.bar.update(done - self.bar.pos, self._elapsed())
            if done >= total:
                self.close()
        if self.clock is None:
            self.clock = threading.Thread(target=self._keep_time, name="progress clock", daemon=True)
            self.clock.start()

    def _elapsed(self) -> str:
        return f"{time.monotonic() - self.started:.1f} s"

    def _keep_time(self) -> None:
        while not self.stopped.wait(self.tick):
            with self.lock:
                if self.bar is not None:
                    self.bar.current_item = self._elapsed()
                    self.bar.render_progress()

    def close(self) -> None:
        """End the current stage's bar, if one is drawn."""
        with self.lock:
            if self.bar is not None:
                self.bar.__exit__(None, None, None)
                self.bar = None

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stopped.set()
        if self.clock is not None:
            self.clock.join()
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
