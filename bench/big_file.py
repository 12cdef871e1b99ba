"""Time and peak memory of reading and matching one big input file (2, 5 and 50 MB by default).

`python bench/big_file.py [MB ...] [--extract]` builds each file from altered copies of the corpus
issues in `../shared/corpus` (in each copy a few Chinese characters and English letters are swapped
for others, so that no article, title or name is shared between copies: each copy is a new issue to
the tool), then reads it and finds and matches its articles (`glossary.articles.read_issues`) in a
fresh process, and prints the wall clock, the CPU seconds and the peak resident memory of that process.
`--extract` runs the whole `glossary extract` instead (in one process, without the cache). Nothing
of the corpus is written anywhere but a temporary directory. Exits 0 with a message when `../shared`
is absent.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from glossary.chinese import HAN_RE

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
LOWER = "abcdefghijklmnopqrstuvwxyz"


def altered_copy(text: str, copy: int, common: str) -> str:
    """The issue with four of its `common` Chinese characters and two English letters replaced by others,
    differently in each copy."""
    rng = random.Random(copy)
    sources = rng.sample(common, 4) + rng.sample(LOWER, 2)
    targets = rng.sample(common, 4) + rng.sample(LOWER, 2)
    return text.translate({ord(a): b for a, b in zip(sources, targets, strict=True)})


def build(path: Path, megabytes: float) -> int:
    issues = [file.read_text(encoding="utf-8") for file in sorted(CORPUS.glob("*.txt"))]
    han = Counter(char for issue in issues for char in HAN_RE.findall(issue))
    common = "".join(char for char, _ in han.most_common(300))
    target = int(megabytes * 1_000_000)
    written = 0
    copy = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            text = altered_copy(issues[copy % len(issues)], copy, common)
            out.write(text + "\n\n")
            written += len(text.encode("utf-8")) + 2
            copy += 1
    return copy


def measure(path: Path, extract: bool) -> None:
    """Run in a child process: one measurement, printed as one line."""
    started, cpu = time.perf_counter(), time.process_time()
    if extract:
        from glossary.cli.extract import extract as run_extract

        report = run_extract([path], path.with_suffix(".xlsx"), cache=False)  # the work, not the cache
        found = f"{report.articles} articles, {report.rows} rows"
    else:
        from glossary.articles import read_issues

        issues, _ = read_issues([path])
        records = [record for issue in issues for record in issue.records]
        found = f"{len(records)} articles, {sum(record.matched for record in records)} matched"
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"wall {wall:.1f} s, cpu {cpu:.1f} s, peak RSS {peak:.0f} MiB; {found}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[2, 5, 50], help="file sizes in MB")
    parser.add_argument("--extract", action="store_true", help="run the whole extract, not only reading")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.extract)
        return
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}; nothing measured")
        return
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.sizes:
            path = Path(folder) / f"issue-{megabytes:g}mb.txt"
            copies = build(path, megabytes)
            size = path.stat().st_size / 1_000_000
            print(f"{size:.1f} MB ({copies} altered issue copies): ", end="", flush=True)
            command = [sys.executable, __file__, "--measure", str(path)]
            subprocess.run(command + (["--extract"] if args.extract else []), check=True)


if __name__ == "__main__":
    main()
