"""The review round trip through a real LibreOffice save (needs `soffice`: Debian's libreoffice-calc)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from test_review import check_decisions_survived, review_first_run, second_run
from test_workbook import pair, sample_glossary, sample_rows

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
