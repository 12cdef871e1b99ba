"""`glossary import FILE... [-o OUT.tsv]`: read termlists from CAT tools, or our own exports, back in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from glossary.cli.common import FINISH_OR_STOP_EXIT_CODES_HELP, overwrite_option, report_errors, warn_problems
from glossary.errors import GlossaryError, Problem
from glossary.files import guard_output
from glossary.models import KNOWN_STATUSES, KnownPair
from glossary.termlist_files import read_termlist, skipped_message, write_termlist


@dataclass
class FileSummary:
    path: Path
    layout: str  # how the file was read, e.g. "TBX 2008 (martif)"
    by_status: dict[str, int]  # approved / alias / rejected -> pairs
    skipped: int  # entries without both a Chinese and an English term

    @property
    def pairs(self) -> int:
        return sum(self.by_status.values())


@dataclass
class ImportReport:
    files: list[FileSummary]
    pairs: list[KnownPair]  # every file's pairs in order, repeats of the same zh, en and status dropped
    repeats: int = 0
    output: Path | None = None
    problems: list[Problem] = field(default_factory=list)


def import_termlists(paths: list[Path], output: Path | None, overwrite: bool = False) -> ImportReport:
    """Read every file (any format load_termlist knows); with `output`, write the pairs as a termlist TSV.

    A file that cannot be read, or an `output` that may not be written (see files.guard_output), raises
    GlossaryError before anything is written.
    """
    if output is not None:
        guard_output(output, paths, overwrite)
    files: list[FileSummary] = []
    pairs: dict[tuple[str, str, str], KnownPair] = {}
    repeats = 0
    problems: list[Problem] = []
    for path in paths:
        reading = read_termlist(path)
        counts = Counter(pair.status for pair in reading.pairs)
        files.append(
            FileSummary(
                path, reading.layout, {status: counts[status] for status in KNOWN_STATUSES}, reading.skipped
            )
        )
        if reading.skipped:
            problems.append(Problem(str(path), skipped_message(reading.skipped)))
        for pair in reading.pairs:
            key = (pair.zh, pair.en, pair.status)
            repeats += key in pairs
            pairs.setdefault(key, pair)
    if not pairs:
        raise GlossaryError("", "no Chinese-English pairs in " + ", ".join(str(path) for path in paths))
    if output is not None:
        write_termlist(output, list(pairs.values()))
    return ImportReport(
        files=files, pairs=list(pairs.values()), repeats=repeats, output=output, problems=problems
    )


@click.command("import", epilog=FINISH_OR_STOP_EXIT_CODES_HELP)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the pairs here as a termlist TSV (zh, en, note, status), for `glossary extract --termlist`.",
)
@overwrite_option
@report_errors
def import_cli(files: tuple[Path, ...], output: Path | None, overwrite: bool) -> None:
    """Read termlists and glossaries: TBX (2008 or v3, e.g. from MultiTerm, memoQ, Phrase), CSV or TSV
    (with a header naming zh/en columns, or columns zh, en, note, status), OmegaT and DeepL glossaries,
    memoQ term base CSV, term base XLSX, and every `glossary export` format. Prints what each file
    holds; with -o, writes them as one termlist.

    Every export reads back as what the workbook said: preferred terms become approved pairs,
    admitted and superseded ones alias, unreviewed candidates candidate, deprecated and forbidden
    ones rejected. Cells escaped against formula injection read back exactly. XML that declares
    entities is refused.
    """
    report = import_termlists(list(files), output, overwrite)
    for summary in report.files:
        counts = ", ".join(f"{count} {status}" for status, count in summary.by_status.items() if count)
        click.echo(f"{summary.path}: {summary.layout}: {counts or 'no pairs'}")
    warn_problems(report.problems)
    if report.repeats:
        click.echo(f"pairs repeated within or across files, kept once: {report.repeats}")
    if report.output is not None:
        click.echo(f"{report.output}: {_pairs(len(report.pairs))} written")


def _pairs(count: int) -> str:
    return f"{count} pair{'' if count == 1 else 's'}"
