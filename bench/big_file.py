"""Time and peak memory of reading and matching one big input file (2, 5 and 50 MB by default).

`python bench/big_file.py [MB ...] [--extract]` builds each file from altered copies of the corpus
issues in `../shared/corpus` (in each copy a few Chinese characters and English letters are swapped
for others, so that no article, title or name is shared between copies: each copy is a new issue to
the tool), then reads it and finds and matches its articles (`glossary.articles.read_issues`) in a
fresh process, and prints the wall clock, the CPU seconds and the peak resident memory of that process.
`--extract` runs the whole `glossary extract` instead. Nothing of the corpus is written anywhere but a
temporary directory. Exits 0 with a message when `../shared` is absent.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
HAN_POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
LOWER = "abcdefghijklmnopqrstuvwxyz"


def altered_copy(text: str, copy: int) -> str:
    """The issue with four Chinese characters and two English letters replaced, differently per copy."""
    rng = random.Random(copy)
    sources = rng.sample(HAN_POOL, 4) + rng.sample(LOWER, 2)
    targets = rng.sample(HAN_POOL, 4) + rng.sample(LOWER, 2)
    return text.translate({ord(a): b for a, b in zip(sources, targets, strict=True)})


def build(path: Path, megabytes: float) -> int:
    issues = [file.read_text(encoding="utf-8") for file in sorted(CORPUS.glob("*.txt"))]
    target = int(megabytes * 1_000_000)
    written = 0
    copy = 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            text = altered_copy(issues[copy % len(issues)], copy)
            out.write(text + "\n\n")
            written += len(text.encode("utf-8")) + 2
            copy += 1
    return copy


def measure(path: Path, extract: bool) -> None:
    """Run in a child process: one measurement, printed as one line."""
    started, cpu = time.perf_counter(), time.process_time()
    if extract:
        from glossary.cli.extract import extract as run_extract

        report = run_extract([path], path.with_suffix(".xlsx"))
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
            command = [sys.executable, __file__, "--measure", str(path)] + (["--extract"] if args.extract else [])
            subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
