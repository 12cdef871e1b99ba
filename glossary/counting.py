"""Counting many Chinese keys in long texts at once: an Aho-Corasick automaton, linear in the text.

Every occurrence counts, overlapping ones too (国际秩序 in 国际秩序观 and 秩序 inside both), as a scan
of every position for every key would count them. The scan visits each character once, whatever the
number of keys; each state's visits are passed down its failure links once at the end.

A text's character pairs (`character_pairs`, kept with it) say which keys it cannot hold: a key occurs only
where each pair of adjacent characters in it does (`KeyPairs.may_occur`), so the keys new to a later run
are looked for only in the texts that may hold them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


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


def pair_codes(text: str) -> np.ndarray:
    """A code for each pair of adjacent characters of `text`: the low 16 bits of the first character's
    code point above those of the second's. Exact within the Basic Multilingual Plane; characters beyond
    it may share a code with others, which can only make a key seem possible where it is not."""
    import numpy as np

    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return ((points[:-1] & 0xFFFF) << 16) | (points[1:] & 0xFFFF)


def character_pairs(texts: Iterable[str]) -> np.ndarray:
    """The distinct codes (`pair_codes`) of the character pairs of `texts`, sorted."""
    import numpy as np

    return np.unique(pair_codes("\x00".join(texts)))  # no key holds a NUL: pairs across texts hold none


class KeyPairs:
    """Keys with their character pairs, to find those a text may hold from its `character_pairs`."""

    def __init__(self, keys: Iterable[str]) -> None:
        import numpy as np

        self.keys = sorted(set(keys))
        codes = [pair_codes(key) for key in self.keys]
        self._anywhere = [key for key, key_codes in zip(self.keys, codes, strict=True) if not len(key_codes)]
        self._paired = [key for key, key_codes in zip(self.keys, codes, strict=True) if len(key_codes)]
        paired = [key_codes for key_codes in codes if len(key_codes)]
        self._codes = np.concatenate(paired) if paired else np.zeros(0, dtype=np.uint32)
        self._starts = np.cumsum([0] + [len(key_codes) for key_codes in paired[:-1]])

    def may_occur(self, pairs: np.ndarray) -> list[str]:
        """The keys each of whose character pairs is among `pairs` (sorted codes): the others cannot occur
        in the text they are of. A key of one character may occur in any."""
        import numpy as np

        if not self._paired or not len(pairs):
            return list(self._anywhere)
        places = np.minimum(np.searchsorted(pairs, self._codes), len(pairs) - 1)
        every = np.logical_and.reduceat(pairs[places] == self._codes, self._starts)
        return self._anywhere + [key for key, held in zip(self._paired, every.tolist(), strict=True) if held]
