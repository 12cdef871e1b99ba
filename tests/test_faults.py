"""Faults a reviewer's workbook must survive: full disks, read-only folders, signals, a save during
the run, the workbook open in LibreOffice or Excel. Each ends in one line and a workbook that is either
the old one or a complete new one, with a complete backup or none."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_review import Reviewer, second_run
from test_workbook import sample_glossary

import glossary.files
import glossary.review
import glossary.workbook
from glossary.cli import main
from glossary.errors import GlossaryError
from glossary.files import TEMPORARY_PREFIX, lock_owner, remove_stale_temporaries, write_verified_copy
from glossary.review import save_glossary
from glossary.workbook import read_workbook

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "sample_issue.txt"
NOBODY = 65534


def first_workbook(folder: Path) -> Path:
    path = folder / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    reviewer = Reviewer(path)
    reviewer.approve("全球安全倡议", "Global Security Initiative")
    reviewer.save()
    return path


def one_error_line(stderr: str, *words: str) -> None:
    assert stderr.startswith("error: ") and stderr.count("\n") == 1, stderr
    for word in words:
        assert word in stderr, stderr


def run_python(code: str, *, user: int | None = None, cwd: Path | None = None) -> subprocess.Popen[str]:
    """`code` in a fresh interpreter (as `user`, when given), its output captured."""
    command = [sys.executable, "-c", textwrap.dedent(code)]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "tests")}  # glossary itself as installed
    if cwd is not None:
        environment["TMPDIR"] = str(cwd)  # libraries' caches, somewhere that user may write
    return subprocess.Popen(
        command, cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def run_glossary(
    *arguments: object, user: int | None = None, cwd: Path | None = None
) -> subprocess.Popen[str]:
    """`glossary ARGUMENTS...` in a fresh interpreter, as run_python runs it."""
    argv = ["glossary", *map(str, arguments)]
    return run_python(
        f"import sys\nfrom glossary.cli import main\nsys.argv = {argv!r}\nmain()", user=user, cwd=cwd
    )


# ---------------------------------------------------------------- a full disk


@contextlib.contextmanager
def tiny_disk(kilobytes: int) -> Iterator[Path]:
    """A tmpfs of that size, mounted for the test; skipped where tests cannot mount (not root)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mountpoint = Path(tempfile.mkdtemp(prefix="glossary-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(mountpoint)], capture_output=True
    )
    if mounted.returncode != 0:
        mountpoint.rmdir()
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", str(mountpoint)], check=True)
        mountpoint.rmdir()


def fill(disk: Path, leave: int) -> None:
    """Take all but `leave` bytes of the disk's free space."""
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * max(free - leave, 0))


def test_a_full_disk_keeps_the_workbook_and_leaves_no_half_written_backup(tmp_path: Path) -> None:
    with tiny_disk(256) as disk:
        workbook = disk / "glossary.xlsx"
        shutil.copy(first_workbook(tmp_path), workbook)
        before = workbook.read_bytes()
        fill(disk, leave=len(before) // 2)  # room for half a backup

        with pytest.raises(GlossaryError, match="No space left on device") as raised:
            save_glossary(workbook, second_run(), [])

        assert "cannot keep a backup" in str(raised.value) and "left as it was" in str(raised.value)
        assert workbook.read_bytes() == before
        assert sorted(path.name for path in disk.iterdir()) == ["filler", "glossary.xlsx"]


def test_a_full_disk_after_the_backup_keeps_the_workbook_and_the_backup_is_whole(tmp_path: Path) -> None:
    with tiny_disk(256) as disk:
        workbook = disk / "glossary.xlsx"
        shutil.copy(first_workbook(tmp_path), workbook)
        before = workbook.read_bytes()
        fill(disk, leave=len(before) + 8192)  # a backup fits, a new workbook does not

        with pytest.raises(GlossaryError, match="No space left on device; nothing written"):
            save_glossary(workbook, second_run(), [])

        assert workbook.read_bytes() == before
        [backup] = [path for path in disk.iterdir() if ".backup-" in path.name]
        assert backup.read_bytes() == before
        assert not [path for path in disk.iterdir() if path.name.startswith(TEMPORARY_PREFIX)]


def test_commands_on_a_full_disk_say_one_line_and_no_exception_after_it(tmp_path: Path) -> None:
    reviewed = first_workbook(tmp_path)
    with tiny_disk(16) as disk:
        fill(disk, leave=0)
        process = run_glossary("export", reviewed, "--format", "tsv", "-o", disk / "g.tsv")
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 2
        one_error_line(stderr, "g.tsv", "No space left on device")
        assert sorted(path.name for path in disk.iterdir()) == ["filler"]


def test_a_new_workbook_on_a_full_disk_is_one_line_and_no_exception_after_it(tmp_path: Path) -> None:
    with tiny_disk(64) as disk:
        fill(disk, leave=4096)
        process = run_python(
            f"""
            from test_workbook import sample_glossary
            from glossary.cli.common import report_errors
            from glossary.review import save_glossary

            report_errors(save_glossary)({str(disk / "glossary.xlsx")!r}, sample_glossary(), [])
            """
        )
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 2
        one_error_line(stderr, "glossary.xlsx", "No space left on device")
        assert sorted(path.name for path in disk.iterdir()) == ["filler"]


def test_openpyxl_keeps_its_temporary_files_beside_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    write_ledger = glossary.workbook._write_ledger_sheet

    def noting_the_temp_folder(*arguments: object) -> None:
        seen.append(tempfile.gettempdir())
        write_ledger(*arguments)

    monkeypatch.setattr(glossary.workbook, "_write_ledger_sheet", noting_the_temp_folder)
    save_glossary(tmp_path / "glossary.xlsx", sample_glossary(), [])
    [folder] = seen
    assert Path(folder).parent == tmp_path and Path(folder).name.startswith(TEMPORARY_PREFIX)
    assert tempfile.gettempdir() != folder  # restored after the write
    assert sorted(path.name for path in tmp_path.iterdir()) == ["glossary.xlsx"]


# ---------------------------------------------------------------- folders the user may not write


def nobody_folder() -> Path:
    """A folder outside pytest's private tmp that the user `nobody` can reach."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("running as another user needs root and setpriv")
    folder = Path(tempfile.mkdtemp(prefix="glossary-ro-"))
    folder.chmod(0o755)
    return folder


def test_a_read_only_folder_is_one_line_and_the_workbook_stays(tmp_path: Path) -> None:
    folder = nobody_folder()
    try:
        workbook = first_workbook(folder)
        workbook.chmod(0o644)
        before = workbook.read_bytes()
        folder.chmod(0o555)
        scratch = Path(tempfile.mkdtemp(prefix="glossary-nobody-"))
        os.chown(scratch, NOBODY, NOBODY)
        process = run_python(
            f"""
            import sys
            from test_review import second_run
            from glossary.cli.common import report_errors
            from glossary.review import save_glossary

            report_errors(save_glossary)({str(workbook)!r}, second_run(), [])
            """,
            user=NOBODY,
            cwd=scratch,
        )
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 2, stderr
        one_error_line(stderr, "cannot keep a backup", "Permission denied", "left as it was")
        assert workbook.read_bytes() == before
        assert sorted(path.name for path in folder.iterdir()) == ["glossary.xlsx"]

        process = run_glossary(
            "export", workbook, "--format", "tsv", "-o", folder / "g.tsv", user=NOBODY, cwd=scratch
        )
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 2
        one_error_line(stderr, "g.tsv", "Permission denied")
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
        shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- signals


SLOW_MERGE = """
    import sys, time
    import glossary.review, glossary.workbook
    from glossary.cli import main

    hold = glossary.workbook.{hook}
    def held(*arguments):
        print("ready", flush=True)
        time.sleep(30)
        return hold(*arguments)
    glossary.workbook.{hook} = held
    sys.argv = ["glossary", "extract", {sample!r}, "-o", {output!r}]
    main()
"""


def start_slow_extract(workbook: Path, hook: str) -> subprocess.Popen[str]:
    """`glossary extract` over `workbook` that stops at `hook` (inside the write) until signalled."""
    code = SLOW_MERGE.format(hook=hook, sample=str(SAMPLE), output=str(workbook))
    process = run_python(code, cwd=workbook.parent)
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n", process.stderr.read() if process.stderr else ""
    return process


@pytest.fixture
def ctrl_c_delivered() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt in this process and in the ones it starts, even when the suite was
    started with SIGINT ignored (in the background of a non-interactive shell, or under nohup), which a
    child process would inherit."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.slow
@pytest.mark.usefixtures("ctrl_c_delivered")
def test_ctrl_c_during_the_merge_exits_130_and_keeps_the_workbook(tmp_path: Path) -> None:
    workbook = first_workbook(tmp_path)
    before = workbook.read_bytes()
    process = start_slow_extract(workbook, "_write_ledger_sheet")
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    one_error_line(stderr, "interrupted")
    assert workbook.read_bytes() == before
    leftovers = [path.name for path in tmp_path.iterdir() if path.name.startswith(TEMPORARY_PREFIX)]
    assert leftovers == []
    [backup] = [path for path in tmp_path.iterdir() if ".backup-" in path.name]
    assert backup.read_bytes() == before


@pytest.mark.slow
def test_sigkill_during_the_write_leaves_the_workbook_and_the_next_run_cleans_up(tmp_path: Path) -> None:
    workbook = first_workbook(tmp_path)
    before = workbook.read_bytes()
    process = start_slow_extract(workbook, "_write_ledger_sheet")
    process.kill()
    process.wait(timeout=60)
    assert workbook.read_bytes() == before
    leftovers = [path for path in tmp_path.iterdir() if path.name.startswith(TEMPORARY_PREFIX)]
    assert leftovers  # the killed run's temporary workbook and its private folder ...
    scratch = [path for path in leftovers if path.is_dir()]
    assert any(name.name.startswith("openpyxl") for folder in scratch for name in folder.iterdir())

    save_glossary(workbook, second_run(), [])  # ... which the next run over the folder removes

    assert not [path for path in tmp_path.iterdir() if path.name.startswith(TEMPORARY_PREFIX)]
    assert read_workbook(workbook).rows


def test_ctrl_c_is_exit_code_130_for_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*arguments: object, **options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("glossary.cli.termlist.write_termlist", interrupted)
    result = CliRunner().invoke(main, ["termlist", str(first_workbook(tmp_path)), "-o", "x.tsv"])
    assert result.exit_code == 130
    one_error_line(result.stderr, "interrupted")


# ---------------------------------------------------------------- a reviewer saving during the run


def while_merging(monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[int], None]) -> None:
    """Have `meanwhile(attempt)` happen each time the run has read the workbook and merges it."""
    merge = glossary.review.merge_review
    attempts = iter(range(1, 100))

    def merge_while_something_happens(*arguments: object) -> object:
        meanwhile(next(attempts))
        return merge(*arguments)

    monkeypatch.setattr(glossary.review, "merge_review", merge_while_something_happens)


def test_a_save_during_the_merge_is_merged_again_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = first_workbook(tmp_path)
    first_read = workbook.read_bytes()
    calls = []

    def reviewer_saves(attempt: int) -> None:
        calls.append(attempt)
        if attempt == 1:  # the reviewer saves once the run has read the workbook
            reviewer = Reviewer(workbook)
            reviewer.reject("全球安全倡议", "global security proposal")
            reviewer.set("一带一路", "Belt and Road", "Note", "saved during the run")
            reviewer.save()

    while_merging(monkeypatch, reviewer_saves)
    save_glossary(workbook, second_run(), [])

    assert len(calls) == 2
    rows = {(row.chinese, row.english): row for row in read_workbook(workbook).rows}
    assert rows["全球安全倡议", "Global Security Initiative"].status == "approved"
    assert rows["全球安全倡议", "global security proposal"].status == "rejected"
    assert rows["一带一路", "Belt and Road"].note == "saved during the run"
    backups = sorted(path.read_bytes() for path in tmp_path.iterdir() if ".backup-" in path.name)
    assert first_read in backups and len(backups) == 2  # each version the run read, complete


def test_a_workbook_saved_all_the_time_is_refused_and_left_as_the_reviewer_saved_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = first_workbook(tmp_path)

    def reviewer_saves(attempt: int) -> None:
        reviewer = Reviewer(workbook)
        reviewer.set("一带一路", "Belt and Road", "Note", f"save {attempt}")
        reviewer.save()

    while_merging(monkeypatch, reviewer_saves)
    with pytest.raises(GlossaryError, match="changed on disk 3 times"):
        save_glossary(workbook, second_run(), [])
    rows = {(row.chinese, row.english): row for row in read_workbook(workbook).rows}
    assert rows["一带一路", "Belt and Road"].note == "save 3"


# ---------------------------------------------------------------- open in LibreOffice or Excel


def libreoffice_lock(workbook: Path) -> Path:
    lock = workbook.with_name(f".~lock.{workbook.name}#")
    lock.write_text(",Li Wei,pc-17,01.12.2026 10:02,file:///home/li/.config/libreoffice/4;", encoding="utf-8")
    return lock


def excel_lock(workbook: Path, user: str) -> Path:
    lock = workbook.with_name(f"~${workbook.name}")
    name = user.encode("cp1252", errors="replace")
    lock.write_bytes(
        bytes([len(user)])
        + name.ljust(53, b" ")
        + bytes([len(user), 0])
        + user.encode("utf-16-le")
        + b"\0" * 40
    )
    return lock


def test_lock_files_say_who_has_the_workbook_open(tmp_path: Path) -> None:
    workbook = tmp_path / "glossary.xlsx"
    assert lock_owner(workbook) is None
    libreoffice = libreoffice_lock(workbook)
    assert (
        lock_owner(workbook)
        == "LibreOffice by Li Wei on pc-17 since 01.12.2026 10:02 (lock file .~lock.glossary.xlsx#)"
    )
    libreoffice.unlink()
    excel_lock(workbook, "王芳")
    assert lock_owner(workbook) == "Excel by 王芳 (lock file ~$glossary.xlsx)"


def test_extract_does_not_replace_an_open_workbook_unless_told(tmp_path: Path) -> None:
    workbook = first_workbook(tmp_path)
    before = workbook.read_bytes()
    lock = libreoffice_lock(workbook)
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "-o", str(workbook)])
    assert result.exit_code == 2
    one_error_line(result.stderr, "is open in LibreOffice by Li Wei", "--ignore-lock")
    assert workbook.read_bytes() == before

    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "-o", str(workbook), "--ignore-lock"])
    assert result.exit_code == 0, result.output
    assert workbook.read_bytes() != before and lock.exists()


def test_a_workbook_opened_during_the_run_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = first_workbook(tmp_path)
    before = workbook.read_bytes()
    while_merging(monkeypatch, lambda attempt: excel_lock(workbook, "Wang Fang"))
    with pytest.raises(GlossaryError, match="is open in Excel by Wang Fang"):
        save_glossary(workbook, second_run(), [])
    assert workbook.read_bytes() == before


# ---------------------------------------------------------------- backups


def test_a_backup_that_reads_back_wrong_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = Path.write_bytes

    def truncated(self: Path, data: bytes) -> int:  # a disk that drops the end of what it is given
        return real_write(self, bytes(data)[: len(data) // 2])

    monkeypatch.setattr(Path, "write_bytes", truncated)
    with pytest.raises(GlossaryError, match="differs from the original"):
        write_verified_copy(b"x" * 1000, tmp_path / "w.backup-20250301-090000.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_only_this_hosts_dead_runs_temporary_files_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(dead.stdout)
    host = glossary.files._host()
    names = {
        "killed": f"{TEMPORARY_PREFIX}{host}-{dead_pid}-abc.glossary.xlsx",
        "running": f"{TEMPORARY_PREFIX}{host}-{os.getpid()}-abc.glossary.xlsx",
        "other host": f"{TEMPORARY_PREFIX}otherhost-{dead_pid}-abc.glossary.xlsx",
    }
    for name in names.values():
        (tmp_path / name).write_bytes(b"part of a workbook")
    (tmp_path / f"{TEMPORARY_PREFIX}{host}-{dead_pid}-folder").mkdir()

    remove_stale_temporaries(tmp_path)

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([names["running"], names["other host"]])


def test_a_cache_folder_the_user_may_not_read_is_as_if_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossary.cache import ResultStore

    store = ResultStore(tmp_path / "results")
    store.save("ab12", "summary", {"rows": 3})
    real_stat = Path.stat

    def denied(self: Path, **options: object) -> os.stat_result:
        if "results" in self.parts:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **options)

    monkeypatch.setattr(Path, "stat", denied)
    assert not store.has("ab12", "summary")


def test_a_cache_the_user_cannot_write_is_replaced_by_one_for_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossary.cache import default_store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_store() is not None
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # someone else's HOME
    assert default_store() is None


def _interrupts_ignored(task: int, shared: None) -> bool:
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


@pytest.mark.usefixtures("ctrl_c_delivered")
def test_pool_workers_leave_ctrl_c_to_the_parent() -> None:
    from glossary.extraction import LocalMapper

    assert list(LocalMapper(2).map(_interrupts_ignored, [1, 2, 3], None)) == [True, True, True]
    assert signal.getsignal(signal.SIGINT) != signal.SIG_IGN  # the parent still takes Ctrl-C


@pytest.mark.parametrize(
    ("command", "partial"),
    [
        (["inspect"], True),
        (["extract"], True),
        (["align"], True),
        (["consistency"], True),
        (["export"], False),
        (["termlist"], False),
        (["import"], False),
        (["evaluate"], False),
        (["cache", "info"], False),
        (["cache", "clear"], False),
    ],
)
def test_every_help_gives_the_exit_codes_its_command_can_return(command: list[str], partial: bool) -> None:
    """Exit code 1 is promised only by commands that finish with some input unused; the others warn
    about what they leave out and exit 0 (a test of termlist's and import's warnings says so)."""
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "Exit codes: 0 done" in text and "2 nothing done" in text and "130 interrupted" in text
    assert ("1 done, but some input had a problem" in text) == partial


@pytest.mark.parametrize(
    ("arguments", "code", "printed"),
    [
        (["--version"], 0, "glossary, version"),
        (["extract", "no-such-file.txt", "-o", "out.xlsx"], 2, "error: no-such-file.txt"),
        (["no-such-command"], 2, "No such command"),
    ],
)
def test_the_command_leaves_after_its_exit_handlers_with_its_exit_code(
    tmp_path: Path, arguments: list[str], code: int, printed: str
) -> None:
    """`glossary` skips the interpreter's teardown, not the exit handlers nor its output."""
    script = (
        "import atexit, sys\n"
        "from glossary.cli import run\n"
        "atexit.register(lambda: print('handlers ran', file=sys.stderr))\n"
        f"sys.argv = ['glossary', *{arguments!r}]\n"
        "print('buffered', end='')\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == code
    assert done.stdout.startswith("buffered")
    assert printed in done.stdout + done.stderr
    assert done.stderr.rstrip().endswith("handlers ran")
