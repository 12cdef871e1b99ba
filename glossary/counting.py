"""Counting many Chinese keys in long texts at once: an Aho-Corasick automaton, linear in the text.

Every occurrence counts, overlapping ones too (国际秩序 in 国际秩序观 and 秩序 inside both), as a scan
of every position for every key would count them. The scan visits each character once, whatever the
number of keys; each state's visits are passed down its failure links once at the end.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable


class KeyCounter:
    """The keys to count, compiled once; `count` takes any number of texts."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = sorted(set(keys))
        self._goto: list[dict[str, int]] = [{}]
        self._terminal: list[int] = []  # the state each key ends in, in the order of self.keys
        for key in self.keys:
            state = 0
            for char in key:
                following = self._goto[state].get(char)
                if following is None:
                    following = len(self._goto)
                    self._goto.append({})
                    self._goto[state][char] = following
                state = following
            self._terminal.append(state)
        self._fail = [0] * len(self._goto)
        self._order: list[int] = []  # states by depth, root excluded
        queue = deque(self._goto[0].values())
        while queue:
            state = queue.popleft()
            self._order.append(state)
            for char, following in self._goto[state].items():
                fallback = self._fail[state]
                while fallback and char not in self._goto[fallback]:
                    fallback = self._fail[fallback]
                self._fail[following] = self._goto[fallback].get(char, 0)
                queue.append(following)

    def count(self, texts: Iterable[str]) -> dict[str, int]:
        """Occurrences of each key in all of `texts` (keys that never occur are left out)."""
        goto, fail = self._goto, self._fail
        visits = [0] * len(goto)
        for text in texts:
            state = 0
            for char in text:
                following = goto[state].get(char)
                while following is None and state:
                    state = fail[state]
                    following = goto[state].get(char)
                state = following or 0
                visits[state] += 1
        for state in reversed(self._order):  # deepest first: a state's visits are visits of its suffixes
            visits[fail[state]] += visits[state]
        found = zip(self.keys, self._terminal, strict=True)
        return {key: visits[state] for key, state in found if visits[state]}


def count_each(texts: Iterable[str], keys: Iterable[str]) -> dict[str, int]:
    """Occurrences of each of a few keys in all of `texts`, counted as `KeyCounter.count` counts them
    (overlapping ones too), by one search per key: for a handful of keys that beats a scan of the text."""
    joined = "\x00".join(texts)  # no key holds a NUL: no occurrence spans two texts
    found = {}
    for key in keys:
        if not key:
            continue
        if _overlaps_itself(key):
            count, start = 0, joined.find(key)
            while start >= 0:
                count, start = count + 1, joined.find(key, start + 1)
        else:
            count = joined.count(key)
        if count:
            found[key] = count
    return found


def _overlaps_itself(key: str) -> bool:
    """Can two occurrences of `key` overlap (哈哈 twice in 哈哈哈), which `str.count` would not count?"""
    return any(key[:size] == key[-size:] for size in range(1, len(key)))
