"""What the dictionary says of each Chinese candidate of a unit and of the unit's English spans.

All of it needs only CC-CEDICT (with the user's senses) and the jieba words of the unit's own file, so
it is worked out with the file's other per-file work and kept with its units in the cache; scoring
against the run (`Pairer.best_span`) then only adds what the run knows: co-occurrence, the known pairs
and the protected terms. A span is an option when the dictionary renders at least half of each side:
without that, only a known pair gives a span any strength, and those are looked up when scoring.
"""

from __future__ import annotations

from glossary.candidates import is_generic_english
from glossary.chinese import HAN_RE, simplify
from glossary.lexicon import word_parts
from glossary.pairing.evidence import MIN_SHARE, DictionaryEvidence, dictionary_value, text_keys
from glossary.pairing.filters import is_conjoined, is_term, joins_uncovered, may_need_whole_evidence
from glossary.pairing.observations import (
    CandidateEvidence,
    KeywordCandidate,
    KeywordOptions,
    SpanOption,
    Unit,
    zh_key,
)

MIN_EXPLAINED_KEYWORD = 0.75  # of an English keyword's words, that a Chinese term must explain


# one object for each: pickled once per file's units, not once per candidate (more than half of them)
_LEFT_TO_THE_SCORING = {
    (covered, cuts_word): CandidateEvidence(covered, cuts_word, None, None)
    for covered in (False, True)
    for cuts_word in (False, True)
}


def candidate_evidence(dictionary: DictionaryEvidence, unit: Unit) -> list[CandidateEvidence]:
    """What the dictionary says of each of the unit's candidates, in their order. Its span options are
    left to the scoring (None) for candidates that pair only when the run protects them (a keyword,
    gloss or termlist term of some file): general words such as 中国, spans that cut a dictionary word,
    and candidates that only the evidence vouches for when the unit's English cannot cover them."""
    text = simplify(unit.aligned.zh)
    renderable: list[bool] | None = None
    found = []
    for candidate in unit.candidates:
        covered = True
        if may_need_whole_evidence(candidate):
            if renderable is None:
                renderable = dictionary.renderable(text, unit.key_union)
            covered = all(renderable[candidate.start : candidate.end]) and dictionary.covers(
                candidate.text, unit.key_union
            )
        cuts_word = dictionary.cuts_word(text, candidate.start, candidate.end)
        if not is_term(candidate, set()) or cuts_word or (candidate.needs_evidence and not covered):
            found.append(_LEFT_TO_THE_SCORING[covered, cuts_word])
            continue
        options = span_options(dictionary, candidate.text, unit)
        found.append(CandidateEvidence(covered, cuts_word, dictionary.fewest(candidate.text), options))
    return found


def span_options(dictionary: DictionaryEvidence, zh: str, unit: Unit) -> tuple[SpanOption, ...]:
    """The spans of `unit` the dictionary says may render `zh` (see the module), in span order."""
    union = dictionary.gloss_union(zh)
    # running counts of content words and of those some dictionary word of `zh` explains: a span whose
    # explained words are fewer than half its words cannot have half its English rendered
    words, explained = [0], [0]
    for keys in unit.word_keys:
        words.append(words[-1] + bool(keys))
        explained.append(explained[-1] + bool(keys & union))
    several_words = dictionary.fewest(zh) >= 2
    joined = _may_join(dictionary, zh)
    options: list[SpanOption] = []
    for index, span in enumerate(unit.spans):
        count = words[span.last + 1] - words[span.first]
        if not count or explained[span.last + 1] - explained[span.first] < MIN_SHARE * count:
            continue
        if is_generic_english(span.key):
            continue
        content = [position for position in range(span.first, span.last + 1) if unit.word_keys[position]]
        zh_share, en_share = dictionary.shares(zh, [unit.word_keys[position] for position in content])
        if zh_share < MIN_SHARE or en_share < MIN_SHARE:
            continue
        edges = bool(unit.word_keys[content[0]] & union) and bool(unit.word_keys[content[-1]] & union)
        lonely = several_words and len(content) == 1 and not word_parts(unit.tokens[content[0]].text)
        joins = joins_uncovered(unit.tokens, span, *joined, dictionary_value(zh_share, en_share))
        options.append((index, zh_share, en_share, edges, lonely, joins))
    return tuple(options)


def keyword_options(
    dictionary: DictionaryEvidence, unit: Unit, zh_keywords: list[str], en_keywords: list[str]
) -> KeywordOptions:
    """What the dictionary says of an article's keywords in one of its units: the span options of each
    Chinese keyword, or, when the Chinese keywords were lost, the candidates that may be the Chinese of
    each English keyword (see `pairing.keywords`)."""
    if zh_keywords:
        keys = {zh_key(zh) for zh in zh_keywords if HAN_RE.search(zh)}
        return KeywordOptions({key: span_options(dictionary, key, unit) for key in keys}, {})
    return KeywordOptions({}, {en: keyword_candidates(dictionary, unit, en) for en in en_keywords})


def keyword_candidates(dictionary: DictionaryEvidence, unit: Unit, en: str) -> tuple[KeywordCandidate, ...]:
    """The candidates of `unit` the dictionary says may be the Chinese of the English keyword `en`: it
    explains nearly all of the keyword (the authors' English is a whole term, and a Chinese term that
    renders part of it, 供给 for `supply logic`, is not its keyword)."""
    english = text_keys(en)
    found = []
    for index, candidate in enumerate(unit.candidates):
        if candidate.single_generic or not HAN_RE.search(candidate.text):
            continue
        union = dictionary.gloss_union(candidate.text)
        if sum(1 for keys in english if keys & union) < MIN_EXPLAINED_KEYWORD * len(english):
            continue  # fewer of its words explained by any reading than the share needs: no need to look
        if dictionary.shares(candidate.text, english)[1] < MIN_EXPLAINED_KEYWORD:
            continue
        found.append((index, *dictionary.shares(zh_key(candidate.text), english)))
    return tuple(found)


def known_option(dictionary: DictionaryEvidence, zh: str, unit: Unit, index: int) -> SpanOption:
    """Span `index` of `unit` as an option for `zh` because the pair is known (a termlist or an
    author's gloss), whatever the dictionary says: being known, it may render and is never lonely."""
    span = unit.spans[index]
    english = [keys for keys in unit.word_keys[span.first : span.last + 1] if keys]
    zh_share, en_share = dictionary.shares(zh, english)
    dictionary_f1 = dictionary_value(zh_share, en_share)
    joins = joins_uncovered(unit.tokens, span, *_may_join(dictionary, zh), dictionary_f1)
    return (index, zh_share, en_share, True, False, joins)


def _may_join(dictionary: DictionaryEvidence, zh: str) -> tuple[bool, bool]:
    """Whether `zh` itself joins two things, and whether it is one word glossed as two joined (长治久安
    `long-term peace and stability`) or two words that may be rendered as two (公平正义): what
    `filters.joins_uncovered` lets a span join."""
    return is_conjoined(zh), dictionary.glossed_joined(zh) or dictionary.fewest(zh) == 2
