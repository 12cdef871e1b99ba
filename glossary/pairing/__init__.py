"""Pairing stage: Chinese-English term pairs with their evidence and one Confidence.

Observations come from five sources (keywords, title, abstract, parenthetical, termlist); each has a
strength in [0, 1]: how often a pair seen that way, with that evidence, is right. One module per concern:
`statistics` (run-wide counts, summable per file), `filters` (which candidates and spans may pair),
`evidence` (dictionary shares, co-occurrence, termlist priors -> strength), `casing` (how the run writes
English words; spans as entries), `pairer` (units -> observations), `keywords` (keyword lists),
`aggregate` (observations -> one TermPair per key, Confidence, rivals).
"""

from glossary.pairing.aggregate import aggregate, combine, term_type
from glossary.pairing.casing import CaseBook, display_keyword, strip_article
from glossary.pairing.evidence import STRENGTH, Evidence
from glossary.pairing.observations import Observation, Unit, context_around, zh_key
from glossary.pairing.pairer import Pairer
from glossary.pairing.statistics import CoOccurrence, PairingStatistics

__all__ = [
    "STRENGTH",
    "CaseBook",
    "CoOccurrence",
    "Evidence",
    "Observation",
    "Pairer",
    "PairingStatistics",
    "Unit",
    "aggregate",
    "combine",
    "context_around",
    "display_keyword",
    "strip_article",
    "term_type",
    "zh_key",
]
