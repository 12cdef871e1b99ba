"""The user's cache directory: pre-built model data and per-input results that make re-runs cheap.

Everything here can be thrown away (`glossary cache clear`): an entry that is missing, unreadable or
corrupt is rebuilt, never an error. Entries are written to a temporary file beside their final name and
renamed, so a run killed half way leaves no half-written entry; concurrent runs writing the same entry
write the same bytes, and the last rename wins.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/glossary`, else `~/.cache/glossary`."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "glossary"


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file; False (and nothing written) when that fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def load_or_build(
    path: Path, build: Callable[[], T], dumps: Callable[[T], bytes], loads: Callable[[bytes], T]
) -> T:
    """The value stored at `path`, or `build()` stored there when the entry is missing or does not load."""
    data = read_bytes(path)
    if data is not None:
        try:
            return loads(data)
        except Exception:  # a corrupt or foreign entry: rebuild it
            pass
    value = build()
    write_bytes_atomic(path, dumps(value))
    return value


class ResultStore:
    """Per-input results kept between runs: one pickle per (key, part), in two-letter subfolders.

    Only this tool writes here, under the user's own cache directory; an entry that does not load is
    treated as missing (and rewritten by the run that needs it).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str, part: str) -> Path:
        return self.directory / key[:2] / f"{key}.{part}"

    def has(self, key: str, part: str) -> bool:
        try:
            return self._path(key, part).is_file()
        except OSError:  # a cache folder this user may not look into (another user's HOME): as if missing
            return False

    def load(self, key: str, part: str) -> object | None:
        data = read_bytes(self._path(key, part))
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # corrupt, cut short, or from an incompatible version: as if missing
            return None

    def save(self, key: str, part: str, value: object) -> None:
        write_bytes_atomic(self._path(key, part), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def save_meanwhile(self, key: str, part: str, value: object) -> None:
        """`save` `value` as it is now, in a process forked for it while this one goes on (a whole run's
        results take a tenth of a second or more to pickle); `wait_for_saves`, and the exit, wait for it.
        Where processes cannot fork, saved here.

        A bare fork, whose child leaves with `os._exit` once saved: it touches no stream, so a lock that
        another thread (the progress clock) held on stderr at the fork cannot stop it, as flushing the
        streams at the end of a multiprocessing child could."""
        if not hasattr(os, "fork"):
            self.save(key, part, value)
            return
        try:
            child = os.fork()
        except OSError:  # no memory or processes left for it
            self.save(key, part, value)
            return
        if child == 0:
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the run, not a save half done
                self.save(key, part, value)
            finally:
                os._exit(0)
        _SAVING.append(child)


_SAVING: list[int] = []  # the processes saving, by pid


@atexit.register
def wait_for_saves() -> None:
    """Wait for the saves `ResultStore.save_meanwhile` started."""
    while _SAVING:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(_SAVING.pop(), 0)


def default_store() -> ResultStore | None:
    """The user's result cache; None (then a store for the run only) when this user cannot write there,
    e.g. a HOME that belongs to someone else: a cache that drops what it is given would fail the run."""
    directory = cache_dir() / "results"
    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
    return ResultStore(directory) if os.access(directory, os.W_OK | os.X_OK) else None


@contextlib.contextmanager
def temporary_store(store: ResultStore | None) -> Iterator[ResultStore]:
    """`store`, or when it is None a store for this run only, removed at its end (--no-cache)."""
    if store is not None:
        yield store
        return
    with tempfile.TemporaryDirectory(prefix="glossary-run-") as directory:
        yield ResultStore(Path(directory))
