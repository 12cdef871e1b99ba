"""`glossary extract` on the shipped sample: the workbook contract, sources, types, re-runs, errors."""

import itertools
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from glossary.cli import main
from glossary.cli.extract import extract
from glossary.workbook import read_workbook

SAMPLE = Path(__file__).parent.parent / "samples" / "sample_issue.txt"
REVIEW_COLUMNS = ["Chinese", "English", "Status", "Confidence"]
COLUMNS = [
    *REVIEW_COLUMNS, "Type", "Source", "Frequency", "Articles", "Chinese context", "English context", "Note",
    "Check", "Evidence", "Order",
]  # fmt: skip


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("extract") / "glossary.xlsx"
    report = extract([SAMPLE], output)
    assert report.articles == 3 and report.matched == 2
    return output


def rows_by_pair(path: Path) -> dict[tuple[str, str], object]:
    return {(row.chinese, row.english): row for row in read_workbook(path).rows}


def test_header_contract(workbook: Path) -> None:
    sheet = openpyxl.load_workbook(workbook, read_only=True)["Glossary"]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[: len(REVIEW_COLUMNS)] == REVIEW_COLUMNS
    assert set(COLUMNS) <= set(header)


def test_pairs_from_every_source(workbook: Path) -> None:
    rows = rows_by_pair(workbook)
    theory = rows[("前景理论", "prospect theory")]
    assert {"keywords", "title", "abstract", "parenthetical"} <= set(theory.sources)
    assert theory.confidence > 0.9 and theory.status == "candidate"
    assert rows[("卡尼曼", "Daniel Kahneman")].type == "person"
    assert rows[("国际原子能机构", "IAEA")].type == "acronym"
    assert "termlist" in rows[("安全赤字", "security deficit")].sources
    assert ("全球安全倡议", "Global Security Initiative") in rows
    assert rows[("美国对华政策", "US policy toward China")].articles[0].startswith("A2 ")
    assert not any(chinese in ("中国", "发展") for chinese, _ in rows)


def test_rows_of_a_term_are_together_best_first(workbook: Path) -> None:
    rows = read_workbook(workbook).rows
    seen: list[str] = []
    for previous, row in itertools.pairwise(rows):
        if row.chinese != previous.chinese:
            assert row.chinese not in seen, f"{row.chinese} appears in two places"
            seen.append(previous.chinese)
        else:
            assert row.confidence <= previous.confidence


def test_not_glosses_are_not_rows(workbook: Path) -> None:
    assert not any("2019" in english for _, english in rows_by_pair(workbook))


def test_rerun_keeps_decisions_and_backs_up(tmp_path: Path) -> None:
    output = tmp_path / "glossary.xlsx"
    runner = CliRunner()
    assert runner.invoke(main, ["extract", str(SAMPLE), "-o", str(output)]).exit_code == 0
    book = openpyxl.load_workbook(output)
    sheet = book["Glossary"]
    header = [cell.value for cell in sheet[1]]
    chinese, status = header.index("Chinese"), header.index("Status")
    for row in sheet.iter_rows(min_row=2):
        if row[chinese].value == "卡尼曼":
            row[status].value = "rejected"
        if row[chinese].value == "前景理论":
            row[status].value = "approved"
    book.save(output)
    result = runner.invoke(main, ["extract", str(SAMPLE), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "kept the reviewer's decisions" in result.output
    rows = rows_by_pair(output)
    assert rows[("卡尼曼", "Daniel Kahneman")].status == "rejected"
    assert rows[("前景理论", "prospect theory")].status == "approved"
    assert len(list(tmp_path.glob("glossary.backup-*.xlsx"))) == 1


def test_termlist_rejection_suppresses_and_approval_is_kept(tmp_path: Path) -> None:
    termlist = tmp_path / "ours.tsv"
    termlist.write_text(
        "zh\ten\tnote\tstatus\n框架效应\tframing effect\t\trejected\n风险偏好\trisk appetite\t\tapproved\n"
    )
    output = tmp_path / "glossary.xlsx"
    result = CliRunner().invoke(
        main, ["extract", str(SAMPLE), "-o", str(output), "--termlist", str(termlist)]
    )
    assert result.exit_code == 0, result.output
    rows = rows_by_pair(output)
    assert ("框架效应", "framing effect") not in rows
    assert rows[("风险偏好", "risk appetite")].confidence >= 0.95


def test_senses_files_add_and_take_away_dictionary_senses(workbook: Path, tmp_path: Path) -> None:
    assert ("中国方案", "Chinese solution") in rows_by_pair(workbook)  # 方案 `solution`, a shipped sense
    senses = tmp_path / "senses.tsv"
    senses.write_text("zh\ten\tnote\tstatus\n方案\tsolution\tnot in our field\trejected\n", encoding="utf-8")
    output = tmp_path / "glossary.xlsx"
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "-o", str(output), "--senses", str(senses)])
    assert result.exit_code == 0, result.output
    rows = rows_by_pair(output)
    assert ("中国方案", "Chinese solution") not in rows
    assert ("集团对抗", "bloc confrontation") in rows  # the other senses stay


def test_summary_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "-o", str(tmp_path / "g.xlsx")])
    assert result.exit_code == 0
    assert "rows from 3 articles (2 matched)" in result.output
    assert "pairs by source:" in result.output and "parenthetical" in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["extract", "no-such-file.txt"], "no such file or directory"),
        (["extract", str(SAMPLE), "--termlist", "missing.tsv"], "missing.tsv: no such termlist file"),
        (["extract", str(SAMPLE), "--senses", "missing.tsv"], "missing.tsv: no such senses file"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, arguments: list[str], message: str) -> None:
    output = tmp_path / "glossary.xlsx"
    result = CliRunner().invoke(main, [*arguments, "-o", str(output)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


def test_corrupt_existing_workbook_is_left_untouched(tmp_path: Path) -> None:
    output = tmp_path / "glossary.xlsx"
    output.write_bytes(b"not a workbook")
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "-o", str(output)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and str(output) in result.output
    assert output.read_bytes() == b"not a workbook"
