"""Candidate filters: which Chinese candidates may be terms, which English spans may render them, and
which pairs of one unit may stand together."""

from __future__ import annotations

import re
from collections.abc import Callable

from glossary.candidates import EN_END_POS, EnSpan, EnToken, ZhCandidate
from glossary.chinese import HAN
from glossary.pairing.evidence import FULL_COVERAGE
from glossary.pairing.statistics import MAX_UNREPEATED_CHARS, PairingStatistics

Choice = tuple[float, ZhCandidate, EnSpan, dict[str, float]]  # strength, candidate, span, evidence


_TWO_HAN = re.compile(f"[{HAN}]{{2}}")


def is_term(candidate: ZhCandidate, protected: set[str]) -> bool:
    """May this Chinese candidate be a term (before any English is looked at)?"""
    if candidate.text in protected:
        return True
    return not candidate.single_generic and bool(_TWO_HAN.search(candidate.text))


def needs_whole_evidence(candidate: ZhCandidate, protected: set[str], statistics: PairingStatistics) -> bool:
    """Must the evidence cover this candidate whole before it pairs? So when only the evidence vouches
    for it, and when it is a long string the run never repeats (more often a phrase than a term:
    网络空间安全困境 is one, 中国优秀传统文化 is not)."""
    if candidate.text in protected:
        return False
    return candidate.needs_evidence or not statistics.repeats(candidate.text)


def may_need_whole_evidence(candidate: ZhCandidate) -> bool:
    """Could `needs_whole_evidence` hold for this candidate in some run (whatever is protected there)?"""
    return candidate.needs_evidence or len(candidate.text) > MAX_UNREPEATED_CHARS


def is_conjoined(zh: str) -> bool:
    """Does the Chinese itself join two things (对话与交流), so that its English may too?"""
    return bool(re.search("[与和及并、]", zh))


def joins_uncovered(
    tokens: list[EnToken], span: EnSpan, conjoined: bool, glossed_joined: bool, dictionary: float
) -> bool:
    """Does the span join two things (`and`) that the Chinese neither joins nor is glossed as joining?
    `competition and confrontation between countries` is not 国家间竞争; `long-term peace and stability`
    is 长治久安, glossed so and wholly rendered, and 公平正义 `fairness and justice`, two words rendered as
    two (once: not `stability and long-term peace and stability`, nor `chain and value` of a longer noun).
    `dictionary`: the pair's dictionary evidence (`evidence.dictionary_value`)."""
    english = tokens[span.first : span.last + 1]
    joins = sum(1 for token in english if token.pos == "CCONJ")
    if conjoined or not joins:
        return False
    words = [token.lemma.lower() for token in english if token.is_content]
    following = tokens[span.last + 1] if span.last + 1 < len(tokens) else None
    cut = following is not None and following.pos in EN_END_POS  # `chain and value` + `chain`
    once = joins == 1 and len(words) == len(set(words)) and not cut
    return not (glossed_joined and once and dictionary >= FULL_COVERAGE)


def vouched(whole: bool, tokens: list[EnToken], span: EnSpan, words: int, evidence: dict[str, float]) -> bool:
    """A candidate that only the part-of-speech rules refused stands when the evidence covers it whole,
    word for word (`words` dictionary words, no more than the span's content words: not 新倡议新 for
    `new initiative`), and the English is a name, not a verb phrase or a quantity (`promoting world
    peace` for 推动世界和平, `many Latin American countries` for 许多拉美国家). `whole`: whether the
    candidate needs such evidence (needs_whole_evidence)."""
    if not whole:
        return True
    english = tokens[span.first : span.last + 1]
    return (
        evidence.get("dictionary", 0.0) >= FULL_COVERAGE
        and words <= sum(1 for token in english if token.is_content)
        and not any(token.pos == "VERB" or token.tag in ("VBG", "VBN", "VBD") for token in english)
        and english[0].lemma.lower() not in EN_QUANTIFIERS
    )


EN_QUANTIFIERS = frozenset(
    "many most much several various numerous some few other own all each every series".split()
)
REVIEW_CEILING = 0.45  # below the trusted band: rows a reviewer decides


def review_strength(candidate: ZhCandidate, strength: float, repeated: bool) -> float:
    """A span that joins two things (与/和/及/、: 对话与交流, 竞争和对抗, as often two terms as one) or a
    long string seen once is kept for review, not trusted."""
    return strength if repeated and not is_conjoined(candidate.text) else min(strength, REVIEW_CEILING)


def without_conflicts(choices: list[Choice]) -> list[Choice]:
    """The strongest pairs of one unit whose two sides do not overlap; at equal strength, candidates the
    part-of-speech rules accept before those only the evidence vouches for, then the longer."""
    choices = sorted(choices, key=lambda choice: (-choice[0], choice[1].needs_evidence, -len(choice[1].text)))
    taken: list[Choice] = []
    for choice in choices:
        if not any(_conflicts(choice[1], choice[2], other[1], other[2]) for other in taken):
            taken.append(choice)
    return taken


def without_clipped(taken: list[Choice], boundaries: Callable[[str], set[int]]) -> list[Choice]:
    """The pairs of one unit but those whose Chinese is another's with one character cut off an edge,
    inside one of its dictionary words (美博弈 beside 中美博弈, 中美 + 博弈): a wrong boundary. 霸权稳定
    beside 霸权稳定论 stays (霸权 + 稳定 + 论). `boundaries` gives the word boundaries of a Chinese key."""
    return [choice for choice in taken if not any(_clipped(choice, other, boundaries) for other in taken)]


def _clipped(choice: Choice, other: Choice, boundaries: Callable[[str], set[int]]) -> bool:
    short, long = choice[1], other[1]
    if long.end - long.start != short.end - short.start + 1 or other[0] < choice[0]:
        return False
    if not (long.start <= short.start and short.end <= long.end):
        return False
    cut = short.start - long.start if short.start > long.start else short.end - long.start
    return cut not in boundaries(long.text)


def _conflicts(candidate: ZhCandidate, span: EnSpan, other: ZhCandidate, other_span: EnSpan) -> bool:
    """Two pairs of one unit conflict when both sides overlap, unless one pair nests inside the other
    on both sides (全球安全 / global security inside 全球安全倡议 / Global Security Initiative)."""
    zh_overlap = candidate.start < other.end and other.start < candidate.end
    en_overlap = span.first <= other_span.last and other_span.first <= span.last
    if not (zh_overlap and en_overlap):
        return zh_overlap and candidate.text == other.text
    if candidate.text == other.text or span.key == other_span.key:
        return True
    inside = other.start <= candidate.start and candidate.end <= other.end
    inside_en = other_span.first <= span.first and span.last <= other_span.last
    around = candidate.start <= other.start and other.end <= candidate.end
    around_en = span.first <= other_span.first and other_span.last <= span.last
    return not ((inside and inside_en) or (around and around_en))
