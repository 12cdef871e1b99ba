"""`glossary inspect`: what the tool finds in journal files, article by article."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from glossary.cli.common import EXIT_FAILED, EXIT_PROBLEMS, report_errors, warn_problems
from glossary.display import table
from glossary.errors import Problem
from glossary.models import ArticleRecord
from glossary.progress import Progress, TerminalProgress


@dataclass
class InspectReport:
    articles: list[ArticleRecord]
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for record in self.articles:
            counts["matched" if record.matched else ("zh_only" if record.zh else "en_only")] += 1
        return counts

    def summary(self) -> str:
        counts = self.counts()
        files = len({record.file for record in self.articles})
        return (
            f"{files} file(s), {len(self.articles)} article(s): {counts['matched']} matched, "
            f"{counts['zh_only']} Chinese only, {counts['en_only']} English only; "
            f"{len(self.problems)} problem(s)"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "articles": [record.to_json() for record in self.articles],
            "problems": [{"file": problem.where, "problem": problem.problem} for problem in self.problems],
        }


def inspect_articles(paths: list[Path], progress: Progress | None = None) -> InspectReport:
    """Read `paths` (files or folders) and return every article record found, with the problems met."""
    from glossary.articles import read_articles

    articles, problems = read_articles(paths, progress)
    return InspectReport(articles=articles, problems=problems)


HEADERS = ["id", "match", "kw zh/en", "abstract zh/en", "Chinese title", "English title"]
WIDTHS = [4, 7, 8, 14, 40, 48]


def render(report: InspectReport) -> list[str]:
    lines: list[str] = []
    files = list(dict.fromkeys(record.file for record in report.articles))
    for file in files:
        records = [record for record in report.articles if record.file == file]
        matched = sum(record.matched for record in records)
        lines.append(f"{file}: {len(records)} article(s), {matched} matched")
        rows = [_row(record) for record in records]
        lines.extend("  " + line for line in table(HEADERS, rows, WIDTHS))
        lines.append("")
    lines.append(report.summary())
    return lines


def _row(record: ArticleRecord) -> list[str]:
    zh, en = record.zh, record.en
    match = f"{record.match.score:.2f}" if record.match else ("zh only" if zh else "en only")
    keywords = f"{len(zh.keywords) if zh else '-'}/{len(en.keywords) if en else '-'}"
    abstracts = f"{len(zh.abstract) if zh else '-'}/{len(en.abstract) if en else '-'}"
    return [record.id, match, keywords, abstracts, zh.title if zh else "", en.title if en else ""]


@click.command("inspect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the article records as JSON.")
@report_errors
def inspect_cli(paths: tuple[Path, ...], as_json: bool) -> None:
    """Show the articles found in PATHS (files or folders of .txt, .md, .pdf, .docx).

    For each article: its Chinese and English titles, whether the two sides were matched (and how
    sure), keyword counts and abstract lengths. A file that could not be used is a `warning:` while
    other files give articles (exit code 1), an `error:` when no file gives any (exit code 2).
    """
    with TerminalProgress() as progress:
        report = inspect_articles(list(paths), progress)
    if report.articles:
        warn_problems(report.problems)
    else:
        for problem in report.problems:
            click.echo(f"error: {problem}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(render(report)))
    if not report.articles:
        raise SystemExit(EXIT_FAILED)
    if report.problems:
        raise SystemExit(EXIT_PROBLEMS)
