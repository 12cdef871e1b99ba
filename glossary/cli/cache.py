"""`glossary cache`: what the per-input cache holds, and emptying it."""

from __future__ import annotations

import shutil

import click

from glossary.cache import cache_dir
from glossary.cli.common import FINISH_OR_STOP_EXIT_CODES_HELP, report_errors
from glossary.errors import GlossaryError


@click.group("cache", epilog=FINISH_OR_STOP_EXIT_CODES_HELP)
def cache_cli() -> None:
    """The cache of per-input results and pre-built model data ($XDG_CACHE_HOME/glossary or
    ~/.cache/glossary). It only makes runs faster: deleting it loses nothing."""


@cache_cli.command("info", epilog=FINISH_OR_STOP_EXIT_CODES_HELP)
@report_errors
def info_cli() -> None:
    """Print where the cache is, how many entries it holds and their size."""
    directory = cache_dir()
    files = [path for path in directory.rglob("*") if path.is_file()] if directory.is_dir() else []
    size = sum(path.stat().st_size for path in files)
    results = sum(1 for path in files if path.suffix == ".summary")
    click.echo(f"{directory}: {results} input file(s) cached, {len(files)} entries, {size / 2**20:.1f} MiB")


@cache_cli.command("clear", epilog=FINISH_OR_STOP_EXIT_CODES_HELP)
@report_errors
def clear_cli() -> None:
    """Delete everything in the cache (the next run rebuilds what it needs)."""
    directory = cache_dir()
    if not directory.exists():
        click.echo(f"{directory}: already empty")
        return
    try:
        shutil.rmtree(directory)
    except OSError as error:
        raise GlossaryError(str(directory), f"cannot delete: {error.strerror or error}") from None
    click.echo(f"{directory}: cleared")
