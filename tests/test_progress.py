"""Progress: every long stage of extract, inspect and align is reported, drawn on a terminal only."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import main
from glossary.cli.align import align_articles
from glossary.cli.extract import extract
from glossary.cli.inspect import inspect_articles
from glossary.progress import TerminalProgress, counted, step

SAMPLE = Path(__file__).parent.parent / "samples" / "sample_issue.txt"


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr does in an interactive shell."""

    def isatty(self) -> bool:
        return True


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.calls.append((stage, done, total))

    def stages(self) -> list[str]:
        return list(dict.fromkeys(stage for stage, _, _ in self.calls))

    def each_started_and_ended(self) -> bool:
        return all(
            (stage, 0, total) in self.calls and (stage, total, total) in self.calls
            for stage, _, total in self.calls
        )


def test_a_terminal_gets_one_bar_per_stage_with_its_count() -> None:
    terminal = Terminal()
    with TerminalProgress(terminal) as progress:
        for _ in counted(progress, "alignment", ["A1", "A2", "A3"]):
            pass
        with step(progress, "writing"):
            pass

    lines = [line.rsplit("\r", 1)[-1] for line in terminal.getvalue().split("\n") if line]
    assert len(lines) == 2
    assert lines[0].startswith("\x1b[?25lalignment") and " 3/3 " in lines[0]
    assert lines[1].startswith("\x1b[?25lwriting") and " 1/1 " in lines[1]
    assert terminal.getvalue().endswith("\x1b[?25h\n")  # the cursor is given back


def test_a_stage_cut_short_still_ends_its_line() -> None:
    terminal = Terminal()
    with pytest.raises(RuntimeError), TerminalProgress(terminal) as progress:
        progress("pairing", 0, 4)
        raise RuntimeError("interrupted")

    assert terminal.getvalue().endswith("\x1b[?25h\n")


def test_nothing_is_drawn_when_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with TerminalProgress(stream) as progress:
        for _ in counted(progress, "alignment", ["A1", "A2"]):
            pass

    assert stream.getvalue() == ""


def test_extract_reports_every_stage_file_by_file(tmp_path: Path) -> None:
    recorder = Recorder()
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SAMPLE.read_bytes())

    extract([SAMPLE, copy], tmp_path / "glossary.xlsx", progress=recorder, cache=False)

    assert recorder.stages() == ["loading models", "reading files", "counting", "pairing", "writing"]
    assert recorder.each_started_and_ended()
    assert ("reading files", 1, 2) in recorder.calls  # file by file
    assert ("pairing", 1, 1) in recorder.calls  # the copy is the same document: left out


def test_inspect_and_align_report_their_stages(tmp_path: Path) -> None:
    inspecting, aligning = Recorder(), Recorder()

    inspect_articles([SAMPLE], inspecting)
    align_articles([SAMPLE], tmp_path / "abstracts.tmx", progress=aligning)

    assert inspecting.stages() == ["reading", "matching"]
    assert aligning.stages() == ["loading models", "alignment", "writing"]
    assert inspecting.each_started_and_ended() and aligning.each_started_and_ended()


@pytest.mark.parametrize("command", ["extract", "inspect", "align"])
def test_commands_print_no_bars_when_stderr_is_not_a_terminal(command: str, tmp_path: Path) -> None:
    output = {"extract": ["-o", str(tmp_path / "g.xlsx")], "align": ["-o", str(tmp_path / "a.tmx")]}

    result = CliRunner().invoke(main, [command, str(SAMPLE), *output.get(command, [])])

    assert result.exit_code == 0, result.output
    assert "[####" not in result.output and "\x1b[" not in result.output


def test_a_long_stage_that_reports_nothing_still_shows_its_time_running() -> None:
    terminal = Terminal()
    with TerminalProgress(terminal, tick=0.01) as progress:
        progress("pairing", 0, 1)  # one large file: nothing more until it is done
        for _ in range(500):
            if terminal.getvalue().count("\r") > 3:
                break
            time.sleep(0.01)
        progress("pairing", 1, 1)

    drawn = [line for line in terminal.getvalue().split("\r") if line.startswith("\x1b[?25lpairing")]
    assert len(drawn) > 3  # redrawn while the stage ran, its time going up
    times = [line.split("0/1")[-1].strip() for line in drawn if " 0/1 " in line]
    assert len(set(times)) >= 2 and all(time_shown.endswith(" s") for time_shown in times)
