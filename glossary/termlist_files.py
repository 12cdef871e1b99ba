"""Termlist files: known Chinese-English pairs from shipped lists, CAT-tool exports and our own exports.

(The shipped lists themselves are the data package glossary.termlists, hence this module's name.)

load_termlist() recognises the format by content, not by file name: TBX (2008 martif, v3, TBX-Min),
memoQ term base CSV, term base XLSX, CSV or TSV with or without a header (our csv, tsv and deepl
exports among them). The tool's own
termlist format is TSV with the header zh, en, note, status (approved, alias, candidate or rejected).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from importlib.resources import as_file, files
from pathlib import Path

from glossary.errors import GlossaryError, Problem
from glossary.files import read_input, write_text_atomic
from glossary.formats import FORMATS, memoq
from glossary.formats.entries import Reading, single_line
from glossary.formats.table import content_lines, decode_text
from glossary.models import KnownPair

TERMLIST_HEADER = ("zh", "en", "note", "status")
# An XML declaration, comment, DOCTYPE or start tag; a CSV cell such as "<5%" is not one.
_XML_START = re.compile(r"<(\?xml|!--|!DOCTYPE|[A-Za-z_][\w.:-]*[\s/>])")
# memoQ's term base CSV, with any of the delimiters memoQ writes.
_MEMOQ_HEADER = re.compile(f'"?{memoq.ENTRY_COLUMNS[0]}"?[,;\t]')


def read_termlist(path: Path) -> Reading:
    """Every pair in one file, how the file was understood, and how many rows lacked a term."""
    return FORMATS[_sniff_format(Path(path))].read(Path(path))


def load_termlist(path: Path, problems: list[Problem] | None = None) -> list[KnownPair]:
    """The pairs of one file; rows lacking a term are skipped and, if `problems` is given, reported there."""
    reading = read_termlist(path)
    if reading.skipped and problems is not None:
        problems.append(Problem(str(path), skipped_message(reading.skipped)))
    return reading.pairs


def shipped_termlists(problems: list[Problem] | None = None) -> list[KnownPair]:
    """The curated lists shipped with glossary: every *.tsv of glossary.termlists, origin the file name."""
    pairs: list[KnownPair] = []
    for resource in sorted(files("glossary.termlists").iterdir(), key=lambda item: item.name):
        if not resource.name.endswith(".tsv"):
            continue
        with as_file(resource) as path:
            pairs.extend(_with_origin(load_termlist(path, problems), resource.name))
    return pairs


def load_termlists(
    paths: Sequence[Path], with_shipped: bool = True, problems: list[Problem] | None = None
) -> list[KnownPair]:
    """The shipped lists (unless with_shipped is False), then each file in the order given.

    Unreviewed candidates (from an export with --status candidate) are not known pairs: they are left
    out, and reported when `problems` is given.
    """
    pairs = shipped_termlists(problems) if with_shipped else []
    for path in paths:
        loaded = load_termlist(path, problems)
        candidates = sum(pair.status == "candidate" for pair in loaded)
        if candidates and problems is not None:
            problems.append(Problem(str(path), f"{candidates} unreviewed candidate pairs not used as known"))
        pairs.extend(pair for pair in loaded if pair.status != "candidate")
    return pairs


def write_termlist(path: Path, pairs: Sequence[KnownPair]) -> None:
    """The tool's own termlist: TSV, header zh, en, note, status; tabs and line breaks become spaces."""
    rows = [TERMLIST_HEADER, *((pair.zh, pair.en, pair.note, pair.status) for pair in pairs)]
    write_text_atomic(path, "".join("\t".join(single_line(cell) for cell in row) + "\n" for row in rows))


def skipped_message(count: int) -> str:
    return (
        f"skipped {count} {'entry' if count == 1 else 'entries'} without both a Chinese and an English term"
    )


def _with_origin(pairs: list[KnownPair], origin: str) -> list[KnownPair]:
    for pair in pairs:
        pair.origin = origin
    return pairs


def _sniff_format(path: Path) -> str:
    data = read_input(path)
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"  # a term base spreadsheet; any other workbook gets a clear error there
    head = data[:512]
    encoding = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    # Only the start is decoded here: an XML file may declare any encoding, and its parser reads that.
    if _XML_START.match(head.decode(encoding, errors="ignore").lstrip()):
        return "tbx"
    first_line = next(content_lines(decode_text(path, data)), None)
    if first_line is None or "\t" in first_line:  # only comment lines: an empty OmegaT glossary
        return "tsv"
    if _MEMOQ_HEADER.match(first_line):
        return "memoq"
    if "," in first_line:
        return "csv"
    raise GlossaryError(
        str(path), "not TBX, and no tab or comma separates the columns; expected zh, en[, note, status]"
    )
