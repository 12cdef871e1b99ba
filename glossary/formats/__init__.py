"""Glossary file formats for CAT and MT tools: name -> writer and reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from glossary.formats import csv, deepl, tbx, tbx3, tsv
from glossary.formats.entries import Entry, Reading


@dataclass(frozen=True)
class Format:
    name: str
    summary: str  # one line for --help
    write: Callable[[Path, list[Entry]], None]
    read: Callable[[Path], Reading]
    best_rendering_only: bool = False  # the format holds one English rendering per Chinese term


FORMATS = {
    file_format.name: file_format
    for file_format in (
        Format(
            "tbx",
            "TBX-Basic, 2008 <martif> layout (Trados MultiTerm, memoQ, OmegaT, Phrase)",
            tbx.write,
            tbx.read,
        ),
        Format("tbx3", "TBX-Basic for TBX v3 / ISO 30042:2019, DCA style", tbx3.write, tbx3.read),
        Format("tsv", "OmegaT glossary: zh<TAB>en<TAB>comment, no header", tsv.write, tsv.read),
        Format(
            "csv",
            "CSV with a header (memoQ, Trados Glossary Converter, Phrase), UTF-8 with BOM",
            csv.write,
            csv.read,
        ),
        Format(
            "deepl",
            "DeepL glossary entries: zh,en, best rendering only",
            deepl.write,
            deepl.read,
            best_rendering_only=True,
        ),
    )
}
