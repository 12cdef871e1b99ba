"""Write and reload a 20,000-row review workbook; print the times and the peak memory of each.

    python bench/workbook_20k.py [ROWS]

Rows are made up: a few thousand Chinese terms with several English renderings each, contexts of
realistic length, a few articles per row. Memory is the process's peak resident size (getrusage).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from glossary.models import Glossary, GlossaryRow, RunInfo, SourceArticle
from glossary.review import as_proposed
from glossary.workbook import read_workbook, write_workbook

T = TypeVar("T")

SYLLABLES = "安全发展合作治理数字经济共同体倡议乡村振兴区域协调绿色创新开放体系现代化建设"
ARTICLE_COUNT = 400


def chinese_term(number: int) -> str:
    return "".join(SYLLABLES[(number * 7 + step * 13) % len(SYLLABLES)] for step in range(2 + number % 5))


def make_glossary(row_count: int) -> Glossary:
    articles = [
        SourceArticle(
            f"A{index}",
            f"issue-{index // 20}.txt",
            f"论{chinese_term(index)}",
            f"On topic {index}",
            "",
            "",
            "zh+en",
        )
        for index in range(1, ARTICLE_COUNT + 1)
    ]
    rows = []
    for number in range(row_count):
        term, english = chinese_term(number // 4), f"rendering {number % 4} of term {number // 4}"
        seen = [
            f"{article.id} {article.file}: {article.zh_title}" for article in articles[number % 397 :][:3]
        ]
        row = GlossaryRow(
            chinese=term,
            english=english,
            confidence=1 - (number % 4) / 5,
            type="concept",
            sources=["keywords", "abstract"],
            frequency=1 + number % 9,
            articles=seen,
            chinese_context=f"本文认为，{term}是推动高质量发展的重要途径，也是区域协调发展的关键。",
            english_context=f"This paper argues that {english} is an important way to promote "
            "high-quality development and key to coordinated regional growth.",
            evidence="keyword position 1; dictionary 0.80",
        )
        rows.append(as_proposed(row))
    return Glossary(rows, articles, RunInfo("2025-01-01T00:00:00", "bench", ["corpus/"], [], 0.0))


def timed(action: Callable[[], T]) -> tuple[T, str]:
    """The result, and wall-clock and CPU seconds (they differ when other work shares the machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, f"{time.perf_counter() - wall:.2f} s (CPU {time.process_time() - cpu:.2f} s)"


def peak_rss_mib() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    row_count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    glossary = make_glossary(row_count)
    before = peak_rss_mib()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "glossary.xlsx"
        _, write_time = timed(lambda: write_workbook(path, glossary))
        after_write = peak_rss_mib()
        size = path.stat().st_size / 2**20
        reloaded, read_time = timed(lambda: read_workbook(path))
        after_read = peak_rss_mib()
    assert len(reloaded.rows) == row_count, "rows lost on reload"
    print(f"rows:     {row_count}, file {size:.1f} MiB")
    print(f"write:    {write_time}")
    print(f"reload:   {read_time}")
    print(f"peak RSS: {before:.0f} MiB with the rows built")
    print(f"          {after_write:.0f} MiB after write, {after_read:.0f} MiB after reload")


if __name__ == "__main__":
    main()
