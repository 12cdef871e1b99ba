"""`glossary import`: CAT-tool files and our own exports back into a termlist."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_export_cli import REVIEWED, workbook

from glossary.cli import main
from glossary.cli.import_ import import_termlists
from glossary.formats import FORMATS
from glossary.formats.entries import Entry, Rendering, top_renderings
from glossary.formats.options import ExportOptions
from glossary.termlist_files import load_termlist

ENTRIES = [
    Entry(
        chinese="人类命运共同体",
        renderings=[
            Rendering("a global community of shared future", "preferred", note="official since 2018"),
            Rendering("a community with a shared future for mankind", "admitted"),
            Rendering("shared-future community", "candidate", note="seen once, in an abstract"),
            Rendering("community of common destiny", "deprecated"),
        ],
    ),
    Entry(
        chinese="全球安全倡议",
        renderings=[Rendering("Global Security Initiative", "preferred")],
    ),
]


def run_import(*arguments: str | Path) -> Result:
    return CliRunner().invoke(main, ["import", *map(str, arguments)])


def test_summary_per_file_and_one_termlist_out(tmp_path: Path) -> None:
    tbx, csv = tmp_path / "glossary.tbx", tmp_path / "glossary.csv"
    FORMATS["tbx"].write(tbx, ENTRIES, ExportOptions())
    FORMATS["csv"].write(csv, ENTRIES, ExportOptions())
    output = tmp_path / "termlist.tsv"
    result = run_import(tbx, csv, "-o", output)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{tbx}: TBX 2008 (martif): 2 approved, 1 alias, 1 candidate, 1 rejected",
        f"{csv}: CSV with header: 2 approved, 1 alias, 1 candidate, 1 rejected",
        "pairs repeated within or across files, kept once: 5",
        f"{output}: 5 pairs written",
    ]
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "zh\ten\tnote\tstatus"
    assert lines[1] == "人类命运共同体\ta global community of shared future\tofficial since 2018\tapproved"
    assert {(pair.zh, pair.en, pair.status) for pair in load_termlist(output)} == {
        ("人类命运共同体", "a global community of shared future", "approved"),
        ("人类命运共同体", "a community with a shared future for mankind", "alias"),
        ("人类命运共同体", "shared-future community", "candidate"),
        ("人类命运共同体", "community of common destiny", "rejected"),
        ("全球安全倡议", "Global Security Initiative", "approved"),
    }


def test_an_omegat_glossary_round_trips_through_import(tmp_path: Path) -> None:
    omegat = tmp_path / "project-glossary.txt"
    FORMATS["tsv"].write(omegat, ENTRIES, ExportOptions())
    report = import_termlists([omegat], tmp_path / "termlist.tsv")
    assert [summary.by_status for summary in report.files] == [
        {"approved": 2, "alias": 1, "candidate": 1, "rejected": 1}
    ]
    assert report.files[0].pairs == 5
    back = load_termlist(tmp_path / "termlist.tsv")
    assert [(pair.en, pair.status, pair.note) for pair in back][:4] == [
        ("a global community of shared future", "approved", "official since 2018"),
        ("a community with a shared future for mankind", "alias", ""),
        ("shared-future community", "candidate", "seen once, in an abstract"),
        ("community of common destiny", "rejected", ""),
    ]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_round_trips_status_note_and_every_rendering(tmp_path: Path, name: str) -> None:
    output = tmp_path / f"glossary.{name}"
    FORMATS[name].write(output, ENTRIES, ExportOptions())
    back = {(pair.zh, pair.en): (pair.status, pair.note) for pair in import_termlists([output], None).pairs}
    written = {
        (entry.chinese, rendering.english): (rendering.status, rendering.note)
        for entry in (top_renderings(ENTRIES) if FORMATS[name].best_rendering_only else ENTRIES)
        for rendering in entry.renderings
    }
    if name == "deepl":  # DeepL has no status and no note: every entry it holds is binding
        written = {key: ("approved", "") for key in written}
    assert back == written


def test_skipped_rows_are_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "memoq.csv"
    path.write_text(
        "Chinese,English\n全球治理倡议,Global Governance Initiative\n全球发展倡议,\n", encoding="utf-8"
    )
    result = run_import(path)
    assert result.exit_code == 0
    assert result.stdout == f"{path}: CSV with header: 1 approved\n"
    assert result.stderr == f"warning: {path}: skipped 1 entry without both a Chinese and an English term\n"


def test_an_unsafe_file_stops_the_import_before_anything_is_written(tmp_path: Path) -> None:
    good, evil = tmp_path / "good.tsv", tmp_path / "evil.tbx"
    good.write_text("一带一路\tBelt and Road Initiative\n", encoding="utf-8")
    evil.write_text(
        '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/hostname">]><martif>&x;</martif>',
        encoding="utf-8",
    )
    output = tmp_path / "termlist.tsv"
    result = run_import(good, evil, "-o", output)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {evil}: refused: the XML declares entities")
    assert len(result.stderr.splitlines()) == 1
    assert not output.exists()


def test_files_without_pairs_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty-glossary.txt"
    path.write_text("# Glossary in tab-separated format -*- coding: utf-8 -*-\n", encoding="utf-8")
    result = run_import(path)
    assert result.exit_code == 2
    assert result.stderr == f"error: no Chinese-English pairs in {path}\n"


def test_a_memoq_export_with_semicolons_and_synonyms_reads_every_term(tmp_path: Path) -> None:
    path = tmp_path / "from-memoq.csv"
    path.write_text(
        "Entry_ID;Entry_Subject;Entry_Domain;Entry_Note;Chinese_PRC_Def;Chinese_PRC;Term_Info;Term_Example;"
        "English_Def;English;Term_Info;Term_Example;English;Term_Info;Term_Example\n"
        "7;;;;;人类命运共同体;;;;a community with a shared future for mankind;;;"
        "community of common destiny;Forbidden;\n",
        encoding="utf-8",
    )
    pairs = [(pair.en, pair.status) for pair in import_termlists([path], None).pairs]
    assert pairs == [
        ("a community with a shared future for mankind", "approved"),
        ("community of common destiny", "rejected"),
    ]


def test_a_glossary_workbook_is_not_taken_for_a_termlist(tmp_path: Path) -> None:
    result = run_import(workbook(tmp_path, REVIEWED))
    assert result.exit_code == 2
    assert (
        "a glossary workbook, not a termlist; write its reviewed pairs with `glossary termlist`"
        in result.stderr
    )
