"""The `glossary` command. Each subcommand lives in its own module and is imported only when used."""

from __future__ import annotations

import atexit
import importlib
import os
import sys

import click

from glossary import __version__

# command name -> "module:attribute" of its click command
COMMANDS = {
    "inspect": "glossary.cli.inspect:inspect_cli",
    "extract": "glossary.cli.extract:extract_cli",
    "evaluate": "glossary.cli.evaluate:evaluate_cli",
    "termlist": "glossary.cli.termlist:termlist_cli",
    "export": "glossary.cli.export:export_cli",
    "import": "glossary.cli.import_:import_cli",
    "align": "glossary.cli.align:align_cli",
    "consistency": "glossary.cli.consistency:consistency_cli",
    "cache": "glossary.cli.cache:cache_cli",
}


class LazyGroup(click.Group):
    """Loads a subcommand's module on demand, so `glossary --help` does not load spaCy."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        from glossary.cli.common import EXIT_CODES_HELP

        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        command.epilog = command.epilog or EXIT_CODES_HELP
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="glossary")
def main() -> None:
    """Turn Chinese academic journals into a reviewed Chinese-English glossary."""


def run() -> None:
    """The `glossary` command: `main`, then out of the process as soon as its exit handlers have run and
    its output is flushed, without the interpreter freeing every object one by one (the models of a run
    are millions of objects: a tenth of a second at exit, for memory the system takes back anyway)."""
    code: object = 0
    try:
        main()
    except SystemExit as done:
        code = done.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as the interpreter reports sys.exit("...")
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
