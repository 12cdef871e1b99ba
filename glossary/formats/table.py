"""Termlists as tables: writing CSV text, and reading TSV and CSV files of any common shape.

Reading takes UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark, a header
row or none. With a header, columns are found by name (zh or Chinese, en or English, note, status);
without one they are zh, en, then optional note and status. A note that starts with a status in
brackets, as our OmegaT glossary writes it ("[candidate, not reviewed] ..."), gives the status when
there is no status column. Cells escaped against formula injection are read back exactly. Rows
that lack either term are counted and skipped; a status that is not understood stops the reading
with the file and line named.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from glossary.chinese import han_count
from glossary.errors import GlossaryError
from glossary.files import read_input
from glossary.formats.cells import neutralise, restore
from glossary.formats.entries import Reading, single_line, status_from_word
from glossary.formats.options import ExportOptions
from glossary.models import KnownPair

# "[approved, alternative] older rendering": a status label at the start of a note or comment.
_STATUS_LABEL = re.compile(r"\[(?P<words>[^\]]+)\]\s*(?P<note>.*)", re.DOTALL)

_HEADER_NAMES = {
    "zh": frozenset({"zh", "zh-cn", "zh-hans", "zh-hant", "zh-tw", "zh-hk", "chinese", "source", "中文"}),
    "en": frozenset({"en", "en-us", "en-gb", "english", "target", "英文"}),
    "note": frozenset({"note", "notes", "comment", "comments", "description", "definition"}),
    "status": frozenset({"status"}),
}
_HEADERLESS_COLUMNS = {"zh": 0, "en": 1, "note": 2, "status": 3}


def csv_text(rows: Iterable[Sequence[object]], quote_all: bool = False) -> str:
    """RFC 4180 CSV: CRLF line ends; fields with commas, quotes or line breaks quoted, quotes doubled.

    quote_all quotes every field: delimiter sniffers (memoQ's import, Python's csv.Sniffer) then see
    "," between quotes on every line and are not misled by the commas and full stops of contexts.
    """
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(buffer, lineterminator="\r\n", quoting=quoting).writerows(rows)
    return buffer.getvalue()


def table_cells(rows: Iterable[Sequence[str]], options: ExportOptions) -> list[Sequence[str]]:
    """Rows as a delimited export writes them: formula triggers neutralised unless cells stay exact."""
    if options.exact_cells:
        return list(rows)
    return [[neutralise(cell) for cell in row] for row in rows]


def delimited_context(context: str) -> str:
    """A context on one line, without the ellipsis that marks a cut start: a cell that opens with
    punctuation after its quote ("…" or "...") is what delimiter sniffers take for the separator."""
    return single_line(context).lstrip("….").lstrip()


def decode_text(path: Path, data: bytes) -> str:
    """The text of a termlist file, or a GlossaryError saying why it is not one."""
    if data.startswith(b"PK\x03\x04"):
        raise GlossaryError(str(path), "a ZIP or Excel file, not a termlist; save it as TBX, CSV or TSV")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data[:8192]:
        raise GlossaryError(str(path), "binary data, not a termlist")
    try:
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError:
        raise GlossaryError(
            str(path), "not UTF-8 text; save it as UTF-8 (or UTF-16 with a byte-order mark)"
        ) from None
    if "\x00" in text:
        raise GlossaryError(str(path), "binary data, not a termlist")
    if not text.strip():
        raise GlossaryError(str(path), "the file is empty")
    return text


def content_lines(text: str) -> Iterator[str]:
    """Lines that hold data: not blank, not a # comment (OmegaT's comment lines)."""
    return (line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def read_table(path: Path, delimiter: str) -> Reading:
    text = decode_text(path, read_input(path))
    tab = delimiter == "\t"
    # Tab-separated glossaries have no quoting: a field may begin with a quotation mark.
    rows = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quoting=csv.QUOTE_NONE if tab else csv.QUOTE_MINIMAL,
    )
    columns: dict[str, int] | None = None
    has_header = False
    pairs: list[KnownPair] = []
    data_rows = skipped = 0
    for cells in rows:
        if not any(cell.strip() for cell in cells) or (tab and cells[0].startswith("#")):
            continue
        if columns is None:
            header = _header_columns(cells)
            columns = header or _HEADERLESS_COLUMNS
            if header:
                has_header = True
                continue
        data_rows += 1
        pair = _pair(path, rows.line_num, cells, columns)
        if pair is None:
            skipped += 1
        else:
            pairs.append(pair)
    kind = "TSV" if tab else "CSV"
    if data_rows and not pairs:
        raise GlossaryError(
            str(path),
            f"no row has both a Chinese and an English term; expected {kind} columns zh, en[, note, status]",
        )
    _check_chinese_column(path, pairs)
    return Reading(
        pairs=pairs, layout=f"{kind} {'with' if has_header else 'without'} header", skipped=skipped
    )


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = cell.strip().lower().replace("_", "-")
        for role, names in _HEADER_NAMES.items():
            if name in names and role not in columns:
                columns[role] = index
    return columns if "zh" in columns and "en" in columns else None


def _pair(path: Path, line: int, cells: list[str], columns: dict[str, int]) -> KnownPair | None:
    def cell(role: str) -> str:
        index = columns.get(role)
        return restore(cells[index].strip()) if index is not None and index < len(cells) else ""

    zh, en, note, status_word = single_line(cell("zh")), single_line(cell("en")), cell("note"), cell("status")
    if not zh or not en:
        return None
    status = status_from_word(status_word)
    if status is None:
        raise GlossaryError(
            f"{path}:{line}", f"unknown status {status_word!r}; use approved, alias, candidate or rejected"
        )
    label = _STATUS_LABEL.fullmatch(note)
    if not status_word and label and status_from_word(label["words"]):
        status, note = status_from_word(label["words"]), label["note"].strip()
    return KnownPair(zh=zh, en=en, note=note, status=status, origin=str(path))


def _check_chinese_column(path: Path, pairs: list[KnownPair]) -> None:
    if not pairs or any(han_count(pair.zh) for pair in pairs):
        return
    swapped = any(han_count(pair.en) for pair in pairs)
    raise GlossaryError(
        str(path),
        "the Chinese terms are in the second column; put zh first, then en"
        if swapped
        else "no Chinese in the zh column; expected columns zh, en[, note, status]",
    )
