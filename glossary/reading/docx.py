"""Word files (.docx): paragraphs of the main text, then footnotes and endnotes."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from glossary.errors import GlossaryError
from glossary.reading.normalize import join_wrapped

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


def read_lines(path: Path, name: str) -> tuple[list[str], str, list[str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if PARTS[0] not in names:
                raise GlossaryError(name, "not a Word document (no word/document.xml)")
            roots = [ElementTree.fromstring(archive.read(part)) for part in PARTS if part in names]
    except zipfile.BadZipFile:
        raise GlossaryError(name, "not a valid .docx (not a zip archive)") from None
    except (DefusedXmlException, ElementTree.ParseError) as error:
        raise GlossaryError(name, f"unsafe or broken XML inside the .docx: {error}") from None
    lines: list[str] = []
    for root in roots:
        for paragraph in root.iter(f"{W}p"):
            manual_lines = _paragraph_text(paragraph).split("\n")
            joined = ""
            for piece in manual_lines:
                joined = join_wrapped(joined, piece.strip())
            lines.append(joined)
    if not any(line.strip() for line in lines):
        raise GlossaryError(name, "empty document")
    return lines, "docx", []


def _paragraph_text(paragraph: Element) -> str:
    pieces: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{W}t" and node.text:
            pieces.append(node.text)
        elif node.tag == f"{W}tab":
            pieces.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            pieces.append("\n")
    return "".join(pieces)
