"""Strict precision, recall and F1 of the sentence aligner on the MAC dev set (zh-en literary chapters).

    python bench/align_mac_dev.py

Reads ../shared/eval/mac_dev from the repository root (evaluation only, never copied into the project)
and skips with a message when it is absent. Scoring follows the strict measure of the vecalign/bertalign
evaluation script: a predicted bead counts only if it equals a gold bead. Precision is over all predicted
beads, 1-0 and 0-1 included (they can match gold 1-0/0-1 beads); recall is over gold beads with both sides
non-empty, matched against predicted beads with both sides non-empty. Counts are summed over chapters
before dividing, as the published figures are.
"""

from __future__ import annotations

import ast
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from glossary.alignment import align
from glossary.lexicon import load_lexicon

MAC_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "mac_dev"
PUBLISHED = "Gale-Church 0.485, hunalign 0.610, Bleualign 0.641, Vecalign 0.863, Bertalign 0.911"

BeadKey = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Counts:
    predicted: int = 0  # predicted beads
    predicted_right: int = 0  # of them, equal to a gold bead
    gold_links: int = 0  # gold beads with both sides
    gold_found: int = 0  # of them, predicted exactly

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.predicted_right += other.predicted_right
        self.gold_links += other.gold_links
        self.gold_found += other.gold_found

    def line(self) -> str:
        precision = self.predicted_right / self.predicted if self.predicted else 0.0
        recall = self.gold_found / self.gold_links if self.gold_links else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f"P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}"


def strict_counts(gold: list[BeadKey], predicted: list[BeadKey]) -> Counts:
    gold_set = {bead for bead in gold if bead[0] or bead[1]}
    predicted_set = {bead for bead in predicted if bead[0] or bead[1]}
    gold_links = {bead for bead in gold_set if bead[0] and bead[1]}
    predicted_links = {bead for bead in predicted_set if bead[0] and bead[1]}
    return Counts(
        predicted=len(predicted_set),
        predicted_right=len(predicted_set & gold_set),
        gold_links=len(gold_links),
        gold_found=len(gold_links & predicted_links),
    )


def read_gold(path: Path) -> list[BeadKey]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        zh, en = line.split(":")
        beads.append((tuple(ast.literal_eval(zh)), tuple(ast.literal_eval(en))))
    return beads


def main() -> int:
    if not (MAC_DEV / "gold").is_dir():
        print(f"skipped: {MAC_DEV} is not there (the MAC dev set lives in ../shared beside the repository)")
        return 0
    lexicon = load_lexicon()
    total = Counts()
    seconds = 0.0
    for gold_path in sorted((MAC_DEV / "gold").glob("*.align")):
        chapter = gold_path.stem
        zh = (MAC_DEV / "zh" / chapter).read_text(encoding="utf-8").splitlines()
        en = (MAC_DEV / "en" / chapter).read_text(encoding="utf-8").splitlines()
        started = time.perf_counter()
        beads = align(zh, en, lexicon)
        elapsed = time.perf_counter() - started
        counts = strict_counts(read_gold(gold_path), [(tuple(bead.zh), tuple(bead.en)) for bead in beads])
        total.add(counts)
        seconds += elapsed
        print(f"{chapter}  {len(zh):4d} zh {len(en):4d} en  {counts.line()}  {elapsed:5.2f} s")
    print(f"all  {total.line()}  {seconds:5.2f} s aligning (lexicon loaded once beforehand)")
    print(f"published strict F1: {PUBLISHED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
