"""TBX-Basic for TBX v3 (ISO 30042:2019), data categories as attributes (style="dca").

The root is <tbx type="TBX-Basic" style="dca"> in the urn:iso:std:iso:30042:ed-2 namespace, preceded
by xml-model processing instructions naming the schemas LTAC Global publishes today: the TBX core
RNG and the TBX-Basic DCA Schematron. Then tbxHeader and text/body/conceptEntry > langSec > termSec.
The v3 TBX-Basic picklist for partOfSpeech has no properNoun, so every term is a noun.

OmegaT (its reader is bound to the 2008 <martif> elements without a namespace) and translate-toolkit
do not read TBX v3; give them `tbx`.
"""

from __future__ import annotations

from pathlib import Path

from glossary.formats.entries import Entry
from glossary.formats.options import ExportOptions
from glossary.formats.tbx_common import TbxLayout, read_tbx, write_tbx

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
CORE_RNG = "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng"
BASIC_SCHEMATRON = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"
)

LAYOUT = TbxLayout(
    root="tbx",
    header="tbxHeader",
    concept="conceptEntry",
    language="langSec",
    term_group="termSec",
    prolog=(
        f'<?xml-model href="{CORE_RNG}" type="application/xml"'
        ' schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f'<?xml-model href="{BASIC_SCHEMATRON}" type="application/xml"'
        ' schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
    ),
    # ElementTree writes a default namespace only as a plain attribute; the elements stay unprefixed.
    root_attributes=(("style", "dca"), ("xmlns", NAMESPACE)),
    proper_noun="noun",
)

read = read_tbx


def write(path: Path, entries: list[Entry], options: ExportOptions) -> None:
    write_tbx(path, LAYOUT, entries, options)
