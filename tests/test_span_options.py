"""Span options: what the dictionary says of each candidate, worked out with its file and kept, pairs as
the same evidence worked out when scoring."""

import pytest

from glossary.candidates import ChineseAnalyzer, EnglishAnalyzer, is_generic_english
from glossary.lexicon import load_lexicon
from glossary.models import AlignedUnit
from glossary.pairing import Pairer
from glossary.pairing.evidence import MIN_SHARE, DictionaryEvidence
from glossary.pairing.options import candidate_evidence, keyword_options, span_options

UNITS = [
    AlignedUnit(
        "title",
        "全球发展倡议下的中拉绿色合作",
        "Green Cooperation between China and Latin America under the Global Development Initiative",
        "A1",
    ),
    AlignedUnit(
        "abstract",
        "中国与拉美国家在可再生能源和绿色金融领域开展了务实合作。",
        "China and Latin American countries have carried out practical cooperation in renewable energy "
        "and green finance.",
        "A1",
    ),
    AlignedUnit(
        "abstract",
        "全球发展倡议为南南合作注入了新的动力，推动了地区经济的可持续发展。",
        "The Global Development Initiative has injected new impetus into South-South cooperation and "
        "promoted the sustainable development of the regional economy.",
        "A1",
    ),
]


@pytest.fixture(scope="module")
def pairer() -> Pairer:
    return Pairer(UNITS, [], load_lexicon(), ChineseAnalyzer(), EnglishAnalyzer())


def test_the_options_are_every_span_the_dictionary_renders_half_of_on_both_sides(pairer) -> None:
    dictionary = pairer.evidence
    looked_at = 0
    for unit in pairer.units:
        for candidate in unit.candidates:
            every = []
            for index, span in enumerate(unit.spans):
                english = [keys for keys in unit.word_keys[span.first : span.last + 1] if keys]
                zh_share, en_share = dictionary.dictionary_shares(candidate.text, english)
                if not is_generic_english(span.key) and min(zh_share, en_share) >= MIN_SHARE:
                    every.append(index)
            options = span_options(dictionary, candidate.text, unit)
            assert [option[0] for option in options] == every, candidate.text
            looked_at += len(every)
    assert looked_at > 20


def test_evidence_kept_with_the_units_pairs_as_when_worked_out_in_scoring(pairer) -> None:
    dictionary = DictionaryEvidence(load_lexicon(), pairer.chinese)
    for unit in pairer.units:
        scored_now = pairer.candidate_observations(unit)
        unit.evidence = candidate_evidence(dictionary, unit)
        try:
            assert pairer.candidate_observations(unit) == scored_now
        finally:
            unit.evidence = None
    pairs = {observation.zh: observation.en for unit in pairer.units for observation, _ in scored_now}
    assert pairs  # the comparison was about pairs, not about two empty lists


def test_a_general_word_the_run_protects_pairs_from_kept_evidence() -> None:
    lexicon, english = load_lexicon(), EnglishAnalyzer()
    protected = Pairer(UNITS, [], lexicon, ChineseAnalyzer(), english, extra_terms=["金融"])
    dictionary = DictionaryEvidence(lexicon, protected.chinese)
    unit = protected.units[1]
    unit.evidence = candidate_evidence(dictionary, unit)
    kept = dict(zip([candidate.text for candidate in unit.candidates], unit.evidence, strict=True))
    assert kept["金融"].options is None  # left to the scoring: only a run that protects it pairs it
    pairs = {observation.zh: observation.en for observation, _ in protected.candidate_observations(unit)}
    assert pairs["金融"] == "finance"
    unprotected = Pairer(UNITS, [], lexicon, ChineseAnalyzer(), english)
    assert "金融" not in {observation.zh for observation, _ in unprotected.candidate_observations(unit)}


@pytest.mark.parametrize(
    ("zh_keywords", "en_keywords"),
    [
        (["全球发展倡议", "绿色金融", "南南合作"], []),  # each rendering looked for in the units
        ([], ["Global Development Initiative", "green finance", "renewable energy"]),  # Chinese ones lost
    ],
)
def test_keyword_evidence_kept_with_the_units_pairs_as_when_worked_out_in_scoring(
    pairer, zh_keywords: list[str], en_keywords: list[str]
) -> None:
    def pairs() -> list[tuple[str, str, float]]:
        found = pairer.keyword_observations("A1", zh_keywords, en_keywords, pairer.units)
        return [(observation.zh, observation.en, observation.strength) for observation in found]

    scored_now = pairs()
    dictionary = DictionaryEvidence(load_lexicon(), pairer.chinese)
    for unit in pairer.units:
        unit.keywords = keyword_options(dictionary, unit, zh_keywords, en_keywords)
    try:
        assert pairs() == scored_now
    finally:
        for unit in pairer.units:
            unit.keywords = None
    assert len(scored_now) >= 2, scored_now  # the comparison was about pairs, not about two empty lists
