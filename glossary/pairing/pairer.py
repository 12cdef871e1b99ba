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
    is_generic_english,
)
from glossary.lexicon import Lexicon
from glossary.models import AlignedUnit, KnownPair
from glossary.pairing.casing import CaseBook
from glossary.pairing.evidence import Evidence, Known, word_keys_of
from glossary.pairing.filters import (
    Choice,
    is_conjoined,
    is_term,
    needs_whole_evidence,
    review_strength,
    vouched,
    without_clipped,
    without_conflicts,
)
from glossary.pairing.keywords import keyword_observations
from glossary.pairing.observations import Observation, SpanOption, Unit, context_around, zh_key
from glossary.pairing.options import candidate_evidence, known_option, span_options
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
        said = unit.evidence if unit.evidence is not None else candidate_evidence(self.evidence, unit)
        protected, known = self.protected, self.known
        for candidate, dictionary in zip(unit.candidates, said, strict=True):
            # most candidates have no span options and pair only if the run protects them (options left
            # to the scoring, None) or knows a pair for them: the tests below and `best_span` say so too
            if dictionary.options is None:
                if candidate.text not in protected:
                    continue
            elif not dictionary.options and not known.get(candidate.text):
                continue
            whole = needs_whole_evidence(candidate, protected, self.statistics)
            if whole and not dictionary.covered:
                continue
            if not is_term(candidate, protected):
                continue
            if candidate.text not in protected and dictionary.cuts_word:
                continue
            best = self.best_span(candidate.text, unit, dictionary.options)
            if not best:
                continue
            fewest = self.evidence.fewest(candidate.text) if dictionary.fewest is None else dictionary.fewest
            if vouched(whole, unit.tokens, best[1], fewest, best[2]):
                repeated = candidate.text in protected or self.statistics.repeats(candidate.text)
                choices.append((review_strength(candidate, best[0], repeated), candidate, best[1], best[2]))
        return without_clipped(without_conflicts(choices), self.evidence.boundaries)

    def best_span(
        self, zh: str, unit: Unit, options: tuple[SpanOption, ...] | None = None
    ) -> tuple[float, EnSpan, dict[str, float]] | None:
        """The English span of `unit` that best translates `zh`, if the evidence says any does.

        `options`: the spans the dictionary says may render `zh` (`options.span_options`, kept from the
        file's own work; worked out now when not given). The run adds the known pairs' spans, and lets
        the pairs it knows or sees co-occur render with any edge words and as one plain word.
        """
        if options is None:
            options = span_options(self.evidence, zh, unit)
        known = self.known.get(zh, {})
        if not options and not known:
            return None
        offered = {option[0] for option in options}
        considered = list(options)
        if known:
            considered.extend(
                known_option(self.evidence, zh, unit, index)
                for index, span in enumerate(unit.spans)
                if index not in offered
                and span.key in known
                and known[span.key].status != "rejected"
                and not is_generic_english(span.key)
            )
            considered.sort()
        best: tuple[float, EnSpan, dict[str, float]] | None = None
        for index, zh_share, en_share, edges_explained, lonely, joins in considered:
            span = unit.spans[index]
            if joins:
                continue
            if (not edges_explained or lonely) and not (
                span.key in known or self.cooccurrence.shared(zh, span.key)
            ):
                continue
            strength, evidence = self.evidence.score_shares(zh, span.key, zh_share, en_share)
            if strength < MIN_UNIT_STRENGTH:
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
