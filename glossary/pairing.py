"""Pairing stage: Chinese-English term pairs with their evidence and one Confidence.

Observations come from five sources (keywords, title, abstract, parenthetical, termlist); each has a
strength in [0, 1]: how often a pair seen that way, with that evidence, is right. A pair's Confidence
combines the strongest observation of each source (noisy-or: independent reasons to believe it), grows
with the number of articles it was seen in, and is lowered when the same Chinese term is more often
rendered otherwise in the run.

Evidence for unit pairs (title, abstract sentences, keywords): CC-CEDICT compositional translation
(全球安全倡议 -> global + security + initiative), co-occurrence across all aligned units of the run
(logDice), termlist priors, acronyms, and mutual best match within each unit.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from glossary.candidates import (
    ChineseAnalyzer,
    EnglishAnalyzer,
    EnSpan,
    EnToken,
    ZhCandidate,
    c_values,
    en_spans,
    english_key,
    is_generic_english,
)
from glossary.chinese import HAN_RE, simplify
from glossary.lexicon import ZH_FUNCTION_WORDS, Lexicon, english_stems, stem
from glossary.models import TERM_TYPES, AlignedUnit, KnownPair, Occurrence, TermPair

MIN_DICTIONARY_F1 = 0.5  # weaker dictionary evidence between two keywords is noise
MIN_SHARE = 0.5  # a unit pair must render at least half of each side
MIN_LIFTED_SHARE = 0.75  # co-occurrence lifts only pairs whose Chinese the English mostly renders
MIN_UNIT_STRENGTH = 0.3  # weaker pairs within a unit were nearly all wrong boundaries when judged
MIN_KEYWORD_RENDERING = 0.5  # a keyword's rendering found in the abstract must be at least this sure
MIN_COOCCURRENCE = 2  # units a pair must share before co-occurrence counts
MAX_UNREPEATED_CHARS = 4  # longer Chinese candidates must occur at least twice in the run's text
MAX_CONFIDENCE = 0.99
ARTICLE_BREADTH = 0.8  # each further article keeps this share of the remaining doubt
STRENGTH = {
    "known_approved": 0.97,
    "known_alias": 0.9,
    "keyword_in_order": 0.8,  # + up to 0.19 with dictionary support
    "keyword_unsupported": 0.6,
}
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


@dataclass
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


class Pairer:
    """Everything the pairing of one run needs, computed once."""

    def __init__(
        self,
        units: list[AlignedUnit],
        known: list[KnownPair],
        lexicon: Lexicon,
        chinese: ChineseAnalyzer,
        english: EnglishAnalyzer,
        extra_terms: Iterable[str] = (),
        text_frequency: Callable[[set[str]], dict[str, int]] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.chinese = chinese
        self._words: dict[str, list[str]] = {}
        self.english = english
        self.known: dict[str, dict[str, KnownPair]] = defaultdict(dict)
        for pair in known:
            self.known[zh_key(pair.zh)][english_key(pair.en)] = pair
        self.protected = {zh_key(term) for term in extra_terms} | set(self.known)
        english.analyse_many(unit.en for unit in units if unit.kind != "title")
        self.case = CaseBook(english.tokens(unit.en) for unit in units if unit.kind != "title")
        self.units = [self._prepare(unit) for unit in units]
        frequencies: Counter[str] = Counter()
        for unit in self.units:
            frequencies.update(unit.zh_keys)
        self.zh_frequency = frequencies
        long_candidates = {key for key in frequencies if len(key) > MAX_UNREPEATED_CHARS}
        self.count_in_text = text_frequency
        self.text_frequency = text_frequency(long_candidates) if text_frequency else None
        self.en_frequency: Counter[str] = Counter()
        for unit in self.units:
            self.en_frequency.update(unit.en_keys)
        self.joint = self._cooccurrence()
        self.best_dice_zh: dict[str, float] = defaultdict(float)
        self.best_dice_en: dict[str, float] = defaultdict(float)
        for zh, en in self.joint:
            dice = self.log_dice(zh, en)
            self.best_dice_zh[zh] = max(self.best_dice_zh[zh], dice)
            self.best_dice_en[en] = max(self.best_dice_en[en], dice)

    def _prepare(self, unit: AlignedUnit) -> Unit:
        candidates = self.chinese.candidates(unit.zh, self.protected)
        # Title Case makes every word a proper noun to the tagger: parse titles the way abstracts write them.
        tokens = self.english.tokens(self.case.sentence_case(unit.en) if unit.kind == "title" else unit.en)
        spans = en_spans(tokens)
        word_keys = [word_keys_of(token) for token in tokens]
        return Unit(
            unit, candidates, tokens, spans, {c.text for c in candidates}, {s.key for s in spans}, word_keys
        )

    def _cooccurrence(self) -> Counter[tuple[str, str]]:
        joint: Counter[tuple[str, str]] = Counter()
        for unit in self.units:
            zh = [key for key in unit.zh_keys if self.zh_frequency[key] >= MIN_COOCCURRENCE]
            en = [key for key in unit.en_keys if self.en_frequency[key] >= MIN_COOCCURRENCE]
            joint.update((a, b) for a in zh for b in en)
        return joint

    def log_dice(self, zh: str, en: str) -> float:
        """logDice in [0, 14] (Rychlý 2008); 0 when the pair shares fewer than two units."""
        both = self.joint.get((zh, en), 0)
        if both < MIN_COOCCURRENCE:
            return 0.0
        return max(0.0, 14 + math.log2(2 * both / (self.zh_frequency[zh] + self.en_frequency[en])))

    # --- evidence between one Chinese term and one English span ----------------------------------------

    def dictionary_shares(self, zh: str, english: list[frozenset[str]]) -> tuple[float, float]:
        """How much of the Chinese the English renders, and how much of the English the Chinese explains.

        `english` holds one set of comparison keys per English word. A Chinese dictionary word counts by
        its best-rendered sense: 恶性循环 "vicious circle" is half rendered by `circle`, wholly by
        `vicious circle`; Latin letters in the Chinese (POD, NSGA-II) are rendered by themselves.
        """
        words = self.dictionary_words(zh)
        if not words or not english:
            return 0.0, 0.0
        keys = frozenset().union(*english)
        zh_share = sum(self._rendered(word, keys) for word in words) / len(words)
        explained = set().union(*(self._keys_of(word) for word in words))
        return zh_share, sum(1 for word in english if word & explained) / len(english)

    def _keys_of(self, word: str) -> frozenset[str]:
        return (
            frozenset({literal_key(word)})
            if LATIN_WORD_RE.fullmatch(word)
            else self.lexicon.gloss_stems(word)
        )

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
            self._words[zh] = cached
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

    def score(self, zh: str, english: list[frozenset[str]], en_key: str) -> tuple[float, dict[str, float]]:
        """Strength of a pair (zh, keys of each English word) seen together in one unit, and its evidence."""
        evidence: dict[str, float] = {}
        zh_share, en_share = self.dictionary_shares(zh, english)
        f1 = 2 * zh_share * en_share / (zh_share + en_share) if zh_share and en_share else 0.0
        if f1:
            evidence["dictionary"] = round(f1, 3)
        dice = self.log_dice(zh, en_key)
        if dice:
            evidence["logdice"] = round(dice, 2)
        mutual = (
            dice > 0 and dice >= self.best_dice_zh[zh] - 0.01 and dice >= self.best_dice_en[en_key] - 0.01
        )
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

    # --- units -----------------------------------------------------------------------------------------

    def text_frequency_of(self, keys: set[str]) -> dict[str, int]:
        """Occurrences in the whole run's text when the run gave a counter, else in the aligned units."""
        if self.count_in_text is None:
            return {key: self.zh_frequency.get(key, 0) for key in keys}
        return self.count_in_text(keys)

    def _repeats(self, key: str) -> bool:
        repeats = self.text_frequency
        return repeats is None or len(key) <= MAX_UNREPEATED_CHARS or repeats.get(key, 0) >= 2

    def is_term(self, candidate: ZhCandidate) -> bool:
        if candidate.text in self.protected:
            return True
        if candidate.single_generic:
            return False
        if not self._repeats(candidate.text):
            return False  # a long string the run never repeats is a phrase, not a term
        return bool(re.search("[\u4e00-\u9fff]{2}", candidate.text))

    def unit_observations(self) -> list[Observation]:
        """The pairs of every unit: each Chinese candidate's best span, overlaps resolved per unit, then
        termhood across the run among the survivors (a survivor never seen outside a longer survivor,
        安全倡议 inside 全球安全倡议, is no term of its own)."""
        chosen = [(unit, self._pair_unit(unit)) for unit in self.units]
        keys = {candidate.text for _, pairs in chosen for _, candidate, _, _ in pairs}
        counts = self.text_frequency_of(keys)
        termhood = c_values(Counter({key: counts.get(key, 0) for key in keys}))
        observations: list[Observation] = []
        for unit, pairs in chosen:
            for strength, candidate, span, evidence in pairs:
                if termhood[candidate.text] <= 0 and candidate.text not in self.protected:
                    continue
                written = unit.aligned.zh[candidate.start : candidate.end]
                observations.append(
                    self._observation(
                        unit, candidate.text, written, span, strength, evidence, unit.aligned.kind
                    )
                )
        return observations

    def _pair_unit(self, unit: Unit) -> list[tuple[float, ZhCandidate, EnSpan, dict[str, float]]]:
        """Each candidate's best English span, then the strongest pairs whose two sides do not overlap."""
        choices: list[tuple[float, ZhCandidate, EnSpan, dict[str, float]]] = []
        for candidate in unit.candidates:
            if not self.is_term(candidate):
                continue
            best = self.best_span(candidate.text, unit)
            if best:
                choices.append((best[0], candidate, best[1], best[2]))
        choices.sort(key=lambda choice: (-choice[0], -len(choice[1].text)))
        taken: list[tuple[float, ZhCandidate, EnSpan, dict[str, float]]] = []
        for choice in choices:
            if not any(_conflicts(choice[1], choice[2], other[1], other[2]) for other in taken):
                taken.append(choice)
        return taken

    def best_span(self, zh: str, unit: Unit) -> tuple[float, EnSpan, dict[str, float]] | None:
        """The English span of `unit` that best translates `zh`, if the evidence says any does."""
        gloss_union = set().union(*(self._keys_of(word) for word in self.dictionary_words(zh)))
        explained = {index for index, keys in enumerate(unit.word_keys) if keys & gloss_union}
        wanted = set(self.known.get(zh, {})) | {
            key for key in unit.en_keys if self.joint.get((zh, key), 0) >= MIN_COOCCURRENCE
        }
        conjoined = bool(re.search("[与和及并、]", zh))
        best: tuple[float, EnSpan, dict[str, float]] | None = None
        for span in unit.spans:
            edges = _content_edges(unit.tokens, span)
            if not (edges and edges[0] in explained and edges[1] in explained) and span.key not in wanted:
                continue
            if is_generic_english(span.key):
                continue
            tokens = unit.tokens[span.first : span.last + 1]
            if not conjoined and any(token.pos == "CCONJ" for token in tokens):
                continue  # `competition and confrontation between countries` is not 国家间竞争
            words = [keys for keys in unit.word_keys[span.first : span.last + 1] if keys]
            strength, evidence = self.score(zh, words, span.key)
            if strength < MIN_UNIT_STRENGTH:
                continue
            if best is None or (strength, span.last - span.first) > (best[0], best[1].last - best[1].first):
                best = (strength, span, evidence)
        return best

    def _observation(
        self,
        unit: Unit,
        zh: str,
        zh_written: str,
        span: EnSpan,
        strength: float,
        evidence: dict[str, float],
        source: str,
    ) -> Observation:
        tokens = unit.tokens[span.first : span.last + 1]
        return Observation(
            zh=zh,
            zh_written=zh_written,
            en=self.case.display(tokens, unit.aligned.en),
            en_key=span.key,
            source=source,
            article_id=unit.aligned.article_id,
            strength=strength,
            zh_context=context_around(unit.aligned.zh, zh_written),
            en_context=context_around(unit.aligned.en, span.surface, reach=90),
            kind=_entity_kind(tokens) if unit.aligned.kind == "abstract" else "",
            evidence=evidence,
        )

    # --- keywords --------------------------------------------------------------------------------------

    def keyword_observations(
        self, article_id: str, zh_keywords: list[str], en_keywords: list[str], units: list[Unit]
    ) -> list[Observation]:
        """Pairs for one article's keywords: in order when the lists agree and the evidence does not
        object; otherwise each Chinese keyword's rendering found in the title and abstract, or nothing."""
        observations: list[Observation] = []
        scores = [[self._keyword_score(zh, en) for en in en_keywords] for zh in zh_keywords]
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
            english = display_keyword(en_keywords[choice], self.case)
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
                    evidence=row[choice][1],
                )
            )
        for index in unresolved:
            found = self.find_rendering(zh_keywords[index], units)
            if found:
                found.source = "keywords"
                observations.append(found)
        return observations

    def _keyword_score(self, zh: str, en: str) -> tuple[float, dict[str, float]]:
        key = zh_key(zh)
        if key == english_key(en).replace(" ", "") or zh.strip().lower() == en.strip().lower():
            return 1.0, {"identical": 1.0}
        strength, evidence = self.score(key, text_keys(en), english_key(en))
        return max(evidence.get("dictionary", 0.0), strength), evidence

    def find_rendering(self, zh: str, units: list[Unit]) -> Observation | None:
        """The best rendering of a Chinese keyword in the article's English title and abstract, or None.

        A keyword in Latin letters (MapReduce, NSGA-II) is its own rendering where the English uses it.
        """
        key = zh_key(zh)
        if not HAN_RE.search(zh):
            return self._same_in_english(zh, units)
        best: tuple[float, Unit, EnSpan, dict[str, float]] | None = None
        for unit in units:
            found = self.best_span(key, unit)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], unit, found[1], found[2])
        if best is None:
            return None
        strength, unit, span, evidence = best
        if strength < MIN_KEYWORD_RENDERING:
            return None  # no rendering the evidence vouches for: no pair rather than a guess
        strength = min(strength + 0.1, MAX_CONFIDENCE)  # a keyword is a term: only its rendering is in doubt
        return self._observation(unit, key, zh, span, strength, evidence, "keywords")

    def _same_in_english(self, term: str, units: list[Unit]) -> Observation | None:
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
                    en_context=context_around(unit.aligned.en, term, reach=90),
                    evidence={"identical": 1.0},
                )
        return None


LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")


def literal_key(word: str) -> str:
    """The key a Latin-letter word is compared by on both sides (POD in 低阶POD模型 and in `POD model`)."""
    return "=" + word.lower()


def word_keys_of(token: EnToken) -> frozenset[str]:
    """Comparison keys of one English word: stems of the word and of its lemma (`shortest` is `short`
    and, as a superlative, `most`), and the word itself for Latin-letter terms; none for function words."""
    if not token.is_content:
        return frozenset()
    found = {token.stem, stem(token.lemma), literal_key(token.text)}
    if token.tag in ("JJS", "RBS"):
        found |= {"most", "est"}
    elif token.tag in ("JJR", "RBR"):
        found.add("more")
    return frozenset(found)


def text_keys(text: str) -> list[frozenset[str]]:
    """Comparison keys of each content word of English written by people (keywords)."""
    words = [word for word in re.split(r"[\s\-/]+", text) if word]
    keys = [frozenset({stem(word), literal_key(word.strip(".,;:()"))}) for word in words]
    return [key for word, key in zip(words, keys, strict=True) if english_stems(word)]


def _content_edges(tokens: list[EnToken], span: EnSpan) -> tuple[int, int] | None:
    content = [index for index in range(span.first, span.last + 1) if tokens[index].is_content]
    return (content[0], content[-1]) if content else None


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


def _entity_kind(tokens: list[EnToken]) -> str:
    """The type spaCy's entity recogniser gives when the whole span is one kind of entity."""
    words = [token for token in tokens if token.pos != "PUNCT" and token.tag != "POS"]
    entities = {token.entity for token in words}
    kinds = {"GPE": "place", "LOC": "place", "PERSON": "person", "ORG": "organization", "LAW": "other"}
    return kinds.get(entities.pop(), "") if len(entities) == 1 else ""


class CaseBook:
    """How the run's English writes each word in running text: `security` lower, `China` capitalised."""

    def __init__(self, sentences: Iterable[list[EnToken]]) -> None:
        self.lower: Counter[str] = Counter()
        self.upper: Counter[str] = Counter()
        self.capitalised_phrases: list[str] = []  # running text, for names written in capitals
        for tokens in sentences:
            self.capitalised_phrases.append(" ".join(token.text for token in tokens[1:]))
            for index, token in enumerate(tokens):
                if (
                    index == 0
                    or not token.text[:1].isalpha()
                    or tokens[index - 1].text in (".", ":", "?", "!")
                ):
                    continue
                (self.upper if token.text[:1].isupper() else self.lower)[token.text.lower()] += 1

    def word(self, text: str, entity: bool = False) -> str:
        if len(text) > 1 and (text.isupper() or any(char.isupper() for char in text[1:])):
            return text  # acronyms and mixed case (REPowerEU) as written
        lower = text.lower()
        if self.upper[lower] > self.lower[lower] or (entity and not self.lower[lower]):
            return text[:1].upper() + text[1:]
        return lower

    def is_written_capitalised(self, phrase: str) -> bool:
        """Does running text write this multi-word phrase with its capitals (a name)?"""
        return " " in phrase and any(f" {phrase} " in f" {text} " for text in self.capitalised_phrases)

    def recase(self, word: str) -> str:
        return "-".join(self.word(part) for part in word.split("-"))

    def sentence_case(self, title: str) -> str:
        """`China-US Relations under the Great Trend` -> `China-US relations under the great trend`."""
        words = title.split(" ")
        return " ".join(words[:1] + [self.recase(word) for word in words[1:]])

    def display(self, tokens: list[EnToken], original: str) -> str:
        """A span as a glossary entry: head noun singular, capitals only where the run's English uses them.

        `original` is the text as written (the tokens may come from a sentence-cased title).
        """
        written = [original[token.start : token.start + len(token.text)] for token in tokens]
        surface = "".join(
            text + (" " if token.space_after else "") for text, token in zip(written, tokens, strict=True)
        ).strip()
        as_name = self.is_written_capitalised(surface)
        words = []
        for index, token in enumerate(tokens):
            is_head = index == len(tokens) - 1
            text = written[index]
            if is_head and token.tag == "NNS" and token.lemma:
                text = (
                    text[:1] + token.lemma[1:] if token.lemma[:1].lower() == text[:1].lower() else token.lemma
                )
            if not as_name:
                text = self.word(text, entity=bool(token.entity) and token.pos == "PROPN")
            words.append(text + (" " if token.space_after and not is_head else ""))
        return strip_article("".join(words).strip())


def display_keyword(text: str, case: CaseBook) -> str:
    """An author's English keyword as a glossary entry: no leading article, Title Case undone."""
    text = strip_article(" ".join(text.split()).strip(" .;,"))
    words = text.split(" ")
    if all(word[:1].isupper() for word in words) and not case.is_written_capitalised(text):
        return " ".join(case.recase(word) for word in words)
    return text


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def zh_key(text: str) -> str:
    """The key of a Chinese term: simplified, no quotes or spaces, one kind of dash."""
    text = simplify(text.strip())
    text = re.sub(r"[\s“”‘’\"'《》〈〉「」『』]", "", text)
    return re.sub(r"[—–－‐\-]+", "-", text)


def context_around(text: str, piece: str, reach: int = 40) -> str:
    """The part of `text` around `piece`, cut at about `reach` characters on each side."""
    position = text.find(piece)
    if position < 0:
        return text[: 2 * reach]
    start = max(0, position - reach)
    end = min(len(text), position + len(piece) + reach)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


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
        groups[(observation.zh, observation.en_key)].append(observation)
    by_zh: dict[str, list[TermPair]] = defaultdict(list)
    for (zh, _), group in groups.items():
        articles = {observation.article_id for observation in group if observation.article_id}
        confidence = combine(group, len(articles))
        if _single_words(zh, group):
            # 逻辑/logic, 束缚/shackle, 对话/dialogue: right, but most such pairs judged were general words
            confidence = min(confidence * SINGLE_WORD, SINGLE_WORD_CEILING)
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
        pairs.extend(sorted(group_pairs, key=lambda pair: -pair.confidence))
    return pairs


SINGLE_WORD = 0.55
SINGLE_WORD_CEILING = 0.49  # below the band of rows trusted without review
SENTENCE_SOURCES = frozenset({"title", "abstract"})


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


AUTHORS_SOURCES = frozenset({"keywords", "parenthetical"})
PARTIAL_RENDERING = 0.5


def _by_authority(group: list[Observation]) -> list[Observation]:
    """Renderings written by people (termlists, glosses, keyword lists) before ones cut from sentences."""
    authority = {"termlist": 0, "parenthetical": 1, "keywords": 2, "title": 3, "abstract": 4}
    best = min(authority.get(observation.source, 5) for observation in group)
    return [observation for observation in group if authority.get(observation.source, 5) == best]


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], -len(value)))
