"""Writing outputs so that a failed run never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from glossary.errors import GlossaryError


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; it replaces `path` only if the block finishes."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise GlossaryError(str(path), "the folder to write into does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    temporary_path = Path(temporary)
    os.chmod(temporary_path, _mode_for(path))  # mkstemp makes 0600; outputs get the usual permissions
    try:
        yield temporary_path
        os.replace(temporary_path, path)
    except PermissionError as error:
        raise GlossaryError(str(path), f"cannot write: {error.strerror}") from error
    finally:
        temporary_path.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    with atomic_output(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="")


def _mode_for(path: Path) -> int:
    """The existing file's permissions, else what a new file would get under the current umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
