"""`glossary export`: from a reviewed workbook to a file a CAT or MT tool imports."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from click.testing import CliRunner, Result
from test_formats import row

from glossary.cli import main
from glossary.cli.export import ExportReport, export_glossary
from glossary.errors import GlossaryError
from glossary.models import Glossary, GlossaryRow, RunInfo
from glossary.termlist_files import load_termlist
from glossary.workbook import write_workbook

REVIEWED = [
    row("全球安全倡议", "Global Security Initiative", confidence=0.95, status="approved"),
    row("全球安全倡议", "Global Safety Initiative", confidence=0.6, status="rejected"),
    row("人类命运共同体", "a global community of shared future", confidence=0.9, status="approved"),
    row("人类命运共同体", "a community with a shared future for mankind", confidence=0.8, status="candidate"),
    row("人类命运共同体", "a community with a shared future for mankind", confidence=0.7, status="approved"),
    row(
        "中国国际问题研究院",
        "China Institute of International Studies",
        confidence=0.85,
        type="organization",
        status="candidate",
    ),
    row("和平崛起", "peaceful rise", confidence=0.9, status="rejected"),
    row("新型国际关系", "", confidence=0.5, status="approved"),
]


def workbook(tmp_path: Path, rows: list[GlossaryRow]) -> Path:
    path = tmp_path / "review.xlsx"
    run = RunInfo(created="2025-03-01T09:00:00", version="0.1.0", inputs=["2023-4.txt"], termlists=[])
    write_workbook(path, Glossary(rows=rows, articles=[], run=run))
    return path


def export(*arguments: str | Path) -> Result:
    return CliRunner().invoke(main, ["export", *map(str, arguments)])


def pairs(path: Path) -> set[tuple[str, str, str]]:
    return {(pair.zh, pair.en, pair.status) for pair in load_termlist(path)}


def test_default_export_is_approved_rows_in_one_entry_per_chinese_term(tmp_path: Path) -> None:
    output = tmp_path / "glossary.tbx"
    result = export(workbook(tmp_path, REVIEWED), "--format", "tbx", "-o", output)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{output}: 2 Chinese terms, 3 English renderings (tbx)\n"
    book = tmp_path / "review.xlsx"
    assert (
        result.stderr == f"warning: {book}: rows left out because they lack the Chinese or the English: 1\n"
    )
    root = SafeET.parse(output).getroot()
    assert len(root.findall("text/body/termEntry")) == 2
    assert pairs(output) == {
        ("全球安全倡议", "Global Security Initiative", "approved"),
        ("人类命运共同体", "a global community of shared future", "approved"),
        ("人类命运共同体", "a community with a shared future for mankind", "alias"),
    }


def test_status_candidate_adds_candidates_that_read_back_as_candidates(tmp_path: Path) -> None:
    output = tmp_path / "glossary.csv"
    result = export(workbook(tmp_path, REVIEWED), "--format", "csv", "-o", output, "--status", "candidate")
    assert result.exit_code == 0, result.output
    assert ("中国国际问题研究院", "China Institute of International Studies", "candidate") in pairs(output)
    assert not any(status == "rejected" for _, _, status in pairs(output))


def test_status_all_marks_rejected_rows_deprecated(tmp_path: Path) -> None:
    output = tmp_path / "glossary.tbx3"
    result = export(workbook(tmp_path, REVIEWED), "--format", "tbx3", "-o", output, "--status", "all")
    assert result.exit_code == 0, result.output
    assert {
        ("全球安全倡议", "Global Safety Initiative", "rejected"),
        ("和平崛起", "peaceful rise", "rejected"),
    } <= pairs(output)
    assert "deprecatedTerm-admn-sts" in output.read_text(encoding="utf-8")


def test_deepl_gets_one_approved_rendering_per_term_whatever_status_says(tmp_path: Path) -> None:
    output = tmp_path / "deepl-zh-en.csv"
    report = export_glossary(workbook(tmp_path, REVIEWED), "deepl", output, status="all")
    assert report == ExportReport(
        entries=2, terms=2, format="deepl", output=output, incomplete=1, candidates_left_out=2
    )
    assert output.read_text(encoding="utf-8").splitlines() == [
        "全球安全倡议,Global Security Initiative",
        "人类命运共同体,a global community of shared future",
    ]


def test_deepl_takes_candidates_only_when_told_in_so_many_words(tmp_path: Path) -> None:
    output = tmp_path / "deepl-zh-en.csv"
    book = workbook(tmp_path, REVIEWED)
    result = export(book, "--format", "deepl", "-o", output, "--status", "candidate")
    assert result.exit_code == 0, result.output
    assert "2 candidate rows left out of the DeepL glossary" in result.stderr
    assert "--deepl-candidates" in result.stderr
    result = export(
        book, "--format", "deepl", "-o", output, "--status", "candidate", "--deepl-candidates", "--overwrite"
    )
    assert result.exit_code == 0, result.output
    assert "中国国际问题研究院,China Institute of International Studies" in output.read_text(encoding="utf-8")


def test_no_approved_rows_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "glossary.tsv"
    unreviewed = [row("全球发展倡议", "Global Development Initiative", status="candidate")]
    result = export(workbook(tmp_path, unreviewed), "--format", "tsv", "-o", output)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "--status candidate" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not output.exists()


def test_a_missing_output_folder_is_one_line(tmp_path: Path) -> None:
    result = export(workbook(tmp_path, REVIEWED), "--format", "tsv", "-o", tmp_path / "absent" / "g.tsv")
    assert result.exit_code == 2
    assert (
        result.stderr == f"error: {tmp_path / 'absent' / 'g.tsv'}: the folder to write into does not exist\n"
    )


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    result = export(workbook(tmp_path, REVIEWED), "--format", "docx", "-o", tmp_path / "g.docx")
    assert result.exit_code == 2
    assert "'docx' is not one of" in result.stderr
    with pytest.raises(GlossaryError, match="unknown format 'docx'"):
        export_glossary(tmp_path / "review.xlsx", "docx", tmp_path / "g.docx")


def test_help_explains_the_statuses_and_formats() -> None:
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    for text in ("--status candidate", "deprecated", "tbx3", "OmegaT", "DeepL", "byte-order mark"):
        assert text in result.output


def test_deepl_has_nothing_to_take_from_rejected_rows_only(tmp_path: Path) -> None:
    output = tmp_path / "deepl.csv"
    rejected = [row("和平崛起", "peaceful rise", status="rejected")]
    result = export(workbook(tmp_path, rejected), "--format", "deepl", "-o", output, "--status", "all")
    assert result.exit_code == 2
    assert "nothing to export: no approved row has both Chinese and English" in result.stderr
    assert not output.exists()


def test_language_tags_and_exact_cells_are_options(tmp_path: Path) -> None:
    book = workbook(tmp_path, [*REVIEWED, row("浮动区间", "+/-2% band", status="approved")])
    tbx = tmp_path / "glossary.tbx"
    result = export(book, "--format", "tbx", "-o", tbx, "--zh-lang", "zh-TW", "--en-lang", "en-US")
    assert result.exit_code == 0, result.output
    assert 'xml:lang="zh-TW"' in tbx.read_text(encoding="utf-8")
    assert (tmp_path / "TBXBasic-zh-TW-en-US.xcs").is_file()
    deepl = tmp_path / "deepl.csv"
    assert export(book, "--format", "deepl", "-o", deepl).exit_code == 0
    assert "浮动区间,'+/-2% band" in deepl.read_text(encoding="utf-8")
    assert export(book, "--format", "deepl", "-o", deepl, "--exact-cells", "--overwrite").exit_code == 0
    assert "浮动区间,+/-2% band" in deepl.read_text(encoding="utf-8")
    result = export(book, "--format", "tbx", "-o", tbx, "--zh-lang", "chinese", "--overwrite")
    assert result.exit_code == 2 and "'chinese' is not a language tag for 'zh'" in result.stderr
