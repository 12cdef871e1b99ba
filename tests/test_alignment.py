"""Sentence splitting and alignment of abstracts, and the aligned units of an article record."""

from __future__ import annotations

import pytest

from glossary.alignment import (
    abstract_beads,
    align,
    aligned_units,
    know_beads,
    split_en_sentences,
    split_zh_sentences,
)
from glossary.lexicon import Lexicon, load_lexicon
from glossary.models import ArticleRecord, Bead, EnFrontMatter, ZhFrontMatter


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def shapes(beads: list[Bead]) -> list[tuple[list[int], list[int]]]:
    return [(bead.zh, bead.en) for bead in beads]


# --- splitting ------------------------------------------------------------------------------------------


def test_zh_sentences_end_at_stops_and_keep_closing_quotes() -> None:
    text = "他指出：“合作是唯一的出路。”各方表示同意！这一判断成立吗？成立；但仍需检验?最后一句没有句号"
    assert split_zh_sentences(text) == [
        "他指出：“合作是唯一的出路。”",
        "各方表示同意！",
        "这一判断成立吗？",
        "成立；",
        "但仍需检验?",
        "最后一句没有句号",
    ]


def test_zh_text_without_stops_is_one_sentence() -> None:
    assert split_zh_sentences("  全球治理的中国方案  ") == ["全球治理的中国方案"]
    assert split_zh_sentences("") == []


def test_en_sentences_do_not_end_at_abbreviations_initials_or_decimals() -> None:
    text = (
        "The U.S. and the E.U. differ, e.g. on data rules. Growth was 3.5 per cent (see No. 4, Fig. 2). "
        'C. Wright Mills saw this early. "Why now?" the author asks. It matters! Smith et al. 2020 agree.'
    )
    assert split_en_sentences(text) == [
        "The U.S. and the E.U. differ, e.g. on data rules.",
        "Growth was 3.5 per cent (see No. 4, Fig. 2).",
        "C. Wright Mills saw this early.",
        '"Why now?" the author asks.',
        "It matters!",
        "Smith et al. 2020 agree.",
    ]


def test_en_sentences_split_where_extraction_lost_the_space() -> None:
    text = "The trade war reshaped the China-U.S.relations.The two countries compete.It is costly."
    assert split_en_sentences(text) == [
        "The trade war reshaped the China-U.S.relations.",
        "The two countries compete.",
        "It is costly.",
    ]


def test_en_sentence_before_lowercase_text_is_not_split() -> None:
    assert split_en_sentences("Prices rose by 2.5 percent. and then fell.") == [
        "Prices rose by 2.5 percent. and then fell."
    ]


# --- alignment ------------------------------------------------------------------------------------------

ZH_ABSTRACT = [
    "城市化进程加快了农村人口向城市的流动。",
    "本文利用全国调查数据，考察了流动人口的住房状况和社会保障。",
    "研究发现，流动人口的住房条件明显改善。",
    "但是，他们的社会保障覆盖率仍然偏低。",
    "文章最后讨论了政策含义。",
]
EN_ABSTRACT = [
    "Urbanization has accelerated the movement of the rural population to cities.",
    "Using national survey data, this article examines the housing of migrants.",
    "It also examines their social security.",
    "The study finds that the housing conditions of migrants have clearly improved, "
    "but their social security coverage remains low.",
    "The article concludes with a discussion of policy implications.",
]


def test_align_finds_one_to_two_and_two_to_one_beads(lexicon: Lexicon) -> None:
    beads = align(ZH_ABSTRACT, EN_ABSTRACT, lexicon)
    assert shapes(beads) == [([0], [0]), ([1], [1, 2]), ([2, 3], [3]), ([4], [4])]


def test_shared_numbers_and_acronyms_count_as_evidence(lexicon: Lexicon) -> None:
    zh = ["2019年GDP增长6.1%。"]
    same = align(zh, ["In 2019 GDP grew by 6.1%."], lexicon)[0].score
    different = align(zh, ["In 2017 GNP grew by 4.3%."], lexicon)[0].score
    assert same > different


def test_bead_scores_are_higher_for_translations_than_for_unrelated_text(lexicon: Lexicon) -> None:
    translated = align(ZH_ABSTRACT[:1], EN_ABSTRACT[:1], lexicon)[0].score
    unrelated = align(ZH_ABSTRACT[:1], ["The committee meets every Tuesday in the old library."], lexicon)
    assert 0.0 <= unrelated[0].score < translated <= 1.0


def test_align_covers_every_sentence_once_in_order(lexicon: Lexicon) -> None:
    zh = ZH_ABSTRACT + ZH_ABSTRACT[:2]
    en = EN_ABSTRACT[::2]
    beads = align(zh, en, lexicon)
    assert [index for bead in beads for index in bead.zh] == list(range(len(zh)))
    assert [index for bead in beads for index in bead.en] == list(range(len(en)))
    assert all(bead.zh or bead.en for bead in beads)


def test_align_with_one_side_empty(lexicon: Lexicon) -> None:
    assert align([], [], lexicon) == []
    only_chinese = align(["只有中文。"], [], lexicon)
    assert shapes(only_chinese) == [([0], [])]
    assert only_chinese[0].score == 0.0
    assert shapes(align([], ["Only English.", "Twice."], lexicon)) == [([], [0]), ([], [1])]


# --- article records ------------------------------------------------------------------------------------


def record(zh_abstract: str, en_abstract: str, zh_title: str = "流动人口的住房与社会保障") -> ArticleRecord:
    zh = ZhFrontMatter(
        title=zh_title,
        authors=["王明"],
        abstract=zh_abstract,
        keywords=["流动人口"],
        lines={"title": 3, "abstract": 5},
        position=0,
    )
    en = EnFrontMatter(
        title="Housing and Social Security of Migrants",
        authors=["WANG Ming"],
        abstract=en_abstract,
        keywords=["migrants"],
        lines={"title": 40, "abstract": 42},
        position=30,
    )
    return ArticleRecord(file="issue.txt", zh=zh, en=en, id="A7")


def test_aligned_units_of_a_matched_article(lexicon: Lexicon) -> None:
    units = aligned_units(record("".join(ZH_ABSTRACT), " ".join(EN_ABSTRACT)), lexicon)
    assert [(unit.kind, unit.article_id, unit.zh_line, unit.en_line) for unit in units] == [
        ("title", "A7", 3, 40)
    ] + [("abstract", "A7", 5, 42)] * 4
    assert units[0].zh == "流动人口的住房与社会保障"
    assert units[0].en == "Housing and Social Security of Migrants"
    assert units[2].zh == ZH_ABSTRACT[1]
    assert units[2].en == EN_ABSTRACT[1] + " " + EN_ABSTRACT[2]
    assert units[3].zh == ZH_ABSTRACT[2] + ZH_ABSTRACT[3]


def test_aligned_units_leave_out_a_missing_title_and_an_empty_abstract(lexicon: Lexicon) -> None:
    article = record("城市化加快了人口流动。", "", zh_title="")
    assert aligned_units(article, lexicon) == []


def test_unmatched_article_gives_no_units(lexicon: Lexicon) -> None:
    article = record("城市化加快了人口流动。", "Urbanization sped up migration.")
    article.en = None
    assert aligned_units(article, lexicon) == []


def test_beads_worked_out_elsewhere_are_taken_for_that_lexicon_only(lexicon: Lexicon) -> None:
    article = record("".join(ZH_ABSTRACT), " ".join(EN_ABSTRACT))
    beads = abstract_beads([article], lexicon)
    (aligned,) = beads.values()
    assert aligned == align(ZH_ABSTRACT, EN_ABSTRACT, lexicon)
    marked = {pair: [Bead([0], [0], 0.5)] for pair in beads}  # not what aligning gives: shows it is taken
    try:
        know_beads(lexicon, marked)
        assert align(ZH_ABSTRACT, EN_ABSTRACT, Lexicon(dict(lexicon.senses))) != [Bead([0], [0], 0.5)]
        assert align(ZH_ABSTRACT, EN_ABSTRACT, lexicon) == [Bead([0], [0], 0.5)]
        assert align(ZH_ABSTRACT, EN_ABSTRACT, lexicon) == aligned  # once each
    finally:
        know_beads(None, {})
