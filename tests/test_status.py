"""Status words as reviewers type them: any case, spaces, punctuation, full-width, English or Chinese."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from test_review import Reviewer
from test_workbook import sample_glossary

from glossary.cli import main
from glossary.cli.export import export_glossary
from glossary.cli.termlist import write_termlist
from glossary.errors import Problem
from glossary.review import save_glossary
from glossary.status import read_status
from glossary.termlist_files import load_termlist
from glossary.workbook import read_workbook

APPROVED = ["approved", "Approved", " approved ", "Approved.", "ａｐｐｒｏｖｅｄ", "APPROVE", "appr",
            "ok", "OK!", "yes", "y", "✓", "✔", "√",
            "通过", "已审核", "批准", "采纳", "通过。", "ｏｋ"]  # fmt: skip
REJECTED = ["rejected", "Rejected", "reject", "REJ", "x", "X", "ｘ", "✗", "✘", "×", "no", "n", "delete",
            "否", "不通过", "拒绝", "驳回", "删除", "rejected!"]  # fmt: skip
CANDIDATE = ["", "candidate", " Candidate ", "cand", "待审核"]
UNKNOWN = ["maybe", "ask Li", "?", "done", "ap", "审", "ok?", "通过？", "approved ?"]


@pytest.mark.parametrize("typed", APPROVED)
def test_approve_words(typed: str) -> None:
    assert read_status(typed).status == "approved" and read_status(typed).known


@pytest.mark.parametrize("typed", REJECTED)
def test_reject_words(typed: str) -> None:
    assert read_status(typed).status == "rejected" and read_status(typed).known


@pytest.mark.parametrize("typed", CANDIDATE)
def test_candidate_words(typed: str) -> None:
    assert read_status(typed).status == "candidate" and read_status(typed).known


@pytest.mark.parametrize("typed", UNKNOWN)
def test_other_words_are_kept_as_written_and_not_read_as_candidate(typed: str) -> None:
    reading = read_status(f" {typed} ")
    assert reading == type(reading)(typed, known=False)


def typed_statuses(tmp_path: Path) -> Path:
    """A first-run workbook whose reviewer typed Status words of their own."""
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    reviewer = Reviewer(path)
    reviewer.set("全球安全倡议", "Global Security Initiative", "Status", "通过")
    reviewer.set("全球安全倡议", "global security proposal", "Status", "ｘ")
    reviewer.set("一带一路", "Belt and Road", "Status", "ask Li")
    reviewer.set("数字经济", "digital economy", "Status", "Approved.")
    reviewer.save()
    return path


def test_a_rerun_reads_the_words_and_keeps_an_unknown_one_with_its_row(tmp_path: Path) -> None:
    path = typed_statuses(tmp_path)
    problems: list[Problem] = []
    save_glossary(path, sample_glossary(), [], problems)

    rows = {(row.chinese, row.english): row.status for row in read_workbook(path).rows}
    assert rows["全球安全倡议", "Global Security Initiative"] == "approved"
    assert rows["全球安全倡议", "global security proposal"] == "rejected"
    assert rows["数字经济", "digital economy"] == "approved"
    assert rows["一带一路", "Belt and Road"] == "ask Li"  # the reviewer's text, on its row
    [problem] = problems
    assert "Status 'ask Li'" in problem.problem and problem.problem.startswith("Glossary row ")


def test_export_and_termlist_read_the_same_words_and_name_the_unknown_one(tmp_path: Path) -> None:
    path = typed_statuses(tmp_path)
    report = export_glossary(path, "tsv", tmp_path / "out.tsv")
    assert report.entries == 2  # 全球安全倡议 and 数字经济; "ask Li" is not exported
    assert len(report.problems) == 1

    termlist = tmp_path / "reviewed.tsv"
    write_termlist(path, termlist)
    assert {(pair.zh, pair.en, pair.status) for pair in load_termlist(termlist)} == {
        ("全球安全倡议", "Global Security Initiative", "approved"),
        ("全球安全倡议", "global security proposal", "rejected"),
        ("数字经济", "digital economy", "approved"),
    }

    result = CliRunner().invoke(main, ["termlist", str(path), "-o", str(tmp_path / "again.tsv")])
    assert result.exit_code == 0
    assert "Status 'ask Li'" in result.stderr and result.stderr.startswith("warning: ")


def test_the_status_dropdown_lets_a_reviewer_type_other_words(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    [validation] = openpyxl.load_workbook(path)["Glossary"].data_validations.dataValidation
    assert validation.formula1 == '"candidate,approved,rejected"'
    assert validation.errorStyle == "warning"  # a stop would refuse the ok, x and 通过 read above
