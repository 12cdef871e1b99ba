"""The Pairer: everything the pairing of one run needs, computed once, and the pairs of each unit."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from glossary.candidates import (
    ChineseAnalyzer,
    EnglishAnalyzer,
    EnSpan,
    EnToken,
    c_values,
    en_spans,
    english_key,
)
from glossary.chinese import simplify
from glossary.lexicon import Lexicon
from glossary.models import AlignedUnit, KnownPair
from glossary.pairing.casing import CaseBook
from glossary.pairing.evidence import Evidence, Known, word_keys_of
from glossary.pairing.filters import (
    Choice,
    is_conjoined,
    is_term,
    joins_uncovered,
    may_render,
    needs_whole_evidence,
    one_word_for_many,
    review_strength,
    vouched,
    without_clipped,
    without_conflicts,
)
from glossary.pairing.keywords import keyword_observations
from glossary.pairing.observations import Observation, Unit, context_around, zh_key
from glossary.pairing.statistics import CoOccurrence, PairingStatistics, long_keys

MIN_UNIT_STRENGTH = 0.3  # weaker pairs within a unit were nearly all wrong boundaries when judged


@dataclass
class RunEvidence:
    """The run-wide evidence units are scored against."""

    known: Known  # Chinese key -> English key -> known pair (termlists, then the authors' glosses)
    protected: set[str]  # Chinese keys that are terms whatever their counts
    case: CaseBook
    statistics: PairingStatistics
    cooccurrence: CoOccurrence


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
        known_pairs = known_by_key(known)
        protected = {zh_key(term) for term in extra_terms} | set(known_pairs)
        case = case_book(units, english)
        prepared = [prepare_unit(unit, chinese, english, case, protected) for unit in units]
        statistics = PairingStatistics.of_units((unit.zh_keys, unit.en_keys) for unit in prepared)
        if text_frequency:
            vouched_only = {c.text for u in prepared for c in u.candidates if c.needs_evidence}
            statistics.text = text_frequency(statistics.long_keys() | long_keys(vouched_only))
        run = RunEvidence(known_pairs, protected, case, statistics, statistics.cooccurrence())
        self._start(prepared, run, lexicon, chinese)
        self.count_in_text = text_frequency

    @classmethod
    def over_run(cls, run: RunEvidence, lexicon: Lexicon, chinese: ChineseAnalyzer) -> Pairer:
        """A Pairer that scores units prepared elsewhere (`prepare_unit`) against run-wide counts summed
        from the files of the run: the map/reduce extraction, one Pairer per file."""
        pairer = cls.__new__(cls)
        pairer._start([], run, lexicon, chinese)
        pairer.count_in_text = None
        return pairer

    def _start(self, units: list[Unit], run: RunEvidence, lexicon: Lexicon, chinese: ChineseAnalyzer) -> None:
        self.chinese = chinese
        self.known = run.known
        self.protected = run.protected
        self.case = run.case
        self.units = units
        self.statistics = run.statistics
        self.cooccurrence = run.cooccurrence
        self.evidence = Evidence(lexicon, chinese, run.known, run.cooccurrence)

    def text_frequency_of(self, keys: set[str]) -> dict[str, int]:
        """Occurrences in the whole run's text when the run gave a counter, else in the aligned units."""
        if self.count_in_text is None:
            units = Counter(key for unit in self.units for key in {c.text for c in unit.candidates})
            return {key: units.get(key, 0) for key in keys}
        return self.count_in_text(keys)

    def unit_observations(self) -> list[Observation]:
        """The pairs of every unit: each Chinese candidate's best span, overlaps resolved per unit, then
        termhood across the run among the survivors (see `with_termhood`)."""
        found = [seen for unit in self.units for seen in self.candidate_observations(unit)]
        counts = self.text_frequency_of({observation.zh for observation, _ in found})
        return with_termhood(found, counts, self.protected)

    def candidate_observations(self, unit: Unit) -> list[tuple[Observation, bool]]:
        """The pairs of one unit before termhood across the run is known, each with whether its Chinese
        needed the bilingual evidence whole (see `filters.needs_whole_evidence`)."""
        return [
            (
                self.observation(
                    unit,
                    candidate.text,
                    unit.aligned.zh[candidate.start : candidate.end],
                    span,
                    strength,
                    evidence,
                    unit.aligned.kind,
                ),
                needs_whole_evidence(candidate, self.protected, self.statistics),
            )
            for strength, candidate, span, evidence in self._pair_unit(unit)
        ]

    def _pair_unit(self, unit: Unit) -> list[Choice]:
        """Each candidate's best English span, then the strongest pairs whose two sides do not overlap."""
        choices: list[Choice] = []
        renderable: list[bool] | None = None
        text = simplify(unit.aligned.zh)
        for candidate in unit.candidates:
            whole = needs_whole_evidence(candidate, self.protected, self.statistics)
            if whole:
                if renderable is None:
                    renderable = self.evidence.renderable(text, unit.key_union)
                if not all(renderable[candidate.start : candidate.end]):
                    continue
                if not self.evidence.covers(candidate.text, unit.key_union):
                    continue
            if not is_term(candidate, self.protected):
                continue
            if candidate.text not in self.protected and self.evidence.cuts_word(
                text, candidate.start, candidate.end
            ):
                continue
            best = self.best_span(candidate.text, unit)
            if best and vouched(whole, unit.tokens, best[1], self.evidence.fewest(candidate.text), best[2]):
                repeated = candidate.text in self.protected or self.statistics.repeats(candidate.text)
                choices.append((review_strength(candidate, best[0], repeated), candidate, best[1], best[2]))
        return without_clipped(without_conflicts(choices), self.evidence.boundaries)

    def best_span(self, zh: str, unit: Unit) -> tuple[float, EnSpan, dict[str, float]] | None:
        """The English span of `unit` that best translates `zh`, if the evidence says any does."""
        gloss_union = self.evidence.gloss_union(zh)
        explained = {index for index, keys in enumerate(unit.word_keys) if keys & gloss_union}
        wanted = set(self.known.get(zh, {})) | {
            key for key in unit.en_keys if self.cooccurrence.shared(zh, key)
        }
        conjoined = is_conjoined(zh)
        # 长治久安 glossed `long-term peace and stability`, or two words rendered as two (公平正义)
        glossed_joined = self.evidence.glossed_joined(zh) or self.evidence.fewest(zh) == 2
        several_words = self.evidence.fewest(zh) >= 2
        best: tuple[float, EnSpan, dict[str, float]] | None = None
        for span in unit.spans:
            if not may_render(unit.tokens, span, explained, wanted):
                continue
            words = [keys for keys in unit.word_keys[span.first : span.last + 1] if keys]
            if several_words and one_word_for_many(unit.tokens, span, wanted):
                continue
            strength, evidence = self.evidence.score(zh, words, span.key)
            if strength < MIN_UNIT_STRENGTH or joins_uncovered(
                unit.tokens, span, conjoined, glossed_joined, evidence
            ):
                continue
            if best is None or (strength, span.last - span.first) > (best[0], best[1].last - best[1].first):
                best = (strength, span, evidence)
        return best

    def observation(
        self,
        unit: Unit,
        zh: str,
        zh_written: str,
        span: EnSpan,
        strength: float,
        evidence: dict[str, float],
        source: str,
    ) -> Observation:
        """The observation of `zh` rendered by `span` of `unit`."""
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
            en_context=context_around(unit.aligned.en, span.surface),
            kind=_entity_kind(tokens) if unit.aligned.kind == "abstract" else "",
            evidence=evidence,
        )

    def keyword_observations(
        self, article_id: str, zh_keywords: list[str], en_keywords: list[str], units: list[Unit]
    ) -> list[Observation]:
        """Pairs for one article's keywords (see `keywords.keyword_observations`)."""
        return keyword_observations(self, article_id, zh_keywords, en_keywords, units)


def known_by_key(known: Iterable[KnownPair]) -> Known:
    """Known pairs by Chinese key, then English key; a later pair for the same keys wins."""
    pairs: Known = defaultdict(dict)
    for pair in known:
        pairs[zh_key(pair.zh)][english_key(pair.en)] = pair
    return pairs


def case_book(units: Iterable[AlignedUnit], english: EnglishAnalyzer) -> CaseBook:
    """How the English of `units` writes each word, from their running text (titles left out)."""
    sentences = [unit.en for unit in units if unit.kind != "title"]
    english.analyse_many(sentences)
    return CaseBook(english.tokens(sentence) for sentence in sentences)


def prepare_unit(
    unit: AlignedUnit, chinese: ChineseAnalyzer, english: EnglishAnalyzer, case: CaseBook, protected: set[str]
) -> Unit:
    """An aligned unit with its Chinese candidates and its English tokens, spans and keys."""
    candidates = chinese.candidates(unit.zh, protected)
    # Title Case makes every word a proper noun to the tagger: parse titles the way abstracts write them.
    tokens = english.tokens(case.sentence_case(unit.en) if unit.kind == "title" else unit.en)
    spans = en_spans(tokens)
    word_keys = [word_keys_of(token) for token in tokens]
    return Unit(
        unit,
        candidates,
        tokens,
        spans,
        {c.text for c in candidates if not c.needs_evidence},
        {s.key for s in spans},
        word_keys,
        frozenset().union(*word_keys),
    )


def with_termhood(
    found: list[tuple[Observation, bool]], counts: dict[str, int], protected: set[str]
) -> list[Observation]:
    """The unit observations whose Chinese is a term by termhood across the run among all the survivors
    (`counts`: their occurrences in the run's text): a survivor never seen outside a longer survivor,
    安全倡议 inside 全球安全倡议, is no term of its own, unless protected (termlists, keywords, glosses).

    Termhood by tiers: accepted candidates are discounted only by longer accepted ones, candidates that
    needed the evidence whole also by those, and joined ones (目标分散与战略失衡) by everything; so a
    phrase around a term (美国战略收缩风险) or a coordination of terms does not hide the term."""
    keys = {observation.zh for observation, _ in found}
    whole = {observation.zh for observation, needed_whole in found if needed_whole}
    joined = {text for text in whole if is_conjoined(text)}
    termhood: dict[str, float] = {}
    for tier in (keys, keys - joined, keys - whole):
        termhood.update(c_values(Counter({key: counts.get(key, 0) for key in tier})))
    return [
        observation for observation, _ in found if termhood[observation.zh] > 0 or observation.zh in protected
    ]


def _entity_kind(tokens: list[EnToken]) -> str:
    """The type spaCy's entity recogniser gives when the whole span is one kind of entity."""
    words = [token for token in tokens if token.pos != "PUNCT" and token.tag != "POS"]
    entities = {token.entity for token in words}
    kinds = {"GPE": "place", "LOC": "place", "PERSON": "person", "ORG": "organization", "LAW": "other"}
    return kinds.get(entities.pop(), "") if len(entities) == 1 else ""
