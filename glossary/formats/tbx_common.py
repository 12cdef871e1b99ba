"""What TBX 2008 (martif) and TBX v3 share: concept, language and term levels under different names.

Writing: a TbxLayout names the elements of one TBX version; write_tbx() writes the same
TBX-Basic content for either. Every term group carries its own data: part of speech, term type
(acronym only on the rendering that is one, fullForm on the spelled-out names beside it),
administrative status, context and a note that names the rendering and its status in words, so a
reader that merges the notes of one entry (OmegaT does) still shows which rendering is which.
Unreviewed candidates get no administrative status: TBX-Basic's picklist has no word for "not yet
reviewed", and admittedTerm would tell translators a reviewer accepted them.

Reading: read_tbx() understands both versions, and the TBX-Min and data-category-as-tag variants
that CAT tools export, by element names without namespaces. XML is parsed only with defusedxml, so
entity tricks (billion laughs, external entities) are refused.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from glossary import __version__
from glossary.errors import GlossaryError
from glossary.files import write_text_atomic
from glossary.formats.entries import (
    Entry,
    Reading,
    Rendering,
    is_acronym,
    looks_like_a_name,
    read_status_note,
    single_line,
    status_from_word,
    status_note,
)
from glossary.formats.options import ExportOptions
from glossary.models import KnownPair

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMINISTRATIVE_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}


@dataclass(frozen=True)
class TbxLayout:
    """The element names and fixed parts of one TBX version."""

    root: str
    header: str
    concept: str
    language: str
    term_group: str
    prolog: str  # what comes between the XML declaration and the root element
    root_attributes: tuple[tuple[str, str], ...]
    proper_noun: str  # the partOfSpeech value for names of people, organizations and places
    names_xcs: bool = False  # TBX 2008 names its constraint specification in the header; v3 does not
    # False for OmegaT, which shows termNotes as raw codes ("preferredTerm-admn-sts") in its comment;
    # the note then carries the status in words on its own.
    term_notes: bool = True


def write_tbx(path: Path, layout: TbxLayout, entries: list[Entry], options: ExportOptions) -> None:
    root = ET.Element(
        layout.root, {"type": "TBX-Basic", XML_LANG: options.en_lang, **dict(layout.root_attributes)}
    )
    _add_header(root, layout, options)
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    ids: set[str] = set()
    for entry in entries:
        concept = ET.SubElement(body, layout.concept, id=_unique(entry.id, ids))
        _add_chinese(ET.SubElement(concept, layout.language, {XML_LANG: options.zh_lang}), layout, entry)
        english = ET.SubElement(concept, layout.language, {XML_LANG: options.en_lang})
        has_acronym = any(rendering.is_acronym for rendering in entry.renderings)
        for rendering in entry.renderings:
            _add_english(english, layout, entry, rendering, has_acronym)
    ET.indent(root)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    write_text_atomic(path, f"{declaration}{layout.prolog}{ET.tostring(root, encoding='unicode')}\n")


def _unique(identifier: str, ids: set[str]) -> str:
    # Two spellings of one term that normalise alike (full-width and half-width) must not share an id.
    candidate, number = identifier, 1
    while candidate in ids:
        number += 1
        candidate = f"{identifier}-{number}"
    ids.add(candidate)
    return candidate


def _add_header(root: ET.Element, layout: TbxLayout, options: ExportOptions) -> None:
    header = ET.SubElement(root, layout.header)
    file_description = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_description, "titleStmt"), "title").text = "Chinese-English glossary"
    ET.SubElement(
        ET.SubElement(file_description, "sourceDesc"), "p"
    ).text = f"Exported by glossary {__version__} from a reviewed glossary workbook"
    if layout.names_xcs:
        ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = options.xcs_name


def _part_of_speech(layout: TbxLayout, entry: Entry) -> str:
    return layout.proper_noun if entry.proper_noun else "noun"


def _add_chinese(section: ET.Element, layout: TbxLayout, entry: Entry) -> None:
    group = _term_group(section, layout, entry.chinese, _part_of_speech(layout, entry))
    if is_acronym(entry.chinese) and layout.term_notes:
        ET.SubElement(group, "termNote", type="termType").text = "acronym"
    if entry.chinese_context:
        ET.SubElement(group, "descrip", type="context").text = entry.chinese_context


def _add_english(
    section: ET.Element, layout: TbxLayout, entry: Entry, rendering: Rendering, has_acronym: bool
) -> None:
    # TBX-Basic order inside a term group: the term, its termNotes, then descrip and note.
    group = _term_group(section, layout, rendering.english, _part_of_speech(layout, entry))
    if layout.term_notes:
        # A spelled-out name beside an acronym is its full form; a lower-case candidate is not.
        if rendering.is_acronym or (has_acronym and looks_like_a_name(rendering.english)):
            term_type = "acronym" if rendering.is_acronym else "fullForm"
            ET.SubElement(group, "termNote", type="termType").text = term_type
        if rendering.standing in ADMINISTRATIVE_STATUS:
            status = ADMINISTRATIVE_STATUS[rendering.standing]
            ET.SubElement(group, "termNote", type="administrativeStatus").text = status
    if rendering.english_context:
        ET.SubElement(group, "descrip", type="context").text = rendering.english_context
    ET.SubElement(group, "note").text = status_note(rendering)


def _term_group(section: ET.Element, layout: TbxLayout, term: str, part_of_speech: str) -> ET.Element:
    group = ET.SubElement(section, layout.term_group)
    ET.SubElement(group, "term").text = term
    if layout.term_notes:
        ET.SubElement(group, "termNote", type="partOfSpeech").text = part_of_speech
    return group


# Reading: element names of TBX 2008, TBX v3 (DCA and DCT styles) and TBX-Min, without namespaces.
_LAYOUT_OF_ROOT = {"martif": "TBX 2008 (martif)", "tbx": "TBX v3", "TBX": "TBX-Min"}
_CONCEPTS = frozenset({"termEntry", "conceptEntry", "entry"})
_LANGUAGES = frozenset({"langSet", "langSec", "langGroup"})
_TERM_GROUPS = frozenset({"tig", "ntig", "termSec", "termGroup"})
_STATUS_TAGS = frozenset({"administrativeStatus", "termStatus"})


@dataclass
class _Term:
    text: str
    status: str
    note: str


def read_tbx(path: Path) -> Reading:
    root = _parse_xml(path)
    layout = _LAYOUT_OF_ROOT.get(_local_name(root.tag))
    if layout is None:
        raise GlossaryError(str(path), f"XML, but not TBX: the root element is <{_local_name(root.tag)}>")
    pairs: list[KnownPair] = []
    skipped = 0
    for concept in _descendants(root, _CONCEPTS):
        chinese, english = _terms(concept, "zh"), _terms(concept, "en")
        if not chinese or not english:
            skipped += 1
            continue
        pairs.extend(
            KnownPair(zh=zh.text, en=en.text, note=en.note, status=en.status, origin=str(path))
            for zh in chinese
            for en in english
        )
    return Reading(pairs=pairs, layout=layout, skipped=skipped)


def _parse_xml(path: Path) -> ET.Element:
    try:
        return SafeET.parse(path).getroot()
    except DefusedXmlException as error:
        raise GlossaryError(
            str(path), f"refused: the XML declares entities, which a termlist never needs ({error})"
        ) from None
    except ET.ParseError as error:
        raise GlossaryError(str(path), f"not well-formed XML: {error}") from None
    except OSError as error:
        raise GlossaryError(str(path), f"cannot read: {error.strerror}") from None


def _terms(concept: ET.Element, language: str) -> list[_Term]:
    terms: list[_Term] = []
    for section in _descendants(concept, _LANGUAGES):
        code = section.get(XML_LANG) or section.get("lang") or ""
        if code.replace("_", "-").split("-")[0].lower() != language:
            continue
        for group in _descendants(section, _TERM_GROUPS):
            term = _term(group)
            if term.text:
                terms.append(term)
    return terms


def _term(group: ET.Element) -> _Term:
    text, status, labelled, notes = "", "", "", []
    for element in group.iter():
        name = _local_name(element.tag)
        if name == "term" and not text:
            text = _text(element)
        elif name in _STATUS_TAGS or (name == "termNote" and element.get("type") == "administrativeStatus"):
            status = status_from_word(_text(element)) or status
        elif name == "note" and _text(element):
            note = _text(element)
            label = read_status_note(note, text)
            if label:
                labelled, note = label
            if note:
                notes.append(note)
    return _Term(text=text, status=status or labelled or "approved", note="; ".join(notes))


def _text(element: ET.Element) -> str:
    return single_line("".join(element.itertext()))


def _descendants(element: ET.Element, names: frozenset[str]) -> Iterator[ET.Element]:
    return (child for child in element.iter() if _local_name(child.tag) in names)


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
