"""Evidence between one Chinese term and one English span, and the strength it gives the pair.

CC-CEDICT compositional translation (全球安全倡议 -> global + security + initiative), co-occurrence
across all aligned units of the run (logDice), termlist priors.
"""

from __future__ import annotations

import math
import re
from typing import TypeVar

from glossary.candidates import MAX_ZH_CHARS, ChineseAnalyzer, EnToken
from glossary.chinese import HAN, HAN_RE
from glossary.lexicon import ZH_FUNCTION_WORDS, Lexicon, english_stems, stem, word_parts
from glossary.models import KnownPair
from glossary.pairing.statistics import CoOccurrence

MIN_SHARE = 0.5  # a unit pair must render at least half of each side
FULL_COVERAGE = 0.95  # dictionary F1 at which the evidence covers both sides whole
MIN_LIFTED_SHARE = 0.75  # co-occurrence lifts only pairs whose Chinese the English mostly renders
STRENGTH = {
    "known_approved": 0.97,
    "known_alias": 0.9,
    "keyword_in_order": 0.8,  # + up to 0.19 with dictionary support
    "keyword_unsupported": 0.6,
}
LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")

Known = dict[str, dict[str, KnownPair]]  # Chinese key -> English key -> known pair


class DictionaryEvidence:
    """What CC-CEDICT (and the user's senses) say of a Chinese term and English words: all that needs
    nothing of the run but the dictionary and the jieba words, so that it is worked out with each file's
    own work and kept (see `pairing.options`). What it works out is remembered, within bounds."""

    def __init__(self, lexicon: Lexicon, chinese: ChineseAnalyzer) -> None:
        self.lexicon = lexicon
        self.chinese = chinese
        self._words: dict[str, list[str]] = {}
        self._segmentations: dict[str, list[list[str]]] = {}
        self._shares: dict[tuple[str, tuple[frozenset[str], ...]], tuple[float, float]] = {}
        self._unions: dict[str, frozenset[str]] = {}

    def shares(self, zh: str, english: list[frozenset[str]]) -> tuple[float, float]:
        """`dictionary_shares`, remembered for the evidence's life."""
        key = (zh, tuple(english))
        cached = self._shares.get(key)
        if cached is None:
            cached = _remember(self._shares, key, self.dictionary_shares(zh, english))
        return cached

    def dictionary_shares(self, zh: str, english: list[frozenset[str]]) -> tuple[float, float]:
        """How much of the Chinese the English renders, and how much of the English the Chinese explains.

        `english` holds one set of comparison keys per English word. A Chinese dictionary word counts by
        its best-rendered sense: 恶性循环 "vicious circle" is half rendered by `circle`, wholly by
        `vicious circle`; Latin letters in the Chinese (POD, NSGA-II) are rendered by themselves. The
        Chinese counts by its best-rendered split into dictionary words: 地缘政治 whole, or 网络 + 安全.
        """
        if not english:
            return 0.0, 0.0
        keys = frozenset().union(*english)
        best = (0.0, 0.0)
        for words in self.segmentations(zh):
            zh_share = sum(self._rendered(word, keys) for word in words) / len(words)
            explained = set().union(*(self.keys_of(word) for word in words))
            shares = (zh_share, sum(1 for word in english if word & explained) / len(english))
            if f1(*shares) > f1(*best) or (f1(*shares) == f1(*best) and shares[0] > best[0]):
                best = shares
        return best

    def segmentations(self, zh: str) -> list[list[str]]:
        """The ways of reading `zh` as dictionary words: within jieba's words, and, when that differs,
        in as few dictionary words as possible across jieba's boundaries (地缘 + 政治 -> 地缘政治)."""
        cached = self._segmentations.get(zh)
        if cached is None:
            words = self.dictionary_words(zh)
            cached = [words] if words else []
            if re.fullmatch(f"[{HAN}]+", zh):
                fewest = [word for word in self.lexicon.fewest_words(zh) if word not in ZH_FUNCTION_WORDS]
                if fewest and fewest != words:
                    cached.append(fewest)
            _remember(self._segmentations, zh, cached)
        return cached

    def boundaries(self, zh: str) -> set[int]:
        """Offsets in `zh` where its fewest dictionary words meet (0 and the end included)."""
        offsets, position = {0}, 0
        for word in self.lexicon.fewest_words(zh):
            position += len(word)
            offsets.add(position)
        return offsets

    def cuts_word(self, text: str, start: int, end: int) -> bool:
        """Does the span text[start:end] begin or end with a character that reads as a word only with its
        neighbour outside the span (美关系 in 对美关系: 对美 + 关系)?"""
        words = self.lexicon.fewest_words(text[start:end])
        if not words:
            return False
        before = start > 0 and len(words[0]) == 1 and text[start - 1 : start + 1] in self.lexicon
        after = end < len(text) and len(words[-1]) == 1 and text[end - 1 : end + 1] in self.lexicon
        return before or after

    def fewest(self, zh: str) -> int:
        """The fewest dictionary words `zh` reads as."""
        return min((len(words) for words in self.segmentations(zh)), default=0)

    def glossed_joined(self, zh: str) -> bool:
        """Is `zh` one dictionary word glossed as two things joined (长治久安 `peace and stability`)?"""
        return any(
            " and " in gloss
            for words in self.segmentations(zh)
            if len(words) == 1
            for gloss in self.lexicon.glosses(words[0])
        )

    def renderable(self, text: str, keys: frozenset[str]) -> list[bool]:
        """For each character of `text` (simplified), is it inside some dictionary word (a single
        character included) that English with these keys could render, or that says nothing (a function
        word)? Characters other than Han pass. No reading of a span with a False inside is covered."""
        found = [not HAN_RE.match(char) for char in text]
        for start in range(len(text)):
            for size in (*self.lexicon.word_lengths(min(len(text) - start, MAX_ZH_CHARS)), 1):
                end = start + size
                word = text[start:end]
                if size > 1 and word not in self.lexicon:
                    continue
                if all(found[start:end]):
                    continue
                if word in ZH_FUNCTION_WORDS or self.keys_of(word) & keys:
                    found[start:end] = [True] * size
        return found

    def covers(self, zh: str, keys: frozenset[str]) -> bool:
        """Could English with these comparison keys render every dictionary word of `zh` (some reading)?"""
        return any(all(self.keys_of(word) & keys for word in words) for words in self.segmentations(zh))

    def keys_of(self, word: str) -> frozenset[str]:
        """The English comparison keys a Chinese dictionary word (or Latin-letter word) may be rendered by."""
        return (
            frozenset({literal_key(word)})
            if LATIN_WORD_RE.fullmatch(word)
            else self.lexicon.gloss_stems(word)
        )

    def gloss_union(self, zh: str) -> frozenset[str]:
        """Every English comparison key any dictionary word of `zh` may be rendered by."""
        cached = self._unions.get(zh)
        if cached is None:
            keys = (self.keys_of(word) for words in self.segmentations(zh) for word in words)
            cached = _remember(self._unions, zh, frozenset().union(*keys))
        return cached

    def dictionary_words(self, zh: str) -> list[str]:
        """Dictionary words of a term within jieba's words: 最短路径 is 最短 + 路径, not 最 短路 径."""
        cached = self._words.get(zh)
        if cached is None:
            cached = []
            for token in self.chinese.tokens(zh):
                if LATIN_WORD_RE.fullmatch(token.word):
                    cached.append(token.word)
                    continue
                # the longest dictionary match unless jieba's own split needs no more words:
                # 不透明 + 谓词, but 最短 + 路径 rather than 最 + 短路 + 径
                longest = self.lexicon.segment(token.word)
                split = self.chinese.plain_words(token.word)
                guided = [word for piece in split for word in self.lexicon.segment(piece)]
                words = longest if len(longest) < len(guided) else guided
                cached.extend(word for word in words if word not in ZH_FUNCTION_WORDS)
            _remember(self._words, zh, cached)
        return cached

    def _rendered(self, word: str, stems: frozenset[str]) -> float:
        if LATIN_WORD_RE.fullmatch(word):
            return float(literal_key(word) in stems)
        alternatives = self.lexicon.gloss_alternatives(word)
        # a gloss such as "top floor" half matched by `top-level design` still says a good deal: square root
        return max(
            (math.sqrt(len(stems & alternative) / len(alternative)) for alternative in alternatives),
            default=0.0,
        )


class Evidence(DictionaryEvidence):
    """Scores pairs against the dictionary, the run's co-occurrence counts and the known pairs."""

    def __init__(
        self, lexicon: Lexicon, chinese: ChineseAnalyzer, known: Known, cooccurrence: CoOccurrence
    ) -> None:
        super().__init__(lexicon, chinese)
        self.known = known
        self.cooccurrence = cooccurrence
        self._scores: dict[tuple[str, str, float, float], tuple[float, dict[str, float]]] = {}

    def score(self, zh: str, english: list[frozenset[str]], en_key: str) -> tuple[float, dict[str, float]]:
        """Strength of a pair (zh, keys of each English word) seen together in one unit, and its evidence."""
        return self.score_shares(zh, en_key, *self.shares(zh, english))

    def score_shares(
        self, zh: str, en_key: str, zh_share: float, en_share: float
    ) -> tuple[float, dict[str, float]]:
        """Strength and evidence of a pair whose dictionary shares (`dictionary_shares`) are known."""
        key = (zh, en_key, zh_share, en_share)
        cached = self._scores.get(key)
        if cached is None:
            cached = _remember(self._scores, key, self._score_shares(zh, en_key, zh_share, en_share))
        return cached[0], dict(cached[1])

    def _score_shares(
        self, zh: str, en_key: str, zh_share: float, en_share: float
    ) -> tuple[float, dict[str, float]]:
        evidence: dict[str, float] = {}
        dictionary = dictionary_value(zh_share, en_share)
        if dictionary:
            evidence["dictionary"] = dictionary
        dice = self.cooccurrence.log_dice(zh, en_key)
        if dice:
            evidence["logdice"] = round(dice, 2)
        mutual = self.cooccurrence.is_mutual_best(zh, en_key, dice)
        known = self.known.get(zh, {}).get(en_key)
        if known and known.status != "rejected":
            evidence["termlist"] = 1.0
        # A Chinese term half rendered is usually a wrong boundary: weigh the Chinese side's share most.
        sure = zh_share >= MIN_SHARE and en_share >= MIN_SHARE
        strength = 0.9 * zh_share**2 * en_share**2 if sure else 0.0
        # Co-occurrence supports dictionary evidence, never replaces it, and only for mutual best partners:
        # `Japan` co-occurs with 日本关键 (from 日本关键矿产战略) too, but best with 日本.
        if mutual and sure and zh_share >= MIN_LIFTED_SHARE:
            strength = 1 - (1 - strength) * (1 - 0.6 * min(max((dice - 8) / 6, 0.0), 1.0))
        if "termlist" in evidence:
            strength = max(
                strength, STRENGTH["known_approved"] if known and known.status == "approved" else 0.9
            )
        return strength, evidence


Key = TypeVar("Key")
Value = TypeVar("Value")
# Entries of each memory: most hits come from the same terms in one file's units, and a worker that
# sees a thousand files must forget, not grow (five issues leave about 12,000 shares, 17 MB in all).
MAX_REMEMBERED = 20_000


def _remember(memory: dict[Key, Value], key: Key, value: Value) -> Value:
    if len(memory) >= MAX_REMEMBERED:
        memory.clear()
    memory[key] = value
    return value


def f1(zh_share: float, en_share: float) -> float:
    """The harmonic mean of the two sides' shares (0 when either is 0)."""
    return 2 * zh_share * en_share / (zh_share + en_share) if zh_share and en_share else 0.0


def dictionary_value(zh_share: float, en_share: float) -> float:
    """The `dictionary` item of a pair's evidence: the F1 of its shares, rounded as shown."""
    return round(f1(zh_share, en_share), 3)


def literal_key(word: str) -> str:
    """The key a Latin-letter word is compared by on both sides (POD in 低阶POD模型 and in `POD model`)."""
    return "=" + word.lower()


def word_keys_of(token: EnToken) -> frozenset[str]:
    """Comparison keys of one English word: stems of the word and of its lemma (`shortest` is `short`
    and, as a superlative, `most`), and the word itself for Latin-letter terms; none for function words."""
    if not token.is_content:
        return frozenset()
    found = {token.stem, stem(token.lemma), literal_key(token.text), *word_parts(token.text)}
    if token.tag in ("JJS", "RBS"):
        found |= {"most", "est"}
    elif token.tag in ("JJR", "RBR"):
        found.add("more")
    return frozenset(found)


def text_keys(text: str) -> list[frozenset[str]]:
    """Comparison keys of each content word of English written by people (keywords)."""
    words = [word for word in re.split(r"[\s\-/]+", text) if word]
    keys = [frozenset({stem(word), literal_key(word.strip(".,;:()")), *word_parts(word)}) for word in words]
    return [key for word, key in zip(words, keys, strict=True) if english_stems(word)]
