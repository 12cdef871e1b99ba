"""PDF-extracted text to logical paragraphs, keeping the way back to the file's line numbers.

What extraction does to a journal page, and what we undo here:
- hard line breaks inside paragraphs (Chinese joined without a space, English with one), often with a blank
  line after every printed line, so blank lines alone do not end paragraphs: a line that stops short does;
- English words split at the line end by the typesetter's hyphen (`he⁃` + `gemonic`), while real hyphens
  (`US-` + `Japan`, `non-` + `state`) stay;
- page numbers, running headers (after a page number), footnotes dropped into the middle of a paragraph
  that goes on after them on the next page (which extraction often starts with one space);
- full-width ASCII in English text, spaced-out labels (`〔关 键 词〕`, `［摘 要］`), light Markdown;
- CJK compatibility ideographs and Kangxi radicals that PDF fonts map their glyphs to (理 as U+F9E4, 文 as
  U+2F42), which look like the ordinary characters but do not compare equal to them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from glossary.chinese import HAN, han_count, is_mostly_latin, to_halfwidth
from glossary.models import Paragraph

LABEL_WORDS = (
    "内容提要", "内容摘要", "摘要", "提要", "关键词", "关键字", "主题词", "作者简介",
    "中图分类号", "文献标识码",
    "文章编号", "基金项目", "收稿日期", "责任编辑",
    "內容提要", "內容摘要", "摘要", "關鍵詞", "關鍵字", "作者簡介", "中圖分類號", "文獻標識碼", "文章編號",
    "基金項目", "責任編輯",
)  # fmt: skip
_LABEL_ALTERNATION = "|".join(sorted({r"\s*".join(word) for word in LABEL_WORDS}, key=len, reverse=True))
LABEL_RE = re.compile(
    rf"^(?P<open>[〔［\[【（(]?)\s*(?P<word>{_LABEL_ALTERNATION})\s*(?P<close>[〕］\]】）)]?)\s*(?P<colon>[:：]?)"
)
EN_LABEL_RE = re.compile(
    r"^(?:Abstracts?|Key\s*[Ww]ords?|KEY\s*WORDS|Keywords|KEYWORDS|ABSTRACT)\s*[:：]", re.I
)
HEADING_RE = re.compile(
    rf"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[章节部分]|"
    rf"\d{{1,2}}[.．、]\s*[{HAN}]|[IVX]+\.\s+[A-Z])"
)
FOOTNOTE_RE = re.compile(r"^(?:\[\d{1,3}\][\u3000\s]|［\d{1,3}］[\u3000\s]|[*＊][\u3000\s]+\S|[①-⑳])")
PAGE_NUMBER_RE = re.compile(r"^(?:[-–—·]?\s*\d{1,4}\s*[-–—·]?|·\d{1,4}·)$")
KEYWORD_LABEL_RE = re.compile(r"^\W*(?:关键词|关键字|主题词|關鍵詞|key\s*words?|keywords)", re.I)
LONE_CITATION_RE = re.compile(r"^\[\d{1,3}\]$")
CONTINUATION_NOTE_RE = re.compile(r"[（(]\s*[上下][接转]\s*\d+\s*页\s*[)）]")
MARKDOWN_HEADING_RE = re.compile(r"^(#{1,6})\s+")
SUP_RE = re.compile(r"<sup>.*?</sup>|\^\[\d{1,3}\]|\^\{[^}]*\}")
SPACE_AFTER_CJK_PUNCTUATION_RE = re.compile(
    r"(?<=[\u3000-\u303f\uff01-\uff1f\uff08\uff09“”])\s+(?=\S)|\s+(?=[\u3001\u3002\uff0c\uff1a\uff1b\uff09”])"
)
TERMINAL_RE = re.compile(r"[。！？!?…”’\"」』）)\]】.:：；;]$")
TRAILING_CITATION_RE = re.compile(r"(?:\s*\[\d{1,3}(?:[-–,，]\d{1,3})*\])+$")
LINE_END_SOFT_HYPHEN = ("\u2043", "\u00ad")  # the typesetter's break marks: `he⁃` + `gemonic`
LONG_LINE_EM = 60  # wider than any printed column: the line is a whole paragraph already
LONG_LINE_LATIN_EM = 70  # the same for English lines (140 characters)
SHORT_BY_EM = 2.5  # a Chinese line this much narrower than its neighbours ends its paragraph
INDENT_EM = 2.0  # first lines of paragraphs are indented this much
SHORT_LATIN_SHARE = 0.75  # an English line below this share of its neighbours' width ends its paragraph


# Only these blocks are folded (NFKC): elsewhere compatibility forms carry meaning for the parser, e.g. the
# full-width punctuation of Chinese text.
COMPATIBILITY_IDEOGRAPH_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


@dataclass
class _Line:
    number: int
    text: str
    page_start: bool
    kind: str  # text, heading, markdown-heading, label, footnote, header
    width: float = 0.0
    latin: bool = False
    position: int = 0  # index among the classified lines


@dataclass
class _Open:
    kind: str
    parts: list[_Line] = field(default_factory=list)
    slot: int | None = None  # where in the output it goes, when kept open across footnotes

    @property
    def starts_with_label(self) -> bool:
        return self.parts[0].kind == "label"


WIDE_PUNCTUATION = frozenset("“”‘’—…·")


def em_width(text: str) -> float:
    """Printed width in ems: Chinese characters and punctuation take one, everything else half."""
    wide = han_count(text) + sum(
        1
        for char in text
        if "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef" or char in WIDE_PUNCTUATION
    )
    return wide + (len(text) - wide) * 0.5


def unify_compatibility_ideographs(text: str) -> str:
    """理 (U+F9E4) -> 理 (U+7406), ⽂ (U+2F42) -> 文: the characters the glyphs stand for."""
    if not COMPATIBILITY_IDEOGRAPH_RE.search(text):
        return text
    return COMPATIBILITY_IDEOGRAPH_RE.sub(lambda found: unicodedata.normalize("NFKC", found[0]), text)


def normalize_label(text: str) -> str:
    """`〔关 键 词〕` -> `〔关键词〕`, `摘 要：` -> `摘要：`; other text unchanged."""
    found = LABEL_RE.match(text)
    if not found or not (found["open"] or found["close"] or found["colon"]):
        return text
    word = re.sub(r"\s+", "", found["word"])
    rest = text[found.end() :].lstrip()
    return f"{found['open']}{word}{found['close']}{found['colon']}{rest}"


def clean_markup(text: str) -> tuple[str, bool]:
    """Strip light Markdown; return (text, is_heading)."""
    heading = bool(MARKDOWN_HEADING_RE.match(text))
    text = MARKDOWN_HEADING_RE.sub("", text)
    text = SUP_RE.sub("", text).replace("**", "").replace("\\_", "_").replace("\\*", "*")
    text = CONTINUATION_NOTE_RE.sub("", text)
    if text.startswith("- ") and len(text) > 2:
        text = text[2:]
    return text.strip(), heading


def classify(lines: list[str]) -> list[_Line]:
    """Each non-blank line with its kind; page numbers and lone citation marks are dropped."""
    classified: list[_Line] = []
    after_page_number = False
    for number, raw in enumerate(lines, start=1):
        page_start = raw.startswith("\f") or (raw.startswith(" ") and not raw.startswith("  "))
        text, heading = clean_markup(raw.replace("\f", "").strip())
        if not text:
            continue
        if PAGE_NUMBER_RE.match(text) or LONE_CITATION_RE.match(text):
            after_page_number = PAGE_NUMBER_RE.match(text) is not None
            continue
        text = normalize_label(text)
        if after_page_number and _looks_like_running_header(text):
            kind = "header"
        elif heading:
            kind = "markdown-heading"
        elif HEADING_RE.match(text):
            kind = "heading"
        elif EN_LABEL_RE.match(text) or _is_label(text):
            kind = "label"
        elif FOOTNOTE_RE.match(text):
            kind = "footnote"
        else:
            kind = "text"
        after_page_number = False
        line = _Line(number, text, page_start, kind, em_width(text), is_mostly_latin(text), len(classified))
        classified.append(line)
    return classified


def _is_label(text: str) -> bool:
    found = LABEL_RE.match(text)
    return bool(found and (found["open"] or found["colon"]))


def _looks_like_running_header(text: str) -> bool:
    return (
        len(text) <= 40 and not TERMINAL_RE.search(text) and "，" not in text and not FOOTNOTE_RE.match(text)
    )


def to_paragraphs(lines: list[str], wrapped: bool = True) -> list[Paragraph]:
    """Join the lines of a file into paragraphs (see the module docstring).

    `wrapped=False` says each line is already a paragraph (Word documents).
    """
    classified = classify(lines)
    slots: list[Paragraph | None] = []
    current: _Open | None = None
    suspended: _Open | None = None  # a paragraph cut by footnotes at a page end, its place kept in slots

    def close(block: _Open | None) -> None:
        if block is None or not block.parts:
            return
        if block.slot is None:
            slots.append(_build(block))
        else:
            slots[block.slot] = _build(block)

    for line in classified:
        if line.kind == "header":
            if current and _ended(classified, current):
                close(current)  # keep reading order: the finished paragraph before the next page's header
                current = None
            elif current and current.slot is None:
                slots.append(None)  # the paragraph goes on after the header; keep its place before it
                current.slot = len(slots) - 1
            close(_Open("header", [line]))
            continue
        if line.kind == "footnote":
            if current and current.kind == "text" and suspended is None and not _ended(classified, current):
                slots.append(None)
                current.slot = len(slots) - 1
                suspended = current
            else:
                close(current)
            current = _Open("footnote", [line])
            continue
        if (
            current
            and current.kind == "footnote"
            and suspended
            and (line.page_start or _ended(classified, current))
        ):
            close(current)
            current, suspended = suspended, None
        if wrapped and current and _continues(classified, current, line):
            current.parts.append(line)
            continue
        close(current)
        close(suspended)
        suspended = None
        current = _Open(line.kind if line.kind in ("heading", "markdown-heading") else "text", [line])
    close(current)
    close(suspended)
    return [paragraph for paragraph in slots if paragraph is not None]


def _neighbour_width(classified: list[_Line], line: _Line, latin: bool) -> float:
    """The printed column width near `line`: the second widest nearby line of the same script."""
    window = classified[max(0, line.position - 6) : line.position + 7]
    widths = sorted(
        (
            other.width
            for other in window
            if other.latin == latin and other.kind in ("text", "footnote", "label")
        ),
        reverse=True,
    )
    return widths[1] if len(widths) > 1 else line.width


def _is_long(line: _Line) -> bool:
    return line.width >= (LONG_LINE_LATIN_EM if line.latin else LONG_LINE_EM)


def _ended(classified: list[_Line], block: _Open) -> bool:
    last = block.parts[-1]
    if _is_long(last):
        return bool(TERMINAL_RE.search(TRAILING_CITATION_RE.sub("", last.text)))
    full = _neighbour_width(classified, last, last.latin)
    if last.latin:
        return last.width < SHORT_LATIN_SHARE * full
    indent = INDENT_EM if len(block.parts) == 1 and last.kind == "text" else 0.0
    return last.width <= full - SHORT_BY_EM - indent


def _unclosed_bracket(block: _Open) -> bool:
    last = block.parts[-1].text
    return last.count("（") + last.count("(") > last.count("）") + last.count(")")


def _continues(classified: list[_Line], block: _Open, line: _Line) -> bool:
    """Does `line` carry on the paragraph that `block` holds so far?"""
    last = block.parts[-1]
    if (
        line.kind != "text"
        or block.kind == "markdown-heading"
        or (line.page_start and block.kind == "footnote")
    ):
        return False
    if last.text.endswith(("-", *LINE_END_SOFT_HYPHEN)) and line.text[:1].isalpha():
        return True
    if block.starts_with_label and line.latin != block.parts[0].latin:
        return False  # `关键词：...` then the English title
    if (
        block.starts_with_label
        and KEYWORD_LABEL_RE.match(block.parts[0].text)
        and not re.search(r"[;；,，、]$", last.text)
    ):
        return False  # a keyword list goes on only after a separator: not into `DOI: 10...`
    if _is_long(last):
        if TERMINAL_RE.search(TRAILING_CITATION_RE.sub("", last.text)):
            return False
        return line.text[:1].islower() if last.latin else bool(re.match(f"[{HAN}，、；：]", line.text))
    if _looks_like_author_line(line.text):
        return False
    if _unclosed_bracket(block):
        return True  # `前景理论（prospect` + `theory）`: a gloss never ends a paragraph half open
    if last.latin and re.search(r"[.!?][\"'”’)]?$", last.text) and _looks_like_title(line.text):
        return False
    return not _ended(classified, block)


TITLE_SMALL_WORDS = frozenset(
    """a an the of and or in on for to with amid under between toward towards from by at as into
    its their""".split()
)


def _looks_like_title(text: str) -> bool:
    """English Title Case: most words capitalised, no sentence end."""
    words = re.findall(r"[A-Za-z][A-Za-z’'\-]*", text)
    if len(words) < 2 or re.search(r"[.!?]$", text):
        return False
    content = [word for word in words if word.lower() not in TITLE_SMALL_WORDS]
    return bool(content) and sum(1 for word in content if word[0].isupper()) >= 0.8 * len(content)


AUTHOR_LINE_RE = re.compile(r"^(?:[A-Z]{2,}(?:-[A-Z]+)?\s+[A-Z][a-z]+(?:-[a-z]+)?(?:\s*[&,]\s*|\s+|$))+$")


def _looks_like_author_line(text: str) -> bool:
    return bool(AUTHOR_LINE_RE.match(text.strip()))


def _build(block: _Open) -> Paragraph:
    latin = is_mostly_latin(" ".join(part.text for part in block.parts))
    text = ""
    offsets: list[tuple[int, int]] = []
    page_starts: list[int] = []
    for part in block.parts:
        # Chinese spacing is tidied line by line too, so that the offsets point into the final text.
        piece = part.text if latin else SPACE_AFTER_CJK_PUNCTUATION_RE.sub("", part.text)
        text = join_wrapped(text, piece)
        offsets.append((max(len(text) - len(piece), 0), part.number))
        if part.page_start:
            page_starts.append(offsets[-1][0])
    text = tidy_english(text) if latin else SPACE_AFTER_CJK_PUNCTUATION_RE.sub("", text)
    kind = "heading" if block.kind == "markdown-heading" else block.kind
    return Paragraph(text=text, line_offsets=offsets, kind=kind, page_starts=page_starts)


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one paragraph that a line break separated."""
    if not left:
        return right
    if left.endswith(LINE_END_SOFT_HYPHEN):
        return left[:-1] + right
    if left.endswith("-") and left[-2:-1].isalpha():
        return left + right
    if re.search(r"[A-Za-z0-9,.;:!?)\"'”’%]$", left) and re.match(r"[A-Za-z0-9(\"“‘]", right):
        return f"{left} {right}"
    return left + right


def tidy_english(text: str) -> str:
    """Half-width forms and ASCII spacing for English: `goods ，especially` -> `goods, especially`."""
    text = re.sub(r"(?<=[a-z])\u2043\s*(?=[a-z])", "", to_halfwidth(text))  # `gover⁃nance` mid-line
    text = re.sub(r"\s+([,;:.!?)])", r"\1", text)
    text = re.sub(r"([,;:])(?=[A-Za-z\"“(])", r"\1 ", text)
    text = re.sub(r"(?<=[A-Za-z])\((?=[A-Za-z])", " (", text)
    text = re.sub(r"\)(?=[A-Za-z])", ") ", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
