"""Writing outputs so that a failed run never leaves a half-written file behind, and never writes over
an input of the run or a reviewer's glossary workbook."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import socket
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from glossary.errors import GlossaryError

OVERWRITE_OPTION = "--overwrite"
IGNORE_LOCK_OPTION = "--ignore-lock"
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
    if not _folder_of(output).is_dir():
        raise GlossaryError(str(output), "the folder to write into does not exist")
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


# Every temporary file or folder this tool makes starts so, with its host and process id: a run killed
# with SIGKILL cannot clean up, and the next run on that host writing in the folder removes what it left.
TEMPORARY_PREFIX = ".glossary-tmp-"


@contextlib.contextmanager
def atomic_output(path: Path, before_replace: Callable[[], None] | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `path`; it replaces `path` only if the block finishes, once its
    content is on disk (fsync) and `before_replace` (a last check, which may raise) has passed.

    An OSError (permission denied, read-only or full disk) becomes a GlossaryError naming `path`."""
    path = Path(path)
    directory = _folder_of(path)
    if not directory.is_dir():
        raise GlossaryError(str(path), "the folder to write into does not exist")
    remove_stale_temporaries(directory)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=_temporary_prefix(), suffix=f".{path.name}", dir=directory
        )
    except OSError as error:
        raise GlossaryError(str(path), f"cannot write in {directory}: {_reason(error)}") from error
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        os.chmod(temporary_path, _mode_for(path))  # mkstemp makes 0600; outputs get the usual permissions
        yield temporary_path
        _sync(temporary_path)
        if before_replace is not None:
            before_replace()
        os.replace(temporary_path, path)
        _sync_folder(directory)
    except OSError as error:
        raise GlossaryError(str(path), f"cannot write: {_reason(error)}; nothing written") from error
    finally:
        temporary_path.unlink(missing_ok=True)


def read_input(path: Path, missing: str = "no such file") -> bytes:
    """The bytes of a file the user gave, or a GlossaryError naming it (`missing` when it is not there)."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise GlossaryError(str(path), missing) from None
    except OSError as error:
        raise GlossaryError(str(path), f"cannot read: {error.strerror}") from None


def write_text_atomic(path: Path, text: str) -> None:
    with atomic_output(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="")


def write_verified_copy(data: bytes, path: Path) -> None:
    """`data` as the new file `path`, complete or not at all: written beside it under a temporary name,
    flushed to disk, read back and compared, and only then given its name."""
    with atomic_output(path) as temporary:
        temporary.write_bytes(data)
        _sync(temporary)
        if hashlib.sha256(temporary.read_bytes()).digest() != hashlib.sha256(data).digest():
            raise GlossaryError(str(path), "the copy read back differs from the original; not kept")


@contextlib.contextmanager
def scratch_folder_beside(path: Path) -> Iterator[Path]:
    """A private folder beside `path` that the tempfile module uses while the block runs, removed after.

    For libraries that keep temporary files in the system temp folder (openpyxl's write-only mode
    does), where a killed run would leave them for nobody to remove."""
    directory = _folder_of(Path(path))
    try:
        scratch = Path(tempfile.mkdtemp(prefix=_temporary_prefix(), dir=directory))
    except OSError as error:
        raise GlossaryError(str(path), f"cannot write in {directory}: {_reason(error)}") from error
    saved = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        yield scratch
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(scratch, ignore_errors=True)


def remove_stale_temporaries(directory: Path) -> None:
    """Remove the temporary files and folders of runs that are no longer running (killed, say)."""
    try:
        entries = [entry for entry in directory.iterdir() if entry.name.startswith(TEMPORARY_PREFIX)]
    except OSError:
        return
    for entry in entries:
        host, pid, *_ = [*entry.name[len(TEMPORARY_PREFIX) :].split("-"), "", ""]
        # Only this host's: a folder shared over the network has other hosts' runs, alive or not.
        if host == _host() and pid.isdigit() and not _running(int(pid)):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    entry.unlink()


def _temporary_prefix() -> str:
    return f"{TEMPORARY_PREFIX}{_host()}-{os.getpid()}-"


def _host() -> str:
    return "".join(char for char in socket.gethostname() if char.isascii() and char.isalnum()) or "host"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _sync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(directory: Path) -> None:
    """Make a rename in `directory` durable; not every system can open a folder, which is fine."""
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, else what a new file would get under the current umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# ---------------------------------------------------------------- lock files of spreadsheet programs


def refuse_if_open(path: Path, ignore_lock: bool = False) -> None:
    """Raise GlossaryError when a spreadsheet program has `path` open (unless `ignore_lock`): replacing
    it under the program would have the reviewer's next save there undo this run, or this run undo it."""
    owner = None if ignore_lock else lock_owner(path)
    if owner:
        raise GlossaryError(
            str(path),
            f"is open in {owner}; save and close it there, then run again "
            f"(or add {IGNORE_LOCK_OPTION} if it is no longer open)",
        )


def lock_owner(path: Path) -> str | None:
    """Who has `path` open, from the lock file LibreOffice (`.~lock.NAME#`) or Excel (`~$NAME`) keeps
    beside it while the file is open; None when there is none."""
    path = Path(path)
    libreoffice = path.with_name(f".~lock.{path.name}#")
    if libreoffice.is_file():
        return f"LibreOffice{_libreoffice_user(libreoffice)} (lock file {libreoffice.name})"
    for name in dict.fromkeys((f"~${path.name}", f"~${path.name[2:]}")):
        excel = path.with_name(name)
        if excel.is_file():
            return f"Excel{_excel_user(excel)} (lock file {excel.name})"
    return None


def _libreoffice_user(lock: Path) -> str:
    """`,Li Wei,pc-17,01.12.2026 10:02,file:///home/li/.config/libreoffice/4;`: user, host, since."""
    try:
        fields = lock.read_text(encoding="utf-8", errors="replace").strip().split(",")
    except OSError:
        return ""
    user, host, since = ([*fields[1:4], "", "", ""])[:3]
    described = f" by {user.strip()}" if user.strip() else ""
    described += f" on {host.strip()}" if host.strip() else ""
    return described + (f" since {since.strip()}" if since.strip() else "")


def _excel_user(lock: Path) -> str:
    """Excel's owner file: the user name's length in the first byte, the name in the local code page,
    and from byte 54 on the length again and the name in UTF-16."""
    try:
        data = lock.read_bytes()[:512]
    except OSError:
        return ""
    if not data or not 0 < data[0] < 54:
        return ""
    length = data[0]
    name = data[1 : 1 + length].decode("cp1252", errors="replace")
    for start in (56, 55):  # the UTF-16 copy, after a one- or two-byte length
        wide = data[start : start + 2 * length]
        if len(wide) == 2 * length:
            decoded = wide.decode("utf-16-le", errors="replace")
            if "\ufffd" not in decoded and decoded.isprintable():
                name = decoded
                break
    return f" by {name.strip()}" if name.strip() else ""
