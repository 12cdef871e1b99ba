"""Matching stage: pair each Chinese article with its English abstract within one input.

The evidence a person would use: the authors' names through pinyin (every reading of every character, so
单 can be Shan and 曾 Zeng), dictionary translation between the titles and between the abstracts, and
order in the issue. A pair is only made when the evidence says so; the rest is reported unmatched.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from glossary.frontmatter import FrontMatter
from glossary.lexicon import Lexicon, english_stems, gloss_overlap, glossed_words, name_readings
from glossary.models import ArticleRecord, EnFrontMatter, Match, ZhFrontMatter
from glossary.names import name_key

WEIGHTS = {"authors": 3.0, "title": 2.0, "abstract": 1.5}
THRESHOLD = 0.45  # below this a pair is not made: an unmatched article is better than a wrong partner
UNRELATED_TITLES = 0.1
ORDER_BONUS = 0.05  # order in the issue only breaks near ties
MAX_NAME_DEBRIS = 1  # a letter of an affiliation mark glued to a name by OCR (`Xie Mingminga`)


@dataclass
class _Candidate:
    score: float
    zh_index: int
    en_index: int
    evidence: list[str]


@dataclass
class _ZhSide:
    """What one Chinese side is compared by, computed once however many English sides it meets."""

    authors: list[set[str]]  # the pinyin readings of each author
    title: list[frozenset[str]]  # gloss stems of each title word
    abstract: list[frozenset[str]]

    @classmethod
    def of(cls, zh: ZhFrontMatter, lexicon: Lexicon) -> _ZhSide:
        return cls(
            [author_readings(name) for name in zh.authors],
            glossed_words(lexicon, zh.title) if zh.title else [],
            glossed_words(lexicon, zh.abstract) if zh.abstract else [],
        )


@dataclass
class _EnSide:
    names: set[str]
    title: set[str]  # stems
    abstract: set[str]

    @classmethod
    def of(cls, en: EnFrontMatter) -> _EnSide:
        return cls(
            {name_key(name) for name in en.authors},
            english_stems(en.title) if en.title else set(),
            english_stems(en.abstract) if en.abstract else set(),
        )


def match_front_matter(file: str, front: FrontMatter, lexicon: Lexicon) -> list[ArticleRecord]:
    """Records for one input: matched pairs and Chinese-only in Chinese order, then English-only ones."""
    zh_sides = [_ZhSide.of(zh, lexicon) for zh in front.zh]
    en_sides = [_EnSide.of(en) for en in front.en]
    index = _EnIndex(front.en, en_sides)
    candidates = [
        _score(
            zh, front.en[en], zh_sides[zh_index], en_sides[en], (zh_index, len(front.zh)), (en, len(front.en))
        )
        for zh_index, zh in enumerate(front.zh)
        for en in index.possible_partners(zh, zh_sides[zh_index])
    ]
    candidates.sort(key=lambda candidate: (-candidate.score, candidate.zh_index, candidate.en_index))
    partner: dict[int, _Candidate] = {}
    taken: set[int] = set()
    for candidate in candidates:
        if candidate.score < THRESHOLD:
            break
        if candidate.zh_index in partner or candidate.en_index in taken:
            continue
        partner[candidate.zh_index] = candidate
        taken.add(candidate.en_index)
    records = []
    for zh_index, zh in enumerate(front.zh):
        found = partner.get(zh_index)
        if found:
            match = Match(score=min(found.score, 1.0), evidence=found.evidence)
            records.append(ArticleRecord(file=file, zh=zh, en=front.en[found.en_index], match=match))
        else:
            records.append(ArticleRecord(file=file, zh=zh))
    for en_index, en in enumerate(front.en):
        if en_index not in taken and en.abstract:
            records.append(ArticleRecord(file=file, en=en))
    return records


class _EnIndex:
    """The English sides that could reach THRESHOLD with a Chinese side, found without scoring every pair
    (which grows with the square of the articles in a file).

    When both sides name authors, a pair that shares none scores at most half of what its titles and
    abstracts give, below THRESHOLD; otherwise, when both have titles, a pair whose titles share no
    translated word scores at most 0.6 of it; otherwise only the abstracts count. So only pairs that share
    an author, or else a title word, or else an abstract word, are scored.
    """

    def __init__(self, entries: list[EnFrontMatter], sides: list[_EnSide]) -> None:
        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.by_title_stem: dict[str, set[int]] = defaultdict(set)
        self.by_abstract_stem: dict[str, set[int]] = defaultdict(set)
        for number, side in enumerate(sides):
            for key in side.names:
                self.by_name[key].add(number)
                self.by_name[key[:-MAX_NAME_DEBRIS]].add(number)  # `xiemingminga`: see _same_name
            for found in side.title:
                self.by_title_stem[found].add(number)
            for found in side.abstract:
                self.by_abstract_stem[found].add(number)
        self.everyone = set(range(len(entries)))
        self.without_authors = {number for number, entry in enumerate(entries) if not entry.authors}
        self.without_title = {number for number, entry in enumerate(entries) if not entry.title}

    def possible_partners(self, zh: ZhFrontMatter, side: _ZhSide) -> list[int]:
        partners: set[int] = set()
        if zh.authors:
            for readings in side.authors:
                for reading in readings:
                    partners |= self.by_name.get(reading, set())
        unnamed = self.without_authors if zh.authors else self.everyone
        if zh.title:
            partners |= _sharing(side.title, self.by_title_stem, unnamed - self.without_title)
            partners |= _sharing(side.abstract, self.by_abstract_stem, unnamed & self.without_title)
        else:
            partners |= _sharing(side.abstract, self.by_abstract_stem, unnamed)
        return sorted(partners)


def _sharing(glossed: list[frozenset[str]], index: dict[str, set[int]], among: set[int]) -> set[int]:
    """The entries of `among` that hold an English word some of the Chinese words gloss."""
    found: set[int] = set()
    if among:
        for key in set().union(*glossed):
            found |= index.get(key, set()) & among
    return found


def _score(
    zh: ZhFrontMatter,
    en: EnFrontMatter,
    zh_side: _ZhSide,
    en_side: _EnSide,
    zh_place: tuple[int, int],
    en_place: tuple[int, int],
) -> _Candidate:
    """The evidence that `zh` and `en` are one article; places are (index, count) in their issue order."""
    (zh_index, zh_count), (en_index, en_count) = zh_place, en_place
    parts: dict[str, float] = {}
    evidence: list[str] = []
    if zh.authors and en.authors:
        found = _authors_found(zh_side.authors, en_side.names)
        parts["authors"] = found / max(len(zh.authors), len(en.authors))
        evidence.append(f"authors {found}/{len(zh.authors)} by pinyin")
    if zh.title and en.title:
        parts["title"] = gloss_overlap(zh_side.title, en_side.title)
        evidence.append(f"title translation {parts['title']:.2f}")
    if zh.abstract and en.abstract:
        parts["abstract"] = gloss_overlap(zh_side.abstract, en_side.abstract)
        evidence.append(f"abstract translation {parts['abstract']:.2f}")
    if not parts:
        return _Candidate(0.0, zh_index, en_index, evidence)
    score = sum(WEIGHTS[name] * value for name, value in parts.items()) / sum(WEIGHTS[name] for name in parts)
    if "authors" in parts and parts["authors"] == 0:
        score *= 0.5  # different authors on both sides is strong evidence against
    if "title" in parts and parts["title"] < UNRELATED_TITLES:
        score *= 0.6  # titles that share no translated word: the same names are likely other people
    order = 1 - abs(zh_index / max(zh_count, 1) - en_index / max(en_count, 1))
    return _Candidate(score + ORDER_BONUS * order, zh_index, en_index, evidence)


def authors_found(zh_authors: list[str], en_authors: list[str]) -> int:
    """How many Chinese authors appear on the English byline, surname first or given name first."""
    return _authors_found(
        [author_readings(name) for name in zh_authors], {name_key(name) for name in en_authors}
    )


def _authors_found(zh_readings: list[set[str]], en_keys: set[str]) -> int:
    return sum(
        1
        for readings in zh_readings
        if any(_same_name(reading, key) for reading in readings for key in en_keys)
    )


def author_readings(name: str) -> set[str]:
    """Every pinyin spelling of a Chinese author's name, surname first or given name first."""
    readings = set(name_readings(name))
    if len(name) >= 2:
        surname, given = name[0], name[1:]
        readings |= {g + s for s in name_readings(surname) for g in name_readings(given)}
    return (
        readings
        | {reading.replace("v", "u") for reading in readings}
        | {reading.replace("v", "yu") for reading in readings}
    )


def _same_name(reading: str, key: str) -> bool:
    """Equal, or equal but for OCR debris after the name (`xiemingminga` for Xie Mingming with a mark)."""
    return key == reading or (key.startswith(reading) and len(key) - len(reading) <= MAX_NAME_DEBRIS)
