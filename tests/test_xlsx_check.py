"""Files given where a glossary workbook belongs: what they are, said in words; zip bombs refused before
openpyxl expands them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary import xlsx_check
from glossary.cli import main
from glossary.errors import GlossaryError
from glossary.workbook import read_workbook
from glossary.xlsx_check import check_xlsx


def zipped(parts: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SHEET = "<worksheet>" + "<c/>" * 500_000 + "</worksheet>"
XLSX_PARTS = {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}

FILES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "not a readable .xlsx workbook: an empty file"),
    (
        "ods",
        zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
        "not a readable .xlsx workbook: an OpenDocument spreadsheet (.ods); in LibreOffice Calc choose "
        "File > Save As, file type 'Excel 2007-365 (.xlsx)'",
    ),
    (
        "xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "not a readable .xlsx workbook: an Excel 97-2003 .xls file or a password-protected workbook",
    ),
    (
        "csv",
        "中文,英文\n全球治理,global governance\n".encode(),
        "not a readable .xlsx workbook: a CSV text file",
    ),
    (
        "tsv",
        "zh\ten\n全球治理\tglobal governance\n".encode(),
        "not a readable .xlsx workbook: a TSV text file",
    ),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a readable .xlsx workbook: a PDF file"),
    (
        "html",
        b"<html><body><table><tr><td>x</td></tr></table>",
        "not a readable .xlsx workbook: an HTML page",
    ),
    (
        "docx",
        zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
        "not a readable .xlsx workbook: a Word document without xl/workbook.xml",
    ),
    (
        "no-content-types",
        zipped({"xl/workbook.xml": "<workbook/>"}),
        "not a readable .xlsx workbook: a zip archive without [Content_Types].xml",
    ),
    (
        "damaged-xml",
        zipped({**XLSX_PARTS, "xl/worksheets/sheet1.xml": "<worksheet><sheetData><row>"}),
        "not a readable .xlsx workbook: its part xl/worksheets/sheet1.xml is damaged (no element found",
    ),
    (
        "entities",
        zipped({**XLSX_PARTS, "xl/sharedStrings.xml": '<!DOCTYPE s [<!ENTITY a "aaaa">]><s>&a;</s>'}),
        "not a readable .xlsx workbook: its part xl/sharedStrings.xml is damaged (entity declarations",
    ),
    (
        "zip",
        zipped({"notes.txt": "hello"}),
        "not a readable .xlsx workbook: a zip archive without [Content_Types].xml or xl/workbook.xml",
    ),
    ("truncated", zipped(XLSX_PARTS)[:-30], "not a readable .xlsx workbook: a damaged zip archive"),
]


@pytest.mark.parametrize(("data", "problem"), [f[1:] for f in FILES], ids=[f[0] for f in FILES])
def test_what_the_file_is_instead(data: bytes, problem: str) -> None:
    with pytest.raises(GlossaryError) as raised:
        check_xlsx(data, "glossary.xlsx")
    assert raised.value.where == "glossary.xlsx"
    assert raised.value.problem.startswith(problem)
    assert "Error" not in raised.value.problem  # no Python exception class names


def test_a_workbook_passes(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "w.xlsx"
    workbook = Workbook()
    workbook.active.append(["Chinese", "English"])
    workbook.save(path)
    check_xlsx(path.read_bytes(), str(path))


def test_a_zip_bomb_is_refused_by_its_declared_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_check, "MAX_EXPANDED", 1_000_000)
    data = zipped({**XLSX_PARTS, "xl/worksheets/sheet1.xml": SHEET})
    assert len(data) < 50_000
    with pytest.raises(GlossaryError, match=r"^.*refused: the workbook declares 2 MiB"):
        check_xlsx(data, "bomb.xlsx")


def test_a_part_that_expands_like_a_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_check, "BIG_PART", 1_000_000)
    data = zipped({**XLSX_PARTS, "xl/worksheets/sheet1.xml": SHEET})
    with pytest.raises(GlossaryError, match=r"refused: its part xl/worksheets/sheet1\.xml expands \d+ times"):
        check_xlsx(data, "bomb.xlsx")


def test_a_zip_whose_sizes_lie_is_damaged() -> None:
    data = bytearray(
        zipped({**XLSX_PARTS, "xl/worksheets/sheet1.xml": "<x>" + "<c/>" * 1000 + "</x>"}, zipfile.ZIP_STORED)
    )
    data[data.index(b"<c/><c/>") + 1] ^= 1  # the stored bytes no longer match the CRC
    with pytest.raises(GlossaryError, match="a damaged zip archive"):
        check_xlsx(bytes(data), "w.xlsx")


@pytest.mark.parametrize("command", ["export", "termlist"])
def test_commands_say_what_the_file_is(tmp_path: Path, command: str) -> None:
    path = tmp_path / "glossary.xlsx"
    path.write_bytes(zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}))
    arguments = [command, str(path), "-o", str(tmp_path / "out.tsv")]
    if command == "export":
        arguments += ["--format", "tsv"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: {path}: not a readable .xlsx workbook: an OpenDocument spreadsheet"
    )
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out.tsv").exists()


def test_read_workbook_checks_first(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(GlossaryError, match="Excel 97-2003"):
        read_workbook(path)
