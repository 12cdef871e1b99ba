"""`glossary termlist`: a reviewed workbook's decisions as a termlist for the next run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_review import Reviewer, review_first_run
from test_workbook import sample_glossary

from glossary.cli import main
from glossary.cli.termlist import write_termlist
from glossary.errors import GlossaryError
from glossary.review import save_glossary
from glossary.termlist_files import load_termlist


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    review_first_run(path)
    return path


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["termlist", *arguments])
    return result.exit_code, result.stdout, result.stderr


def test_approved_and_rejected_pairs_are_written(reviewed: Path, tmp_path: Path) -> None:
    output = tmp_path / "reviewed.tsv"

    code, out, err = run(str(reviewed), "-o", str(output))

    assert (code, err) == (0, "")
    assert out == f"{output}: 3 approved and 1 rejected pairs\n"
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "zh\ten\tnote\tstatus"
    assert sorted(lines[1:]) == sorted(
        [
            "全球安全倡议\tGlobal Security Initiative\t\tapproved",
            "全球安全倡议\tglobal security proposal\t\trejected",
            "人类命运共同体\tcommunity with a shared future for mankind\t\tapproved",
            "共同富裕\tcommon prosperity\tadded from the style guide\tapproved",
        ]
    )


def test_the_termlist_loads_as_known_pairs_for_the_next_run(reviewed: Path, tmp_path: Path) -> None:
    output = tmp_path / "reviewed.tsv"
    write_termlist(reviewed, output)

    pairs = {(pair.zh, pair.en): (pair.status, pair.note) for pair in load_termlist(output)}

    assert pairs[("全球安全倡议", "global security proposal")] == ("rejected", "")
    assert pairs[("共同富裕", "common prosperity")] == ("approved", "added from the style guide")


def test_notes_become_one_line_and_a_pair_met_twice_once(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    reviewer = Reviewer(path)
    reviewer.approve("数字经济", "digital economy")
    reviewer.set("数字经济", "digital economy", "Note", "see\tthe style guide,\nsection 2")
    reviewer.add("数字经济", "Digital Economy", "rejected", note="capitals only in titles")
    reviewer.save()
    output = tmp_path / "reviewed.tsv"

    report = write_termlist(path, output)

    assert output.read_text(encoding="utf-8").splitlines()[1:] == [
        "数字经济\tdigital economy\tsee the style guide, section 2; capitals only in titles\tapproved"
    ]
    assert report.contradictions == ["数字经济 / digital economy"]


def test_a_workbook_nobody_reviewed_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    output = tmp_path / "reviewed.tsv"

    code, _, err = run(str(path), "-o", str(output))

    assert code == 2
    assert err == (
        f"error: {path}: no approved or rejected rows to write: set Status in the Glossary sheet first\n"
    )
    assert not output.exists()


def test_a_bad_workbook_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    path.write_text("Chinese,English\n", encoding="utf-8")

    code, _, err = run(str(path), "-o", str(tmp_path / "reviewed.tsv"))

    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"error: {path}: not a readable .xlsx workbook")


def test_the_workbook_is_never_overwritten_by_the_termlist(reviewed: Path) -> None:
    before = reviewed.read_bytes()

    with pytest.raises(GlossaryError, match=r"give it a name ending in \.tsv"):
        write_termlist(reviewed, reviewed)

    assert reviewed.read_bytes() == before
