"""TBX-Basic for TBX v3 (ISO 30042:2019), data categories as attributes (style="dca").

The root is <tbx type="TBX-Basic" style="dca"> in the urn:iso:std:iso:30042:ed-2 namespace, preceded
by the xml-model processing instructions that point at the TBX-Basic RNG and Schematron schemas;
then tbxHeader and text/body/conceptEntry > langSec > termSec. The v3 TBX-Basic picklist for
partOfSpeech has no properNoun, so every term is a noun.
"""

from __future__ import annotations

from pathlib import Path

from glossary.formats.entries import Entry
from glossary.formats.tbx_common import TbxLayout, read_tbx, write_tbx

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_SCHEMAS = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA"

LAYOUT = TbxLayout(
    root="tbx",
    header="tbxHeader",
    concept="conceptEntry",
    language="langSec",
    term_group="termSec",
    prolog=(
        f'<?xml-model href="{_SCHEMAS}/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml"'
        ' schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f'<?xml-model href="{_SCHEMAS}/TBX-Basic_DCA.sch" type="application/xml"'
        ' schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
    ),
    # ElementTree writes a default namespace only as a plain attribute; the elements stay unprefixed.
    root_attributes=(("style", "dca"), ("xmlns", NAMESPACE)),
    proper_noun="noun",
)

read = read_tbx


def write(path: Path, entries: list[Entry]) -> None:
    write_tbx(path, LAYOUT, entries)
