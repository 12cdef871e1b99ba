"""Rows a reviewer deleted stay deleted when the hidden Ledger sheet is gone, or the reviewer is told."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.packaging.custom import CustomPropertyList
from test_review import Reviewer, second_run
from test_workbook import sample_glossary

from glossary.errors import Problem
from glossary.review import LEDGER_MISSING, save_glossary
from glossary.workbook import LEDGER_FROM_PROPERTIES, decode_ledger, encode_ledger, read_workbook

DELETED = ("高质量发展", "high quality development")


def delete_a_row(path: Path) -> None:
    reviewer = Reviewer(path)
    reviewer.delete(*DELETED)
    reviewer.save()


def remove_ledger(path: Path, sheet: bool = True, properties: bool = False) -> None:
    workbook = openpyxl.load_workbook(path)
    if sheet:
        del workbook["Ledger"]
    if properties:
        workbook.custom_doc_props = CustomPropertyList()
    workbook.save(path)


def rerun(path: Path) -> tuple[set[tuple[str, str]], list[str]]:
    problems: list[Problem] = []
    save_glossary(path, second_run(), [], problems)
    return {(row.chinese, row.english) for row in read_workbook(path).rows}, [str(p) for p in problems]


def test_the_ledger_survives_the_sheet_being_deleted(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    delete_a_row(path)
    remove_ledger(path)

    pairs, problems = rerun(path)

    assert DELETED not in pairs
    assert problems == [f"{path}: {LEDGER_FROM_PROPERTIES}"]
    assert openpyxl.load_workbook(path)["Ledger"].sheet_state == "veryHidden"  # written again


def test_with_both_copies_gone_the_newest_backup_remembers(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    save_glossary(path, sample_glossary(), [])  # the backup beside it now has a ledger
    delete_a_row(path)
    remove_ledger(path, properties=True)
    [backup] = tmp_path.glob("glossary.backup-*.xlsx")

    pairs, problems = rerun(path)

    assert DELETED not in pairs
    assert problems == [f"{path}: {LEDGER_MISSING}; the rows deleted before are known from {backup.name}"]


def test_a_glossary_copied_into_a_new_workbook_is_reported(tmp_path: Path) -> None:
    original = tmp_path / "glossary.xlsx"
    save_glossary(original, sample_glossary(), [])
    delete_a_row(original)
    copy = tmp_path / "copy.xlsx"
    source = openpyxl.load_workbook(original)["Glossary"]
    workbook = openpyxl.Workbook()
    workbook.active.title = "Glossary"
    for values in source.iter_rows(values_only=True):
        workbook.active.append(values)
    workbook.save(copy)

    pairs, problems = rerun(copy)

    assert DELETED in pairs  # nothing remembers the deletion: it comes back, and the reviewer hears why
    assert len(problems) == 1 and LEDGER_MISSING in problems[0] and "may come back" in problems[0]


def test_ledger_text_round_trips_and_a_cut_short_one_is_no_ledger() -> None:
    ledger = {("全球安全倡议", "Global Security Initiative"): "approved", DELETED: "deleted"}
    text = encode_ledger(ledger)
    assert decode_ledger(text) == ledger
    for cut in (len(text) // 2, len(text) - 4):  # a program that cuts long properties short
        assert decode_ledger(text[:cut]) == {}


def test_a_ledger_with_a_character_utf8_cannot_hold_round_trips() -> None:
    ledger = {
        ("全球\ud800安全", "Global Security"): "approved",
        ("地区安全", "regional security"): "candidate",
    }
    assert decode_ledger(encode_ledger(ledger)) == ledger
