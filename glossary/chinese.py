"""Character-level helpers shared by the stages: scripts, simplification, width."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Chinese (Han) characters: Extension A, the unified ideographs, the compatibility ideographs, and beyond
# U+FFFF Extensions B-F and I with the compatibility supplement, then Extensions G and H (names: 𠮷田明).
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F), (0x30000, 0x323AF))
HAN = "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES)  # the ranges for a regex class
HAN_RE = re.compile(f"[{HAN}]")
LATIN_RE = re.compile(r"[A-Za-z]")


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def latin_count(text: str) -> int:
    return len(LATIN_RE.findall(text))


def is_mostly_latin(text: str) -> bool:
    """True when Latin letters outnumber Chinese characters (an English line or paragraph)."""
    latin = latin_count(text)
    return latin > 0 and latin >= 2 * han_count(text)


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (U+FF01-FF5E) and the ideographic space to their ASCII twins."""
    return text.translate(_HALFWIDTH)


_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@lru_cache(maxsize=1)
def _simplify_table() -> dict[int, str]:
    """Traditional -> simplified, one character for one character.

    Converting character by character keeps every offset valid, so a term found in the simplified
    text is at the same place in the original, and simplify(text)[i:j] == simplify(text[i:j]).
    """
    import opencc

    # The Basic Multilingual Plane only. Beyond it OpenCC folds the compatibility supplement, which reading
    # already does, and simplifies some 360 rare characters, most to forms it warns fonts may lack: a key
    # written in a traditional source's own character stays readable.
    chars = [chr(code) for low, high in CJK_RANGES if high <= 0xFFFF for code in range(low, high + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; fall back to converting one by one
        converter = opencc.OpenCC("t2s")
        converted = [converter.convert(char) for char in chars]
    return {
        ord(source): target
        for source, target in zip(chars, converted, strict=True)
        if len(target) == 1 and target != source and source not in _AMBIGUOUS
    }


# Characters whose simplified form depends on the word (乾隆 keeps 乾, 乾燥 becomes 干燥): left as they are.
_AMBIGUOUS = frozenset("乾")


def simplify(text: str) -> str:
    """The simplified-Chinese form of `text`, same length, used for matching and as the key of a term."""
    if not HAN_RE.search(text):
        return text
    return text.translate(_simplify_table())


def traditional_share(text: str) -> float:
    """Share of Chinese characters that simplification changes (0 for simplified text)."""
    han = HAN_RE.findall(text)
    if not han:
        return 0.0
    table = _simplify_table()
    return sum(1 for char in han if ord(char) in table) / len(han)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
