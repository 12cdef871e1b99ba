"""The review workbook: what it holds, how it looks to a reviewer, and reading it back after a save."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.formatting.rule import ColorScale

from glossary.errors import GlossaryError, Problem
from glossary.models import Glossary, GlossaryRow, RunInfo, SourceArticle
from glossary.workbook import EXCEL_CELL_LIMIT, read_workbook, write_workbook

REVIEW_HEADERS = ["Chinese", "English", "Status", "Confidence"]
CONTRACT_HEADERS = [
    *REVIEW_HEADERS,
    "Type",
    "Source",
    "Frequency",
    "Articles",
    "Chinese context",
    "English context",
    "Note",
    "Check",
    "Evidence",
    "Order",
]


def letters(sheet: object) -> dict[str, str]:
    """Header -> column letter of a sheet's first row."""
    return {cell.value: cell.column_letter for cell in sheet[1]}  # type: ignore[index]


GSI_ARTICLE = "A1 2024-03.txt: 全球安全倡议与新时代周边外交"
RURAL_ARTICLE = "A2 2024-03.txt: 数字经济赋能乡村振兴"


def pair(
    chinese: str,
    english: str,
    confidence: float = 0.9,
    type: str = "concept",
    sources: tuple[str, ...] = ("keywords",),
    frequency: int = 2,
    articles: tuple[str, ...] = (GSI_ARTICLE,),
    status: str = "candidate",
) -> GlossaryRow:
    """A row as the tool proposes it."""
    return GlossaryRow(
        chinese=chinese,
        english=english,
        confidence=confidence,
        type=type,
        sources=list(sources),
        frequency=frequency,
        articles=list(articles),
        chinese_context=f"本文讨论{chinese}。",
        english_context=f"This paper discusses the {english}.",
        status=status,
        extracted_english=english,
        extracted_type=type,
        evidence="keyword position 1",
    )


def sample_rows() -> list[GlossaryRow]:
    return [
        pair("全球安全倡议", "Global Security Initiative", 0.95, sources=("keywords", "title"), frequency=4),
        pair("全球安全倡议", "global security proposal", 0.41, sources=("abstract",)),
        pair(
            "人类命运共同体",
            "community of shared future for mankind",
            0.88,
            articles=(GSI_ARTICLE, RURAL_ARTICLE),
        ),
        pair("一带一路", "Belt and Road", 0.9, sources=("abstract", "parenthetical")),
        pair("高质量发展", "high quality development", 0.7, articles=(RURAL_ARTICLE,)),
        pair("数字经济", "digital economy", 0.93, articles=(RURAL_ARTICLE,)),
        pair("上海合作组织", "Shanghai Cooperation Organisation", 0.86, type="organization"),
    ]


def sample_glossary(rows: list[GlossaryRow] | None = None) -> Glossary:
    articles = [
        SourceArticle(
            "A1",
            "2024-03.txt",
            "全球安全倡议与新时代周边外交",
            "The Global Security Initiative and Neighbourhood Diplomacy",
            "王明",
            "WANG Ming",
            "zh+en",
        ),
        SourceArticle("A2", "2024-03.txt", "数字经济赋能乡村振兴", "", "陈晓东", "", "zh only"),
    ]
    run = RunInfo("2025-02-03T10:15:00", "0.1.0", ["corpus/2024-03.txt"], ["my-terms.tsv"], 3.5)
    return Glossary(sample_rows() if rows is None else rows, articles, run)


def test_a_workbook_reads_back_as_written(tmp_path: Path) -> None:
    glossary = sample_glossary()
    path = tmp_path / "glossary.xlsx"
    write_workbook(path, glossary)

    back = read_workbook(path)

    assert back.rows == glossary.rows
    assert back.articles == glossary.articles
    assert back.run == glossary.run
    assert back.ledger == {(row.chinese, row.english): "candidate" for row in glossary.rows}


def test_the_glossary_sheet_is_laid_out_for_review(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    write_workbook(path, sample_glossary())
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Glossary"]

    headers = [cell.value for cell in sheet[1]]
    column = letters(sheet)
    assert headers[:4] == REVIEW_HEADERS
    assert set(CONTRACT_HEADERS) <= set(headers)
    assert workbook.sheetnames[:3] == ["Glossary", "Sources", "Summary"]
    assert workbook["Ledger"].sheet_state == "veryHidden"  # Excel offers no way to unhide it
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}{len(sample_rows()) + 1}"
    assert sheet.column_dimensions[column["Extracted English"]].hidden
    assert sheet[column["Chinese context"] + "2"].alignment.wrap_text

    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"candidate,approved,rejected"'
    assert str(validation.sqref).startswith("C2:C")  # Status, third

    rules = {str(ranges.sqref): [rule for rule in ranges.rules] for ranges in sheet.conditional_formatting}
    confidence_rules = next(found for sqref, found in rules.items() if sqref.startswith("D2:D"))
    assert isinstance(confidence_rules[0].colorScale, ColorScale)
    check_formulas = {formula for found in rules.values() for rule in found for formula in rule.formula}
    assert f"LEN(${column['Check']}2)>0" in check_formulas  # a row with a Check is highlighted
    assert "$A2<>$A1" in check_formulas  # a line above each new Chinese term


def test_rows_of_a_term_stay_together_in_the_order_given(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    write_workbook(path, sample_glossary())
    sheet = openpyxl.load_workbook(path)["Glossary"]

    column = [sheet.cell(row, 2).value for row in range(2, 4)]

    assert column == ["Global Security Initiative", "global security proposal"]
    column = letters(sheet)
    assert sheet[column["Source"] + "2"].value == "keywords, title"
    assert sheet[column["Articles"] + "4"].value == f"{GSI_ARTICLE}\n{RURAL_ARTICLE}"
    assert [sheet[column["Order"] + str(row)].value for row in range(2, 5)] == [None, None, None]


def test_sources_and_summary_sheets_describe_the_run(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    write_workbook(path, sample_glossary())
    workbook = openpyxl.load_workbook(path)

    sources = [[cell.value for cell in row] for row in workbook["Sources"].iter_rows(min_row=2)]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if row and row[0]}

    assert sources[1][:4] == ["A2", "2024-03.txt", "数字经济赋能乡村振兴", None]
    assert summary["Tool version"] == "0.1.0"
    assert summary["Termlist"] == "my-terms.tsv"
    assert summary["keywords"] == 5
    assert summary["organization"] == 1
    assert summary["candidate"] == 7


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+86 10 1234", "-ism", "@home"])
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "glossary.xlsx"
    row = pair("主义", text)
    row.note = text
    write_workbook(path, sample_glossary([row]))

    sheet = openpyxl.load_workbook(path)["Glossary"]
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()

    assert (sheet["B2"].value, sheet["B2"].data_type) == (text, "s")
    note = sheet[letters(sheet)["Note"] + "2"]
    assert (note.value, note.data_type) == (text, "s")
    assert "<f>" not in sheet_xml
    assert not [name for name in names if "externalLink" in name]
    assert read_workbook(path).rows[0].english == text


def test_text_a_cell_cannot_hold_is_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    row = pair("数字经济", "digital\x01economy")
    row.chinese_context = "数字\x1f经济\ud800"
    row.english_context = "x" * (EXCEL_CELL_LIMIT + 10)
    write_workbook(path, sample_glossary([row]))

    back = read_workbook(path).rows[0]

    assert back.english == "digital economy"
    assert back.chinese_context == "数字 经济"
    assert len(back.english_context) == EXCEL_CELL_LIMIT


def build_sheet(path: Path, table: list[list[object]], sheet_name: str = "Glossary") -> None:
    """A workbook as another program, or a reviewer, might leave it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    for values in table:
        sheet.append(values)
    workbook.save(path)


def test_reading_forgives_what_a_reviewer_and_their_spreadsheet_do(tmp_path: Path) -> None:
    path = tmp_path / "saved.xlsx"
    build_sheet(
        path,
        [
            [
                "Status",
                "english ",
                "Chinese",
                "Frequency",
                "Confidence",
                "Type",
                "Note",
                "Extracted English",
                "Domain",
            ],
            [
                " Approved ",
                "Global Security Initiative",
                "全球安全倡议",
                "4",
                "0,95",
                "Concept",
                None,
                "GSI",
                "security",
            ],
            [None, None, None, None, None, None, None, None, None],
            ["REJECT", "global security proposal", "全球安全倡议", 1.0, 0.41, "organisation", "", "", None],
            ["maybe later", "common prosperity", "共同富裕", None, None, None, "my own row", None, None],
        ],
    )

    problems: list[Problem] = []
    rows = read_workbook(path, problems).rows

    assert [(row.chinese, row.status) for row in rows] == [
        ("全球安全倡议", "approved"),
        ("全球安全倡议", "rejected"),
        ("共同富裕", "maybe later"),  # a word Status does not know is kept as written, and reported
    ]
    assert [str(problem) for problem in problems] == [
        f"{path}: Glossary row 5: Status 'maybe later' is none of approved, rejected, candidate; "
        "the row is kept as reviewed with the text as written, and left out of exports"
    ]
    first, second, third = rows
    assert (first.frequency, first.confidence, first.type) == (4, 0.95, "concept")
    assert first.extracted_english == "GSI"
    assert first.reviewer_columns == {"Domain": "security"}
    assert second.type == "organization"
    assert (third.note, third.extracted_english, third.type) == ("my own row", "", "other")


def test_a_sheet_without_the_extracted_column_takes_its_english_as_proposed(tmp_path: Path) -> None:
    path = tmp_path / "saved.xlsx"
    build_sheet(path, [["Chinese", "English", "Status"], ["数字经济", "digital economy", "approved"]])

    (row,) = read_workbook(path).rows

    assert row.extracted_english == "digital economy"


def test_columns_a_reviewer_added_are_written_back_after_ours(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    rows = sample_rows()[:2]
    rows[1].reviewer_columns = {"Domain": "security", "Asked": "Li"}
    write_workbook(path, sample_glossary(rows))

    headers = [cell.value for cell in openpyxl.load_workbook(path)["Glossary"][1]]

    assert headers[-2:] == ["Domain", "Asked"]
    assert [row.reviewer_columns for row in read_workbook(path).rows] == [
        {},
        {"Domain": "security", "Asked": "Li"},
    ]


def _not_a_zip(path: Path) -> None:
    path.write_bytes(b"Chinese\tEnglish\n\xe5\x85\xa8\n")


def _broken_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook")


def _not_ours(path: Path) -> None:
    build_sheet(path, [["Name", "Amount"], ["tea", 3]], sheet_name="Budget")


def _no_status_column(path: Path) -> None:
    build_sheet(path, [["Chinese", "English", "Note"], ["数字经济", "digital economy", ""]])


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_not_a_zip, "not a readable .xlsx workbook"),
        (_broken_zip, "not a readable .xlsx workbook"),
        (_not_ours, "not a glossary workbook: it has no 'Glossary' sheet"),
        (_no_status_column, "the Glossary sheet has no 'Status' column in its first row"),
    ],
)
def test_a_workbook_that_cannot_be_used_is_reported_and_left_alone(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "glossary.xlsx"
    make(path)
    before = path.read_bytes()

    with pytest.raises(GlossaryError) as raised:
        read_workbook(path)

    assert raised.value.where == str(path)
    assert raised.value.problem.startswith(reason)
    assert "\n" not in str(raised.value)
    assert path.read_bytes() == before


def test_a_missing_workbook_is_reported(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="no such file"):
        read_workbook(tmp_path / "absent.xlsx")
