"""Pairing each Chinese article with its English abstract: names, translation, order, and no forced pairs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENTS_ISSUE, FRONTMATTER_MD, TIYAO_ISSUE, ZHAIYAO_ISSUE

from glossary.articles import read_articles, read_issues
from glossary.frontmatter import FrontMatter
from glossary.lexicon import Lexicon, translation_overlap
from glossary.matching import THRESHOLD, match_front_matter
from glossary.models import ArticleRecord, EnFrontMatter, ZhFrontMatter

REGIONAL_ZH = ZhFrontMatter(
    title="国际秩序转型中的区域合作新路径",
    authors=["程铭", "刘雪莲"],
    abstract=(
        "当前，国际秩序正处于深刻转型之中，区域合作面临新的机遇与挑战。"
        "本文认为，区域合作应坚持开放包容的原则，推动发展战略对接，促进地区和平与繁荣。"
    ),
    keywords=["国际秩序", "区域合作"],
    lines={"title": 1},
    position=0,
)
REGIONAL_EN = EnFrontMatter(
    title="New Paths of Regional Cooperation in the Transformation of the International Order",
    authors=["CHENG Ming", "LIU Xue-lian"],
    abstract="The international order is undergoing profound transformation, and regional cooperation "
    "faces new opportunities and challenges. This article argues that regional cooperation should uphold "
    "openness and inclusiveness, align development strategies and promote regional peace and prosperity.",
    keywords=[],
    lines={"title": 50},
    position=20,
)
SANCTIONS_ZH = ZhFrontMatter(
    title="单边制裁的国际法困境",
    authors=["单志强", "曾晓明"],
    abstract=(
        "单边制裁是大国推行对外政策的常用工具。单边制裁缺乏国际法依据，违反了不干涉内政原则。"
        "国际社会应坚持以联合国为核心的多边机制，共同抵制滥用单边制裁的行为。"
    ),
    keywords=["单边制裁"],
    lines={"title": 10},
    position=5,
)
SANCTIONS_EN = EnFrontMatter(
    title="The Dilemma of Unilateral Sanctions in International Law",
    authors=["SHAN Zhiqiang", "ZENG Xiaoming"],
    abstract="Unilateral sanctions are a common tool with which major powers pursue their foreign "
    "policies. They lack a basis in international law and violate the principle of non-interference in "
    "internal affairs. The international community should uphold multilateral mechanisms with the United "
    "Nations at their core.",
    keywords=[],
    lines={"title": 60},
    position=25,
)
CLIMATE_EN = EnFrontMatter(
    title="New Trends in Global Climate Governance and China's Role",
    authors=["ZHOU Yunheng"],
    abstract="Climate change is a common challenge facing humankind. In recent years, global climate "
    "governance has shown new trends: its actors are increasingly diverse and the role of developing "
    "countries keeps rising.",
    keywords=[],
    lines={"title": 70},
    position=30,
)
CYBER_ZH = ZhFrontMatter(
    title="联合国与全球网络安全治理",
    authors=[],
    abstract=(
        "网络空间已经成为国际竞争的新领域。"
        "联合国通过建立包容性治理框架，制定网络空间负责任国家行为规范，在全球网络安全治理中发挥着重要作用。"
        "国际社会应坚持多边主义，支持联合国在全球网络安全治理中发挥主渠道作用。"
    ),
    keywords=[],
    lines={"title": 20},
    position=8,
)


def pairs(records: list[ArticleRecord]) -> list[tuple[str | None, str | None]]:
    return [
        (record.zh.title if record.zh else None, record.en.title if record.en else None) for record in records
    ]


def copy(item: ZhFrontMatter | EnFrontMatter, **changes: object) -> ZhFrontMatter | EnFrontMatter:
    fields = {**item.__dict__, "lines": dict(item.lines), "notes": list(item.notes), **changes}
    return type(item)(**fields)


def test_authors_titles_and_abstracts_agree(lexicon: Lexicon) -> None:
    records = match_front_matter("issue.txt", FrontMatter([REGIONAL_ZH], [REGIONAL_EN]), lexicon)
    assert pairs(records) == [(REGIONAL_ZH.title, REGIONAL_EN.title)]
    match = records[0].match
    assert match is not None
    assert THRESHOLD < match.score <= 1.0
    assert match.evidence[0] == "authors 2/2 by pinyin"  # `LIU Xue-lian`: hyphenated given name
    assert [item.split()[0] for item in match.evidence] == ["authors", "title", "abstract"]


def test_heteronym_surnames_shan_and_zeng(lexicon: Lexicon) -> None:
    # 单 is Dan in most words and 曾 is Ceng, but as surnames they are Shan and Zeng
    records = match_front_matter("issue.txt", FrontMatter([SANCTIONS_ZH], [SANCTIONS_EN]), lexicon)
    assert records[0].matched
    assert records[0].match is not None and records[0].match.evidence[0] == "authors 2/2 by pinyin"


def test_english_abstracts_in_the_other_order(lexicon: Lexicon) -> None:
    front = FrontMatter([REGIONAL_ZH, SANCTIONS_ZH], [SANCTIONS_EN, REGIONAL_EN])
    records = match_front_matter("issue.txt", front, lexicon)
    assert pairs(records) == [
        (REGIONAL_ZH.title, REGIONAL_EN.title),
        (SANCTIONS_ZH.title, SANCTIONS_EN.title),
    ]


def test_no_authors_on_either_side_matched_by_translation(lexicon: Lexicon) -> None:
    zh = [copy(REGIONAL_ZH, authors=[]), copy(SANCTIONS_ZH, authors=[])]
    en = [copy(SANCTIONS_EN, authors=[]), copy(REGIONAL_EN, authors=[])]
    records = match_front_matter("issue.txt", FrontMatter(zh, en), lexicon)
    assert pairs(records) == [
        (REGIONAL_ZH.title, REGIONAL_EN.title),
        (SANCTIONS_ZH.title, SANCTIONS_EN.title),
    ]
    assert all(
        not any(item.startswith("authors") for item in record.match.evidence)
        for record in records
        if record.match
    )


def test_title_alone_is_enough_when_nothing_else_is_known(lexicon: Lexicon) -> None:
    # an article whose front matter was lost: only its title, from a running header
    zh = [
        copy(REGIONAL_ZH, authors=[], abstract="", keywords=[]),
        copy(SANCTIONS_ZH, authors=[], abstract=""),
    ]
    records = match_front_matter("issue.txt", FrontMatter(zh, [SANCTIONS_EN, REGIONAL_EN]), lexicon)
    assert pairs(records) == [
        (REGIONAL_ZH.title, REGIONAL_EN.title),
        (SANCTIONS_ZH.title, SANCTIONS_EN.title),
    ]
    assert [item.split()[0] for item in records[0].match.evidence] == ["title"]


def test_unrelated_articles_stay_unmatched(lexicon: Lexicon) -> None:
    # both about global governance, so the dictionary finds some overlap, but not enough to pair them
    assert translation_overlap(lexicon, CYBER_ZH.title, CLIMATE_EN.title) > 0.2
    records = match_front_matter("issue.txt", FrontMatter([CYBER_ZH], [CLIMATE_EN]), lexicon)
    assert pairs(records) == [(CYBER_ZH.title, None), (None, CLIMATE_EN.title)]
    assert records[0].match is None and records[1].match is None


def test_a_namesake_prefix_does_not_make_a_pair(lexicon: Lexicon) -> None:
    zh = copy(SANCTIONS_ZH, authors=["王军"])
    en = copy(CLIMATE_EN, authors=["WANG Junhua"])
    records = match_front_matter("issue.txt", FrontMatter([zh], [en]), lexicon)
    assert pairs(records) == [(SANCTIONS_ZH.title, None), (None, CLIMATE_EN.title)]


def test_different_authors_count_against_a_pair(lexicon: Lexicon) -> None:
    # same subject, different people: the Chinese article is not the English abstract's
    other = copy(REGIONAL_EN, authors=["SHEN Tao", "LIU Yu-li"])
    same = match_front_matter("f", FrontMatter([REGIONAL_ZH], [REGIONAL_EN]), lexicon)[0].match
    different = match_front_matter("f", FrontMatter([REGIONAL_ZH], [other]), lexicon)
    assert same is not None
    assert different[0].match is None or different[0].match.score < same.score / 1.5


def test_every_article_gets_at_most_one_partner(lexicon: Lexicon) -> None:
    front = FrontMatter([REGIONAL_ZH, copy(REGIONAL_ZH, position=3)], [REGIONAL_EN])
    records = match_front_matter("issue.txt", front, lexicon)
    assert sum(record.matched for record in records) == 1
    assert len(records) == 2


def test_record_order_and_english_entries_without_abstract(lexicon: Lexicon) -> None:
    contents_entry = EnFrontMatter(
        "Hedging Strategies of Southeast Asian Countries", ["WANG Jingchao"], "", [], {}, 2
    )
    front = FrontMatter([SANCTIONS_ZH, CYBER_ZH, REGIONAL_ZH], [contents_entry, CLIMATE_EN, REGIONAL_EN])
    records = match_front_matter("issue.txt", front, lexicon)
    # matched and Chinese-only in Chinese order, then English-only; a contents entry alone is no article
    assert pairs(records) == [
        (SANCTIONS_ZH.title, None),
        (CYBER_ZH.title, None),
        (REGIONAL_ZH.title, REGIONAL_EN.title),
        (None, CLIMATE_EN.title),
    ]
    assert all(record.file == "issue.txt" for record in records)


def test_nothing_to_match(lexicon: Lexicon) -> None:
    assert match_front_matter("f", FrontMatter([], []), lexicon) == []
    assert pairs(match_front_matter("f", FrontMatter([], [CLIMATE_EN]), lexicon)) == [
        (None, CLIMATE_EN.title)
    ]


# --- whole issues -----------------------------------------------------------------------------------------


def test_tiyao_issue_end_to_end(tiyao_issue: Path) -> None:
    records, problems = read_articles([tiyao_issue])
    assert problems == []
    assert pairs(records) == [
        (
            "国际秩序转型中的区域合作新路径",
            "New Paths of Regional Cooperation in the Transformation of the International Order",
        ),
        ("数字技术与全球治理变革", "Digital Technology and the Transformation of Global Governance"),
        ("单边制裁的国际法困境", None),  # its English abstract is not in the file
        (None, "Maritime Security Cooperation in the Indian Ocean"),  # its Chinese article is not in the file
    ]
    assert [record.id for record in records] == ["A1", "A2", "A3", "A4"]
    assert records[0].match is not None and "authors 2/2 by pinyin" in records[0].match.evidence


def test_markdown_front_matter_end_to_end(frontmatter_md: Path) -> None:
    records, problems = read_articles([frontmatter_md])
    assert problems == []
    assert pairs(records) == [
        ("基于深度学习的交通流量预测方法", "Traffic flow prediction method based on deep learning"),
        ("面向云存储的数据去重算法", "Data deduplication algorithm for cloud storage"),
    ]
    assert records[0].match.evidence[0] == "authors 3/3 by pinyin"  # `Wang Sen, Chen Li, Zhang Jie`
    assert records[1].match.evidence[0] == "authors 2/2 by pinyin"  # `ZENG Xiao-Ming, SHAN Zhi-Qiang`


def test_zhaiyao_issue_end_to_end(zhaiyao_issue: Path) -> None:
    records, _ = read_articles([zhaiyao_issue])
    assert pairs(records) == [
        (
            "共生安全：地区安全公共产品供给的新思路",
            "Symbiotic Security: New Thinking on the Supply of Regional Security Public Goods",
        ),
        (None, "Northeast Asian Cooperation and the New Hybrid Regionalism"),
    ]


def test_contents_entry_gives_an_english_title_to_an_article_without_abstract(contents_issue: Path) -> None:
    records, _ = read_articles([contents_issue])
    assert pairs(records) == [
        ("全球气候治理的新趋势与中国的角色", "New Trends in Global Climate Governance and China's Role"),
        ("联合国与全球网络安全治理", "The UN and Global Cybersecurity Governance"),
    ]
    assert records[1].en.abstract == ""
    assert records[1].match.evidence[0] == "authors 1/1 by pinyin"


def test_traditional_big5_issue_matched_and_kept_as_printed(traditional_big5: Path) -> None:
    issues, problems = read_issues([traditional_big5])
    assert problems == []
    assert issues[0].document.traditional
    assert issues[0].document.encoding.startswith("big5")
    (record,) = issues[0].records
    assert record.matched
    assert record.zh.title == "數字技術與全球治理變革"  # not simplified for display
    assert record.zh.authors == ["盧靜", "林怡娉"]
    assert record.zh.keywords == ["數字技術", "全球治理", "數字平臺"]
    assert record.zh.abstract.startswith("數字技術的迅猛發展深刻影響著全球治理")
    assert record.en.title == "Digital Technology and the Transformation of Global Governance"
    assert record.match.evidence[0] == "authors 2/2 by pinyin"


def test_ids_run_over_all_inputs_in_order(tiyao_issue: Path, frontmatter_md: Path) -> None:
    issues, _ = read_issues([frontmatter_md, tiyao_issue])
    assert [[record.id for record in issue.records] for issue in issues] == [
        ["A1", "A2"],
        ["A3", "A4", "A5", "A6"],
    ]
    tiyao = issues[1]
    second_article = tiyao.records[1].zh.position
    assert tiyao.article_at(second_article) == "A4"
    assert tiyao.article_at(second_article + 3) == "A4"
    assert tiyao.article_at(0) == "A3"


@pytest.mark.parametrize("text", [TIYAO_ISSUE, FRONTMATTER_MD, ZHAIYAO_ISSUE, CONTENTS_ISSUE])
def test_matching_is_independent_of_the_file_name(tmp_path: Path, text: str) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "zz-other-name.md"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    one, _ = read_articles([first])
    two, _ = read_articles([second])
    assert pairs(one) == pairs(two)


def test_only_pairs_that_cannot_reach_the_threshold_go_unscored(lexicon: Lexicon) -> None:
    """Matching scores only the pairs that share an author, else a title word, else an abstract word: every
    pair it leaves out scores below THRESHOLD, whichever fields each side lacks."""
    from glossary import matching

    blanks = [{}, {"authors": []}, {"title": ""}, {"authors": [], "title": ""}, {"abstract": ""}]
    zh = [copy(item, **blank) for item in (REGIONAL_ZH, SANCTIONS_ZH, CYBER_ZH) for blank in blanks]
    en = [copy(item, **blank) for item in (REGIONAL_EN, SANCTIONS_EN, CLIMATE_EN) for blank in blanks]
    zh_sides = [matching._ZhSide.of(item, lexicon) for item in zh]
    en_sides = [matching._EnSide.of(item) for item in en]
    index = matching._EnIndex(en, en_sides)
    left_out = scored = 0
    for zh_index, chinese in enumerate(zh):
        partners = set(index.possible_partners(chinese, zh_sides[zh_index]))
        for en_index, english in enumerate(en):
            score = matching._score(
                chinese,
                english,
                zh_sides[zh_index],
                en_sides[en_index],
                (zh_index, len(zh)),
                (en_index, len(en)),
            ).score
            if en_index in partners:
                scored += score >= THRESHOLD
            else:
                left_out += 1
                assert score < THRESHOLD, (chinese.title, english.title)
    assert left_out > 50 and scored > 20
