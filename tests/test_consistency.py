"""Consistency: the Chinese terms the articles render in more than one way, as a table and a sheet."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from test_rows import record, term_pair
from test_workbook import sample_glossary

from glossary.cli import main
from glossary.cli.consistency import report_consistency
from glossary.consistency import find_inconsistencies, render
from glossary.errors import GlossaryError
from glossary.models import ArticleRecord, KnownPair, TermPair
from glossary.workbook import write_workbook

SAMPLE = Path(__file__).parent.parent / "samples" / "sample_issue.txt"
RECORDS: list[ArticleRecord] = [
    record("A1", "大国关系的新变化"),
    record("A2", "大国协调与地区安全"),
    record("A3", "新型国际关系"),
]
KNOWN = [
    KnownPair("大国", "major country", origin="termlists/political.tsv"),
    KnownPair("大国", "major power", status="alias", origin="termlists/political.tsv"),
]


def corpus_pairs() -> list[TermPair]:
    return [
        term_pair(
            "大国",
            "major country",
            0.95,
            ("abstract", "A1", "大国关系深刻调整。"),
            ("keywords", "A3", "大国；国际关系"),
            ("termlist", "A2", "大国协调"),
        ),
        term_pair("大国", "major power", 0.9, ("abstract", "A2", "大国协调机制。")),
        term_pair("大国", "great power", 0.96, ("termlist", "A1", "大国")),  # only the termlist has it
        term_pair("大国", "power", 0.3, ("abstract", "A3", "大国")),  # a doubtful pairing
        term_pair("国际货币基金组织", "International Monetary Fund", 0.9, ("abstract", "A1", "")),
        term_pair("国际货币基金组织", "IMF", 0.9, ("parenthetical", "A2", ""), kind="acronym"),
        term_pair("国际关系", "international relations", 0.9, ("keywords", "A3", "")),
    ]


def test_only_terms_the_inputs_render_several_ways_are_reported() -> None:
    (item,) = find_inconsistencies(corpus_pairs(), RECORDS, KNOWN)

    assert item.chinese == "大国"
    assert item.approved == ["major country"]
    assert [(r.english, r.count, r.termlist) for r in item.renderings] == [
        ("major country", 2, "approved"),
        ("major power", 1, "alias"),
    ]
    assert item.renderings[0].articles == ["A1 2024-03.txt: 大国关系的新变化", "A3 2024-03.txt: 新型国际关系"]
    assert item.renderings[1].chinese_context == "大国协调机制。"


def test_the_table_names_renderings_articles_and_examples() -> None:
    lines = render(find_inconsistencies(corpus_pairs(), RECORDS, KNOWN))

    assert lines[:5] == [
        "大国: 2 renderings; termlist approves: major country",
        "  major country [approved in termlist]: 2x in A1, A3",
        "      大国关系深刻调整。",
        "  major power [alias in termlist]: 1x in A2",
        "      大国协调机制。",
    ]
    assert lines[-3:] == [
        "A1 2024-03.txt: 大国关系的新变化",
        "A2 2024-03.txt: 大国协调与地区安全",
        "A3 2024-03.txt: 新型国际关系",
    ]


def test_the_glossary_workbook_has_a_consistency_sheet(tmp_path: Path) -> None:
    glossary = sample_glossary()
    glossary.consistency = find_inconsistencies(corpus_pairs(), RECORDS, KNOWN)
    path = tmp_path / "glossary.xlsx"
    write_workbook(path, glossary)

    workbook = openpyxl.load_workbook(path)
    rows = list(workbook["Consistency"].iter_rows(values_only=True))
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if row and row[0]}

    assert rows[0] == ("Chinese", "Renderings", "Termlist approves", "Articles", "Example contexts")
    assert rows[1][:3] == (
        "大国",
        "major country: 2 (approved in termlist)\nmajor power: 1 (alias in termlist)",
        "major country",
    )
    assert rows[1][3].splitlines() == [
        "major country:",
        "   A1 2024-03.txt: 大国关系的新变化",
        "   A3 2024-03.txt: 新型国际关系",
        "major power:",
        "   A2 2024-03.txt: 大国协调与地区安全",
    ]
    assert summary["Rendered several ways"] == 1


def test_the_command_prints_the_report_and_writes_it_when_asked(tmp_path: Path) -> None:
    output = tmp_path / "report.xlsx"

    result = CliRunner().invoke(main, ["consistency", str(SAMPLE), "-o", str(output)])

    assert result.exit_code == 0, result.output
    assert (
        result.output.strip()
        .splitlines()[-1]
        .startswith("0 term(s) rendered more than one way in 3 article(s)")
    )
    assert openpyxl.load_workbook(output).sheetnames == ["Consistency"]


def test_its_output_never_replaces_an_input_or_a_glossary_workbook(tmp_path: Path) -> None:
    existing = tmp_path / "report.xlsx"
    existing.write_bytes(b"an earlier report")
    glossary = tmp_path / "glossary.xlsx"
    write_workbook(glossary, sample_glossary())
    issue = tmp_path / "issue.txt"
    issue.write_bytes(SAMPLE.read_bytes())

    for output, overwrite, reason in [
        (existing, False, "already exists; add --overwrite"),
        (glossary, True, "is a glossary workbook"),
        (issue, True, "is an input of this run"),
    ]:
        before = output.read_bytes()
        with pytest.raises(GlossaryError, match=reason):
            report_consistency([issue], output=output, overwrite=overwrite)
        assert output.read_bytes() == before
    report_consistency([issue], output=existing, overwrite=True)
    assert openpyxl.load_workbook(existing).sheetnames == ["Consistency"]


def test_a_file_without_articles_is_named_with_its_problem(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要\n\n本次会议讨论了明年的出版计划。\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["consistency", str(notes)])

    assert result.exit_code == 2
    assert f"error: {notes}: no article front matter found" in result.output


def test_inputs_without_articles_are_named_as_extract_names_them(tmp_path: Path) -> None:
    files = []
    for name in ("a.txt", "b.txt"):
        files.append(tmp_path / name)
        files[-1].write_text("这一期没有文章。\n", encoding="utf-8")
    unusable = "no article front matter found"
    with pytest.raises(GlossaryError) as one:
        report_consistency(files[:1])
    assert str(one.value).startswith(f"{files[0]}: {unusable}") and str(one.value).endswith(
        "; no journal articles found"
    )
    result = CliRunner().invoke(main, ["extract", *map(str, files), "-o", str(tmp_path / "g.xlsx")])
    assert result.exit_code == 2
    both = f"{files[0]}, {files[1]}: no journal articles found"
    assert result.stderr.startswith(f"error: {both}, nothing written ({files[0]}: {unusable}")
    with pytest.raises(GlossaryError, match=f"^{re.escape(both)} \\({re.escape(str(files[0]))}: {unusable}"):
        report_consistency(files)
