"""What the format modules write and what their readers give back.

An Entry is one Chinese term with its English renderings, best first. Each rendering has a
standing, the word a termbase uses for it:

- preferred: the first approved rendering; the one a translator should use;
- admitted: any other approved or candidate rendering (an older, variant or unreviewed one);
- deprecated: a rejected rendering, exported only on request so translators know to avoid it.

Read back as termlist pairs, preferred is "approved", admitted is "alias" and deprecated is "rejected".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from glossary.models import GlossaryRow, KnownPair

STANDING_STATUS = {"preferred": "approved", "admitted": "alias", "deprecated": "rejected"}

# Words other tools use for the same standings, lower-cased; "" is a row without a status.
_STATUS_WORDS = {
    "approved": ("", "approved", "preferred", "preferredterm-admn-sts", "standardizedterm-admn-sts"),
    "alias": ("alias", "admitted", "admittedterm-admn-sts", "superseded", "supersededterm-admn-sts"),
    "rejected": (
        "rejected",
        "deprecated",
        "deprecatedterm-admn-sts",
        "forbidden",
        "notrecommended",
        "obsolete",
    ),
}
_STATUS_OF_WORD = {word: status for status, words in _STATUS_WORDS.items() for word in words}

# Workbook statuses, best first: how renderings of one Chinese term are ordered.
_REVIEW_ORDER = {"approved": 0, "candidate": 1, "rejected": 2}


@dataclass
class Rendering:
    english: str
    standing: str  # "preferred", "admitted" or "deprecated"
    note: str = ""
    english_context: str = ""


@dataclass
class Entry:
    """One concept: a Chinese term and its English renderings, best first."""

    chinese: str
    type: str  # one of TERM_TYPES
    renderings: list[Rendering]
    chinese_context: str = ""


@dataclass
class Reading:
    """What a reader found in one file."""

    pairs: list[KnownPair]
    layout: str  # how the file was understood, e.g. "TBX 2008 (martif)", "TSV without header"
    skipped: int = 0  # rows or entries without both a Chinese and an English term


def status_from_word(word: str) -> str | None:
    """The termlist status (approved, alias, rejected) a status word stands for, or None if unknown."""
    return _STATUS_OF_WORD.get(word.strip().lower())


def single_line(text: str) -> str:
    """Text on one line: control characters dropped and runs of whitespace (tabs, newlines) made one space."""
    return " ".join(_without_controls(text).split())


def multi_line(text: str) -> str:
    """Text that may keep its line breaks, without control characters or trailing blanks."""
    lines = _without_controls(text.replace("\r\n", "\n").replace("\r", "\n"), keep="\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _without_controls(text: str, keep: str = "") -> str:
    # XML cannot hold most control characters, and DeepL refuses them in glossary entries.
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Cs") and char not in keep else char for char in text
    )


def has_both_sides(row: GlossaryRow) -> bool:
    return bool(single_line(row.chinese) and single_line(row.english))


def build_entries(rows: Iterable[GlossaryRow]) -> list[Entry]:
    """Group rows by Chinese term, in the order the terms first appear; renderings best first.

    Best first means approved before candidate before rejected, then by confidence. A rendering
    that appears twice keeps its best row. Rows without both a Chinese and an English term are left out.
    """
    by_chinese: dict[str, list[GlossaryRow]] = {}
    for row in rows:
        if has_both_sides(row):
            by_chinese.setdefault(single_line(row.chinese), []).append(row)
    return [_entry(chinese, group) for chinese, group in by_chinese.items()]


def _entry(chinese: str, rows: list[GlossaryRow]) -> Entry:
    ranked = sorted(rows, key=lambda row: (_REVIEW_ORDER.get(row.status, 1), -row.confidence))
    renderings: list[Rendering] = []
    seen: set[str] = set()
    for row in ranked:
        english = single_line(row.english)
        if english in seen:
            continue
        seen.add(english)
        renderings.append(
            Rendering(
                english=english,
                standing=_standing(row.status, first_approved=not renderings and row.status == "approved"),
                note=multi_line(row.note),
                english_context=multi_line(row.english_context),
            )
        )
    contexts = [multi_line(row.chinese_context) for row in ranked]
    return Entry(
        chinese=chinese,
        type=ranked[0].type,
        renderings=renderings,
        chinese_context=next((context for context in contexts if context), ""),
    )


def _standing(status: str, first_approved: bool) -> str:
    if status == "rejected":
        return "deprecated"
    return "preferred" if first_approved else "admitted"


def top_renderings(entries: Iterable[Entry]) -> list[Entry]:
    """Each entry with its best rendering only; entries whose renderings are all deprecated are dropped."""
    return [
        replace(entry, renderings=entry.renderings[:1])
        for entry in entries
        if entry.renderings and entry.renderings[0].standing != "deprecated"
    ]
