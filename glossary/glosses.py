"""Parenthetical glosses: a Chinese term followed by its English in brackets, anywhere in an issue.

前景理论（prospect theory）, 国际货币基金组织（IMF）, 卡尼曼（Daniel Kahneman）.
The Chinese side is the minimal
term: what the quotes enclose, the transliterated name, or the end of the noun phrase the dictionary says
the English translates. Citations, years, pages, examples (（如 IGF）) and whole sentences are not glosses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from glossary.candidates import ChineseAnalyzer, ZhToken
from glossary.chinese import HAN, HAN_RE, simplify, to_halfwidth
from glossary.lexicon import ZH_FUNCTION_WORDS, Lexicon, content_words, english_stems, name_readings
from glossary.models import Paragraph
from glossary.names import name_key

PAREN_RE = re.compile(r"[（(]([^（）()]{1,160})[）)]")
CLOSING_QUOTES = {"”": "“", "」": "「", "』": "『", "》": "《", "’": "‘"}
NOT_GLOSS_START_RE = re.compile(
    r"^\s*(?:如|例如|比如|参见|参阅|见|即|包括|含|详见|引自|转引自|e\.g\.|i\.e\.|see\b|cf\.)", re.I
)
NOT_GLOSS_RE = re.compile(
    r"项目编号|编号|https?://|www\.|\bet al\b|\bpp?\.\s*\d|\bVol\.|\bNo\.\s*\d|[。！？]"
    r"|[a-z][.!?]\s+[A-Z]"  # two sentences: an explanation, not a gloss
)
YEAR_RE = re.compile(r"\d{4,}")
ABBREVIATION_MARK_RE = re.compile(r"^\s*(?:以下)?(?:简称|下称|缩写为?|英文缩写|abbreviated as)\s*", re.I)
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&\-]{1,9}$|^[A-Z][a-z]?[A-Z][A-Z0-9\-]{0,8}$")
# Characters that spell foreign names in Chinese transliteration (and the middle dot between name parts).
TRANSLITERATION = frozenset(
    "李瑟茨慈芙娜妮娅莉露丝黛琪薇娃翰汀鲍蕾姬缪耶朔阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕别宾波伯勃博布查昌达戴丹道德登邓迪蒂丁东杜敦多厄恩尔法范菲费芬"
    "丰弗福夫盖甘冈高戈哥格根贡古瓜哈海汉豪赫黑亨洪胡华霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎拉莱赖兰朗劳勒雷"
    "蕾里理丽利列林琳卢鲁路伦罗洛马玛迈麦曼芒梅蒙米密明摩莫默姆穆纳奈南内尼涅宁纽努诺欧帕潘庞佩彭皮平珀普齐"
    "奇恰乔琼丘萨塞赛桑瑟森沙莎山尚舍圣施什史士舒斯松苏索塔泰坦汤唐特提廷图托瓦万威韦维温文沃乌伍西希锡夏谢"
    "辛休雅亚扬耶伊因英尤于约泽扎詹哲珍芝朱兹佐·"
)
NOUN_TAGS = frozenset("n nr nr1 nr2 nrj nrf nrfg nrt ns nt nz nl ng vn an j l eng b s a".split())
MAX_GLOSS_WORDS = 12
MAX_LEFT_CHARS = 30
MAX_TERM_CHARS = 16
MAX_QUOTED_NAME_CHARS = MAX_LEFT_CHARS - 2


@dataclass
class Gloss:
    zh: str  # as written
    en: str  # as written
    kind: str  # "term", "acronym", "person"
    certainty: float  # how sure the Chinese boundary is
    offset: int  # where the Chinese term starts in the paragraph text
    context: str  # the sentence around it


def find_glosses(text: str, analyzer: ChineseAnalyzer, lexicon: Lexicon, own_start: int = 0) -> list[Gloss]:
    """Every parenthetical gloss of a paragraph of Chinese text whose bracket opens at or after
    `own_start` (the text before it is the end of the previous paragraph, see `gloss_passages`)."""
    glosses: list[Gloss] = []
    for match, left_end, left, parts in _brackets(text, own_start):
        context = _sentence_around(text, max(left_end - 1, 0), match.end())
        terms = [_chinese_term(left, english, shape, analyzer, lexicon) for english, shape in parts]
        if len(terms) == 2 and terms[0] and terms[1] and parts[1][1] == "acronym":
            # `International Council for Local Environmental Initiatives, ICLEI`: the words of the name
            # say more about where the Chinese begins than the initials of the acronym do
            terms[1] = (terms[0][0], "acronym", max(terms[0][2], terms[1][2]))
        for (english, _), found in zip(parts, terms, strict=True):
            if found is None:
                continue
            term, kind, certainty = found
            glosses.append(Gloss(term, english, kind, certainty, left_end - len(term), context))
    return glosses


def _brackets(text: str, own_start: int) -> Iterator[tuple[re.Match[str], int, str, list[tuple[str, str]]]]:
    """Each bracket of `text` opening at or after `own_start` that holds a gloss of the text before it:
    (the bracket, where the text before it ends, that text (at most MAX_LEFT_CHARS), its `gloss_parts`)."""
    for match in PAREN_RE.finditer(text, own_start):
        # `罗伯特·阿特 (Robert J. Art)`: a space before the bracket changes nothing
        left_end = len(text[: match.start()].rstrip(" \u3000"))
        left = text[max(0, left_end - MAX_LEFT_CHARS) : left_end]
        if not re.search(f"[{HAN}”」』》’]$", left):
            continue
        parts = gloss_parts(match[1], written_before=left)
        if parts:
            yield match, left_end, left, parts


def name_lookups(paragraphs: list[Paragraph], kinds: Iterable[str]) -> set[str]:
    """Every name whose readings `find_glosses` over `gloss_passages(paragraphs, kinds)` may look up
    (`_person`'s candidates, for a gloss shaped as a name after text that is no quotation: see
    `_chinese_term`), to be worked out ahead elsewhere."""
    return {
        name
        for _, text, own_start in gloss_passages(paragraphs, kinds)
        for _, _, left, parts in _brackets(text, own_start)
        if left[-1] not in CLOSING_QUOTES and any(shape == "name" for _, shape in parts)
        for name in _person_candidates(left)
    }


def gloss_passages(paragraphs: list[Paragraph], kinds: Iterable[str]) -> Iterator[tuple[int, str, int]]:
    """(index, text, own_start) for each paragraph of `kinds` that has a bracket: the text is the
    paragraph's own from `own_start`, after the end of the previous paragraph of its kind, and runs on
    into the next one while a bracket is open, so that a gloss cut by a page break or a block of
    footnotes (愿望水平 | notes | （aspiration）, （pacing | notes | challenge）) is read whole."""
    kinds = frozenset(kinds)
    previous: dict[str, str] = {}
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind not in kinds:
            if paragraph.kind in PASSAGE_BREAKS:
                previous.clear()
            continue
        text = paragraph.text
        before = previous.get(paragraph.kind, "")
        if HAN_RE.search(text):  # a line of a URL or a reference left among the text is no part of it
            previous[paragraph.kind] = text[-MAX_LEFT_CHARS:]
        if "（" not in text and "(" not in text:
            continue
        last_open = max(text.rfind("（"), text.rfind("("))
        if last_open > max(text.rfind("）"), text.rfind(")")):
            text += _continuation(paragraphs, index)
        yield index, before + text, len(before)


PASSAGE_BREAKS = frozenset({"heading", "markdown-heading", "label"})  # a new section: nothing runs across


def _continuation(paragraphs: list[Paragraph], index: int) -> str:
    """The start of a later paragraph of the same kind that closes the bracket left open: one that
    begins with English and the closing bracket. Footnotes, and lines of notes the reader took for
    text, may come between."""
    kind = paragraphs[index].kind
    for following in paragraphs[index + 1 : index + 1 + MAX_SKIPPED_PARAGRAPHS]:
        if following.kind in PASSAGE_BREAKS:
            return ""
        closing = CLOSING_RUN_RE.match(following.text)
        if following.kind == kind and closing:
            joint = " " if re.search(r"[A-Za-z.,]$", paragraphs[index].text) else ""
            return joint + closing[0]
    return ""


CLOSING_RUN_RE = re.compile(r"[A-Za-z][^（）()\n]{0,80}[）)]")
MAX_SKIPPED_PARAGRAPHS = 40  # footnotes between the two halves of a sentence cut by a page break


def gloss_parts(inner: str, written_before: str = "") -> list[tuple[str, str]]:
    """The English of a parenthesis as (text, shape) pieces, or [] when it is not a gloss.

    Shapes: "acronym" (`IMF`), "name" (`Daniel Kahneman`, `H.A.de Bary`), "phrase" (`prospect theory`).
    `The World Summit on the Information Society，简称 WSIS` gives the name and the acronym. A four-digit
    number is a year of a citation unless the Chinese just before writes it too (《能源路线图2050》
    (Energy Roadmap 2050)).
    """
    inner = inner.strip()
    if NOT_GLOSS_START_RE.match(inner) or NOT_GLOSS_RE.search(inner):
        return []
    if any(number not in written_before for number in YEAR_RE.findall(inner)):
        return []
    pieces = [ABBREVIATION_MARK_RE.sub("", piece).strip() for piece in re.split(r"\s*[，,；;]\s*", inner)]
    pieces = [to_halfwidth(piece).strip(" '\"“”‘’") for piece in pieces if piece.strip()]
    if not pieces or len(pieces) > 2:
        return []
    parts: list[tuple[str, str]] = []
    for piece in pieces:
        if re.search(f"[{HAN}]", piece) or not re.search(r"[A-Za-z]{2,}", piece):
            return []
        words = piece.split()
        if len(words) > MAX_GLOSS_WORDS:
            return []
        if ACRONYM_RE.match(piece):
            parts.append((piece, "acronym"))
        elif _looks_like_name(piece):
            parts.append((piece, "name"))
        else:
            parts.append((piece, "phrase"))
    return parts


def _looks_like_name(text: str) -> bool:
    """`Daniel Kahneman`, `John J.Mearsheimer`, `H.A.de Bary`, `Jean-Claude Juncker`;
    not `Inflation Reduction Act`."""
    spaced = re.sub(r"([A-Z]\.)(?=[A-Za-z])", r"\1 ", text)
    words = spaced.split()
    if not 1 <= len(words) <= 5 or not NAME_WORD_RE.match(words[-1]):
        return False
    things = {
        "act",
        "law",
        "initiative",
        "agreement",
        "treaty",
        "strategy",
        "system",
        "organization",
        "forum",
        "deal",
        "shock",
        "theory",
        "doctrine",
        "plan",
        "program",
        "programme",
        "council",
        "union",
    }
    if any(word.lower().strip(".,") in things for word in words):
        return False
    return all(
        NAME_WORD_RE.match(word) or re.fullmatch(r"[A-Z]\.", word) or word in NAME_PARTICLES for word in words
    )


NAME_WORD_RE = re.compile(r"^[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*$")
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "la", "le", "ul", "bin", "al", "da", "di", "du"})


def _chinese_term(
    left: str, english: str, shape: str, analyzer: ChineseAnalyzer, lexicon: Lexicon
) -> tuple[str, str, float] | None:
    """(Chinese term as written, kind, certainty of its boundary) for the gloss `english` after `left`."""
    closing = left[-1]
    if closing in CLOSING_QUOTES:
        opening = left.rfind(CLOSING_QUOTES[closing], 0, len(left) - 1)
        quoted = left[opening + 1 : -1] if opening >= 0 else ""
        # names of bodies run long: “信息和通信技术安全和使用问题不限成员名额工作组”（OEWG）
        longest = MAX_TERM_CHARS if shape == "phrase" and not english[:1].isupper() else MAX_QUOTED_NAME_CHARS
        if 2 <= len(quoted) <= longest and not re.search(r"[，。；：]", quoted):
            return quoted, "acronym" if shape == "acronym" else "term", 0.95
        return None
    tokens = analyzer.tokens(left)
    if shape == "name":
        person = _person(left, english, tokens) or _tagged_person(left, tokens)
        if person:
            return person[0], "person", person[1]
    if shape == "acronym":
        found = _acronym_suffix(left, tokens, english, lexicon)
        return (found[0], "acronym", found[1]) if found else None
    best = _best_translated_suffix(_trailing_clause(tokens), english, lexicon)
    if best:
        return _as_written(left, best[0]), "term", best[1]
    clause = _trailing_clause(tokens)
    short_noun_phrase = len(clause) <= 2 and bool(clause) and clause[-1].tag in NOUN_TAGS
    chunk = clause if short_noun_phrase else _trailing_noun_chunk(tokens)  # 愿望/v 水平/n is still a term
    term = "".join(token.word for token in chunk)[-MAX_TERM_CHARS:]
    return (_as_written(left, term), "term", 0.5) if len(term) >= 2 else None


def _as_written(left: str, simplified_suffix: str) -> str:
    """The suffix as the author wrote it (the tokens are simplified), with a bound prefix before it:
    跨 (trans-), 泛 (pan-), 反 (anti-) belong to the term whatever the dictionary says."""
    start = len(left) - len(simplified_suffix)
    if start > 0 and simplify(left[start - 1]) in BOUND_PREFIXES:
        start -= 1
    return left[start:]


BOUND_PREFIXES = frozenset("跨泛反超非准逆")


def _person(left: str, english: str, tokens: list[ZhToken]) -> tuple[str, float] | None:
    """A Chinese name spelled in pinyin, a transliterated name with its middle dots (彼得·曼德尔森), else
    the run of transliteration characters before the bracket."""
    key = name_key(english)
    reversed_key = name_key(" ".join(reversed(english.split())))
    for candidate in _person_candidates(left):
        readings = set(name_readings(candidate))
        if key in readings or reversed_key in readings:
            return candidate, 0.95
    dotted = _dotted_name(left, tokens)
    if dotted:
        return dotted, 0.9
    run = ""
    for char in reversed(simplify(left)):
        if char not in TRANSLITERATION:
            break
        run = char + run
    run = run.lstrip("·")
    if len(run) >= 2:
        return left[len(left) - len(run) :], 0.85
    return None


def _person_candidates(left: str) -> Iterator[str]:
    """The Chinese names of two to four characters that could end `left`, shortest first."""
    for size in (2, 3, 4):
        candidate = left[-size:]
        if re.fullmatch(f"[{HAN}]+", candidate):
            yield candidate


NAME_DOT_RE = re.compile(f"[{HAN}]{{1,6}}(?:[·•・．][{HAN}]{{1,6}})+$")
NAME_DOTS = "·•・．"


def _dotted_name(left: str, tokens: list[ZhToken]) -> str | None:
    """The whole of a dotted transliterated name: every part after the first dot as written, and before
    it the given name: the transliteration characters there, or the name jieba knows (彼得/nrt, 乔治/nr)."""
    found = NAME_DOT_RE.search(left)
    if not found:
        return None
    first_dot = next(found.start() + i for i, char in enumerate(found[0]) if char in NAME_DOTS)
    given = ""
    for char in reversed(simplify(left[:first_dot])):
        if char not in TRANSLITERATION or len(given) >= MAX_GIVEN_NAME:
            break
        given = char + given
    token = next((token for token in tokens if token.start + len(token.word) == first_dot), None)
    if token and token.tag.startswith("nr") and len(given) < 2 <= len(token.word):
        given = token.word
    if not given:
        return None
    return left[first_dot - len(given) :]


MAX_GIVEN_NAME = 5


def _tagged_person(left: str, tokens: list[ZhToken]) -> tuple[str, float] | None:
    """A name jieba knows as one (沈大伟/nr): the last token, when it is tagged as a personal name."""
    name = ""
    for token in reversed(tokens):  # 沈/nr 大伟/nr: the surname is a token of its own
        if not token.tag.startswith("nr"):
            break
        name = token.word + name
    if 2 <= len(name) <= 8:
        return _as_written(left, name), 0.8
    return None


def _trailing_clause(tokens: list[ZhToken], names: bool = False) -> list[ZhToken]:
    """The tokens back to the last punctuation or structural particle: where a term can start.

    With `names`, a dash between words (政治—安全共同体), 与/和 (贸易与技术理事会) and 、 (环境、社会与治理,
    ESG) stay inside: names of bodies contain them, and the acronym decides how far back the name goes;
    an adverb does not (分别是政治—安全共同体).
    """
    clause: list[ZhToken] = []
    for token in reversed(tokens):
        inside = names and clause and (token.word in NAME_JOINERS)
        if not inside and (
            token.tag in ("x", "w", "uj", "ul", "p", "c")
            or token.word in "，。；：、“”《》—"
            or (names and token.tag == "d")
        ):
            break
        clause.insert(0, token)
    while clause and clause[0].word in NAME_JOINERS:
        clause.pop(0)
    return clause[-MAX_CLAUSE_TOKENS:]


NAME_JOINERS = frozenset({"—", "－", "-", "与", "和", "及", "、"})


MAX_CLAUSE_TOKENS = 8
# A term does not begin on a numeral, measure word, adverb, pronoun, localiser or particle.
BAD_START_TAGS = frozenset("m mq q d r rr rz f u uj ul uz ug uv ud p c t".split())
# ... though jieba tags some words of names as numerals or localisers: 三方 (trilateral), 末端 (terminal)
NAME_START_TAGS = frozenset("m mq f".split())


def _trailing_noun_chunk(tokens: list[ZhToken]) -> list[ZhToken]:
    """The noun phrase that ends the text: nouns, plus a final two-character word jieba tags as a verb."""
    chunk: list[ZhToken] = []
    for token in reversed(tokens):
        if token.tag in NOUN_TAGS or (not chunk and token.tag.startswith("v") and len(token.word) >= 2):
            chunk.insert(0, token)
        else:
            break
    return chunk


def _acronym_suffix(
    left: str, tokens: list[ZhToken], acronym: str, lexicon: Lexicon
) -> tuple[str, float] | None:
    """The suffix whose words' English initials best spell the acronym (see `_acronym_fit`).
    Falls back to the trailing noun phrase."""
    clause = _trailing_clause(tokens, names=True)
    for first in range(len(clause) - 1, -1, -1):
        suffix = "".join(token.word for token in clause[first:])
        if any(re.search(rf"\b{re.escape(acronym)}\b", gloss) for gloss in lexicon.glosses(suffix)):
            return _as_written(left, suffix), 0.95  # CC-CEDICT knows this name by this acronym
    letters = "".join(char for char in acronym.upper() if char.isalpha())
    best: tuple[float, str] | None = None
    shorter_fit = -math.inf  # the fit of the suffix one token shorter
    for first in range(len(clause) - 1, -1, -1):
        opening = clause[first]
        suffix = "".join(token.word for token in clause[first:])
        if opening.word in NAME_JOINERS or len(suffix) > MAX_TERM_CHARS:
            continue
        words = [word for token in clause[first:] for word in lexicon.segment(token.word)]
        fit = _acronym_fit(words, letters, lexicon)
        # a numeral or localiser starts a name only when it adds to the fit: 三方 (trilateral) in
        # 三方协调监督小组 (TCOG), 末端 (terminal) in 末端高空导弹防御系统 (THAAD)
        bad_start = opening.tag in BAD_START_TAGS and (
            opening.tag not in NAME_START_TAGS or len(opening.word) < 2 or fit <= shorter_fit
        )
        shorter_fit = max(shorter_fit, fit)
        if bad_start or len(suffix) < 2:
            continue
        score = fit - (VERB_START_COST if opening.tag.startswith("v") else 0.0)  # 成立/研制/升级 + name
        if best is None or score > best[0]:
            best = (score, suffix)
    if best and best[0] >= MIN_ACRONYM_FIT:
        return _with_ordinal(left, _as_written(left, best[1]), acronym), 0.6 + 0.3 * min(best[0], 1.0)
    chunk = "".join(token.word for token in _trailing_noun_chunk(tokens))[-MAX_TERM_CHARS:]
    return (_as_written(left, chunk), 0.5) if len(chunk) >= 2 else None


ORDINAL_RE = re.compile(r"第[零〇一二三四五六七八九十百千\d]+[次届]$")


def _with_ordinal(left: str, term: str, acronym: str) -> str:
    """COP27 is 第二十七次缔约方大会, not 缔约方大会: a numbered acronym takes the ordinal before the name."""
    if not re.search(r"\d", acronym):
        return term
    found = ORDINAL_RE.search(left[: len(left) - len(term)])
    return found[0] + term if found else term


MIN_ACRONYM_FIT = 0.4
VERB_START_COST = 0.2
SILENT_WORD_COST = 0.05  # a word that spells nothing: 情报界 before 气候安全咨询委员会 (CSAC)
UNSPELLED_LETTER_CREDIT = 0.3  # a word that spells nothing where a letter is left: the dictionary lacks it
ANY_ORDER_COST = 0.1  # English reorders (政府间气候变化专门委员会, IPCC), but less often than not


def _acronym_fit(words: list[str], letters: str, lexicon: Lexicon) -> float:
    """How well Chinese dictionary words spell an acronym with the initials of their English senses:
    the share of letters spelled in order (a word that spells nothing opposite a letter left unspelled
    counts a little, a word that spells nothing besides costs a little), or in any order at a cost."""
    if not letters:
        return 0.0
    spellings = [None if word in ZH_FUNCTION_WORDS else _sense_initials(lexicon, word) for word in words]
    in_order = _in_order_fit(spellings, letters)
    any_order = _any_order_fit(spellings, letters) - ANY_ORDER_COST
    return max(in_order, any_order) / len(letters)


def _sense_initials(lexicon: Lexicon, word: str) -> list[str]:
    """The initials of each English sense of `word`: 高空 "high altitude" -> HA."""
    alternatives = [alternative for gloss in lexicon.glosses(word) for alternative in gloss.split(";")]
    return [
        initials
        for gloss in alternatives
        if (initials := "".join(w[0].upper() for w in content_words(gloss)))
    ]


def _spells(initials: str, letters: str) -> bool:
    """Do the letters appear in this order among a sense's initials (`seek advice` spells A)?"""
    remaining = iter(initials)
    return all(letter in remaining for letter in letters)


def _in_order_fit(spellings: list[list[str] | None], letters: str) -> float:
    """Best alignment of the words, in order, to runs of the letters, in order (None: a function word,
    transparent). A letter may go unspelled; a word may spell a run, spell nothing opposite an unspelled
    letter, or spell nothing at all."""
    size = len(letters)
    best = [0.0] + [-math.inf] * size  # best[k]: the words so far against the first k letters
    for spelling in spellings:
        for k in range(size):  # letters left unspelled
            best[k + 1] = max(best[k + 1], best[k])
        if spelling is None:
            continue
        after = [score - SILENT_WORD_COST for score in best]
        for k in range(size):
            if best[k] == -math.inf:
                continue
            for j in range(k + 1, size + 1):
                if any(_spells(initials, letters[k:j]) for initials in spelling):
                    after[j] = max(after[j], best[k] + j - k)
            if not any(letters[k] in initials for initials in spelling):
                after[k + 1] = max(after[k + 1], best[k] + UNSPELLED_LETTER_CREDIT)
        best = after
    return max(best)


def _any_order_fit(spellings: list[list[str] | None], letters: str) -> float:
    """Letters spelled by the words' initials in any order (English reorders), greedily."""
    remaining = list(letters)
    score = 0.0
    for spelling in spellings:
        if spelling is None:
            continue
        spelled: list[str] = []
        for initials in spelling:
            available = list(remaining)
            found = [letter for letter in initials if letter in available and not available.remove(letter)]
            if len(found) > len(spelled):
                spelled = found
        for letter in spelled:
            remaining.remove(letter)
        score += len(spelled) if spelled else -SILENT_WORD_COST
    return score


def _best_translated_suffix(chunk: list[ZhToken], english: str, lexicon: Lexicon) -> tuple[str, float] | None:
    """The shortest token-boundary suffix of the chunk that explains as much of the English as any does."""
    wanted = english_stems(english)
    if not wanted:
        return None
    best: tuple[float, float, int, str] | None = None
    for first in range(len(chunk)):
        if chunk[first].tag in BAD_START_TAGS:
            continue
        suffix = "".join(token.word for token in chunk[first:])
        if len(suffix) < 2 or len(suffix) > MAX_TERM_CHARS:
            continue
        words = [word for word in lexicon.segment(suffix) if word not in ZH_FUNCTION_WORDS]
        glossed = [lexicon.gloss_stems(word) for word in words]
        english_share = len(wanted & set().union(*glossed)) / len(wanted)
        chinese_share = sum(1 for stems in glossed if stems & wanted) / max(len(words), 1)
        candidate = (english_share, chinese_share, -len(suffix), suffix)
        if english_share > 0 and (best is None or candidate[:3] > best[:3]):
            best = candidate
    if best is None:
        return None
    english_share, chinese_share, _, suffix = best
    return suffix, 0.55 + 0.4 * english_share * (0.5 + 0.5 * chinese_share)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The whole clause or sentence around [start, end); the glossary rows cut it for display."""
    left = max(text.rfind(mark, 0, start) for mark in "。！？；")
    right_candidates = [position for mark in "。！？；" if (position := text.find(mark, end)) >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right + 1].strip()
