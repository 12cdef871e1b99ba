"""`glossary export WORKBOOK --format FORMAT -o FILE`: the reviewed glossary for CAT and MT tools."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from glossary.cli.common import overwrite_option, report_errors, warn_problems
from glossary.errors import GlossaryError, Problem
from glossary.files import guard_output
from glossary.formats import FORMATS, Format
from glossary.formats.entries import build_entries, has_both_sides, top_renderings
from glossary.workbook import read_workbook

# --status -> the workbook statuses it exports
EXPORTED_STATUSES = {
    "approved": ("approved",),
    "candidate": ("approved", "candidate"),
    "all": ("approved", "candidate", "rejected"),
}


@dataclass
class ExportReport:
    entries: int  # Chinese terms written
    terms: int  # English renderings written
    format: str
    output: Path
    incomplete: int = 0  # selected rows without a Chinese or an English term, left out
    problems: list[Problem] = field(default_factory=list)  # what reading the workbook found to warn about


def export_glossary(
    workbook: Path, fmt: str, output: Path, status: str = "approved", overwrite: bool = False
) -> ExportReport:
    """Write the workbook's rows with the chosen statuses to `output` in format `fmt`.

    Raises GlossaryError, and writes nothing, when no row qualifies or `output` may not be written
    (see files.guard_output).
    """
    if fmt not in FORMATS:
        raise GlossaryError("", f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if status not in EXPORTED_STATUSES:
        raise GlossaryError("", f"unknown status {status!r}; choose one of {', '.join(EXPORTED_STATUSES)}")
    file_format = FORMATS[fmt]
    guard_output(output, [workbook], overwrite)
    problems: list[Problem] = []
    rows = read_workbook(workbook, problems).rows
    selected = [row for row in rows if row.status in EXPORTED_STATUSES[status]]
    entries = build_entries(selected)
    if file_format.best_rendering_only:
        entries = top_renderings(entries)
    if not entries:
        raise _nothing_to_export(workbook, status, file_format)
    file_format.write(output, entries)
    return ExportReport(
        entries=len(entries),
        terms=sum(len(entry.renderings) for entry in entries),
        format=fmt,
        output=output,
        incomplete=sum(not has_both_sides(row) for row in selected),
        problems=problems,
    )


def _nothing_to_export(workbook: Path, status: str, file_format: Format) -> GlossaryError:
    statuses = [
        name
        for name in EXPORTED_STATUSES[status]
        if not (name == "rejected" and file_format.best_rendering_only)
    ]
    problem = f"nothing to export: no {' or '.join(statuses)} row has both Chinese and English"
    if status == "approved":
        problem += "; mark rows approved in the Status column, or use --status candidate"
    return GlossaryError(str(workbook), problem)


_FORMAT_HELP = "\n".join(f"  {name:6} {file_format.summary}" for name, file_format in FORMATS.items())


@click.command(
    "export",
    help=f"""Export the reviewed glossary in WORKBOOK for CAT and MT tools.

\b
Formats:
{_FORMAT_HELP}

Several English renderings of one Chinese term go into one entry, best first: approved before
candidate, then by confidence. The first approved rendering is the preferred term; other approved
and candidate renderings are admitted terms; rejected ones (with --status all) are deprecated, so a
translator knows to avoid them. deepl takes one rendering per term and never a rejected one.

\b
--status approved   approved rows only (the default)
--status candidate  approved and candidate rows, for a glossary still under review
--status all        every row, rejected ones marked deprecated

The csv file starts with a UTF-8 byte-order mark so that Excel shows the Chinese; terms are written
exactly, so a term starting with =, +, - or @ may look like a formula if the file is double-clicked
in Excel (use Data > From Text/CSV). Read any of these files back with `glossary import`.""",
)
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", required=True, type=click.Choice(list(FORMATS)), help="File format to write."
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write.",
)
@click.option(
    "--status",
    type=click.Choice(list(EXPORTED_STATUSES)),
    default="approved",
    show_default=True,
    help="Which rows to export.",
)
@overwrite_option
@report_errors
def export_cli(workbook: Path, fmt: str, output: Path, status: str, overwrite: bool) -> None:
    report = export_glossary(workbook, fmt, output, status, overwrite)
    warn_problems(report.problems)
    if report.incomplete:
        left_out = f"rows left out because they lack the Chinese or the English: {report.incomplete}"
        warn_problems([Problem(str(workbook), left_out)])
    click.echo(f"{report.output}: {report.entries} Chinese terms, {report.terms} English renderings ({fmt})")
