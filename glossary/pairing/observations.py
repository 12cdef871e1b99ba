"""The plain records pairing works with: one sighting of a pair, and an aligned unit prepared for pairing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

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


# An English span of a unit that the dictionary says may render a Chinese candidate: it renders at least
# half of each side (see `Evidence.score_shares`); what the run adds is decided when scoring. A plain
# tuple, not a NamedTuple: a hundred issues keep hundreds of thousands, and tuples load from the cache
# in two thirds of the time. Its fields, in order:
# - the span's index into Unit.spans;
# - the dictionary shares of the Chinese and of the English side;
# - edges explained: both its edge words render some dictionary word of the Chinese; else it renders only
#   when the pair is known or co-occurs across the run;
# - lonely: one plain English word for a Chinese term of several dictionary words, usually a wrong
#   boundary (战略手段 `strategy`, 手段 glossed `strategy` too) unless the pair is known or co-occurs
#   (全球发展倡议 `GDI`); a compound or derived word whose parts render them (网络空间 `cyberspace`) is
#   not lonely;
# - joins: it joins two things the Chinese does not (`filters.joins_uncovered`).
SpanOption = tuple[int, float, float, bool, bool, bool]


class CandidateEvidence(NamedTuple):
    """What the dictionary says of one Chinese candidate of a unit, worked out with its own file."""

    covered: bool  # every character renderable and every word covered by the unit's English
    cuts_word: bool  # begins or ends inside a dictionary word of its text (`Evidence.cuts_word`)
    # the fewest dictionary words it reads as, and its span options in span order; None: worked out when
    # scored, if the run protects it (see `options.candidate_evidence`)
    fewest: int | None
    options: tuple[SpanOption, ...] | None


# A candidate of a unit that may be the Chinese of an English keyword: its index into Unit.candidates and
# the dictionary shares of the pair (see `options.keyword_options`).
KeywordCandidate = tuple[int, float, float]


class KeywordOptions(NamedTuple):
    """What the dictionary says of its article's keywords in one unit, worked out with its own file."""

    renderings: dict[str, tuple[SpanOption, ...]]  # Chinese keyword key -> its span options in the unit
    # English keyword -> the candidates the dictionary says may be its Chinese (the article lost its
    # Chinese keywords)
    chinese: dict[str, tuple[KeywordCandidate, ...]]


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
    # per candidate, what the dictionary says of it (`pairing.options`); None: worked out when scored
    evidence: list[CandidateEvidence] | None = None
    keywords: KeywordOptions | None = None  # of its article's keywords; None: worked out when scored


def zh_key(text: str) -> str:
    """The key of a Chinese term: simplified, no quotes or spaces, one kind of dash."""
    return _DASHES_RE.sub("-", _QUOTES_AND_SPACES_RE.sub("", simplify(text.strip())))


_QUOTES_AND_SPACES_RE = re.compile(r"[\s“”‘’\"'《》〈〉「」『』]")
_DASHES_RE = re.compile(r"[—–－‐\-]+")


def context_around(text: str, piece: str) -> str:
    """The whole sentence of `text` around `piece`; the glossary rows cut it for display."""
    return sentence_around(text, piece)
