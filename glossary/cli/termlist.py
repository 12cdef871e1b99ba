"""`glossary termlist WORKBOOK -o FILE.tsv`: a reviewed workbook's decisions as a termlist."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from glossary import termlist_files
from glossary.cli.common import FINISH_OR_STOP_EXIT_CODES_HELP, overwrite_option, report_errors, warn_problems
from glossary.errors import GlossaryError, Problem
from glossary.files import guard_output
from glossary.formats.entries import single_line
from glossary.models import GlossaryRow, KnownPair
from glossary.review import loose_key
from glossary.workbook import read_workbook

DECIDED = ("approved", "rejected")


@dataclass
class TermlistReport:
    approved: int = 0
    rejected: int = 0
    incomplete: int = 0  # approved or rejected rows without Chinese or English, left out
    contradictions: list[str] = field(
        default_factory=list
    )  # pairs both approved and rejected: written approved
    problems: list[Problem] = field(default_factory=list)  # what reading the workbook found to warn about


@dataclass
class _Entry:
    zh: str
    en: str
    status: str
    notes: list[str]


def write_termlist(workbook: Path, output: Path, overwrite: bool = False) -> TermlistReport:
    """Write the workbook's approved and rejected pairs to `output` as a UTF-8 TSV (zh, en, note, status).

    Raises GlossaryError, writing nothing, when there is no decided pair or `output` may not be written
    (see files.guard_output)."""
    workbook, output = Path(workbook), Path(output)
    if output.suffix.casefold() in (".xlsx", ".xlsm"):
        raise GlossaryError(str(output), "the termlist is a TSV file; give it a name ending in .tsv")
    guard_output(output, [workbook], overwrite)
    report = TermlistReport()
    rows = read_workbook(workbook, report.problems).rows
    entries: dict[tuple[str, str], _Entry] = {}
    for row in rows:
        if row.status not in DECIDED:
            continue
        if not row.chinese or not row.english:
            report.incomplete += 1
            continue
        _add(entries, row, report)
    if not entries:
        raise GlossaryError(
            str(workbook), "no approved or rejected rows to write: set Status in the Glossary sheet first"
        )
    pairs = [
        KnownPair(entry.zh, entry.en, "; ".join(entry.notes), entry.status) for entry in entries.values()
    ]
    termlist_files.write_termlist(output, pairs)
    report.approved = sum(pair.status == "approved" for pair in pairs)
    report.rejected = len(pairs) - report.approved
    return report


def _add(entries: dict[tuple[str, str], _Entry], row: GlossaryRow, report: TermlistReport) -> None:
    """One decided row into the termlist; a pair met again adds its note, approval wins over rejection."""
    key = loose_key(row.chinese, row.english)
    note = single_line(row.note)
    entry = entries.get(key)
    if entry is None:
        entries[key] = _Entry(
            single_line(row.chinese), single_line(row.english), row.status, [note] if note else []
        )
        return
    if entry.status != row.status:
        report.contradictions.append(f"{entry.zh} / {entry.en}")
        entry.status = "approved"
    if note and note not in entry.notes:
        entry.notes.append(note)


@click.command("termlist", epilog=FINISH_OR_STOP_EXIT_CODES_HELP)
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The TSV file to write (zh, en, note, status); pass it to `glossary extract --termlist`.",
)
@overwrite_option
@report_errors
def termlist_cli(workbook: Path, output: Path, overwrite: bool) -> None:
    """Write the approved and rejected pairs of a reviewed WORKBOOK as a termlist."""
    report = write_termlist(workbook, output, overwrite)
    warn_problems(report.problems)
    for pair in report.contradictions:
        click.echo(
            f"warning: {workbook}: {pair} is both approved and rejected; written as approved", err=True
        )
    if report.incomplete:
        click.echo(
            f"warning: {workbook}: {report.incomplete} decided rows lack Chinese or English; left out",
            err=True,
        )
    click.echo(f"{output}: {report.approved} approved and {report.rejected} rejected pairs")
