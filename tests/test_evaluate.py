"""`glossary evaluate`: recall, top-1 accuracy and precision of a workbook against gold pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_workbook import pair

from glossary.cli import main
from glossary.cli.evaluate import chinese_form, english_form, evaluate_workbook
from glossary.errors import GlossaryError
from glossary.models import Glossary, GlossaryRow, RunInfo
from glossary.workbook import write_workbook

GOLD = (
    "zh\ten\tnote\n"
    "全球安全倡议\tGlobal Security Initiative\t\n"
    "人类命运共同体\tcommunity with a shared future for mankind|community of shared future for mankind\t\n"
    "共同富裕\tcommon prosperity\tstyle guide\n"
    "一带一路\tBelt and Road Initiative\t\n"
)
# Other columns first and in another order; traditional characters; a second rendering of 一带一路.
MORE_GOLD = "note\ten\tzh\n\tthe Belt and Road\t一帶一路\n\tdigital economy\t数字经济\n"

# By hand: 5 gold terms, 7 gold pairs.
# recall 4/7: 全球安全倡议 (row 1), both renderings of 人类命运共同体 (row 3, and the rejected row 4),
#   一带一路 Belt and Road Initiative (row 6); not 共同富裕, not "the Belt and Road", not 数字经济.
# top-1: best rows 1 (right), 3 (right; the rejected row 4 does not count), 5 (wrong), 7 (BRI, wrong):
#   2 of the 4 terms with rows, 2 of all 5 gold terms.
# precision: rows 1, 2, 3, 5, 6, 7 belong to gold terms (4 is rejected, 8 is not a gold term); right are
#   1, 3 and 6: 3 of 6.
ROWS = [
    pair("全球安全倡议", "global security initiatives", 0.9),  # 1
    pair("全球安全倡议", "Global Security Proposal", 0.5),  # 2
    pair("人类命运共同体", "community of shared future for mankind", 0.6),  # 3
    pair("人类 命运共同体", "Community with a Shared Future for Mankind", 0.95, status="rejected"),  # 4
    pair("共同富裕", "shared prosperity", 0.8),  # 5
    pair("“一带一路”", "Belt-and-Road initiative", 0.7),  # 6
    pair("一带一路", "BRI", 0.9, type="acronym"),  # 7
    pair("乡村振兴", "rural revitalization", 0.9),  # 8
]


def make_workbook(path: Path, rows: list[GlossaryRow]) -> Path:
    write_workbook(path, Glossary(rows, [], RunInfo("2024-05-01T00:00:00+00:00", "0.1.0", ["issue.txt"], [])))
    return path


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "glossary.xlsx", ROWS)


@pytest.fixture
def gold(tmp_path: Path) -> list[Path]:
    first, second = tmp_path / "gold.tsv", tmp_path / "more.tsv"
    first.write_text(GOLD, encoding="utf-8")
    second.write_text(MORE_GOLD, encoding="utf-8")
    return [first, second]


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["evaluate", *arguments])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("written", "compared"),
    [
        ("The Belt-and-Road/Initiatives", "belt and road initiative"),
        ("an  approach", "approach"),
        ("Ｍａｐ Ｒｅｄｕｃｅ", "map reduce"),  # full-width letters
        ("China’s policies)", "chinas policy"),
        ("régime", "régime"),
        ("national interests.", "national interest"),
        ("strategic consensus", "strategic consensus"),
        ("crisis analysis", "crisis analysis"),
        ("security dilemmas", "security dilemma"),
        ("great powers' rivalry", "great powers rivalry"),  # only the last word is made singular
    ],
)
def test_english_is_compared_in_one_form(written: str, compared: str) -> None:
    assert english_form(written) == compared.replace(" ", "")  # spaces do not count either


def test_spacing_lost_in_print_does_not_matter() -> None:
    assert english_form("semi-Markov model(SHSMM)") == english_form("semi-Markov model (SHSMM)")


@pytest.mark.parametrize(
    ("written", "compared"),
    [
        ("“一帶一路”", "一带一路"),
        ("《联合国 宪章》", "联合国宪章"),
        ("中－美关系", "中-美关系"),
        ("中—美关系", "中-美关系"),
    ],
)
def test_chinese_is_compared_in_one_form(written: str, compared: str) -> None:
    assert chinese_form(written) == compared


def test_figures_of_a_case_computed_by_hand(workbook: Path, gold: list[Path]) -> None:
    evaluation = evaluate_workbook(workbook, gold)

    assert (evaluation.pairs_found, evaluation.gold_pairs) == (4, 7)
    assert evaluation.recall == pytest.approx(4 / 7)
    assert (evaluation.top1_right, evaluation.terms_with_rows, len(evaluation.terms)) == (2, 4, 5)
    assert evaluation.top1_accuracy == pytest.approx(0.5)
    assert evaluation.top1_accuracy_all_terms == pytest.approx(0.4)
    assert (evaluation.rows_right, evaluation.rows_judged) == (3, 6)
    assert evaluation.precision == pytest.approx(0.5)


def test_each_term_says_what_it_got(workbook: Path, gold: list[Path]) -> None:
    terms = {term.chinese: term for term in evaluate_workbook(workbook, gold).terms}

    assert terms["人类命运共同体"].best is not None
    assert terms["人类命运共同体"].best.english == "community of shared future for mankind"
    assert terms["一带一路"].best is not None and terms["一带一路"].best.english == "BRI"
    assert terms["一带一路"].missed == ["the Belt and Road"]
    assert terms["数字经济"].best is None and terms["数字经济"].rows == []


def test_a_tie_goes_to_the_row_a_reviewer_meets_first(tmp_path: Path, gold: list[Path]) -> None:
    rows = [pair("共同富裕", "shared prosperity", 0.8), pair("共同富裕", "common prosperity", 0.8)]

    evaluation = evaluate_workbook(make_workbook(tmp_path / "tie.xlsx", rows), gold)

    assert evaluation.top1_right == 0
    assert evaluation.recall == pytest.approx(1 / 7)


def test_a_workbook_without_rows_of_gold_terms_has_no_precision(tmp_path: Path, gold: list[Path]) -> None:
    evaluation = evaluate_workbook(make_workbook(tmp_path / "other.xlsx", [ROWS[-1]]), gold)

    assert evaluation.precision is None and evaluation.top1_accuracy is None
    assert (evaluation.recall, evaluation.top1_accuracy_all_terms) == (0.0, 0.0)


def test_the_command_prints_the_figures_by_name(workbook: Path, gold: list[Path]) -> None:
    code, out, err = run(str(workbook), "--gold", str(gold[0]), "--gold", str(gold[1]))

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "recall          0.571  (4 of 7 gold pairs found as a row)",
        "top-1 accuracy  0.500  (2 of 4 gold terms with rows)",
        "top-1 accuracy  0.400  (2 of all 5 gold terms)",
        "precision       0.500  (3 of 6 rows of gold terms)",
    ]


def test_missed_lists_each_gold_pair_not_found_and_the_rows_instead(workbook: Path, gold: list[Path]) -> None:
    code, out, _ = run(str(workbook), "--gold", str(gold[0]), "--gold", str(gold[1]), "--missed")

    assert code == 0
    missed = out.split("missed gold pairs (3): zh, gold en, the workbook's rows instead\n")[1].splitlines()
    assert missed == [
        "共同富裕\tcommon prosperity\tshared prosperity (0.80)",
        "一带一路\tthe Belt and Road\tBelt-and-Road initiative (0.70); BRI (0.90)",
        "数字经济\tdigital economy\t(no row)",
    ]


def test_json_gives_the_figures_and_counts(workbook: Path, gold: list[Path]) -> None:
    code, out, _ = run(str(workbook), "--gold", str(gold[0]), "--gold", str(gold[1]), "--json", "--missed")

    figures = json.loads(out)
    assert code == 0
    assert figures["recall"] == pytest.approx(4 / 7)
    assert (figures["top1_accuracy"], figures["top1_accuracy_all_terms"], figures["precision"]) == (
        0.5,
        0.4,
        0.5,
    )
    assert (figures["gold_pairs"], figures["gold_terms"], figures["rows_of_gold_terms"]) == (7, 5, 6)
    assert figures["missed"][2] == {"zh": "数字经济", "en": "digital economy", "rows": []}


def test_a_rejected_row_still_counts_as_found(tmp_path: Path, gold: list[Path]) -> None:
    rows = [pair("共同富裕", "Common Prosperity", 0.9, status="rejected")]

    evaluation = evaluate_workbook(make_workbook(tmp_path / "rejected.xlsx", rows), gold)

    assert evaluation.pairs_found == 1
    assert (evaluation.terms_with_rows, evaluation.rows_judged) == (0, 0)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b"zh\tenglish\n\xe5\x85\xb1\tx\n",
            "the first line must be a tab-separated header with columns 'zh' and 'en'",
        ),
        (b"zh,en\nx,y\n", "the first line must be a tab-separated header with columns 'zh' and 'en'"),
        (b"", "the gold file is empty"),
        (b"\n  \n", "the gold file is empty"),
        (b"zh\ten\n", "no gold pairs under the header"),
        (b"zh\ten\n\xe5\x85\xb1\xe5\x90\x8c\t\n", "line 2: a gold pair needs both zh and en"),
        (b"zh\ten\n\xff\xfe\x00z", "not UTF-8 text; save the gold file as UTF-8 TSV"),
    ],
)
def test_a_bad_gold_file_is_one_line_naming_it(
    workbook: Path, tmp_path: Path, content: bytes, problem: str
) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(content)

    with pytest.raises(GlossaryError) as raised:
        evaluate_workbook(workbook, [bad])
    assert str(raised.value) == f"{bad}: {problem}"

    code, out, err = run(str(workbook), "--gold", str(bad))
    assert (code, out, err) == (2, "", f"error: {bad}: {problem}\n")


def test_a_missing_gold_file_is_named(workbook: Path, tmp_path: Path) -> None:
    code, _, err = run(str(workbook), "--gold", str(tmp_path / "none.tsv"))

    assert (code, err) == (2, f"error: {tmp_path / 'none.tsv'}: no such gold file\n")


def test_a_file_that_is_not_a_workbook_is_named(tmp_path: Path, gold: list[Path]) -> None:
    not_a_workbook = tmp_path / "notes.xlsx"
    not_a_workbook.write_text("zh\ten\n", encoding="utf-8")

    code, out, err = run(str(not_a_workbook), "--gold", str(gold[0]))

    assert (code, out) == (2, "")
    assert err.startswith(f"error: {not_a_workbook}: not a readable .xlsx workbook")
    assert len(err.splitlines()) == 1


def test_gold_is_required(workbook: Path) -> None:
    code, _, err = run(str(workbook))

    assert code == 2
    assert "--gold" in err
