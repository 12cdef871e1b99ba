"""A glossary grows issue by issue: the next issue into the same workbook keeps the earlier ones."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import TIYAO_ISSUE
from test_review import Reviewer
from test_workbook import pair, sample_glossary

from glossary.cli import main
from glossary.models import SourceArticle
from glossary.review import EARLIER_INPUT, merge_review
from glossary.workbook import read_workbook

SAMPLE = Path(__file__).parent.parent / "samples" / "sample_issue.txt"


def extract(*arguments: Path) -> Result:
    return CliRunner().invoke(main, ["extract", *map(str, arguments)])


def issues(tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "2024-1.txt"
    shutil.copy(SAMPLE, first)
    second = tmp_path / "2024-2.txt"
    second.write_text(TIYAO_ISSUE, encoding="utf-8")
    return first, second


def test_the_next_issue_keeps_the_earlier_issues_candidates_and_sources(tmp_path: Path) -> None:
    first, second = issues(tmp_path)
    workbook = tmp_path / "glossary.xlsx"
    assert extract(first, "-o", workbook).exit_code == 0
    before = read_workbook(workbook)
    reviewer = Reviewer(workbook)
    approved = before.rows[0]
    reviewer.approve(approved.chinese, approved.english)
    reviewer.save()

    result = extract(second, "-o", workbook)

    assert result.exit_code == 0, result.output
    after = read_workbook(workbook)
    pairs = {(row.chinese, row.english): row for row in after.rows}
    assert {(row.chinese, row.english) for row in before.rows} <= set(pairs)
    assert pairs[approved.chinese, approved.english].status == "approved"
    files = [article.file for article in after.articles]
    assert set(files) == {str(first), str(second)}
    assert [article.id for article in after.articles] == [f"A{n}" for n in range(1, len(files) + 1)]
    carried = [row for row in after.rows if EARLIER_INPUT in row.check.split("; ")]
    candidates = sum(row.status == "candidate" for row in carried)
    assert candidates >= len(carried) - 1  # all but the approved row, if this run does not find it
    ids = {article.id: article.file for article in after.articles}
    for row in carried:  # their article labels point at the earlier issue's renumbered Sources rows
        assert {ids[label.split()[0]] for label in row.articles} == {str(first)}
        assert all(label.split()[1] == f"{first.name}:" for label in row.articles)
    assert f"{candidates} carried" in result.output


def test_running_the_first_issue_again_does_not_double_its_sources(tmp_path: Path) -> None:
    first, second = issues(tmp_path)
    workbook = tmp_path / "glossary.xlsx"
    extract(first, "-o", workbook)
    extract(second, "-o", workbook)
    grown = read_workbook(workbook)
    assert extract(first, "-o", workbook).exit_code == 0
    again = read_workbook(workbook)
    assert sorted(article.file for article in again.articles) == sorted(a.file for a in grown.articles)
    assert {(row.chinese, row.english) for row in again.rows} == {(r.chinese, r.english) for r in grown.rows}
    assert not any(row.check == EARLIER_INPUT and str(first) in row.articles[0] for row in again.rows)


def test_an_input_that_yields_nothing_never_rewrites_the_workbook(tmp_path: Path) -> None:
    first, _ = issues(tmp_path)
    workbook = tmp_path / "glossary.xlsx"
    extract(first, "-o", workbook)
    saved = workbook.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("这一期没有文章。\n", encoding="utf-8")

    result = extract(empty, "-o", workbook)

    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "nothing written" in result.stderr
    assert workbook.read_bytes() == saved
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "2024-1.txt",
        "2024-2.txt",
        "empty.txt",
        "glossary.xlsx",
    ]


def test_a_termlist_pair_without_articles_stays_while_earlier_inputs_do() -> None:
    termlist_only = replace(pair("旧金山愿景", "San Francisco vision", articles=()), sources=["termlist"])
    previous = sample_glossary([pair("全球安全倡议", "Global Security Initiative"), termlist_only])
    previous.ledger = {(row.chinese, row.english): "candidate" for row in previous.rows}
    next_issue = SourceArticle("A1", "2024-05.txt", "新发展格局", "", "", "", "zh only")
    fresh = replace(sample_glossary([pair("新发展格局", "new development paradigm")]), articles=[next_issue])

    merged, report = merge_review(previous, fresh, [])
    assert ("旧金山愿景", "San Francisco vision") in {(row.chinese, row.english) for row in merged.rows}
    assert report.carried == 2

    same_inputs = sample_glossary([pair("新发展格局", "new development paradigm")])
    merged, report = merge_review(previous, same_inputs, [])  # the same inputs, read again
    assert ("旧金山愿景", "San Francisco vision") not in {(row.chinese, row.english) for row in merged.rows}
    assert report.dropped == 2
