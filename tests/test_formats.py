"""Export formats: grouping rows into entries, what each writer puts in its file, and reading it all back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from glossary.formats import FORMATS
from glossary.formats.entries import build_entries, entry_id, multi_line, single_line, top_renderings
from glossary.formats.options import ExportOptions
from glossary.models import GlossaryRow
from glossary.termlist_files import load_termlist


def row(
    chinese: str,
    english: str,
    confidence: float = 0.9,
    type: str = "concept",
    status: str = "approved",
    note: str = "",
    chinese_context: str = "",
    english_context: str = "",
) -> GlossaryRow:
    return GlossaryRow(
        chinese=chinese,
        english=english,
        confidence=confidence,
        type=type,
        sources=["keywords"],
        frequency=1,
        articles=["A1 issue1.txt: 论人类命运共同体"],
        chinese_context=chinese_context,
        english_context=english_context,
        status=status,
        note=note,
    )


# Awkward on purpose: markup characters, quotes and commas, tabs and line breaks, formula-like starts,
# full-width punctuation and traditional characters.
ROWS = [
    row(
        "人类命运共同体",
        "a community with a shared future for mankind",
        confidence=0.7,
        note="older rendering, common until 2017 & in <Xinhua> copy",
    ),
    row(
        "人类命运共同体",
        "a global community of shared future",
        confidence=0.95,
        chinese_context="推动构建人类命运共同体",
        english_context="to build a global community of shared future",
    ),
    row("人类命运共同体", "community of common destiny", confidence=0.4, status="rejected"),
    row("全球安全倡议", "Global Security Initiative", confidence=0.92),
    row("中国科学院", "Chinese Academy of Sciences", type="organization"),
    row("中科院", "CAS", type="acronym", note="short form;\nspell out at first mention"),
    row("研究与开发", "research & development (R&D)", status="candidate"),
    row("“一国两制”", '"one country, two systems"', status="candidate", confidence=0.8),
    row("一带一路", "Belt and\tRoad\nInitiative"),
    row("浮动区间", "+/-2% trading band", confidence=0.6),
    row("等号", "=, the equals sign", confidence=0.5),
    row("提及", "@-mention", confidence=0.5, status="candidate"),
    row("臺灣海峽", "Taiwan Strait", type="place"),
    row("《政府工作报告》", "Report on the Work of the Government", type="other"),
    row("小于", "less than (<)", status="rejected"),
]

EXPECTED_ALL = {
    ("人类命运共同体", "a global community of shared future", "approved"),
    ("人类命运共同体", "a community with a shared future for mankind", "alias"),
    ("人类命运共同体", "community of common destiny", "rejected"),
    ("全球安全倡议", "Global Security Initiative", "approved"),
    ("中国科学院", "Chinese Academy of Sciences", "approved"),
    ("中科院", "CAS", "approved"),
    ("研究与开发", "research & development (R&D)", "candidate"),
    ("“一国两制”", '"one country, two systems"', "candidate"),
    ("一带一路", "Belt and Road Initiative", "approved"),
    ("浮动区间", "+/-2% trading band", "approved"),
    ("等号", "=, the equals sign", "approved"),
    ("提及", "@-mention", "candidate"),
    ("臺灣海峽", "Taiwan Strait", "approved"),
    ("《政府工作报告》", "Report on the Work of the Government", "approved"),
    ("小于", "less than (<)", "rejected"),
}


def triples(pairs: list) -> set[tuple[str, str, str]]:
    return {(pair.zh, pair.en, pair.status) for pair in pairs}


# ---------------------------------------------------------------- entries


def test_renderings_of_one_term_share_an_entry_best_first() -> None:
    entries = build_entries(ROWS)
    community = entries[0]
    assert community.chinese == "人类命运共同体"
    assert [(rendering.english, rendering.standing) for rendering in community.renderings] == [
        ("a global community of shared future", "preferred"),
        ("a community with a shared future for mankind", "admitted"),
        ("community of common destiny", "deprecated"),
    ]
    # The context of the best row that has one stands for the Chinese term.
    assert community.chinese_context == "推动构建人类命运共同体"
    assert community.renderings[1].note == "older rendering, common until 2017 & in <Xinhua> copy"


def test_entries_keep_the_workbook_order_of_their_chinese_terms() -> None:
    chinese = [entry.chinese for entry in build_entries(ROWS)]
    assert chinese == list(dict.fromkeys(source.chinese for source in ROWS))


def test_a_candidate_is_never_the_preferred_term() -> None:
    entries = build_entries([row("研究与开发", "R&D", status="candidate", confidence=0.99)])
    assert entries[0].renderings[0].standing == "candidate"  # and never admitted, which means approved


def test_a_rendering_met_twice_keeps_its_best_row() -> None:
    entries = build_entries(
        [
            row("全球安全倡议", "Global Security Initiative", status="candidate", note="from abstract"),
            row("全球安全倡议", "Global  Security Initiative ", status="approved", note="reviewed"),
        ]
    )
    assert [(rendering.english, rendering.note) for rendering in entries[0].renderings] == [
        ("Global Security Initiative", "reviewed")
    ]


def test_rows_without_both_terms_are_left_out() -> None:
    entries = build_entries([row("全球发展倡议", " "), row("", "Global Civilization Initiative")])
    assert entries == []


def test_text_cleaning_keeps_one_line_terms_and_multi_line_notes() -> None:
    assert single_line(" Belt and\tRoad\r\nInitiative\x07 ") == "Belt and Road Initiative"
    assert single_line("全球\u3000安全倡议") == "全球 安全倡议"
    assert multi_line("first line\r\nsecond\x00line  \n") == "first line\nsecond line"


def test_top_renderings_drop_terms_that_only_have_deprecated_renderings() -> None:
    entries = top_renderings(build_entries(ROWS))
    assert all(len(entry.renderings) == 1 for entry in entries)
    assert "小于" not in {entry.chinese for entry in entries}
    assert entries[0].renderings[0].english == "a global community of shared future"


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", ["tbx", "tbx3", "tsv", "csv"])
def test_every_export_reads_back_as_the_same_pairs(tmp_path: Path, name: str) -> None:
    output = tmp_path / f"glossary.{name}"
    FORMATS[name].write(output, build_entries(ROWS), ExportOptions())
    assert triples(FORMATS[name].read(output).pairs) == EXPECTED_ALL
    assert triples(load_termlist(output)) == EXPECTED_ALL  # found by content, whatever the name


def test_the_deepl_export_reads_back_as_the_preferred_renderings(tmp_path: Path) -> None:
    output = tmp_path / "glossary-zh-en.csv"
    FORMATS["deepl"].write(output, build_entries(ROWS), ExportOptions())
    best = {(zh, en) for zh, en, _ in EXPECTED_ALL} - {
        ("人类命运共同体", "a community with a shared future for mankind"),
        ("人类命运共同体", "community of common destiny"),
        ("小于", "less than (<)"),
    }
    assert triples(load_termlist(output)) == {(zh, en, "approved") for zh, en in best}


@pytest.mark.parametrize("name", ["tbx", "tbx3", "csv"])
def test_notes_survive_the_round_trip(tmp_path: Path, name: str) -> None:
    output = tmp_path / f"glossary.{name}"
    FORMATS[name].write(output, build_entries(ROWS), ExportOptions())
    notes = {pair.en: pair.note for pair in load_termlist(output)}
    assert notes["a community with a shared future for mankind"] == (
        "older rendering, common until 2017 & in <Xinhua> copy"
    )


# ---------------------------------------------------------------- tsv (OmegaT)


def test_tsv_is_an_omegat_glossary_with_the_status_in_words(tmp_path: Path) -> None:
    output = tmp_path / "glossary.utf8"
    FORMATS["tsv"].write(output, build_entries(ROWS), ExportOptions())
    lines = output.read_bytes().decode("utf-8").split("\n")
    assert lines[0].startswith("#") and "-*- coding: utf-8 -*-" in lines[0]
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    assert all(len(cells) == 3 for cells in rows)
    assert ["一带一路", "Belt and Road Initiative", "[approved, preferred]"] in rows
    assert ["中科院", "CAS", "[approved, preferred] short form; spell out at first mention"] in rows
    assert ["人类命运共同体", "community of common destiny", "[rejected, do not use]"] in rows
    assert ["研究与开发", "research & development (R&D)", "[candidate, not reviewed]"] in rows
    assert [
        "人类命运共同体",
        "a community with a shared future for mankind",
        "[approved, alternative] older rendering, common until 2017 & in <Xinhua> copy",
    ] in rows


def test_tsv_files_of_earlier_versions_still_read_as_they_meant(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text(
        "# glossary\n和平崛起\tpeaceful rise\t[deprecated, do not use]\n提及\tmention\t[admitted]\n"
    )
    assert triples(load_termlist(old)) == {
        ("和平崛起", "peaceful rise", "rejected"),
        ("提及", "mention", "alias"),
    }


# ---------------------------------------------------------------- csv


def test_csv_has_a_header_a_byte_order_mark_and_rfc_4180_quoting(tmp_path: Path) -> None:
    output = tmp_path / "glossary.csv"
    FORMATS["csv"].write(output, build_entries(ROWS), ExportOptions())
    data = output.read_bytes()
    assert data.startswith(b'\xef\xbb\xbf"zh","en","status","type","note","zh_context","en_context"\r\n')
    text = data.decode("utf-8-sig")
    assert '"""one country, two systems"""' in text
    records = list(csv.DictReader(text.splitlines(keepends=True)))
    by_english = {record["en"]: record for record in records}
    # One line a cell: OmegaT and other line-by-line readers split quoted line breaks.
    assert by_english["CAS"]["note"] == "short form; spell out at first mention"
    assert by_english["CAS"]["type"] == "acronym"
    assert by_english["Chinese Academy of Sciences"]["type"] == "proper noun"
    assert by_english["community of common destiny"]["status"] == "deprecated"
    assert by_english["research & development (R&D)"]["status"] == "candidate"


@pytest.mark.parametrize("name", ["csv", "memoq"])
def test_a_csv_sniffer_finds_the_comma_despite_the_punctuation_of_contexts(tmp_path: Path, name: str) -> None:
    # Contexts are sentence excerpts: ellipses, full stops and commas on every line.
    rows = [
        row(
            f"术语{number}",
            f"term {number}",
            chinese_context=f"…上下文，第{number}句。…",
            english_context=f"...the context, sentence {number}. It goes on... and on.",
        )
        for number in range(60)
    ]
    output = tmp_path / f"glossary.{name}"
    FORMATS[name].write(output, build_entries(rows), ExportOptions())
    text = output.read_text(encoding="utf-8-sig")
    for size in (1024, 4096, 8192, len(text)):
        assert csv.Sniffer().sniff(text[:size]).delimiter == ","


# ---------------------------------------------------------------- formula injection

FORMULAS = [
    '=HYPERLINK("http://example.com","click")',
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "＝1+1",
    "'=already quoted",
]


@pytest.mark.parametrize("name", ["tsv", "csv", "deepl"])
def test_delimited_exports_neutralise_formulas_and_read_them_back_exactly(tmp_path: Path, name: str) -> None:
    rows = [row(f"公式{number}", formula) for number, formula in enumerate(FORMULAS)]
    rows.append(row("=等号", "equals sign"))
    output = tmp_path / f"glossary.{name}"
    FORMATS[name].write(output, build_entries(rows), ExportOptions())
    text = output.read_text(encoding="utf-8-sig")
    cells = [
        cell
        for line in text.splitlines()
        for cell in next(csv.reader([line], delimiter="\t" if name == "tsv" else ","))
    ]
    assert not [cell for cell in cells if cell and cell[0] in "=+-@＝"], cells
    assert "'=等号" in cells and "''=already quoted" in cells
    read_back = {(pair.zh, pair.en) for pair in load_termlist(output)}
    assert read_back == {(source.chinese, source.english) for source in rows}


def test_exact_cells_keep_formulas_as_written(tmp_path: Path) -> None:
    output = tmp_path / "glossary.csv"
    FORMATS["deepl"].write(output, build_entries([row("公式", "+1+2")]), ExportOptions(exact_cells=True))
    assert output.read_bytes().decode("utf-8") == "公式,+1+2\r\n"


# ---------------------------------------------------------------- deepl


def test_deepl_entries_follow_deepls_rules(tmp_path: Path) -> None:
    output = tmp_path / "glossary-zh-en.csv"
    FORMATS["deepl"].write(output, build_entries(ROWS), ExportOptions())
    data = output.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    records = list(csv.reader(data.decode("utf-8").splitlines()))
    sources = [source for source, _ in records]
    assert len(sources) == len(set(sources))
    for source, target in records:
        for term in (source, target):
            assert term and term == term.strip()
            assert not any(
                ord(char) < 32 or 127 <= ord(char) < 160 or char in "\u2028\u2029" for char in term
            )
    assert ["人类命运共同体", "a global community of shared future"] in records
    assert all(len(record) == 2 for record in records)


# ---------------------------------------------------------------- memoq, xlsx (one concept a row)


def test_memoq_csv_has_one_entry_a_row_in_memoqs_own_layout(tmp_path: Path) -> None:
    output = tmp_path / "memoq.csv"
    FORMATS["memoq"].write(output, build_entries(ROWS), ExportOptions(en_lang="en-US"))
    data = output.read_bytes()
    assert data.startswith("\ufeff".encode())
    records = list(csv.reader(data.decode("utf-8-sig").splitlines(keepends=True)))
    header = records[0]
    assert header[:10] == [
        "Entry_ID", "Entry_Subject", "Entry_Domain", "Entry_Note",
        "Chinese_PRC_Def", "Chinese_PRC", "Term_Info", "Term_Example",
        "English_United_States_Def", "English_United_States",
    ]  # fmt: skip
    assert header.count("English_United_States") == 3  # the widest entry has three renderings
    community = next(record for record in records if record[5] == "人类命运共同体")
    assert community[0] == entry_id("人类命运共同体")
    assert community[9::3][:3] == [
        "a global community of shared future",
        "a community with a shared future for mankind",
        "community of common destiny",
    ]
    assert community[10::3][:3] == ["", "", "Forbidden"]
    assert community[3].splitlines()[1] == (
        "[a community with a shared future for mankind: approved, alternative]"
        " older rendering, common until 2017 & in <Xinhua> copy"
    )
    assert len(records) == 1 + len(build_entries(ROWS))


def test_term_base_xlsx_has_one_concept_a_row_with_status_preferred_and_forbidden(tmp_path: Path) -> None:
    output = tmp_path / "termbase.xlsx"
    FORMATS["xlsx"].write(output, build_entries(ROWS), ExportOptions())
    sheet = load_workbook(output)["Term base"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:9] == (
        "Entry ID",
        "zh-CN",
        "Context",
        "en",
        "Status",
        "Preferred",
        "Forbidden",
        "Note",
        "Context",
    )
    community = next(row for row in rows if row[1] == "人类命运共同体")
    groups = [community[index : index + 6] for index in range(3, len(community), 6)]
    assert [(group[0], group[1], group[2], group[3]) for group in groups] == [
        ("a global community of shared future", "Approved", True, False),
        ("a community with a shared future for mankind", "Approved", False, False),
        ("community of common destiny", "Approved", False, True),
    ]
    candidate = next(row for row in rows if row[1] == "研究与开发")
    assert candidate[4] == "New"
    equals = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "=, the equals sign")
    assert equals.data_type == "s" and equals.quotePrefix  # text, never a formula
