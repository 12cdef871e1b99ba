"""Bytes to text: UTF-8 with and without BOM, UTF-16, GB18030/GBK and Big5, and bytes that are not text."""

from __future__ import annotations

import codecs

import pytest
from conftest import TIYAO_ISSUE, TRADITIONAL_ISSUE

from glossary.reading.decoding import UndecodableError, decode, describe_bad_utf8, is_binary, plausibility

ABSTRACT = (
    "〔提要〕全球安全倡议为破解全球安全赤字提供了中国方案。"
    "当前地区安全治理面临霸权主义、集团对抗和安全困境等多重挑战，传统的同盟体系难以提供可持续的地区安全公共产品。"
)


def test_utf8_without_bom() -> None:
    assert decode(TIYAO_ISSUE.encode("utf-8")) == (TIYAO_ISSUE, "utf-8")


def test_utf8_with_bom_drops_the_mark() -> None:
    text, encoding = decode(codecs.BOM_UTF8 + ABSTRACT.encode("utf-8"))
    assert (text, encoding) == (ABSTRACT, "utf-8-sig")
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_either_byte_order(codec: str) -> None:
    data = TIYAO_ISSUE.encode(codec)
    if codec != "utf-16":
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    text, encoding = decode(data)
    assert text == TIYAO_ISSUE
    assert encoding == "utf-16"


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec: str, name: str) -> None:
    # Journal text has line breaks, spaces and digits: every other byte of those is NUL.
    assert decode(TIYAO_ISSUE.encode(codec)) == (TIYAO_ISSUE, name)


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb_encodings_long_text(codec: str) -> None:
    assert decode(TIYAO_ISSUE.encode(codec)) == (TIYAO_ISSUE, "gb18030")


@pytest.mark.parametrize(
    "text",
    [
        "关键词：全球治理",
        "〔关 键 词〕国际秩序、区域合作",
        "单边制裁的国际法困境",
        ABSTRACT,
        "Abstract: The rise of China. 中国的崛起",  # mostly ASCII with a little Chinese
    ],
)
def test_gbk_short_text(text: str) -> None:
    assert decode(text.encode("gbk")) == (text, "gb18030")


def test_gb18030_characters_beyond_gbk() -> None:
    text = "关键词：䶮、𠀀字、全球治理"  # U+4DAE and U+20000 need GB18030's four-byte forms
    assert decode(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("text", ["关键词", "治理"])
def test_gbk_very_short_text_prefers_gb18030_over_big5(text: str) -> None:
    assert decode(text.encode("gbk")) == (text, "gb18030")


def test_big5_traditional_text() -> None:
    text, encoding = decode(TRADITIONAL_ISSUE.encode("big5"))
    assert text == TRADITIONAL_ISSUE
    assert encoding.startswith("big5")


def test_big5_short_traditional_line() -> None:
    line = "〔關 鍵 詞〕數字技術、全球治理、數字平臺"
    text, encoding = decode(line.encode("big5"))
    assert (text, encoding[:4]) == (line, "big5")


def test_nul_bytes_are_binary() -> None:
    data = b"%PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(UndecodableError, match="binary"):
        decode(data)


def test_bytes_that_are_no_chinese_encoding_are_undecodable() -> None:
    data = bytes(range(0x80, 0x100)) * 8  # invalid as UTF-8, GB18030 and Big5, no single-byte text either
    with pytest.raises(UndecodableError, match="undecodable"):
        decode(data)


def test_invalid_bytes_after_a_utf8_bom() -> None:
    with pytest.raises(UndecodableError, match="byte-order mark"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd abc")


def test_is_binary() -> None:
    assert is_binary(b"abc\x00def")
    assert is_binary(bytes(range(1, 9)) * 20)
    assert not is_binary("第一行\n\t第二行\r\n\f第三页".encode())


def test_plausibility_tells_text_from_mojibake() -> None:
    assert plausibility("no Chinese at all") == 1.0
    assert plausibility("区域合作与全球治理") == 1.0
    assert plausibility("區域合作與全球治理") == 1.0  # traditional characters are common ones too
    mojibake = "区域合作与全球治理的新路径".encode("gbk").decode("big5hkscs", errors="ignore")
    assert plausibility(mojibake) < 0.85


def test_damaged_utf8_is_read_with_the_bad_bytes_replaced() -> None:
    data = TIYAO_ISSUE.encode("utf-8")
    cut = data.index("区域合作".encode())
    damaged = data[:cut] + b"\xff" + data[cut + 1 :]  # the first of 区's three bytes overwritten
    assert decode(damaged) == (TIYAO_ISSUE.replace("区域合作", "\ufffd" * 3 + "域合作", 1), "utf-8")


def test_where_the_bad_utf8_bytes_are() -> None:
    data = "第一行\n第二行 abc".encode() + b"\xc3" + "def\n第三行".encode() + b"\xff\xfe"
    assert describe_bad_utf8(data) == (
        "3 invalid UTF-8 bytes, the first at line 2, column 8; read with each replaced by \ufffd"
    )
    assert describe_bad_utf8("全部正确".encode()) is None


def test_bad_utf8_beyond_the_first_window_is_found() -> None:
    data = "国际秩序\n".encode() * 20000 + b"\x80"
    assert describe_bad_utf8(data) == (
        "1 invalid UTF-8 byte, the first at line 20001, column 1; read with each replaced by \ufffd"
    )


@pytest.mark.parametrize("codec", ["gbk", "big5"])
def test_chinese_encodings_are_not_taken_for_damaged_utf8(codec: str) -> None:
    source = TRADITIONAL_ISSUE if codec == "big5" else TIYAO_ISSUE
    text, encoding = decode(source.encode(codec))
    assert text == source
    assert encoding != "utf-8"
