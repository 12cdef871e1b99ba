"""Real journal issues in ../shared (never copied into the project): what `glossary inspect` finds in them.

Every test here skips when ../shared is absent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from glossary.cli.inspect import InspectReport, inspect_articles
from glossary.models import ArticleRecord

pytestmark = pytest.mark.shared

# Per file: (matched, Chinese only, English only, Chinese titles taken from running headers, Chinese
# abstracts). Checked by reading the files: 001 has four abstract labels and six English abstracts, two of
# whose articles lost their front matter but keep their titles in running headers and the end of their
# 提要 on the page after the article before; 002 has four abstract labels, one article known by its
# running header (its 提要's end kept in the same way), and seven English abstracts; 003 has one Chinese
# article and four English abstracts; 004 has seven articles, each with its English abstract at the end.
CORPUS = {
    "000": (1, 0, 0, 0, 1),
    "001": (6, 0, 0, 2, 6),
    "002": (5, 0, 2, 1, 5),
    "003": (1, 0, 3, 0, 1),
    "004": (7, 0, 0, 0, 7),
}
HEADER_NOTE = "Chinese title from a running header"
FRAGMENT_NOTE = "Chinese abstract: an unlabelled fragment"


@pytest.fixture(scope="module")
def corpus(shared: Path) -> InspectReport:
    folder = shared / "corpus"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    return inspect_articles([folder])


@pytest.fixture(scope="module")
def mineru(shared: Path) -> tuple[InspectReport, list[dict[str, object]]]:
    folder = shared / "eval" / "cn_journal_mineru_md"
    if not (folder / "raw_frontmatter.txt").is_file():
        pytest.skip(f"{folder} is absent")
    items = [
        json.loads(line) for line in (folder / "items.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    return inspect_articles([folder / "raw_frontmatter.txt"]), items


def by_file(report: InspectReport) -> dict[str, list[ArticleRecord]]:
    files: dict[str, list[ArticleRecord]] = {}
    for record in report.articles:
        files.setdefault(Path(record.file).name[:3], []).append(record)
    return files


def test_corpus_counts_per_file(corpus: InspectReport) -> None:
    assert corpus.problems == []
    found = {}
    for key, records in by_file(corpus).items():
        kinds = Counter("matched" if r.matched else ("zh" if r.zh else "en") for r in records)
        headers = sum(1 for r in records if r.zh and any(HEADER_NOTE in note for note in r.zh.notes))
        abstracts = sum(1 for r in records if r.zh and r.zh.abstract)
        found[key] = (kinds["matched"], kinds["zh"], kinds["en"], headers, abstracts)
    assert found == CORPUS


def test_corpus_abstract_fragments_start_their_articles(corpus: InspectReport) -> None:
    """The three articles known by their running headers get the surviving end of their 提要, and start
    where it does: after the end mark of the article before, before their own body."""
    fragments = [r for r in corpus.articles if r.zh and any(FRAGMENT_NOTE in note for note in r.zh.notes)]
    assert len(fragments) == 3
    for record in fragments:
        assert record.zh.lines["abstract"] < record.zh.lines["title"]
        assert 20 <= len(record.zh.abstract) <= 300
        assert "责任编辑" not in record.zh.abstract


def test_corpus_summary(corpus: InspectReport) -> None:
    matched = sum(counts[0] for counts in CORPUS.values())
    english = sum(counts[2] for counts in CORPUS.values())
    assert corpus.summary() == (
        f"5 file(s), {matched + english} article(s): {matched} matched, 0 Chinese only, "
        f"{english} English only; "
        "0 problem(s)"
    )


def test_corpus_pairs_agree_on_authors(corpus: InspectReport) -> None:
    """Where both sides name authors, every Chinese author is on the English byline of the partner."""
    checked = 0
    for record in corpus.articles:
        if record.matched and record.zh.authors and record.en.authors:
            assert record.match is not None
            assert (
                f"authors {len(record.zh.authors)}/{len(record.zh.authors)} by pinyin"
                in record.match.evidence
            )
            checked += 1
    assert checked >= 15


def test_corpus_english_only_articles_have_abstracts(corpus: InspectReport) -> None:
    for record in corpus.articles:
        if record.en and not record.zh:
            assert len(record.en.abstract) > 500
            assert record.en.title and record.en.authors


# --- the MinerU Markdown front matter --------


def test_mineru_front_matter(mineru: tuple[InspectReport, list[dict[str, object]]]) -> None:
    report, items = mineru
    assert report.problems == []
    chinese = [record for record in report.articles if record.zh]
    assert len(chinese) == len(items) == 16
    assert all(record.zh.keywords for record in chinese)
    assert sum(record.matched for record in chinese) >= 15


def test_mineru_against_the_parsed_records(mineru: tuple[InspectReport, list[dict[str, object]]]) -> None:
    """items.jsonl holds the same front matter parsed by hand: titles and Chinese keywords agree."""
    report, items = mineru
    chinese = [record for record in report.articles if record.zh]
    for record, item in zip(chinese, items, strict=True):
        assert record.zh.title == str(item["title_zh"]).removesuffix("\\*")  # the footnote mark is dropped
        assert record.zh.keywords == item["keywords_zh"]
        assert record.en is not None
        assert len(record.en.keywords) == len(item["keywords_en"])  # type: ignore[arg-type]


def test_mineru_english_keywords_carry_nothing_from_the_next_line(
    mineru: tuple[InspectReport, list[dict[str, object]]],
) -> None:
    report, _ = mineru
    keywords = [keyword for record in report.articles if record.en for keyword in record.en.keywords]
    assert not [keyword for keyword in keywords if re.search(r"=====|ID:\d", keyword)]
