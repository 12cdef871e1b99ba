"""TMX 1.4b export: header, units, escaping and atomic writing."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from glossary import __version__
from glossary.errors import GlossaryError
from glossary.formats.tmx import write_tmx
from glossary.models import AlignedUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

UNITS = [
    AlignedUnit("title", "论数字贸易规则", "On Digital Trade Rules", "A1", 3, 40),
    AlignedUnit(
        "abstract",
        "本文比较了“美式模板”与“欧式模板”。",
        'This article compares the "U.S. template" & the <EU> one.',
        "A1",
        5,
        42,
    ),
    AlignedUnit(
        "abstract", "数据跨境流动是核心议题。", "Cross-border data flows are the core issue.", "A2", 9, 60
    ),
]
LABELS = {"A1": "issue1.txt: 论数字贸易规则"}


def test_header_carries_every_attribute_tmx_requires(tmp_path: Path) -> None:
    path = tmp_path / "abstracts.tmx"
    write_tmx(path, UNITS, LABELS)
    root = SafeET.parse(path).getroot()
    assert root.tag == "tmx"
    assert root.get("version") == "1.4"
    assert [child.tag for child in root] == ["header", "body"]
    assert root.find("header").attrib == {
        "creationtool": "glossary",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "sentence",
        "adminlang": "en",
        "srclang": "zh-CN",
        "o-tmf": "glossary",
    }


def test_units_hold_article_kind_and_both_segments(tmp_path: Path) -> None:
    path = tmp_path / "abstracts.tmx"
    assert write_tmx(path, UNITS, LABELS) == 3
    units = SafeET.parse(path).getroot().find("body").findall("tu")
    assert len(units) == 3
    first = units[1]
    # The DTD wants properties before the variants: ((note|prop)*, tuv+).
    assert [child.tag for child in first] == ["prop", "prop", "tuv", "tuv"]
    assert {prop.get("type"): prop.text for prop in first.findall("prop")} == {
        "x-article": "issue1.txt: 论数字贸易规则",
        "x-kind": "abstract",
    }
    segments = {tuv.get(XML_LANG): tuv.find("seg").text for tuv in first.findall("tuv")}
    assert segments == {
        "zh-CN": "本文比较了“美式模板”与“欧式模板”。",
        "en": 'This article compares the "U.S. template" & the <EU> one.',
    }
    # An article without a label is named by its id.
    assert units[2].find("prop").text == "A2"


def test_file_is_utf8_with_declaration_and_escaped_markup(tmp_path: Path) -> None:
    path = tmp_path / "abstracts.tmx"
    write_tmx(path, UNITS, LABELS)
    raw = path.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    text = raw.decode("utf-8")
    assert "&amp; the &lt;EU&gt; one." in text
    assert "论数字贸易规则" in text


def test_characters_xml_cannot_hold_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "abstracts.tmx"
    unit = AlignedUnit("abstract", "分页符\x0c之后。", "After the\x00 page\x1f break.", "A1")
    write_tmx(path, [unit], LABELS)
    segments = [seg.text for seg in SafeET.parse(path).getroot().iter("seg")]
    assert segments == ["分页符之后。", "After the page break."]


def test_no_units_still_makes_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.tmx"
    assert write_tmx(path, [], {}) == 0
    assert SafeET.parse(path).getroot().find("body").findall("tu") == []


def test_rewriting_replaces_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "abstracts.tmx"
    write_tmx(path, UNITS, LABELS)
    write_tmx(path, UNITS[:1], LABELS)
    assert len(SafeET.parse(path).getroot().find("body").findall("tu")) == 1
    assert [item.name for item in tmp_path.iterdir()] == ["abstracts.tmx"]  # no temporary file left


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="folder to write into does not exist"):
        write_tmx(tmp_path / "missing" / "abstracts.tmx", UNITS, LABELS)
