"""Plain records passed between the pipeline stages.

reading -> Document -> frontmatter (ZhFrontMatter, EnFrontMatter) -> matching (ArticleRecord)
-> alignment (AlignedUnit) -> candidates / pairing (TermPair) -> glossary (GlossaryRow) -> workbook / formats
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_KINDS = ("keywords", "title", "abstract", "parenthetical", "termlist")
TERM_TYPES = ("concept", "person", "organization", "acronym", "place", "other")
STATUSES = ("candidate", "approved", "rejected")
KNOWN_STATUSES = ("approved", "alias", "candidate", "rejected")


@dataclass
class Paragraph:
    """A logical line of text after normalisation, with the way back to the file's own line numbers."""

    text: str
    line_offsets: list[tuple[int, int]]  # (offset into text, 1-based line in the file), ascending offsets
    kind: str = "text"  # "text", "footnote", "page-number"
    page_starts: list[int] = field(default_factory=list)  # offsets into text where a new page began

    @property
    def first_line(self) -> int:
        return self.line_offsets[0][1]

    @property
    def last_line(self) -> int:
        return self.line_offsets[-1][1]

    def line_at(self, offset: int) -> int:
        """The file line that holds the character at `offset` of the joined text."""
        starts = [start for start, _ in self.line_offsets]
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.line_offsets[index][1]


@dataclass
class Document:
    """One input file, read and normalised."""

    path: Path
    name: str  # the path as the user gave it, used in messages and outputs
    paragraphs: list[Paragraph]
    encoding: str = "utf-8"
    traditional: bool = False  # most Chinese text of the file is in traditional characters
    warnings: list[str] = field(default_factory=list)  # what was read other than as written (bad bytes)


@dataclass
class ZhFrontMatter:
    title: str
    authors: list[str]
    abstract: str
    keywords: list[str]
    lines: dict[str, int]  # field name -> 1-based line in the file
    position: int  # paragraph index where the block starts, for order in the issue
    notes: list[str] = field(default_factory=list)  # e.g. "title taken from a running header"


@dataclass
class EnFrontMatter:
    title: str
    authors: list[str]
    abstract: str
    keywords: list[str]
    lines: dict[str, int]
    position: int
    notes: list[str] = field(default_factory=list)


@dataclass
class Match:
    score: float  # in [0, 1]
    evidence: list[str]  # human-readable reasons, e.g. "authors 2/2 by pinyin"


@dataclass
class ArticleRecord:
    """One article of an input: its Chinese and English front matter, either side possibly missing."""

    file: str
    zh: ZhFrontMatter | None = None
    en: EnFrontMatter | None = None
    match: Match | None = None
    id: str = ""  # stable within a run: A1, A2, ...

    @property
    def matched(self) -> bool:
        return self.zh is not None and self.en is not None

    @property
    def label(self) -> str:
        """How an article is named to people: file and title."""
        title = (self.zh.title if self.zh else "") or (self.en.title if self.en else "")
        return f"{self.file}: {title}" if title else self.file

    def to_json(self) -> dict[str, object]:
        zh, en = self.zh, self.en
        return {
            "file": self.file,
            "zh_title": zh.title if zh else None,
            "zh_authors": zh.authors if zh else [],
            "zh_abstract": zh.abstract if zh else None,
            "zh_keywords": zh.keywords if zh else [],
            "en_title": en.title if en else None,
            "en_authors": en.authors if en else [],
            "en_abstract": en.abstract if en else None,
            "en_keywords": en.keywords if en else [],
            "id": self.id,
            "lines": {
                **{f"zh_{name}": line for name, line in (zh.lines if zh else {}).items()},
                **{f"en_{name}": line for name, line in (en.lines if en else {}).items()},
            },
            "match": (
                {"score": round(self.match.score, 3), "evidence": self.match.evidence} if self.match else None
            ),
            "notes": (zh.notes if zh else []) + (en.notes if en else []),
        }


@dataclass
class Bead:
    """An alignment link: these Chinese sentences translate these English sentences (either may be empty)."""

    zh: list[int]
    en: list[int]
    score: float = 0.0


@dataclass
class AlignedUnit:
    """A Chinese text and the English text that translates it, from one article."""

    kind: str  # "title" or "abstract"
    zh: str
    en: str
    article_id: str
    zh_line: int = 0
    en_line: int = 0


@dataclass(slots=True)  # a thousand issues give hundreds of thousands
class Occurrence:
    """Where a term pair was seen."""

    source: str  # one of SOURCE_KINDS
    article_id: str  # "" for termlist pairs
    zh_context: str
    en_context: str


@dataclass
class TermPair:
    zh: str
    en: str
    confidence: float
    type: str  # one of TERM_TYPES
    occurrences: list[Occurrence]
    evidence: dict[str, float] = field(default_factory=dict)

    @property
    def sources(self) -> list[str]:
        found = {occurrence.source for occurrence in self.occurrences}
        return [kind for kind in SOURCE_KINDS if kind in found]


@dataclass
class KnownPair:
    """A pair from a termlist: shipped, given with --termlist, or written from reviewed workbooks."""

    zh: str
    en: str
    note: str = ""
    # One of KNOWN_STATUSES; "alias" is an accepted older or variant rendering, "candidate" an unreviewed
    # one (read back from an export of candidates; never used as a known pair).
    status: str = "approved"
    origin: str = ""  # the file it came from


@dataclass
class GlossaryRow:
    """One row of the Glossary sheet."""

    chinese: str
    english: str
    confidence: float
    type: str
    sources: list[str]
    frequency: int
    articles: list[str]  # "A3 file.txt: title", referring to the Sources sheet
    chinese_context: str = ""
    english_context: str = ""
    status: str = "candidate"
    note: str = ""
    extracted_english: str = ""  # the English the tool proposed; "" for rows a reviewer added
    evidence: str = ""
    check: str = ""  # conflicts a reviewer should look at
    extracted_type: str = ""  # the Type the tool proposed, to tell a reviewer's correction from a new guess
    reviewer_columns: dict[str, str] = field(default_factory=dict)  # columns a reviewer added: header -> text
    order: int = 0  # place in article order (the run's order), 1 first; 0 for rows a reviewer added
    chinese_full_context: str = ""  # the whole sentence when the shown context is part of it
    english_full_context: str = ""


@dataclass
class Rendering:
    """One English rendering of a Chinese term as the inputs use it (termlist-only sightings left out)."""

    english: str
    count: int  # sightings in the inputs' own text
    articles: list[str]  # "A3 file.txt: title", the articles that write it
    chinese_context: str = ""  # one example, cut for display
    english_context: str = ""
    termlist: str = ""  # "approved" or "alias" when a termlist lists this rendering, else ""


@dataclass
class Inconsistency:
    """A Chinese term the inputs render in more than one way."""

    chinese: str
    renderings: list[Rendering]  # the most used first
    approved: list[str] = field(default_factory=list)  # what the termlists give as the approved rendering


@dataclass
class SourceArticle:
    """One row of the Sources sheet."""

    id: str
    file: str
    zh_title: str
    en_title: str
    zh_authors: str
    en_authors: str
    sides: str  # "zh+en", "zh only", "en only"


@dataclass
class RunInfo:
    created: str  # ISO 8601
    version: str
    inputs: list[str]
    termlists: list[str]
    seconds: float = 0.0


@dataclass
class Glossary:
    """Everything a glossary workbook holds."""

    rows: list[GlossaryRow]
    articles: list[SourceArticle]
    run: RunInfo
    # (Chinese, extracted English) -> last status of each pair the tool wrote to this workbook before, or
    # "deleted" once a reviewer removed its row; the rows being written are added to it on writing.
    ledger: dict[tuple[str, str], str] = field(default_factory=dict)
    # Terms the run's inputs render in more than one way (the Consistency sheet); not read back.
    consistency: list[Inconsistency] = field(default_factory=list)
