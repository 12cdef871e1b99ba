"""From the paths a user gives to article records: reading -> front matter -> matching."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from glossary.errors import Problem
from glossary.frontmatter import find_front_matter
from glossary.lexicon import load_lexicon
from glossary.matching import match_front_matter
from glossary.models import ArticleRecord, Document
from glossary.progress import Progress, counted, step
from glossary.reading import read_documents


@dataclass
class Issue:
    """One input file: its normalised text and the articles found in it."""

    document: Document
    records: list[ArticleRecord]

    def article_at(self, paragraph: int) -> str:
        """The id of the article a paragraph belongs to: the last whose Chinese front matter precedes it."""
        starts = sorted((record.zh.position, record.id) for record in self.records if record.zh)
        index = bisect.bisect_right([start for start, _ in starts], paragraph) - 1
        return starts[index][1] if index >= 0 else ""


def read_issues(paths: list[Path], progress: Progress | None = None) -> tuple[list[Issue], list[Problem]]:
    """Every readable input with its article records; ids A1, A2, ... run over all inputs in order.

    A file that reads but holds no front matter is a problem too: it is not a journal issue we understand.
    """
    with step(progress, "reading"):
        documents, problems = read_documents(paths)
    lexicon = load_lexicon()
    issues: list[Issue] = []
    number = 0
    for document in counted(progress, "matching", documents):
        records = match_front_matter(document.name, find_front_matter(document), lexicon)
        if not records:
            problems.append(
                Problem(
                    document.name,
                    "no article front matter found (no 摘要/提要 or Abstract labels, no bylines)",
                )
            )
        for record in records:
            number += 1
            record.id = f"A{number}"
        issues.append(Issue(document, records))
    return issues, problems


def read_articles(
    paths: list[Path], progress: Progress | None = None
) -> tuple[list[ArticleRecord], list[Problem]]:
    issues, problems = read_issues(paths, progress)
    return [record for issue in issues for record in issue.records], problems
