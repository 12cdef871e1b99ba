"""Sentence alignment of a Chinese text and its English translation, without a neural model.

Each sentence becomes a list of "words" with the keys that would show its translation on the other side:
a Chinese word's keys are the stems of its CC-CEDICT glosses, an English word's key is its own stem.
Numbers, Latin tokens, name-like English words matched against the pinyin of the Chinese, and marks such
as quotes and question marks are shared keys both sides can have. A word counts as translated in a bead
when one of its keys occurs among the keys of the other side's sentences, and it weighs the more, the
rarer such a match is between random sentences of the same text. A bead's score adds these weights,
a Gale-Church length term with the character ratio measured on the two texts, and a prior for its shape;
dynamic programming in a band around the length diagonal finds the best monotonic path.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from glossary.chinese import HAN, HAN_RE, simplify
from glossary.lexicon import ZH_FUNCTION_WORDS, Lexicon, content_words, load_lexicon, stem
from glossary.models import AlignedUnit, ArticleRecord, Bead

# --- sentence splitting -----------------------------------------------------------------------------

ZH_SENTENCE_RE = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)\"']*|$)")
# A stop, then space and a capital, digit or opening quote; or, as PDF extraction often leaves it, a stop
# glued to the next sentence's capitalised word ("countries.The").
EN_BOUNDARY_RE = re.compile(
    r"[.!?]+[\"'”’)\]]*(?:\s+(?=[\"'“‘(\[]?[A-Z0-9])|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]))"
)
# Words after which a full stop does not end a sentence.
EN_ABBREVIATIONS = frozenset(
    """e.g i.e cf vs al no nos fig figs eq eqs vol pp p ed eds dr mr mrs ms prof st jr sr inc ltd co corp
    approx ca jan feb mar apr jun jul aug sep sept oct nov dec dept univ""".split()
)


def split_zh_sentences(text: str) -> list[str]:
    """Chinese sentences: each ends at 。！？； (full or half width), closing quotes kept with it."""
    return [sentence.strip() for sentence in ZH_SENTENCE_RE.findall(text) if sentence.strip()]


def split_en_sentences(text: str) -> list[str]:
    """English sentences: . ! ? before a capital, digit or opening quote, not after abbreviations."""
    sentences: list[str] = []
    start = 0
    for boundary in EN_BOUNDARY_RE.finditer(text):
        if text[boundary.start()] == "." and _is_abbreviation(text[start : boundary.start()]):
            continue
        sentences.append(text[start : boundary.end()].strip())
        start = boundary.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _is_abbreviation(before_stop: str) -> bool:
    """Whether the word before a full stop is an abbreviation ("e.g", "U.S", "No") or an initial ("C")."""
    words = before_stop.split()
    if not words:
        return False
    word = words[-1].lstrip("(\"'“‘")
    return (
        word.lower() in EN_ABBREVIATIONS
        or (len(word) == 1 and word.isupper())
        or bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))
    )


# --- evidence per sentence --------------------------------------------------------------------------

# A bead's shape (Chinese sentences, English sentences) -> log prior. Shapes beyond these are so rare that
# allowing them costs more alignments than it wins.
SHAPE_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 2): -1.0,
    (2, 1): -1.5,
    (1, 3): -2.5,
    (3, 1): -4.0,
    (2, 2): -3.0,
    (1, 4): -4.0,
    (2, 3): -4.5,
    (3, 2): -5.0,
    (1, 0): -4.0,
    (0, 1): -4.0,
}
LEXICAL_WEIGHT = 0.15  # a translated word of average rarity is worth about this much log prior
SINGLE_CHARACTER_WEIGHT = 0.5  # one-character Chinese words have broad glosses
LENGTH_VARIANCE = 40.0  # Gale-Church variance per English character
# A short text says little about how often a word finds a translation by chance: its share is estimated
# as if PRIOR_SENTENCES more sentences had shown it at the rate PRIOR_SHARE.
PRIOR_SENTENCES = 20
PRIOR_SHARE = 0.05
BAND_MIN = 30  # half-width of the first pass's band, in English sentences
REFINE_MARGIN = 4  # sentences either side of the first path that the second pass may use
FIRST_PASS_SHAPES = [(1, 1), (1, 2), (2, 1), (1, 3), (1, 0), (0, 1)]

NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
LATIN_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")
DICTIONARY_WORD_LIMIT = 4  # longest Chinese word looked for inside a sentence
NAME_WINDOW = 3  # Chinese characters whose joined pinyin may be one English name token
ZH_QUOTES = '“”「」『』"'
EN_QUOTE_RE = re.compile(r"[\"“”]|(?:^|\s)['‘]|['’](?:\s|$|[,.!?])")


# Irregular English forms -> the base form dictionary glosses use ("said" -> "say"). Forms that are also
# words of their own ("left", "found" as in founded, "ground", "born", "a bit") are left out.
IRREGULAR_FORMS = {
    form: base
    for entry in """arise:arose,arisen awake:awoke,awoken be:was,were,been bear:bore,borne beat:beaten
    become:became begin:began,begun bend:bent bite:bitten bleed:bled blow:blew,blown
    break:broke,broken breed:bred bring:brought build:built burn:burnt buy:bought catch:caught
    choose:chose,chosen cling:clung come:came creep:crept deal:dealt dig:dug do:did,done draw:drew,drawn
    dream:dreamt drink:drank,drunk drive:drove,driven eat:ate,eaten fall:fell,fallen feed:fed feel:felt
    fight:fought flee:fled fling:flung fly:flew,flown forbid:forbade,forbidden forget:forgot,forgotten
    forgive:forgave,forgiven freeze:froze,frozen get:got,gotten give:gave,given go:went,gone
    grow:grew,grown hang:hung have:had hear:heard hide:hid,hidden hold:held keep:kept kneel:knelt
    know:knew,known lay:laid lead:led leap:leapt lend:lent lie:lain light:lit lose:lost make:made
    mean:meant meet:met pay:paid rise:rose,risen ride:rode,ridden ring:rang,rung run:ran say:said
    see:saw,seen seek:sought sell:sold send:sent shake:shook,shaken shine:shone shoot:shot show:shown
    shrink:shrank,shrunk sing:sang,sung sink:sank,sunk sit:sat sleep:slept slide:slid speak:spoke,spoken
    spend:spent spin:spun spring:sprang,sprung stand:stood steal:stole,stolen stick:stuck sting:stung
    stink:stank strike:struck stride:strode swear:swore,sworn sweep:swept swim:swam,swum swing:swung
    take:took,taken teach:taught tear:tore,torn tell:told think:thought throw:threw,thrown
    understand:understood wake:woke,woken wear:wore,worn weep:wept win:won write:wrote,written man:men
    woman:women child:children foot:feet tooth:teeth mouse:mice""".split()
    for base, forms in [entry.split(":")]
    for form in forms.split(",")
}


@dataclass
class _Sentence:
    """What one sentence offers as evidence.

    A word is shown translated by a sentence of the other side when one of its keys is among that
    sentence's `keys`.
    """

    length: int  # characters, spaces left out for Chinese
    words: list[frozenset[str]]  # the keys of each word
    importance: list[float]  # of each word, before its rarity in the text is known
    keys: frozenset[str]  # what the sentence can show of the other side's words
    weights: list[float] = field(default_factory=list)  # of each word, set by _weigh()


def _zh_evidence(text: str, lexicon: Lexicon) -> _Sentence:
    words: list[frozenset[str]] = []
    importance: list[float] = []
    for word in lexicon.segment(text):
        stems = lexicon.gloss_stems(word) if HAN_RE.search(word) and word not in ZH_FUNCTION_WORDS else None
        if stems:
            words.append(stems)
            importance.append(1.0 if len(word) > 1 else SINGLE_CHARACTER_WEIGHT)
    tokens = [frozenset({token}) for token in _shared_tokens(text) | _pinyin_tokens(text)]
    if any(quote in text for quote in ZH_QUOTES):
        tokens.append(frozenset({"=quote"}))
    # English words are looked up in the glosses of every short dictionary word inside the sentence too,
    # not only in those the longest-match segmentation chose: it often hides the word a translator rendered.
    glossed = (lexicon.gloss_stems(word) for word in _dictionary_words(simplify(text), lexicon))
    keys = frozenset().union(*words, *tokens, *glossed)
    return _Sentence(len("".join(text.split())), words + tokens, importance + [1.0] * len(tokens), keys)


def _dictionary_words(text: str, lexicon: Lexicon) -> set[str]:
    """Every word of the lexicon that occurs in `text`, overlapping ones included."""
    return {
        text[start:end]
        for start in range(len(text))
        for end in range(start + 1, min(start + DICTIONARY_WORD_LIMIT, len(text)) + 1)
        if text[start:end] in lexicon
    }


def _en_evidence(text: str) -> _Sentence:
    stems = dict.fromkeys(stem(IRREGULAR_FORMS.get(word, word)) for word in content_words(text))
    words = [frozenset({key}) for key in [*stems, *_shared_tokens(text), *_name_tokens(text)]]
    if EN_QUOTE_RE.search(text):
        words.append(frozenset({"=quote"}))
    return _Sentence(len(text), words, [1.0] * len(words), frozenset().union(*words))


def _shared_tokens(text: str) -> set[str]:
    """Keys both languages write alike: numbers, Latin words (acronyms, formulas, names), ? and !.

    They start with "=", which no stem does, so that "=us" (a token) never meets "us" (a stem).
    """
    tokens = {f"={number.replace(',', '')}" for number in NUMBER_RE.findall(text)}
    if HAN_RE.search(text):  # in Chinese text every Latin word is a shared token
        tokens.update(f"={word.lower()}" for word in LATIN_TOKEN_RE.findall(text))
    else:  # in English only those that look like acronyms or symbols
        tokens.update(f"={word.lower()}" for word in LATIN_TOKEN_RE.findall(text) if _is_acronym(word))
    tokens.update(f"={mark}" for mark, wide in (("?", "？"), ("!", "！")) if mark in text or wide in text)
    return tokens


def _is_acronym(word: str) -> bool:
    return sum(char.isupper() or char.isdigit() for char in word) >= 2


def _pinyin_tokens(text: str) -> set[str]:
    """Joined toneless pinyin of every run of one to three characters: how a name is written in English."""
    from pypinyin import lazy_pinyin

    tokens: set[str] = set()
    for run in HAN_RUN_RE.findall(simplify(text)):
        syllables = lazy_pinyin(run)
        for start in range(len(syllables)):
            for size in range(1, min(NAME_WINDOW, len(syllables) - start) + 1):
                tokens.add("=" + "".join(syllables[start : start + size]).replace("ü", "v"))
    return tokens


def _name_tokens(text: str) -> set[str]:
    """Capitalised words inside an English sentence, lower-cased and joined: possible pinyin names."""
    names: set[str] = set()
    for found in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]+(?:['’\-][a-z]+)?", text):
        names.add("=" + re.sub(r"['’\-]", "", found.group()).lower())
    return names


def _weigh(sentences: list[_Sentence], others: list[_Sentence]) -> None:
    """A word's weight: log-odds that a random sentence of the other side shows no translation of it."""
    holders: dict[str, set[int]] = defaultdict(set)
    for index, other in enumerate(others):
        for key in other.keys:
            holders[key].add(index)
    total = len(others)
    for sentence in sentences:
        sentence.weights = []
        for word, importance in zip(sentence.words, sentence.importance, strict=True):
            seen = len(set().union(*(holders.get(key, ()) for key in word)))
            share = (seen + PRIOR_SENTENCES * PRIOR_SHARE) / (total + PRIOR_SENTENCES)
            sentence.weights.append(importance * max(0.0, math.log((1 - share) / share)))


# --- dynamic programming ----------------------------------------------------------------------------

ZH, EN = 0, 1


class _Scorer:
    """Scores beads of one text pair, caching what each sentence finds translated in each span."""

    def __init__(self, zh: list[_Sentence], en: list[_Sentence]) -> None:
        self.sides = (zh, en)
        self.ends = (_running_total(zh), _running_total(en))  # length of sentences [0, i) at i
        self.ratio = self.ends[EN][-1] / self.ends[ZH][-1] if self.ends[ZH][-1] else 1.0
        self._masks: dict[tuple[int, int, int, int], int] = {}  # (side, sentence, start, size) -> word bits
        self._translated: dict[tuple[int, int, int, int], float] = {}  # same key -> weight of those words

    def score(self, zh_start: int, zh_size: int, en_start: int, en_size: int) -> float:
        prior = SHAPE_PRIORS[(zh_size, en_size)]
        if not zh_size or not en_size:
            return prior
        lexical = 0.0
        for index in range(zh_start, zh_start + zh_size):
            lexical += self.translated(ZH, index, en_start, en_size)
        for index in range(en_start, en_start + en_size):
            lexical += self.translated(EN, index, zh_start, zh_size)
        return prior + LEXICAL_WEIGHT * lexical - self.length_surprise(zh_start, zh_size, en_start, en_size)

    def length_surprise(self, zh_start: int, zh_size: int, en_start: int, en_size: int) -> float:
        """Gale-Church: half the squared z-score of the English length given the Chinese length."""
        zh_ends, en_ends = self.ends
        expected = (zh_ends[zh_start + zh_size] - zh_ends[zh_start]) * self.ratio
        actual = en_ends[en_start + en_size] - en_ends[en_start]
        delta = (actual - expected) / math.sqrt(LENGTH_VARIANCE * max((actual + expected) / 2, 1.0))
        return delta * delta / 2

    def coverage(self, bead: Bead) -> float:
        """Share of the weight of both sides' words that found a translation within the bead."""
        shown = total = 0.0
        for side, indices, others in ((ZH, bead.zh, bead.en), (EN, bead.en, bead.zh)):
            for index in indices:
                shown += self.translated(side, index, others[0], len(others))
                total += sum(self.sides[side][index].weights)
        return shown / total if total else 0.0

    def translated(self, side: int, index: int, other_start: int, other_size: int) -> float:
        """Weight of the words of sentence `index` of `side` that the other side's span translates."""
        key = (side, index, other_start, other_size)
        weight = self._translated.get(key)
        if weight is None:
            bits = self._mask(side, index, other_start, other_size)
            weights = self.sides[side][index].weights
            weight = 0.0
            while bits:
                lowest = bits & -bits
                weight += weights[lowest.bit_length() - 1]
                bits ^= lowest
            self._translated[key] = weight
        return weight

    def _mask(self, side: int, index: int, other_start: int, other_size: int) -> int:
        key = (side, index, other_start, other_size)
        bits = self._masks.get(key)
        if bits is None:
            if other_size == 1:
                other_keys = self.sides[1 - side][other_start].keys
                words = self.sides[side][index].words
                bits = sum(1 << bit for bit, word in enumerate(words) if not word.isdisjoint(other_keys))
            else:
                bits = self._mask(side, index, other_start, other_size - 1) | self._mask(
                    side, index, other_start + other_size - 1, 1
                )
            self._masks[key] = bits
        return bits


def _running_total(sentences: list[_Sentence]) -> list[int]:
    totals = [0]
    for sentence in sentences:
        totals.append(totals[-1] + sentence.length)
    return totals


def align(zh: list[str], en: list[str], lexicon: Lexicon | None = None) -> list[Bead]:
    """Monotonic alignment of Chinese and English sentences covering each sentence exactly once.

    `lexicon` defaults to CC-CEDICT (load_lexicon()). Bead.score is the bead's own quality in [0, 1]:
    how much of its words found a translation, tempered by how well the lengths agree.
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    known = _known.beads.pop((tuple(zh), tuple(en)), None) if lexicon is _known.lexicon else None
    if known is not None:
        return known
    zh_sentences = [_zh_evidence(text, lexicon) for text in zh]
    en_sentences = [_en_evidence(text) for text in en]
    _weigh(zh_sentences, en_sentences)
    _weigh(en_sentences, zh_sentences)
    scorer = _Scorer(zh_sentences, en_sentences)
    # A coarse pass with the common shapes in a wide band finds where the path runs; the full set of
    # shapes is then tried only near it.
    rough = _best_path(scorer, _diagonal_band(scorer), FIRST_PASS_SHAPES)
    beads = _best_path(scorer, _band_around(rough, len(zh), len(en)), list(SHAPE_PRIORS))
    for bead in beads:
        bead.score = _quality(scorer, bead)
    return beads


def _quality(scorer: _Scorer, bead: Bead) -> float:
    """Geometric mean of lexical coverage and length agreement (exp of minus the length surprise).

    Even a close translation finds about half its word weight in the dictionary, so half counts as full.
    """
    if not bead.zh or not bead.en:
        return 0.0
    length_fit = math.exp(-scorer.length_surprise(bead.zh[0], len(bead.zh), bead.en[0], len(bead.en)))
    return round(math.sqrt(min(1.0, 2 * scorer.coverage(bead)) * length_fit), 3)


Band = list[tuple[int, int]]  # for each Chinese position, the lowest and highest English position allowed


def _best_path(scorer: _Scorer, band: Band, shapes: list[tuple[int, int]]) -> list[Bead]:
    """Highest-scoring sequence of beads of these shapes from the start to the end, within the band."""
    zh_count, en_count = len(band) - 1, band[-1][1]
    best: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {(0, 0): (0.0, (0, 0))}
    for zh_end, (low, high) in enumerate(band):
        for en_end in range(low, high + 1):
            top: tuple[float, tuple[int, int]] | None = None
            for zh_size, en_size in shapes:
                previous = best.get((zh_end - zh_size, en_end - en_size))
                if previous is not None and zh_size <= zh_end and en_size <= en_end:
                    total = previous[0] + scorer.score(zh_end - zh_size, zh_size, en_end - en_size, en_size)
                    if top is None or total > top[0]:
                        top = (total, (zh_size, en_size))
            if top is not None and (zh_end or en_end):
                best[(zh_end, en_end)] = top
    beads: list[Bead] = []
    zh_end, en_end = zh_count, en_count
    while zh_end or en_end:
        zh_size, en_size = best[(zh_end, en_end)][1]
        beads.append(Bead(list(range(zh_end - zh_size, zh_end)), list(range(en_end - en_size, en_end))))
        zh_end, en_end = zh_end - zh_size, en_end - en_size
    return beads[::-1]


def _diagonal_band(scorer: _Scorer) -> Band:
    """English positions within a margin of where the lengths say each Chinese position falls.

    Each row overlaps the one before (a very long sentence can move the centre by more than the band is
    wide), so a path through the band always exists.
    """
    zh_ends, en_ends = scorer.ends
    zh_count, en_count = len(zh_ends) - 1, len(en_ends) - 1
    margin = max(BAND_MIN, (zh_count + en_count) // 10)
    band: Band = []
    for zh_end in range(zh_count + 1):
        share = zh_ends[zh_end] / zh_ends[-1] if zh_ends[-1] else zh_end / max(zh_count, 1)
        center = bisect.bisect_left(en_ends, share * en_ends[-1])
        low = max(0, center - margin)
        band.append((min(low, band[-1][1]) if band else low, min(en_count, center + margin)))
    band[-1] = (band[-1][0], en_count)
    return band


def _band_around(beads: list[Bead], zh_count: int, en_count: int) -> Band:
    """English positions within REFINE_MARGIN of a path's corners, per Chinese position."""
    low = [en_count] * (zh_count + 1)
    high = [0] * (zh_count + 1)
    zh_end = en_end = 0
    corners = [(0, 0)]
    for bead in beads:
        zh_end += len(bead.zh)
        en_end += len(bead.en)
        corners.append((zh_end, en_end))
    for zh_end, en_end in corners:
        for position in range(max(0, zh_end - REFINE_MARGIN), min(zh_count, zh_end + REFINE_MARGIN) + 1):
            low[position] = min(low[position], max(0, en_end - REFINE_MARGIN))
            high[position] = max(high[position], min(en_count, en_end + REFINE_MARGIN))
    return list(zip(low, high, strict=True))


# --- articles ---------------------------------------------------------------------------------------


SentencePair = tuple[tuple[str, ...], tuple[str, ...]]  # Chinese sentences, English sentences


@dataclass
class _KnownBeads:
    lexicon: Lexicon | None = None
    beads: dict[SentencePair, list[Bead]] = field(default_factory=dict)


_known = _KnownBeads()


def abstract_beads(records: list[ArticleRecord], lexicon: Lexicon) -> dict[SentencePair, list[Bead]]:
    """The alignment of the abstract of each of `records` that has both sides, by its sentences."""
    found = {}
    for record in records:
        if record.zh and record.en:
            zh, en = split_zh_sentences(record.zh.abstract), split_en_sentences(record.en.abstract)
            if zh and en:
                found[tuple(zh), tuple(en)] = align(zh, en, lexicon)
    return found


def know_beads(lexicon: Lexicon | None, beads: dict[SentencePair, list[Bead]]) -> None:
    """`abstract_beads` worked out in another process with a lexicon equal to `lexicon`: `align` with
    `lexicon` itself gives them instead of aligning those sentences again, once each (None: forget)."""
    _known.lexicon, _known.beads = lexicon, beads


def aligned_units(record: ArticleRecord, lexicon: Lexicon | None = None) -> list[AlignedUnit]:
    """Title and abstract sentence pairs of a matched article; [] for an article with one side only."""
    zh, en = record.zh, record.en
    if zh is None or en is None:
        return []
    units: list[AlignedUnit] = []
    if zh.title and en.title:
        units.append(
            AlignedUnit(
                "title", zh.title, en.title, record.id, zh.lines.get("title", 0), en.lines.get("title", 0)
            )
        )
    zh_sentences = split_zh_sentences(zh.abstract)
    en_sentences = split_en_sentences(en.abstract)
    if not zh_sentences or not en_sentences:
        return units
    for bead in align(zh_sentences, en_sentences, lexicon):
        if bead.zh and bead.en:
            units.append(
                AlignedUnit(
                    "abstract",
                    "".join(zh_sentences[index] for index in bead.zh),
                    " ".join(en_sentences[index] for index in bead.en),
                    record.id,
                    zh.lines.get("abstract", 0),
                    en.lines.get("abstract", 0),
                )
            )
    return units
