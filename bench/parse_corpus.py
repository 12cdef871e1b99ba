"""Parsing time for the journal issues in ../shared/corpus, after imports.

    python bench/parse_corpus.py [--repeat N]

Prints the time to load CC-CEDICT (once per process), then to read, normalise, find the front matter
and match the articles of the five issues, and the articles found per file. Skips cleanly when the
shared material is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from glossary.articles import read_issues
from glossary.lexicon import load_lexicon

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3, help="parse this many times, report the median")
    arguments = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return 0
    started = time.perf_counter()
    load_lexicon()
    print(f"CC-CEDICT loaded in {time.perf_counter() - started:.2f}s (once per process)")
    timings = []
    for _ in range(arguments.repeat):
        started = time.perf_counter()
        issues, problems = read_issues([CORPUS])
        timings.append(time.perf_counter() - started)
    characters = sum(len(paragraph.text) for issue in issues for paragraph in issue.document.paragraphs)
    for issue in issues:
        kinds = Counter(
            "matched" if record.matched else ("zh only" if record.zh else "en only")
            for record in issue.records
        )
        zh = sum(1 for record in issue.records if record.zh and record.zh.abstract)
        print(
            f"{issue.document.name}: {zh} Chinese abstracts, {kinds['matched']} matched, "
            f"{kinds['zh only']} Chinese only, {kinds['en only']} English only"
        )
    print(f"problems: {len(problems)}")
    median = statistics.median(timings)
    print(
        f"parse {len(issues)} issues ({characters:,} characters): median {median:.2f}s "
        f"of {len(timings)} runs ({characters / median / 1000:.0f}k characters/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
