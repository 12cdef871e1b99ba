"""`glossary extract`: journal files to a reviewed-glossary workbook."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from glossary.cli.common import EXIT_PROBLEMS, input_files, jobs_option, report_errors, warn_problems
from glossary.errors import GlossaryError, Problem, no_articles_error
from glossary.files import IGNORE_LOCK_OPTION, guard_output, refuse_if_open
from glossary.models import SOURCE_KINDS
from glossary.progress import Progress, TerminalProgress, step


@dataclass
class ExtractReport:
    output: Path
    articles: int
    matched: int
    rows: int
    by_source: Counter[str]
    seconds: dict[str, float]
    problems: list[Problem] = field(default_factory=list)
    merge: str = ""  # what carrying the reviewer's decisions over did, "" for a new workbook

    def summary(self) -> list[str]:
        sources = ", ".join(f"{self.by_source.get(kind, 0)} {kind}" for kind in SOURCE_KINDS)
        stages = ", ".join(f"{name} {value:.1f}s" for name, value in self.seconds.items() if name != "total")
        lines = [
            f"wrote {self.output}: {self.rows} rows from {self.articles} articles ({self.matched} matched)",
            f"pairs by source: {sources}",
            f"time {self.seconds.get('total', 0.0):.1f}s ({stages})",
        ]
        if self.merge:
            lines.insert(1, f"kept the reviewer's decisions: {self.merge}")
        return lines


def extract(
    paths: list[Path],
    output: Path,
    termlists: list[Path] | None = None,
    progress: Progress | None = None,
    senses: list[Path] | None = None,
    ignore_lock: bool = False,
    jobs: int = 1,
    cache: bool = True,
    scheduler: str | None = None,
) -> ExtractReport:
    """Extract term pairs from `paths` into the workbook `output`, merging with it if it exists.

    `senses` are files of dictionary senses (the termlist TSV form) added to CC-CEDICT's. `jobs` worker
    processes share the per-file work; `cache` keeps each input's results in the user's cache directory
    for the next run; `scheduler` is the address of a Dask scheduler to run the per-file work on.
    Raises GlossaryError when nothing usable was found, or `output` is an input of the run or open in
    a spreadsheet program (unless `ignore_lock`); and then writes nothing.
    """
    from glossary.cache import default_store
    from glossary.consistency import find_inconsistencies
    from glossary.distributed import DaskMapper
    from glossary.extraction import extract_pairs
    from glossary.review import save_glossary
    from glossary.rows import build_glossary
    from glossary.termlist_files import load_termlist, load_termlists

    started = time.perf_counter()
    termlists = termlists or []
    senses = senses or []
    guard_output(output, [*input_files(paths), *termlists, *senses], merging=True)
    refuse_if_open(output, ignore_lock)
    problems: list[Problem] = []
    known = load_termlists(termlists, problems=problems)
    own_senses = [
        (pair.zh, pair.en, pair.status) for path in senses for pair in load_termlist(path, problems)
    ]
    with DaskMapper.connected(scheduler) as mapper:
        extraction = extract_pairs(
            paths,
            known,
            progress,
            own_senses,
            jobs=jobs,
            store=default_store() if cache else None,
            mapper=mapper,
        )
    problems.extend(extraction.problems)
    records = extraction.records
    if not records:
        raise no_articles_error(paths, problems, "nothing written")
    glossary = build_glossary(
        extraction.pairs, records, extraction.frequencies, paths, termlists, time.perf_counter() - started
    )
    glossary.consistency = find_inconsistencies(extraction.pairs, records, known)
    if not glossary.rows:
        where = ", ".join(str(path) for path in paths)
        raise GlossaryError(where, f"{len(records)} article(s) but no term pairs found; nothing written")
    writing = time.perf_counter()
    with step(progress, "writing"):
        merge = save_glossary(output, glossary, known, problems, ignore_lock)
    seconds = {**extraction.seconds, "workbook": time.perf_counter() - writing}
    seconds["total"] = time.perf_counter() - started
    return ExtractReport(
        output=output,
        articles=len(records),
        matched=sum(record.matched for record in records),
        rows=merge.rows if merge else len(glossary.rows),
        by_source=extraction.pairs_by_source(),
        seconds=seconds,
        problems=problems,
        merge=merge.summary() if merge else "",
    )


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("glossary.xlsx"),
    show_default=True,
    help="Workbook to write; an existing one is merged, keeping every review decision.",
)
@click.option(
    "--termlist",
    "termlists",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Known pairs (TSV zh, en, note, status; or our TBX/CSV exports). Repeatable.",
)
@click.option(
    "--senses",
    "senses",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Dictionary senses to add to CC-CEDICT's (TSV zh, en, note, status; status rejected removes "
    "a sense). Evidence for pairing, not rows. Repeatable.",
)
@click.option(
    IGNORE_LOCK_OPTION,
    "ignore_lock",
    is_flag=True,
    help="Merge into the workbook even though a LibreOffice or Excel lock file says it is open.",
)
@jobs_option
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor keep per-input results in the cache (see `glossary cache`).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run the per-file work on a Dask cluster (tcp://host:8786); needs the `dask` extra.",
)
@report_errors
def extract_cli(
    paths: tuple[Path, ...],
    output: Path,
    termlists: tuple[Path, ...],
    senses: tuple[Path, ...],
    ignore_lock: bool,
    jobs: int,
    no_cache: bool,
    scheduler: str | None,
) -> None:
    """Extract Chinese-English term pairs from PATHS into a glossary workbook.

    Pairs come from keyword lists, titles, aligned abstract sentences, parenthetical glosses in the
    text and termlists; each row says which, with a Confidence in [0, 1]. Running again over an
    existing workbook keeps what its reviewer decided and backs the old file up beside it.
    """
    for termlist in termlists:
        if not termlist.is_file():
            raise GlossaryError(str(termlist), "no such termlist file")
    for path in senses:
        if not path.is_file():
            raise GlossaryError(str(path), "no such senses file")
    with TerminalProgress() as progress:
        report = extract(
            list(paths),
            output,
            list(termlists),
            progress=progress,
            senses=list(senses),
            ignore_lock=ignore_lock,
            jobs=jobs,
            cache=not no_cache,
            scheduler=scheduler,
        )
    warn_problems(report.problems)
    click.echo("\n".join(report.summary()))
    if report.problems:
        raise SystemExit(EXIT_PROBLEMS)
