"""Errors that reach the user as one line naming the file and the problem."""

from __future__ import annotations

from dataclasses import dataclass


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
