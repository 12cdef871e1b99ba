"""`glossary consistency`: the Chinese terms the articles render in more than one way."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from glossary.cli.common import EXIT_PROBLEMS, input_files, overwrite_option, report_errors, warn_problems
from glossary.errors import Problem
from glossary.files import guard_output
from glossary.progress import Progress, TerminalProgress, step

if TYPE_CHECKING:
    from glossary.consistency import ConsistencyReport


def report_consistency(
    paths: list[Path],
    termlists: list[Path] | None = None,
    output: Path | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> ConsistencyReport:
    """The terms the articles in `paths` render in more than one way, checked against the shipped
    termlists and `termlists`; also written to the workbook `output` when given.

    Raises GlossaryError, writing nothing, when no article is found or `output` may not be written: never
    an input, never a glossary workbook, an existing file only with `overwrite`."""
    from glossary.consistency import check_consistency
    from glossary.termlist_files import load_termlists
    from glossary.workbook import write_consistency_workbook

    termlists = termlists or []
    if output is not None:
        guard_output(output, [*input_files(paths), *termlists], overwrite)
    problems: list[Problem] = []
    known = load_termlists(termlists, problems=problems)
    report = check_consistency(paths, known, progress)
    report.problems[:0] = problems
    if output is not None:
        with step(progress, "writing"):
            write_consistency_workbook(output, report.inconsistencies)
    return report


@click.command("consistency")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--termlist",
    "termlists",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A house termlist whose approved renderings are shown beside the ones used. Repeatable.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the report as a workbook (sheet Consistency).",
)
@overwrite_option
@report_errors
def consistency_cli(
    paths: tuple[Path, ...], termlists: tuple[Path, ...], output: Path | None, overwrite: bool
) -> None:
    """List the Chinese terms that the articles in PATHS render in more than one way.

    For each term: its renderings with how often and in which articles (file, title) each is used, the
    termlist's approved rendering, and an example of each. The shipped termlists are always consulted.
    """
    from glossary.consistency import render

    with TerminalProgress() as progress:
        report = report_consistency(list(paths), list(termlists), output, overwrite, progress)
    warn_problems(report.problems)
    click.echo("\n".join(render(report.inconsistencies)))
    found = (
        f"{len(report.inconsistencies)} term(s) rendered more than one way in {report.articles} article(s)"
    )
    click.echo(found + (f"; written to {output}" if output else ""))
    if report.problems:
        raise SystemExit(EXIT_PROBLEMS)
