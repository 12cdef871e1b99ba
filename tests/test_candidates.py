"""Term candidates: Chinese spans, termhood, English spans and keys."""

from collections import Counter

import pytest

from glossary.candidates import ChineseAnalyzer, EnglishAnalyzer, ZhCandidate, c_values, en_spans, english_key
from glossary.pairing.filters import is_term


@pytest.fixture(scope="module")
def chinese() -> ChineseAnalyzer:
    return ChineseAnalyzer(["全球安全倡议"])


@pytest.fixture(scope="module")
def english() -> EnglishAnalyzer:
    return EnglishAnalyzer()


def test_chinese_candidates_respect_clause_edges(chinese: ChineseAnalyzer) -> None:
    text = "中国提出的全球安全倡议有助于推动构建人类命运共同体。"
    candidates = chinese.candidates(text)
    found = {candidate.text for candidate in candidates if not candidate.needs_evidence}
    assert not any("的" in candidate.text for candidate in candidates)  # no span runs over 的
    assert "全球安全倡议" in found
    assert "人类命运共同体" in found
    assert not any(candidate.startswith("构建") for candidate in found)  # a term does not start with a verb
    assert not any("的" in candidate for candidate in found)  # nor runs over a structural particle


def test_spans_refused_only_by_tags_or_joining_words_wait_for_evidence(chinese: ChineseAnalyzer) -> None:
    text = "冷战结束后，双方加强对话与交流，维护战略稳定。"
    candidates = {candidate.text: candidate for candidate in chinese.candidates(text)}
    for term in ("冷战", "对话与交流", "战略稳定"):
        assert candidates[term].needs_evidence, term
    assert "后" not in candidates and not any(text.endswith("与") for text in candidates)
    assert not any(key.startswith(("，", "与")) for key in candidates)


def test_known_terms_inside_longer_dictionary_words(chinese: ChineseAnalyzer) -> None:
    analyzer = ChineseAnalyzer(["构建人类命运共同体"])
    found = {
        candidate.text for candidate in analyzer.candidates("推动构建人类命运共同体。", ["人类命运共同体"])
    }
    assert "人类命运共同体" in found


def test_characters_beyond_the_basic_plane_do_not_cut_terms() -> None:
    analyzer = ChineseAnalyzer(["𠮷田模型"])  # 𠮷 is U+20BB7 (Extension B), 𠀋 U+2000B
    found = {c.text for c in analyzer.candidates("本文以𠮷田模型分析东亚安全格局，并讨论“𠀋海协定”。")}
    assert {"𠮷田模型", "𠀋海协定"} <= found
    assert "田模型" not in found
    assert is_term(ZhCandidate("𠮷田", 0, 2, 1, False), set())  # two Chinese characters


def test_candidate_offsets_follow_the_original_text(chinese: ChineseAnalyzer) -> None:
    text = "推進全球安全倡議。"  # traditional characters: keys are simplified, offsets stay valid
    candidate = next(c for c in chinese.candidates(text) if c.text == "全球安全倡议")
    assert text[candidate.start : candidate.end] == "全球安全倡議"


def test_general_words_are_marked(chinese: ChineseAnalyzer) -> None:
    single = {c.text: c.single_generic for c in chinese.candidates("中国的发展，霸权的逻辑。")}
    assert single.get("中国") is True
    assert single.get("霸权") is False


def test_c_value_discounts_strings_only_seen_inside_a_longer_term() -> None:
    frequencies = Counter({"日本关键矿产战略": 5, "日本关键": 5, "全球安全": 7, "全球安全倡议": 4})
    scores = c_values(frequencies)
    assert scores["日本关键"] == 0
    assert scores["全球安全"] > 0  # three independent occurrences
    assert scores["日本关键矿产战略"] > scores["全球安全倡议"]


def test_english_spans_are_term_shaped(english: EnglishAnalyzer) -> None:
    tokens = english.tokens("The Global Development Initiative (GDI) has received positive responses.")
    surfaces = {span.surface for span in en_spans(tokens)}
    assert "Global Development Initiative" in surfaces
    assert "GDI" in surfaces
    assert not any(surface.endswith("positive") for surface in surfaces)
    assert not any("has" in surface.split() for surface in surfaces)


def test_english_spans_take_prepositional_terms(english: EnglishAnalyzer) -> None:
    tokens = english.tokens("China works for a community with a shared future for mankind.")
    assert "community with a shared future for mankind" in {span.surface for span in en_spans(tokens)}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the Global Development Initiatives", "global development initiative"),
        ("China's rise", "china rise"),
        ("Latin American countries", "latin american country"),
        ("non-traditional security", "non traditional security"),
        ("analysis", "analysis"),
    ],
)
def test_english_key(text: str, key: str) -> None:
    assert english_key(text) == key


def test_english_spans_do_not_stop_inside_between_x_and_y(english: EnglishAnalyzer) -> None:
    tokens = english.tokens("Crisis management in the South China Sea between China and ASEAN countries.")
    surfaces = {span.surface for span in en_spans(tokens)}
    assert "Crisis management in the South China Sea" in surfaces
    assert "South China Sea between China" not in surfaces


def test_nouns_the_tagger_took_for_adjectives_end_spans(english: EnglishAnalyzer) -> None:
    tokens = english.tokens("It resisted the anti-globalization trend in recent years.")
    assert "anti-globalization" in {span.surface for span in en_spans(tokens)}


def test_hyphens_and_quotes_do_not_make_words(english: EnglishAnalyzer) -> None:
    tokens = english.tokens("the contradiction between risk-taking and “guardrail” management")
    surfaces = {span.surface for span in en_spans(tokens)}
    assert "guardrail" in surfaces  # tagged a verb after the opening quote
    assert not any(surface.startswith("-") for surface in surfaces)
    assert not [token for token in tokens if token.text in ("-", "“") and token.is_content]


def test_loading_the_models_leaves_out_what_they_never_use_and_it_still_imports() -> None:
    """spaCy's command line and pkg_resources (which jieba takes when it can) are stood in for while
    the models load; the real modules import afterwards, and `spacy.info` still answers."""
    import subprocess
    import sys

    script = """
import sys
from glossary.candidates import ChineseAnalyzer, EnglishAnalyzer
ChineseAnalyzer(["全球安全倡议"])
english = EnglishAnalyzer()
assert [token.pos for token in english.tokens("Global governance matters.")][:2] == ["ADJ", "NOUN"]
assert not any(name.startswith(("spacy.cli", "pkg_resources", "weasel")) for name in sys.modules)
assert "senter" not in english.nlp.component_names and "parser" not in english.nlp.component_names
import pkg_resources
import spacy
import spacy.cli
from spacy.cli.info import info
assert callable(pkg_resources.resource_stream) and callable(spacy.cli.download) and info is spacy.cli.info
assert spacy.info()["spacy_version"] == spacy.__version__
"""
    subprocess.run([sys.executable, "-c", script], check=True)
