"""The run-wide pairing statistics (summed per file) and the casing book's name lookup."""

import random
from collections import Counter
from itertools import product

import pytest

import glossary.pairing.statistics as statistics_module
from glossary.candidates import EnToken
from glossary.pairing import CaseBook, PairingStatistics

UNITS = [
    ({"全球安全", "安全倡议"}, {"global security", "security initiative"}),
    ({"全球安全"}, {"global security"}),
    ({"全球安全", "地区安全"}, {"global security", "regional security"}),
    ({"地区安全"}, {"regional security"}),
]


def test_statistics_summed_over_files_equal_those_of_the_whole_run() -> None:
    whole = PairingStatistics.of_units(UNITS)
    summed = PairingStatistics.of_units(UNITS[:1]) + PairingStatistics.of_units(UNITS[1:])
    assert summed.zh_units == whole.zh_units == {"全球安全": 3, "安全倡议": 1, "地区安全": 2}
    in_place = PairingStatistics.of_units(UNITS[:2])
    in_place += PairingStatistics.of_units(UNITS[2:])
    assert in_place.zh_units == whole.zh_units and len(in_place.unit_keys) == len(UNITS)
    together, apart = whole.cooccurrence(), summed.cooccurrence()
    assert together.joint == apart.joint == in_place.cooccurrence().joint
    assert (
        together.log_dice("全球安全", "global security")
        == apart.log_dice("全球安全", "global security")
        == 14
    )
    assert together.log_dice("安全倡议", "security initiative") == 0  # one shared unit is not evidence
    assert together.is_mutual_best(
        "地区安全", "regional security", together.log_dice("地区安全", "regional security")
    )


@pytest.mark.parametrize("at_once", [statistics_module.PAIRS_AT_ONCE, 7])  # 7: counted in many parts
def test_joint_counts_are_the_units_each_pair_shares_when_at_least_two(
    monkeypatch: pytest.MonkeyPatch, at_once: int
) -> None:
    monkeypatch.setattr(statistics_module, "PAIRS_AT_ONCE", at_once)
    generator = random.Random(7)
    zh, en = [f"中{number}" for number in range(12)], [f"en {number}" for number in range(15)]
    units = [
        (
            set(generator.sample(zh, generator.randint(0, 4))),
            set(generator.sample(en, generator.randint(0, 5))),
        )
        for _ in range(300)
    ]
    statistics = PairingStatistics()
    for start in range(0, len(units), 50):  # summed over files, as a run sums them
        statistics += PairingStatistics.of_units(units[start : start + 50])
    shared = Counter(pair for zh_keys, en_keys in units for pair in product(zh_keys, en_keys))
    assert statistics.cooccurrence().joint == {pair: count for pair, count in shared.items() if count >= 2}
    assert any(count == 1 for count in shared.values()) and any(count > 2 for count in shared.values())
    assert PairingStatistics().cooccurrence().joint == {}


def test_text_counts_add_up_and_decide_whether_long_keys_repeat() -> None:
    first = PairingStatistics(text={"全球安全倡议": 1})
    second = PairingStatistics(text={"全球安全倡议": 1, "地区安全治理": 1})
    summed = first + second
    assert summed.text == {"全球安全倡议": 2, "地区安全治理": 1}
    assert summed.repeats("全球安全倡议") and not summed.repeats("地区安全治理")
    assert summed.repeats("安全")  # short keys need not repeat
    assert PairingStatistics().repeats("地区安全治理")  # nothing counted: no veto


def tokens(text: str) -> list[EnToken]:
    found, start = [], 0
    for word in text.split(" "):
        found.append(EnToken(word, word.lower(), "NOUN", "NN", "", True, start))
        start += len(word) + 1
    return found


def test_names_are_found_only_as_whole_words_of_running_text() -> None:
    case = CaseBook([tokens("The Global Security Initiative was proposed"), tokens("Then Belt and Road")])
    assert case.is_written_capitalised("Global Security Initiative")
    assert case.is_written_capitalised("Security Initiative was")
    assert not case.is_written_capitalised("Global Security Initiatives")
    assert not case.is_written_capitalised("The Global")  # the first word of a sentence says nothing
    assert not case.is_written_capitalised("Initiative")  # single words are not looked up
    assert not case.is_written_capitalised("proposed Then")  # never across sentences


def test_names_are_found_in_the_running_text_of_every_file_added() -> None:
    run = CaseBook([tokens("The Global Security Initiative was proposed")])
    run += CaseBook([tokens("Then Belt and Road"), tokens("A Global Development Initiative")])
    assert run.is_written_capitalised("Global Security Initiative")
    assert run.is_written_capitalised("Belt and Road")
    assert run.is_written_capitalised("Global Development Initiative")
    assert not run.is_written_capitalised("proposed Belt")  # never across sentences, nor files
    assert not run.is_written_capitalised("Road Global")
