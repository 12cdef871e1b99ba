"""Loading termlists: formats recognised by content, CAT-tool exports, bad and unsafe files."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import termlist_files
from glossary.errors import GlossaryError, Problem
from glossary.models import KNOWN_STATUSES, KnownPair
from glossary.termlist_files import (
    load_termlist,
    load_termlists,
    read_termlist,
    shipped_termlists,
    write_termlist,
)


def triples(pairs: list[KnownPair]) -> list[tuple[str, str, str]]:
    return [(pair.zh, pair.en, pair.status) for pair in pairs]


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# ---------------------------------------------------------------- tables


def test_the_tools_own_termlist_tsv(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "politics.tsv",
        "zh\ten\tnote\tstatus\n"
        "人类命运共同体\ta global community of shared future\tofficial since 2018\tapproved\n"
        "人类命运共同体\ta community with a shared future for mankind\tolder rendering\talias\n"
        "人类命运共同体\tcommunity of common destiny\t\trejected\n"
        "全球安全倡议\tGlobal Security Initiative\t\t\n",
    )
    pairs = load_termlist(path)
    assert triples(pairs) == [
        ("人类命运共同体", "a global community of shared future", "approved"),
        ("人类命运共同体", "a community with a shared future for mankind", "alias"),
        ("人类命运共同体", "community of common destiny", "rejected"),
        ("全球安全倡议", "Global Security Initiative", "approved"),
    ]
    assert pairs[0].note == "official since 2018"
    assert pairs[0].origin == str(path)
    assert read_termlist(path).layout == "TSV with header"


def test_tsv_without_header_two_to_four_columns(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "glossary.txt",
        "# OmegaT glossary\n全球发展倡议\tGlobal Development Initiative\n\n"
        "双循环\tdual circulation\tnew development pattern\n"
        "和平崛起\tpeaceful rise\treplaced by peaceful development\trejected\n",
    )
    reading = read_termlist(path)
    assert reading.layout == "TSV without header"
    assert triples(reading.pairs) == [
        ("全球发展倡议", "Global Development Initiative", "approved"),
        ("双循环", "dual circulation", "approved"),
        ("和平崛起", "peaceful rise", "rejected"),
    ]
    assert reading.pairs[1].note == "new development pattern"


def test_tab_separated_fields_are_not_quoted(tmp_path: Path) -> None:
    path = write_text(tmp_path / "quotes.tsv", '“一国两制”\t"one country, two systems"\n')
    assert triples(load_termlist(path)) == [("“一国两制”", '"one country, two systems"', "approved")]


def test_a_line_starting_with_angle_brackets_is_not_taken_for_xml(tmp_path: Path) -> None:
    path = write_text(tmp_path / "titles.txt", "<<论持久战>>\tOn Protracted War\n")
    assert triples(load_termlist(path)) == [("<<论持久战>>", "On Protracted War", "approved")]


def test_csv_with_language_named_columns(tmp_path: Path) -> None:
    # The shape Trados Glossary Converter and spreadsheets produce: named columns in any order.
    path = write_text(
        tmp_path / "converter.csv",
        "\ufeffDefinition,English,Chinese\n"
        '"a security architecture proposal, 2022",Global Security Initiative,全球安全倡议\n'
        ",Chinese Academy of Sciences,中国科学院\n",
    )
    pairs = load_termlist(path)
    assert triples(pairs) == [
        ("全球安全倡议", "Global Security Initiative", "approved"),
        ("中国科学院", "Chinese Academy of Sciences", "approved"),
    ]
    assert pairs[0].note == "a security architecture proposal, 2022"


def test_deepl_style_csv(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "deepl.csv",
        '新质生产力,new quality productive forces\n"高质量发展","high-quality development"\n',
    )
    reading = read_termlist(path)
    assert reading.layout == "CSV without header"
    assert triples(reading.pairs) == [
        ("新质生产力", "new quality productive forces", "approved"),
        ("高质量发展", "high-quality development", "approved"),
    ]


def test_utf16_text_saved_by_excel(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "unicode.txt", "\ufeffzh\ten\r\n臺灣海峽\tTaiwan Strait\r\n", encoding="utf-16-le"
    )
    assert triples(load_termlist(path)) == [("臺灣海峽", "Taiwan Strait", "approved")]


def test_status_words_of_other_tools_are_understood(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "statuses.csv",
        "zh,en,status\n"
        "中国特色社会主义,socialism with Chinese characteristics,Preferred\n"
        "小康社会,well-off society,admitted\n"
        "小康社会,xiaokang society,Forbidden\n",
    )
    assert [pair.status for pair in load_termlist(path)] == ["approved", "alias", "rejected"]


def test_rows_missing_a_side_are_skipped_and_reported(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "gaps.tsv",
        "zh\ten\n全球文明倡议\tGlobal Civilization Initiative\n共同富裕\t\n\tcommon prosperity\n",
    )
    problems: list[Problem] = []
    pairs = load_termlist(path, problems)
    assert triples(pairs) == [("全球文明倡议", "Global Civilization Initiative", "approved")]
    assert read_termlist(path).skipped == 2
    assert [str(problem) for problem in problems] == [
        f"{path}: skipped 2 entries without both a Chinese and an English term"
    ]


def test_an_unknown_status_names_the_file_and_line(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "typo.tsv", "zh\ten\tnote\tstatus\n新发展格局\tnew development paradigm\t\taproved\n"
    )
    with pytest.raises(GlossaryError) as caught:
        load_termlist(path)
    assert (
        str(caught.value) == f"{path}:2: unknown status 'aproved'; use approved, alias, candidate or rejected"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data, not a termlist"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not a readable .xlsx workbook: a damaged zip archive"),
        ("全球安全倡议\tGlobal Security Initiative\n".encode("gbk"), "not UTF-8 text"),
        ("全球安全倡议\n人类命运共同体\n".encode(), "no tab or comma separates the columns"),
        ("zh\ten\n全球安全倡议\n人类命运共同体\n".encode(), "no row has both a Chinese and an English term"),
        (
            b"Global Security Initiative\t\xe5\x85\xa8\xe7\x90\x83\n",
            "the Chinese terms are in the second column",
        ),
        (b"GSI,Global Security Initiative\n", "no Chinese in the zh column"),
    ],
)
def test_bad_files_give_one_line_naming_the_file(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "terms.tsv"
    path.write_bytes(content)
    with pytest.raises(GlossaryError) as caught:
        load_termlist(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_a_missing_file_is_a_glossary_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"absent\.tsv: no such file$"):
        load_termlist(tmp_path / "absent.tsv")


# ---------------------------------------------------------------- TBX from CAT tools


def test_tbx_2008_with_ntig_and_regional_language_codes(tmp_path: Path) -> None:
    # As MultiTerm-style exports write it: ntig/termGrp, upper-case regional codes, a public DOCTYPE.
    path = write_text(
        tmp_path / "multiterm.tbx",
        """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>export</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <descrip type="subjectField">international relations</descrip>
      <langSet xml:lang="ZH-CN"><ntig><termGrp><term>人类命运共同体</term></termGrp></ntig></langSet>
      <langSet xml:lang="EN-US">
        <ntig><termGrp><term>a global community of shared future</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp>
          <note>MFA usage</note></ntig>
        <ntig><termGrp><term>a community with a shared future for mankind</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termGrp></ntig>
        <ntig><termGrp><term>community of common destiny</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
      </langSet>
      <langSet xml:lang="de-DE"><ntig><termGrp><term>Schicksalsgemeinschaft</term></termGrp></ntig></langSet>
    </termEntry>
    <termEntry id="t2">
      <langSet xml:lang="zh-CN"><tig><term>只有中文</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
""",
    )
    reading = read_termlist(path)
    assert reading.layout == "TBX 2008 (martif)"
    assert triples(reading.pairs) == [
        ("人类命运共同体", "a global community of shared future", "approved"),
        ("人类命运共同体", "a community with a shared future for mankind", "alias"),
        ("人类命运共同体", "community of common destiny", "rejected"),
    ]
    assert reading.pairs[0].note == "MFA usage"
    assert reading.skipped == 1


def test_tbx_v3_in_dct_style_and_tbx_min(tmp_path: Path) -> None:
    dct = write_text(
        tmp_path / "dct.tbx",
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:min="http://www.tbxinfo.net/ns/min">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body><conceptEntry id="c1">
    <langSec xml:lang="zh-Hans"><termSec><term>全球安全倡议</term></termSec></langSec>
    <langSec xml:lang="en"><termSec><term>Global Security Initiative</term>
      <min:administrativeStatus>admittedTerm-admn-sts</min:administrativeStatus></termSec></langSec>
  </conceptEntry></body></text>
</tbx>
""",
    )
    minimal = write_text(
        tmp_path / "min.tbx",
        """<TBX dialect="TBX-Min"><header><id>min</id><languages source="zh" target="en"/></header>
<body><conceptEntry id="c1">
  <langGroup xml:lang="zh"><termGroup><term>和平崛起</term></termGroup></langGroup>
  <langGroup xml:lang="en"><termGroup><term>peaceful rise</term><termStatus>notRecommended</termStatus>
  </termGroup></langGroup>
</conceptEntry></body></TBX>
""",
    )
    assert triples(load_termlist(dct)) == [("全球安全倡议", "Global Security Initiative", "alias")]
    assert read_termlist(minimal).layout == "TBX-Min"
    assert triples(load_termlist(minimal)) == [("和平崛起", "peaceful rise", "rejected")]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<martif type="TBX-Basic"><text><body><termEntry>
  <langSet xml:lang="zh"><tig><term>&lol3;</term></tig></langSet>
</termEntry></body></text></martif>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry>
  <langSet xml:lang="zh"><tig><term>密码</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>&secret;</term></tig></langSet>
</termEntry></body></text></martif>
"""


@pytest.mark.parametrize(
    "content", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"]
)
def test_xml_declaring_entities_is_refused(tmp_path: Path, content: str) -> None:
    path = write_text(tmp_path / "evil.tbx", content)
    with pytest.raises(GlossaryError) as caught:
        load_termlist(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: refused: the XML declares entities")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<martif><text><body><termEntry></body></martif>", "not well-formed XML: mismatched tag"),
        ('<tmx version="1.4"><body/></tmx>', "XML, but not TBX: the root element is <tmx>"),
    ],
)
def test_xml_that_is_not_usable_tbx(tmp_path: Path, content: str, problem: str) -> None:
    path = write_text(tmp_path / "broken.tbx", content)
    with pytest.raises(GlossaryError, match=problem) as caught:
        load_termlist(path)
    assert str(caught.value).startswith(str(path))


# ---------------------------------------------------------------- shipped lists and several files


def test_shipped_termlists_take_every_tsv_with_its_file_name_as_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_text(
        tmp_path / "b_science.tsv", "zh\ten\tnote\tstatus\n中国科学院\tChinese Academy of Sciences\t\t\n"
    )
    write_text(tmp_path / "a_politics.tsv", "zh\ten\tnote\tstatus\n一带一路\tBelt and Road Initiative\t\t\n")
    write_text(tmp_path / "README.md", "zh\ten\n")
    monkeypatch.setattr(termlist_files, "files", lambda package: tmp_path)
    pairs = shipped_termlists()
    assert [(pair.zh, pair.origin) for pair in pairs] == [
        ("一带一路", "a_politics.tsv"),
        ("中国科学院", "b_science.tsv"),
    ]


def test_the_termlists_shipped_with_glossary_load() -> None:
    problems: list[Problem] = []
    pairs = shipped_termlists(problems)
    assert all(pair.status in KNOWN_STATUSES and pair.origin.endswith(".tsv") for pair in pairs)
    assert problems == []


def test_load_termlists_puts_shipped_lists_first_then_the_files_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    write_text(shipped / "core.tsv", "zh\ten\n一带一路\tBelt and Road Initiative\n")
    monkeypatch.setattr(termlist_files, "files", lambda package: shipped)
    first = write_text(tmp_path / "first.csv", "zh,en\n双碳,dual carbon goals\n")
    second = write_text(tmp_path / "second.tsv", "共同富裕\tcommon prosperity\n")
    assert [pair.zh for pair in load_termlists([first, second])] == ["一带一路", "双碳", "共同富裕"]
    assert [pair.zh for pair in load_termlists([second, first], with_shipped=False)] == ["共同富裕", "双碳"]


def test_write_termlist_reads_back_with_tabs_and_line_breaks_flattened(tmp_path: Path) -> None:
    pairs = [
        KnownPair(
            "人类命运共同体",
            "a global community of shared future",
            "official\trendering\nsince 2018",
            "approved",
        ),
        KnownPair("人类命运共同体", "community of common destiny", "", "rejected"),
    ]
    path = tmp_path / "termlist.tsv"
    write_termlist(path, pairs)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "zh\ten\tnote\tstatus"
    back = load_termlist(path)
    assert triples(back) == triples(pairs)
    assert back[0].note == "official rendering since 2018"


def test_candidates_read_back_from_an_export_are_not_known_pairs(tmp_path: Path) -> None:
    path = tmp_path / "exported.tsv"
    path.write_text(
        "zh\ten\tnote\tstatus\n全球安全倡议\tGlobal Security Initiative\t\tapproved\n"
        "全球安全倡议\tGlobal Security Proposal\t\tcandidate\n",
        encoding="utf-8",
    )
    problems: list[Problem] = []
    pairs = load_termlists([path], with_shipped=False, problems=problems)
    assert [(pair.en, pair.status) for pair in pairs] == [("Global Security Initiative", "approved")]
    assert [str(problem) for problem in problems] == [
        f"{path}: 1 unreviewed candidate pairs not used as known"
    ]
