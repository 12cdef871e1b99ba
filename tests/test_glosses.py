"""Parenthetical glosses: the English in brackets and the minimal Chinese term before it."""

import pytest

from glossary.candidates import ChineseAnalyzer
from glossary.glosses import find_glosses, gloss_parts, gloss_passages
from glossary.lexicon import load_lexicon
from glossary.models import Paragraph


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dotted transliterated names are taken whole
        ("贸易专员的继任者彼得·曼德尔森（Peter Mandelson）延续了这一立场。", "彼得·曼德尔森"),
        ("此后高级代表凯瑟琳·阿什顿（Catherine Ashton）访问了北京。", "凯瑟琳·阿什顿"),
        ("外交官乔治·凯南（George F. Kennan）提出了遏制战略。", "乔治·凯南"),
        ("学者玛丽·克洛德·斯穆茨（Marie Claude Smouts）和同事合著此书。", "玛丽·克洛德·斯穆茨"),
        # the letters of an acronym decide how far back a name goes
        ("上市公司开始披露环境、社会与治理（ESG）方面的信息。", "环境、社会与治理"),
        ("三国随后组建了三方协调监督小组（TCOG）以协调对朝政策。", "三方协调监督小组"),
        ("该国宣布引进末端高空导弹防御系统（THAAD）。", "末端高空导弹防御系统"),
        ("总统任命高级顾问并组建气候安全咨询委员会（CSAC）。", "气候安全咨询委员会"),
        ("东盟共同体的支柱分别是政治—安全共同体（APSC）等。", "政治—安全共同体"),
    ],
)
def test_boundary_of_names(text: str, expected: str, analyzer: ChineseAnalyzer) -> None:
    assert [zh for zh, _, _ in glosses_of(text, analyzer)] == [expected]


def test_half_width_bracket_after_a_space(analyzer: ChineseAnalyzer) -> None:
    found = glosses_of("现实主义者罗伯特·阿特 (Robert J. Art) 强调选择性接触。", analyzer)
    assert found == [("罗伯特·阿特", "Robert J. Art", "person")]
    assert ("准同盟", "Quasi-Alliance", "term") in glosses_of(
        "日本推进准同盟 (Quasi-Alliance) 战略。", analyzer
    )


def test_a_year_in_the_gloss_only_when_the_chinese_writes_it(analyzer: ChineseAnalyzer) -> None:
    found = glosses_of("欧盟陆续出台了《能源路线图2050》(Energy Roadmap 2050)等文件。", analyzer)
    assert found == [("能源路线图2050", "Energy Roadmap 2050", "term")]
    assert glosses_of("这一概念由李普曼（Lippmann 1922）提出。", analyzer) == []


def test_long_quoted_names_of_bodies(analyzer: ChineseAnalyzer) -> None:
    found = glosses_of("联大设立“信息和通信技术安全和使用问题不限成员名额工作组”（OEWG）。", analyzer)
    assert found == [("信息和通信技术安全和使用问题不限成员名额工作组", "OEWG", "acronym")]


def paragraph(text: str, kind: str = "text") -> Paragraph:
    return Paragraph(text, [(0, 1)], kind)


def glosses_across(paragraphs: list[Paragraph], analyzer: ChineseAnalyzer) -> list[tuple[int, str, str]]:
    return [
        (index, gloss.zh, gloss.en)
        for index, text, own_start in gloss_passages(paragraphs, ("text", "footnote"))
        for gloss in find_glosses(text, analyzer, load_lexicon(), own_start)
    ]


def test_gloss_cut_by_footnotes_before_its_bracket(analyzer: ChineseAnalyzer) -> None:
    paragraphs = [
        paragraph("两国关系可以称为竞争式"),
        paragraph("[1] 参见某书，第 3 页。", "footnote"),
        paragraph("共处（competitive coexistence）。此后局势变化。"),
    ]
    assert glosses_across(paragraphs, analyzer) == [(2, "竞争式共处", "competitive coexistence")]


def test_gloss_cut_by_footnotes_inside_its_bracket(analyzer: ChineseAnalyzer) -> None:
    paragraphs = [
        paragraph("美国把中国视为“紧迫的挑战”（pacing"),
        paragraph("[2] 参见某报告。", "footnote"),
        paragraph("https://example.org/report-2021."),
        paragraph("challenge）并加大了投入。"),
    ]
    assert glosses_across(paragraphs, analyzer) == [(0, "紧迫的挑战", "pacing challenge")]


def test_no_gloss_runs_across_a_heading(analyzer: ChineseAnalyzer) -> None:
    paragraphs = [
        paragraph("本节讨论共生"),
        paragraph("二、理论框架", "heading"),
        paragraph("（symbiosis）一词"),
    ]
    assert glosses_across(paragraphs, analyzer) == []


def test_name_and_acronym_share_the_boundary_the_name_gives(analyzer: ChineseAnalyzer) -> None:
    found = glosses_of(
        "城市加入了地方政府永续发展理事会（International Council for Local Environmental Initiatives，"
        "ICLEI）。",
        analyzer,
    )
    assert {zh for zh, _, _ in found} == {"地方政府永续发展理事会"}


def test_the_names_whose_readings_a_gloss_looks_up_are_known_beforehand(
    analyzer: ChineseAnalyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`name_lookups` names every string `find_glosses` asks the readings of (they are worked out ahead
    where pypinyin is loaded), and readings known beforehand are the ones pypinyin gives."""
    import glossary.glosses
    from glossary.lexicon import know_name_readings, name_readings

    texts = [
        "美国国际关系学者拉斯本（Brain C. Rathbun）认为信任至关重要。习近平（Xi Jinping）出席会议。",
        "中国问题专家沈大伟（David Shambaugh）认为如此，“伙伴关系”（partnership）亦然。",
        "德国学者佩尔特斯 (Volker Perthes) 与单志强（Shan Zhiqiang）合著。",
    ]
    paragraphs = [Paragraph(text, [(0, number + 1)]) for number, text in enumerate(texts)]
    asked: list[str] = []

    def readings(name: str) -> list[str]:
        asked.append(name)
        return name_readings(name)

    monkeypatch.setattr(glossary.glosses, "name_readings", readings)
    found = [
        (gloss.zh, gloss.kind)
        for _, text, own_start in gloss_passages(paragraphs, ["text"])
        for gloss in find_glosses(text, analyzer, load_lexicon(), own_start)
    ]
    assert ("单志强", "person") in found and ("沈大伟", "person") in found
    names = glossary.glosses.name_lookups(paragraphs, ["text"])
    assert asked and set(asked) <= names
    known = {name: name_readings(name) for name in names}
    assert "shanzhiqiang" in known["单志强"]
    know_name_readings({"单志强": ["known"]})
    try:
        assert name_readings("单志强") == ["known"]
        assert name_readings("单志强", limit=1) == ["danzhiqiang"]  # another question: asked of pypinyin
    finally:
        know_name_readings({})
    assert name_readings("单志强") == known["单志强"]
