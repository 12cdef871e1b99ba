"""Authors' names on both sides: Chinese name lines and pinyin bylines (`WU Zhicheng & LI Wenhua`)."""

from __future__ import annotations

import marshal
import re
import unicodedata
from functools import lru_cache
from importlib import metadata

from glossary.cache import cache_dir, load_or_build
from glossary.chinese import HAN

ZH_NAME_RE = re.compile(f"^[{HAN}·]{{2,5}}$")
# superscripts, daggers, footnote marks and OCR debris that stick to names
ZH_NAME_JUNK_RE = re.compile(r"[\dA-Za-z\u02b0-\u02ff¹²³⁴⁵⁶⁷⁸⁹⁰,，.*＊†‡§‘’'」「\\∗]+")
AFFILIATION_RE = re.compile(
    f"(?:大学|学院|研究院|研究所|研究中心|科学院|实验室|学会|研究会|委员会|[{HAN}]+部|[{HAN}]+局|公司|中心|院长|所长|主任|教授|研究员)"
)
BRACKETED_RE = re.compile(r"[（(][^）)]*[）)]?|〔[^〕]*〕|\[[^\]]*\]")
LATEX_TEXT_RE = re.compile(r"\$\s*\\(?:operatorname|mathrm|text)\s*\{([^}]*)\}[^$]*\$")
LATEX_RE = re.compile(r"\$[^$]*\$")
PAGE_MARK_RE = re.compile(r"[·•]\s*\d{1,4}\s*[·•]")
EN_TOKEN_RE = re.compile(r"[A-Za-zÜü][A-Za-zÜü'’\-]*")
EN_NAME_JUNK_RE = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§\\]+")


def zh_author_names(text: str) -> list[str] | None:
    """The names on a Chinese byline, or None when the text is not a byline.

    `卢  静  林怡娉` -> [卢静, 林怡娉] (single characters spaced out are one two-character name),
    `王森，陈莉，张洁(西北大学 ...)` -> [王森, 陈莉, 张洁], `□ 刘 卿` -> [刘卿],
    `中国社会科学院亚太与全球战略研究院副院长 叶海林` -> [叶海林].
    """
    text = BRACKETED_RE.sub(" ", text).replace("□", " ").replace("■", " ").strip()
    if not text or re.search(r"[。：:；;！？]", text):
        return None
    if "，" in text or "、" in text or "," in text:
        tokens = [ZH_NAME_JUNK_RE.sub("", token).strip() for token in re.split(r"[，、,]", text)]
        tokens = [re.sub(r"\s+", "", token) for token in tokens if token.strip()]
    else:
        tokens = _merge_spaced_characters(text.split())
    names: list[str] = []
    for index, token in enumerate(tokens):
        token = ZH_NAME_JUNK_RE.sub("", token)
        if AFFILIATION_RE.search(token) and index < len(tokens) - 1:
            continue  # `研究院副院长 叶海林`: the affiliation before the name
        if not ZH_NAME_RE.match(token) or AFFILIATION_RE.search(token):
            return None
        names.append(token)
    return names or None


def _merge_spaced_characters(tokens: list[str]) -> list[str]:
    """Typesetters pad two-character names: `程 铭 刘雪莲` is 程铭 and 刘雪莲."""
    merged: list[str] = []
    pending = ""
    for token in tokens:
        if len(token) == 1 and re.match(f"[{HAN}]", token):
            if pending:
                merged.append(pending + token)
                pending = ""
            else:
                pending = token
            continue
        if pending:
            merged.append(pending)
            pending = ""
        merged.append(token)
    if pending:
        merged.append(pending)
    return merged


def clean_en_byline(text: str) -> str:
    """Drop what is not a name: affiliations in brackets, page marks, LaTeX, superscripts."""
    text = LATEX_TEXT_RE.sub(lambda found: found[1].replace(" ", ""), text)
    text = LATEX_RE.sub(" ", text)
    text = PAGE_MARK_RE.sub(" ", text)
    text = re.sub(r"[（(]\s*Translator\s*[)）]", " ", text, flags=re.I)
    text = BRACKETED_RE.sub(" ", text)
    text = text.split("(")[0]
    return EN_NAME_JUNK_RE.sub(" ", text).strip(" ,;")


def en_author_names(text: str) -> list[str] | None:
    """The names on an English byline, or None when the text is not one.

    Accepts `WU Zhicheng & LI Wenhua`, `CHENG Ming LIU Xue-lian`, `Ye Hailin`,
    `Feng Daigao, Zhang Youjun (…)`,
    `HAN Dong-Xu WANG PengSHAO Qian-Qian`; every part of a name must read as pinyin, except after a
    country tag such as `〔UK〕Keith Lamb`, which marks a foreign author.
    """
    foreign = bool(re.match(r"^\s*[〔\[(（]\s*[A-Z]{2,3}\s*[〕\])）]", text))
    cleaned = clean_en_byline(text)
    if not cleaned or len(cleaned) > 160 or re.search(rf"[.!?:]\s*$|[{HAN}]", cleaned):
        return None
    cleaned = re.sub(r"([a-z])([A-Z]{2,})", r"\1 \2", cleaned)  # `WANG PengSHAO Qian-Qian`
    parts = [part.strip() for part in re.split(r"\s*(?:&|,|，|;|\band\b)\s*", cleaned) if part.strip()]
    names: list[str] = []
    for part in parts:
        names.extend(_split_surname_runs(part))
    if not names:
        return None
    for name in names:
        tokens = EN_TOKEN_RE.findall(name)
        if not 2 <= len(tokens) <= 4 and not (
            len(tokens) == 1 and "-" not in tokens[0] and is_pinyin(tokens[0])
        ):
            return None
        if not foreign and not all(is_pinyin(token) for token in tokens):
            return None
    return names


def _split_surname_runs(part: str) -> list[str]:
    """`CHENG Ming LIU Xue-lian` -> [CHENG Ming, LIU Xue-lian]; other text unchanged."""
    runs = re.findall(r"[A-Z]{2,}(?:-[A-Z]+)?\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]*)?", part)
    if len(runs) > 1 and re.sub(r"\s+", "", "".join(runs)) == re.sub(r"\s+", "", part):
        return runs
    return [part]


def is_pinyin(token: str) -> bool:
    """Does the word read as toneless pinyin syllables (`Hailin`, `Xue-lian`, `Zhicheng`)?"""
    word = re.sub(r"[’'\-]", "", token.lower()).replace("ü", "v")
    if not word or not word.isascii() or not word.isalpha():
        return False
    syllables = _syllables()
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if reachable[start] and word[start:end] in syllables:
                reachable[end] = True
                break
    return reachable[-1]


def load_pinyin() -> None:
    """pypinyin's tables and the syllables they spell, once per process (before worker processes are
    forked: they share them instead of each loading them)."""
    from pypinyin import lazy_pinyin  # noqa: F401

    _syllables()


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """The toneless syllables pypinyin's readings spell, from their pre-built form in the cache
    (spelling them out of its 40,000 characters' readings takes a twentieth of a second)."""
    path = cache_dir() / "models" / f"pinyin-syllables-{metadata.version('pypinyin')}.marshal"
    return load_or_build(path, _spelled_syllables, marshal.dumps, marshal.loads)


def _spelled_syllables() -> frozenset[str]:
    from pypinyin.constants import PINYIN_DICT

    found: set[str] = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            toneless = unicodedata.normalize("NFD", reading.replace("ü", "v"))
            found.add("".join(char for char in toneless if not unicodedata.combining(char)))
    found |= {"lv", "nv", "lyu", "nyu", "lue", "nue"}  # how passports and journals spell lü and nü
    return frozenset(syllable for syllable in found if syllable.isascii() and syllable.isalpha())


def name_key(name: str) -> str:
    """`LIU Xue-lian` -> `liuxuelian`: letters only, lower case."""
    return re.sub(r"[^a-z]", "", name.lower().replace("ü", "v"))
