"""`glossary align`: the titles and abstracts of matched articles, sentence by sentence, as TMX."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from glossary.cli.common import (
    EXIT_PROBLEMS,
    input_files,
    jobs_option,
    overwrite_option,
    report_errors,
    warn_problems,
)
from glossary.cli.export import language_options
from glossary.errors import GlossaryError, Problem
from glossary.files import guard_output
from glossary.formats.options import ExportOptions, checked_language_tag
from glossary.progress import Progress, TerminalProgress, step


@dataclass
class AlignReport:
    articles: int
    matched: int
    units: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)

    def summary(self, output: Path) -> str:
        return (
            f"{self.articles} article(s), {self.matched} matched: {self.units} unit(s) written to {output} "
            f"in {self.seconds:.1f} s"
        )


def align_articles(
    paths: list[Path],
    output: Path,
    overwrite: bool = False,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> AlignReport:
    """Align the title and abstract sentences of every matched article in `paths` and write them to `output`.

    Raises GlossaryError, writing nothing, when no article has both a Chinese and an English side or
    `output` may not be written (see files.guard_output).
    """
    from glossary.extraction import align_inputs
    from glossary.formats.tmx import write_tmx

    guard_output(output, input_files(paths), overwrite)
    started = time.perf_counter()
    records, units, problems = align_inputs(paths, jobs, progress)
    matched = [record for record in records if record.matched]
    if not matched:
        found = f"{len(records)} article(s) found, none with both Chinese and English front matter"
        if problems:
            found += f"; {len(problems)} input problem(s), the first: {problems[0]}"
        raise GlossaryError("", f"no matched articles ({found}); nothing written")
    # A TMX is shared: each unit names its article by file name and title, never the local folder.
    labels = {record.id: Path(record.file).name + record.label[len(record.file) :] for record in matched}
    with step(progress, "writing"):
        written = write_tmx(output, units, labels, options)
    return AlignReport(len(records), len(matched), written, time.perf_counter() - started, problems)


@click.command("align")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("abstracts.tmx"),
    show_default=True,
    help="The TMX file to write.",
)
@language_options
@overwrite_option
@jobs_option
@report_errors
def align_cli(
    paths: tuple[Path, ...], output: Path, zh_lang: str, en_lang: str, overwrite: bool, jobs: int
) -> None:
    """Align the titles and abstracts of the articles in PATHS (files or folders) as a TMX file.

    Each matched article gives one translation unit for its title and one for each group of abstract
    sentences that translate each other.
    """
    options = ExportOptions(checked_language_tag(zh_lang, "zh"), checked_language_tag(en_lang, "en"))
    with TerminalProgress() as progress:
        report = align_articles(list(paths), output, overwrite, options, progress, jobs)
    warn_problems(report.problems)
    click.echo(report.summary(output))
    if report.problems:
        raise SystemExit(EXIT_PROBLEMS)
