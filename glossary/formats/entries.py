"""What the format modules write and what their readers give back.

An Entry is one Chinese term with its English renderings, best first. Each rendering has a
standing, the word a termbase uses for it:

- preferred: the first approved rendering; the one a translator should use;
- admitted: any other approved rendering (an older or variant one);
- candidate: a rendering nobody has reviewed yet, exported only on request and never as admitted;
- deprecated: a rejected rendering, exported only on request so translators know to avoid it.

Read back as termlist pairs, preferred is "approved", admitted "alias", candidate "candidate" and
deprecated "rejected": every export reads back as what the workbook said.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from glossary.models import GlossaryRow, KnownPair

STANDING_STATUS = {
    "preferred": "approved",
    "admitted": "alias",
    "candidate": "candidate",
    "deprecated": "rejected",
}
# How each standing is said to a translator, in every export that shows words (OmegaT comments, notes).
STANDING_WORDS = {
    "preferred": "approved, preferred",
    "admitted": "approved, alternative",
    "candidate": "candidate, not reviewed",
    "deprecated": "rejected, do not use",
}

# Words other tools use for the same standings, lower-cased; "" is a row without a status.
_STATUS_WORDS = {
    "approved": (
        "",
        "approved",
        "preferred",
        "preferredterm-admn-sts",
        "standardizedterm-admn-sts",
        STANDING_WORDS["preferred"],
    ),
    "alias": (
        "alias",
        "admitted",
        "admittedterm-admn-sts",
        "superseded",
        "supersededterm-admn-sts",
        STANDING_WORDS["admitted"],
    ),
    "candidate": ("candidate", "proposed", "unreviewed", "new", STANDING_WORDS["candidate"]),
    "rejected": (
        "rejected",
        "deprecated",
        "deprecatedterm-admn-sts",
        "forbidden",
        "notrecommended",
        "obsolete",
        STANDING_WORDS["deprecated"],
        "deprecated, do not use",  # what exports before the status words wrote
    ),
}
_STATUS_OF_WORD = {word: status for status, words in _STATUS_WORDS.items() for word in words}
# The note that names a rendering and its status: "[Global Security Initiative: approved, preferred] ...".
_STATUS_NOTE = re.compile(r"\[(?P<term>.*): (?P<words>[^:\]]+)\]\s*(?P<note>.*)", re.DOTALL)

# Workbook statuses, best first: how renderings of one Chinese term are ordered.
_REVIEW_ORDER = {"approved": 0, "candidate": 1, "rejected": 2}
PROPER_NOUN_TYPES = frozenset({"person", "organization", "place"})
# An acronym or initialism: one word, mostly capitals (CAS, ASEAN, G20, R&D, PhD).
_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z0-9&./-]{1,11}")
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with"})


@dataclass
class Rendering:
    english: str
    standing: str  # "preferred", "admitted", "candidate" or "deprecated"
    note: str = ""
    english_context: str = ""

    @property
    def status(self) -> str:
        """The termlist status this rendering reads back as."""
        return STANDING_STATUS[self.standing]

    @property
    def is_acronym(self) -> bool:
        return is_acronym(self.english)


@dataclass
class Entry:
    """One concept: a Chinese term and its English renderings, best first."""

    chinese: str
    renderings: list[Rendering]
    chinese_context: str = ""
    proper_noun: bool = False  # names a person, organization or place (partOfSpeech properNoun)
    one_rendering: bool = False  # an entry of its own for one rendering (see per_rendering)

    @property
    def id(self) -> str:
        """The same for this Chinese term (and rendering, for an entry of one rendering) in every run
        and every export: a tool that updates by id updates this entry and no other."""
        if self.one_rendering:
            return f"{entry_id(self.chinese)}-{_short_hash(self.renderings[0].english)}"
        return entry_id(self.chinese)


@dataclass
class Reading:
    """What a reader found in one file."""

    pairs: list[KnownPair]
    layout: str  # how the file was understood, e.g. "TBX 2008 (martif)", "TSV without header"
    skipped: int = 0  # rows or entries without both a Chinese and an English term


def entry_id(chinese: str) -> str:
    return "zh-" + _short_hash(chinese, 12)


def _short_hash(text: str, digits: int = 6) -> str:
    key = unicodedata.normalize("NFKC", single_line(text)).casefold()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:digits]


def is_acronym(term: str) -> bool:
    letters = [char for char in term if char.isalpha()]
    capitals = sum(char.isupper() for char in letters)
    return bool(_ACRONYM_RE.fullmatch(term)) and capitals >= 2 and capitals * 2 >= len(letters)


def looks_like_a_name(english: str) -> bool:
    """Capitalised like a proper name: every word but the small ones starts with a capital."""
    words = english.replace("-", " ").split()
    significant = [word for word in words if word.lower() not in _SMALL_WORDS]
    return len(words) > 1 and all(word[0].isupper() for word in significant if word[0].isalpha())


def status_note(rendering: Rendering) -> str:
    """The rendering's note, led by its name and status in words, for notes a reader may show merged
    with the other renderings' (OmegaT's TBX comment, memoQ's entry note)."""
    label = f"[{rendering.english}: {STANDING_WORDS[rendering.standing]}]"
    return f"{label} {rendering.note}" if rendering.note else label


def read_status_note(text: str, term: str) -> tuple[str, str] | None:
    """(status, note) from a note status_note() wrote for `term`, or None if it is no such note."""
    label = _STATUS_NOTE.fullmatch(text.strip())
    if label is None or single_line(label["term"]) != term:
        return None
    status = status_from_word(label["words"])
    return (status, label["note"].strip()) if status else None


def status_from_word(word: str) -> str | None:
    """The termlist status (approved, alias, candidate, rejected) a status word stands for, or None."""
    return _STATUS_OF_WORD.get(" ".join(word.strip().lower().split()))


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
        renderings=renderings,
        chinese_context=next((context for context in contexts if context), ""),
        proper_noun=_is_proper_noun(ranked, renderings),
    )


def _is_proper_noun(rows: list[GlossaryRow], renderings: list[Rendering]) -> bool:
    # The Type column is set per Chinese term, so an organisation whose best rendering is its acronym
    # comes typed "acronym": its full name, capitalised like a name, tells it is a proper noun.
    if any(row.type in PROPER_NOUN_TYPES for row in rows):
        return True
    return any(row.type == "acronym" for row in rows) and any(
        looks_like_a_name(rendering.english) for rendering in renderings if not rendering.is_acronym
    )


def _standing(status: str, first_approved: bool) -> str:
    if status == "rejected":
        return "deprecated"
    if status == "candidate":
        return "candidate"
    return "preferred" if first_approved else "admitted"


def per_rendering(entries: Iterable[Entry]) -> list[Entry]:
    """One entry for each rendering, for readers that give all renderings of an entry one comment."""
    return [
        replace(entry, renderings=[rendering], one_rendering=True)
        for entry in entries
        for rendering in entry.renderings
    ]


def top_renderings(entries: Iterable[Entry]) -> list[Entry]:
    """Each entry with its best rendering only; entries whose renderings are all deprecated are dropped."""
    return [
        replace(entry, renderings=entry.renderings[:1])
        for entry in entries
        if entry.renderings and entry.renderings[0].standing != "deprecated"
    ]
