"""Aggregation: observations into one TermPair per (Chinese, English) key, with one Confidence.

A pair's Confidence combines the strongest observation of each source (noisy-or: independent reasons to
believe it), grows with the number of articles it was seen in, and is lowered when the same Chinese term
is more often rendered otherwise in the run.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from glossary.candidates import english_key
from glossary.models import TERM_TYPES, Occurrence, TermPair
from glossary.pairing.observations import Observation

AUTHORS_KEYWORD = "keyword list"  # evidence: the article's own English keyword list renders it so
ENCODER = "encoder"  # evidence: the sentence encoder's similarity

MAX_CONFIDENCE = 0.99
ARTICLE_BREADTH = 0.8  # each further article keeps this share of the remaining doubt
SINGLE_WORD = 0.55
SINGLE_WORD_CEILING = 0.49  # below the band of rows trusted without review
SENTENCE_SOURCES = frozenset({"title", "abstract"})
AUTHORS_SOURCES = frozenset({"keywords", "parenthetical"})
PARTIAL_RENDERING = 0.5
ORG_ZH_RE = re.compile(
    r"(组织|机构|委员会|理事会|联盟|银行|基金|协会|学会|研究院|研究所|研究中心|中心|大学|学院|署|管理局|外交部|国防部|论坛|"
    r"集团|公司|议会|法院|联合国)$"
)
ORG_EN_RE = re.compile(
    r"\b(Organi[sz]ation|Agency|Council|Union|Bank|Fund|Association|Institute|Center|Centre|University|"
    r"Forum|Summit|Group|Commission|Committee|Ministry|Department|Office|Court|Parliament|Assembly|Nations)\b"
)
OTHER_ZH_RE = re.compile(r"(协定|条约|公约|法案|宣言|协议|议定书|决议|声明|法)$")
OTHER_EN_RE = re.compile(r"\b(Act|Treaty|Agreement|Convention|Protocol|Declaration|Law|Resolution)\b")
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&\-]{1,9}s?$|^[A-Z][a-z]?[A-Z][A-Z0-9\-]{0,8}$")


def term_type(zh: str, en: str, kinds: Counter[str]) -> str:
    """One of TERM_TYPES, from what the observations said and the shape of the two sides."""
    if ACRONYM_RE.match(en.strip()):
        return "acronym"
    if kinds.get("person"):
        return "person"
    if ORG_ZH_RE.search(zh) or ORG_EN_RE.search(en) or kinds.get("organization"):
        return "organization"
    if OTHER_ZH_RE.search(zh) or OTHER_EN_RE.search(en) or kinds.get("other"):
        return "other"
    if kinds.get("place"):
        return "place"
    assert "concept" in TERM_TYPES
    return "concept"


def combine(observations: list[Observation], articles: int) -> float:
    """Noisy-or of the strongest observation of each source, then breadth over articles."""
    strongest: dict[str, float] = {}
    for observation in observations:
        strongest[observation.source] = max(strongest.get(observation.source, 0.0), observation.strength)
    doubt = math.prod(1 - strength for strength in strongest.values())
    doubt *= ARTICLE_BREADTH ** max(articles - 1, 0)
    return min(1 - doubt, MAX_CONFIDENCE)


def aggregate(observations: list[Observation]) -> list[TermPair]:
    """One TermPair per (Chinese, English) key; rows of a term ordered best first."""
    groups: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for observation in observations:
        groups[(observation.zh, spelling_key(observation.en_key))].append(observation)
    by_zh: dict[str, list[TermPair]] = defaultdict(list)
    for (zh, _), group in groups.items():
        articles = {observation.article_id for observation in group if observation.article_id}
        confidence = combine(group, len(articles))
        if _single_words(zh, group):
            # 逻辑/logic, 束缚/shackle, 对话/dialogue: right, but most such pairs judged were general words
            confidence = min(confidence * SINGLE_WORD, SINGLE_WORD_CEILING)
        if all(set(observation.evidence) == {ENCODER} for observation in group):
            # the sentence encoder alone, however many articles it was asked in: never trusted
            confidence = min(confidence, SINGLE_WORD_CEILING)
        english = _most_common(observation.en for observation in _by_authority(group))
        evidence: dict[str, float] = {}
        for observation in group:
            for name, value in observation.evidence.items():
                evidence[name] = max(evidence.get(name, 0.0), value)
        pair = TermPair(
            zh=_most_common(observation.zh_written for observation in group),
            en=english,
            confidence=confidence,
            type=term_type(zh, english, Counter(observation.kind for observation in group)),
            occurrences=[
                Occurrence(
                    observation.source, observation.article_id, observation.zh_context, observation.en_context
                )
                for observation in group
            ],
            evidence=evidence,
        )
        by_zh[zh].append(pair)
    pairs: list[TermPair] = []
    for group_pairs in by_zh.values():
        _discount_rivals(group_pairs)
        _authors_keyword_first(group_pairs)
        pairs.extend(sorted(group_pairs, key=lambda pair: -pair.confidence))
    return pairs


def _single_words(zh: str, group: list[Observation]) -> bool:
    """A short Chinese word paired with one English word, seen only in sentences (no list, gloss or
    termlist vouches for it as a term)."""
    only_sentences = all(observation.source in SENTENCE_SOURCES for observation in group)
    return only_sentences and len(zh) <= 3 and " " not in group[0].en_key and "-" not in group[0].en


def _discount_rivals(pairs: list[TermPair]) -> None:
    """A rendering seen less often than the term's main one is less likely right; one that is only part
    of a rendering the authors wrote themselves (`swapping` beside `entanglement swapping`) even less."""
    if len(pairs) < 2:
        return
    top = max(len({o.article_id for o in pair.occurrences}) for pair in pairs)
    written = [english_key(pair.en) for pair in pairs if set(pair.sources) & AUTHORS_SOURCES]
    for pair in pairs:
        if "termlist" in pair.sources:
            continue
        seen = len({o.article_id for o in pair.occurrences})
        pair.confidence *= 0.7 + 0.3 * seen / top
        key = english_key(pair.en)
        if not set(pair.sources) & AUTHORS_SOURCES and any(
            key in other and key != other for other in written
        ):
            pair.confidence *= PARTIAL_RENDERING


def spelling_key(en_key: str) -> str:
    """Renderings that differ only in spaces are one: `meta learning`, `meta-learning`, `metalearning`."""
    return en_key.replace(" ", "")


def _authors_keyword_first(pairs: list[TermPair]) -> None:
    """Where an article's English keyword list renders the term, that rendering is the term's best row:
    a longer span of the abstract (`graph neural network model`) or an acronym from a bracket (`GNN`)
    seen in more articles stays below it. Termlist rows keep their place."""
    authors = [pair.confidence for pair in pairs if AUTHORS_KEYWORD in pair.evidence]
    if not authors:
        return
    ceiling = max(authors) * RIVAL_OF_AUTHORS
    for pair in pairs:
        if AUTHORS_KEYWORD not in pair.evidence and "termlist" not in pair.sources:
            pair.confidence = min(pair.confidence, ceiling)


RIVAL_OF_AUTHORS = 0.95


def _by_authority(group: list[Observation]) -> list[Observation]:
    """Renderings written by people (termlists, glosses, keyword lists) before ones cut from sentences."""
    authority = {"termlist": 0, "parenthetical": 1, "keywords": 2, "title": 3, "abstract": 4}
    best = min(authority.get(observation.source, 5) for observation in group)
    return [observation for observation in group if authority.get(observation.source, 5) == best]


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], -len(value)))
