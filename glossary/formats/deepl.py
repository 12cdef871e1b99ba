"""DeepL glossary entries: source,target per line, no header, UTF-8 without a byte-order mark.

DeepL applies every entry as binding, so the export takes approved rows only unless the user asks
for candidates in so many words (`glossary export --deepl-candidates`). DeepL allows one target
per source and refuses duplicate sources, empty terms, leading or trailing whitespace and control
characters or line breaks in a term, so each Chinese term gets its best rendering only (terms are
already single-line and trimmed) and terms whose renderings are all deprecated are left out.
"""

from __future__ import annotations

from pathlib import Path

from glossary.files import write_text_atomic
from glossary.formats.entries import Entry, Reading, top_renderings
from glossary.formats.options import ExportOptions
from glossary.formats.table import csv_text, read_table, table_cells


def write(path: Path, entries: list[Entry], options: ExportOptions) -> None:
    rows = [(entry.chinese, entry.renderings[0].english) for entry in top_renderings(entries)]
    write_text_atomic(path, csv_text(table_cells(rows, options)))


def read(path: Path) -> Reading:
    return read_table(path, ",")
