"""Matching stage: pair each Chinese article with its English abstract within one input.

The evidence a person would use: the authors' names through pinyin (every reading of every character, so
单 can be Shan and 曾 Zeng), dictionary translation between the titles and between the abstracts, and
order in the issue. A pair is only made when the evidence says so; the rest is reported unmatched.
"""

from __future__ import annotations

from dataclasses import dataclass

from glossary.frontmatter import FrontMatter
from glossary.lexicon import Lexicon, name_readings, translation_overlap
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


def match_front_matter(file: str, front: FrontMatter, lexicon: Lexicon) -> list[ArticleRecord]:
    """Records for one input: matched pairs and Chinese-only in Chinese order, then English-only ones."""
    candidates = [
        _score(zh, en, zh_index, en_index, len(front.zh), len(front.en), lexicon)
        for zh_index, zh in enumerate(front.zh)
        for en_index, en in enumerate(front.en)
    ]
    candidates.sort(key=lambda candidate: -candidate.score)
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


def _score(
    zh: ZhFrontMatter,
    en: EnFrontMatter,
    zh_index: int,
    en_index: int,
    zh_count: int,
    en_count: int,
    lexicon: Lexicon,
) -> _Candidate:
    parts: dict[str, float] = {}
    evidence: list[str] = []
    if zh.authors and en.authors:
        found = authors_found(zh.authors, en.authors)
        parts["authors"] = found / max(len(zh.authors), len(en.authors))
        evidence.append(f"authors {found}/{len(zh.authors)} by pinyin")
    if zh.title and en.title:
        parts["title"] = translation_overlap(lexicon, zh.title, en.title)
        evidence.append(f"title translation {parts['title']:.2f}")
    if zh.abstract and en.abstract:
        parts["abstract"] = translation_overlap(lexicon, zh.abstract, en.abstract)
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
    en_keys = {name_key(name) for name in en_authors}
    found = 0
    for name in zh_authors:
        readings = set(name_readings(name))
        if len(name) >= 2:
            surname, given = name[0], name[1:]
            readings |= {g + s for s in name_readings(surname) for g in name_readings(given)}
        readings |= {reading.replace("v", "u") for reading in readings} | {
            reading.replace("v", "yu") for reading in readings
        }
        if any(_same_name(reading, key) for reading in readings for key in en_keys):
            found += 1
    return found


def _same_name(reading: str, key: str) -> bool:
    """Equal, or equal but for OCR debris after the name (`xiemingminga` for Xie Mingming with a mark)."""
    return key == reading or (key.startswith(reading) and len(key) - len(reading) <= MAX_NAME_DEBRIS)
