"""TBX output checked against the TBX-Basic structure: 2008 <martif> and v3 <tbx> (DCA style)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from glossary.errors import GlossaryError
from glossary.formats import FORMATS
from glossary.formats.entries import build_entries, entry_id
from glossary.formats.options import ExportOptions
from glossary.models import GlossaryRow

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
V3 = "{urn:iso:std:iso:30042:ed-2}"
ADMINISTRATIVE_STATUSES = {
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
}
TERM_GROUP_ORDER = ("term", "termNote", "descrip", "note")  # TBX-Basic: term, termNotes, then auxiliary info


def row(
    chinese: str, english: str, type: str = "concept", status: str = "approved", **text: str
) -> GlossaryRow:
    return GlossaryRow(
        chinese=chinese,
        english=english,
        confidence=0.9,
        type=type,
        sources=["title"],
        frequency=2,
        articles=[],
        status=status,
        **text,
    )


ROWS = [
    row(
        "全球安全倡议",
        "Global Security Initiative",
        chinese_context="习近平提出全球安全倡议",
        english_context="Xi Jinping proposed the Global Security Initiative",
        note="official rendering; see MFA & Xinhua",
    ),
    row("全球安全倡议", "Global Security Proposal", status="candidate"),
    row("全球安全倡议", "global safety initiative", status="rejected"),
    row("习近平", "Xi Jinping", type="person"),
    row("联合国安理会", "UN Security Council", type="organization"),
    row("中科院", "CAS", type="acronym"),
    row("臺灣海峽", "Taiwan Strait", type="place"),
    row("小于号", "less-than sign <", note='written "<" in formulas'),
]


def write(tmp_path: Path, name: str) -> tuple[str, ET.Element]:
    output = tmp_path / f"glossary.{name}"
    FORMATS[name].write(output, build_entries(ROWS), ExportOptions())
    return output.read_text(encoding="utf-8"), SafeET.parse(output).getroot()


def children(element: ET.Element) -> list[str]:
    return [child.tag.rsplit("}", 1)[-1] for child in element]


def assert_term_group(group: ET.Element, part_of_speech_values: set[str]) -> None:
    names = children(group)
    assert names[0] == "term"
    assert names == sorted(names, key=TERM_GROUP_ORDER.index)
    notes = {note.get("type"): note.text for note in group if note.tag.endswith("termNote")}
    assert notes["partOfSpeech"] in part_of_speech_values
    assert notes.get("administrativeStatus", "preferredTerm-admn-sts") in ADMINISTRATIVE_STATUSES


def test_tbx_2008_follows_the_tbx_basic_martif_layout(tmp_path: Path) -> None:
    text, root = write(tmp_path, "tbx")
    # The ISO public identifier: validators resolve it to their own copy of the core DTD.
    assert text.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif PUBLIC "ISO 30042:2008A//DTD TBX core//EN" "TBXcoreStructV02.dtd">'
    )
    assert root.tag == "martif"
    assert root.get("type") == "TBX-Basic" and root.get(XML_LANG) == "en"
    assert children(root) == ["martifHeader", "text"]
    header = root.find("martifHeader")
    assert header is not None and children(header) == ["fileDesc", "encodingDesc"]
    assert header.findtext("fileDesc/sourceDesc/p")
    assert header.find("encodingDesc/p[@type='XCSURI']").text == "TBXBasic-zh-CN-en.xcs"
    assert (tmp_path / "TBXBasic-zh-CN-en.xcs").is_file()  # written beside it
    entries = root.findall("text/body/termEntry")
    assert len(entries) == 6
    assert len({entry.get("id") for entry in entries}) == 6
    assert all(entry.get("id")[0].isalpha() for entry in entries)
    for entry in entries:
        assert [language.get(XML_LANG) for language in entry.findall("langSet")] == ["zh-CN", "en"]
        for group in entry.iter("tig"):
            assert_term_group(group, {"noun", "verb", "adjective", "adverb", "properNoun", "other"})


def test_tbx_2008_marks_status_part_of_speech_context_and_note(tmp_path: Path) -> None:
    _, root = write(tmp_path, "tbx")
    initiative = root.find(f"text/body/termEntry[@id='{entry_id('全球安全倡议')}']")
    zh = initiative.find("langSet[@xml:lang='zh-CN']/tig", {"xml": "http://www.w3.org/XML/1998/namespace"})
    assert zh.findtext("term") == "全球安全倡议"
    assert zh.findtext("descrip[@type='context']") == "习近平提出全球安全倡议"
    english = initiative.findall("langSet")[1].findall("tig")
    assert [
        (tig.findtext("term"), tig.findtext("termNote[@type='administrativeStatus']")) for tig in english
    ] == [
        ("Global Security Initiative", "preferredTerm-admn-sts"),
        ("Global Security Proposal", None),  # a candidate is not admitted: no status, a note says so
        ("global safety initiative", "deprecatedTerm-admn-sts"),
    ]
    assert [tig.findtext("note") for tig in english[1:]] == [
        "[Global Security Proposal: candidate, not reviewed]",
        "[global safety initiative: rejected, do not use]",
    ]
    assert (
        english[0].findtext("descrip[@type='context']")
        == "Xi Jinping proposed the Global Security Initiative"
    )
    # The note names its rendering and status: a reader that merges an entry's notes still tells them apart.
    assert english[0].findtext("note") == (
        "[Global Security Initiative: approved, preferred] official rendering; see MFA & Xinhua"
    )
    parts_of_speech = {
        entry.find("langSet/tig/term").text: entry.findtext("langSet/tig/termNote[@type='partOfSpeech']")
        for entry in root.iter("termEntry")
    }
    assert parts_of_speech["习近平"] == "properNoun"
    assert parts_of_speech["联合国安理会"] == "properNoun"
    assert parts_of_speech["臺灣海峽"] == "properNoun"
    assert parts_of_speech["全球安全倡议"] == "noun"
    acronym = root.find(f"text/body/termEntry[@id='{entry_id('中科院')}']")
    assert acronym.findall("langSet")[1].findtext("tig/termNote[@type='termType']") == "acronym"


def test_tbx_escapes_markup_characters(tmp_path: Path) -> None:
    text, root = write(tmp_path, "tbx")
    assert "less-than sign &lt;" in text
    assert "MFA &amp; Xinhua" in text
    terms = {term.text for term in root.iter("term")}
    assert "less-than sign <" in terms
    notes = {note.text for note in root.iter("note")}
    assert '[less-than sign <: approved, preferred] written "<" in formulas' in notes


def test_tbx3_follows_the_tbx_basic_dca_layout(tmp_path: Path) -> None:
    text, root = write(tmp_path, "tbx3")
    prolog = text.split("<tbx ", 1)[0]
    # The schemas LTAC publishes now (the integrated RNG it named before was removed in 2023).
    assert "LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" in prolog
    assert 'schematypens="http://relaxng.org/ns/structure/1.0"' in prolog
    assert "TBX-Basic_DCA.sch" in prolog
    assert 'schematypens="http://purl.oclc.org/dsdl/schematron"' in prolog
    assert root.tag == f"{V3}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "en")
    assert children(root) == ["tbxHeader", "text"]
    assert root.findtext(f"{V3}tbxHeader/{V3}fileDesc/{V3}sourceDesc/{V3}p")
    concepts = root.findall(f"{V3}text/{V3}body/{V3}conceptEntry")
    assert len(concepts) == 6
    for concept in concepts:
        assert [section.get(XML_LANG) for section in concept.findall(f"{V3}langSec")] == ["zh-CN", "en"]
        for section in concept.findall(f"{V3}langSec"):
            assert set(children(section)) == {"termSec"}
            for group in section:
                # v3 TBX-Basic has no properNoun in its partOfSpeech picklist.
                assert_term_group(group, {"noun", "verb", "adjective", "adverb", "other"})
    # Every element is in the TBX namespace (the DCA Schematron forbids any other).
    assert all(element.tag.startswith(V3) for element in root.iter())


@pytest.mark.parametrize("name", ["tbx", "tbx3"])
def test_tbx_keeps_traditional_characters_and_full_width_punctuation(tmp_path: Path, name: str) -> None:
    output = tmp_path / f"glossary.{name}"
    FORMATS[name].write(
        output, build_entries([row("《臺灣關係法》", "Taiwan Relations Act", type="other")]), ExportOptions()
    )
    assert "<term>《臺灣關係法》</term>" in output.read_text(encoding="utf-8")


def test_term_type_belongs_to_each_rendering(tmp_path: Path) -> None:
    # The extractor types the whole Chinese term: a law and an organisation come typed "acronym".
    rows = [
        row("外国投资风险审查现代化法案", "Foreign Investment Risk Review Modernization Act", type="acronym"),
        row("外国投资风险审查现代化法案", "FIRRMA", type="acronym"),
        row("东盟", "ASEAN", type="acronym"),
        row("东盟", "Association of Southeast Asian Nations", type="acronym"),
        row("东盟", "association of nations", type="acronym", status="candidate"),
        row("国内生产总值", "GDP", type="acronym"),
    ]
    output = tmp_path / "glossary.tbx"
    FORMATS["tbx"].write(output, build_entries(rows), ExportOptions())
    root = SafeET.parse(output).getroot()
    notes = {
        tig.findtext("term"): (
            tig.findtext("termNote[@type='termType']"),
            tig.findtext("termNote[@type='partOfSpeech']"),
        )
        for tig in root.iter("tig")
    }
    assert notes["外国投资风险审查现代化法案"] == (None, "properNoun")
    assert notes["Foreign Investment Risk Review Modernization Act"] == ("fullForm", "properNoun")
    assert notes["FIRRMA"] == ("acronym", "properNoun")
    assert notes["Association of Southeast Asian Nations"] == ("fullForm", "properNoun")
    assert notes["ASEAN"] == ("acronym", "properNoun")
    assert notes["association of nations"] == (None, "properNoun")  # not spelled out like a name
    assert notes["GDP"] == ("acronym", "noun")  # no capitalised full name: nothing says it is a name


def test_entry_ids_stay_with_their_chinese_term_across_exports(tmp_path: Path) -> None:
    def ids(rows: list[GlossaryRow]) -> dict[str, str]:
        output = tmp_path / "glossary.tbx"
        FORMATS["tbx"].write(output, build_entries(rows), ExportOptions())
        root = SafeET.parse(output).getroot()
        return {entry.findtext("langSet/tig/term"): entry.get("id") for entry in root.iter("termEntry")}

    approved = ids(ROWS[3:])
    everything = ids([row("和平崛起", "peaceful rise", status="rejected"), *ROWS])
    assert approved.items() <= everything.items()
    assert len(set(everything.values())) == len(everything)


def test_the_xcs_beside_a_tbx_declares_the_languages_it_uses(tmp_path: Path) -> None:
    output = tmp_path / "glossary.tbx"
    options = ExportOptions(zh_lang="zh-Hant-HK", en_lang="en-GB")
    FORMATS["tbx"].write(output, build_entries(ROWS), options)
    root = SafeET.parse(output).getroot()
    xcs = SafeET.parse(tmp_path / "TBXBasic-zh-Hant-HK-en-GB.xcs").getroot()
    declared = {code.text for code in xcs.iter("langCode")}
    used = {section.get(XML_LANG) for section in root.iter("langSet")}
    assert used == {"zh-Hant-HK", "en-GB"} and used <= declared
    assert root.findtext("martifHeader/encodingDesc/p") == "TBXBasic-zh-Hant-HK-en-GB.xcs"


def test_a_foreign_file_where_the_xcs_goes_is_never_replaced(tmp_path: Path) -> None:
    foreign = tmp_path / "TBXBasic-zh-CN-en.xcs"
    foreign.write_text("a colleague's notes", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not an XCS written by glossary"):
        FORMATS["tbx"].write(tmp_path / "glossary.tbx", build_entries(ROWS), ExportOptions())
    assert foreign.read_text(encoding="utf-8") == "a colleague's notes"
    assert not (tmp_path / "glossary.tbx").exists()
