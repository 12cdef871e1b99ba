"""The review round trip: a reviewer edits the workbook, the tool runs again, every decision survives."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from test_workbook import RURAL_ARTICLE, pair, sample_glossary, sample_rows

from glossary.errors import GlossaryError
from glossary.models import Glossary, GlossaryRow, KnownPair
from glossary.review import NOT_FOUND, MergeReport, backup_path, merge_review, save_glossary, with_conflicts
from glossary.workbook import read_workbook

NEW_ARTICLE = "A3 2024-05.txt: 新发展格局下的区域协调"


class Reviewer:
    """Edits a glossary workbook with openpyxl the way a person does in a spreadsheet program."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.workbook = openpyxl.load_workbook(path, rich_text=True)  # a spreadsheet keeps the bold terms
        self.sheet = self.workbook["Glossary"]
        self.columns = {cell.value: cell.column for cell in self.sheet[1]}

    def _row_of(self, chinese: str, english: str) -> int:
        for number in range(2, self.sheet.max_row + 1):
            if (self.get(number, "Chinese"), self.get(number, "English")) == (chinese, english):
                return number
        raise AssertionError(f"no row {chinese} / {english}")

    def get(self, number: int, header: str) -> object:
        return self.sheet.cell(number, self.columns[header]).value

    def set(self, chinese: str, english: str, header: str, value: str) -> None:
        self.sheet.cell(self._row_of(chinese, english), self.columns[header], value)

    def approve(self, chinese: str, english: str) -> None:
        self.set(chinese, english, "Status", "approved")

    def reject(self, chinese: str, english: str) -> None:
        self.set(chinese, english, "Status", "rejected")

    def delete(self, chinese: str, english: str) -> None:
        self.sheet.delete_rows(self._row_of(chinese, english))

    def add(self, chinese: str, english: str, status: str, note: str = "") -> None:
        values = {"Chinese": chinese, "English": english, "Status": status, "Note": note, "Type": "concept"}
        number = self.sheet.max_row + 1
        for header, value in values.items():
            self.sheet.cell(number, self.columns[header], value)

    def sort_by(self, header: str) -> None:
        """Sort the data rows by one column, as the autofilter's sort does: cells move, text stays text."""
        width = self.sheet.max_column
        rows = [
            [(cell.value, cell.data_type) for cell in self.sheet[number][:width]]
            for number in range(2, self.sheet.max_row + 1)
        ]
        rows.sort(key=lambda cells: str(cells[self.columns[header] - 1][0] or ""))
        for number, cells in enumerate(rows, 2):
            for column, (value, data_type) in enumerate(cells, 1):
                cell = self.sheet.cell(number, column)
                cell.value = value
                cell.data_type = data_type  # assigning "=ism" alone would make it a formula

    def save(self) -> None:
        self.workbook.save(self.path)


def review_first_run(path: Path) -> None:
    """The decisions every round-trip test checks: approve, reject, correct, annotate, add, delete, sort."""
    reviewer = Reviewer(path)
    reviewer.approve("全球安全倡议", "Global Security Initiative")
    reviewer.reject("全球安全倡议", "global security proposal")
    reviewer.set(
        "人类命运共同体",
        "community of shared future for mankind",
        "English",
        "community with a shared future for mankind",
    )
    reviewer.approve("人类命运共同体", "community with a shared future for mankind")
    reviewer.set("一带一路", "Belt and Road", "Note", "write Belt and Road Initiative in titles")
    reviewer.set("上海合作组织", "Shanghai Cooperation Organisation", "Type", "place")
    reviewer.delete("高质量发展", "high quality development")
    reviewer.add("共同富裕", "common prosperity", "approved", note="added from the style guide")
    reviewer.sort_by("English")
    reviewer.save()


def second_run() -> Glossary:
    """The same journal again with a new issue: every old pair, more often, and two new ones."""
    rows = []
    for row in sample_rows():
        rows.append(replace(row, frequency=row.frequency + 1, articles=[*row.articles, NEW_ARTICLE]))
    rows.insert(4, pair("共同富裕", "common prosperity", 0.8, articles=(NEW_ARTICLE,)))
    rows.append(pair("新发展格局", "new development paradigm", 0.84, articles=(NEW_ARTICLE,)))
    rows.append(pair("乡村振兴", "rural revitalization", 0.91, articles=(RURAL_ARTICLE, NEW_ARTICLE)))
    return sample_glossary(rows)


def by_pair(glossary: Glossary) -> dict[tuple[str, str], GlossaryRow]:
    return {(row.chinese, row.english): row for row in glossary.rows}


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.xlsx"
    assert save_glossary(path, sample_glossary(), []) is None
    review_first_run(path)
    return path


def check_decisions_survived(glossary: Glossary) -> None:
    """What the reviewer decided in review_first_run, as a later run must show it."""
    rows = by_pair(glossary)
    assert rows["全球安全倡议", "Global Security Initiative"].status == "approved"
    assert rows["全球安全倡议", "global security proposal"].status == "rejected"
    corrected = rows["人类命运共同体", "community with a shared future for mankind"]
    assert (corrected.status, corrected.extracted_english) == (
        "approved",
        "community of shared future for mankind",
    )
    assert ("人类命运共同体", "community of shared future for mankind") not in rows
    assert rows["一带一路", "Belt and Road"].note == "write Belt and Road Initiative in titles"
    assert rows["上海合作组织", "Shanghai Cooperation Organisation"].type == "place"
    assert ("高质量发展", "high quality development") not in rows
    added = [row for row in glossary.rows if row.chinese == "共同富裕"]
    assert [(row.english, row.status, row.note) for row in added] == [
        ("common prosperity", "approved", "added from the style guide")
    ]
    assert [row.status for row in glossary.rows].count("candidate") == len(glossary.rows) - 4
    assert {(row.chinese, row.note) for row in glossary.rows if row.note} == {
        ("一带一路", "write Belt and Road Initiative in titles"),
        ("共同富裕", "added from the style guide"),
    }


def test_every_decision_survives_a_second_run(reviewed: Path) -> None:
    merged, report = merge_review(read_workbook(reviewed), second_run(), [])

    check_decisions_survived(merged)
    rows = by_pair(merged)
    assert rows["新发展格局", "new development paradigm"].status == "candidate"
    assert rows["乡村振兴", "rural revitalization"].status == "candidate"
    # the tool's figures are brought up to date, for reviewed rows too
    approved = rows["全球安全倡议", "Global Security Initiative"]
    assert approved.frequency == 5
    assert approved.articles[-1] == NEW_ARTICLE
    assert rows["共同富裕", "common prosperity"].articles == [NEW_ARTICLE]
    assert report == MergeReport(kept=0, updated=6, new=2, suppressed_rejected=1, suppressed_deleted=1)
    assert report.summary() == "6 updated, 2 new, 1 suppressed rejected, 1 suppressed deleted"


def test_rows_come_out_grouped_by_term_in_the_new_runs_order(reviewed: Path) -> None:
    merged, _ = merge_review(read_workbook(reviewed), second_run(), [])

    terms = [row.chinese for row in merged.rows]

    assert terms[:2] == ["全球安全倡议", "全球安全倡议"]
    assert terms == sorted(terms, key=terms.index)  # rows of one term are adjacent
    assert [row.english for row in merged.rows[:2]] == [
        "Global Security Initiative",
        "global security proposal",
    ]


def test_save_glossary_keeps_a_backup_and_writes_the_merge(reviewed: Path) -> None:
    reviewed_bytes = reviewed.read_bytes()

    report = save_glossary(reviewed, second_run(), [])

    (backup,) = [path for path in reviewed.parent.iterdir() if path != reviewed]
    assert backup.name.startswith("glossary.backup-") and backup.suffix == ".xlsx"
    assert backup.read_bytes() == reviewed_bytes
    assert report is not None and report.new == 2
    check_decisions_survived(read_workbook(reviewed))


def test_deleted_and_rejected_pairs_stay_out_run_after_run(reviewed: Path) -> None:
    save_glossary(reviewed, second_run(), [])
    report = save_glossary(reviewed, second_run(), [])

    check_decisions_survived(read_workbook(reviewed))
    assert report is not None
    assert (report.new, report.suppressed_deleted, report.suppressed_rejected) == (0, 1, 1)
    assert read_workbook(reviewed).ledger["高质量发展", "high quality development"] == "deleted"


def test_a_pair_found_again_in_other_spelling_is_not_a_new_candidate(reviewed: Path) -> None:
    fresh = second_run()
    fresh.rows.append(pair("全球安全倡议", "Global-Security  proposal", 0.3))  # a rejected pair, respelled
    fresh.rows.append(pair("高质量发展", "High-quality development", 0.6))  # a deleted pair, respelled

    merged, report = merge_review(read_workbook(reviewed), fresh, [])

    assert ("全球安全倡议", "Global-Security  proposal") not in by_pair(merged)
    assert ("高质量发展", "High-quality development") not in by_pair(merged)
    assert (report.suppressed_rejected, report.suppressed_deleted) == (2, 2)


def test_a_row_corrected_to_what_the_tool_now_proposes_is_not_doubled(reviewed: Path) -> None:
    fresh = second_run()
    fresh.rows.append(pair("人类命运共同体", "community with a shared future for mankind", 0.8))

    merged, report = merge_review(read_workbook(reviewed), fresh, [])

    assert [row.english for row in merged.rows if row.chinese == "人类命运共同体"] == [
        "community with a shared future for mankind"
    ]
    assert report.covered == 1


def test_what_the_new_run_no_longer_finds(reviewed: Path) -> None:
    fresh = sample_glossary(
        [row for row in second_run().rows if row.chinese not in ("全球安全倡议", "数字经济")]
    )

    report = save_glossary(reviewed, fresh, [])

    rows = by_pair(read_workbook(reviewed))
    assert ("数字经济", "digital economy") not in rows  # an unreviewed candidate goes
    assert rows["全球安全倡议", "Global Security Initiative"].check == NOT_FOUND  # a decision stays
    assert rows["全球安全倡议", "global security proposal"].status == "rejected"
    assert report is not None and report.dropped == 1
    # the reviewer did not delete that candidate: found again later, it comes back
    save_glossary(reviewed, second_run(), [])
    assert by_pair(read_workbook(reviewed))["数字经济", "digital economy"].status == "candidate"


def test_a_type_corrected_on_a_candidate_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    reviewer = Reviewer(path)
    reviewer.set("数字经济", "digital economy", "Type", "other")
    reviewer.save()

    merged, _ = merge_review(read_workbook(path), sample_glossary(), [])

    row = by_pair(merged)["数字经济", "digital economy"]
    assert (row.type, row.status) == ("other", "candidate")


def test_a_reviewers_own_column_survives_the_merge(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    save_glossary(path, sample_glossary(), [])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Glossary"]
    sheet.cell(1, sheet.max_column + 1, "Domain")
    sheet.cell(2, sheet.max_column, "security")
    workbook.save(path)

    save_glossary(path, second_run(), [])

    row = read_workbook(path).rows[0]
    assert (row.english, row.reviewer_columns) == ("Global Security Initiative", {"Domain": "security"})


def test_conflicts_are_written_into_check() -> None:
    rows = [
        replace(pair("人类命运共同体", "community with a shared future for mankind"), status="approved"),
        replace(pair("人类命运共同体", "community of common destiny"), status="approved"),
        replace(pair("全球安全倡议", "Global Security Initiative"), status="approved"),
        replace(pair("新发展格局", "new development pattern"), status="approved"),
        pair("一带一路", "One Belt One Road"),
        replace(pair("一带一路", "Belt and Road Initiative"), status="approved"),
    ]
    known = [
        KnownPair("全球安全倡议", "global security initiative", origin="termlists/political.tsv"),
        KnownPair("新发展格局", "new development paradigm", origin="termlists/political.tsv"),
        KnownPair("新发展格局", "new pattern of development", status="alias", origin="old.tsv"),
        KnownPair("一带一路", "ONE-BELT ONE ROAD", status="rejected", origin="style.tsv"),
    ]

    merged, _ = merge_review(sample_glossary([]), sample_glossary(rows), known)

    checks = {row.english: row.check for row in merged.rows}
    assert checks == {
        "community with a shared future for mankind": "also approved: community of common destiny",
        "community of common destiny": "also approved: community with a shared future for mankind",
        "Global Security Initiative": "",  # the termlist's spelling differs only in case
        "new development pattern": "termlist political.tsv has: new development paradigm",
        "One Belt One Road": "rejected in termlist style.tsv; approved as: Belt and Road Initiative",
        "Belt and Road Initiative": "",
    }


def test_competing_candidates_and_termlist_disagreements_are_written_into_check() -> None:
    rows = [
        pair("大国", "major country", 0.95),
        pair("大国", "major power", 0.9),
        replace(pair("大国", "big country", 0.3), status="rejected"),
        pair("大国", "power", 0.3),  # a misalignment, most likely
        pair("国际货币基金组织", "International Monetary Fund", 0.95),
        pair("国际货币基金组织", "IMF", 0.9, type="acronym"),
        pair("中国式现代化", "Chinese-style modernization", 0.7),
        pair("中国式现代化", "Chinese modernization", 0.9, sources=("termlist",)),
        pair("乡村振兴", "rural revitalization", 0.9),
    ]
    known = [KnownPair("中国式现代化", "Chinese modernization", origin="termlists/political.tsv")]

    checks = {row.english: row.check for row in with_conflicts(rows, known)}

    assert checks == {
        "major country": "other renderings: major power",  # a rejected or doubtful rendering: no rival
        "major power": "other renderings: major country",
        "big country": "",
        "power": "other renderings: major country; major power",
        "International Monetary Fund": "",  # an acronym is another form of the name
        "IMF": "",
        "Chinese-style modernization": "termlist political.tsv has: Chinese modernization",
        "Chinese modernization": "other renderings: Chinese-style modernization",
        "rural revitalization": "",
    }


def test_an_alias_in_a_termlist_is_no_conflict() -> None:
    rows = [replace(pair("新发展格局", "New-Development Pattern"), status="approved")]
    known = [
        KnownPair("新发展格局", "new development paradigm"),
        KnownPair("新发展格局", "new development pattern", status="alias"),
    ]

    merged, _ = merge_review(sample_glossary([]), sample_glossary(rows), known)

    assert merged.rows[0].check == ""


def test_a_first_run_writes_the_workbook_with_its_checks(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    known = [KnownPair("数字经济", "digital economy", status="rejected")]

    assert save_glossary(path, sample_glossary(), known) is None

    assert by_pair(read_workbook(path))["数字经济", "digital economy"].check == "rejected in a termlist"
    assert list(tmp_path.iterdir()) == [path]


def test_an_unreadable_workbook_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    path.write_bytes(b"not a workbook")

    with pytest.raises(GlossaryError, match=r"not a readable \.xlsx workbook"):
        save_glossary(path, sample_glossary(), [])

    assert path.read_bytes() == b"not a workbook"
    assert list(tmp_path.iterdir()) == [path]


def test_backups_never_overwrite_each_other(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    moment = datetime(2025, 2, 3, 10, 15, 9)
    first = backup_path(path, moment)
    first.write_bytes(b"")

    second = backup_path(path, moment)

    assert first.name == "glossary.backup-20250203-101509.xlsx"
    assert second.name == "glossary.backup-20250203-101509-2.xlsx"
