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


def read_issues(paths: list[Path]) -> tuple[list[Issue], list[Problem]]:
    """Every readable input with its article records; ids A1, A2, ... run over all inputs in order.

    A file that reads but holds no front matter is a problem too: it is not a journal issue we understand.
    """
    documents, problems = read_documents(paths)
    issues: list[Issue] = []
    number = 0
    for document in documents:
        issue, problem = issue_of(document)
        problems.extend(problem)
        renumber(issue.records, number)
        number += len(issue.records)
        issues.append(issue)
    return issues, problems


def issue_of(document: Document) -> tuple[Issue, list[Problem]]:
    """One document's article records, numbered A1, A2, ... within it (see `renumber`)."""
    records = match_front_matter(document.name, find_front_matter(document), load_lexicon())
    for number, record in enumerate(records, start=1):
        record.id = f"A{number}"
    if records:
        return Issue(document, records), []
    problem = "no article front matter found (no 摘要/提要 or Abstract labels, no bylines)"
    return Issue(document, records), [Problem(document.name, problem)]


def renumber(records: list[ArticleRecord], before: int) -> None:
    """Number the records of one file after the `before` records of the files given before it."""
    for record in records:
        record.id = global_article_id(record.id, before)


def global_article_id(local: str, before: int) -> str:
    """`A2` of a file after 7 articles is `A9`; "" (no article) stays ""."""
    return f"A{int(local[1:]) + before}" if local else ""


def read_articles(paths: list[Path]) -> tuple[list[ArticleRecord], list[Problem]]:
    issues, problems = read_issues(paths)
    return [record for issue in issues for record in issue.records], problems
