"""DeepL glossary entries: source,target per line, no header, UTF-8 without a byte-order mark.

DeepL allows one target per source, refuses duplicate sources, empty terms, leading or trailing
whitespace and control characters or line breaks in a term, so each Chinese term gets its best
rendering only (terms are already single-line and trimmed) and terms whose renderings are all
deprecated are left out.
"""

from __future__ import annotations

from pathlib import Path

from glossary.files import write_text_atomic
from glossary.formats.entries import Entry, Reading, top_renderings
from glossary.formats.table import csv_text, read_table


def write(path: Path, entries: list[Entry]) -> None:
    rows = [(entry.chinese, entry.renderings[0].english) for entry in top_renderings(entries)]
    write_text_atomic(path, csv_text(rows))


def read(path: Path) -> Reading:
    return read_table(path, ",")
