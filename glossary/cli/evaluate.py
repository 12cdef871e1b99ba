"""`glossary evaluate WORKBOOK --gold GOLD.tsv`: how well a glossary workbook agrees with known pairs.

Figures, each over pairs compared after normalising both sides (chinese_form, english_form):
- recall: share of gold pairs present as a row (any row of that Chinese with that English);
- top-1 accuracy: share of gold Chinese terms whose best row (highest Confidence, rejected rows left out)
  has one of the term's gold renderings, over the gold terms that have such a row and over all gold terms;
- precision: share of the rows of gold Chinese terms (rejected rows left out) whose English is a gold
  rendering of their Chinese.

A gold file is TSV with a header naming the columns `zh` and `en` (others are ignored); a term may have
several rows, and an `en` cell may hold alternatives separated by `|`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from glossary.candidates import singular
from glossary.chinese import nfkc
from glossary.cli.common import FINISH_OR_STOP_EXIT_CODES_HELP, report_errors
from glossary.errors import GlossaryError
from glossary.files import read_input
from glossary.models import GlossaryRow
from glossary.pairing import zh_key
from glossary.workbook import read_workbook

GOLD_COLUMNS = ("zh", "en")
ALTERNATIVE_SEPARATOR = "|"
LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+")
WORD_SEPARATOR_RE = re.compile(r"[\s\-‐‑–—/]+")
NOT_ALPHANUMERIC_RE = re.compile(r"[\W_]")


def chinese_form(text: str) -> str:
    """A Chinese term as compared: NFKC, simplified, no spaces or quotes, one kind of dash."""
    return zh_key(nfkc(text))


def english_form(text: str) -> str:
    """An English term as compared: NFKC, lower case, no leading article, the last word singular, then
    only letters and digits: hyphens, slashes and spaces do not count (`model (EM)` is `model(EM)`).

    Not candidates.english_key, which is tuned for pairing and differs here: it skips NFKC and keeps only
    ASCII letters (full-width `ＭａｐＲｅｄｕｃｅ` would vanish, `régime` lose its é), turns `China's rise`
    into `china rise`, and singularises before dropping punctuation (`policies)` stays plural).
    """
    text = LEADING_ARTICLE_RE.sub("", nfkc(text).lower().strip())
    words = [word for part in WORD_SEPARATOR_RE.split(text) if (word := NOT_ALPHANUMERIC_RE.sub("", part))]
    if words:
        words[-1] = singular(words[-1])
    return "".join(words)


@dataclass
class GoldTerm:
    """A Chinese term of the gold files and its accepted renderings (as first written, by english_form)."""

    chinese: str
    renderings: dict[str, str] = field(default_factory=dict)


def read_gold(paths: Iterable[Path]) -> dict[str, GoldTerm]:
    """The gold terms of all `paths` by chinese_form, in the order first met."""
    terms: dict[str, GoldTerm] = {}
    for path in paths:
        for chinese, english in _gold_pairs(Path(path)):
            term = terms.setdefault(chinese_form(chinese), GoldTerm(chinese))
            term.renderings.setdefault(english_form(english), english)
    return terms


def _gold_pairs(path: Path) -> list[tuple[str, str]]:
    where = str(path)
    data = read_input(path, "no such gold file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GlossaryError(where, "not UTF-8 text; save the gold file as UTF-8 TSV") from None
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise GlossaryError(where, "the gold file is empty")
    header = [cell.strip().casefold() for cell in lines[0][1].split("\t")]
    if any(column not in header for column in GOLD_COLUMNS):
        raise GlossaryError(where, "the first line must be a tab-separated header with columns 'zh' and 'en'")
    zh_column, en_column = (header.index(column) for column in GOLD_COLUMNS)
    pairs = []
    for number, line in lines[1:]:
        cells = line.split("\t")
        chinese = cells[zh_column].strip() if zh_column < len(cells) else ""
        alternatives = cells[en_column].split(ALTERNATIVE_SEPARATOR) if en_column < len(cells) else []
        renderings = [english.strip() for english in alternatives if english_form(english)]
        if not chinese_form(chinese) or not renderings:
            raise GlossaryError(where, f"line {number}: a gold pair needs both zh and en")
        pairs.extend((chinese, english) for english in renderings)
    if not pairs:
        raise GlossaryError(where, "no gold pairs under the header")
    return pairs


@dataclass
class TermResult:
    """One gold term and what the workbook has for it."""

    chinese: str
    renderings: dict[str, str]  # english_form -> gold rendering as written
    rows: list[GlossaryRow]  # the workbook's rows of this Chinese, rejected ones included, in sheet order

    @property
    def candidate_rows(self) -> list[GlossaryRow]:
        return [row for row in self.rows if row.status != "rejected"]

    @property
    def best(self) -> GlossaryRow | None:
        """The row a reviewer meets first: highest Confidence, the earlier on a tie; never a rejected one."""
        return max(self.candidate_rows, key=lambda row: row.confidence, default=None)

    @property
    def found(self) -> set[str]:
        """The gold renderings (english_form) present as a row."""
        return {english_form(row.english) for row in self.rows} & self.renderings.keys()

    @property
    def missed(self) -> list[str]:
        return [english for key, english in self.renderings.items() if key not in self.found]

    @property
    def top1_right(self) -> bool:
        best = self.best
        return best is not None and english_form(best.english) in self.renderings

    @property
    def rows_right(self) -> int:
        return sum(english_form(row.english) in self.renderings for row in self.candidate_rows)


@dataclass
class Evaluation:
    workbook: Path
    gold: list[Path]
    terms: list[TermResult]

    @property
    def gold_pairs(self) -> int:
        return sum(len(term.renderings) for term in self.terms)

    @property
    def pairs_found(self) -> int:
        return sum(len(term.found) for term in self.terms)

    @property
    def terms_with_rows(self) -> int:
        return sum(term.best is not None for term in self.terms)

    @property
    def top1_right(self) -> int:
        return sum(term.top1_right for term in self.terms)

    @property
    def rows_judged(self) -> int:
        return sum(len(term.candidate_rows) for term in self.terms)

    @property
    def rows_right(self) -> int:
        return sum(term.rows_right for term in self.terms)

    @property
    def recall(self) -> float:
        return self.pairs_found / self.gold_pairs

    @property
    def top1_accuracy(self) -> float | None:
        return _share(self.top1_right, self.terms_with_rows)

    @property
    def top1_accuracy_all_terms(self) -> float:
        return self.top1_right / len(self.terms)

    @property
    def precision(self) -> float | None:
        return _share(self.rows_right, self.rows_judged)

    def figures(self) -> dict[str, float | int | None]:
        return {
            "recall": self.recall,
            "top1_accuracy": self.top1_accuracy,
            "top1_accuracy_all_terms": self.top1_accuracy_all_terms,
            "precision": self.precision,
            "gold_pairs": self.gold_pairs,
            "gold_pairs_found": self.pairs_found,
            "gold_terms": len(self.terms),
            "gold_terms_with_rows": self.terms_with_rows,
            "gold_terms_top1_right": self.top1_right,
            "rows_of_gold_terms": self.rows_judged,
            "rows_of_gold_terms_right": self.rows_right,
        }

    def summary(self) -> list[str]:
        lines = [
            ("recall", self.recall, f"{self.pairs_found} of {self.gold_pairs} gold pairs found as a row"),
            (
                "top-1 accuracy",
                self.top1_accuracy,
                f"{self.top1_right} of {self.terms_with_rows} gold terms with rows",
            ),
            (
                "top-1 accuracy",
                self.top1_accuracy_all_terms,
                f"{self.top1_right} of all {len(self.terms)} gold terms",
            ),
            ("precision", self.precision, f"{self.rows_right} of {self.rows_judged} rows of gold terms"),
        ]
        return [f"{name:<15} {_shown(value)}  ({detail})" for name, value, detail in lines]

    def missed_pairs(self) -> list[tuple[TermResult, str]]:
        """Each gold pair not found as a row: its term and the gold rendering."""
        return [(term, english) for term in self.terms for english in term.missed]

    def missed_lines(self) -> list[str]:
        """Each gold pair not found, tab-separated with what the workbook has for its Chinese instead."""
        return [
            f"{term.chinese}\t{english}\t{'; '.join(_described(row) for row in term.rows) or '(no row)'}"
            for term, english in self.missed_pairs()
        ]


def evaluate_workbook(workbook: Path, gold: list[Path]) -> Evaluation:
    """Compare the rows of `workbook` with the pairs of the `gold` TSV files."""
    if not gold:
        raise GlossaryError("", "no gold file given")
    terms = read_gold(gold)
    rows_by_chinese: dict[str, list[GlossaryRow]] = {}
    for row in read_workbook(workbook).rows:
        rows_by_chinese.setdefault(chinese_form(row.chinese), []).append(row)
    results = [
        TermResult(term.chinese, term.renderings, rows_by_chinese.get(key, [])) for key, term in terms.items()
    ]
    return Evaluation(Path(workbook), [Path(path) for path in gold], results)


def _described(row: GlossaryRow) -> str:
    return f"{row.english} ({row.confidence:.2f}{', rejected' if row.status == 'rejected' else ''})"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _shown(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


@click.command("evaluate", epilog=FINISH_OR_STOP_EXIT_CODES_HELP)
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--gold",
    "gold",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Known pairs: TSV with a header naming columns zh and en; en may hold a|b alternatives. Repeatable.",
)
@click.option(
    "--missed", is_flag=True, help="Also list the gold pairs not found and the rows there are instead."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@report_errors
def evaluate_cli(workbook: Path, gold: tuple[Path, ...], missed: bool, as_json: bool) -> None:
    """Measure WORKBOOK against known pairs: recall, top-1 accuracy and precision.

    Chinese is compared simplified, without spaces, quotes or dash variants; English in lower case,
    without a leading article or punctuation, hyphens and spaces alike, the last word singular.
    """
    evaluation = evaluate_workbook(workbook, list(gold))
    if as_json:
        figures: dict[str, object] = dict(evaluation.figures())
        if missed:
            figures["missed"] = [
                {"zh": term.chinese, "en": english, "rows": [_described(row) for row in term.rows]}
                for term, english in evaluation.missed_pairs()
            ]
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(evaluation.summary()))
    if missed:
        lines = evaluation.missed_lines()
        click.echo(f"\nmissed gold pairs ({len(lines)}): zh, gold en, the workbook's rows instead")
        click.echo("\n".join(lines))
