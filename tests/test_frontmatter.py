"""Each article's Chinese and English front matter found in a document, in every layout we know."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENTS_ISSUE, FRONTMATTER_MD, MARKDOWN_ISSUE, TIYAO_ISSUE, ZHAIYAO_ISSUE

from glossary.frontmatter import FrontMatter, find_front_matter, split_en_keywords, split_zh_keywords
from glossary.reading import read_document


def front(tmp_path: Path, text: str, name: str = "issue.txt") -> FrontMatter:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return find_front_matter(read_document(path, name))


def line_number(text: str, needle: str) -> int:
    """1-based number of the first line of `text` that contains `needle`."""
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


# --- layout 1: Markdown, 【摘要】 --------


def test_markdown_bracket_labels(tmp_path: Path) -> None:
    found = front(tmp_path, MARKDOWN_ISSUE, "issue.md")
    assert len(found.zh) == 1  # `## 数字贸易规则的主要分歧` is a section of the body, not an article
    zh = found.zh[0]
    assert zh.title == "数字经济时代的全球贸易规则重塑"
    assert zh.authors == ["叶海林"]  # the post before the name is not part of it
    assert zh.abstract.startswith("数字经济的快速发展正在深刻改变全球贸易的形态与规则。")
    assert zh.abstract.endswith("推动构建开放、公平、非歧视的数字贸易环境。")
    assert zh.keywords == ["数字经济", "全球贸易", "规则重塑", "数据跨境流动"]  # separated by spaces
    assert zh.lines == {
        "title": line_number(MARKDOWN_ISSUE, "# 数字经济时代"),
        "authors": line_number(MARKDOWN_ISSUE, "叶海林"),
        "abstract": line_number(MARKDOWN_ISSUE, "【摘要】"),
        "keywords": line_number(MARKDOWN_ISSUE, "【关键词】"),
    }


def test_markdown_english_block(tmp_path: Path) -> None:
    found = front(tmp_path, MARKDOWN_ISSUE, "issue.md")
    assert len(found.en) == 1
    en = found.en[0]
    assert en.title == "Reshaping Global Trade Rules in the Era of the Digital Economy"
    assert en.authors == ["Ye Hailin"]
    assert en.abstract.startswith("The rapid development of the digital economy is profoundly changing")
    assert en.abstract.endswith("an open, fair and non-discriminatory digital trade environment.")
    assert "**" not in en.abstract
    assert en.keywords == ["digital economy", "global trade", "rule reshaping", "cross-border data flows"]
    assert en.lines["title"] == line_number(MARKDOWN_ISSUE, "## Reshaping")
    assert en.lines["keywords"] == line_number(MARKDOWN_ISSUE, "**Keywords:**")


# --- layout 2: 〔提   要〕, hard line breaks, an `Abstracts` section --------


def test_tiyao_chinese_articles(tmp_path: Path) -> None:
    found = front(tmp_path, TIYAO_ISSUE)
    assert [(zh.title, zh.authors) for zh in found.zh] == [
        ("国际秩序转型中的区域合作新路径", ["程铭", "刘雪莲"]),  # two title lines, the note mark dropped
        ("数字技术与全球治理变革", ["卢静", "林怡娉"]),
        ("单边制裁的国际法困境", ["单志强", "曾晓明"]),
    ]
    first, second, third = found.zh
    assert first.abstract == (
        "当前，国际秩序正处于深刻转型之中，区域合作面临新的机遇与挑战。"
        "一方面，全球化进程遭遇逆流，保护主义抬头；"
        "另一方面，区域经济一体化不断深化，新兴经济体的作用日益突出。"
        "本文认为，区域合作应坚持开放包容的原则，推动发展战略对接，促进地区和平与繁荣。"
    )
    assert first.keywords == ["国际秩序", "区域合作", "开放包容", "发展战略"]
    assert second.abstract.endswith("贡献中国智慧和中国方案。")
    assert second.keywords == []  # its keyword line was lost: the body is not taken for keywords
    assert third.keywords == ["单边制裁", "次级制裁", "国际法", "多边主义"]
    assert first.lines == {
        "title": 1,
        "authors": line_number(TIYAO_ISSUE, "程 铭"),
        "abstract": line_number(TIYAO_ISSUE, "〔提   要〕当前"),
        "keywords": line_number(TIYAO_ISSUE, "〔关 键 词〕国际秩序"),
    }
    assert [zh.position for zh in found.zh] == sorted(zh.position for zh in found.zh)


def test_tiyao_abstracts_section(tmp_path: Path) -> None:
    found = front(tmp_path, TIYAO_ISSUE)
    assert [(en.title, en.authors) for en in found.en] == [
        ("Digital Technology and the Transformation of Global Governance", ["LU Jing", "LIN Yiping"]),
        ("Maritime Security Cooperation in the Indian Ocean", ["HU Bin"]),
        (
            "New Paths of Regional Cooperation in the Transformation of the International Order",
            [
                "CHENG Ming",
                "LIU Xue-lian",
            ],
        ),
    ]
    digital, maritime, regional = found.en
    assert digital.abstract == (
        "The rapid development of digital technology has profoundly affected the ideas, actors and methods "
        "of global governance. Digital platform companies have become important actors of governance, and "
        "data has become a key strategic resource. Competition among countries over digital rules is "
        "intensifying, and global digital governance is becoming fragmented. China should actively "
        "participate in global digital governance and contribute Chinese wisdom and solutions."
    )
    assert maritime.abstract.endswith("an inclusive regional architecture.")
    assert regional.abstract.startswith("The international order is undergoing profound transformation")
    assert all(en.keywords == [] and en.notes == [] for en in found.en)
    assert regional.lines == {
        "title": line_number(TIYAO_ISSUE, "New Paths of Regional"),
        "authors": line_number(TIYAO_ISSUE, "CHENG Ming & LIU Xue-lian"),
        "abstract": line_number(TIYAO_ISSUE, "The international order is undergoing"),
    }


# --- layout 3: ［摘 要］ and `Abstract：` blocks with the byline on the title line --------


def test_zhaiyao_chinese_article(tmp_path: Path) -> None:
    found = front(tmp_path, ZHAIYAO_ISSUE)
    assert len(found.zh) == 1
    zh = found.zh[0]
    assert zh.title == "共生安全：地区安全公共产品供给的新思路"
    assert zh.authors == ["沈涛", "刘玉丽"]
    assert zh.abstract.startswith("传统理论通常认为")
    assert zh.abstract.endswith("最终实现地区安全治理的新局面。")
    assert zh.keywords == ["共生安全", "安全公共产品", "霸权稳定论", "安全困境"]


def test_zhaiyao_english_blocks(tmp_path: Path) -> None:
    found = front(tmp_path, ZHAIYAO_ISSUE)
    # the tail of an abstract whose beginning is not in the file makes no entry
    assert [(en.title, en.authors) for en in found.en] == [
        (
            "Symbiotic Security: New Thinking on the Supply of Regional Security Public Goods",
            ["SHEN Tao", "LIU Yu-li"],
        ),
        ("Northeast Asian Cooperation and the New Hybrid Regionalism", ["ZHANG Chi"]),
    ]
    symbiotic, northeast = found.en
    assert symbiotic.abstract.startswith(
        "The traditional theory usually holds that in the supply of regional public goods, especially in "
        "the security field, hegemonic countries bear the primary supply responsibilities, and the research"
    )
    assert "，" not in symbiotic.abstract and " ," not in symbiotic.abstract
    assert symbiotic.abstract.endswith("a new situation in regional security governance.")
    assert symbiotic.keywords == [
        "Symbiotic Security",
        "Security Public Goods",
        "Hegemonic Stability Theory",
        "Security Dilemma",
        "Regional Pursuing of Symbiosis",  # `Pur⁃` + `suing` over the line break
    ]
    assert "historical opportunity. In the case" in northeast.abstract
    assert northeast.keywords == [
        "Northeast Asian Cooperation",
        "Hybrid Regionalism",
        "Institutional Balancing",
    ]
    title_line = line_number(ZHAIYAO_ISSUE, "Symbiotic Security：New")
    assert symbiotic.lines["title"] == symbiotic.lines["authors"] == title_line
    assert symbiotic.lines["abstract"] == title_line + 1


# --- layout 4: tables of contents --------


def test_contents_pages_do_not_become_articles(tmp_path: Path) -> None:
    found = front(tmp_path, CONTENTS_ISSUE)
    assert [zh.title for zh in found.zh] == ["全球气候治理的新趋势与中国的角色", "联合国与全球网络安全治理"]
    assert [zh.authors for zh in found.zh] == [["周云亨"], ["张蛟龙"]]
    assert found.zh[1].keywords == ["联合国", "网络安全", "全球治理", "多边主义"]
    with_abstract = [en for en in found.en if en.abstract]
    assert [en.title for en in with_abstract] == ["New Trends in Global Climate Governance and China's Role"]
    assert with_abstract[0].lines["title"] == line_number(CONTENTS_ISSUE, "Abstracts") + 2
    # contents entries are kept only as titles, each once, and say where they come from
    contents = {en.title: en for en in found.en if not en.abstract}
    assert set(contents) <= {
        "The UN and Global Cybersecurity Governance",
        "Hedging Strategies of Southeast Asian Countries",
    }
    assert "The UN and Global Cybersecurity Governance" in contents
    assert all("table of contents" in " ".join(en.notes) for en in contents.values())


# --- layout 5: Markdown front matter of a technical journal --------


def test_markdown_front_matter_chinese(tmp_path: Path) -> None:
    found = front(tmp_path, FRONTMATTER_MD, "issue.md")
    assert [(zh.title, zh.authors) for zh in found.zh] == [
        ("基于深度学习的交通流量预测方法", ["王森", "陈莉", "张洁"]),
        ("面向云存储的数据去重算法", ["曾晓明", "单志强"]),  # the affiliation line between is passed over
    ]
    # the classification number and the DOI printed after the keywords are not keywords
    assert found.zh[0].keywords == ["交通流量预测", "深度学习", "卷积神经网络", "注意力机制"]
    assert found.zh[1].keywords == ["云存储", "数据去重", "布隆过滤器"]
    assert found.zh[1].abstract.endswith("显著降低了索引开销。")


def test_markdown_front_matter_english_with_lost_spaces(tmp_path: Path) -> None:
    found = front(tmp_path, FRONTMATTER_MD, "issue.md")
    assert [(en.title, en.authors) for en in found.en] == [
        ("Traffic flow prediction method based on deep learning", ["Wang Sen", "Chen Li", "Zhang Jie"]),
        ("Data deduplication algorithm for cloud storage", ["ZENG Xiao-Ming", "SHAN Zhi-Qiang"]),
    ]
    first, second = found.en
    assert first.abstract.startswith(
        "Aimingattheproblemoflowaccuracyof urban traffic flow prediction, this paper"
    )
    assert first.keywords == [
        "traffic flow prediction",
        "deep learning",
        "convolutional neural network",
        "attention mechanism",
    ]
    assert second.keywords == [
        "cloudstorage",
        "datadeduplication",
        "Bloomfilter",
    ]  # `Keywords:` with no space
    assert second.lines["authors"] == line_number(FRONTMATTER_MD, "ZENG Xiao-Ming")


# --- keywords --------


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        ("国际秩序、区域合作、开放包容", ["国际秩序", "区域合作", "开放包容"]),
        ("全球治理，多边主义，联合国", ["全球治理", "多边主义", "联合国"]),
        ("全球治理,多边主义, 联合国", ["全球治理", "多边主义", "联合国"]),
        ("云存储；数据去重；布隆过滤器", ["云存储", "数据去重", "布隆过滤器"]),
        ("云存储;数据去重; 布隆过滤器", ["云存储", "数据去重", "布隆过滤器"]),
        ("泛安全化 国际信任 多边主义 人类命运共同体", ["泛安全化", "国际信任", "多边主义", "人类命运共同体"]),
        ("多边主义；真正的多边主义；人类命运共同体。", ["多边主义", "真正的多边主义", "人类命运共同体"]),
        ("申威众核处理器；NSGA-II；并行遗传算法", ["申威众核处理器", "NSGA-II", "并行遗传算法"]),
        ("云存储；布隆过滤器中图分类号：TP333 文献标识码：A", ["云存储", "布隆过滤器"]),
        (
            "人脸识别；鲁棒评估 中图分类号：TP391.41 doi:10.3969/j.issn.1001-3695.2018.03.019",
            ["人脸识别", "鲁棒评估"],
        ),
        ("数字贸易；全球治理 DOI：10.12345/abc", ["数字贸易", "全球治理"]),
        ("数字贸易、全球治理 文章编号：1006-1234（2024）01-0001-15", ["数字贸易", "全球治理"]),
        ("", []),
    ],
)
def test_split_zh_keywords(text: str, keywords: list[str]) -> None:
    assert split_zh_keywords(text) == keywords


@pytest.mark.parametrize(
    ("text", "keywords"),
    [
        (
            "digital economy, global trade, rule reshaping",
            ["digital economy", "global trade", "rule reshaping"],
        ),
        (
            "Symbiotic Security；Safe Public Goods；Supply Logic",
            ["Symbiotic Security", "Safe Public Goods", "Supply Logic"],
        ),
        (
            "WLAN; anti-jamming;channel allocation ; assessment model.",
            ["WLAN", "anti-jamming", "channel allocation", "assessment model"],
        ),
        # with semicolons between keywords, a comma inside one stays
        ("(t, n) threshold; quantum secret sharing", ["(t, n) threshold", "quantum secret sharing"]),
    ],
)
def test_split_en_keywords(text: str, keywords: list[str]) -> None:
    assert split_en_keywords(text) == keywords


def test_split_zh_keywords_keeps_a_comma_inside_a_keyword() -> None:
    # with `；` between the keywords, a comma belongs to a keyword
    assert split_zh_keywords("(t,n)门限方案；秘密共享；量子密码") == ["(t,n)门限方案", "秘密共享", "量子密码"]
    assert split_zh_keywords("$( t , n )$ 门限；纠缠交换") == ["$( t , n )$ 门限", "纠缠交换"]


ZHAIYAO_METADATA_LINE = """\
数字经济时代的全球贸易规则

王小明

［摘 要］数字经济的快速发展正在深刻改变全球贸易的形态与规则。数据跨境流动、数字服务税和平台治
理成为各国博弈的焦点，发展中国家的地位日益重要。中国应积极参与全球数字贸易规则的制定，推动构建
开放、公平的数字贸易环境。
［关键词］数字经济；全球贸易；数据跨境流动［中图分类号］D815［文献标识码］A［文章编号］1006-1234（2024）01-0001-15
 一、问题的提出
数字经济已经成为全球经济增长的重要引擎。
"""


def test_bracketed_metadata_on_the_keyword_line(tmp_path: Path) -> None:
    found = front(tmp_path, ZHAIYAO_METADATA_LINE)
    assert found.zh[0].keywords == ["数字经济", "全球贸易", "数据跨境流动"]


ENGLISH_DOI_LINE = """\
# 数字经济时代的全球贸易规则

王小明

摘要：数字经济的快速发展正在深刻改变全球贸易的形态与规则。数据跨境流动、数字服务税和平台治理成为各国博弈的焦点。

关键词：数字经济；全球贸易

DOI：10.16619/j.cnki.test.2024.01.001

# Global Trade Rules in the Digital Economy

WANG Xiaoming

Abstract: The rapid development of the digital economy is profoundly changing the forms and rules of global trade. Cross-border data flows have become the focus.

Key words: digital economy; global trade

DOI: 10.16619/j.cnki.test.2024.01.001
"""  # noqa: E501


def test_english_keywords_do_not_take_the_doi_line(tmp_path: Path) -> None:
    found = front(tmp_path, ENGLISH_DOI_LINE, "issue.md")
    assert found.zh[0].keywords == ["数字经济", "全球贸易"]
    assert found.en[0].keywords == ["digital economy", "global trade"]


# --- titles from running headers, and titles at the top of a page --------

LOST_FRONT_MATTER = """\
 全球气候治理的新趋势与中国的角色

      周云亨

〔提   要〕气候变化是人类面临的共同挑战。近年来，全球气候治理呈现

出新的趋势：治理主体日益多元，治理机制更加灵活，发展中国家的作

用不断上升。中国积极参与全球气候治理，为应对气候变化贡献了中国

力量。

〔关 键 词〕全球气候治理、气候变化、中国角色

气候变化问题日益成为国际政治的重要议题，各国围绕减排责任的分

配展开了长期博弈。

58

全球气候治理的新趋势与中国的角色

 减排责任的分配始终是气候谈判的核心问题。

【责任编辑：王小明】

 自冷战结束以来，东南亚国家普遍在大国之间采取对冲战略，既与

一方保持经济合作，又与另一方维持安全联系，以降低战略风险。

61

东南亚国家的对冲战略及其限度

 对冲战略的效果取决于大国关系的走向和地区国家的自身实力。

62

《国际问题论丛》2024 年第 3 期

 东南亚国家的对冲战略仍将延续。
"""


def test_title_recovered_from_a_running_header(tmp_path: Path) -> None:
    found = front(tmp_path, LOST_FRONT_MATTER)
    assert [zh.title for zh in found.zh] == [
        "全球气候治理的新趋势与中国的角色",
        "东南亚国家的对冲战略及其限度",
    ]
    kept, recovered = found.zh
    assert kept.notes == [] and kept.abstract  # its own running header does not make a second article
    assert (recovered.authors, recovered.abstract, recovered.keywords) == ([], "", [])
    assert recovered.lines == {"title": line_number(LOST_FRONT_MATTER, "东南亚国家的对冲战略及其限度")}
    assert "running header" in recovered.notes[0]
    # the journal's own running header is not an article title
    assert not any("国际问题论丛" in zh.title for zh in found.zh)


def test_title_recovery_when_another_article_has_no_title(tmp_path: Path) -> None:
    text = LOST_FRONT_MATTER.split("\n", 4)[4]  # the first article's title and byline lost too
    assert text.startswith("〔提   要〕")
    found = front(tmp_path, text)
    assert found.zh[0].title == "" and found.zh[0].abstract.startswith("气候变化是人类面临的共同挑战")
    assert "东南亚国家的对冲战略及其限度" in [zh.title for zh in found.zh]


NEW_PAGE_TITLE = """\
的重要支柱，但其排他性日益凸显，地区国家对此普遍持谨慎态度。

【责任编辑：王小明】

12

全球气候治理的新趋势与中国的角色

      周云亨

〔提   要〕气候变化是人类面临的共同挑战。近年来，全球气候治理呈现

出新的趋势：治理主体日益多元，治理机制更加灵活，发展中国家的作

用不断上升。中国积极参与全球气候治理，为应对气候变化贡献了中国

力量。

〔关 键 词〕全球气候治理、气候变化、中国角色
"""


def test_title_at_the_top_of_a_new_page(tmp_path: Path) -> None:
    found = front(tmp_path, NEW_PAGE_TITLE)
    assert [(zh.title, zh.authors) for zh in found.zh] == [("全球气候治理的新趋势与中国的角色", ["周云亨"])]


# --- more English layouts --------

SHORT_ABSTRACTS = """\
 Abstracts

Maritime Security Cooperation in the Indian Ocean

HU Bin

The Indian Ocean has become a focus of maritime security competition among major powers, and regional

countries have built various cooperation mechanisms, but their effectiveness is limited, so maritime security

needs an inclusive regional architecture.

Hedging Strategies of Southeast Asian Countries

WANG Jingchao

Southeast Asian countries generally hedge between major powers, keeping economic ties with one side and

security links with the other in order to reduce their strategic risks in an uncertain regional order, and

the effect of hedging depends on relations between the major powers and on their own strength.
"""


def test_short_abstract_followed_by_another_entry(tmp_path: Path) -> None:
    found = front(tmp_path, SHORT_ABSTRACTS)
    assert [en.title for en in found.en] == [
        "Maritime Security Cooperation in the Indian Ocean",
        "Hedging Strategies of Southeast Asian Countries",
    ]
    first = found.en[0].abstract
    assert first.startswith("The Indian Ocean has become")
    assert first.endswith("an inclusive regional architecture.")
    assert 200 < len(first) < 300


def test_short_abstract_at_the_end_of_the_section(tmp_path: Path) -> None:
    found = front(tmp_path, SHORT_ABSTRACTS)
    last = found.en[-1]
    assert last.title == "Hedging Strategies of Southeast Asian Countries"
    assert last.abstract.startswith("Southeast Asian countries generally hedge")
    assert last.abstract.endswith("on their own strength.")


OCR_BYLINE = """\
# 面向云存储的数据去重算法

曾晓明，单志强

摘要：云存储系统中存在大量重复数据，造成存储空间浪费。提出了一种面向云存储的数据去重算法，该算法采用分块指纹索引和布隆过滤器快速判断重复数据块。

关键词：云存储；数据去重；布隆过滤器

# Data deduplication algorithm for cloud storage

Zeng Xiaoming1,Shan Zhiqiangl (School of Computer Science,Beijing Information Science & Technology University,Beijing 100101,China)

Abstract: There is a large amount of duplicate data in cloud storage systems,which wastes storage space.This paper proposes a data deduplication algorithm for cloud storage.

Key words: cloud storage; data deduplication; Bloom filter
"""  # noqa: E501


def test_byline_with_ocr_debris_is_not_part_of_the_title(tmp_path: Path) -> None:
    found = front(tmp_path, OCR_BYLINE, "issue.md")
    assert found.en[0].title == "Data deduplication algorithm for cloud storage"


def test_byline_with_ocr_debris_still_gives_the_authors(tmp_path: Path) -> None:
    found = front(tmp_path, OCR_BYLINE, "issue.md")
    assert found.en[0].authors[0] == "Zeng Xiaoming"
    assert found.en[0].keywords == ["cloud storage", "data deduplication", "Bloom filter"]


def test_no_front_matter_in_plain_prose(tmp_path: Path) -> None:
    found = front(
        tmp_path, "冷战结束以来，亚太地区的安全结构经历了深刻调整。\n\nThe Cold War ended in 1991.\n"
    )
    assert (found.zh, found.en) == ([], [])


def test_abstract_label_with_too_little_text_is_no_anchor(tmp_path: Path) -> None:
    found = front(tmp_path, "数字经济\n\n摘要：见正文。\n\n关键词：数字经济\n")
    assert found.zh == []
