"""Contexts: the sentence a term was seen in, cut for display at clause and word boundaries, the term bold."""

from __future__ import annotations

import random
import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText
from test_workbook import letters, pair, sample_glossary

from glossary.contexts import clip, display_width, find_term, marked, sentence_around
from glossary.workbook import read_workbook, write_workbook

ENGLISH = (
    "Since the reconstruction of the global governance system began after the financial crisis, emerging "
    "economies, including China, India and Brazil, have demanded a greater voice in the institutions of "
    "global economic governance. This paper examines why."
)
CHINESE = (
    "百年未有之大变局加速演进，国际力量对比深刻调整，全球治理体系面临前所未有的挑战。"
    "本文认为，中国应当积极参与全球治理体系改革。"
)


def test_the_sentence_around_a_term_is_kept_whole() -> None:
    assert sentence_around(ENGLISH, "emerging economies").endswith("global economic governance.")
    assert sentence_around(ENGLISH, "This paper") == "This paper examines why."
    assert (
        sentence_around(CHINESE, "国际力量对比")
        == "百年未有之大变局加速演进，国际力量对比深刻调整，全球治理体系面临前所未有的挑战。"
    )


@pytest.mark.parametrize("budget", [20, 30, 45, 60, 80, 120])
@pytest.mark.parametrize(
    "term", ["reconstruction", "emerging economies", "global economic governance", "Brazil"]
)
def test_an_english_context_is_cut_between_words_and_holds_the_term(term: str, budget: float) -> None:
    shown = clip(sentence_around(ENGLISH, term), term, budget)

    inner = shown.strip("…")
    assert term in inner
    position = ENGLISH.find(inner)
    assert position >= 0
    assert position == 0 or not re.match(r"\w\w", ENGLISH[position - 1 : position + 1])
    end = position + len(inner)
    assert end == len(ENGLISH) or not re.match(r"\w\w", ENGLISH[end - 1 : end + 1])
    assert display_width(shown) <= max(budget, display_width(term) + 2)


def test_whole_clauses_are_preferred_to_pieces_of_them() -> None:
    sentence = sentence_around(CHINESE, "全球治理体系")

    assert clip(sentence, "全球治理体系", 30) == "…全球治理体系面临前所未有的挑战…"
    assert clip(sentence, "全球治理体系", 55) == "…国际力量对比深刻调整，全球治理体系面临前所未有的挑战。"
    assert clip(sentence, "全球治理体系", 200) == sentence


def test_the_term_is_found_in_another_case_or_spacing() -> None:
    assert marked("The Global Security Initiative offers", "global security initiative") == [
        ("The ", False),
        ("Global Security Initiative", True),
        (" offers", False),
    ]
    assert marked("the Belt-and-Road countries", "Belt and Road") == [
        ("the ", False),
        ("Belt-and-Road", True),
        (" countries", False),
    ]
    assert marked("nothing here", "global governance") == [("nothing here", False)]


def test_the_loose_search_finds_what_a_case_and_spacing_blind_pattern_finds() -> None:
    pieces = [
        "Belt",
        "and",
        "road",
        "ROAD",
        "belt",
        " ",
        "-",
        "\u2010",
        "\u2013",
        "\u00a0",
        "\n",
        "x",
        "İ",
        "ß",
    ]
    terms = ["belt and road", "Belt-and-Road", "road", "and road belt", "x  road", "İ road", "ß x"]
    generator = random.Random(13)
    for _ in range(2000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))
        term = generator.choice(terms)
        words = [word for word in re.split(r"[\s\-‐‑–]+", term.strip()) if word]
        expected = re.search(r"[\s\-‐‑–]+".join(map(re.escape, words)), text, flags=re.IGNORECASE)
        position = text.find(term)
        if position >= 0:
            assert find_term(text, term) == (position, position + len(term))
        else:
            assert find_term(text, term) == ((expected.start(), expected.end()) if expected else None), (
                text,
                term,
            )


def test_the_workbook_shows_the_term_bold_and_reads_back_plain_text(tmp_path: Path) -> None:
    row = pair("全球治理", "global governance")
    row.chinese_context = "=中国积极参与全球治理体系改革…"
    row.english_context = "…China takes part in reforming the global governance system…"
    row.chinese_full_context = "=中国积极参与全球治理体系改革和建设。"
    path = tmp_path / "glossary.xlsx"
    write_workbook(path, sample_glossary([row]))

    sheet = openpyxl.load_workbook(path, rich_text=True)["Glossary"]
    column = letters(sheet)
    for header, term in (("Chinese context", "全球治理"), ("English context", "global governance")):
        value = sheet[f"{column[header]}2"].value
        assert isinstance(value, CellRichText)
        bold = [block.text for block in value if not isinstance(block, str) and block.font.b]
        assert bold == [term]
    assert sheet[f"{column['Chinese context']}2"].quotePrefix  # text, never a formula
    assert sheet[f"{column['Full Chinese context']}2"].value == "=中国积极参与全球治理体系改革和建设。"
    assert read_workbook(path).rows == [row]
