"""TMX 1.4b export of aligned Chinese-English text, for translation-memory tools.

The language tags are the ones every export uses (--zh-lang, --en-lang). Each unit names its
article by file name and title only: a TMX is shared, and a local folder path has no place in it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from glossary import __version__
from glossary.files import write_text_atomic
from glossary.formats.options import ExportOptions
from glossary.models import AlignedUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot hold at all; PDF extraction leaves some (form feeds, stray controls).
NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
PROLOGUE = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'


def write_tmx(
    path: Path, units: list[AlignedUnit], labels: dict[str, str], options: ExportOptions | None = None
) -> int:
    """Write `units` as one <tu> each; `labels` names an article_id to people. Returns the count written."""
    options = options or ExportOptions()
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "glossary",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": "en",
            "srclang": options.zh_lang,
            "o-tmf": "glossary",
        },
    )
    body = ET.SubElement(root, "body")
    for unit in units:
        tu = ET.SubElement(body, "tu")
        _add_text(tu, "prop", labels.get(unit.article_id, unit.article_id), type="x-article")
        _add_text(tu, "prop", unit.kind, type="x-kind")
        for language, text in ((options.zh_lang, unit.zh), (options.en_lang, unit.en)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: language})
            _add_text(tuv, "seg", text)
    ET.indent(root)
    write_text_atomic(path, PROLOGUE + ET.tostring(root, encoding="unicode") + "\n")
    return len(units)


def _add_text(parent: ET.Element, tag: str, text: str, **attributes: str) -> None:
    ET.SubElement(parent, tag, attributes).text = NOT_XML_RE.sub("", text)
