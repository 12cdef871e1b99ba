"""The run-wide counts pairing scores against: in how many units each Chinese and English key occurs,
which keys share units (co-occurrence, logDice), and how often long Chinese keys occur in all the text.

`PairingStatistics` is computed per file and summed (`+`); `cooccurrence()` then derives, once for the
run, the joint counts and each key's best logDice.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MIN_COOCCURRENCE = 2  # units a pair must share before co-occurrence counts
PAIRS_AT_ONCE = 2_000_000  # unit pairs of keys counted at a time: 16 MB arrays, whatever the run's size
MAX_UNREPEATED_CHARS = 4  # longer Chinese candidates must occur at least twice in the run's text


class Numbering:
    """Strings numbered in the order first met, each kept once (`strings`), so that arrays of numbers
    can stand for many of them."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._numbers: dict[str, int] = {}

    def number(self, string: str) -> int:
        number = self._numbers.get(string)
        if number is None:
            number = self._numbers[string] = len(self.strings)
            self.strings.append(string)
        return number

    def get(self, string: str) -> int | None:
        """The number of `string` if it has one."""
        return self._numbers.get(string)


class UnitKeys:
    """The Chinese and English keys of each unit, compactly: each key once (`keys`), each unit as the
    numbers of its keys in two flat arrays (a thousand files hold tens of thousands of units, and the
    same keys in most of them)."""

    def __init__(self) -> None:
        self._keys = Numbering()
        self._zh, self._en = array("I"), array("I")
        self._zh_ends, self._en_ends = array("I"), array("I")  # per unit: where its keys end in each

    @property
    def keys(self) -> list[str]:
        """Every key, by its number."""
        return self._keys.strings

    def append(self, zh: Iterable[str], en: Iterable[str]) -> None:
        """Add a unit of these keys (each once)."""
        self._zh.extend(self._keys.number(key) for key in zh)
        self._en.extend(self._keys.number(key) for key in en)
        self._zh_ends.append(len(self._zh))
        self._en_ends.append(len(self._en))

    def extend(self, other: UnitKeys) -> None:
        """Add another file's units after these."""
        numbers = [self._keys.number(key) for key in other.keys]
        zh_before, en_before = len(self._zh), len(self._en)
        self._zh.extend(numbers[number] for number in other._zh)
        self._en.extend(numbers[number] for number in other._en)
        self._zh_ends.extend(end + zh_before for end in other._zh_ends)
        self._en_ends.extend(end + en_before for end in other._en_ends)

    def numbered(self, side: str) -> tuple[np.ndarray, np.ndarray]:
        """The key numbers of one side ("zh" or "en") of every unit, flat, and the unit each belongs to."""
        import numpy as np

        numbers, ends = (self._zh, self._zh_ends) if side == "zh" else (self._en, self._en_ends)
        flat = np.frombuffer(numbers, dtype=np.uint32) if numbers else np.zeros(0, dtype=np.uint32)
        sizes = np.diff(np.frombuffer(ends, dtype=np.uint32), prepend=0) if ends else np.zeros(0, dtype=int)
        return flat.astype(np.int64), np.repeat(np.arange(len(ends)), sizes)

    def __len__(self) -> int:
        return len(self._zh_ends)


@dataclass
class PairingStatistics:
    """Counts over aligned units that add up across files."""

    zh_units: Counter[str] = field(default_factory=Counter)  # Chinese key -> units it occurs in
    en_units: Counter[str] = field(default_factory=Counter)  # English span key -> units it occurs in
    unit_keys: UnitKeys = field(default_factory=UnitKeys)  # per unit
    text: dict[str, int] | None = None  # long Chinese key -> occurrences in all the text, when counted

    @classmethod
    def of_units(cls, units: Iterable[tuple[Iterable[str], Iterable[str]]]) -> PairingStatistics:
        """Statistics of units given as (Chinese keys, English keys)."""
        statistics = cls()
        for zh, en in units:
            keys = (set(zh), set(en))
            statistics.unit_keys.append(*keys)
            statistics.zh_units.update(keys[0])
            statistics.en_units.update(keys[1])
        return statistics

    def __add__(self, other: PairingStatistics) -> PairingStatistics:
        text = None
        if self.text is not None or other.text is not None:
            text = dict(Counter(self.text or {}) + Counter(other.text or {}))
        unit_keys = UnitKeys()
        unit_keys.extend(self.unit_keys)
        unit_keys.extend(other.unit_keys)
        return PairingStatistics(
            self.zh_units + other.zh_units, self.en_units + other.en_units, unit_keys, text
        )

    def __iadd__(self, other: PairingStatistics) -> PairingStatistics:
        """Add `other` in place: summing a thousand files' statistics one by one stays linear."""
        self.zh_units.update(other.zh_units)
        self.en_units.update(other.en_units)
        self.unit_keys.extend(other.unit_keys)
        if other.text is not None:
            text = self.text = self.text if self.text is not None else {}
            for key, count in other.text.items():
                text[key] = text.get(key, 0) + count
        return self

    def long_keys(self) -> set[str]:
        """Chinese keys long enough that they must repeat in the run's text to be terms."""
        return long_keys(self.zh_units)

    def repeats(self, key: str) -> bool:
        """Is a Chinese key short, or seen at least twice in the text (true when the text was not counted)?"""
        text = self.text
        return text is None or len(key) <= MAX_UNREPEATED_CHARS or text.get(key, 0) >= 2

    def cooccurrence(self) -> CoOccurrence:
        """The joint counts of the pairs of keys that share at least MIN_COOCCURRENCE units (pairs that
        share fewer count for nothing), worked out on the keys' numbers: a hundred issues' units hold
        millions of pairs."""
        import numpy as np

        keys = self.unit_keys.keys
        zh, zh_units = self.unit_keys.numbered("zh")
        en, en_units = self.unit_keys.numbered("en")
        zh_count = np.array([self.zh_units[key] for key in keys], dtype=np.int64)  # units of each key
        en_count = np.array([self.en_units[key] for key in keys], dtype=np.int64)
        zh_shared, en_shared = zh_count >= MIN_COOCCURRENCE, en_count >= MIN_COOCCURRENCE
        zh_kept, zh_unit = zh[zh_shared[zh]], zh_units[zh_shared[zh]]
        en_kept, en_unit = en[en_shared[en]], en_units[en_shared[en]]  # in unit order, as written
        en_in_unit = np.bincount(en_unit, minlength=len(self.unit_keys))
        en_start = np.cumsum(en_in_unit) - en_in_unit
        # every Chinese key of a unit with every English key of it: the Chinese key repeated once per
        # English key of its unit, beside that unit's English keys in turn; so many Chinese keys at a
        # time that their pairs stay within PAIRS_AT_ONCE (a thousand issues hold tens of millions)
        sizes = en_in_unit[zh_unit]
        cuts = np.searchsorted(np.cumsum(sizes), np.arange(PAIRS_AT_ONCE, int(sizes.sum()), PAIRS_AT_ONCE))
        found, found_counts = [], []
        for start, end in zip([0, *cuts.tolist()], [*cuts.tolist(), len(sizes)], strict=True):
            part = sizes[start:end]
            within = np.arange(int(part.sum())) - np.repeat(np.cumsum(part) - part, part)
            en_paired = en_kept[np.repeat(en_start[zh_unit[start:end]], part) + within]
            codes = np.repeat(zh_kept[start:end], part) * len(keys) + en_paired
            part_pairs, part_counts = np.unique(codes, return_counts=True)
            found.append(part_pairs)
            found_counts.append(part_counts)
        pairs, where = np.unique(np.concatenate(found), return_inverse=True)
        counts = np.bincount(where, weights=np.concatenate(found_counts)).astype(np.int64)
        often = counts >= MIN_COOCCURRENCE
        both, zh_paired, en_paired = counts[often], pairs[often] // len(keys), pairs[often] % len(keys)
        zh_strings = [keys[number] for number in zh_paired.tolist()]
        en_strings = [keys[number] for number in en_paired.tolist()]
        joint = Counter(dict(zip(zip(zh_strings, en_strings, strict=True), both.tolist(), strict=True)))
        # logDice grows with 2·joint/(units of one + units of the other): each key's best partner is the
        # one of the highest such share
        share = 2 * both / (zh_count[zh_paired] + en_count[en_paired])
        best_zh, best_en = (_best_by_key(paired, share, keys) for paired in (zh_paired, en_paired))
        return CoOccurrence(self.zh_units, self.en_units, joint, best_zh, best_en)


def long_keys(keys: Iterable[str]) -> set[str]:
    """The keys long enough that they must repeat in the run's text to be terms."""
    return {key for key in keys if len(key) > MAX_UNREPEATED_CHARS}


class CoOccurrence:
    """Which Chinese and English keys share units across the run, and how strongly (logDice)."""

    def __init__(
        self,
        zh_units: Counter[str],
        en_units: Counter[str],
        joint: Counter[tuple[str, str]],
        best_zh: dict[str, float],
        best_en: dict[str, float],
    ) -> None:
        self.zh_units = zh_units
        self.en_units = en_units
        self.joint = joint
        self.best_zh, self.best_en = best_zh, best_en  # each key's best logDice with any partner (0: none)

    def shared(self, zh: str, en: str) -> bool:
        return self.joint.get((zh, en), 0) >= MIN_COOCCURRENCE

    def log_dice(self, zh: str, en: str) -> float:
        """logDice in [0, 14] (Rychlý 2008); 0 when the pair shares fewer than two units."""
        both = self.joint.get((zh, en), 0)
        if both < MIN_COOCCURRENCE:
            return 0.0
        return _log_dice(both, self.zh_units[zh], self.en_units[en])

    def is_mutual_best(self, zh: str, en: str, dice: float) -> bool:
        """Is each side the other's best co-occurring partner (within rounding)?"""
        return dice > 0 and dice >= self.best_zh[zh] - 0.01 and dice >= self.best_en[en] - 0.01


def _log_dice(both: int, zh_units: int, en_units: int) -> float:
    return _log_dice_of_share(2 * both / (zh_units + en_units))


def _log_dice_of_share(share: float) -> float:
    return max(0.0, 14 + math.log2(share))


def _best_by_key(paired: np.ndarray, share: np.ndarray, keys: list[str]) -> defaultdict[str, float]:
    """For the pairs whose key on one side is `paired` (key numbers) and of these 2·joint/(units + units)
    shares: each of those keys' best logDice."""
    import numpy as np

    order = np.lexsort((share, paired))  # by key, then share: each key's best is its last
    keys_in_order = paired[order]
    last = np.append(keys_in_order[1:] != keys_in_order[:-1], True) if len(order) else np.zeros(0, bool)
    best = zip(keys_in_order[last].tolist(), share[order][last].tolist(), strict=True)
    return defaultdict(float, {keys[number]: _log_dice_of_share(top) for number, top in best})
