"""What every command shares: one-line errors, warnings, exit codes."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from glossary.errors import GlossaryError, Problem
from glossary.files import OVERWRITE_HELP, OVERWRITE_OPTION

P = ParamSpec("P")
R = TypeVar("R")

# Every command's exit codes, here only (README "Exit codes" and every command's --help say them).
EXIT_DONE = 0
EXIT_PROBLEMS = 1  # the run finished but some input could not be used
EXIT_FAILED = 2  # nothing useful was done (an error line says why), also click's usage errors
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT), 128 + 2 as shells report it
EXIT_CODES_HELP = (
    f"Exit codes: {EXIT_DONE} done; {EXIT_PROBLEMS} done, but some input had a problem (a warning line "
    f"names each); {EXIT_FAILED} nothing done (one error line says why); {EXIT_INTERRUPTED} interrupted "
    "(Ctrl-C), no file left half-written."
)
# For the commands that either finish or stop (export, termlist, import, evaluate, cache): a row or entry
# they leave out is a warning line, and the run still counts as done.
FINISH_OR_STOP_EXIT_CODES_HELP = (
    f"Exit codes: {EXIT_DONE} done (a warning line names each row or entry left out); {EXIT_FAILED} "
    f"nothing done (one error line says why); {EXIT_INTERRUPTED} interrupted (Ctrl-C), no file left "
    "half-written."
)


def report_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a GlossaryError, or a file error no check foresaw, into `error: <file>: <problem>` on stderr
    and exit code 2, and Ctrl-C into exit code 130; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except GlossaryError as error:
            click.echo(f"error: {error}", err=True)
            raise SystemExit(EXIT_FAILED) from None
        except KeyboardInterrupt:
            click.echo("error: interrupted; no file was left half-written", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"error: {where}{error.strerror or error}", err=True)
            raise SystemExit(EXIT_FAILED) from None

    return wrapper


overwrite_option = click.option(OVERWRITE_OPTION, "overwrite", is_flag=True, help=OVERWRITE_HELP)
jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="the machine's cores",
    help="Worker processes for the per-file work (1: all in this process).",
)


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The files a run over `paths` (files and folders) reads, for telling an output from an input."""
    from glossary.reading import expand_paths

    return [file for file, _ in expand_paths(list(paths))[0]]


def warn_problems(problems: Iterable[Problem]) -> int:
    """Print each problem as a warning; return how many there were."""
    count = 0
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
        count += 1
    return count
