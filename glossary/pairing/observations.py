"""The plain records pairing works with: one sighting of a pair, and an aligned unit prepared for pairing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from glossary.candidates import EnSpan, EnToken, ZhCandidate
from glossary.chinese import simplify
from glossary.contexts import sentence_around
from glossary.models import AlignedUnit


@dataclass(slots=True)  # a thousand files' are held until the final aggregate
class Observation:
    """One sighting of a term pair, with how strongly it supports the pair."""

    zh: str  # key: simplified Chinese
    zh_written: str
    en: str  # as it will be shown
    en_key: str
    source: str
    article_id: str
    strength: float
    zh_context: str = ""
    en_context: str = ""
    kind: str = ""  # type hint: person, acronym, organization, place, other
    evidence: dict[str, float] = field(default_factory=dict)


@dataclass
class Unit:
    """An aligned unit prepared for pairing."""

    aligned: AlignedUnit
    candidates: list[ZhCandidate]
    tokens: list[EnToken]
    spans: list[EnSpan]
    zh_keys: set[str]
    en_keys: set[str]
    word_keys: list[frozenset[str]]  # comparison keys of each English token (empty for function words)
    key_union: frozenset[str]  # every comparison key of the English


def zh_key(text: str) -> str:
    """The key of a Chinese term: simplified, no quotes or spaces, one kind of dash."""
    text = simplify(text.strip())
    text = re.sub(r"[\s“”‘’\"'《》〈〉「」『』]", "", text)
    return re.sub(r"[—–－‐\-]+", "-", text)


def context_around(text: str, piece: str) -> str:
    """The whole sentence of `text` around `piece`; the glossary rows cut it for display."""
    return sentence_around(text, piece)
