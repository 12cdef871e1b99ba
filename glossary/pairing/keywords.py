"""Keyword pairing: an article's Chinese keywords with its English ones, or with renderings found in its
title and abstract."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from glossary.candidates import EnSpan, ZhCandidate, english_key, is_generic_english
from glossary.chinese import HAN_RE
from glossary.encoder import similarities
from glossary.pairing.aggregate import AUTHORS_KEYWORD, ENCODER, MAX_CONFIDENCE
from glossary.pairing.casing import display_keyword
from glossary.pairing.evidence import STRENGTH, text_keys
from glossary.pairing.observations import Observation, Unit, context_around, zh_key
from glossary.pairing.options import keyword_candidates

if TYPE_CHECKING:
    from glossary.pairing.pairer import Pairer

MIN_DICTIONARY_F1 = 0.5  # weaker dictionary evidence between two keywords is noise
MIN_KEYWORD_RENDERING = 0.5  # a keyword's rendering found in the abstract must be at least this sure


def keyword_observations(
    pairer: Pairer, article_id: str, zh_keywords: list[str], en_keywords: list[str], units: list[Unit]
) -> list[Observation]:
    """Pairs for one article's keywords: in order when the lists agree and the evidence does not
    object; otherwise each Chinese keyword's rendering found in the title and abstract, or nothing.
    Without Chinese keywords (lost in the file), each English keyword is paired with the Chinese term of
    the title and abstract the dictionary says it translates."""
    if not zh_keywords:
        return [
            found for en in en_keywords if (found := _chinese_of(pairer, article_id, en, en_keywords, units))
        ]
    observations: list[Observation] = []
    scores = [[_keyword_score(pairer, zh, en) for en in en_keywords] for zh in zh_keywords]
    in_order = len(zh_keywords) == len(en_keywords)
    used: set[int] = set()
    unresolved: list[int] = []
    for index, zh in enumerate(zh_keywords):
        row = scores[index]
        best = max(range(len(row)), key=lambda j: (row[j][0], j == index), default=None)
        choice = None
        if in_order and (row[index][0] >= row[best][0] - 0.2 or best in used):
            choice = index
            strength = STRENGTH["keyword_in_order"] + 0.19 * min(row[index][0], 1.0)
            if not row[index][0] and best is not None and row[best][0] >= MIN_DICTIONARY_F1:
                choice, strength = None, 0.0  # the evidence points elsewhere
            elif not row[index][0]:
                strength = STRENGTH["keyword_unsupported"]
        if choice is None and best is not None and best not in used and row[best][0] >= MIN_DICTIONARY_F1:
            choice, strength = best, 0.5 + 0.45 * row[best][0]
        if choice is None:
            unresolved.append(index)
            continue
        used.add(choice)
        english = display_keyword(en_keywords[choice], pairer.case)
        observations.append(
            Observation(
                zh=zh_key(zh),
                zh_written=zh,
                en=english,
                en_key=english_key(english),
                source="keywords",
                article_id=article_id,
                strength=strength,
                zh_context="；".join(zh_keywords),
                en_context="; ".join(en_keywords),
                evidence={**row[choice][1], AUTHORS_KEYWORD: 1.0},
            )
        )
    for index in unresolved:
        found = find_rendering(pairer, zh_keywords[index], units)
        if found:
            found.source = "keywords"
            observations.append(found)
    return observations


def _chinese_of(
    pairer: Pairer, article_id: str, en: str, en_keywords: list[str], units: list[Unit]
) -> Observation | None:
    """The Chinese candidate of the units that the English keyword `en` best renders, if the dictionary
    vouches for it and explains nearly all of the keyword (`options.keyword_candidates`)."""
    best: tuple[float, int, Unit, ZhCandidate, dict[str, float]] | None = None
    for unit in units:
        kept = unit.keywords.chinese.get(en) if unit.keywords is not None else None
        found = kept if kept is not None else keyword_candidates(pairer.evidence, unit, en)
        for index, zh_share, en_share in found:
            candidate = unit.candidates[index]
            score, evidence = _keyword_score(pairer, candidate.text, en, (zh_share, en_share))
            choice = (score, len(candidate.text), unit, candidate, evidence)
            if score >= MIN_DICTIONARY_F1 and (best is None or choice[:2] > best[:2]):
                best = choice
    if best is None:
        return None
    score, _, unit, candidate, evidence = best
    english = display_keyword(en, pairer.case)
    return Observation(
        zh=candidate.text,
        zh_written=unit.aligned.zh[candidate.start : candidate.end],
        en=english,
        en_key=english_key(english),
        source="keywords",
        article_id=article_id,
        strength=0.5 + 0.45 * score,
        zh_context=context_around(unit.aligned.zh, unit.aligned.zh[candidate.start : candidate.end]),
        en_context="; ".join(en_keywords),
        evidence={**evidence, AUTHORS_KEYWORD: 1.0},
    )


def _keyword_score(
    pairer: Pairer, zh: str, en: str, shares: tuple[float, float] | None = None
) -> tuple[float, dict[str, float]]:
    """How well `zh` and the English `en` (written by people) pair; `shares`: their dictionary shares
    when known."""
    key = zh_key(zh)
    if key == english_key(en).replace(" ", "") or zh.strip().lower() == en.strip().lower():
        return 1.0, {"identical": 1.0}
    zh_share, en_share = shares if shares is not None else pairer.evidence.shares(key, text_keys(en))
    strength, evidence = pairer.evidence.score_shares(key, english_key(en), zh_share, en_share)
    return max(evidence.get("dictionary", 0.0), strength), evidence


def find_rendering(pairer: Pairer, zh: str, units: list[Unit]) -> Observation | None:
    """The best rendering of a Chinese keyword in the article's English title and abstract, or None.

    The dictionary and co-occurrence evidence decide when it vouches for a rendering; otherwise the span
    the sentence encoder puts closest to the keyword, below the trusted band unless the weaker
    dictionary evidence picked the same span. A keyword in Latin letters (MapReduce, NSGA-II) is its own
    rendering where the English uses it.
    """
    key = zh_key(zh)
    if not HAN_RE.search(zh):
        return _same_in_english(zh, units)
    best: tuple[float, Unit, EnSpan, dict[str, float]] | None = None
    for unit in units:
        kept = unit.keywords.renderings.get(key) if unit.keywords is not None else None
        found = pairer.best_span(key, unit, kept)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], unit, found[1], found[2])
    if best and best[0] >= MIN_KEYWORD_RENDERING:
        strength, unit, span, evidence = best
        strength = min(strength + 0.1, MAX_CONFIDENCE)  # a keyword is a term: only its rendering is in doubt
        return pairer.observation(unit, key, zh, span, strength, evidence, "keywords")
    closest = _closest_span(pairer, key, zh, units)
    if closest is None:
        return None  # no rendering the evidence vouches for: no pair rather than a guess
    similarity, unit, span = closest
    evidence = {ENCODER: round(similarity, 3)}
    if best and best[2].key == span.key:
        evidence.update(best[3])
        strength = max(best[0] + 0.1, AGREED_STRENGTH)
    else:
        strength = ENCODER_STRENGTH + ENCODER_SLOPE * similarity
    return pairer.observation(unit, key, zh, span, strength, evidence, "keywords")


MIN_SIMILARITY = 0.45  # below it the closest span was nearly always unrelated to the keyword
ENCODER_STRENGTH, ENCODER_SLOPE = 0.3, 0.19  # the encoder alone: below 0.5 whatever its similarity
AGREED_STRENGTH = 0.6  # the encoder and (weaker) dictionary evidence picked the same span


def _closest_span(pairer: Pairer, key: str, zh: str, units: list[Unit]) -> tuple[float, Unit, EnSpan] | None:
    """The English span of the units closest in meaning to `zh` by the sentence encoder, with its
    cosine similarity, when that is at least MIN_SIMILARITY. Partial dictionary evidence breaks near
    ties: `China-Latin America relations` renders more of 中拉关系 than `America relations`."""
    spans: dict[str, tuple[Unit, EnSpan]] = {}
    one_word_will_do = len(HAN_RE.findall(key)) <= MAX_ONE_WORD_CHARS
    for unit in units:
        for span in unit.spans:
            words = sum(1 for keys in unit.word_keys[span.first : span.last + 1] if keys)
            if not is_generic_english(span.key) and (words > 1 or one_word_will_do):
                spans.setdefault(span.key, (unit, span))
    if not spans:
        return None
    candidates = list(spans.values())
    scores = similarities(zh, [span.surface for _, span in candidates])

    def ranking(index: int) -> float:
        unit, span = candidates[index]
        words = [keys for keys in unit.word_keys[span.first : span.last + 1] if keys]
        _, evidence = pairer.evidence.score(key, words, span.key)
        return scores[index] + DICTIONARY_WEIGHT * evidence.get("dictionary", 0.0)

    index = max((i for i in range(len(candidates)) if scores[i] >= MIN_SIMILARITY), key=ranking, default=None)
    return None if index is None else (scores[index], *candidates[index])


DICTIONARY_WEIGHT = 0.2
# a keyword of four characters or more is two words or more in English (吞吐率 throughput rate, 术语学
# terminology, but 执行逻辑 is not `logic`); the encoder alone likes the single head word too much
MAX_ONE_WORD_CHARS = 3


def _same_in_english(term: str, units: list[Unit]) -> Observation | None:
    for unit in units:
        if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", unit.aligned.en):
            return Observation(
                zh=zh_key(term),
                zh_written=term,
                en=term,
                en_key=english_key(term),
                source="keywords",
                article_id=unit.aligned.article_id,
                strength=STRENGTH["keyword_in_order"],
                en_context=context_around(unit.aligned.en, term),
                evidence={"identical": 1.0},
            )
    return None
