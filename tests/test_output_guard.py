"""No command writes over an input of its run or a glossary workbook; other files only with --overwrite."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_export_cli import REVIEWED, workbook

from glossary.cli import COMMANDS, main
from glossary.errors import GlossaryError
from glossary.files import guard_output, is_glossary_workbook

SAMPLE = Path(__file__).parent.parent / "samples" / "sample_issue.txt"
TERMLIST = "zh\ten\n全球安全倡议\tGlobal Security Initiative\n"


def run(*arguments: str | Path) -> Result:
    return CliRunner().invoke(main, [*map(str, arguments)])


def refused(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr


def test_export_never_writes_over_its_own_workbook(tmp_path: Path) -> None:
    reviewed = workbook(tmp_path, REVIEWED)
    before = reviewed.read_bytes()
    for extra in ([], ["--overwrite"]):
        refused(run("export", reviewed, "--format", "tsv", "-o", reviewed, *extra), "input of this run")
    assert reviewed.read_bytes() == before


def test_a_glossary_workbook_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    reviewed = workbook(tmp_path, REVIEWED)
    other = tmp_path / "last-year.dat"
    shutil.copy(reviewed, other)
    backup = tmp_path / "review.backup-20250301-090000.xlsx"
    shutil.copy(reviewed, backup)
    for target in (other, backup):
        result = run("export", reviewed, "--format", "csv", "-o", target, "--overwrite")
        refused(result, "is a glossary workbook", str(target))
        assert target.read_bytes() == reviewed.read_bytes()


def test_a_workbook_saved_as_ods_is_a_glossary_workbook_too(tmp_path: Path) -> None:
    ods = tmp_path / "review.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "content.xml",
            "<office:document-content><office:body><office:spreadsheet>"
            '<table:table table:name="Glossary" table:style-name="ta1"></table:table>'
            "</office:spreadsheet></office:body></office:document-content>",
        )
    assert is_glossary_workbook(ods)
    assert not is_glossary_workbook(SAMPLE)
    with pytest.raises(GlossaryError, match="glossary workbook"):
        guard_output(ods, [], overwrite=True)


def test_another_existing_file_needs_overwrite(tmp_path: Path) -> None:
    reviewed = workbook(tmp_path, REVIEWED)
    journal = tmp_path / "issue.txt"
    journal.write_text("the journal text", encoding="utf-8")
    refused(run("export", reviewed, "--format", "tsv", "-o", journal), "already exists", "--overwrite")
    assert journal.read_text(encoding="utf-8") == "the journal text"
    result = run("export", reviewed, "--format", "tsv", "-o", journal, "--overwrite")
    assert result.exit_code == 0, result.output
    assert "Global Security Initiative" in journal.read_text(encoding="utf-8")


def test_links_to_an_input_are_the_input(tmp_path: Path) -> None:
    termlist = tmp_path / "ours.tsv"
    termlist.write_text(TERMLIST, encoding="utf-8")
    os.symlink(termlist, tmp_path / "link.tsv")
    os.link(termlist, tmp_path / "hard.tsv")
    for name in ("link.tsv", "hard.tsv", "./ours.tsv"):
        output = tmp_path / name
        refused(run("import", termlist, "-o", output, "--overwrite"), "input of this run")
    assert termlist.read_text(encoding="utf-8") == TERMLIST


def test_extract_never_writes_its_workbook_over_an_input(tmp_path: Path) -> None:
    issue = tmp_path / "issue.txt"
    shutil.copy(SAMPLE, issue)
    termlist = tmp_path / "ours.tsv"
    termlist.write_text(TERMLIST, encoding="utf-8")
    refused(run("extract", issue, "-o", issue), "input of this run")
    refused(run("extract", tmp_path, "-o", issue), "input of this run")  # found in the folder
    refused(run("extract", issue, "--termlist", termlist, "-o", termlist), "input of this run")
    assert issue.read_bytes() == SAMPLE.read_bytes()
    assert termlist.read_text(encoding="utf-8") == TERMLIST


def test_align_and_termlist_outputs_are_guarded(tmp_path: Path) -> None:
    issue = tmp_path / "issue.txt"
    shutil.copy(SAMPLE, issue)
    refused(run("align", tmp_path, "-o", issue, "--overwrite"), "input of this run")
    existing = tmp_path / "abstracts.tmx"
    existing.write_text("<tmx/>", encoding="utf-8")
    refused(run("align", issue, "-o", existing), "--overwrite")
    assert run("align", issue, "-o", existing, "--overwrite").exit_code == 0
    assert "<tu" in existing.read_text(encoding="utf-8")

    reviewed = workbook(tmp_path, REVIEWED)
    tsv = tmp_path / "reviewed.tsv"
    tsv.write_text("old", encoding="utf-8")
    refused(run("termlist", reviewed, "-o", tsv), "--overwrite")
    assert run("termlist", reviewed, "-o", tsv, "--overwrite").exit_code == 0
    assert "Global Security Initiative" in tsv.read_text(encoding="utf-8")


def test_a_folder_as_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="is a folder"):
        guard_output(tmp_path, [], overwrite=True)


@pytest.mark.parametrize("command", ["export", "align", "import", "termlist"])
def test_every_writing_command_offers_overwrite_in_help(command: str) -> None:
    assert command in COMMANDS
    assert "--overwrite" in run(command, "--help").output
