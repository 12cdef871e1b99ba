"""The review workbook: the Glossary sheet a terminologist edits, Sources, Summary and a hidden Ledger.

Writing streams rows (openpyxl write-only mode) so that large runs stay light; openpyxl writes the
sheets, the big ones' rows are put in as XML text. Reading finds columns by their header and forgives
what a reviewer or a spreadsheet program does to the sheet on save; openpyxl opens the workbook, the big
sheets' rows are parsed here. Both for speed at thousands of rows: openpyxl's objects per cell cost a
millisecond a row.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import io
import json
import math
import os
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, iterparse

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.text import InlineFont
from openpyxl.compat import safe_string
from openpyxl.formatting.rule import ColorScaleRule, FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.workbook.child import _WorkbookChild
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import _cast_number
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import SHARED_STRINGS
from openpyxl.xml.functions import tostring

from glossary.contexts import WIDE_WIDTH, display_width, marked
from glossary.errors import GlossaryError, Problem
from glossary.files import atomic_output, read_input, scratch_folder_beside
from glossary.models import (
    SOURCE_KINDS,
    STATUSES,
    TERM_TYPES,
    Glossary,
    GlossaryRow,
    Inconsistency,
    RunInfo,
    SourceArticle,
)
from glossary.status import read_status
from glossary.xlsx_check import check_xlsx

GLOSSARY_SHEET = "Glossary"
SOURCES_SHEET = "Sources"
SUMMARY_SHEET = "Summary"
LEDGER_SHEET = "Ledger"
CONSISTENCY_SHEET = "Consistency"
# A second copy of the ledger, in the workbook's custom document properties, which a reviewer cannot
# delete with a sheet and LibreOffice keeps on save: zlib-compressed JSON [[Chinese, English, status]...]
# in base64.
LEDGER_PROPERTY = "glossary-ledger"

# Without these a sheet cannot carry a reviewer's decisions back.
REQUIRED_HEADERS = ("Chinese", "English", "Status")

EXCEL_CELL_LIMIT = 32767
# Characters XML 1.0 cannot hold (openpyxl refuses the control ones, lxml the rest).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@")
# Rows below the data that still get the Status dropdown and the formatting, for rows a reviewer adds.
SPARE_ROWS = 1000


@dataclass(frozen=True)
class Marked:
    """Text shown with `term` in bold where it occurs (a context with its term)."""

    text: str
    term: str


CellValue = str | int | float | Marked
LINE_HEIGHT = 16.5  # points for a line of 11-point text, Chinese included
MAX_LINES = 3  # compact rows, many to a screen: taller text is cut off on screen, whole in the cell


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    wrap: bool = False
    hidden: bool = False
    number_format: str = ""
    sets_height: bool = True  # False: long reference text that may be cut off on screen (Articles, Evidence)


# The review columns first, so that a reviewer decides without scrolling sideways; the article order
# (Order) and the tool's own columns to the right.
GLOSSARY_COLUMNS = (
    Column("Chinese", 12, wrap=True),
    Column("English", 22, wrap=True),
    Column("Status", 10),
    Column("Confidence", 11, number_format="0.00"),
    Column("Check", 24, wrap=True),
    Column("Chinese context", 30, wrap=True),
    Column("English context", 40, wrap=True),
    Column("Frequency", 10, number_format="0"),
    Column("Note", 20, wrap=True),
    Column("Type", 13),
    Column("Source", 14, wrap=True, sets_height=False),
    Column("Articles", 30, wrap=True, sets_height=False),
    Column("Evidence", 24, wrap=True, sets_height=False),
    Column("Order", 8, number_format="0"),
    Column("Full Chinese context", 40, wrap=True, sets_height=False),
    Column("Full English context", 50, wrap=True, sets_height=False),
    Column("Extracted English", 24, wrap=True, hidden=True),
    Column("Extracted type", 12, hidden=True),
)
HEADERS = tuple(column.header for column in GLOSSARY_COLUMNS)
REVIEWER_COLUMN_WIDTH = 24

SOURCES_COLUMNS = (
    Column("ID", 6),
    Column("File", 20, wrap=True),
    Column("Chinese title", 34, wrap=True),
    Column("English title", 46, wrap=True),
    Column("Chinese authors", 20, wrap=True),
    Column("English authors", 28, wrap=True),
    Column("Sides", 9),
)
CONSISTENCY_COLUMNS = (
    Column("Chinese", 14, wrap=True),
    Column("Renderings", 34, wrap=True),
    Column("Termlist approves", 22, wrap=True),
    Column("Articles", 60, wrap=True),
    Column("Example contexts", 70, wrap=True),
)
CONSISTENCY_MAX_LINES = 20  # every rendering of a term and its articles in view
LEDGER_COLUMNS = (Column("Chinese", 20), Column("Extracted English", 30), Column("Status", 12))

# Cells take named styles: one name lookup per cell, where setting an Alignment hashes it every time.
TEXT, WRAPPED, NUMBER, HEADER = "Glossary text", "Glossary wrapped", "Glossary number", "Glossary header"
LEFT = Alignment(horizontal="left")
BOLD = InlineFont(rFont="Calibri", sz=11, b=True)


def _named_styles() -> list[NamedStyle]:
    font = Font(name="Calibri", size=11)
    return [
        NamedStyle(TEXT, font=font, alignment=Alignment(vertical="top")),
        NamedStyle(WRAPPED, font=font, alignment=Alignment(vertical="top", wrap_text=True)),
        NamedStyle(NUMBER, font=font, alignment=Alignment(vertical="top", horizontal="center")),
        NamedStyle(
            HEADER,
            font=Font(name="Calibri", size=11, bold=True, color="FFFFFF"),
            fill=PatternFill(fill_type="solid", start_color="305496", end_color="305496"),
            alignment=Alignment(vertical="center", wrap_text=True),
        ),
    ]


GREY = "A6A6A6"


def column_letter(header: str) -> str:
    return get_column_letter(HEADERS.index(header) + 1)


# ---------------------------------------------------------------- writing


def write_workbook(path: Path, glossary: Glossary, before_replace: Callable[[], None] | None = None) -> None:
    """Write the review workbook; `path` is replaced only once the whole file is written and
    `before_replace` (a last check, which may raise) has passed."""

    def sheets(workbook: Workbook) -> None:
        _write_glossary_sheet(workbook.create_sheet(GLOSSARY_SHEET), glossary.rows)
        _write_sources_sheet(workbook.create_sheet(SOURCES_SHEET), glossary.articles)
        _write_summary_sheet(workbook.create_sheet(SUMMARY_SHEET), glossary)
        _write_consistency_sheet(workbook.create_sheet(CONSISTENCY_SHEET), glossary.consistency)
        ledger = ledger_with_rows(glossary)
        _write_ledger_sheet(workbook.create_sheet(LEDGER_SHEET), ledger)
        workbook.custom_doc_props.append(StringProperty(name=LEDGER_PROPERTY, value=encode_ledger(ledger)))

    _save(path, sheets, before_replace)


def write_consistency_workbook(path: Path, inconsistencies: list[Inconsistency]) -> None:
    """A workbook with the Consistency sheet alone (`glossary consistency -o`)."""
    _save(
        path,
        lambda workbook: _write_consistency_sheet(workbook.create_sheet(CONSISTENCY_SHEET), inconsistencies),
    )


def _save(
    path: Path, sheets: Callable[[Workbook], None], before_replace: Callable[[], None] | None = None
) -> None:
    """A write-only workbook filled by `sheets`, saved to `path` only once it is whole."""
    with atomic_output(Path(path), before_replace) as temporary, scratch_folder_beside(temporary):
        workbook = Workbook(write_only=True)
        try:
            workbook.properties.creator = "glossary"
            for style in _named_styles():
                workbook.add_named_style(style)
            sheets(workbook)
            # Zipped in memory: a failing disk then fails our own write below with one clear error,
            # not openpyxl's half-closed zip file raising again when it is garbage-collected.
            buffer = io.BytesIO()
            workbook.save(buffer)
        except BaseException as error:
            _close_streams(workbook)
            if type(error).__name__ == "SerialisationError":  # lxml, when installed, writing a sheet
                raise _as_os_error(error) from error
            raise
        temporary.write_bytes(buffer.getbuffer())


def _as_os_error(error: BaseException) -> OSError:
    """lxml's `IO_ENOSPC` as the OSError it stands for, which the caller reports in words."""
    code = getattr(errno, str(error).removeprefix("IO_"), errno.EIO)
    return OSError(code, os.strerror(code))


def _close_streams(workbook: Workbook) -> None:
    """End the sheets' open XML streams of an unfinished write-only workbook now, quietly, rather than
    when they are garbage-collected after their files are gone (`Exception ignored ... closed file`)."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), writer.xf if writer is not None else None):
            if stream is not None:  # the rows' stream first: it writes into the sheet's
                with contextlib.suppress(Exception):
                    stream.close()


def ledger_with_rows(glossary: Glossary) -> dict[tuple[str, str], str]:
    """The ledger as it must be written: what it knew, plus every tool-proposed row being written now."""
    ledger = dict(glossary.ledger)
    for row in glossary.rows:
        if row.extracted_english:
            ledger[(row.chinese, row.extracted_english)] = row.status
    return ledger


def clean_text(text: str) -> str:
    """Text a cell can hold: no characters XML rejects, within Excel's length limit."""
    text = _UNWRITABLE.sub(" ", text)
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - 1] + "…"
    return text


def text_cell(sheet: _WorkbookChild, text: str, style: str = TEXT) -> WriteOnlyCell:
    """A cell that holds `text` as text, even when it looks like a formula (=, +, -, @)."""
    cell = WriteOnlyCell(sheet, value=clean_text(text))
    cell.data_type = "s"
    cell.style = style
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # keeps it text when someone edits the cell in Excel
    return cell


def number_cell(sheet: _WorkbookChild, number: float, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=number)
    cell.style = NUMBER
    cell.number_format = number_format
    return cell


def _line_count(text: str, width: float) -> int:
    usable = max(width - 1, 1)  # a cell loses about one character of width to its padding
    if len(text) * WIDE_WIDTH <= usable and "\n" not in text:
        return 1  # however wide its characters: measuring each cell's text was a third of writing a row
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))


def _row_height(
    columns: Sequence[Column], values: Sequence[CellValue], max_lines: int = MAX_LINES
) -> float | None:
    """Points to show a row's wrapped text, up to `max_lines` lines; None for one line.

    Set explicitly because neither Excel nor LibreOffice fits row heights to wrapped text on opening."""
    lines = 1
    for column, value in zip(columns, values, strict=True):
        if column.wrap and column.sets_height and not column.hidden:
            text = value.text if isinstance(value, Marked) else value
            if isinstance(text, str):
                lines = max(lines, _line_count(text, column.width))
    return min(lines, max_lines) * LINE_HEIGHT + 2 if lines > 1 else None


class _SheetData:
    """A sheet's rows as the <sheetData> that openpyxl would write for the cells text_cell and number_cell
    make (inline strings, a Marked's term in a bold run), built as text: openpyxl's objects per cell cost
    about a millisecond a row. The style of each kind of cell is openpyxl's own, asked for once, in the
    order cells come, so the stylesheet is the same too."""

    def __init__(self, sheet: _WorkbookChild, columns: Sequence[Column], max_lines: int) -> None:
        self._sheet = sheet
        self._columns = columns
        self._max_lines = max_lines
        self._letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
        self._styles = [WRAPPED if column.wrap else TEXT for column in columns]
        self._style_ids: dict[tuple[str, str | bool], str] = {}

    def header(self) -> str:
        cells = "".join(
            self._text(f"{letter}1", column.header, HEADER)
            for letter, column in zip(self._letters, self._columns, strict=True)
        )
        return f'<row r="1">{cells}</row>'

    def row(self, number: int, values: Sequence[CellValue]) -> str:
        height = _row_height(self._columns, values, self._max_lines)
        start = (
            f'<row r="{number}">'
            if height is None
            else f'<row r="{number}" ht="{safe_string(height)}" customHeight="1">'
        )
        cells = []
        for letter, style, column, value in zip(
            self._letters, self._styles, self._columns, values, strict=True
        ):
            where = f"{letter}{number}"
            if isinstance(value, Marked):
                cells.append(self._marked(where, value, style))
            elif isinstance(value, str):
                cells.append(self._text(where, value, style))
            else:
                cells.append(self._number(where, value, column.number_format))
        return start + "".join(cells) + "</row>"

    def _style_id(self, key: tuple[str, str | bool], cell: Callable[[], WriteOnlyCell]) -> str:
        """The style index of the kind of cell `key` names, asked of openpyxl (`cell`) the first time."""
        found = self._style_ids.get(key)
        if found is None:
            found = self._style_ids[key] = str(cell().style_id)
        return found

    def _text_style(self, text: str, style: str) -> str:
        return self._style_id(
            (style, text.startswith(_FORMULA_START)), lambda: text_cell(self._sheet, text, style)
        )

    def _text(self, where: str, text: str, style: str) -> str:
        start = f'<c r="{where}" s="{self._text_style(text, style)}" t="inlineStr">'
        value = clean_text(text)
        if not value:
            return start + "</c>"
        space = _PRESERVE if value != value.strip() else ""
        return f"{start}<is><t{space}>{_escape(value)}</t></is></c>"

    def _marked(self, where: str, value: Marked, style: str) -> str:
        pieces = marked(clean_text(value.text), value.term)
        if not any(is_term for _, is_term in pieces):
            return self._text(where, value.text, style)
        runs = "".join(
            f"<r>{_BOLD_RUN if is_term else ''}<t{_run_space(piece)}>{_escape(piece)}</t></r>"
            for piece, is_term in pieces
        )
        return f'<c r="{where}" s="{self._text_style(value.text, style)}" t="inlineStr"><is>{runs}</is></c>'

    def _number(self, where: str, number: float, number_format: str) -> str:
        style_id = self._style_id(
            (NUMBER, number_format), lambda: number_cell(self._sheet, number, number_format)
        )
        return f'<c r="{where}" s="{style_id}" t="n"><v>{safe_string(number)}</v></c>'


_PRESERVE = ' xml:space="preserve"'
_BOLD_RUN = tostring(BOLD.to_tree(tagname="rPr")).decode()


def _escape(text: str) -> str:
    """Text as openpyxl's XML writer escapes it, a carriage return as a reference since a parser reads a
    literal one as a line feed (str.translate is ten times slower)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _run_space(piece: str) -> str:
    """A run's xml:space, as openpyxl sets it: not for a run of spaces alone (a cell's text differs)."""
    stripped = piece.strip()
    return _PRESERVE if stripped and piece != stripped else ""


def _write_rows(
    sheet: _WorkbookChild,
    columns: Sequence[Column],
    rows: Iterable[Sequence[CellValue]],
    max_lines: int = MAX_LINES,
) -> None:
    """The header and `rows` into the sheet, which is then complete: openpyxl writes it around an empty
    <sheetData> into its temporary file (at close), and the rows go in there."""
    sheet.close()
    file = Path(sheet._writer.out)
    head, tail = file.read_bytes().split(b"<sheetData></sheetData>")
    data = _SheetData(sheet, columns, max_lines)
    lines = chain([data.header()], (data.row(number, values) for number, values in enumerate(rows, 2)))
    with file.open("wb") as stream:
        stream.write(head + b"<sheetData>")
        # UTF-8, which XML without a declaration is; openpyxl writes a character reference for each
        # non-ASCII character, for Chinese almost three times as long, and slower to zip.
        stream.writelines(line.encode("utf-8") for line in lines)
        stream.write(b"</sheetData>" + tail)


def _declare_size(sheet: _WorkbookChild, cell_range: str) -> None:
    """Have the sheet start with its <dimension>, which openpyxl's write-only mode leaves out: without it
    a reader in read-only mode parses the whole sheet once more just to learn its size."""
    sheet.calculate_dimension = lambda: cell_range  # what openpyxl's writer asks for the <dimension> element


def _set_widths(sheet: _WorkbookChild, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, 1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        dimension.hidden = column.hidden


def _set_print_layout(sheet: _WorkbookChild, last_column: str, last_row: int) -> None:
    """Landscape A4, the columns up to `last_column` on one page width, header row repeated on each page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{last_column}{last_row}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.oddFooter.center.text = "&A — page &P of &N"


def _glossary_values(row: GlossaryRow, reviewer_headers: list[str]) -> list[CellValue]:
    """One Glossary row, in the order of GLOSSARY_COLUMNS and then the reviewer's own columns."""
    values: dict[str, CellValue] = {
        "Chinese": row.chinese,
        "English": row.english,
        "Status": row.status,
        "Confidence": round(row.confidence, 3),
        "Check": row.check,
        "Chinese context": Marked(row.chinese_context, row.chinese),
        "English context": Marked(row.english_context, row.english),
        "Frequency": row.frequency,
        "Note": row.note,
        "Type": row.type,
        "Source": ", ".join(row.sources),
        "Articles": "\n".join(row.articles),
        "Evidence": row.evidence,
        "Order": row.order or "",  # a row a reviewer added has no place in the articles
        "Full Chinese context": row.chinese_full_context,
        "Full English context": row.english_full_context,
        "Extracted English": row.extracted_english,
        "Extracted type": row.extracted_type,
    }
    return [
        *(values[header] for header in HEADERS),
        *(row.reviewer_columns.get(h, "") for h in reviewer_headers),
    ]


def _write_glossary_sheet(sheet: _WorkbookChild, rows: list[GlossaryRow]) -> None:
    reviewer_headers = list(dict.fromkeys(header for row in rows for header in row.reviewer_columns))
    columns = [
        *GLOSSARY_COLUMNS,
        *(Column(header, REVIEWER_COLUMN_WIDTH, wrap=True) for header in reviewer_headers),
    ]
    last_column = get_column_letter(len(columns))
    last_row = len(rows) + 1
    _set_widths(sheet, columns)
    _declare_size(sheet, f"A1:{last_column}{last_row}")
    sheet.freeze_panes = "C2"  # the header and the term pair stay in view while scrolling
    sheet.auto_filter.ref = f"A1:{last_column}{last_row}"
    _add_review_aids(sheet, last_column, last_row + SPARE_ROWS)
    # The tool's own columns are for the screen; a printout stops at Note.
    _set_print_layout(sheet, column_letter("Note"), last_row)
    _write_rows(sheet, columns, (_glossary_values(row, reviewer_headers) for row in rows))


def _add_review_aids(sheet: _WorkbookChild, last_column: str, last_row: int) -> None:
    """The Status dropdown and the conditional formats. They are formulas on the cells, so they stay
    right when a reviewer sorts, filters or edits."""
    chinese, status, check, confidence = (
        column_letter(header) for header in ("Chinese", "Status", "Check", "Confidence")
    )
    status_range = f"{status}2:{status}{last_row}"
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        # A warning, not a stop: words like ok, x, 通过 or 否 are read as meant (glossary/status.py).
        errorStyle="warning",
        errorTitle="Status",
        error="Choose candidate, approved or rejected; ok, x, 通过, 否 and the like are read as meant.",
    )
    validation.add(status_range)
    sheet.data_validations.append(validation)

    whole_rows = f"A2:{last_column}{last_row}"
    formats = sheet.conditional_formatting
    # Added most important first: LibreOffice shows only the first rule that holds for a cell
    # (Excel combines them), so the colour scale, conflicts and decisions go before the grouping.
    formats.add(
        f"{confidence}2:{confidence}{last_row}",
        ColorScaleRule(
            start_type="num", start_value=0, start_color="F8696B",
            mid_type="num", mid_value=0.5, mid_color="FFEB84",
            end_type="num", end_value=1, end_color="63BE7B",
        ),
    )  # fmt: skip
    conflict_fill = PatternFill(fill_type="solid", start_color="FFC7CE", end_color="FFC7CE")
    for target in (f"A2:B{last_row}", f"{check}2:{check}{last_row}"):
        formats.add(
            target, FormulaRule(formula=[f"LEN(${check}2)>0"], fill=conflict_fill, font=Font(color="9C0006"))
        )
    approved_fill = PatternFill(fill_type="solid", start_color="C6EFCE", end_color="C6EFCE")
    formats.add(status_range, FormulaRule(formula=[f'${status}2="approved"'], fill=approved_fill))
    formats.add(
        whole_rows, FormulaRule(formula=[f'${status}2="rejected"'], font=Font(color=GREY, strike=True))
    )
    # Rows of one Chinese term read as a group: the term greyed after its first row, a line above each term.
    formats.add(
        f"{chinese}2:{chinese}{last_row}",
        FormulaRule(formula=[f"${chinese}2=${chinese}1"], font=Font(color=GREY)),
    )
    formats.add(
        whole_rows,
        FormulaRule(
            formula=[f"${chinese}2<>${chinese}1"], border=Border(top=Side(style="thin", color="7F7F7F"))
        ),
    )


def _write_table(
    sheet: _WorkbookChild,
    columns: Sequence[Column],
    rows: Sequence[Sequence[CellValue]],
    freeze: str = "A2",
    max_lines: int = MAX_LINES,
) -> None:
    last_column = get_column_letter(len(columns))
    _set_widths(sheet, columns)
    _declare_size(sheet, f"A1:{last_column}{len(rows) + 1}")
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{last_column}{len(rows) + 1}"
    _write_rows(sheet, columns, rows, max_lines)


def _write_sources_sheet(sheet: _WorkbookChild, articles: list[SourceArticle]) -> None:
    rows = [
        (item.id, item.file, item.zh_title, item.en_title, item.zh_authors, item.en_authors, item.sides)
        for item in articles
    ]
    _set_print_layout(sheet, get_column_letter(len(SOURCES_COLUMNS)), len(rows) + 1)
    _write_table(sheet, SOURCES_COLUMNS, rows, freeze="B2")


def _write_consistency_sheet(sheet: _WorkbookChild, inconsistencies: list[Inconsistency]) -> None:
    """One row per Chinese term the inputs render in more than one way, a line per rendering in each cell."""
    rows = [
        (
            item.chinese,
            "\n".join(
                f"{r.english}: {r.count}" + (f" ({r.termlist} in termlist)" if r.termlist else "")
                for r in item.renderings
            ),
            "\n".join(item.approved),
            "\n".join(
                line for r in item.renderings for line in (f"{r.english}:", *(f"   {a}" for a in r.articles))
            ),
            "\n".join(f"{r.english}: {r.english_context or r.chinese_context}" for r in item.renderings),
        )
        for item in inconsistencies
    ]
    _set_print_layout(sheet, get_column_letter(len(CONSISTENCY_COLUMNS)), len(rows) + 1)
    _write_table(sheet, CONSISTENCY_COLUMNS, rows, freeze="B2", max_lines=CONSISTENCY_MAX_LINES)


def _write_ledger_sheet(sheet: _WorkbookChild, ledger: dict[tuple[str, str], str]) -> None:
    sheet.sheet_state = "veryHidden"  # Excel offers no way to unhide (and so delete) it; LibreOffice: hidden
    rows = [(chinese, english, status) for (chinese, english), status in ledger.items()]
    _write_table(sheet, LEDGER_COLUMNS, rows)


# Summary labels, also read back
CREATED, VERSION, SECONDS, INPUT, TERMLIST = "Created", "Tool version", "Seconds", "Input", "Termlist"
SUMMARY_TITLE = "Glossary workbook"


def first_steps(glossary: Glossary) -> list[tuple[str, int | None, str]]:
    """The Summary's guidance for the reviewer: (what, how many, what to do about them)."""
    rows = glossary.rows
    to_review = [row for row in rows if row.status == "candidate"]
    flagged = [row for row in rows if row.check and row.status != "rejected"]
    low = [row for row in to_review if row.confidence < 0.5]
    terms = len({row.chinese for row in to_review})
    return [
        (
            "Rows to review",
            len(to_review),
            f"candidates of {terms} terms on the Glossary sheet, the likely right and most frequent terms "
            "first: set Status to approved or rejected, correct English where needed",
        ),
        (
            "Flagged in Check",
            len(flagged),
            "read Check before deciding: it says why the row needs a second look",
        ),
        (
            "Below 0.5",
            len(low),
            "candidates with Confidence below 0.5, last: often general words or fragments",
        ),
        (
            "Rendered several ways",
            len(glossary.consistency),
            "terms the articles render in more than one way: the Consistency sheet says who writes what",
        ),
        (
            "Article order",
            None,
            "sort the Glossary sheet by Order (Data > Sort, Order ascending) to read the rows in article "
            "order; the next extract puts them back in review order",
        ),
    ]


def _write_summary_sheet(sheet: _WorkbookChild, glossary: Glossary) -> None:
    run, rows = glossary.run, glossary.rows
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 90
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    def label(text: str, size: int = 11) -> WriteOnlyCell:
        cell = text_cell(sheet, text)
        cell.font = Font(name="Calibri", bold=True, size=size)
        return cell

    def number(value: float, number_format: str = "0") -> WriteOnlyCell:
        cell = number_cell(sheet, value, number_format)
        cell.alignment = LEFT
        return cell

    def counts(title: str, kinds: Sequence[str], counter: Counter[str]) -> Iterator[list[object]]:
        yield []
        yield [label(title, 12), label("Rows")]
        for kind in (*kinds, *sorted(set(counter) - set(kinds))):
            yield [text_cell(sheet, kind), number(counter[kind])]

    lines: list[list[object]] = [
        [label(SUMMARY_TITLE, 14)],
        [],
        [label("What to do first", 12)],
        *(
            [label(name), number(count), text_cell(sheet, advice)]
            for name, count, advice in first_steps(glossary)
        ),
        [],
        [label("How the run was made", 12)],
        [label(CREATED), text_cell(sheet, run.created)],
        [label(VERSION), text_cell(sheet, run.version)],
        [label(SECONDS), number(round(run.seconds, 1), "0.0")],
        [label("Glossary rows"), number(len(rows))],
        [label("Articles"), number(len(glossary.articles))],
        *([label(INPUT), text_cell(sheet, name)] for name in run.inputs),
        *([label(TERMLIST), text_cell(sheet, name)] for name in run.termlists),
        *counts("By source", SOURCE_KINDS, Counter(kind for row in rows for kind in row.sources)),
        *counts("By type", TERM_TYPES, Counter(row.type for row in rows)),
        *counts("By status (when written)", STATUSES, Counter(row.status for row in rows)),
    ]
    for line in lines:
        sheet.append(line)


# ---------------------------------------------------------------- reading


def read_workbook(path: Path, problems: list[Problem] | None = None) -> Glossary:
    """The workbook as the reviewer left it. Raises GlossaryError for a file that is not a readable
    glossary workbook; the file itself is only read. What a reviewer should hear about (a Status word
    that means nothing here) is added to `problems`, when given."""
    path = Path(path)
    where = str(path)
    return parse_workbook(read_input(path), where, problems)


def parse_workbook(data: bytes, where: str, problems: list[Problem] | None = None) -> Glossary:
    """read_workbook on the file's bytes as read, `where` naming the file in errors and problems."""
    check_xlsx(data, where)
    try:
        # From memory rather than by name: openpyxl refuses names not ending in .xlsx (e.g. backups).
        reader = _Reader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.read()
        workbook = reader.wb
    except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError, ValueError) for bad files
        raise GlossaryError(where, f"not a readable .xlsx workbook ({type(error).__name__})") from error
    try:
        sheets = {name.casefold(): workbook[name] for name in workbook.sheetnames}
        glossary_sheet = sheets.get(GLOSSARY_SHEET.casefold())
        if glossary_sheet is None:
            raise GlossaryError(where, f"not a glossary workbook: it has no '{GLOSSARY_SHEET}' sheet")
        rows = _read_glossary_rows(glossary_sheet, where, problems if problems is not None else [])
        sources = sheets.get(SOURCES_SHEET.casefold())
        summary = sheets.get(SUMMARY_SHEET.casefold())
        ledger_sheet = sheets.get(LEDGER_SHEET.casefold())
        if ledger_sheet is not None:
            ledger = _read_ledger(ledger_sheet)
        else:
            ledger = _ledger_property(workbook)
            if ledger and problems is not None:
                problems.append(Problem(where, LEDGER_FROM_PROPERTIES))
        return Glossary(
            rows=rows,
            articles=_read_articles(sources) if sources is not None else [],
            run=_read_run(summary) if summary is not None else RunInfo("", "", [], []),
            ledger=ledger,
        )
    except GlossaryError:
        raise
    except Exception as error:  # a sheet's XML that openpyxl cannot parse
        raise GlossaryError(where, f"not a readable .xlsx workbook ({type(error).__name__})") from error
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    """A cell as text: numbers without a trailing .0, surrounding spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_number(value: object) -> float:
    """A cell as a number, also when it holds the number as text (with a decimal comma, say)."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(cell_text(value).replace(",", "."))
    except ValueError:
        return 0.0


def choose(value: object, allowed: Sequence[str], default: str) -> str:
    """The allowed word a reviewer meant: any case and spacing, its start ("approve", "org"), or its
    British spelling ("organisation")."""
    typed = "".join(cell_text(value).split()).casefold().replace("isation", "ization")
    for option in allowed:
        if typed == option or (len(typed) >= 3 and option.startswith(typed)):
            return option
    return default


def _header_key(value: object) -> str:
    return " ".join(cell_text(value).split()).casefold()


def _sheet_table(sheet: ReadOnlyWorksheet) -> tuple[list[str], Iterator[tuple[int, tuple[object, ...]]]]:
    """The sheet's header row (as written) and an iterator over the non-blank rows under it, each with
    its row number in the sheet."""
    row_iterator = _sheet_rows(sheet)
    header = [cell_text(value) for value in next(row_iterator, ())]
    numbered = enumerate(row_iterator, 2)
    return header, ((number, values) for number, values in numbered if any(map(cell_text, values)))


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _VALUE, _INLINE, _TEXT, _RUN, _STRING = (_MAIN + tag for tag in ("row", "v", "is", "t", "r", "si"))


class _Reader(ExcelReader):
    """openpyxl's workbook reader (load_workbook's), the shared strings read as _sheet_rows reads inline
    ones: a workbook saved by LibreOffice has its text there, every run with its font, for which
    openpyxl builds objects (three seconds of reading 2,600 rows)."""

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = list(_shared_strings(source))


def _shared_strings(source: IO[bytes]) -> Iterator[str]:
    for _, element in iterparse(source):
        if element.tag == _STRING:
            yield _inline_text(element).replace("x005F_", "")  # as openpyxl reads them
            element.clear()


def _sheet_rows(sheet: ReadOnlyWorksheet) -> Iterator[tuple[object, ...]]:
    """The values of every row there is in the sheet (some writers leave a wrong used range), as
    openpyxl's iter_rows(values_only=True) gives them after reset_dimensions(): a row missing from the
    file as an empty one, each row up to its last cell, dates as dates.

    Parsed here with the C XML parser: openpyxl's reader takes four times as long at thousands of rows,
    parsing with defusedxml's handlers written in Python and building objects for every inline string.
    What defusedxml guards against, check_xlsx refused before the workbook was opened (entity
    declarations)."""
    workbook = sheet.parent
    dates, durations, epoch = workbook._date_formats, workbook._timedelta_formats, workbook.epoch
    shared = sheet._shared_strings
    number = 0  # of the row in the file, as openpyxl counts rows that do not say
    expected = 1  # the row to give next
    with sheet._get_source() as source:
        for _, element in iterparse(source):
            if element.tag != _ROW:
                continue
            said = element.get("r")
            number = number + 1 if said is None else _row_index(said)
            while expected < number:
                expected += 1
                yield ()
            if expected == number:
                expected += 1
                yield _row_values(element, shared, dates, durations, epoch)
            element.clear()


def _row_index(said: str) -> int:
    try:
        return int(said)
    except ValueError:
        index = float(said)
        if not index.is_integer():
            raise ValueError(f"{said} is not a valid row number") from None
        return int(index)


def _row_values(
    row: Element, shared: Sequence[str], dates: set[int], durations: set[int], epoch: datetime
) -> tuple[object, ...]:
    """A row's values in their columns, up to the column of its last cell in the file (openpyxl's)."""
    cells: list[tuple[int, object]] = []
    column = 0
    for cell in row:
        where = cell.get("r")
        column = coordinate_to_tuple(where)[1] if where else column + 1
        kind = cell.get("t", "n")
        value: object = None
        if kind == "inlineStr":
            text = cell.find(_INLINE)
            if text is not None:
                value = _inline_text(text)
        elif (written := cell.findtext(_VALUE) or None) is not None:
            value = written
            if kind == "n":
                value = _cast_number(written)
                style = int(cell.get("s") or 0)
                if style in dates:
                    try:
                        value = from_excel(value, epoch, timedelta=style in durations)
                    except (OverflowError, ValueError):
                        value = "#VALUE!"
            elif kind == "s":
                value = shared[int(written)]
            elif kind == "b":
                value = bool(int(written))
            elif kind == "d":
                value = from_ISO8601(written)
        cells.append((column, value))
    if not cells:
        return ()
    values: list[object] = [None] * cells[-1][0]
    for index, value in cells:
        if 1 <= index <= len(values):
            values[index - 1] = value
    return tuple(values)


def _inline_text(element: Element) -> str:
    """An inline string's text, its runs' without their formatting and without phonetic guides."""
    plain, runs = None, []
    for child in element:
        if child.tag == _TEXT:
            plain = child.text
        elif child.tag == _RUN:
            run = None
            for part in child:
                if part.tag == _TEXT:
                    run = part.text
            if run is not None:
                runs.append(run)
    return "".join(runs if plain is None else [plain, *runs])


def _column_getter(header: list[str]) -> Callable[[tuple[object, ...], str], object]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(_header_key(name), index)

    def get(values: tuple[object, ...], name: str) -> object:
        index = positions.get(name.casefold())
        return values[index] if index is not None and index < len(values) else None

    return get


def _read_glossary_rows(sheet: _WorkbookChild, where: str, problems: list[Problem]) -> list[GlossaryRow]:
    header, rows = _sheet_table(sheet)
    found = {_header_key(name) for name in header}
    missing = [name for name in REQUIRED_HEADERS if name.casefold() not in found]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise GlossaryError(where, f"the {GLOSSARY_SHEET} sheet has no {names} column in its first row")
    known = {name.casefold() for name in HEADERS}
    reviewer_headers = [
        (index, name) for index, name in enumerate(header) if name and _header_key(name) not in known
    ]
    has_extracted = "extracted english" in found
    get = _column_getter(header)
    result = []
    for number, values in rows:
        english = cell_text(get(values, "English"))
        status = read_status(cell_text(get(values, "Status")))
        if not status.known:
            problems.append(Problem(where, _unknown_status(number, status.status)))
        result.append(
            GlossaryRow(
                chinese=cell_text(get(values, "Chinese")),
                english=english,
                confidence=cell_number(get(values, "Confidence")),
                type=choose(get(values, "Type"), TERM_TYPES, "other"),
                sources=_split_sources(cell_text(get(values, "Source"))),
                frequency=round(cell_number(get(values, "Frequency"))),
                articles=[
                    line.strip() for line in cell_text(get(values, "Articles")).splitlines() if line.strip()
                ],
                chinese_context=cell_text(get(values, "Chinese context")),
                english_context=cell_text(get(values, "English context")),
                chinese_full_context=cell_text(get(values, "Full Chinese context")),
                english_full_context=cell_text(get(values, "Full English context")),
                status=status.status,
                note=cell_text(get(values, "Note")),
                # A sheet that lost the hidden column: take each row as proposed the way it reads now.
                extracted_english=cell_text(get(values, "Extracted English")) if has_extracted else english,
                evidence=cell_text(get(values, "Evidence")),
                check=cell_text(get(values, "Check")),
                extracted_type=choose(get(values, "Extracted type"), TERM_TYPES, ""),
                order=round(cell_number(get(values, "Order"))),
                reviewer_columns={
                    name: text for index, name in reviewer_headers if (text := cell_text(_at(values, index)))
                },
            )
        )
    return result


def _unknown_status(number: int, text: str) -> str:
    return (
        f"{GLOSSARY_SHEET} row {number}: Status '{text}' is none of approved, rejected, candidate; "
        "the row is kept as reviewed with the text as written, and left out of exports"
    )


def _at(values: tuple[object, ...], index: int) -> object:
    return values[index] if index < len(values) else None


def _split_sources(text: str) -> list[str]:
    found = {choose(part, SOURCE_KINDS, "") for part in text.split(",")}
    return [kind for kind in SOURCE_KINDS if kind in found]


def _read_articles(sheet: _WorkbookChild) -> list[SourceArticle]:
    header, rows = _sheet_table(sheet)
    get = _column_getter(header)
    return [
        SourceArticle(
            id=cell_text(get(values, "ID")),
            file=cell_text(get(values, "File")),
            zh_title=cell_text(get(values, "Chinese title")),
            en_title=cell_text(get(values, "English title")),
            zh_authors=cell_text(get(values, "Chinese authors")),
            en_authors=cell_text(get(values, "English authors")),
            sides=cell_text(get(values, "Sides")),
        )
        for _, values in rows
    ]


def _read_ledger(sheet: _WorkbookChild) -> dict[tuple[str, str], str]:
    header, rows = _sheet_table(sheet)
    get = _column_getter(header)
    ledger = {}
    for _, values in rows:
        key = (cell_text(get(values, "Chinese")), cell_text(get(values, "Extracted English")))
        ledger[key] = cell_text(get(values, "Status")).casefold()
    return ledger


LEDGER_FROM_PROPERTIES = (
    f"the hidden {LEDGER_SHEET} sheet is missing; the rows deleted before are known from its copy in "
    "the workbook's document properties"
)


def encode_ledger(ledger: dict[tuple[str, str], str]) -> str:
    entries = [[chinese, english, status] for (chinese, english), status in ledger.items()]
    try:
        encoded = json.dumps(entries, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which UTF-8 cannot hold: JSON's escapes can
        encoded = json.dumps(entries).encode("ascii")
    return base64.b64encode(zlib.compress(encoded, 9)).decode("ascii")


def decode_ledger(text: str) -> dict[tuple[str, str], str]:
    """The ledger encode_ledger wrote; {} for text that is not one (cut short by a program, say)."""
    try:
        entries = json.loads(zlib.decompress(base64.b64decode(text, validate=True)).decode("utf-8"))
        return {(str(chinese), str(english)): str(status) for chinese, english, status in entries}
    except (ValueError, TypeError, zlib.error):
        return {}


def _ledger_property(workbook: Workbook) -> dict[tuple[str, str], str]:
    for prop in workbook.custom_doc_props.props:
        if prop.name == LEDGER_PROPERTY and isinstance(prop.value, str):
            return decode_ledger(prop.value)
    return {}


def _read_run(sheet: _WorkbookChild) -> RunInfo:
    values: dict[str, list[object]] = {}
    for row in sheet.iter_rows(values_only=True, max_col=2):
        if len(row) == 2 and row[0] is not None:
            values.setdefault(cell_text(row[0]), []).append(row[1])

    def first(label: str) -> object:
        return values.get(label, [None])[0]

    return RunInfo(
        created=cell_text(first(CREATED)),
        version=cell_text(first(VERSION)),
        inputs=[cell_text(value) for value in values.get(INPUT, [])],
        termlists=[cell_text(value) for value in values.get(TERMLIST, [])],
        seconds=cell_number(first(SECONDS)),
    )
