"""Before openpyxl opens a workbook: say what a file that is not an .xlsx workbook is, and refuse one whose
parts expand past a sane size (a 1 MB zip can hold 1 GiB of sheet XML, and openpyxl would take twice
that in memory)."""

from __future__ import annotations

import io
import xml.parsers.expat
import zipfile

from glossary.errors import GlossaryError

MAX_EXPANDED = 256 * 1024 * 1024  # all parts together; a glossary of 400,000 rows stays below it
MAX_RATIO = 100  # expanded/compressed for a big part; real sheets are near 10, zip bombs near 1,000
BIG_PART = 32 * 1024 * 1024  # parts below this are not held to MAX_RATIO
CHUNK = 1 << 20
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")  # openpyxl cannot open a workbook without them
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and password-protected .xlsx
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
NOT_XLSX = "not a readable .xlsx workbook"
SAVE_AS_XLSX = "open it in LibreOffice Calc or Excel and save it as 'Excel 2007-365 (.xlsx)'"


def check_xlsx(data: bytes, where: str) -> None:
    """Raise GlossaryError saying what `data` is, unless it is an .xlsx workbook of a sane size."""
    if not data.strip():
        raise GlossaryError(where, f"{NOT_XLSX}: an empty file")
    if not data.startswith(b"PK"):
        raise GlossaryError(where, f"{NOT_XLSX}: {_not_a_zip(data)}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_parts(archive, where)
    except zipfile.BadZipFile:
        raise GlossaryError(
            where, f"{NOT_XLSX}: a damaged zip archive (cut short or corrupt: an interrupted copy or save?)"
        ) from None


def _not_a_zip(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(OLE2):
        return f"an Excel 97-2003 .xls file or a password-protected workbook ({SAVE_AS_XLSX}, no password)"
    if head.startswith(b"%pdf"):
        return "a PDF file"
    if head.startswith((b"<!doctype html", b"<html")) or b"<table" in head:
        return f"an HTML page (some programs save these with an .xls name; {SAVE_AS_XLSX})"
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        return f"an XML file (Excel 2003 XML? {SAVE_AS_XLSX}; a TBX file goes to glossary import)"
    if b"\x00" not in data[:8192]:
        kind = "TSV" if b"\t" in head else "CSV" if b"," in head or b";" in head else "plain"
        return (
            f"a {kind} text file (a termlist goes to --termlist or glossary import; a table: {SAVE_AS_XLSX})"
        )
    return "a binary file of an unknown kind"


def _check_parts(archive: zipfile.ZipFile, where: str) -> None:
    names = set(archive.namelist())
    if "mimetype" in names and archive.read("mimetype").strip().startswith(ODS_MIMETYPE):
        raise GlossaryError(
            where,
            f"{NOT_XLSX}: an OpenDocument spreadsheet (.ods); in LibreOffice Calc choose File > Save As, "
            "file type 'Excel 2007-365 (.xlsx)', Keep current format: no, and give the .xlsx",
        )
    missing = [part for part in REQUIRED_PARTS if part not in names]
    if missing:
        kind = "a Word document" if "word/document.xml" in names else "a zip archive"
        raise GlossaryError(where, f"{NOT_XLSX}: {kind} without {' or '.join(missing)}")
    infos = archive.infolist()
    declared = sum(info.file_size for info in infos)
    if declared > MAX_EXPANDED:
        raise GlossaryError(where, _too_big(declared))
    expanded = 0
    for info in infos:
        part = 0
        parser = _xml_parser() if info.filename.endswith((".xml", ".rels")) else None
        with archive.open(info) as stream:  # the sizes a zip declares can lie: count what comes out
            while chunk := stream.read(CHUNK):
                part += len(chunk)
                expanded += len(chunk)
                if expanded > MAX_EXPANDED:
                    raise GlossaryError(where, _too_big(expanded, declared=False))
                if parser:
                    _parse(parser, chunk, info.filename, where)
        if parser:
            _parse(parser, b"", info.filename, where, final=True)
        if part > BIG_PART and part > MAX_RATIO * max(info.compress_size, 1):
            raise GlossaryError(
                where,
                f"refused: its part {info.filename} expands {part // max(info.compress_size, 1)} times "
                f"to {part / 2**20:.0f} MiB, as zip bombs do, not workbooks",
            )


def _xml_parser() -> xml.parsers.expat.XMLParserType:
    parser = xml.parsers.expat.ParserCreate()

    def refuse_entities(*_: object) -> None:
        raise ValueError("entity declarations are not allowed in a workbook")

    parser.EntityDeclHandler = refuse_entities  # no entity expansion bombs, as defusedxml does
    return parser


def _parse(
    parser: xml.parsers.expat.XMLParserType, chunk: bytes, name: str, where: str, final: bool = False
) -> None:
    try:
        parser.Parse(chunk, final)
    except (xml.parsers.expat.ExpatError, ValueError) as error:
        raise GlossaryError(
            where, f"{NOT_XLSX}: its part {name} is damaged ({error}; an interrupted save or a hand edit?)"
        ) from None


def _too_big(size: int, declared: bool = True) -> str:
    said = "declares" if declared else "expands to"
    return (
        f"refused: the workbook {said} {size / 2**20:.0f} MiB of sheets and parts, more than "
        f"{MAX_EXPANDED // 2**20} MiB (a glossary of 400,000 rows fits); a zip bomb or not a glossary"
    )
