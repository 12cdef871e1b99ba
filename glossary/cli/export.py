"""`glossary export WORKBOOK --format FORMAT -o FILE`: the reviewed glossary for CAT and MT tools."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import click

from glossary.cli.common import FINISH_OR_STOP_EXIT_CODES_HELP, overwrite_option, report_errors, warn_problems
from glossary.errors import GlossaryError, Problem
from glossary.files import guard_output
from glossary.formats import FORMATS
from glossary.formats.entries import build_entries, has_both_sides, top_renderings
from glossary.formats.options import DEFAULT_EN_LANG, DEFAULT_ZH_LANG, ExportOptions, checked_language_tag
from glossary.workbook import read_workbook

# --status -> the workbook statuses it exports
EXPORTED_STATUSES = {
    "approved": ("approved",),
    "candidate": ("approved", "candidate"),
    "all": ("approved", "candidate", "rejected"),
}
Command = TypeVar("Command", bound=Callable[..., object])


def language_options(command: Command) -> Command:
    """--zh-lang and --en-lang: the language tags every export and `align` write (one tag everywhere)."""
    command = click.option(
        "--en-lang",
        default=DEFAULT_EN_LANG,
        show_default=True,
        help="Language tag of the English side (en-US, en-GB, ...).",
    )(command)
    return click.option(
        "--zh-lang",
        default=DEFAULT_ZH_LANG,
        show_default=True,
        help="Language tag of the Chinese side (zh, zh-CN, zh-TW, zh-Hans, ...); match your CAT project.",
    )(command)


@dataclass
class ExportReport:
    entries: int  # Chinese terms written
    terms: int  # English renderings written
    format: str
    output: Path
    incomplete: int = 0  # selected rows without a Chinese or an English term, left out
    problems: list[Problem] = field(default_factory=list)  # what reading the workbook found to warn about
    candidates_left_out: int = 0  # deepl: unreviewed renderings kept out for want of --deepl-candidates


def export_glossary(
    workbook: Path,
    fmt: str,
    output: Path,
    status: str = "approved",
    overwrite: bool = False,
    options: ExportOptions | None = None,
    deepl_candidates: bool = False,
) -> ExportReport:
    """Write the workbook's rows with the chosen statuses to `output` in format `fmt`.

    DeepL applies its glossary as binding, so `deepl` takes candidates only with `deepl_candidates`.
    Raises GlossaryError, and writes nothing, when no row qualifies or `output` may not be written
    (see files.guard_output).
    """
    options = options or ExportOptions()
    if fmt not in FORMATS:
        raise GlossaryError("", f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if status not in EXPORTED_STATUSES:
        raise GlossaryError("", f"unknown status {status!r}; choose one of {', '.join(EXPORTED_STATUSES)}")
    checked_language_tag(options.zh_lang, "zh")
    checked_language_tag(options.en_lang, "en")
    file_format = FORMATS[fmt]
    guard_output(output, [workbook], overwrite)
    problems: list[Problem] = []
    rows = read_workbook(workbook, problems).rows
    selected = [row for row in rows if row.status in EXPORTED_STATUSES[status]]
    wanted = EXPORTED_STATUSES[status]
    if file_format.best_rendering_only:  # never a rejected rendering; candidates only when asked
        wanted = tuple(
            name for name in wanted if name == "approved" or (name, deepl_candidates) == ("candidate", True)
        )
    left_out = sum(
        row.status == "candidate" and has_both_sides(row) for row in selected if "candidate" not in wanted
    )
    selected = [row for row in selected if row.status in wanted]
    entries = build_entries(selected)
    if file_format.best_rendering_only:
        entries = top_renderings(entries)
    if not entries:
        raise _nothing_to_export(workbook, status, wanted)
    file_format.write(output, entries, options)
    return ExportReport(
        entries=len(entries),
        terms=sum(len(entry.renderings) for entry in entries),
        format=fmt,
        output=output,
        incomplete=sum(not has_both_sides(row) for row in selected),
        problems=problems,
        candidates_left_out=left_out,
    )


def _nothing_to_export(workbook: Path, status: str, statuses: tuple[str, ...]) -> GlossaryError:
    problem = f"nothing to export: no {' or '.join(statuses)} row has both Chinese and English"
    if status == "approved":
        problem += "; mark rows approved in the Status column, or use --status candidate"
    return GlossaryError(str(workbook), problem)


_FORMAT_HELP = "\n".join(f"  {name:10} {file_format.summary}" for name, file_format in FORMATS.items())


@click.command(
    "export",
    epilog=FINISH_OR_STOP_EXIT_CODES_HELP,
    help=f"""Export the reviewed glossary in WORKBOOK for CAT and MT tools.

\b
Formats (which tool reads which):
{_FORMAT_HELP}

Several English renderings of one Chinese term go into one entry, best first: approved before
candidate, then by confidence. Every rendering carries its own status, readable in every format
and read back by `glossary import` as what it was: the first approved rendering is preferred,
other approved ones admitted (approved alternatives), candidates are marked "candidate, not
reviewed" (in TBX: no administrative status, and a note saying so), rejected ones deprecated. An
entry keeps the same id (zh- and a hash of the Chinese term) in every run and every export.

\b
--status approved   approved rows only (the default)
--status candidate  approved and candidate rows, for a glossary still under review
--status all        every row, rejected ones marked deprecated

deepl takes one rendering per term, never a rejected one, and approved ones only unless
--deepl-candidates says otherwise: DeepL applies every entry as binding.

The tbx file names an XCS that declares its languages; it is written beside the file
(TBXBasic-ZH_LANG-EN_LANG.xcs): keep the two together for the TBX Checker.

In tsv, csv, memoq and deepl files a cell that starts with = + - @, a tab or a carriage return (or their
full-width forms) gets a leading apostrophe, so that a spreadsheet shows it as text instead of
running it as a formula; `glossary import` reads the escaped cells back exactly. --exact-cells
writes them unescaped, for a tool that needs the exact text and never goes through a spreadsheet.
(xlsx cells are text cells that never run as formulas, and keep their exact text.)""",
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
@language_options
@click.option(
    "--exact-cells",
    is_flag=True,
    help="Write delimited cells exactly, even those a spreadsheet would run as formulas (unsafe to open).",
)
@click.option(
    "--deepl-candidates",
    is_flag=True,
    help="deepl: let unreviewed candidates in (with --status candidate or all); DeepL makes them binding.",
)
@overwrite_option
@report_errors
def export_cli(
    workbook: Path,
    fmt: str,
    output: Path,
    status: str,
    zh_lang: str,
    en_lang: str,
    exact_cells: bool,
    deepl_candidates: bool,
    overwrite: bool,
) -> None:
    options = ExportOptions(zh_lang=zh_lang, en_lang=en_lang, exact_cells=exact_cells)
    report = export_glossary(workbook, fmt, output, status, overwrite, options, deepl_candidates)
    warn_problems(report.problems)
    if report.incomplete:
        left_out = f"rows left out because they lack the Chinese or the English: {report.incomplete}"
        warn_problems([Problem(str(workbook), left_out)])
    if report.candidates_left_out:
        left_out = (
            f"{report.candidates_left_out} candidate rows left out of the DeepL glossary, which DeepL"
            " applies as binding; add --deepl-candidates to include them"
        )
        warn_problems([Problem(str(workbook), left_out)])
    click.echo(f"{report.output}: {report.entries} Chinese terms, {report.terms} English renderings ({fmt})")
