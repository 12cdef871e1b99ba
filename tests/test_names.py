"""Authors' names: Chinese bylines, pinyin bylines, and how the two are found to be the same people."""

from __future__ import annotations

import pytest

from glossary.lexicon import name_readings
from glossary.matching import authors_found
from glossary.names import en_author_names, is_pinyin, name_key, zh_author_names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("卢  静  林怡娉", ["卢静", "林怡娉"]),  # a two-character name padded to the width of three
        ("程 铭 刘雪莲", ["程铭", "刘雪莲"]),
        ("储永正  宋德星", ["储永正", "宋德星"]),
        ("金  玲", ["金玲"]),
        ("□ 刘 卿", ["刘卿"]),
        ("单志强  曾晓明", ["单志强", "曾晓明"]),
        ("王森，陈莉，张洁(西北大学 信息科学与技术学院，西安 710127)", ["王森", "陈莉", "张洁"]),
        ("王静1,²，王春梅¹，智佳", ["王静", "王春梅", "智佳"]),  # superscript affiliation marks
        ("冯代高、张友俊", ["冯代高", "张友俊"]),
        ("中国社会科学院世界经济研究所研究员 叶海林", ["叶海林"]),
        ("欧阳明远", ["欧阳明远"]),
        ("盧  靜  林怡娉", ["盧靜", "林怡娉"]),
        ("𠮷田明  王𠀋", ["𠮷田明", "王𠀋"]),  # characters beyond U+FFFF (Extension B)
    ],
)
def test_zh_bylines(line: str, names: list[str]) -> None:
    assert zh_author_names(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "国际秩序转型中的",  # the first line of a title
        "数字技术与全球治理变革",
        "〔提要〕当前，国际秩序正处于深刻转型之中。",
        "摘要：本文研究",
        "（西北大学 信息科学与技术学院，西安 710127）",
        "【责任编辑：王小明】",
        "",
    ],
)
def test_zh_lines_that_are_not_bylines(line: str) -> None:
    assert zh_author_names(line) is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("WU Zhicheng & LI Wenhua", ["WU Zhicheng", "LI Wenhua"]),
        ("CHENG Ming & LIU Xue-lian", ["CHENG Ming", "LIU Xue-lian"]),
        ("CHENG Ming LIU Xue-lian", ["CHENG Ming", "LIU Xue-lian"]),  # no separator between the names
        ("SHEN Hai-tao LIU Yu-li ·84·", ["SHEN Hai-tao", "LIU Yu-li"]),  # with the page number
        ("Ye Hailin", ["Ye Hailin"]),
        ("LIU Qing", ["LIU Qing"]),
        (
            "Wang Sen, Chen Li, Zhang Jie (School of Information Science & Technology, Northwest University)",
            [
                "Wang Sen",
                "Chen Li",
                "Zhang Jie",
            ],
        ),
        ("ZENG Xiao-Ming, SHAN Zhi-Qiang", ["ZENG Xiao-Ming", "SHAN Zhi-Qiang"]),
        ("HAN Dong-Xu WANG PengSHAO Qian-Qian", ["HAN Dong-Xu", "WANG Peng", "SHAO Qian-Qian"]),  # lost space
        ("Wang Sen, Chen Li and Zhang Jie", ["Wang Sen", "Chen Li", "Zhang Jie"]),
        ("〔UK〕Keith Lamb", ["Keith Lamb"]),  # a country tag marks a foreign author: no pinyin needed
    ],
)
def test_en_bylines(line: str, names: list[str]) -> None:
    assert en_author_names(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "Towards True Multilateralism",
        "Digital Technology and the Transformation of Global",
        "Maritime Security Cooperation in the Indian Ocean",
        "Keith Lamb",  # not pinyin and no country tag
        "Abstract: The rise of China.",
        "The international order is undergoing profound transformation.",
        "程铭 刘雪莲",
        "ZHANG 𠮷",
        "",
    ],
)
def test_en_lines_that_are_not_bylines(line: str) -> None:
    assert en_author_names(line) is None


@pytest.mark.parametrize("word", ["Hailin", "Xue-lian", "Zhicheng", "Qian-Qian", "Xi'an", "zhuang"])
def test_pinyin_words(word: str) -> None:
    assert is_pinyin(word)


@pytest.mark.parametrize("word", ["Strategy", "Security", "Lamb", "Japan", "Hailín", "Wang1", ""])
def test_words_that_are_not_pinyin(word: str) -> None:
    assert not is_pinyin(word)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("LYU Wen & ZHANG Ming", ["LYU Wen", "ZHANG Ming"]),  # GB/T 28039 spelling of 吕文
        ("LV Wen & ZHANG Ming", ["LV Wen", "ZHANG Ming"]),
        ("Lü Wen, Zhang Ming", ["Lü Wen", "Zhang Ming"]),
    ],
)
def test_en_bylines_with_the_syllable_lu_umlaut(line: str, names: list[str]) -> None:
    assert en_author_names(line) == names


def test_name_key() -> None:
    assert name_key("LIU Xue-lian") == "liuxuelian"
    assert name_key("Ye Hailin") == "yehailin"
    assert name_key("LÜ Wen") == "lvwen"


def test_name_readings_include_every_heteronym() -> None:
    assert {"shanzhiqiang", "danzhiqiang"} <= set(name_readings("单志强"))
    assert "zengxiaoming" in name_readings("曾晓明")
    assert "zengxiaoming" in name_readings("曾曉明")  # traditional characters read through simplification


@pytest.mark.parametrize(
    ("zh", "en", "found"),
    [
        (["单志强"], ["SHAN Zhiqiang"], 1),  # 单 as a surname is Shan
        (["曾晓明"], ["ZENG Xiaoming"], 1),  # 曾 as a surname is Zeng
        (["单志强", "曾晓明"], ["ZENG Xiao-Ming", "SHAN Zhi-Qiang"], 2),  # other order, hyphens, capitals
        (["程铭", "刘雪莲"], ["CHENG Ming", "LIU Xue-lian"], 2),
        (["叶海林"], ["Ye Hailin"], 1),
        (["叶海林"], ["Hailin Ye"], 1),  # given name first
        (["吕文"], ["LYU Wen"], 1),
        (["吕文"], ["LU Wen"], 1),
        (["盧靜", "林怡娉"], ["LU Jing", "LIN Yiping"], 2),
        (["程铭", "刘雪莲"], ["SHEN Tao", "LIU Yu-li"], 0),
        (["张明"], ["ZHANG Min"], 0),
        (["王森", "陈莉", "张洁"], ["Wang Sen"], 1),
    ],
)
def test_authors_found_through_pinyin(zh: list[str], en: list[str], found: int) -> None:
    assert authors_found(zh, en) == found


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (["王军"], ["WANG Junhua"]),
        (["李明"], ["LI Mingyu", "ZHAO Gang"]),
    ],
)
def test_a_longer_given_name_is_another_person(zh: list[str], en: list[str]) -> None:
    assert authors_found(zh, en) == 0
