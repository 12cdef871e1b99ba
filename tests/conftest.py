"""Fixtures shared by the tests of reading, front matter, matching and `glossary inspect`.

The journal texts below are written for the tests; they mimic the layouts of real issues (hard line
breaks with a blank line after every printed line, spaced labels, pinyin bylines, `Abstracts` sections)
without copying any real text.
"""

from __future__ import annotations

import ctypes
import os
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from glossary.lexicon import Lexicon, load_lexicon

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """The tests never read or write the user's cache: they get one of their own for the session."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="glossary-test-cache-")


# Layout 2: `〔提   要〕` articles as extracted from a PDF: every printed line followed by a blank line,
# titles over two lines, padded bylines, a page number and a running header inside a paragraph, a footnote
# that interrupts a paragraph which goes on after it on the next page (that line starts with one space),
# an article whose keyword line was lost, an article without English abstract, and a closing `Abstracts`
# section in another order than the articles, with an entry whose Chinese article is not in the file.
DIGITAL_GOVERNANCE_ABSTRACT = """\
 Abstracts

Digital Technology and the Transformation of Global

Governance

LU Jing & LIN Yiping

The rapid development of digital technology has profoundly affected the ideas, actors

and methods of global governance. Digital platform companies have become important

actors of governance, and data has become a key strategic resource. Competition among

countries over digital rules is intensifying, and global digital governance is becoming

fragmented. China should actively participate in global digital governance and

contribute Chinese wisdom and solutions.
"""

TIYAO_ISSUE = (
    """\
 国际秩序转型中的

区域合作新路径 *

      程 铭 刘雪莲

〔提   要〕当前，国际秩序正处于深刻转型之中，区域合作面临新的机

遇与挑战。一方面，全球化进程遭遇逆流，保护主义抬头；另一方面，

区域经济一体化不断深化，新兴经济体的作用日益突出。本文认为，

区域合作应坚持开放包容的原则，推动发展战略对接，促进地区和平与

繁荣。

〔关 键 词〕国际秩序、区域合作、开放包容、发展战略

冷战结束以来，区域合作成为国际关系中的重要现象。欧洲一体

化进程为其他地区提供了经验，东亚地区的合作也取得了长足进展。

46

《国际问题论丛》2024 年第 3 期

从长远看，区域合作的深化有赖于成员国之间的政治互信和经济互

*　本文为国家社会科学基金项目“区域合作机制研究”的阶段性成果。

 补，也有赖于地区国家对共同利益的认知。

【责任编辑：王小明】

 数字技术与全球治理变革

      卢  静  林怡娉

〔提   要〕数字技术的迅猛发展深刻影响着全球治理的理念、主体和方

式。数字平台企业成为重要的治理主体，数据成为关键的战略资源。

各国围绕数字规则的竞争日趋激烈，全球数字治理呈现碎片化趋势。

中国应积极参与全球数字治理，贡献中国智慧和中国方案。

数字技术正在改变国际权力的分布。大型平台企业掌握着海量数

据，其影响力已经超越了许多国家。

【责任编辑：王小明】

 单边制裁的国际法困境

      单志强  曾晓明

〔提   要〕单边制裁是大国推行对外政策的常用工具。近年来，单边制

裁的对象和领域不断扩大，次级制裁的使用日益频繁，对国际经济秩

序造成了严重冲击。单边制裁缺乏国际法依据，违反了不干涉内政原

则。国际社会应坚持以联合国为核心的多边机制，共同抵制滥用单边

制裁的行为。

〔关 键 词〕单边制裁、次级制裁、国际法、多边主义

【责任编辑：王小明】

"""
    + DIGITAL_GOVERNANCE_ABSTRACT
    + """
Maritime Security Cooperation in the Indian Ocean

HU Bin

The Indian Ocean has become a focus of maritime security competition among major powers.

Piracy, terrorism and disputes over sea lanes threaten the security of shipping. Regional

countries and external powers have established various cooperation mechanisms, but their

effectiveness is limited. Strengthening maritime security cooperation requires respect

for the concerns of coastal states and an inclusive regional architecture.

New Paths of Regional Cooperation in the Transformation of the

International Order

CHENG Ming & LIU Xue-lian

The international order is undergoing profound transformation, and regional cooperation

faces new opportunities and challenges. On the one hand, globalization has met headwinds

and protectionism is on the rise; on the other hand, regional economic integration

continues to deepen and emerging economies play an increasingly prominent role. This

article argues that regional cooperation should uphold openness and inclusiveness, align

development strategies and promote regional peace and prosperity.
"""
)

# Layout 1: a Markdown conversion, one paragraph per line, bold `【摘要】` labels and metadata lines, the
# author's post before the name, and the English block at the end of the article.
MARKDOWN_ISSUE = """\
# 数字经济时代的全球贸易规则重塑

中国社会科学院世界经济研究所研究员 叶海林

**【摘要】**数字经济的快速发展正在深刻改变全球贸易的形态与规则。数据跨境流动、数字服务税和平台治理成为各国博弈的焦点。发达国家与发展中国家在规则制定中的立场分歧明显。中国应积极参与全球数字贸易规则的制定，推动构建开放、公平、非歧视的数字贸易环境。

**【关键词】**数字经济 全球贸易 规则重塑 数据跨境流动

**【中图分类号】**F74

**【文献标识码】**A

**【DOI】**10.12345/j.cnki.test.2024.01.001

数字经济已经成为全球经济增长的重要引擎。<sup>[1]</sup>各国围绕数字贸易规则展开了激烈的竞争。

## 数字贸易规则的主要分歧

数据跨境流动是数字贸易规则中最具争议的议题之一。

责编 / 王小明 美编 / 李小红

## Reshaping Global Trade Rules in the Era of the Digital Economy

Ye Hailin

**Abstract:** The rapid development of the digital economy is profoundly changing the forms and rules of global trade. Cross-border data flows, digital services taxes and platform governance have become the focus of competition among countries. Developed and developing countries hold clearly different positions in rule-making. China should actively participate in making global digital trade rules and promote an open, fair and non-discriminatory digital trade environment.

**Keywords:** digital economy, global trade, rule reshaping, cross-border data flows
"""  # noqa: E501

# Layout 3: `［摘 要］` with long lines and no blank lines; the English abstracts gathered at the end of
# the issue, each title line carrying the authors and a page number, full-width punctuation in English,
# the typesetter's hyphen (`he⁃` + `gemonic`), and the tail of an article whose abstract is not in the file.
ZHAIYAO_ISSUE = """\
 共生安全：
地区安全公共产品供给的新思路

沈 涛 刘玉丽

［摘 要］传统理论通常认为在地区公共产品的供给中，特别是在安全领域的供给中，霸权国承担着主要的
供给责任，其研究主要以“霸权稳定论”为逻辑基础。但事实并非如此，这种霸权供给思维体现的是一种
“寄生”逻辑，极易受到霸权国国家利益和战略调整的影响而出现供给缺失。“共生安全”可以突破传统安
全困境的束缚，以共生发展的逻辑来改善安全关系、优化安全结构，最终实现地区安全治理的新局面。
［关键词］共生安全；安全公共产品；霸权稳定论；安全困境
 一、问题的提出
近年来，霸权国先后退出了多个国际组织与协议，表明其提供国际公共产品的意愿在减弱。
 also an important part of the diplomacy of major countries in the new era.

Key Words：International Organization；Autonomy；Regional Organization

Symbiotic Security：New Thinking on the Supply of Regional Security Public Goods SHEN Tao LIU Yu-li ·84·
Abstract：The traditional theory usually holds that in the supply of regional public goods ，especially in the security field，he⁃
gemonic countries bear the primary supply responsibilities，and the research is mainly based on the logic of "hegemonic stability theory". However，this
is not the case. This hegemonic supply thinking embodies a kind of "parasitic" logic，and the supply is vulnerable to the national interests and strategic
adjustments of the hegemonic country. "Symbiotic security" can break the shackles of the traditional security dilemma ，and use the logic of symbiotic
development to improve security relations，optimize security structure and finally achieve a new situation in regional security governance.

Key Words：Symbiotic Security；Security Public Goods；Hegemonic Stability Theory；Security Dilemma；Regional Pur⁃
suing of Symbiosis

Northeast Asian Cooperation and the New Hybrid Regionalism ZHANG Chi ·101·
Abstract：Since the easing of tension on the Korean Peninsula，regional cooperation in Northeast Asia has been facing a favorable historical oppor⁃
tunity. In the case of intensified competition between major powers and the "failure" of traditional regionalism，Northeast Asian cooperation should
follow a path of "new hybrid regionalism"，which combines institutional balancing with openness and connectivity.

Key Words：Northeast Asian Cooperation；Hybrid Regionalism；Institutional Balancing
"""  # noqa: E501

# Layout 4: the contents pages of an issue (Chinese `- page title author` lines, an English `Table of
# Contents` of title and byline pairs), then two articles, only the first of which has an English abstract.
CONTENTS_ISSUE = """\
国际问题论丛

2024 年第 3 期（总第 99 期）

■ 全球治理

- 1 全球气候治理的新趋势与中国的角色 周云亨
- 19 联合国与全球网络安全治理 张蛟龙

■ 区域与国别

- 37 东南亚国家的对冲战略 王竞超

Table of Contents

New Trends in Global Climate Governance and China's Role

ZHOU Yunheng

The UN and Global Cybersecurity Governance

ZHANG Jiaolong

Hedging Strategies of Southeast Asian Countries

WANG Jingchao

全球气候治理的新趋势与中国的角色

□ 周云亨

〔提 要〕气候变化是人类面临的共同挑战。近年来，全球气候治理呈现出新的趋势：治理主体日益多元，治理机制更加灵活，发展中国家的作用不断上升。中国积极参与全球气候治理，推动构建公平合理、合作共赢的全球气候治理体系，为应对气候变化贡献了中国力量。

〔关键词〕全球气候治理、气候变化、中国角色

联合国与全球网络安全治理

□ 张蛟龙

〔提 要〕网络空间已经成为国际竞争的新领域。联合国通过建立包容性治理框架，制定网络空间负责任国家行为规范，在全球网络安全治理中发挥着重要作用。然而，大国博弈和规则分歧制约了联合国作用的发挥。国际社会应坚持多边主义，支持联合国在全球网络安全治理中发挥主渠道作用。

〔关键词〕联合国；网络安全；全球治理；多边主义

Abstracts

New Trends in Global Climate Governance and China's Role

ZHOU Yunheng

Climate change is a common challenge facing humankind. In recent years, global climate governance has shown new trends: its actors are increasingly diverse, its mechanisms more flexible, and the role of developing countries keeps rising. China actively participates in global climate governance, promotes a fair, reasonable and win-win global climate governance system, and contributes China's strength to addressing climate change.
"""  # noqa: E501

# Layout 5: Markdown front matter of a technical journal: names with the affiliation in brackets,
# `摘要：`, keywords followed by the classification number and DOI, English with spaces lost in OCR.
FRONTMATTER_MD = """\
# 基于深度学习的交通流量预测方法

王森，陈莉，张洁(西北大学 信息科学与技术学院，西安 710127)

摘要：针对城市交通流量预测精度不高的问题，提出了一种基于深度学习的交通流量预测方法。该方法利用卷积神经网络提取空间特征，利用循环神经网络提取时间特征，并通过注意力机制融合两类特征。实验结果表明，该方法的预测精度明显优于传统方法。

关键词：交通流量预测；深度学习；卷积神经网络；注意力机制 中图分类号：TP391 doi:10.3969/j.issn.1001-3695.2020.01.001

# Traffic flow prediction method based on deep learning

Wang Sen, Chen Li, Zhang Jie (School of Information Science & Technology, Northwest University, Xi'an 710127, China)

Abstract: Aimingattheproblemoflowaccuracyof urban traffic flow prediction,this paper proposes a traffic flow prediction method based on deep learning.The method uses a convolutional neural network to extract spatial features,uses a recurrent neural network to extract temporal features,and fuses the two kinds of features through an attention mechanism.Experimental results show that the prediction accuracy of the method is significantly better than that of traditional methods.

Key words: traffic flow prediction; deep learning; convolutional neural network; attention mechanism

# 面向云存储的数据去重算法

曾晓明，单志强

(北京信息科技大学 计算机学院，北京 100101)

摘要：云存储系统中存在大量重复数据，造成存储空间浪费。提出了一种面向云存储的数据去重算法，该算法采用分块指纹索引和布隆过滤器快速判断重复数据块。实验结果表明，该算法在保证去重率的同时显著降低了索引开销。

关键词：云存储；数据去重；布隆过滤器中图分类号：TP333 文献标识码：A

# Data deduplication algorithm for cloud storage

ZENG Xiao-Ming, SHAN Zhi-Qiang

(School of Computer Science, Beijing Information Science & Technology University, Beijing 100101, China)

Abstract: There is a large amount of duplicate data in cloud storage systems,which wastes storage space.This paper proposes a data deduplication algorithm for cloud storage,which uses block fingerprint indexes and Bloom filters to quickly identify duplicate data blocks.Experimental results show that the algorithm significantly reduces index overhead while keeping the deduplication rate.

Keywords:cloudstorage;datadeduplication;Bloomfilter
"""  # noqa: E501

# Traditional characters (to be written in Big5): one `〔提   要〕` article and its English abstract.
TRADITIONAL_ISSUE = (
    """\
 數字技術與全球治理變革

      盧  靜  林怡娉

〔提   要〕數字技術的迅猛發展深刻影響著全球治理的理念、主體和方

式。數字平臺企業成為重要的治理主體，數據成為關鍵的戰略資源。

各國圍繞數字規則的競爭日趨激烈，全球數字治理呈現碎片化趨勢。

中國應積極參與全球數字治理，貢獻中國智慧和中國方案。

〔關 鍵 詞〕數字技術、全球治理、數字平臺

數字技術正在改變國際權力的分佈。大型平臺企業掌握著海量數

據，其影響力已經超越了許多國家。

"""
    + DIGITAL_GOVERNANCE_ABSTRACT
    + """"""
)


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """CC-CEDICT, parsed once for the whole run (about a second)."""
    return load_lexicon()


@pytest.fixture(scope="session")
def shared() -> Path:
    """`../shared` beside the repository; the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent")
    return SHARED


def _writer(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tiyao_issue(tmp_path: Path) -> Path:
    return _writer(tmp_path, "tiyao.txt", TIYAO_ISSUE)


@pytest.fixture
def zhaiyao_issue(tmp_path: Path) -> Path:
    return _writer(tmp_path, "zhaiyao.txt", ZHAIYAO_ISSUE)


@pytest.fixture
def contents_issue(tmp_path: Path) -> Path:
    return _writer(tmp_path, "contents.txt", CONTENTS_ISSUE)


@pytest.fixture
def frontmatter_md(tmp_path: Path) -> Path:
    return _writer(tmp_path, "frontmatter.md", FRONTMATTER_MD)


@pytest.fixture
def traditional_big5(tmp_path: Path) -> Path:
    path = tmp_path / "traditional.txt"
    path.write_bytes(TRADITIONAL_ISSUE.encode("big5"))
    return path


# --- building .docx and .pdf files ------------------------------------------------------------------------

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)

Paragraphs = list[str | list[str]]


def _word_part(root: str, paragraphs: Paragraphs) -> str:
    """A WordprocessingML part: each item a w:p; a list item is several runs, "\\n" a line break (w:br)."""
    body = []
    for paragraph in paragraphs:
        runs = paragraph if isinstance(paragraph, list) else [paragraph]
        xml = "".join(
            "<w:r><w:br/></w:r>"
            if run == "\n"
            else f'<w:r><w:t xml:space="preserve">{escape(run)}</w:t></w:r>'
            for run in runs
        )
        body.append(f"<w:p><w:pPr/>{xml}</w:p>")
    inner = f"<w:body>{''.join(body)}</w:body>" if root == "document" else "".join(body)
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return f'{declaration}<w:{root} xmlns:w="{W_NAMESPACE}">{inner}</w:{root}>'


@pytest.fixture
def make_docx() -> Callable[..., Path]:
    """make_docx(path, paragraphs, footnotes=None): a minimal Word document built by hand."""

    def make(path: Path, paragraphs: Paragraphs, footnotes: Paragraphs | None = None) -> Path:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("word/document.xml", _word_part("document", paragraphs))
            if footnotes is not None:
                archive.writestr("word/footnotes.xml", _word_part("footnotes", footnotes))
        return path

    return make


CJK_FONTS = (  # fonts with Chinese glyphs found on common Linux systems
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)


def cjk_font() -> Path | None:
    """A TrueType font with Chinese glyphs on this machine, if there is one."""
    return next((path for path in CJK_FONTS if path.is_file()), None)


def _compatibility_variants() -> dict[str, list[str]]:
    """Ordinary character -> the compatibility ideographs and radicals that stand for it."""
    variants: dict[str, list[str]] = {}
    for first, last in ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for code in range(first, last + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if folded != chr(code) and len(folded) == 1:
                variants.setdefault(folded, []).append(chr(code))
    return variants


@pytest.fixture
def make_pdf() -> Callable[..., Path]:
    """make_pdf(path, pages, font=None): a PDF whose text layer holds `pages` (lists of lines).

    ASCII lines are set in the standard Helvetica; the others in `font` (a TrueType or OpenType file, which
    pdfium embeds as a CID font that can hold Chinese). Where the font gives an ordinary character's glyph
    only a compatibility code point (Noto Sans CJK: 李 is U+F9E1), the text is written with that code point,
    as PDF producers do: the text layer then carries it, and the reader has to fold it back.
    """
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    def add_text(
        pdf: pypdfium2.PdfDocument,
        page: pypdfium2.PdfPage,
        font: object,
        text: str,
        y: float,
        keep: list[object],
    ) -> None:
        if font is not None and not text.isascii():
            text_object = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, 10.0)
        else:
            text_object = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 10.0)
        encoded = (text + "\0").encode("utf-16-le")
        wide = ctypes.create_string_buffer(encoded, len(encoded))
        keep.append(wide)
        assert pdfium_c.FPDFText_SetText(text_object, ctypes.cast(wide, pdfium_c.FPDF_WIDESTRING))
        pdfium_c.FPDFPageObj_Transform(text_object, 1, 0, 0, 1, 40, y)
        pdfium_c.FPDFPage_InsertObject(page.raw, text_object)

    def read_back(pdf: pypdfium2.PdfDocument, font: object, char: str, keep: list[object]) -> str:
        """`char` as the font's text layer gives it back: "" when the font cannot write it."""
        page = pdf.new_page(595, 842)
        add_text(pdf, page, font, char, 800.0, keep)
        assert pdfium_c.FPDFPage_GenerateContent(page.raw)
        text_page = page.get_textpage()
        found = text_page.get_text_range().strip()
        text_page.close()
        page.close()
        pdfium_c.FPDFPage_Delete(pdf.raw, len(pdf) - 1)
        return found

    def unwritable(
        pdf: pypdfium2.PdfDocument, font: object, pages: list[list[str]], keep: list[object]
    ) -> dict[int, str]:
        """Characters the font cannot write as themselves -> a compatibility code point it can write."""
        chars = {char for lines in pages for line in lines for char in line if not char.isascii()}
        variants = _compatibility_variants()
        table: dict[int, str] = {}
        for char in sorted(chars):
            if char.isspace() or read_back(pdf, font, char, keep):
                continue
            written = [variant for variant in variants.get(char, []) if read_back(pdf, font, variant, keep)]
            if written:
                table[ord(char)] = written[0]
        return table

    def make(path: Path, pages: list[list[str]], font: Path | None = None) -> Path:
        pdf = pypdfium2.PdfDocument.new()
        loaded = None
        keep: list[object] = []  # ctypes buffers must outlive the calls that use them
        table: dict[int, str] = {}
        if font is not None:
            data = font.read_bytes()
            buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
            keep.append(buffer)
            loaded = pdfium_c.FPDFText_LoadFont(pdf.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True)
            assert loaded, f"pdfium could not load {font}"
            table = unwritable(pdf, loaded, pages, keep)
        for lines in pages:
            page = pdf.new_page(595, 842)
            for number, line in enumerate(lines):
                add_text(pdf, page, loaded, line.translate(table), 800.0 - 14 * number, keep)
            assert pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        pdf.save(path)
        pdf.close()
        return path

    return make
