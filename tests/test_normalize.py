"""Extracted lines to paragraphs: hard line breaks, hyphens, page furniture, footnotes, labels, English."""

from __future__ import annotations

import pytest
from conftest import TIYAO_ISSUE

from glossary.models import Paragraph
from glossary.reading.normalize import (
    clean_markup,
    join_wrapped,
    normalize_label,
    split_lines,
    tidy_english,
    to_paragraphs,
)


def texts(paragraphs: list[Paragraph]) -> list[str]:
    return [paragraph.text for paragraph in paragraphs]


def line_number(text: str, needle: str) -> int:
    """1-based number of the first line of `text` that contains `needle`."""
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


# --- labels, markup, joining ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("〔关 键 词〕国际秩序", "〔关键词〕国际秩序"),
        ("〔提   要〕 当前，国际秩序", "〔提要〕当前，国际秩序"),
        ("［摘 要］传统理论", "［摘要］传统理论"),
        ("摘 要：本文", "摘要：本文"),
        ("【 摘要 】数字经济", "【摘要】数字经济"),
        ("〔關 鍵 詞〕數字技術", "〔關鍵詞〕數字技術"),
        ("〔作者简介〕刘卿，研究员", "〔作者简介〕刘卿，研究员"),
        # no bracket and no colon: ordinary text that happens to start with the word
        ("摘要是学术论文的重要组成部分", "摘要是学术论文的重要组成部分"),
        ("关 键 词 e", "关 键 词 e"),
        ("Key Words：Symbiotic Security", "Key Words：Symbiotic Security"),
    ],
)
def test_normalize_label(raw: str, expected: str) -> None:
    assert normalize_label(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("## Reshaping Global Trade Rules", ("Reshaping Global Trade Rules", True)),
        ("# 数字经济时代的全球贸易规则重塑", ("数字经济时代的全球贸易规则重塑", True)),
        ("**【摘要】**数字经济的快速发展", ("【摘要】数字经济的快速发展", False)),
        ("**Abstract:** The rapid development", ("Abstract: The rapid development", False)),
        ("重要引擎。<sup>[1]</sup>各国", ("重要引擎。各国", False)),
        ("等关键词^[2]全部指向", ("等关键词全部指向", False)),
        ("- 19 联合国与全球网络安全治理 张蛟龙", ("19 联合国与全球网络安全治理 张蛟龙", False)),
        ("49519\\_32677", ("49519_32677", False)),
        ("地区安全合作提供了另一种思路（下转 111 页）", ("地区安全合作提供了另一种思路", False)),
        ("(上接101页)亚太地区的安全结构", ("亚太地区的安全结构", False)),
    ],
)
def test_clean_markup(raw: str, expected: tuple[str, bool]) -> None:
    assert clean_markup(raw) == expected


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("in the security field, he⁃", "gemonic countries", "in the security field, hegemonic countries"),
        ("the soft\u00ad", "hyphen", "the softhyphen"),
        ("the US-", "Japan alliance", "the US-Japan alliance"),
        ("the role of non-", "state actors", "the role of non-state actors"),
        ("faces new opportunities and", "challenges", "faces new opportunities and challenges"),
        ("cooperation,", "and", "cooperation, and"),
        ("大国战略博弈和地缘政治冲突加", "剧。", "大国战略博弈和地缘政治冲突加剧。"),
        ("前景理论（prospect", "theory）", "前景理论（prospect theory）"),
        ("", "first", "first"),
    ],
)
def test_join_wrapped(left: str, right: str, joined: str) -> None:
    assert join_wrapped(left, right) == joined


def test_tidy_english_full_width_and_spacing() -> None:
    assert (
        tidy_english("public goods ，especially in the security field，hegemonic countries ；and")
        == "public goods, especially in the security field, hegemonic countries; and"
    )
    assert tidy_english("Ｔｈｅ　Ｂｅｌｔ and Road（BRI）is") == "The Belt and Road (BRI) is"
    assert tidy_english("the Belt and Road(BRI)and beyond .") == "the Belt and Road (BRI) and beyond."


def test_split_lines_any_line_ending() -> None:
    assert split_lines("一\r\n二\r三\n四") == ["一", "二", "三", "四"]


# --- paragraphs ---------------------------------------------------------------------------------------------


def test_hard_wrapped_chinese_with_blank_lines_joins_into_paragraphs() -> None:
    lines = split_lines(TIYAO_ISSUE)
    paragraphs = to_paragraphs(lines)
    abstract = next(p for p in paragraphs if p.text.startswith("〔提要〕当前"))
    assert abstract.text == (
        "〔提要〕当前，国际秩序正处于深刻转型之中，区域合作面临新的机遇与挑战。"
        "一方面，全球化进程遭遇逆流，保护主义抬头；"
        "另一方面，区域经济一体化不断深化，新兴经济体的作用日益突出。"
        "本文认为，区域合作应坚持开放包容的原则，推动发展战略对接，促进地区和平与繁荣。"
    )
    # one printed line every other line of the file, the short last line ends the paragraph
    first = line_number(TIYAO_ISSUE, "〔提   要〕当前")
    assert [line for _, line in abstract.line_offsets] == [first, first + 2, first + 4, first + 6, first + 8]
    assert "〔关键词〕国际秩序、区域合作、开放包容、发展战略" in texts(paragraphs)


def test_line_at_maps_offsets_back_to_file_lines() -> None:
    paragraphs = to_paragraphs(split_lines(TIYAO_ISSUE))
    abstract = next(p for p in paragraphs if p.text.startswith("〔提要〕当前"))
    first = line_number(TIYAO_ISSUE, "〔提   要〕当前")
    assert abstract.first_line == first
    assert abstract.line_at(0) == first
    assert abstract.line_at(abstract.text.index("遇与挑战")) == first + 2
    assert abstract.line_at(abstract.text.index("繁荣")) == first + 8
    assert abstract.last_line == first + 8
    assert abstract.line_at(len(abstract.text) + 10) == first + 8


def test_two_line_title_and_padded_byline_stay_apart() -> None:
    paragraphs = to_paragraphs(split_lines(TIYAO_ISSUE))
    assert texts(paragraphs)[:3] == ["国际秩序转型中的", "区域合作新路径 *", "程 铭 刘雪莲"]


def test_page_number_dropped_running_header_set_aside_paragraph_goes_on() -> None:
    paragraphs = to_paragraphs(split_lines(TIYAO_ISSUE))
    assert not any(p.text == "46" for p in paragraphs)
    header = [p for p in paragraphs if p.kind == "header"]
    assert texts(header) == ["《国际问题论丛》2024 年第 3 期"]
    assert header[0].first_line == line_number(TIYAO_ISSUE, "《国际问题论丛》")
    body = next(p for p in paragraphs if p.text.startswith("冷战结束以来"))
    assert body.text == (
        "冷战结束以来，区域合作成为国际关系中的重要现象。"
        "欧洲一体化进程为其他地区提供了经验，东亚地区的合作也取得了长足进展。"
        "从长远看，区域合作的深化有赖于成员国之间的政治互信和经济互补，也有赖于地区国家对共同利益的认知。"
    )


def test_footnote_interrupting_a_paragraph_is_set_aside_and_the_paragraph_resumes() -> None:
    paragraphs = to_paragraphs(split_lines(TIYAO_ISSUE))
    footnotes = [p for p in paragraphs if p.kind == "footnote"]
    assert texts(footnotes) == ["*\u3000本文为国家社会科学基金项目“区域合作机制研究”的阶段性成果。"]
    body = next(p for p in paragraphs if p.text.startswith("冷战结束以来"))
    assert "经济互补，也有赖于" in body.text  # `经济互` + footnote + ` 补，也有赖于`
    assert body.line_at(body.text.index("补，也有赖于")) == line_number(TIYAO_ISSUE, " 补，也有赖于")


FOOTNOTE_PAGE = [
    "国际格局与世界秩序经历深刻变革和重塑，大国战略博弈和地缘政治冲突加",
    "",
    "剧。当前，世界百年未有之大变局加速演进，世界之变、时代之变、历史之",
    "",
    " *　本文为某某大学基本科研业务费专项资金项目“世界大变局下国际思潮",
    "",
    "的新动向”的阶段性成果。",
    " 变正以前所未有的方式展开，全球新一轮科技革命与产业变革深入发展，国",
    "",
    "际格局经历深刻变革。",
    "",
    "与此同时，非传统安全问题不断上升，气候变化、网络安全和公共卫生危",
    "",
    "机相互交织。",
]


def test_footnote_at_a_page_end() -> None:
    paragraphs = to_paragraphs(FOOTNOTE_PAGE)
    assert sorted(texts(paragraphs)) == sorted(
        [
            "国际格局与世界秩序经历深刻变革和重塑，大国战略博弈和地缘政治冲突加剧。"
            "当前，世界百年未有之大变局加速演进，世界之变、时代之变、历史之变正以前所未有的方式展开，全球新一轮科技革命与产业变革深入发展，国际格局经历深刻变革。",
            "*\u3000本文为某某大学基本科研业务费专项资金项目“世界大变局下国际思潮的新动向”的阶段性成果。",
            "与此同时，非传统安全问题不断上升，气候变化、网络安全和公共卫生危机相互交织。",
        ]
    )
    resumed = next(p for p in paragraphs if p.kind == "text" and p.text.startswith("国际格局"))
    assert [line for _, line in resumed.line_offsets] == [1, 3, 8, 10]


def test_resumed_paragraph_keeps_its_place_before_the_footnote() -> None:
    paragraphs = to_paragraphs(FOOTNOTE_PAGE)
    assert [p.kind for p in paragraphs] == ["text", "footnote", "text"]
    assert [p.first_line for p in paragraphs] == [1, 5, 12]


def test_english_hard_wrapped_with_typesetter_hyphens() -> None:
    lines = [
        "Abstract：The traditional theory usually holds that in the supply of public goods ，especially in "
        "the security field，he⁃",
        "gemonic countries bear the primary responsibilities，and the US-",
        "Japan alliance shows how non-",
        "state actors are left out（ＢＲＩ）of the analysis.",
        "",
        "Key Words：Symbiotic Security；Public Goods",
    ]
    paragraphs = to_paragraphs(lines)
    assert texts(paragraphs) == [
        "Abstract: The traditional theory usually holds that in the supply of public goods, especially in "
        "the security field, hegemonic countries bear the primary responsibilities, and the US-Japan "
        "alliance shows how non-state actors are left out (BRI) of the analysis.",
        "Key Words: Symbiotic Security; Public Goods",
    ]


def test_page_numbers_in_their_printed_forms_are_dropped() -> None:
    lines = ["第一段文字。", "12", "· 84 ·", "- 13 -", "·101·", "[3]", "第二段文字。"]
    assert texts(to_paragraphs(lines, wrapped=False)) == ["第一段文字。", "第二段文字。"]


def test_line_after_a_page_number_that_reads_as_a_sentence_is_not_a_header() -> None:
    paragraphs = to_paragraphs(["12", "这一判断得到了多数学者的认同。"])
    assert [(p.kind, p.text) for p in paragraphs] == [("text", "这一判断得到了多数学者的认同。")]


def test_unclosed_gloss_keeps_the_paragraph_open() -> None:
    lines = [
        "国际关系学者引入前景理论（prospect",
        "",
        "theory）分析对外政策决策，强调参照点和框架效应的作用。",
    ]
    assert texts(to_paragraphs(lines)) == [
        "国际关系学者引入前景理论（prospect theory）分析对外政策决策，强调参照点和框架效应的作用。"
    ]


def test_english_byline_after_a_wrapped_title_is_its_own_paragraph() -> None:
    lines = [
        "New Paths of Regional Cooperation in the Transformation of the",
        "",
        "International Order",
        "",
        "CHENG Ming & LIU Xue-lian",
        "",
        "The international order is undergoing profound transformation, and regional cooperation",
        "",
        "faces new opportunities and challenges.",
    ]
    found = texts(to_paragraphs(lines))
    assert found[-2:] == [
        "CHENG Ming & LIU Xue-lian",
        "The international order is undergoing profound transformation, and regional cooperation faces new "
        "opportunities and challenges.",
    ]
    # the title's two lines may or may not be joined here; front matter reads both ways
    assert (
        " ".join(found[:-2])
        == "New Paths of Regional Cooperation in the Transformation of the International Order"
    )


def test_labels_start_paragraphs() -> None:
    lines = [
        "〔提   要〕全球安全倡议为破解全球安全赤字提供了中国方案。当前地区安",
        "",
        "全治理面临多重挑战。",
        "",
        "〔关 键 词〕全球安全倡议、地区安全治理",
        "",
        "冷战结束以来，亚太地区的安全结构经历了深刻调整。",
    ]
    assert texts(to_paragraphs(lines)) == [
        "〔提要〕全球安全倡议为破解全球安全赤字提供了中国方案。当前地区安全治理面临多重挑战。",
        "〔关键词〕全球安全倡议、地区安全治理",
        "冷战结束以来，亚太地区的安全结构经历了深刻调整。",
    ]


def test_markdown_headings_and_one_paragraph_per_line() -> None:
    lines = [
        "# 数字经济时代的全球贸易规则重塑",
        "",
        "**【摘要】**数字经济的快速发展正在深刻改变全球贸易的形态与规则。",
        "",
        "## Reshaping Global Trade Rules",
        "",
        "Ye Hailin",
        "",
        "**Abstract:** The rapid development of the digital economy is changing global trade.",
    ]
    paragraphs = to_paragraphs(lines)
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("heading", "数字经济时代的全球贸易规则重塑"),
        ("text", "【摘要】数字经济的快速发展正在深刻改变全球贸易的形态与规则。"),
        ("heading", "Reshaping Global Trade Rules"),
        ("text", "Ye Hailin"),
        ("text", "Abstract: The rapid development of the digital economy is changing global trade."),
    ]
    assert [p.first_line for p in paragraphs] == [1, 3, 5, 7, 9]


def test_unwrapped_lines_are_paragraphs_already() -> None:
    lines = ["国际秩序转型中的", "区域合作新路径", "", "程铭  刘雪莲"]
    paragraphs = to_paragraphs(lines, wrapped=False)
    assert texts(paragraphs) == ["国际秩序转型中的", "区域合作新路径", "程铭  刘雪莲"]
    assert [p.first_line for p in paragraphs] == [1, 2, 4]


def test_chinese_keeps_full_width_punctuation_english_gets_half_width() -> None:
    paragraphs = to_paragraphs(
        ["数字贸易（digital trade）的规则：数据、税收。", "", "Ｔｈｅ rules，data and taxes。"], wrapped=False
    )
    assert texts(paragraphs) == [
        "数字贸易（digital trade）的规则：数据、税收。",
        "The rules, data and taxes。",
    ]


def test_nothing_but_blank_lines_and_page_numbers_gives_no_paragraphs() -> None:
    assert to_paragraphs(["", "  ", "12", "\f", "· 13 ·"]) == []
