"""The dictionary: curated senses, lookup across jieba's words, English word forms."""

from glossary.lexicon import Lexicon, load_lexicon, shipped_senses, stem, word_parts

LINES = [
    "博弈 博弈 [bo2 yi4] /games (such as chess, dice etc)/gambling/contest/",
    "地缘 地缘 [di4 yuan2] /geographic situation/",
    "地缘政治 地缘政治 [di4 yuan2 zheng4 zhi4] /geopolitics/geopolitical/",
    "政治 政治 [zheng4 zhi4] /politics/political/",
    "政府 政府 [zheng4 fu3] /government/",
]


def test_curated_senses_are_added_and_rejected_ones_taken_away() -> None:
    base = Lexicon.from_lines(LINES)
    lexicon = base.supplemented(
        [("博弈", "competition", "approved"), ("政府", "government", "rejected"), ("管控", "management", "")]
    )
    assert "competition" in lexicon.glosses("博弈") and "contest" in lexicon.glosses("博弈")
    assert lexicon.glosses("政府") == []
    assert "管控" in lexicon and lexicon.glosses("管控") == ["management"]
    assert lexicon.readings("博弈") == {"bo yi"}  # a curated sense has no reading of its own
    assert "competition" not in base.glosses("博弈")  # the original is left as it was


def test_the_shipped_supplement_gives_the_senses_academic_writing_uses() -> None:
    rows = shipped_senses()
    assert ("博弈", "competition", "approved") in rows
    assert all(status in ("approved", "rejected") for _, _, status in rows)
    lexicon = load_lexicon()
    assert "administration" in lexicon.glosses("政府") and "government" in lexicon.glosses("政府")


def test_fewest_dictionary_words_cross_any_segmenter_boundary() -> None:
    lexicon = Lexicon.from_lines(LINES)
    assert lexicon.fewest_words("地缘政治博弈") == ["地缘政治", "博弈"]
    assert lexicon.segment("地缘政治博弈") == ["地缘政治", "博弈"]
    assert lexicon.fewest_words("政治X") == ["政治", "X"]


def test_english_compared_by_derivation_and_compound_parts() -> None:
    assert stem("symbiotic") == stem("symbiosis")
    assert stem("hegemonic") == stem("hegemony")
    assert {stem("cyber"), stem("space")} <= word_parts("cyberspace")
    assert stem("ism") in word_parts("multilateralism")
    assert not word_parts("international")  # no prefix is split off ordinary words


def test_accents_and_derivations_compare_alike() -> None:
    assert stem("détente") == stem("detente")
    assert stem("division") == stem("divide") and stem("inclusion") == stem("include")
    assert stem("normative") == stem("norm")


def test_the_c_stemmer_stems_as_the_python_one() -> None:
    from snowballstemmer.english_stemmer import EnglishStemmer

    from glossary.lexicon import _snowball, content_words

    # PyStemmer when it is installed (snowballstemmer takes it then), else the Python stemmer itself
    words = {
        word
        for senses in load_lexicon().senses.values()
        for sense in senses[:1]
        for word in content_words(" ".join(sense.glosses))
    }
    python = EnglishStemmer()
    assert len(words) > 20_000
    assert [_snowball().stemWord(word) for word in sorted(words)] == [
        python.stemWord(word) for word in sorted(words)
    ]
