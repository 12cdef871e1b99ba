"""The review round trip through a real LibreOffice save (needs `soffice`: Debian's libreoffice-calc)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText
from test_review import Reviewer, check_decisions_survived, review_first_run, second_run
from test_workbook import letters, pair, sample_glossary, sample_rows

from glossary.cli.extract import extract
from glossary.review import save_glossary
from glossary.workbook import read_workbook

SOFFICE = shutil.which("soffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def save_in_libreoffice(path: Path, scratch: Path) -> None:
    """Open and save `path` with LibreOffice, as a reviewer's save would, and put the result in its place."""
    out = scratch / "libreoffice-out"
    profile = scratch / "libreoffice-profile"  # its own profile, so that a running LibreOffice is no obstacle
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shutil.move(out / path.name, path)


def test_decisions_survive_a_libreoffice_save(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    rows = [*sample_rows(), pair("主义", "=ism"), pair("国际关系", "-international relations")]
    save_glossary(path, sample_glossary(rows), [])
    review_first_run(path)
    save_in_libreoffice(path, tmp_path)

    saved = openpyxl.load_workbook(path)
    assert saved["Ledger"].sheet_state == "hidden"
    assert saved["Glossary"].data_validations.dataValidation  # the Status dropdown is still there
    formula_like = [
        cell for cell in saved["Glossary"]["B"] if cell.value in ("=ism", "-international relations")
    ]
    assert [cell.data_type for cell in formula_like] == ["s", "s"]  # still text, never formulas

    fresh = second_run()
    fresh.rows.extend([pair("主义", "=ism"), pair("国际关系", "-international relations")])
    report = save_glossary(path, fresh, [])

    merged = read_workbook(path)
    check_decisions_survived(merged)
    assert report is not None
    assert (report.new, report.suppressed_rejected, report.suppressed_deleted) == (2, 1, 1)


def test_deletions_survive_the_ledger_sheet_deleted_and_a_libreoffice_save(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    review_first_run(path)  # deletes 高质量发展 / high quality development among others
    workbook = openpyxl.load_workbook(path)
    del workbook["Ledger"]
    workbook.save(path)
    save_in_libreoffice(path, tmp_path)
    assert "Ledger" not in openpyxl.load_workbook(path, read_only=True).sheetnames

    save_glossary(path, second_run(), [])

    check_decisions_survived(read_workbook(path))  # the deleted row did not come back


def test_extract_again_after_a_libreoffice_save_keeps_every_decision(tmp_path: Path) -> None:
    sample = Path(__file__).parent.parent / "samples" / "sample_issue.txt"
    path = tmp_path / "glossary.xlsx"
    extract([sample], path)
    first = read_workbook(path).rows
    approved, rejected, corrected, deleted = (first[0], first[1], first[2], first[3])
    reviewer = Reviewer(path)
    reviewer.approve(approved.chinese, approved.english)
    reviewer.reject(rejected.chinese, rejected.english)
    reviewer.set(corrected.chinese, corrected.english, "English", corrected.english + " (corrected)")
    reviewer.set(corrected.chinese, corrected.english + " (corrected)", "Note", "checked in the style guide")
    reviewer.delete(deleted.chinese, deleted.english)
    reviewer.sort_by("Order")  # back to the order of the articles, as the Summary says
    reviewer.save()
    save_in_libreoffice(path, tmp_path)
    sheet = openpyxl.load_workbook(path, rich_text=True)["Glossary"]
    contexts = [cell.value for cell in sheet[letters(sheet)["English context"]][1:]]
    assert any(isinstance(value, CellRichText) for value in contexts)  # the terms are still bold

    extract([sample], path)

    rows = {(row.chinese, row.english): row for row in read_workbook(path).rows}
    assert rows[approved.chinese, approved.english].status == "approved"
    assert rows[rejected.chinese, rejected.english].status == "rejected"
    kept = rows[corrected.chinese, corrected.english + " (corrected)"]
    assert (kept.note, kept.extracted_english) == ("checked in the style guide", corrected.english)
    assert (deleted.chinese, deleted.english) not in rows
    for row in first:  # contexts read back as the plain text extract wrote
        if (row.chinese, row.english) in rows:
            again = rows[row.chinese, row.english]
            assert (again.chinese_context, again.english_context) == (
                row.chinese_context,
                row.english_context,
            )
