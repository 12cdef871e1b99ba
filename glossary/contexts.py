"""Contexts a reviewer reads: the sentence a term was seen in, and the clause of it shown in a cell.

Pairing keeps the whole sentence; the workbook and the exports show a clause around the term, cut at
clause, word and character boundaries (never inside a word), with the term marked so it can be bold.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

# Roughly how many column-width units of a spreadsheet a character takes: a Chinese one nearly two.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
WIDE_WIDTH, NARROW_WIDTH = 1.8, 0.9

# Display budgets of the shown contexts, in column-width units: two lines of the Glossary sheet's context
# columns (30 and 40 wide), so that most rows are two lines high.
CHINESE_BUDGET = 56.0
ENGLISH_BUDGET = 76.0

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[。！？]+[”’」』）)]*|(?<=[a-z0-9)\]”\"'’])[.!?]+[”\"’']*(?=\s+[A-Z“\"‘(\[0-9])")
_CLAUSE_END = re.compile(r"[，；：、,;:—]+\s*|[。！？.!?]+[”’」』）)\"']*\s*")
# A Latin word of two or more characters: the text is not cut inside one.
_WORD_RUN = re.compile(r"[A-Za-z0-9'’\-\u00c0-\u024f]{2,}")


def display_width(text: str) -> float:
    """Roughly how many column-width units `text` takes in a spreadsheet cell."""
    wide = len(_WIDE.findall(text))
    return (len(text) - wide) * NARROW_WIDTH + wide * WIDE_WIDTH


def sentence_around(text: str, piece: str) -> str:
    """The sentence of `text` that holds `piece` (all of `text` when it is not found)."""
    position = text.find(piece)
    if position < 0:
        return text.strip()
    end = position + len(piece)
    ends = _sentence_ends(text)
    before = bisect.bisect_right(ends, position)
    after = bisect.bisect_left(ends, end)
    start = ends[before - 1] if before else 0
    stop = ends[after] if after < len(ends) else len(text)
    return text[start:stop].strip()


@lru_cache(maxsize=4096)  # the terms of one unit are looked up in its text one after another
def _sentence_ends(text: str) -> tuple[int, ...]:
    return tuple(match.end() for match in _SENTENCE_END.finditer(text))  # whole text: the marks look ahead


def find_term(text: str, term: str) -> tuple[int, int] | None:
    """Where `term` is in `text`: as written, else ignoring case and the spacing or hyphens between words."""
    if not term:
        return None
    position = text.find(term)
    if position >= 0:
        return position, position + len(term)
    words = [word for word in _WORD_GAP.split(term.strip()) if word]
    if not words:
        return None
    lowered = text.lower()
    if len(lowered) != len(text) or any(len(word.lower()) != len(word) for word in words):
        match = _loose_pattern(tuple(words)).search(text)  # lowering changed lengths: offsets would not hold
        return (match.start(), match.end()) if match else None
    return _loose_find(lowered, [word.lower() for word in words])


_WORD_GAP = re.compile(r"[\s\-‐‑–]+")
_GAP_CHARACTERS = "-‐‑–"


def _loose_find(lowered: str, words: list[str]) -> tuple[int, int] | None:
    """The first place in `lowered` where `words` (lower case) follow one another with spacing or hyphens
    between them: what `_loose_pattern` finds, without compiling a pattern for every term (a run looks for
    thousands of terms once each, and compiling one costs more than the search)."""
    first, rest = words[0], words[1:]
    start = lowered.find(first)
    while start >= 0:
        end = start + len(first)
        for word in rest:
            gap = end
            while gap < len(lowered) and (lowered[gap].isspace() or lowered[gap] in _GAP_CHARACTERS):
                gap += 1
            if gap == end or not lowered.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return start, end
        start = lowered.find(first, start + 1)
    return None


@lru_cache(maxsize=1024)
def _loose_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """`words` with spacing or hyphens between them, ignoring case: for the texts lowering would change."""
    return re.compile(_WORD_GAP.pattern.join(re.escape(word) for word in words), flags=re.IGNORECASE)


@lru_cache(maxsize=65536)  # the rows and the consistency check clip the same contexts around the same terms
def clip(text: str, term: str, budget: float) -> str:
    """A part of `text` around `term` that fits `budget` display units: whole clauses when they fit,
    else whole words (Chinese: whole characters) around the term; `…` where something was left out."""
    text = " ".join(text.split())
    if display_width(text) <= budget:
        return text
    widths, clauses = _layout(text)
    found = find_term(text, term) or (0, 0)
    start = clauses[bisect.bisect_right(clauses, found[0]) - 1]
    end = clauses[bisect.bisect_left(clauses, found[1])]
    budget -= 2 * display_width(ELLIPSIS)
    if widths[end] - widths[start] <= budget:
        start, end = _widen(start, end, clauses, widths, budget)
    else:
        clause = [cut for cut in _word_boundaries(text) if start <= cut <= end]  # the term's clause only
        start, end = _widen(found[0], found[1], clause, widths, budget)
    shown = text[start:end].strip()
    if end < len(text):
        shown = shown.rstrip("，；：、,;:— ") + ELLIPSIS
    return (ELLIPSIS if start > 0 else "") + shown


@lru_cache(maxsize=4096)  # a sentence is the context of each of its terms
def _layout(text: str) -> tuple[list[float], list[int]]:
    """The display width of each start of `text` (`display_width(text[:n])` for every n), and where its
    clauses may be cut (its start and end among them)."""
    widths = [NARROW_WIDTH] * len(text)
    for match in _WIDE.finditer(text):
        widths[match.start()] = WIDE_WIDTH
    clauses = [0, *(match.end() for match in _CLAUSE_END.finditer(text)), len(text)]
    return list(itertools.accumulate(widths, initial=0.0)), clauses


def _word_boundaries(text: str) -> list[int]:
    """Offsets where text may be cut without splitting a word: not between two letters of a Latin word."""
    inside = {index for match in _WORD_RUN.finditer(text) for index in range(match.start() + 1, match.end())}
    return [index for index in range(len(text) + 1) if index not in inside]


def _widen(start: int, end: int, cuts: list[int], widths: list[float], budget: float) -> tuple[int, int]:
    """Grow [start, end) to the neighbouring cuts, after it and then before it, while it fits the
    budget; `widths` are the text's cumulative display widths."""
    grew = True
    while grew:
        grew = False
        after = bisect.bisect_right(cuts, end)
        if after < len(cuts) and widths[cuts[after]] - widths[start] <= budget:
            end, grew = cuts[after], True
        before = bisect.bisect_left(cuts, start) - 1
        if before >= 0 and widths[end] - widths[cuts[before]] <= budget:
            start, grew = cuts[before], True
    return start, end


def marked(text: str, term: str) -> list[tuple[str, bool]]:
    """`text` as (piece, is the term) pieces, for showing the term in bold; the first sighting only."""
    found = find_term(text, term)
    if found is None:
        return [(text, False)]
    start, end = found
    pieces = [(text[:start], False), (text[start:end], True), (text[end:], False)]
    return [(piece, is_term) for piece, is_term in pieces if piece]
