"""CSV with a header row, one row per rendering: zh, en, status, type, note, zh_context, en_context.

For Trados (Glossary Converter), Excel and scripts; memoQ and Phrase have their own layouts
(`memoq`, `xlsx`). Status is preferred, admitted, candidate or deprecated (TBX words). RFC 4180
quoting, UTF-8 with a byte-order mark: without it Excel, where most people open a CSV first, reads
UTF-8 as the local code page and garbles the Chinese. Every cell is on one line (OmegaT and other
line-by-line readers split quoted line breaks) and quoted, and contexts lose the ellipsis that
marks a cut start, so that a delimiter sniffer finds the comma rather than the ellipses and full
stops of the contexts. Cells that a spreadsheet would run
as formulas get a leading apostrophe unless the export asks for exact cells (see cells.py).
"""

from __future__ import annotations

from pathlib import Path

from glossary.files import write_text_atomic
from glossary.formats.entries import Entry, Reading, single_line
from glossary.formats.options import ExportOptions
from glossary.formats.table import csv_text, delimited_context, read_table, table_cells

HEADER = ("zh", "en", "status", "type", "note", "zh_context", "en_context")


def write(path: Path, entries: list[Entry], options: ExportOptions) -> None:
    rows = [
        (
            entry.chinese,
            rendering.english,
            rendering.standing,
            term_type(entry, rendering.is_acronym),
            single_line(rendering.note),
            delimited_context(entry.chinese_context),
            delimited_context(rendering.english_context),
        )
        for entry in entries
        for rendering in entry.renderings
    ]
    write_text_atomic(path, "\ufeff" + csv_text([HEADER, *table_cells(rows, options)], quote_all=True))


def term_type(entry: Entry, acronym: bool) -> str:
    if acronym:
        return "acronym"
    return "proper noun" if entry.proper_noun else "concept"


def read(path: Path) -> Reading:
    return read_table(path, ",")
