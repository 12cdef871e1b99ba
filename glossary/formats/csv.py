"""CSV with a header row, for memoQ, Trados (MultiTerm / Glossary Converter) and Phrase imports.

One row per rendering, columns zh, en, status, type, note, zh_context, en_context: language codes
name the term columns, so the import dialogs of these tools offer them as languages, and status is
preferred, admitted or deprecated (TBX words). RFC 4180 quoting, UTF-8 with a byte-order mark:
without it Excel, where most people open a CSV first, reads UTF-8 as the local code page and garbles
the Chinese. Cells are written exactly as in the workbook: a term that starts with =, +, - or @ is not
prefixed with an apostrophe, because that would change the term in every CAT tool; open such a file
in Excel through Data > From Text/CSV rather than by double-clicking.
"""

from __future__ import annotations

from pathlib import Path

from glossary.files import write_text_atomic
from glossary.formats.entries import Entry, Reading
from glossary.formats.table import csv_text, read_table

HEADER = ("zh", "en", "status", "type", "note", "zh_context", "en_context")


def write(path: Path, entries: list[Entry]) -> None:
    rows = [
        (
            entry.chinese,
            rendering.english,
            rendering.standing,
            entry.type,
            rendering.note,
            entry.chinese_context,
            rendering.english_context,
        )
        for entry in entries
        for rendering in entry.renderings
    ]
    write_text_atomic(path, "\ufeff" + csv_text([HEADER, *rows]))


def read(path: Path) -> Reading:
    return read_table(path, ",")
