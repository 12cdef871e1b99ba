"""`glossary extract` on the five journal issues of ../shared/corpus: time, rows, and files for hand judging.

    python bench/eval_corpus.py [--sample-out SAMPLE.tsv] [--sample-size 100] [--seed 1]
                                [--glosses-out GLOSSES.tsv] [--gold GOLD.tsv ...]
    python bench/eval_corpus.py --judged SAMPLE.tsv

Extracts once into a temporary workbook (wall clock including model loading, and the time per stage),
then prints the rows produced, the rows by source (a row counts under each of its sources) and the rows
with Confidence >= 0.5. Optionally writes
- --sample-out: a random sample (fixed seed) of rows with Confidence >= 0.5 as TSV with the columns zh,
  en, confidence, sources, context, judgement, the judgement left empty for a person to fill with y or n;
- --glosses-out: every row from a parenthetical gloss as TSV (zh, en, context, judgement);
and with --gold prints the figures of `glossary evaluate` for the corpus workbook.

--judged reads such a TSV back once its judgement column is filled (y/n; other rows are left out) and
prints the precision and, when the file has a confidence column, the precision per Confidence band.
It needs no extraction and no ../shared.

The corpus is read where it lies (evaluation only); nothing of it is copied into the repository, and the
TSVs go where the options say. Skips with a message when ../shared/corpus is absent.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from glossary.cli.evaluate import evaluate_workbook
from glossary.cli.extract import extract
from glossary.models import SOURCE_KINDS, GlossaryRow
from glossary.workbook import read_workbook

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
LIKELY = 0.5  # the Confidence from which a row is sampled
BANDS = ((0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))
SAMPLE_COLUMNS = ("zh", "en", "confidence", "sources", "context", "judgement")
GLOSS_COLUMNS = ("zh", "en", "context", "judgement")


def single_line(text: str) -> str:
    """A TSV cell: no tabs or line breaks inside."""
    return " ".join(text.split())


def context(row: GlossaryRow) -> str:
    return " | ".join(text for text in (row.chinese_context, row.english_context) if text)


def write_tsv(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    lines = ["\t".join(header), *("\t".join(single_line(cell) for cell in row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_sample(path: Path, rows: list[GlossaryRow], size: int, seed: int) -> int:
    likely = [row for row in rows if row.confidence >= LIKELY]
    sample = random.Random(seed).sample(likely, min(size, len(likely)))
    write_tsv(
        path,
        SAMPLE_COLUMNS,
        [
            (row.chinese, row.english, f"{row.confidence:.3f}", "+".join(row.sources), context(row), "")
            for row in sample
        ],
    )
    return len(sample)


def write_glosses(path: Path, rows: list[GlossaryRow]) -> int:
    glosses = [row for row in rows if "parenthetical" in row.sources]
    write_tsv(path, GLOSS_COLUMNS, [(row.chinese, row.english, row.chinese_context, "") for row in glosses])
    return len(glosses)


def band_of(confidence: float) -> tuple[float, float] | None:
    """The band holding `confidence`; the last band includes its upper end."""
    for low, high in BANDS:
        if low <= confidence < high or confidence == high == BANDS[-1][1]:
            return low, high
    return None


def print_judged(path: Path) -> None:
    """Precision of a judged TSV, and per Confidence band when it has a confidence column."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    verdicts = [(record, record.get("judgement", "").strip().lower()) for record in records]
    judged = [(record, verdict == "y") for record, verdict in verdicts if verdict in ("y", "n")]
    right = sum(is_right for _, is_right in judged)
    print(f"{path}: {len(judged)} of {len(records)} rows judged y/n")
    print(f"precision {right / len(judged):.3f} ({right} of {len(judged)})" if judged else "precision n/a")
    if not records or "confidence" not in records[0]:
        return
    by_band: dict[tuple[float, float], Counter[bool]] = {band: Counter() for band in BANDS}
    for record, is_right in judged:
        band = band_of(float(record["confidence"]))
        if band:
            by_band[band][is_right] += 1
    print("Confidence  judged  right  precision")
    for (low, high), counts in by_band.items():
        total = counts[True] + counts[False]
        precision = f"{counts[True] / total:.3f}" if total else "  n/a"
        print(f"{low:.1f}-{high:.1f}     {total:6d}  {counts[True]:5d}  {precision:>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sample-out", type=Path, help="write a sample of rows with Confidence >= 0.5 here (TSV)"
    )
    parser.add_argument("--sample-size", type=int, default=100, help="rows in the sample (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sample (default 1)")
    parser.add_argument("--glosses-out", type=Path, help="write every parenthetical row here (TSV)")
    parser.add_argument(
        "--gold", type=Path, action="append", default=[], help="gold TSV (zh, en); repeatable"
    )
    parser.add_argument(
        "--judged", type=Path, help="a sample TSV with its judgement column filled: print figures"
    )
    arguments = parser.parse_args()
    if arguments.judged:
        print_judged(arguments.judged)
        return 0
    issues = sorted(CORPUS.glob("*.txt"))
    if not issues:
        print(f"skipped: {CORPUS} is not there (the corpus lives in ../shared beside the repository)")
        return 0
    with tempfile.TemporaryDirectory(prefix="glossary-corpus-") as directory:
        workbook = Path(directory) / "corpus.xlsx"
        started = time.perf_counter()
        report = extract(issues, workbook)
        seconds = time.perf_counter() - started
        print(f"{len(issues)} issues, {report.articles} articles ({report.matched} matched)")
        print(f"wall clock {seconds:.1f}s, models loaded included")
        for stage, stage_seconds in report.seconds.items():
            print(f"  {stage:<22} {stage_seconds:6.1f}s")
        rows = read_workbook(workbook).rows
        by_source = Counter(source for row in rows for source in row.sources)
        print(
            f"rows {len(rows)}; with Confidence >= {LIKELY}: {sum(row.confidence >= LIKELY for row in rows)}"
        )
        print("rows by source: " + ", ".join(f"{by_source[kind]} {kind}" for kind in SOURCE_KINDS))
        print(
            "rows by sources: "
            + ", ".join(
                f"{count} {kinds}"
                for kinds, count in Counter("+".join(row.sources) for row in rows).most_common()
            )
        )
        if arguments.sample_out:
            count = write_sample(arguments.sample_out, rows, arguments.sample_size, arguments.seed)
            print(f"wrote {arguments.sample_out}: {count} sampled rows to judge")
        if arguments.glosses_out:
            print(f"wrote {arguments.glosses_out}: {write_glosses(arguments.glosses_out, rows)} gloss rows")
        if arguments.gold:
            print("\n".join(evaluate_workbook(workbook, arguments.gold).summary()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
