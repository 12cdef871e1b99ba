"""The big sheets' rows, which the workbook writes as XML text itself: readers must see what openpyxl's
own cells would have given them."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from test_workbook import letters, pair, sample_glossary

from glossary.contexts import marked
from glossary.workbook import (
    BOLD,
    EXCEL_CELL_LIMIT,
    LINE_HEIGHT,
    TEXT,
    WRAPPED,
    CellValue,
    Column,
    Marked,
    _named_styles,
    _Reader,
    _row_height,
    _sheet_rows,
    _write_rows,
    clean_text,
    number_cell,
    read_workbook,
    text_cell,
    write_workbook,
)

COLUMNS = (
    Column("Term", 12, wrap=True),
    Column("Kind", 10),
    Column("Context", 30, wrap=True),
    Column("Score", 11, number_format="0.00"),
    Column("Count", 10, number_format="0"),
)
# Text an XML writer must escape or keep, in every kind of cell.
AWKWARD = [
    ("数字经济", "concept", Marked("发展数字经济是关键。", "数字经济"), 0.93, 4),
    (" padded ", "   ", Marked("  the digital economy, and <more> & so on  ", "digital economy"), 0.5, 0),
    ("=SUM(A1)", "+86", Marked("=数字经济的作用", "数字经济"), 1.0, 12),
    ("a\r\nb", "-ism", Marked("no term in here\nsecond line", "absent"), 0.125, 1),
    ("\x01bad\ud800", "@home", Marked("x" * (EXCEL_CELL_LIMIT + 5), "x"), 0.0, 7),
    ("emoji 😀 𠀀", "", Marked("数字经济", "数字经济"), 0.333, 3),
    ("", "quote \" ' ]]>", Marked("", "数字经济"), 2.5, 100000),
    ("\t", " ", Marked("  digital economy  ", "digital economy"), -1.5, -3),
]


def openpyxl_cells(sheet: object, columns: Sequence[Column], values: Sequence[CellValue]) -> list[object]:
    """The cells openpyxl itself would write for a row: named styles, quote prefix, the term in bold."""
    cells: list[object] = []
    for column, value in zip(columns, values, strict=True):
        style = WRAPPED if column.wrap else TEXT
        if isinstance(value, Marked):
            cell = text_cell(sheet, value.text, style)  # type: ignore[arg-type]
            pieces = marked(clean_text(value.text), value.term)
            if any(is_term for _, is_term in pieces):
                cell.value = CellRichText(
                    [TextBlock(BOLD, piece) if bold else piece for piece, bold in pieces]
                )
            cells.append(cell)
        elif isinstance(value, str):
            cells.append(text_cell(sheet, value, style))  # type: ignore[arg-type]
        else:
            cells.append(number_cell(sheet, value, column.number_format))  # type: ignore[arg-type]
    return cells


def saved(fill: object) -> bytes:
    workbook = Workbook(write_only=True)
    for style in _named_styles():
        workbook.add_named_style(style)
    fill(workbook.create_sheet("Sheet"))  # type: ignore[operator]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def canonical(xml: bytes) -> bytes:
    """The XML as its content: the same for a character written as itself or as a reference."""
    return etree.tostring(etree.fromstring(xml), method="c14n")


def test_the_rows_are_the_xml_openpyxl_writes_for_the_same_cells() -> None:
    def by_openpyxl(sheet: object) -> None:
        sheet.append([text_cell(sheet, column.header, "Glossary header") for column in COLUMNS])  # type: ignore[attr-defined,arg-type]
        for number, values in enumerate(AWKWARD, 2):
            height = _row_height(COLUMNS, values)
            if height is not None:
                sheet.row_dimensions[number].height = height  # type: ignore[attr-defined]
            sheet.append(openpyxl_cells(sheet, COLUMNS, values))  # type: ignore[attr-defined]

    ours, theirs = saved(lambda sheet: _write_rows(sheet, COLUMNS, AWKWARD)), saved(by_openpyxl)

    sheet = "xl/worksheets/sheet1.xml"
    assert canonical(part(ours, sheet)) == canonical(part(theirs, sheet))
    assert part(ours, "xl/styles.xml") == part(theirs, "xl/styles.xml")


def test_openpyxl_reads_the_rows_back_as_written() -> None:
    data = saved(lambda sheet: _write_rows(sheet, COLUMNS, AWKWARD))
    sheet = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)["Sheet"]

    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    assert sheet["A2"].value == "数字经济" and sheet["A2"].alignment.wrap_text
    assert not sheet["B2"].alignment.wrap_text
    assert (sheet["D2"].value, sheet["D2"].number_format, sheet["E2"].value) == (0.93, "0.00", 4)
    before, bold, after = sheet["C2"].value
    assert (before, bold.text, bold.font.b, after) == ("发展", "数字经济", True, "是关键。")
    assert sheet["C3"].value == CellRichText(
        ["  the ", TextBlock(BOLD, "digital economy"), ", and <more> & so on  "]
    )
    assert (sheet["A3"].value, sheet["B3"].value) == (" padded ", "   ")
    for where in ("A4", "B4", "C4", "B5", "B6"):
        assert (sheet[where].data_type, sheet[where].quotePrefix) == ("s", True), where
    assert not sheet["A2"].quotePrefix
    assert str(sheet["C4"].value) == "=数字经济的作用"
    assert [piece.text for piece in sheet["C4"].value if isinstance(piece, TextBlock)] == ["数字经济"]
    assert sheet["A5"].value == "a\r\nb"
    assert sheet["C5"].value == "no term in here\nsecond line"
    assert sheet["A6"].value == " bad "
    assert len(str(sheet["C6"].value)) == EXCEL_CELL_LIMIT
    assert sheet["A7"].value == "emoji 😀 𠀀"
    assert (sheet["A8"].value, sheet["C8"].value, sheet["B8"].value) == (None, None, "quote \" ' ]]>")
    assert (sheet["E8"].value, sheet["D5"].value) == (100000, 0.125)
    assert sheet.row_dimensions[2].height is None  # one line
    assert sheet.row_dimensions[5].height == 2 * LINE_HEIGHT + 2
    assert sheet.row_dimensions[6].height == 3 * LINE_HEIGHT + 2  # cut off on screen at three lines


def test_read_only_mode_reads_what_the_normal_mode_reads(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    rows = []
    for chinese, english, context, confidence, frequency in AWKWARD:
        row = pair(clean_text(chinese) or "空", english, confidence, frequency=frequency)
        row.chinese_context = context.text
        rows.append(row)
    write_workbook(path, sample_glossary(rows))
    normal = openpyxl.load_workbook(path)
    fast = openpyxl.load_workbook(path, read_only=True)

    for name in ("Glossary", "Sources", "Ledger"):
        assert fast[name].calculate_dimension() == normal[name].dimensions, name
        assert list(fast[name].iter_rows(values_only=True)) == list(normal[name].iter_rows(values_only=True))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "&amp; <b>", " ", "\r", "中文\u3000"])
def test_the_glossary_sheet_reads_back_through_the_tool(tmp_path: Path, text: str) -> None:
    path = tmp_path / "glossary.xlsx"
    row = pair("数字经济", f"digital economy {text}")
    row.chinese_context = f"{text}发展数字经济{text}"
    row.note = text
    write_workbook(path, sample_glossary([row]))

    back = read_workbook(path).rows[0]
    sheet = openpyxl.load_workbook(path, rich_text=True)["Glossary"]
    context = sheet[letters(sheet)["Chinese context"] + "2"].value

    assert back.english == f"digital economy {text}".strip()
    assert back.chinese_context == row.chinese_context.strip()
    assert [piece.text for piece in context if isinstance(piece, TextBlock)] == ["数字经济"]
    assert str(context) == clean_text(row.chinese_context)
    with zipfile.ZipFile(path) as archive:
        assert not re.search(rb"<f>", archive.read("xl/worksheets/sheet1.xml"))


WRITE_SAMPLE = """
import sys
import openpyxl
from glossary.workbook import write_workbook
from test_workbook import sample_glossary
write_workbook(sys.argv[1], sample_glossary())
print(openpyxl.LXML)
"""


def test_without_lxml_openpyxl_writes_the_sheets_its_own_way_and_the_rows_still_fit(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    written = subprocess.run(
        [sys.executable, "-c", WRITE_SAMPLE, str(path)],
        cwd=Path(__file__).parent,
        env={**os.environ, "OPENPYXL_LXML": "False"},  # openpyxl then writes with its own XML writer
        capture_output=True,
        text=True,
    )

    assert (written.returncode, written.stdout) == (0, "False\n"), written.stderr
    back, glossary = read_workbook(path), sample_glossary()
    assert (back.rows, back.articles) == (glossary.rows, glossary.articles)


# ---------------------------------------------------------------- reading


SHARED = (
    "<sst xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
    "<si><t>共享</t></si>"
    "<si><r><rPr><b/><sz val='11'/></rPr><t xml:space='preserve'>bold </t></r><r><t>run</t></r>"
    "<rPh sb='0' eb='1'><t>phonetic</t></rPh><phoneticPr fontId='0'/></si>"
    "<si><t>x005F_x000D_ escaped</t></si>"
    "<si><t/></si>"
    "</sst>"
)
# Rows as other programs write them: shared strings, no r on rows or cells, rows out of order or
# missing, the last cell first, errors, formulas with their value, booleans, ISO dates, empty values.
ROWS = (
    "<row r='6'><c r='A6' t='s'><v>0</v></c><c r='B6' t='s'><v>1</v></c><c r='C6' t='s'><v>2</v></c>"
    "<c r='D6' t='s'><v>3</v></c></row>"
    "<row r='7'><c r='A7' t='inlineStr'><is><r><rPr><b/></rPr><t>粗</t></r><r><t xml:space='preserve'> plain"
    "</t></r><rPh sb='0' eb='1'><t>cu</t></rPh></is></c><c r='C7' t='e'><v>#N/A</v></c>"
    "<c r='E7' t='str'><f>A1</f><v>formula text</v></c><c r='F7'><f>1+1</f><v>2</v></c></row>"
    "<row><c t='inlineStr'><is><t>no r</t></is></c><c><v>1.5E3</v></c><c t='b'><v>0</v></c>"
    "<c t='d'><v>2024-03-05T10:00:00</v></c><c t='inlineStr'/></row>"
    "<row r='9.0'><c r='B9'><v></v></c><c r='D9' s='DATE'><v>45000.5</v></c><c r='E9' s='DURATION'><v>1.5</v>"
    "</c><c r='F9'><v>-7</v></c></row>"
    "<row r='5'><c r='A5' t='inlineStr'><is><t>out of order</t></is></c></row>"
    "<row r='12' spans='1:3'/>"
    "<row r='13'><c r='C13' t='inlineStr'><is><t>last cell first</t></is></c><c r='A13'><v>7</v></c></row>"
)


def crafted_workbook(path: Path) -> None:
    """A workbook openpyxl writes, with shared strings and rows of other writers put in."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Glossary"
    sheet.append(["Chinese", "English", "Status", "Note"])
    sheet.append(["数字经济", "digital economy", "approved", datetime(2024, 3, 5, 10, 30)])
    sheet.append(["全球治理", "global governance", "candidate", timedelta(hours=30)])
    sheet.append(["共享", " spaced ", "rejected", True])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as original, zipfile.ZipFile(path, "w") as archive:
        for name in original.namelist():
            data = original.read(name).decode()
            if name == "xl/worksheets/sheet1.xml":
                date, duration = re.findall(r'<c r="D[23]" s="(\d+)"', data)
                rows = ROWS.replace("DATE", date).replace("DURATION", duration)
                data = data.replace("</sheetData>", rows + "</sheetData>")
            elif name == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            archive.writestr(name, data)
        archive.writestr("xl/sharedStrings.xml", SHARED)


def test_rows_are_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "crafted.xlsx"
    crafted_workbook(path)
    theirs = openpyxl.load_workbook(path, read_only=True, data_only=True)["Glossary"]
    theirs.reset_dimensions()
    reader = _Reader(str(path), read_only=True, data_only=True, keep_links=False)
    reader.read()

    ours = list(_sheet_rows(reader.wb["Glossary"]))

    assert ours == [tuple(row) for row in theirs.iter_rows(values_only=True)]
    assert ours[5][:4] == ("共享", "bold run", "x000D_ escaped", "")
    assert ours[6][0] == "粗 plain"
    assert ours[8][3] == datetime(2023, 3, 15, 12) and ours[8][4] == timedelta(days=1.5)
    assert ours[4] == ours[9] == ours[10] == ()  # rows not in the file


def test_a_workbook_saved_with_shared_strings_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "crafted.xlsx"
    crafted_workbook(path)

    rows = read_workbook(path).rows

    assert [(row.chinese, row.english, row.status) for row in rows[:3]] == [
        ("数字经济", "digital economy", "approved"),
        ("全球治理", "global governance", "candidate"),
        ("共享", "spaced", "rejected"),
    ]
    assert rows[0].note == "2024-03-05 10:30:00" and rows[2].note == "True"
    assert (rows[3].chinese, rows[3].english) == ("共享", "bold run")
