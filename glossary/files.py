"""Writing outputs so that a failed run never leaves a half-written file behind, and never writes over
an input of the run or a reviewer's glossary workbook."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from glossary.errors import GlossaryError

OVERWRITE_OPTION = "--overwrite"
OVERWRITE_HELP = "Replace FILE if it already exists (never an input of the run or a glossary workbook)."

# A sheet named Glossary in an .xlsx (xl/workbook.xml) or an .ods (content.xml) saved by a reviewer.
_GLOSSARY_SHEET = re.compile(rb"""<(?:\w+:)?(?:sheet|table)\b[^>]*\bname=["']Glossary["']""", re.IGNORECASE)
_SHEET_LISTS = ("xl/workbook.xml", "content.xml")
_CHUNK = 1 << 20


def guard_output(
    output: Path, inputs: Iterable[Path] = (), overwrite: bool = False, merging: bool = False
) -> None:
    """Refuse, with one line saying what to do, to write `output` where that would destroy work.

    Never an input of this run (`inputs` are files, compared as files: links and other spellings of a
    path count), never a glossary workbook (recognised by its content, whatever its name) unless
    `merging` (extract carrying a workbook's decisions over into itself); any other existing file only
    with `overwrite`."""
    output = Path(output)
    if output.is_dir():
        raise GlossaryError(str(output), "is a folder; give the name of a file to write")
    if not output.exists():
        return
    for path in inputs:
        if _same_file(output, Path(path)):
            raise GlossaryError(str(output), "is an input of this run; write the output to another file")
    if merging:
        return
    if is_glossary_workbook(output):
        raise GlossaryError(
            str(output), "is a glossary workbook and is never overwritten; write the output to another file"
        )
    if not overwrite:
        raise GlossaryError(
            str(output), f"already exists; add {OVERWRITE_OPTION} to replace it, or choose another name"
        )


def is_glossary_workbook(path: Path) -> bool:
    """Whether `path` is a spreadsheet (.xlsx or .ods, any name) with a Glossary sheet."""
    try:
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            return any(name in names and _mentions_glossary_sheet(archive, name) for name in _SHEET_LISTS)
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False


def _mentions_glossary_sheet(archive: zipfile.ZipFile, name: str) -> bool:
    """Stream the member, so that a large content.xml is searched without holding it whole."""
    tail = b""
    with archive.open(name) as member:
        while chunk := member.read(_CHUNK):
            if _GLOSSARY_SHEET.search(tail + chunk):
                return True
            tail = chunk[-200:]
    return False


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


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
