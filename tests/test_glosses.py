"""Parenthetical glosses: the English in brackets and the minimal Chinese term before it."""

import pytest

from glossary.candidates import ChineseAnalyzer
from glossary.glosses import find_glosses, gloss_parts
from glossary.lexicon import load_lexicon


@pytest.fixture(scope="module")
def analyzer() -> ChineseAnalyzer:
    return ChineseAnalyzer()


def glosses_of(text: str, analyzer: ChineseAnalyzer) -> list[tuple[str, str, str]]:
    return [(gloss.zh, gloss.en, gloss.kind) for gloss in find_glosses(text, analyzer, load_lexicon())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "近年来，国际关系学者引入前景理论（prospect theory）分析对外政策。",
            ("前景理论", "prospect theory", "term"),
        ),
        (
            "这是东亚合作经验的“发展型区域主义”（Developmental Regionalism）。",
            ("发展型区域主义", "Developmental Regionalism", "term"),
        ),
        (
            "美国国际关系学者拉斯本（Brain C. Rathbun）认为信任至关重要。",
            ("拉斯本", "Brain C. Rathbun", "person"),
        ),
        ("前景理论由心理学家卡尼曼（Daniel Kahneman）提出。", ("卡尼曼", "Daniel Kahneman", "person")),
        ("中国积极参与国际货币基金组织（IMF）的改革。", ("国际货币基金组织", "IMF", "acronym")),
        ("美国先后退出了跨太平洋伙伴关系协定（TPP）等协议。", ("跨太平洋伙伴关系协定", "TPP", "acronym")),
        ("习近平（Xi Jinping）出席会议。", ("习近平", "Xi Jinping", "person")),
        ("中国问题专家沈大伟（David Shambaugh）认为如此。", ("沈大伟", "David Shambaugh", "person")),
        (
            "《联合国气候变化框架公约》第二十七次缔约方大会（COP27）在埃及举行。",
            ("第二十七次缔约方大会", "COP27", "acronym"),
        ),
        ("把期望（expectation）或愿望水平（aspiration）作为参照点。", ("愿望水平", "aspiration", "term")),
        (
            "这种框架效应（framing\ntheory）很重要。".replace("\n", " "),
            ("框架效应", "framing theory", "term"),
        ),
    ],
)
def test_minimal_chinese_term(text: str, expected: tuple[str, str, str], analyzer: ChineseAnalyzer) -> None:
    assert expected in glosses_of(text, analyzer)


def test_full_name_and_acronym_give_two_pairs(analyzer: ChineseAnalyzer) -> None:
    found = glosses_of("根据国际能源署（International Energy Agency，IEA）的数据，需求上升。", analyzer)
    assert ("国际能源署", "International Energy Agency", "term") in found
    assert ("国际能源署", "IEA", "acronym") in found


def test_transliterated_name_with_middle_dot(analyzer: ChineseAnalyzer) -> None:
    found = glosses_of("德国学者弗尔克尔·佩尔特斯（Volker Perthes）提出两种情景。", analyzer)
    assert found == [("弗尔克尔·佩尔特斯", "Volker Perthes", "person")]


@pytest.mark.parametrize(
    "text",
    [
        "多边机制（如 IGF）在其中发挥作用。",
        "这一观点（2019）影响很大。",
        "相关研究（参见 Smith, 2019, p. 5）已有讨论。",
        "项目成果（项目编号：21AGJ006）如下。",
        "他说（This is a whole English sentence. It explains things at length.）之后离开。",
        "他指出（见上文）这一点。",
        "数据来源（https://www.example.org/data）显示增长。",
    ],
)
def test_not_glosses(text: str, analyzer: ChineseAnalyzer) -> None:
    assert glosses_of(text, analyzer) == []


def test_gloss_parts_shapes() -> None:
    assert gloss_parts("IMF") == [("IMF", "acronym")]
    assert gloss_parts("Daniel Kahneman") == [("Daniel Kahneman", "name")]
    assert gloss_parts("Inflation Reduction Act") == [("Inflation Reduction Act", "phrase")]
    assert gloss_parts("The World Summit on the Information Society，简称 WSIS") == [
        ("The World Summit on the Information Society", "phrase"),
        ("WSIS", "acronym"),
    ]
    assert gloss_parts("如 GGE、OEWG 等") == []


def test_offset_and_context_point_at_the_term(analyzer: ChineseAnalyzer) -> None:
    text = "总之。国际关系学者引入前景理论（prospect theory）分析决策。"
    (gloss,) = find_glosses(text, analyzer, load_lexicon())
    assert text[gloss.offset : gloss.offset + len(gloss.zh)] == "前景理论"
    assert "前景理论（prospect theory）" in gloss.context
    assert not gloss.context.startswith("总之")
