"""`glossary align`: journal files in, a TMX of title and abstract sentence pairs out."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from click.testing import CliRunner

from glossary.cli import main
from glossary.cli.align import align_articles
from glossary.errors import GlossaryError

ZH_TITLE = "数字贸易规则的全球治理困境"
EN_TITLE = "The Global Governance Dilemma of Digital Trade Rules"
ZH_SENTENCES = [
    "数字贸易正在深刻改变全球经济格局。",
    "本文从全球治理的视角分析了数字贸易规则的主要分歧。",
    "研究发现，数据跨境流动、数字税和隐私保护是三个核心议题；",
    "美国、欧盟和中国在这些议题上的立场差异明显。",
    "最后，本文提出了中国参与规则制定的建议。",
]
EN_SENTENCES = [
    "Digital trade is profoundly changing the global economic landscape.",
    "From the perspective of global governance, this article analyzes the main divergences in digital "
    "trade rules.",
    "It finds that cross-border data flows, digital taxes and privacy protection are the three core issues.",
    "The positions of the United States, the European Union and China on these issues differ markedly.",
    "Finally, the article offers suggestions for China's participation in rule-making.",
]
ZH_FRONT = f"""{ZH_TITLE}
张明远  李静
摘要：{"".join(ZH_SENTENCES)}
关键词：数字贸易；全球治理；数据跨境流动
"""
EN_FRONT = f"""{EN_TITLE}
ZHANG Mingyuan & LI Jing
Abstract: {" ".join(EN_SENTENCES)}
Key words: digital trade; global governance; cross-border data flows
"""


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    path = tmp_path / "issue.txt"
    path.write_text(ZH_FRONT + "\n" + EN_FRONT, encoding="utf-8")
    return path


@pytest.fixture
def chinese_only(tmp_path: Path) -> Path:
    path = tmp_path / "chinese-only.txt"
    path.write_text(ZH_FRONT, encoding="utf-8")
    return path


def segments(path: Path) -> list[tuple[str, str, str]]:
    """(kind, Chinese, English) of every unit of a TMX file."""
    found = []
    for tu in SafeET.parse(path).getroot().iter("tu"):
        kind = next(prop.text for prop in tu.findall("prop") if prop.get("type") == "x-kind")
        zh, en = (tuv.find("seg").text for tuv in tu.findall("tuv"))
        found.append((kind, zh, en))
    return found


def test_align_writes_title_and_sentence_pairs(issue: Path, tmp_path: Path) -> None:
    output = tmp_path / "abstracts.tmx"
    result = CliRunner().invoke(main, ["align", str(issue), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert f"1 article(s), 1 matched: 6 unit(s) written to {output}" in result.output
    assert segments(output) == [("title", ZH_TITLE, EN_TITLE)] + [
        ("abstract", zh, en) for zh, en in zip(ZH_SENTENCES, EN_SENTENCES, strict=True)
    ]
    labels = {
        prop.text for prop in SafeET.parse(output).getroot().iter("prop") if prop.get("type") == "x-article"
    }
    assert labels == {f"{issue.name}: {ZH_TITLE}"}  # file name only: no local folder in a shared TMX


def test_report_counts_articles_matched_and_units(issue: Path, tmp_path: Path) -> None:
    chinese_only = tmp_path / "another-article.txt"  # not the issue's own Chinese side: that is a duplicate
    chinese_only.write_text(
        "区域合作的新路径\n王小明\n摘要：当前国际秩序正处于深刻转型之中，区域合作面临新的机遇与挑战。"
        "本文认为区域合作应坚持开放包容的原则，推动发展战略对接。\n关键词：区域合作；开放包容\n",
        encoding="utf-8",
    )
    report = align_articles([issue, chinese_only], tmp_path / "abstracts.tmx")
    assert (report.articles, report.matched, report.units, report.problems) == (2, 1, 6, [])
    assert report.seconds > 0


def test_input_problem_is_a_warning_and_exit_code_1(issue: Path, tmp_path: Path) -> None:
    output = tmp_path / "abstracts.tmx"
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["align", str(issue), str(missing), "-o", str(output)])
    assert result.exit_code == 1
    assert f"warning: {missing}: no such file or directory" in result.output
    assert len(segments(output)) == 6


def test_no_matched_article_is_an_error_and_writes_nothing(chinese_only: Path, tmp_path: Path) -> None:
    output = tmp_path / "abstracts.tmx"
    result = CliRunner().invoke(main, ["align", str(chinese_only), "-o", str(output)])
    assert result.exit_code == 2
    assert result.output.startswith("error: no matched articles (1 article(s) found, none with both")
    assert len(result.output.strip().splitlines()) == 1
    assert not output.exists()


def test_no_matched_article_names_the_first_input_problem(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(GlossaryError, match=f"1 input problem\\(s\\), the first: {missing}: no such file"):
        align_articles([missing], tmp_path / "abstracts.tmx")


def test_align_takes_the_language_tags_every_export_uses(issue: Path, tmp_path: Path) -> None:
    output = tmp_path / "abstracts.tmx"
    result = CliRunner().invoke(
        main, ["align", str(issue), "-o", str(output), "--zh-lang", "zh-Hans", "--en-lang", "en-GB"]
    )
    assert result.exit_code == 0, result.output
    root = SafeET.parse(output).getroot()
    assert root.find("header").get("srclang") == "zh-Hans"
    languages = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")}
    assert languages == {"zh-Hans", "en-GB"}


def test_align_refuses_a_tag_that_is_not_chinese(issue: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["align", str(issue), "-o", str(tmp_path / "a.tmx"), "--zh-lang", "en"])
    assert result.exit_code == 2
    assert "'en' is not a language tag for 'zh'" in result.stderr
