"""Pairing: evidence between Chinese terms and English spans, keywords, Confidence."""

import pytest

from glossary.candidates import ChineseAnalyzer, EnglishAnalyzer, english_key, singular
from glossary.lexicon import load_lexicon
from glossary.models import AlignedUnit, KnownPair
from glossary.pairing import Observation, Pairer, aggregate, combine, zh_key

TITLE = AlignedUnit(
    "title",
    "全球安全倡议与地区安全治理",
    "The Global Security Initiative and Regional Security Governance",
    "A1",
)
SENTENCES = [
    AlignedUnit(
        "abstract",
        "全球安全倡议为破解全球安全赤字提供了中国方案。",
        "The Global Security Initiative offers a Chinese solution to the global security deficit.",
        "A1",
    ),
    AlignedUnit(
        "abstract",
        "地区安全治理面临霸权主义和集团对抗等挑战。",
        "Regional security governance faces challenges such as hegemonism and bloc confrontation.",
        "A1",
    ),
]


@pytest.fixture(scope="module")
def analyzers() -> tuple[ChineseAnalyzer, EnglishAnalyzer]:
    return ChineseAnalyzer(), EnglishAnalyzer()


def make_pairer(analyzers, known: list[KnownPair] | None = None, units=None) -> Pairer:
    chinese, english = analyzers
    return Pairer(units or [TITLE, *SENTENCES], known or [], load_lexicon(), chinese, english)


def best_english(observations: list[Observation]) -> dict[str, str]:
    best: dict[str, Observation] = {}
    for observation in observations:
        if observation.zh not in best or observation.strength > best[observation.zh].strength:
            best[observation.zh] = observation
    return {zh: observation.en for zh, observation in best.items()}


def test_unit_pairs_by_dictionary_composition(analyzers) -> None:
    pairs = best_english(make_pairer(analyzers).unit_observations())
    assert pairs["全球安全倡议"] == "Global Security Initiative"
    assert pairs["地区安全治理"] == "regional security governance"
    assert pairs["霸权主义"] == "hegemonism"
    assert pairs["集团对抗"] == "bloc confrontation"
    assert "中国" not in pairs  # general words are not terms


def test_one_english_span_is_not_given_to_two_overlapping_terms(analyzers) -> None:
    observations = make_pairer(analyzers).unit_observations()
    in_title = [o for o in observations if o.source == "title"]
    spans = [o.en_key for o in in_title]
    assert len(spans) == len(set(spans))


def test_termlist_prior_and_case(analyzers) -> None:
    known = [KnownPair("集团对抗", "bloc confrontation", status="approved")]
    observations = make_pairer(analyzers, known).unit_observations()
    pair = next(o for o in observations if o.zh == "集团对抗")
    assert pair.evidence["termlist"] == 1.0
    assert pair.strength >= 0.97
    assert pair.en == "bloc confrontation"  # lower case: not a name


def test_keywords_in_order_when_evidence_agrees(analyzers) -> None:
    pairer = make_pairer(analyzers)
    found = pairer.keyword_observations(
        "A1", ["全球安全倡议", "霸权主义"], ["Global Security Initiative", "hegemonism"], []
    )
    assert {(o.zh, o.en) for o in found} == {
        ("全球安全倡议", "Global Security Initiative"),
        ("霸权主义", "hegemonism"),
    }
    assert all(o.source == "keywords" and o.strength > 0.9 for o in found)


def test_keywords_reordered_by_evidence(analyzers) -> None:
    pairer = make_pairer(analyzers)
    found = pairer.keyword_observations(
        "A1", ["霸权主义", "集团对抗"], ["bloc confrontation", "hegemonism"], []
    )
    assert {(o.zh, o.en) for o in found} == {("霸权主义", "hegemonism"), ("集团对抗", "bloc confrontation")}


def test_withheld_english_keywords_found_in_the_abstract_or_not_at_all(analyzers) -> None:
    pairer = make_pairer(analyzers)
    found = pairer.keyword_observations("A1", ["安全赤字", "中美关系"], [], pairer.units)
    assert [(o.zh, o.en) for o in found] == [("安全赤字", "global security deficit")] or [
        (o.zh, o.en) for o in found
    ] == [("安全赤字", "security deficit")]
    assert all(o.zh != "中美关系" for o in found)  # not rendered anywhere: no guess


def test_confidence_combines_sources_and_articles() -> None:
    def seen(source: str, strength: float, article: str) -> Observation:
        return Observation(
            "前景理论", "前景理论", "prospect theory", "prospect theory", source, article, strength
        )

    one = combine([seen("abstract", 0.6, "A1")], 1)
    two_sources = combine([seen("abstract", 0.6, "A1"), seen("parenthetical", 0.6, "A1")], 1)
    two_articles = combine([seen("abstract", 0.6, "A1"), seen("abstract", 0.6, "A2")], 2)
    assert one == pytest.approx(0.6)
    assert two_sources == pytest.approx(0.84)
    assert one < two_articles < two_sources
    assert combine([seen("termlist", 1.0, "")], 0) <= 0.99


def test_aggregate_orders_rows_of_a_term_best_first() -> None:
    def seen(en: str, strength: float, article: str) -> Observation:
        return Observation("大国", "大国", en, en, "abstract", article, strength)

    pairs = aggregate(
        [seen("major power", 0.8, "A1"), seen("major power", 0.8, "A2"), seen("great power", 0.85, "A3")]
    )
    assert [pair.en for pair in pairs] == ["major power", "great power"]
    assert pairs[0].confidence > pairs[1].confidence


def test_chinese_keys_ignore_script_quotes_and_dashes() -> None:
    assert zh_key("“一帶一路”") == "一带一路"
    assert zh_key("中国—中亚峰会") == zh_key("中国-中亚峰会")


def test_the_articles_english_keyword_is_the_best_row_of_its_keyword() -> None:
    def seen(en: str, source: str, article: str, strength: float, evidence: dict[str, float]) -> Observation:
        return Observation(
            "图神经网络", "图神经网络", en, english_key(en), source, article, strength, evidence=evidence
        )

    observations = [
        seen("graph neural network", "keywords", "A1", 0.85, {"keyword list": 1.0}),
        *(seen("graph neural network model", "abstract", f"A{i}", 0.9, {}) for i in range(1, 5)),
        *(seen("GNN", "parenthetical", f"A{i}", 0.95, {}) for i in range(1, 4)),
    ]
    pairs = aggregate(observations)
    assert pairs[0].en == "graph neural network"
    assert pairs[0].confidence > max(pair.confidence for pair in pairs[1:])


def test_renderings_that_differ_only_in_spacing_are_one_row() -> None:
    def seen(en: str, article: str) -> Observation:
        return Observation("元学习", "元学习", en, english_key(en), "abstract", article, 0.8)

    pairs = aggregate([seen("meta-learning", "A1"), seen("Meta Learning", "A2"), seen("metalearning", "A3")])
    assert len(pairs) == 1


@pytest.mark.parametrize(
    ("plural", "singular_form"),
    [
        ("patches", "patch"),
        ("approaches", "approach"),
        ("classes", "class"),
        ("boxes", "box"),
        ("caches", "cache"),
        ("policies", "policy"),
        ("relations", "relation"),
        ("series", "series"),
        ("analysis", "analysis"),
    ],
)
def test_singular(plural: str, singular_form: str) -> None:
    assert singular(plural) == singular_form


EVIDENCE_ONLY = [
    AlignedUnit(
        "abstract",
        "冷战结束后，欧盟力求维护战略稳定，谋求长治久安。",
        "After the end of the Cold War, the EU sought strategic stability, "
        "hoping for long-term peace and stability.",
        "A1",
    ),
    AlignedUnit(
        "abstract",
        "管控分歧有助于界定中美博弈的边界，推动世界和平。",
        "The management of disputes helps define the boundary of China-US competition "
        "and promote world peace.",
        "A1",
    ),
    AlignedUnit("abstract", "冷战的阴影犹在。", "The shadow of the Cold War lingers.", "A1"),
]


def test_spans_the_tagger_refuses_are_terms_when_the_evidence_covers_them(analyzers) -> None:
    pairs = best_english(make_pairer(analyzers, units=EVIDENCE_ONLY).unit_observations())
    assert pairs["冷战"] == "Cold War"  # tagged a verb
    assert pairs["战略稳定"] == "strategic stability"  # 稳定 tagged an adjective
    assert pairs["长治久安"] == "long-term peace and stability"  # glossed as a coordination
    assert pairs["中美博弈"] == "China-US competition"  # across jieba's words, with a curated sense
    assert pairs["管控分歧"] == "management of dispute"
    assert "推动世界和平" not in pairs  # a verb phrase stays one: `promote world peace`


def test_english_keywords_without_chinese_ones_find_their_terms_in_the_abstract(analyzers) -> None:
    pairer = make_pairer(analyzers)
    found = pairer.keyword_observations(
        "A1", [], ["Global Security Initiative", "Bloc Confrontation", "Supply Logic"], pairer.units
    )
    assert {(o.zh, o.en) for o in found} == {
        ("全球安全倡议", "Global Security Initiative"),
        ("集团对抗", "bloc confrontation"),
    }  # nothing in the abstract renders `supply logic`: no pair
    assert all(o.source == "keywords" and "keyword list" in o.evidence for o in found)


def test_a_pair_resting_on_the_encoder_alone_stays_below_the_trusted_band() -> None:
    def seen(article: str, evidence: dict[str, float]) -> Observation:
        return Observation(
            "吞吐率",
            "吞吐率",
            "throughput rate",
            "throughput rate",
            "keywords",
            article,
            0.45,
            evidence=evidence,
        )

    (alone,) = aggregate([seen(f"A{i}", {"encoder": 0.63}) for i in range(1, 6)])
    assert alone.confidence < 0.5
    (agreed,) = aggregate([seen("A1", {"encoder": 0.63}), seen("A2", {"dictionary": 0.8})])
    assert agreed.confidence >= 0.5


def test_two_words_rendered_as_two_joined_in_english(analyzers) -> None:
    units = [
        AlignedUnit(
            "abstract",
            "以公平正义为理念引领全球治理体系改革。",
            "It guides the reform of the global governance system with fairness and justice.",
            "A1",
        ),
        AlignedUnit(
            "abstract",
            "全球产业链受到冲击。",
            "The global industrial chain and value chain are disrupted.",
            "A1",
        ),
    ]
    pairs = best_english(make_pairer(analyzers, units=units).unit_observations())
    assert pairs["公平正义"] == "fairness and justice"
    assert not any(en.endswith("and value") for en in pairs.values())  # a coordination cut inside a noun


def test_no_pair_cuts_a_dictionary_word_or_gives_one_plain_word_for_several(analyzers) -> None:
    units = [
        AlignedUnit(
            "abstract",
            "中国处理对美关系，须用好各种战略手段。",
            "In handling its relations with the US, China must make good use of every strategy.",
            "A1",
        ),
    ]
    pairs = best_english(make_pairer(analyzers, units=units).unit_observations())
    assert "美关系" not in pairs  # 对美 + 关系
    assert pairs.get("战略手段") != "strategy"  # two words, one plain English word


def test_termlist_sightings_once_per_article_where_first_seen() -> None:
    """Each termlist pair whose Chinese a file uses is seen once per article, as written in the first
    paragraph of that article that uses it (traditional characters and page numbers aside)."""
    from pathlib import Path

    from glossary.articles import Issue
    from glossary.extraction import _paragraphs, _searchable, _termlist_sightings
    from glossary.models import ArticleRecord, Document, Paragraph, ZhFrontMatter

    texts = [
        ("text", "第一篇。全球治理很重要。"),
        ("page-number", "全球治理 3"),
        ("text", "國際秩序與全球治理。全球治理。"),
        ("heading", "第二篇"),
        ("text", "国际秩序正在变化。"),
        ("footnote", "全球治理体系。"),
    ]
    paragraphs = [Paragraph(text, [(0, number + 1)], kind) for number, (kind, text) in enumerate(texts)]
    records = [
        ArticleRecord("f", ZhFrontMatter(title, [], "", [], {}, position), id=f"A{number}")
        for number, (title, position) in enumerate([("第一篇", 0), ("第二篇", 3)], start=1)
    ]
    issue = Issue(Document(Path("f"), "f", paragraphs), records)
    termlist = [
        KnownPair("全球治理", "global governance"),
        KnownPair("全球治理", "world governance", status="alias"),
        KnownPair("国际秩序", "international order"),
        KnownPair("南南合作", "South-South cooperation"),
    ]
    searchable = [_searchable(text) for _, text in _paragraphs(issue)]
    seen = [
        (sighting.zh_written, sighting.en, sighting.approved, sighting.article_id)
        for sighting in _termlist_sightings(issue, termlist, searchable)
    ]
    assert seen == [
        ("全球治理", "global governance", True, "A1"),
        ("全球治理", "world governance", False, "A1"),
        ("國際秩序", "international order", True, "A1"),
        ("国际秩序", "international order", True, "A2"),
        ("全球治理", "global governance", True, "A2"),
        ("全球治理", "world governance", False, "A2"),
    ]
