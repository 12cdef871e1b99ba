"""Bytes of a text file to str: UTF-8 (BOM or not), UTF-16, GB18030/GBK, Big5."""

from __future__ import annotations

import codecs
from functools import lru_cache

from glossary.chinese import HAN_RE

# Strict decoders tried after the BOMs, in this order. GB18030 before any guesser: charset-normalizer
# misreads short GBK text. Big5 text usually also decodes as GB18030, so both are scored, not just tried.
CANDIDATES = ("gb18030", "big5hkscs")
PLAUSIBLE = 0.85  # share of Chinese characters that must be common ones for a decoding to be believed
# UTF-8 with at most one bad byte sequence per this many good multi-byte characters is damaged UTF-8, read
# with the bad bytes replaced; GBK or Big5 text decoded as UTF-8 gives a bad sequence every few characters.
GOOD_PER_BAD_UTF8 = 50
REPLACEMENT = "\ufffd"
WINDOW = 1 << 16  # bytes decoded at a time when looking for invalid ones


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we read."""


def is_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (after any UTF-16 check)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls > max(8, len(sample) // 50)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises UndecodableError."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise UndecodableError(f"bytes invalid for {name} despite its byte-order mark") from error
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if is_binary(data):
        raise UndecodableError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = data.decode("utf-8", errors="replace")
    if _mostly_utf8(repaired, data):
        return repaired, "utf-8"
    decoded = []
    for name in CANDIDATES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        decoded.append((plausibility(text), text, name))
    if decoded:
        score, text, name = max(decoded, key=lambda item: item[0])  # a tie keeps GB18030, tried first
        if score >= PLAUSIBLE:
            return text, name
    guessed = _guess(data)
    if guessed:
        return guessed
    raise UndecodableError("undecodable bytes: not UTF-8, UTF-16, GB18030/GBK or Big5")


def _mostly_utf8(repaired: str, data: bytes) -> bool:
    bad = repaired.count(REPLACEMENT) - data.count(REPLACEMENT.encode())
    good = len(repaired) - len(repaired.encode("ascii", errors="ignore")) - bad
    return good >= GOOD_PER_BAD_UTF8 * bad


def describe_bad_utf8(data: bytes) -> str | None:
    """Where UTF-8 `data` has invalid bytes: `3 invalid UTF-8 bytes, the first at line 12, column 5`."""
    view = memoryview(data)
    first = -1
    count = 0
    position = 0
    while position < len(data):
        final = position + WINDOW >= len(data)
        try:
            _, consumed = codecs.utf_8_decode(view[position : position + WINDOW], "strict", final)
        except UnicodeDecodeError as error:
            if first < 0:
                first = position + error.start
            count += error.end - error.start
            position += error.end
            continue
        position += consumed
    if first < 0:
        return None
    line_start = data.rfind(b"\n", 0, first) + 1
    line = data.count(b"\n", 0, first) + 1
    column = len(data[line_start:first].decode("utf-8", errors="replace")) + 1
    noun = "byte" if count == 1 else "bytes"
    return (
        f"{count} invalid UTF-8 {noun}, the first at line {line}, column {column}; "
        f"read with each replaced by {REPLACEMENT}"
    )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    for share, name in ((odd_nuls, "utf-16-le"), (even_nuls, "utf-16-be")):
        if share > 0.3:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return None
    return None


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if HAN_RE.search(text) and plausibility(text) < PLAUSIBLE:
        return None
    return text, best.encoding


def plausibility(text: str) -> float:
    """Share of the Chinese characters in `text` that are common ones (1.0 when there are none)."""
    # Beyond U+FFFF every character is rare, and only a right decoding gives one (GB18030's four-byte
    # forms, never made by Big5 or UTF-8 bytes): such characters say nothing either way.
    han = [char for char in HAN_RE.findall(text) if char <= "\uffff"]
    if not han:
        return 1.0
    common = _common_characters()
    return sum(1 for char in han if char in common) / len(han)


@lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """Characters that occur in CC-CEDICT headwords, simplified and traditional: real text uses them."""
    from glossary.lexicon import load_lexicon

    lexicon = load_lexicon()
    chars: set[str] = set()
    for simplified, senses in lexicon.senses.items():
        if len(simplified) > 1:
            chars.update(simplified)
            for sense in senses:
                chars.update(sense.traditional)
    return frozenset(chars)
