"""From the paths a user gives to article records: reading -> front matter -> matching."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from glossary.errors import Problem
from glossary.frontmatter import abstract_fragment, find_front_matter
from glossary.lexicon import Lexicon, english_stems, glossed_words, load_lexicon
from glossary.matching import match_front_matter
from glossary.models import ArticleRecord, Document
from glossary.progress import Progress, counted, step
from glossary.reading import read_documents

MIN_FRAGMENT_COVERAGE = 0.5  # of its words the English abstract translates (whole abstracts: 0.55-0.85)
FRAGMENT_MARGIN = 0.1  # ... and more than of the body text after it, which is on the same subject
FRAGMENT_NOTE = (
    "Chinese abstract: an unlabelled fragment at the start of the article (the rest of its 提要 was lost in "
    "extraction), taken because the English abstract translates it better than the body after it"
)


@dataclass
class Issue:
    """One input file: its normalised text and the articles found in it."""

    document: Document
    records: list[ArticleRecord]

    def article_at(self, paragraph: int) -> str:
        """The id of the article a paragraph belongs to: the last whose Chinese front matter precedes it."""
        positions, records = self._starts
        index = bisect.bisect_right(positions, paragraph) - 1
        return records[index].id if index >= 0 else ""

    @cached_property
    def _starts(self) -> tuple[list[int], list[ArticleRecord]]:
        """The articles with Chinese front matter in the order they start, computed once rather than per
        paragraph asked about (ids are read from the records: they are renumbered over a run)."""
        starts = sorted(
            ((record.zh.position, number, record) for number, record in enumerate(self.records) if record.zh),
            key=lambda start: start[:2],
        )
        return [position for position, _, _ in starts], [record for _, _, record in starts]


def read_issues(paths: list[Path], progress: Progress | None = None) -> tuple[list[Issue], list[Problem]]:
    """Every readable input with its article records; ids A1, A2, ... run over all inputs in order.

    A file that reads but holds no front matter is a problem too: it is not a journal issue we understand.
    """
    with step(progress, "reading"):
        documents, problems = read_documents(paths)
    issues: list[Issue] = []
    number = 0
    for document in counted(progress, "matching", documents):
        issue, problem = issue_of(document)
        problems.extend(problem)
        renumber(issue.records, number)
        number += len(issue.records)
        issues.append(issue)
    return issues, problems


def issue_of(document: Document) -> tuple[Issue, list[Problem]]:
    """One document's article records, numbered A1, A2, ... within it (see `renumber`)."""
    lexicon = load_lexicon()
    records = match_front_matter(document.name, find_front_matter(document), lexicon)
    attach_abstract_fragments(document, records, lexicon)
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


def read_articles(
    paths: list[Path], progress: Progress | None = None
) -> tuple[list[ArticleRecord], list[Problem]]:
    issues, problems = read_issues(paths, progress)
    return [record for issue in issues for record in issue.records], problems


def attach_abstract_fragments(document: Document, records: list[ArticleRecord], lexicon: Lexicon) -> None:
    """Give an article whose front matter was lost the surviving tail of its 提要, when there is one (see
    frontmatter.abstract_fragment) and its matched English abstract says that it is abstract, not body."""
    previous = -1
    for record in records:
        zh, en = record.zh, record.en
        if zh is None:
            continue
        if not zh.abstract and "abstract" not in zh.lines and en and en.abstract:
            fragment = abstract_fragment(document.paragraphs, zh, previous)
            if fragment:
                stems = english_stems(en.abstract)
                own = _translated_share(lexicon, fragment.text, stems)
                body = _translated_share(lexicon, fragment.body[: 2 * len(fragment.text)], stems)
                if own >= MIN_FRAGMENT_COVERAGE and own >= body + FRAGMENT_MARGIN:
                    zh.abstract = fragment.text
                    zh.lines["abstract"] = fragment.line
                    zh.position = fragment.position  # the article starts there, not at its first header
                    zh.notes.append(FRAGMENT_NOTE)
        previous = zh.position


def _translated_share(lexicon: Lexicon, zh: str, en_stems: set[str]) -> float:
    """Share of the dictionary words of `zh` that some word of the English translates."""
    glossed = glossed_words(lexicon, zh)
    return sum(1 for stems in glossed if stems & en_stems) / len(glossed) if glossed else 0.0
