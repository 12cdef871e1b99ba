"""Keyword pairing and keyword recovery of `glossary extract` on 25 papers of other Chinese journals.

    python bench/eval_cn_journal.py [--verbose] [--without-encoder]

Reads ../shared/eval/cn_journal_mineru_md and ../shared/eval/cn_journal_pages from the repository root
(evaluation only, never copied into the project) and skips with a message when they are absent. The
input files are written to a temporary directory, one per paper, in two layouts:
- clean: built from the parsed records (items*.jsonl) like a journal page: `# 标题`, `摘要：`, `关键词：`,
  `# English title`, `Abstract:`, `Key words:` (the records carry no authors, so there is no byline);
  16 + 5 papers with keywords and 4 without;
- raw OCR: raw_frontmatter.txt cut on its `=====ID:` lines, the 16 papers' front matter as printed, PDF
  artefacts (English words run together, glued keywords) and bylines included.
Each layout runs twice: with the English keywords line, and without it (withheld).

Figures (English compared in the form `glossary evaluate` uses, Chinese likewise):
- keyword pairing, English keywords present: the gold is the position-aligned keyword pairs of the papers
  whose Chinese and English keyword counts are equal; a pair is right when the best row of the Chinese
  keyword among the rows from keywords has that English (also given: the best row of all).
- keyword recovery, English keywords withheld: over the gold pairs whose English occurs in the paper's
  English title or abstract (whole words, any plural), is the best row of the Chinese keyword that English?
`--without-encoder` runs the pairing as it was before the sentence encoder, to measure what it adds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from glossary.candidates import singular
from glossary.chinese import nfkc
from glossary.cli.evaluate import TermResult, chinese_form, english_form
from glossary.cli.extract import ExtractReport, extract
from glossary.models import GlossaryRow
from glossary.pairing import keywords
from glossary.workbook import read_workbook

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
MINERU = EVAL / "cn_journal_mineru_md"
PAGES = EVAL / "cn_journal_pages"
RECORD_FILES = (
    MINERU / "items.jsonl",
    PAGES / "items_with_keywords.jsonl",
    PAGES / "abstract_pairs_no_keywords.jsonl",
)
RAW_FRONT_MATTER = MINERU / "raw_frontmatter.txt"
RAW_PAPER_RE = re.compile(r"^=====ID:(\S+)[ \t]*$", re.M)
EN_KEYWORDS_LINE_RE = re.compile(r"^[ \t]*key[ \t]*words?[ \t]*[:：].*$\n?", re.I | re.M)
APOSTROPHE_RE = re.compile(r"['’]")
NOT_A_WORD_RE = re.compile(r"[\W_]+")
PAIRING_GOAL = 0.98
RECOVERY_GOAL = 0.90


@dataclass
class Paper:
    id: str
    title_zh: str
    abstract_zh: str
    keywords_zh: list[str]
    title_en: str
    abstract_en: str
    keywords_en: list[str]

    @property
    def gold_pairs(self) -> list[tuple[str, str]]:
        """The keyword pairs by position, when the two lists are as long."""
        if len(self.keywords_zh) != len(self.keywords_en):
            return []
        return list(zip(self.keywords_zh, self.keywords_en, strict=True))

    def journal_text(self, with_en_keywords: bool) -> str:
        """The paper's front matter laid out as a journal prints it."""
        lines = [
            f"# {self.title_zh}" if self.title_zh else "",
            f"摘要：{self.abstract_zh}",
            f"关键词：{'；'.join(self.keywords_zh)}" if self.keywords_zh else "",
            f"# {self.title_en}" if self.title_en else "",
            f"Abstract: {self.abstract_en}",
            f"Key words: {'; '.join(self.keywords_en)}" if self.keywords_en and with_en_keywords else "",
        ]
        return "\n\n".join(line for line in lines if line) + "\n"

    def mentions(self, english: str) -> bool:
        """Whether `english` occurs as whole words in the English title or abstract, plurals aside."""
        text = f" {' '.join(comparable_words(f'{self.title_en} {self.abstract_en}'))} "
        words = comparable_words(english)
        if words[:1] in (["the"], ["a"], ["an"]):
            words = words[1:]
        # word by word: english_form runs the words together, `throughput rate` would be one word
        return bool(words) and f" {' '.join(words)} " in text


def comparable_words(text: str) -> list[str]:
    """Words of running English as compared for occurrence: NFKC, lower case, each one singular."""
    plain = APOSTROPHE_RE.sub("", nfkc(text).lower())
    return [singular(word) for word in NOT_A_WORD_RE.split(plain) if word]


def read_papers() -> list[Paper]:
    papers = []
    for path in RECORD_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            papers.append(
                Paper(
                    id=record["id"],
                    title_zh=record.get("title_zh") or "",
                    abstract_zh=record["abstract_zh"],
                    keywords_zh=record.get("keywords_zh") or [],
                    title_en=record.get("title_en") or "",
                    abstract_en=record["abstract_en"],
                    keywords_en=record.get("keywords_en") or [],
                )
            )
    return papers


def raw_front_matter() -> dict[str, str]:
    """Paper id -> its verbatim front matter."""
    pieces = RAW_PAPER_RE.split(RAW_FRONT_MATTER.read_text(encoding="utf-8"))
    return dict(zip(pieces[1::2], pieces[2::2], strict=True))


@dataclass
class Layout:
    name: str
    papers: list[Paper]
    text: Callable[[Paper, bool], str]  # (paper, with English keywords) -> the input file's text


def layouts(papers: list[Paper]) -> list[Layout]:
    raw = raw_front_matter()

    def raw_text(paper: Paper, with_en_keywords: bool) -> str:
        text = raw[paper.id]
        return text if with_en_keywords else EN_KEYWORDS_LINE_RE.sub("", text)

    return [
        Layout("clean", papers, Paper.journal_text),
        Layout("raw OCR", [paper for paper in papers if paper.id in raw], raw_text),
    ]


@dataclass
class Run:
    layout: str
    with_en_keywords: bool
    papers: list[Paper]
    rows: dict[str, list[GlossaryRow]]  # chinese_form -> the workbook's rows, in sheet order
    report: ExtractReport
    seconds: float  # wall clock of the extraction

    @property
    def name(self) -> str:
        return f"{self.layout}, English keywords {'present' if self.with_en_keywords else 'withheld'}"

    def result(self, chinese: str, english: str, source: str = "") -> TermResult:
        """What the run has for a gold pair; with `source`, only the rows from it count."""
        rows = [
            row for row in self.rows.get(chinese_form(chinese), []) if not source or source in row.sources
        ]
        return TermResult(chinese, {english_form(english): english}, rows)

    def keywords_without_rows(self) -> str:
        keywords = [zh for paper in self.papers for zh in paper.keywords_zh]
        missing = sum(not self.rows.get(chinese_form(zh)) for zh in keywords)
        return f"Chinese keywords without any row {missing}/{len(keywords)}"


def extract_layout(layout: Layout, with_en_keywords: bool) -> Run:
    with tempfile.TemporaryDirectory(prefix="glossary-cn-journal-") as directory:
        inputs = []
        for paper in layout.papers:
            path = Path(directory) / f"{paper.id}.txt"
            path.write_text(layout.text(paper, with_en_keywords), encoding="utf-8")
            inputs.append(path)
        started = time.perf_counter()
        report = extract(inputs, Path(directory) / "glossary.xlsx")
        seconds = time.perf_counter() - started
        rows: dict[str, list[GlossaryRow]] = {}
        for row in read_workbook(Path(directory) / "glossary.xlsx").rows:
            rows.setdefault(chinese_form(row.chinese), []).append(row)
    return Run(layout.name, with_en_keywords, layout.papers, rows, report, seconds)


def shown(row: GlossaryRow | None) -> str:
    return f"{row.english} ({row.confidence:.2f} {'+'.join(row.sources)})" if row else "(no row)"


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else f"{part}/0"


def checked(result: TermResult, en: str, verbose: bool, note: str = "") -> bool:
    """Print one gold pair's outcome when verbose; return whether its best row is right."""
    if verbose:
        mark = "-- " if note else ("ok " if result.top1_right else "BAD")
        print(f"    {mark} {result.chinese} -> {shown(result.best)}   gold: {en}{note}")
    return result.top1_right


def report_pairing(run: Run, verbose: bool) -> str:
    """Keyword pairing with the English keywords present; returns the summary line."""
    right = right_of_all = 0
    failures = []
    for paper in run.papers:
        print_paper(paper, verbose)
        for zh, en in paper.gold_pairs:
            from_keywords, of_all = run.result(zh, en, "keywords"), run.result(zh, en)
            right_of_all += of_all.top1_right
            if checked(from_keywords, en, verbose):
                right += 1
            else:
                failures.append(failure(paper, from_keywords, en))
            if verbose and of_all.best is not from_keywords.best:
                print(f"        best row of all: {shown(of_all.best)}")
    pairs = sum(len(paper.gold_pairs) for paper in run.papers)
    print_failures(failures)
    return (
        f"keyword pairs right {share(right, pairs)} (goal {PAIRING_GOAL:.0%}; by the best row of all "
        f"{share(right_of_all, pairs)}); {run.keywords_without_rows()}"
    )


def report_recovery(run: Run, verbose: bool) -> str:
    """Keyword recovery with the English keywords withheld; returns the summary line."""
    right = judged = 0
    failures = []
    for paper in run.papers:
        print_paper(paper, verbose)
        for zh, en in paper.gold_pairs:
            result = run.result(zh, en)
            if not paper.mentions(en):
                checked(result, en, verbose, note=" (not in the English title or abstract)")
                continue
            judged += 1
            if checked(result, en, verbose):
                right += 1
            else:
                failures.append(failure(paper, result, en))
    gold = sum(len(paper.gold_pairs) for paper in run.papers)
    print_failures(failures)
    return (
        f"top-1 recovery {share(right, judged)} (goal {RECOVERY_GOAL:.0%}) over the {judged} of {gold} gold "
        f"pairs whose English is in the title or abstract; {run.keywords_without_rows()}"
    )


def print_paper(paper: Paper, verbose: bool) -> None:
    if not verbose or not paper.keywords_zh:
        return
    print(f"  {paper.id} {paper.title_zh or paper.title_en or '(no title)'}")
    if not paper.gold_pairs:
        print(f"    not gold, the keyword counts differ: {paper.keywords_zh} / {paper.keywords_en}")


def failure(paper: Paper, result: TermResult, en: str) -> str:
    return f"    {paper.id}  {result.chinese}  gold: {en}  we gave: {shown(result.best)}"


def print_failures(failures: list[str]) -> None:
    print(f"  failures ({len(failures)}): paper, zh, gold English, what the glossary gave")
    print("\n".join(failures) if failures else "    none")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="per-paper details")
    parser.add_argument(
        "--without-encoder",
        action="store_true",
        help="never ask the sentence encoder (to measure what it adds)",
    )
    arguments = parser.parse_args()
    if arguments.without_encoder:
        keywords._closest_span = lambda *_: None  # what the pairing gave before the encoder

    if not all(path.is_file() for path in (*RECORD_FILES, RAW_FRONT_MATTER)):
        print(f"skipped: {MINERU} or {PAGES} is not there (they live in ../shared beside the repository)")
        return 0
    summaries = []
    for layout in layouts(read_papers()):
        for with_en_keywords in (True, False):
            run = extract_layout(layout, with_en_keywords)
            print(
                f"== {run.name}: {len(run.papers)} papers, {run.report.matched}/{run.report.articles} matched"
            )
            print(f"  {run.report.rows} rows; wall clock {run.seconds:.1f}s; {run.report.summary()[-1]}")
            figures = (
                report_pairing(run, arguments.verbose)
                if with_en_keywords
                else report_recovery(run, arguments.verbose)
            )
            summaries.append(f"{run.name}: {figures}")
    print("\n".join(["== summary", *summaries]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
