"""Glossary file formats for CAT and MT tools: name -> writer and reader, and which tool reads which."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from glossary.formats import csv, deepl, memoq, tbx, tbx3, tsv, xlsx
from glossary.formats.entries import Entry, Reading
from glossary.formats.options import ExportOptions


@dataclass(frozen=True)
class Format:
    name: str
    summary: str  # one line for --help: what the file is and which tools read it
    write: Callable[[Path, list[Entry], ExportOptions], None]
    read: Callable[[Path], Reading]
    best_rendering_only: bool = False  # the format holds one English rendering per Chinese term


FORMATS = {
    file_format.name: file_format
    for file_format in (
        Format(
            "tbx",
            "TBX-Basic 2008 <martif>, with its XCS beside it: Trados MultiTerm (via MultiTerm Convert),"
            " memoQ, Phrase, OmegaT, translate-toolkit (first rendering of an entry); TBX Checker valid",
            tbx.write,
            tbx.read,
        ),
        Format(
            "omegat-tbx",
            "TBX-Basic 2008 for OmegaT: one entry per rendering, so its comment shows that rendering's"
            " context and [status] only (translate-toolkit then sees every rendering too)",
            tbx.write_for_omegat,
            tbx.read,
        ),
        Format(
            "tbx3",
            "TBX-Basic v3 (ISO 30042:2019, DCA): tools that read TBX v3; not OmegaT or translate-toolkit",
            tbx3.write,
            tbx3.read,
        ),
        Format(
            "tsv",
            "OmegaT glossary (.txt/.utf8), the simplest for OmegaT: zh<TAB>en<TAB>[status] note, no header",
            tsv.write,
            tsv.read,
        ),
        Format(
            "csv",
            "CSV, one rendering a row, header zh,en,status,..., UTF-8 with a byte-order mark:"
            " Trados Glossary Converter, Excel, scripts",
            csv.write,
            csv.read,
        ),
        Format(
            "memoq",
            "memoQ term base CSV, one entry a row in memoQ's own export layout (synonyms, Forbidden);"
            " memoQ also imports tbx",
            memoq.write,
            memoq.read,
        ),
        Format(
            "xlsx",
            "term base spreadsheet, one concept a row (Status, Preferred, Forbidden): Phrase TMS"
            " term base import, Trados Glossary Converter (memoQ: use memoq or tbx)",
            xlsx.write,
            xlsx.read,
        ),
        Format(
            "deepl",
            "DeepL glossary entries zh,en: best approved rendering only",
            deepl.write,
            deepl.read,
            best_rendering_only=True,
        ),
    )
}
