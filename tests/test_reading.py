"""Reading stage: paths to Documents in every file type and encoding, a clear problem for each bad file."""

from __future__ import annotations

import codecs
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TIYAO_ISSUE, TRADITIONAL_ISSUE, cjk_font

from glossary.articles import read_articles
from glossary.errors import GlossaryError, Problem
from glossary.reading import expand_paths, read_document, read_documents

ZH_FRONT = [
    "数字贸易规则的全球治理困境",
    "张明远  李静",
    "摘要：数字贸易正在深刻改变全球经济格局。本文从全球治理的视角分析了数字贸易规则的主要分歧。"
    "研究发现，数据跨境流动、数字税和隐私保护是三个核心议题。",
    "关键词：数字贸易；全球治理；数据跨境流动",
    "数字贸易的兴起改变了国际贸易的形态。",
]
EN_FRONT = [
    "The Global Governance Dilemma of Digital Trade Rules",
    "ZHANG Mingyuan & LI Jing",
    "Abstract: Digital trade is profoundly changing the global economic landscape. From the perspective of "
    "global governance, this article analyzes the main divergences in digital trade rules. It finds that "
    "cross-border data flows, digital taxes and privacy protection are the three core issues.",
    "Key words: digital trade; global governance; cross-border data flows",
]


def texts(path: Path) -> list[str]:
    return [paragraph.text for paragraph in read_document(path, path.name).paragraphs]


def problem_for(path: Path) -> str:
    documents, problems = read_documents([path])
    assert documents == []
    assert len(problems) == 1
    assert problems[0].where == str(path)
    return problems[0].problem


# --- which files ------------------------------------------------------------------------------------------


def test_expand_paths_searches_folders_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.PDF",
        "sub/d.docx",
        "notes.rtf",
        ".hidden.txt",
        ".git/e.txt",
        "sub/.f.md",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    files, problems = expand_paths([tmp_path])
    assert problems == []
    assert [path.relative_to(tmp_path).as_posix() for path, _ in files] == [
        "a.md",
        "b.txt",
        "sub/c.PDF",
        "sub/d.docx",
    ]
    assert all(name == str(path) for path, name in files)


def test_expand_paths_problems(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "issue.rtf").write_text("x", encoding="utf-8")
    (tmp_path / "only-other").mkdir()
    (tmp_path / "only-other" / "issue.doc").write_text("x", encoding="utf-8")
    paths = [tmp_path / "missing.txt", tmp_path / "empty", tmp_path / "issue.rtf", tmp_path / "only-other"]
    files, problems = expand_paths(paths)
    assert files == []
    assert problems == [
        Problem(str(tmp_path / "missing.txt"), "no such file or directory"),
        Problem(str(tmp_path / "empty"), "no journal text here (no .txt, .md, .pdf or .docx files)"),
        Problem(str(tmp_path / "issue.rtf"), "unsupported file type '.rtf' (use .txt, .md, .pdf, .docx)"),
        Problem(str(tmp_path / "only-other"), "no journal text here (no .txt, .md, .pdf or .docx files)"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_expand_paths_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    files, problems = expand_paths([fifo])
    assert (files, problems) == ([], [Problem(str(fifo), "not a regular file")])


# --- text files in every encoding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TIYAO_ISSUE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TIYAO_ISSUE.encode("utf-8"), "utf-8-sig"),
        (TIYAO_ISSUE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TIYAO_ISSUE.encode("utf-16-be"), "utf-16"),
        (TIYAO_ISSUE.encode("gb18030"), "gb18030"),
        (TIYAO_ISSUE.encode("gbk"), "gb18030"),
        (TIYAO_ISSUE.replace("\n", "\r\n").encode("gbk"), "gb18030"),  # Windows line ends
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "gb18030", "gbk", "gbk-crlf"],
)
def test_text_file_encodings_read_the_same(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "issue.txt"
    path.write_bytes(data)
    document = read_document(path, "issue.txt")
    assert document.encoding == encoding
    assert not document.traditional
    reference = tmp_path / "reference.txt"
    reference.write_text(TIYAO_ISSUE, encoding="utf-8")
    assert [p.text for p in document.paragraphs] == texts(reference)
    assert [p.line_offsets for p in document.paragraphs] == [
        p.line_offsets for p in read_document(reference, "reference.txt").paragraphs
    ]


def test_damaged_utf8_file_is_read_with_a_warning_naming_the_place(tmp_path: Path) -> None:
    path = tmp_path / "issue.txt"
    data = TIYAO_ISSUE.encode("utf-8")
    cut = data.index("区域合作".encode())
    path.write_bytes(data[:cut] + b"\xa0\xa0\xa0" + data[cut + 3 :])  # 区 is three stray bytes
    documents, problems = read_documents([path])
    line = TIYAO_ISSUE[: TIYAO_ISSUE.index("区域合作")].count("\n") + 1
    assert problems == [
        Problem(
            str(path),
            f"3 invalid UTF-8 bytes, the first at line {line}, column 1; read with each replaced by \ufffd",
        )
    ]
    assert "\ufffd\ufffd\ufffd域合作新路径 *" in [p.text for p in documents[0].paragraphs]


def test_compatibility_ideographs_read_as_the_ordinary_characters(tmp_path: Path) -> None:
    path = tmp_path / "issue.txt"
    path.write_text(TIYAO_ISSUE.replace("治理", "治\uf9e4").replace("文", "\u2f42"), encoding="utf-8")
    reference = tmp_path / "reference.txt"
    reference.write_text(TIYAO_ISSUE, encoding="utf-8")
    assert "治\uf9e4" in path.read_text(encoding="utf-8")
    assert texts(path) == texts(reference)


def test_full_width_punctuation_is_not_folded(tmp_path: Path) -> None:
    path = tmp_path / "issue.txt"
    path.write_text("\n".join(ZH_FRONT), encoding="utf-8")
    assert "摘要：" in texts(path)[2]


def test_big5_file_is_traditional(traditional_big5: Path) -> None:
    document = read_document(traditional_big5, "traditional.txt")
    assert document.encoding.startswith("big5")
    assert document.traditional
    assert document.paragraphs[0].text == "數字技術與全球治理變革"


def test_traditional_utf8_file_is_traditional_too(tmp_path: Path) -> None:
    path = tmp_path / "traditional.md"
    path.write_text(TRADITIONAL_ISSUE, encoding="utf-8")
    document = read_document(path, "traditional.md")
    assert (document.encoding, document.traditional) == ("utf-8", True)


def test_name_is_the_path_as_given(tmp_path: Path) -> None:
    (tmp_path / "Issue.TXT").write_text("\n".join(ZH_FRONT), encoding="utf-8")
    documents, problems = read_documents([tmp_path / "Issue.TXT"])
    assert problems == []
    assert documents[0].name == str(tmp_path / "Issue.TXT")
    assert documents[0].path == tmp_path / "Issue.TXT"


# --- bad files: one problem each, naming the file ---------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b"  \r\n\n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file, not text"),
        (bytes(range(0x80, 0x100)) * 8, "undecodable bytes: not UTF-8, UTF-16, GB18030/GBK or Big5"),
        (b"12\n\n13\n\n\xc2\xb7 14 \xc2\xb7\n", "no text in the file"),
    ],
    ids=["empty", "blank", "binary", "undecodable", "page-numbers-only"],
)
def test_bad_text_files(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "issue.txt"
    path.write_bytes(data)
    assert problem_for(path) == problem


def test_read_document_raises_one_glossary_error(tmp_path: Path) -> None:
    path = tmp_path / "issue.txt"
    path.write_bytes(b"")
    with pytest.raises(GlossaryError) as raised:
        read_document(path, "issue.txt")
    assert str(raised.value) == "issue.txt: empty file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that apply")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "issue.txt"
    path.write_text("\n".join(ZH_FRONT), encoding="utf-8")
    path.chmod(0)
    try:
        assert problem_for(path) == "cannot read: Permission denied"
    finally:
        path.chmod(0o644)


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TIYAO_ISSUE, encoding="utf-8")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    also_good = tmp_path / "also.md"
    also_good.write_text("\n\n".join(ZH_FRONT), encoding="utf-8")
    documents, problems = read_documents([good, bad, also_good])
    assert [document.name for document in documents] == [str(good), str(also_good)]
    assert problems == [Problem(str(bad), "not a valid .docx (not a zip archive)")]


# --- Word documents ---------------------------------------------------------------------------------------


def test_docx_paragraphs_into_an_article(tmp_path: Path, make_docx: Callable[..., Path]) -> None:
    abstract_runs = [
        "Abstract: Digital trade is profoundly changing the global economic landscape. From the "
        "perspective of global",
        "\n",  # a manual line break inside the paragraph
        "governance, this article analyzes the main divergences in digital trade rules. It finds that "
        "cross-border data flows, digital taxes and privacy protection are the three core issues.",
    ]
    paragraphs = [
        *ZH_FRONT[:2],
        ["摘要：", ZH_FRONT[2][3:]],
        *ZH_FRONT[3:],
        *EN_FRONT[:2],
        abstract_runs,
        EN_FRONT[3],
    ]
    path = make_docx(
        tmp_path / "issue.docx", paragraphs, footnotes=["本文为国家社会科学基金项目的阶段性成果。"]
    )
    document = read_document(path, "issue.docx")
    assert document.encoding == "docx"
    assert [p.text for p in document.paragraphs] == [
        *ZH_FRONT,
        *EN_FRONT,
        "本文为国家社会科学基金项目的阶段性成果。",
    ]
    assert [p.first_line for p in document.paragraphs] == list(range(1, 11))  # one paragraph per w:p
    records, problems = read_articles([path])
    assert problems == []
    (record,) = records
    assert record.matched
    assert (record.zh.title, record.zh.authors) == ("数字贸易规则的全球治理困境", ["张明远", "李静"])
    assert record.zh.keywords == ["数字贸易", "全球治理", "数据跨境流动"]
    assert (record.en.title, record.en.authors) == (EN_FRONT[0], ["ZHANG Mingyuan", "LI Jing"])
    assert record.en.abstract == EN_FRONT[2][len("Abstract: ") :]
    assert record.en.keywords == ["digital trade", "global governance", "cross-border data flows"]


def test_docx_short_paragraphs_are_not_joined(tmp_path: Path, make_docx: Callable[..., Path]) -> None:
    path = make_docx(tmp_path / "short.docx", ["国际秩序转型中的", "区域合作新路径", "程铭", "刘雪莲"])
    assert texts(path) == ["国际秩序转型中的", "区域合作新路径", "程铭", "刘雪莲"]


def bad_docx(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.docx"
    if kind == "not-zip":
        path.write_bytes(b"PK\x03\x04 this is not really a zip")
        return path
    with zipfile.ZipFile(path, "w") as archive:
        if kind == "no-document":
            archive.writestr("word/styles.xml", "<styles/>")
        elif kind == "broken-xml":
            archive.writestr("word/document.xml", '<w:document xmlns:w="x"><w:body><w:p>')
        elif kind == "entities":
            archive.writestr(
                "word/document.xml",
                '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><d>&b;</d>',
            )
        elif kind == "empty":
            archive.writestr(
                "word/document.xml",
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                "<w:body><w:p/><w:p><w:r><w:t> </w:t></w:r></w:p></w:body></w:document>",
            )
    return path


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("not-zip", "not a valid .docx (not a zip archive)"),
        ("no-document", "not a Word document (no word/document.xml)"),
        ("broken-xml", "unsafe or broken XML inside the .docx"),
        ("entities", "unsafe or broken XML inside the .docx"),
        ("empty", "empty document"),
    ],
)
def test_bad_docx(tmp_path: Path, kind: str, problem: str) -> None:
    assert problem_for(bad_docx(tmp_path, kind)).startswith(problem)


# --- PDF files --------------------------------------------------------------------------------------------


def test_pdf_text_layer_in_english(tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    lines = [
        EN_FRONT[0],
        EN_FRONT[1],
        "Abstract: Digital trade is profoundly changing the global economic landscape. This article",
        "analyzes the main divergences in digital trade rules from the perspective of global governance.",
        EN_FRONT[3],
    ]
    path = make_pdf(tmp_path / "issue.pdf", [lines[:3], lines[3:]])
    document = read_document(path, "issue.pdf")
    assert document.encoding == "pdf"
    found = [p.text for p in document.paragraphs]
    assert found[:2] == EN_FRONT[:2]
    # the paragraph runs on over the page break
    assert found[2] == (
        "Abstract: Digital trade is profoundly changing the global economic landscape. This article "
        "analyzes the main divergences in digital trade rules from the perspective of global governance."
    )
    assert found[3] == EN_FRONT[3]


def test_pdf_text_layer_in_chinese(tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    font = cjk_font()
    if font is None:
        pytest.skip("no TrueType font with Chinese glyphs on this machine")
    path = make_pdf(tmp_path / "issue.pdf", [ZH_FRONT[:4], EN_FRONT], font=font)
    document = read_document(path, "issue.pdf")
    assert [p.text for p in document.paragraphs][:4] == [
        "数字贸易规则的全球治理困境",
        "张明远 李静",
        *ZH_FRONT[2:4],
    ]
    records, problems = read_articles([path])
    assert problems == []
    assert [(r.zh.title, r.en.title) for r in records] == [("数字贸易规则的全球治理困境", EN_FRONT[0])]
    assert records[0].zh.authors == ["张明远", "李静"]


def test_pdf_compatibility_code_points_read_as_the_ordinary_characters(
    tmp_path: Path, make_pdf: Callable[..., Path]
) -> None:
    import pypdfium2

    from glossary.reading.normalize import COMPATIBILITY_IDEOGRAPH_RE

    font = cjk_font()
    if font is None:
        pytest.skip("no TrueType font with Chinese glyphs on this machine")
    lines = ["全球治\uf9e4的困境", "数字贸易规则的全球治理困境", "本\u2f42认为"]
    path = make_pdf(tmp_path / "issue.pdf", [lines], font=font)
    document = pypdfium2.PdfDocument(path)
    layer = document[0].get_textpage().get_text_range()
    document.close()
    if not COMPATIBILITY_IDEOGRAPH_RE.search(layer):
        pytest.skip(f"{font.name} writes no compatibility code points into the text layer")
    found = "".join(p.text for p in read_document(path, "issue.pdf").paragraphs)
    assert not COMPATIBILITY_IDEOGRAPH_RE.search(found)
    assert found.count("全球治理") == 2


Run = tuple[str, str]  # text, and the font naming it: "cid" or "names"


def hand_written_pdf(path: Path, lines: list[list[Run]], to_unicode: dict[str, str] | None = None) -> Path:
    """A one-page PDF written by hand, with no glyphs: pdfium takes the text layer from how the fonts name
    their codes, so no font on the machine is needed.

    Runs in font "cid" (a Type0 font, Identity-H) are named by a ToUnicode map in UTF-16BE, as PDF
    producers write Chinese (LibreOffice for one): a character beyond U+FFFF as a surrogate pair.
    `to_unicode` gives some characters another target (hex), e.g. a lone surrogate half. Runs in font
    "names" (a simple font) are named by the glyph names of its /Encoding: `u20BB7`, `uni7530`. A run needs
    two characters or more: with no glyphs one alone has no width, and pdfium skips text without width.
    """
    cid_chars = sorted({char for line in lines for text, font in line if font == "cid" for char in text})
    name_chars = sorted({char for line in lines for text, font in line if font == "names" for char in text})
    codes = {"cid": {char: f"{n:04X}" for n, char in enumerate(cid_chars, 1)}}
    codes["names"] = {char: f"{n:02X}" for n, char in enumerate(name_chars, 1)}
    targets = {char: char.encode("utf-16-be").hex().upper() for char in cid_chars} | (to_unicode or {})
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(cid_chars)} beginbfchar\n"
        + "".join(f"<{codes['cid'][char]}> <{targets[char]}>\n" for char in cid_chars)
        + "endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    glyph_names = " ".join(
        f"/u{ord(char):04X}" if ord(char) > 0xFFFF else f"/uni{ord(char):04X}" for char in name_chars
    )
    content = "BT\n"
    for number, line in enumerate(lines):
        content += f"1 0 0 1 40 {800 - 16 * number} Tm\n"
        for text, font in line:
            content += f"/{font} 12 Tf <{''.join(codes[font][char] for char in text)}> Tj\n"
    content += "ET\n"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /cid 5 0 R /names 8 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}endstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /HandCJK /Encoding /Identity-H /DescendantFonts [6 0 R] "
        "/ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /HandCJK /CIDToGIDMap /Identity /DW 1000 "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}endstream",
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar {len(name_chars)} "
        f"/Widths [{' 1000' * len(name_chars)}] "
        f"/Encoding << /Type /Encoding /Differences [1 {glyph_names}] >> >>",
        "<< /Type /FontDescriptor /FontName /HandCJK /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 "
        "/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    data = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    table = "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    data += (
        f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n{table}"
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{len(data)}\n%%EOF\n"
    ).encode("ascii")
    path.write_bytes(data)
    return path


def test_pdf_characters_beyond_the_bmp_survive(tmp_path: Path) -> None:
    # 𠮷 (U+20BB7) named by a glyph name: get_text_range alone dropped it; 𠀋 (U+2000B) by a ToUnicode map
    lines = [
        [("古籍整理中的人名用字研究", "cid")],
        [("𠮷田", "names"), ("明 王小𠀋", "cid")],
        [("摘要：本文讨论扩展", "cid"), ("B区𠮷字", "names"), ("在排版中的保存。", "cid")],
        [("Abstract: characters outside the Basic Multilingual Plane.", "cid")],
    ]
    path = hand_written_pdf(tmp_path / "issue.pdf", lines)
    found = "\n".join(texts(path))
    for text in (
        "古籍整理中的人名用字研究",
        "𠮷田明 王小𠀋",
        "扩展B区𠮷字在排版中的保存。",
        "Multilingual Plane.",
    ):
        assert text in found


def test_pdf_lone_surrogate_half_is_dropped(tmp_path: Path) -> None:
    lines = [
        [("古籍整理中的人名用字研究", "cid")],
        [("王小#", "cid"), ("𠮷田", "names"), ("明：扩展B区汉字", "cid")],
    ]
    path = hand_written_pdf(tmp_path / "issue.pdf", lines, to_unicode={"#": "D842"})
    found = texts(path)
    assert "王小𠮷田明：扩展B区汉字" in "".join(found)
    assert not any(0xD800 <= ord(char) <= 0xDFFF for char in "".join(found))


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    import pypdfium2

    path = tmp_path / "scan.pdf"
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.new_page(595, 842)
    pdf.save(path)
    pdf.close()
    assert problem_for(path) == "PDF without a text layer (scanned pages?); run OCR first"


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj garbage\n%%EOF", b"", b"just some text"])
def test_corrupt_pdf(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    assert problem_for(path) == "not a readable PDF"
