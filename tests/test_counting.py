"""Counting many keys in one pass: the same counts as looking for every key at every position."""

from __future__ import annotations

import random
from collections.abc import Iterator

from glossary.counting import KeyCounter, KeyPairs, character_pairs, count_each


def brute_force(keys: set[str], texts: list[str]) -> dict[str, int]:
    counts = {
        key: sum(text[start : start + len(key)] == key for text in texts for start in range(len(text)))
        for key in keys
    }
    return {key: count for key, count in counts.items() if count}


def test_overlapping_and_nested_keys_all_count() -> None:
    counter = KeyCounter(["国际秩序", "秩序", "国际秩序观", "序观", "观念"])
    assert counter.count(["国际秩序观念与国际秩序", "秩序"]) == {
        "国际秩序": 2,
        "秩序": 3,
        "国际秩序观": 1,
        "序观": 1,
        "观念": 1,
    }


def test_keys_that_never_occur_are_left_out() -> None:
    assert KeyCounter(["全球治理"]).count(["全球安全倡议"]) == {}
    assert KeyCounter([]).count(["全球安全倡议"]) == {}


def random_cases(
    seed: int, alphabet: str, longest_key: int, keys: int
) -> Iterator[tuple[set[str], list[str]]]:
    """200 random sets of `keys` keys (up to `longest_key` characters) and three texts to count them in."""
    generator = random.Random(seed)
    for _ in range(200):
        chosen = {
            "".join(generator.choices(alphabet, k=generator.randint(1, longest_key))) for _ in range(keys)
        }
        yield chosen, ["".join(generator.choices(alphabet, k=generator.randint(0, 40))) for _ in range(3)]


def test_the_same_counts_as_a_scan_of_every_position() -> None:
    for keys, texts in random_cases(13, "安全治理国际秩序aA-", 5, 12):
        assert KeyCounter(keys).count(texts) == brute_force(keys, texts)


def test_each_key_looked_up_alone_counts_as_the_automaton() -> None:
    for keys, texts in random_cases(29, "哈安全治理aA-", 4, 8):
        assert count_each(texts, keys) == KeyCounter(keys).count(texts)
    assert count_each(["哈哈哈", "哈哈"], ["哈哈"]) == {"哈哈": 3}


def test_a_key_that_occurs_in_a_text_is_never_ruled_out_by_its_character_pairs() -> None:
    generator = random.Random(11)
    alphabet = "国际秩序安全治理观𠮷𠀋aB"  # two characters beyond the BMP
    ruled_out = 0
    for _ in range(400):
        texts = ["".join(generator.choices(alphabet, k=generator.randint(0, 30))) for _ in range(3)]
        keys = {"".join(generator.choices(alphabet, k=generator.randint(1, 4))) for _ in range(20)}
        possible = set(KeyPairs(keys).may_occur(character_pairs(texts)))
        occurring = set(count_each(texts, keys))
        assert occurring <= possible
        ruled_out += len(keys - possible)
    assert ruled_out > 1000  # most keys that do not occur are ruled out


def test_keys_spanning_two_texts_are_not_taken_for_pairs_of_one() -> None:
    assert KeyPairs(["序安"]).may_occur(character_pairs(["国际秩序", "安全"])) == []
    assert KeyPairs(["安"]).may_occur(character_pairs([])) == ["安"]  # one character: may be anywhere
