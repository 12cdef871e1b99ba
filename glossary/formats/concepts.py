"""Concept-per-row tables (memoQ term-base CSV, term-base XLSX): one row per Chinese term, its
English renderings side by side as synonyms, each followed by its own attribute columns.

Reading finds the term columns by header; a term's attributes are the columns between it and the
next term column of its language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from glossary.errors import GlossaryError
from glossary.formats.cells import restore
from glossary.formats.entries import Reading, single_line
from glossary.models import KnownPair

# (English term, its attribute cells by header, the row's cells by header) -> (status, note) of the term
TermReading = Callable[[str, dict[str, str], dict[str, str]], tuple[str, str]]


def read_concept_rows(
    path: Path, rows: Sequence[Sequence[str]], chinese: str, english: str, term: TermReading, kind: str
) -> Reading:
    """The pairs of a table whose header names the Chinese column `chinese` and every English term
    column `english`; `term` tells a term's status and note from its attribute columns."""
    header = [cell.strip() for cell in rows[0]] if rows else []
    if chinese not in header or english not in header:
        raise GlossaryError(str(path), f"not a {kind}: no {chinese} and {english} columns in the first row")
    chinese_column = header.index(chinese)
    english_columns = [index for index, name in enumerate(header) if name == english]
    ends = [*english_columns[1:], len(header)]
    pairs: list[KnownPair] = []
    skipped = 0
    for row in rows[1:]:
        cells = [restore(str(cell)) for cell in row] + [""] * (len(header) - len(row))
        whole_row = dict(zip(header, cells, strict=False))
        zh = single_line(cells[chinese_column])
        terms = [
            (
                single_line(cells[start]),
                dict(zip(header[start + 1 : end], cells[start + 1 : end], strict=True)),
            )
            for start, end in zip(english_columns, ends, strict=True)
        ]
        found = [(en, attributes) for en, attributes in terms if zh and en]
        for en, attributes in found:
            status, note = term(en, attributes, whole_row)
            pairs.append(KnownPair(zh=zh, en=en, note=note, status=status, origin=str(path)))
        skipped += bool(not found and any(cell.strip() for cell in cells))
    return Reading(pairs=pairs, layout=kind, skipped=skipped)
