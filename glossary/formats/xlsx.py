"""Term base spreadsheet (.xlsx): one concept per row, for Phrase TMS's term base XLSX import and
Trados Glossary Converter, which name languages by tag in column headers. memoQ's Excel import
asks for a column mapping; memoQ reads `memoq` and `tbx` without one.

Sheet "Term base", header in the first row: Entry ID, the Chinese term under its language tag
(zh-CN) and its Context, then each English rendering under the English tag (en) followed by its
Status (Approved, or New for an unreviewed candidate, as Phrase names them), Preferred and
Forbidden (TRUE/FALSE, real booleans as Phrase reads them), Note and Context; synonyms repeat
the English group. Rejected renderings are Forbidden. Cells are text cells; those that start like
a formula are also marked quote-prefixed, so the sheet never runs one, and keep their exact text.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from glossary.errors import GlossaryError
from glossary.files import atomic_output, read_input
from glossary.formats.cells import FORMULA_TRIGGERS
from glossary.formats.concepts import read_concept_rows
from glossary.formats.entries import Entry, Reading
from glossary.formats.options import ExportOptions
from glossary.xlsx_check import check_xlsx

SHEET = "Term base"
ENGLISH_ATTRIBUTES = ("Status", "Preferred", "Forbidden", "Note", "Context")
# Phrase's two term statuses: a reviewer's, and a term nobody has approved yet.
APPROVED, NEW = "Approved", "New"


def write(path: Path, entries: list[Entry], options: ExportOptions) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    widest = max(len(entry.renderings) for entry in entries)
    header = ["Entry ID", options.zh_lang, "Context", *((options.en_lang, *ENGLISH_ATTRIBUTES) * widest)]
    sheet.freeze_panes = "B2"
    sheet.append([_text(sheet, name, bold=True) for name in header])
    for entry in entries:
        row: list[object] = [
            _text(sheet, entry.id),
            _text(sheet, entry.chinese),
            _text(sheet, entry.chinese_context),
        ]
        for rendering in entry.renderings:
            row += [
                _text(sheet, rendering.english),
                _text(sheet, NEW if rendering.standing == "candidate" else APPROVED),
                rendering.standing == "preferred",
                rendering.standing == "deprecated",
                _text(sheet, rendering.note),
                _text(sheet, rendering.english_context),
            ]
        sheet.append(row)
    with atomic_output(path) as temporary:
        workbook.save(temporary)


def _text(sheet: object, text: str, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text[:1] and text[0] in FORMULA_TRIGGERS:
        cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    return cell


def read(path: Path) -> Reading:
    data = read_input(path)
    check_xlsx(data, str(path))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise GlossaryError(str(path), f"not a readable .xlsx workbook ({type(error).__name__})") from None
    if "Glossary" in workbook.sheetnames:
        raise GlossaryError(
            str(path),
            "a glossary workbook, not a termlist; write its reviewed pairs with `glossary termlist`",
        )
    if SHEET not in workbook.sheetnames:
        raise GlossaryError(
            str(path),
            f"an Excel workbook without a '{SHEET}' sheet, not a termlist; save it as TBX, CSV or TSV",
        )
    rows = [[_cell_text(value) for value in row] for row in workbook[SHEET].iter_rows(values_only=True)]
    header = rows[0] if rows else []
    chinese = next((name for name in header if _is_tag(name, "zh")), "zh")
    english = next((name for name in header if _is_tag(name, "en")), "en")
    return read_concept_rows(path, rows, chinese, english, _term, "term base XLSX")


def _is_tag(header: str, language: str) -> bool:
    return header.lower().replace("_", "-").split("-")[0] == language


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return "" if value is None else str(value)


def _term(english: str, attributes: dict[str, str], row: dict[str, str]) -> tuple[str, str]:
    note = attributes.get("Note", "")
    if attributes.get("Forbidden", "").upper() == "TRUE":
        return "rejected", note
    if attributes.get("Status", "").strip().casefold() == NEW.casefold():
        return "candidate", note
    return ("approved" if attributes.get("Preferred", "").upper() == "TRUE" else "alias"), note
