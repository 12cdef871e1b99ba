"""TBX-Basic in the 2008 layout (ISO 30042:2008, <martif>), the TBX most CAT tools import.

Follows the TBX-Basic specification: martifHeader with fileDesc/sourceDesc and an encodingDesc
naming the TBX-Basic XCS, then termEntry > langSet xml:lang > tig with term, termNote
partOfSpeech (noun or properNoun) and administrativeStatus, descrip type="context" and note.
"""

from __future__ import annotations

from pathlib import Path

from glossary.formats.entries import Entry
from glossary.formats.tbx_common import TbxLayout, read_tbx, write_tbx

LAYOUT = TbxLayout(
    root="martif",
    header="martifHeader",
    concept="termEntry",
    language="langSet",
    term_group="tig",
    prolog='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n',
    root_attributes=(),
    proper_noun="properNoun",
    xcs="TBXBasicXCSV02.xcs",
)

read = read_tbx


def write(path: Path, entries: list[Entry]) -> None:
    write_tbx(path, LAYOUT, entries)
