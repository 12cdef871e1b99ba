"""memoQ term base CSV: one entry per row, in the layout memoQ itself exports and reads back.

Entry-level columns Entry_ID, Entry_Subject, Entry_Domain, Entry_Note, then for each language its
definition column (<Language>_Def) and its terms, each term followed by Term_Info and Term_Example;
a language with several terms (synonyms) repeats its term column with Term_Info and Term_Example.
Languages are named as memoQ names them (Chinese_PRC for zh-CN, English_United_States for en-US).
A rejected rendering is marked Forbidden in its Term_Info, which memoQ's QA then flags; the
context goes in Term_Example, and Entry_Note lists every rendering with its status in words and
its note, so candidates stay visibly unreviewed. UTF-8 with a byte-order mark, RFC 4180 quoting.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from glossary.files import read_input, write_text_atomic
from glossary.formats.concepts import read_concept_rows
from glossary.formats.entries import Entry, Reading, read_status_note, status_note
from glossary.formats.options import ExportOptions
from glossary.formats.table import csv_text, decode_text, delimited_context, table_cells

ENTRY_COLUMNS = ("Entry_ID", "Entry_Subject", "Entry_Domain", "Entry_Note")
FORBIDDEN = "Forbidden"
# memoQ's names for the language tags a glossary uses; other tags fall back to the language alone.
MEMOQ_LANGUAGES = {
    "zh": "Chinese",
    "zh-cn": "Chinese_PRC",
    "zh-hans": "Chinese_PRC",
    "zh-hans-cn": "Chinese_PRC",
    "zh-tw": "Chinese_Taiwan",
    "zh-hant": "Chinese_Taiwan",
    "zh-hant-tw": "Chinese_Taiwan",
    "zh-hk": "Chinese_Hong_Kong",
    "zh-sg": "Chinese_Singapore",
    "en": "English",
    "en-us": "English_United_States",
    "en-gb": "English_United_Kingdom",
}


def memoq_language(tag: str) -> str:
    return MEMOQ_LANGUAGES.get(tag.lower(), "Chinese" if tag.lower().startswith("zh") else "English")


def write(path: Path, entries: list[Entry], options: ExportOptions) -> None:
    chinese, english = memoq_language(options.zh_lang), memoq_language(options.en_lang)
    widest = max(len(entry.renderings) for entry in entries)
    header = [*ENTRY_COLUMNS, f"{chinese}_Def", chinese, "Term_Info", "Term_Example", f"{english}_Def"]
    header += [english, "Term_Info", "Term_Example"] * widest
    rows = [header]
    for entry in entries:
        note = "\n".join(status_note(rendering) for rendering in entry.renderings)
        row = [entry.id, "", "", note, "", entry.chinese, "", delimited_context(entry.chinese_context), ""]
        for rendering in entry.renderings:
            term_info = FORBIDDEN if rendering.standing == "deprecated" else ""
            row += [rendering.english, term_info, delimited_context(rendering.english_context)]
        rows.append(row)
    write_text_atomic(path, "\ufeff" + csv_text(table_cells(rows, options), quote_all=True))


def read(path: Path) -> Reading:
    text = decode_text(path, read_input(path))
    # memoQ writes commas by default, semicolons from its server API, tabs when asked.
    delimiter = next((char for char in ",;\t" if char in text.split("\n", 1)[0]), ",")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = rows[0] if rows else []
    chinese = next((name for name in header if name.startswith("Chinese") and not name.endswith("_Def")), "")
    english = next((name for name in header if name.startswith("English") and not name.endswith("_Def")), "")
    return read_concept_rows(path, rows, chinese or "Chinese", english or "English", _term, "memoQ CSV")


def _term(english: str, attributes: dict[str, str], row: dict[str, str]) -> tuple[str, str]:
    labelled = (read_status_note(line, english) for line in row.get("Entry_Note", "").split("\n"))
    status, note = next((label for label in labelled if label), ("approved", ""))
    forbidden = FORBIDDEN.casefold() in attributes.get("Term_Info", "").casefold()
    return ("rejected" if forbidden else status), note
