"""Article records stage: find each article's Chinese and English front matter in a Document.

Driven by what the text shows, never by file names or line numbers:
- Chinese: an abstract label (`〔提要〕`, `【摘要】`, `［摘要］`, `摘要：`) anchors an article; its title and
  byline are the short lines above it, its keywords the `关键词` line after it. Titles of articles whose
  front matter was lost in extraction are recovered from running headers (the line after a page number).
- English: an `Abstract:` label anchors the labelled layouts (title and byline above, `Key words:` after);
  otherwise a pinyin byline (`WU Zhicheng & LI Wenhua`) with a title above it and prose below it is an
  entry of an `Abstracts` section; a byline with no prose below is a table-of-contents entry, kept only as
  a title for an article that has no abstract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.chinese import han_count, is_mostly_latin, latin_count
from glossary.models import Document, EnFrontMatter, Paragraph, ZhFrontMatter
from glossary.names import PAGE_MARK_RE, clean_en_byline, en_author_names, zh_author_names
from glossary.reading.normalize import HEADING_RE, LABEL_RE

ZH_ABSTRACT_WORDS = ("摘要", "提要", "内容提要", "内容摘要", "內容提要", "內容摘要")
ZH_KEYWORD_WORDS = ("关键词", "关键字", "主题词", "關鍵詞", "關鍵字")
EN_ABSTRACT_RE = re.compile(r"^\s*(?:abstract)\s*[:：]\s*", re.I)
EN_KEYWORDS_RE = re.compile(r"^\s*(?:key\s*words?|keywords)\s*[:：]\s*", re.I)
METADATA_RE = re.compile(r"[〔［\[【]?\s*(?:中图分类号|中圖分類號|文献标识码|文章编号|DOI|doi)\s*[:：]?.*$")
SECTION_HEADING_RE = re.compile(r"^(?:abstracts?|table of contents|contents|目\s*录)$", re.I)
JOURNAL_HEADER_RE = re.compile(r"《[^》]+》|\d{4}\s*年\s*第|第\s*\d+\s*期|学报|杂志|期刊")
TITLE_MARK_RE = re.compile(r"(?:\s*(?:\\\*|\*|＊|∗))+\s*$")
ZH_KEYWORD_SPLIT_RE = re.compile(r"\s*[、，,；;]\s*")
EN_KEYWORD_SPLIT_RE = re.compile(r"\s*[;；]\s*")
MAX_TITLE_PARAGRAPHS = 3
MAX_ZH_TITLE = 80
MAX_EN_TITLE = 300
END_MARK_WORDS = ("责任编辑", "責任編輯")  # printed at the end of each article
MIN_FRAGMENT_HAN = 20
MAX_FRAGMENT_HAN = 600  # more than a page of abstract: not a surviving fragment
MIN_EN_ABSTRACT = 200  # characters of prose below a byline that make an abstract, not a contents entry


@dataclass
class FrontMatter:
    zh: list[ZhFrontMatter]
    en: list[EnFrontMatter]


def find_front_matter(document: Document) -> FrontMatter:
    paragraphs = document.paragraphs
    zh = [_zh_article(paragraphs, index) for index in _zh_anchors(paragraphs)]
    zh.extend(_titles_from_running_headers(paragraphs, zh))
    zh.sort(key=lambda item: item.position)
    en = _en_labelled(paragraphs) + _en_sections(paragraphs)
    en = _without_contents_duplicates(en)
    en.sort(key=lambda item: item.position)
    return FrontMatter(zh=zh, en=en)


# --- Chinese ---------------------------------------------------------------------------------------------


def _label(paragraph: Paragraph) -> tuple[str, str] | None:
    """(label word, rest of the text) for a paragraph that starts with a Chinese label."""
    found = LABEL_RE.match(paragraph.text)
    if not found or not (found["open"] or found["colon"]):
        return None
    return re.sub(r"\s+", "", found["word"]), paragraph.text[found.end() :].strip()


def _zh_anchors(paragraphs: list[Paragraph]) -> list[int]:
    anchors = []
    for index, paragraph in enumerate(paragraphs):
        label = _label(paragraph)
        if label and label[0] in ZH_ABSTRACT_WORDS and han_count(label[1]) >= 20:
            anchors.append(index)
    return anchors


def _zh_article(paragraphs: list[Paragraph], anchor: int) -> ZhFrontMatter:
    label = _label(paragraphs[anchor])
    assert label is not None
    abstract = label[1]
    lines = {"abstract": paragraphs[anchor].first_line}
    end = anchor
    while not re.search(r"[。！？…”」）)]$", abstract) and end + 1 < len(paragraphs):
        following = paragraphs[end + 1]
        if following.kind != "text" or _label(following) or han_count(following.text) < 5:
            break
        abstract += following.text
        end += 1
    keywords: list[str] = []
    for following in paragraphs[end + 1 : end + 5]:
        found = _label(following)
        if found and found[0] in ZH_KEYWORD_WORDS:
            keywords = split_zh_keywords(found[1])
            lines["keywords"] = following.first_line
            break
        if found is None and han_count(following.text) > 60:
            break  # the body has started
    title, authors, start = _zh_title_and_authors(paragraphs, anchor, lines)
    return ZhFrontMatter(
        title=title, authors=authors, abstract=abstract, keywords=keywords, lines=lines, position=start
    )


def _zh_title_and_authors(
    paragraphs: list[Paragraph], anchor: int, lines: dict[str, int]
) -> tuple[str, list[str], int]:
    """Walk up from the abstract label over bylines and affiliations to the title lines."""
    authors: list[str] = []
    title_parts: list[Paragraph] = []
    start = anchor  # where the article's front matter starts: its first title line, when there is one
    index = anchor - 1
    while index >= 0 and anchor - index <= 8:
        paragraph = paragraphs[index]
        text = paragraph.text
        if paragraph.kind == "header" and not title_parts and _is_zh_title_line(paragraph, as_header=True):
            title_parts.insert(0, paragraph)  # a title at the top of a new page reads like a running header
            start = index
            index -= 1
            continue
        if paragraph.kind in ("header", "footnote") or _is_affiliation(text):
            if title_parts and paragraph.kind == "footnote":
                break
            index -= 1
            continue
        names = None if title_parts else zh_author_names(text)
        if names and not authors:
            authors = names
            lines["authors"] = paragraph.first_line
        elif _is_zh_title_line(paragraph) and len(title_parts) < MAX_TITLE_PARAGRAPHS:
            title_parts.insert(0, paragraph)
            start = index
        else:
            break
        index -= 1
    title = _join_title([clean_title(part.text) for part in title_parts])
    if title_parts:
        lines["title"] = title_parts[0].first_line
    return title, authors, start


def _is_affiliation(text: str) -> bool:
    stripped = text.strip()
    return bool(re.match(r"^[（(].*(?:大学|学院|研究|中心|实验室|\d{6})", stripped)) or bool(
        re.match(r"^[（(]?\d[.．、]", stripped)
    )


def _is_zh_title_line(paragraph: Paragraph, as_header: bool = False) -> bool:
    text = clean_title(paragraph.text)
    allowed = ("text", "heading", "header") if as_header else ("text", "heading")
    if paragraph.kind not in allowed or not text or _label(paragraph) or JOURNAL_HEADER_RE.search(text):
        return False
    if HEADING_RE.match(text) and paragraph.kind != "heading":
        return False
    if re.search(r"[。；]$", text) or re.match(r"^[\[［【〔(（]?\d", text) or "责任编辑" in text:
        return False
    return han_count(text) >= 2 and len(text) <= MAX_ZH_TITLE and latin_count(text) <= han_count(text) * 2


def clean_title(text: str) -> str:
    text = TITLE_MARK_RE.sub("", text.strip())
    return re.sub(r"^#+\s*", "", text).strip()


def _join_title(parts: list[str]) -> str:
    unique: list[str] = []
    for part in parts:
        if part not in unique:
            unique.append(part)
    title = ""
    for part in unique:
        if title and re.search(r"[A-Za-z0-9]$", title) and re.match(r"[A-Za-z0-9]", part):
            title += " "
        title += part
    return title


def split_zh_keywords(text: str) -> list[str]:
    text = METADATA_RE.sub("", text).strip().rstrip("。.")
    if re.search(r"[；;]", text):  # `$( t , n )$ 门限；纠缠交换`: commas inside a keyword
        parts = re.split(r"\s*[；;]\s*", text)
    elif re.search(r"[、，,]", text):
        parts = ZH_KEYWORD_SPLIT_RE.split(text)
    else:
        parts = text.split()
    return [part.strip() for part in parts if part.strip()]


def _titles_from_running_headers(
    paragraphs: list[Paragraph], found: list[ZhFrontMatter]
) -> list[ZhFrontMatter]:
    """Articles whose title page was lost: their title still runs at the head of their pages."""
    known = {re.sub(r"\s+", "", item.title) for item in found if item.title}
    recovered: list[ZhFrontMatter] = []
    for index, paragraph in enumerate(paragraphs):
        text = clean_title(paragraph.text)
        key = re.sub(r"\s+", "", text)
        if (
            paragraph.kind != "header"
            or key in known
            or han_count(text) < 6
            or JOURNAL_HEADER_RE.search(text)
        ):
            continue
        if any(key in title or title in key for title in known):
            continue
        known.add(key)
        recovered.append(
            ZhFrontMatter(
                title=text,
                authors=[],
                abstract="",
                keywords=[],
                lines={"title": paragraph.first_line},
                position=index,
                notes=["Chinese title from a running header; its front matter was lost in extraction"],
            )
        )
    return recovered


@dataclass
class AbstractFragment:
    """What may be the surviving tail of a lost 提要, and the body text after it to compare it with."""

    text: str
    position: int  # paragraph index where it starts: the article's real start
    line: int
    body: str  # the article's text after the fragment, up to its first heading


def abstract_fragment(
    paragraphs: list[Paragraph], zh: ZhFrontMatter, previous: int
) -> AbstractFragment | None:
    """For an article whose front matter was lost (its title came from a running header): the Chinese prose
    on the page that starts right after the end mark of the article before it (`【责任编辑：…】`), when that
    page ends before the body's first heading. Extraction that loses a title page often keeps the end of its
    abstract there. `previous` is the paragraph index of the article before (-1 for none).

    Only the layout is judged here; whether the text translates the article's English abstract is for the
    caller, who knows the English.
    """
    end = next(
        (index for index in range(zh.position - 1, previous, -1) if _is_end_mark(paragraphs[index])), None
    )
    if end is None or end + 1 >= zh.position:
        return None
    start = paragraphs[end + 1]
    if start.kind != "text" or 0 not in start.page_starts or _label(start):
        return None
    pieces: list[str] = []
    body: list[str] = []
    for paragraph in paragraphs[end + 1 : zh.position]:
        if paragraph.kind == "heading":
            break
        if paragraph.kind != "text":
            continue
        if body:
            body.append(paragraph.text)
            continue
        first = paragraph is start
        breaks = [offset for offset in paragraph.page_starts if offset > 0 or not first]
        if not breaks:
            pieces.append(paragraph.text)
        else:
            pieces.append(paragraph.text[: breaks[0]])
            body.append(paragraph.text[breaks[0] :])
    text = "".join(pieces)
    if not body or not MIN_FRAGMENT_HAN <= han_count(text) <= MAX_FRAGMENT_HAN or is_mostly_latin(text):
        return None
    return AbstractFragment(text, end + 1, start.first_line, "".join(body))


def _is_end_mark(paragraph: Paragraph) -> bool:
    label = _label(paragraph)
    return label is not None and label[0] in END_MARK_WORDS


# --- English ---------------------------------------------------------------------------------------------


def _is_english(paragraph: Paragraph) -> bool:
    return (
        paragraph.kind in ("text", "heading")
        and is_mostly_latin(paragraph.text)
        and han_count(paragraph.text) <= 2
    )


def _en_labelled(paragraphs: list[Paragraph]) -> list[EnFrontMatter]:
    entries = []
    for index, paragraph in enumerate(paragraphs):
        found = EN_ABSTRACT_RE.match(paragraph.text)
        if not found or len(paragraph.text) - found.end() < 80:
            continue
        lines = {"abstract": paragraph.first_line}
        abstract = paragraph.text[found.end() :].strip()
        end = index
        while end + 1 < len(paragraphs) and _continues_english_abstract(paragraphs[end + 1], abstract):
            end += 1
            abstract = f"{abstract} {paragraphs[end].text}"
        keywords: list[str] = []
        for following in paragraphs[end + 1 : end + 4]:
            found_keywords = EN_KEYWORDS_RE.match(following.text)
            if found_keywords:
                keywords = split_en_keywords(EN_KEYWORDS_RE.sub("", following.text[found_keywords.end() :]))
                lines["keywords"] = following.first_line
                break
        title, authors, start = _en_title_and_authors(paragraphs, index, lines, strict=False)
        entries.append(EnFrontMatter(title, authors, abstract, keywords, lines, start))
    return entries


def _continues_english_abstract(paragraph: Paragraph, abstract: str) -> bool:
    if (
        not _is_english(paragraph)
        or EN_KEYWORDS_RE.match(paragraph.text)
        or EN_ABSTRACT_RE.match(paragraph.text)
    ):
        return False
    return not re.search(r"[.!?][\"”’)]?$", abstract) or paragraph.text[:1].islower()


def _en_title_and_authors(
    paragraphs: list[Paragraph], anchor: int, lines: dict[str, int], strict: bool
) -> tuple[str, list[str], int]:
    """Walk up from an abstract over the byline to the title (1-3 paragraphs)."""
    authors: list[str] = []
    title_parts: list[Paragraph] = []
    start = anchor
    index = anchor - 1
    while index >= 0 and len(title_parts) < MAX_TITLE_PARAGRAPHS:
        paragraph = paragraphs[index]
        text = paragraph.text
        if paragraph.kind == "header" or (not title_parts and not authors and _is_affiliation(text)):
            index -= 1
            continue
        if not _is_english(paragraph) or EN_KEYWORDS_RE.match(text) or SECTION_HEADING_RE.match(text.strip()):
            break
        title, names = split_title_byline(text)
        if names and (authors or title_parts):
            break  # the byline of the entry above
        if not authors and not title_parts:
            carries_title = bool(names) and bool(title)  # `Title Words SHEN Hai-tao LIU Yu-li ·84·`
            if not names and not strict and AFFILIATION_EN_RE.search(text):
                names = loose_en_names(text)  # OCR broke the names; the affiliation still marks the byline
            if names and (not strict or _has_caps_surname(names)):
                authors = names
                lines["authors"] = paragraph.first_line
                if carries_title:
                    title_parts.insert(0, paragraph)
                    start = index
                index -= 1
                continue
        if len(text) > MAX_EN_TITLE or (title_parts and re.search(r"[.!?]$", text)):
            break
        title_parts.insert(0, paragraph)
        start = index
        index -= 1
    texts = [split_title_byline(part.text)[0] or part.text for part in title_parts]
    title = clean_title(" ".join(texts))
    if title_parts:
        lines["title"] = title_parts[0].first_line
    return title, authors, start


def split_title_byline(text: str) -> tuple[str, list[str] | None]:
    """`Symbiotic Security: New Concepts ... CHENG Ming LIU Xue-lian ·71·` -> (title, [the two names]).

    A line that is only a byline gives ("", names); a line without a byline gives (text, None).
    """
    stripped = PAGE_MARK_RE.sub("", text).strip()
    names = en_author_names(stripped)
    if names:
        return "", names
    found = re.search(r"((?:\s+[A-Z]{2,}(?:-[A-Z]+)?\s+[A-Z][a-z]+(?:-[a-z]+)?)+)\s*$", stripped)
    if found and PAGE_MARK_RE.search(text):
        names = en_author_names(found[1])
        if names:
            return stripped[: found.start()].strip(), names
    return text, None


AFFILIATION_EN_RE = re.compile(
    r"[(（][^)）]*(?:Universit|College|Institute|Laborator|School|Academy|Center|Centre)", re.I
)


def loose_en_names(text: str) -> list[str]:
    return [part.strip() for part in clean_en_byline(text).split(",") if part.strip()]


def _has_caps_surname(names: list[str]) -> bool:
    return all(re.search(r"\b[A-Z]{2,}\b", name) for name in names)


def split_en_keywords(text: str) -> list[str]:
    text = METADATA_RE.sub("", text).strip().rstrip(".")
    separator = EN_KEYWORD_SPLIT_RE if re.search(r"[;；]", text) else re.compile(r"\s*,\s*")
    return [part.strip() for part in separator.split(text) if part.strip()]


def _en_sections(paragraphs: list[Paragraph]) -> list[EnFrontMatter]:
    """Entries of unlabelled `Abstracts` sections and contents pages: title, byline, prose."""
    entries = []
    bylines = [
        index
        for index, paragraph in enumerate(paragraphs)
        if _is_english(paragraph)
        and not EN_ABSTRACT_RE.match(paragraph.text)
        and (names := en_author_names(paragraph.text))
        and _has_caps_surname(names)
        and index > 0
        and _is_english(paragraphs[index - 1])
    ]
    for position, byline in enumerate(bylines):
        if any(EN_ABSTRACT_RE.match(p.text) for p in paragraphs[byline + 1 : byline + 3]):
            continue  # a labelled layout, handled by _en_labelled
        limit = bylines[position + 1] if position + 1 < len(bylines) else len(paragraphs)
        lines: dict[str, int] = {}
        title, authors, start = _en_title_and_authors(paragraphs, byline + 1, lines, strict=True)
        if not title or not authors:
            continue
        prose: list[int] = []
        for number in range(byline + 1, limit):
            paragraph = paragraphs[number]
            if paragraph.kind == "header":
                continue
            if not _is_english(paragraph) or EN_KEYWORDS_RE.match(paragraph.text):
                break
            prose.append(number)
        while (
            prose
            and limit < len(paragraphs)
            and _is_title_of_next(paragraphs[prose[-1]], prose[-1], limit)
            and not re.search(
                r"[.!?][\"”’)]?$", paragraphs[prose[-1]].text
            )  # a title does not end a sentence
        ):
            prose.pop()  # the next entry's title lines
        abstract = " ".join(paragraphs[number].text for number in prose)
        entry = EnFrontMatter(title, authors, "", [], lines, start)
        if len(abstract) >= MIN_EN_ABSTRACT:
            entry.abstract = abstract
            lines["abstract"] = paragraphs[prose[0]].first_line
        else:
            entry.notes.append("English title from a table of contents; no English abstract found")
        entries.append(entry)
    return entries


def _is_title_of_next(paragraph: Paragraph, position: int, next_byline: int) -> bool:
    return next_byline - position <= MAX_TITLE_PARAGRAPHS and len(paragraph.text) <= MAX_EN_TITLE


def _without_contents_duplicates(entries: list[EnFrontMatter]) -> list[EnFrontMatter]:
    """A contents entry whose title also heads an abstract is the same article: keep the abstract's."""

    def key(entry: EnFrontMatter) -> str:
        return re.sub(r"[^a-z0-9]", "", entry.title.lower())

    with_abstract = {key(entry) for entry in entries if entry.abstract}
    kept: list[EnFrontMatter] = []
    seen: set[str] = set()
    for entry in entries:
        if not entry.abstract and (key(entry) in with_abstract or key(entry) in seen):
            continue
        seen.add(key(entry))
        kept.append(entry)
    return kept
