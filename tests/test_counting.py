"""Counting many keys in one pass: the same counts as looking for every key at every position."""

from __future__ import annotations

import random

from glossary.counting import KeyCounter, count_each


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


def test_the_same_counts_as_a_scan_of_every_position() -> None:
    generator = random.Random(13)
    alphabet = "安全治理国际秩序aA-"
    for _ in range(200):
        keys = {"".join(generator.choices(alphabet, k=generator.randint(1, 5))) for _ in range(12)}
        texts = ["".join(generator.choices(alphabet, k=generator.randint(0, 40))) for _ in range(3)]
        assert KeyCounter(keys).count(texts) == brute_force(keys, texts)


def test_each_key_looked_up_alone_counts_as_the_automaton() -> None:
    generator = random.Random(29)
    alphabet = "哈安全治理aA-"
    for _ in range(200):
        keys = {"".join(generator.choices(alphabet, k=generator.randint(1, 4))) for _ in range(8)}
        texts = ["".join(generator.choices(alphabet, k=generator.randint(0, 40))) for _ in range(3)]
        assert count_each(texts, keys) == KeyCounter(keys).count(texts)
    assert count_each(["哈哈哈", "哈哈"], ["哈哈"]) == {"哈哈": 3}
