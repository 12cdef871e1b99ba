"""Errors that reach the user as one line naming the file and the problem."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class GlossaryError(Exception):
    """A problem the user can act on; the CLI prints it as one line and exits non-zero."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


@dataclass
class Problem:
    """A file that could not be used, while the rest of the run goes on."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def no_articles_error(
    paths: Sequence[Path], problems: Sequence[Problem], consequence: str = ""
) -> GlossaryError:
    """No journal article in `paths`: named by the one problem that explains it, else by the paths with
    the first three problems."""
    found = "no journal articles found" + (f", {consequence}" if consequence else "")
    if len(problems) == 1:
        return GlossaryError(problems[0].where, f"{problems[0].problem}; {found}")
    where = ", ".join(str(path) for path in paths)
    if not problems:
        return GlossaryError(where, found)
    listed = "; ".join(str(problem) for problem in problems[:3]) + ("; ..." if len(problems) > 3 else "")
    return GlossaryError(where, f"{found} ({listed})")
