"""An article whose front matter was lost keeps the surviving end of its Chinese abstract."""

from __future__ import annotations

from pathlib import Path

from glossary.articles import FRAGMENT_NOTE, read_issues

# The second article lost its title page in extraction: its title survives in a running header (after the
# page number 47), and the end of its 提要 on the page after the first article's end mark. A line that
# starts with one space starts a page, as in PDF extractions.
ISSUE = """\
区域合作的新路径

王小明

〔提   要〕当前国际秩序正处于深刻转型之中，区域合作面临新的机遇与挑战。本文认为区域合作应坚持开放包容的原则。

〔关 键 词〕区域合作、开放包容

一、引言

区域合作成为国际关系中的重要现象，欧洲一体化进程为其他地区提供了经验。

【责任编辑：李静】
 字经济的发展深刻改变了全球贸易格局。本文认为，中国应积极参与全球贸易规则的制定，推动建设开放型世界经济。
 冷战结束以来，国际关系发生了深刻变化，各国之间的相互依存不断加深，地区冲突时有发生，大国关系复杂多变。

一、问题的提出

冷战结束以来，联合国在维护世界和平方面发挥了作用，但安全理事会的改革进展缓慢，各方分歧明显。

47

数字经济时代的全球贸易治理

二、主要分歧

安全理事会的改革涉及各方利益，需要长期的谈判与协商才能达成共识，各方应当保持耐心。

Abstracts

The New Path of Regional Cooperation

WANG Xiaoming

The current international order is undergoing profound transformation, and regional
cooperation faces new opportunities and challenges. This article argues that regional
cooperation should uphold openness and inclusiveness.

Global Trade Governance in the Era of Digital Economy

ZHAO Lei

The development of the digital economy has profoundly changed the global trade landscape.
Digital trade rules are becoming the focus of competition among major countries. This
article argues that China should actively participate in the making of global trade rules
and promote the building of an open world economy.
"""
FRAGMENT = (
    "字经济的发展深刻改变了全球贸易格局。本文认为，中国应积极参与全球贸易规则的制定，推动建设开放型世界经济。"
)
BODY_START = (
    " 冷战结束以来，国际关系发生了深刻变化，各国之间的相互依存不断加深，地区冲突时有发生，大国关系复杂多变。"
)


def second_article(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "issue.txt"
    path.write_text(text, encoding="utf-8")
    issues, problems = read_issues([path])
    assert problems == []
    issue = issues[0]
    records = [record for record in issue.records if record.zh]
    assert [record.zh.title for record in records] == ["区域合作的新路径", "数字经济时代的全球贸易治理"]
    assert records[1].en is not None and records[1].en.title.startswith("Global Trade Governance")
    return issue, records[1]


def test_the_end_of_a_lost_abstract_is_the_articles_chinese_abstract(tmp_path: Path) -> None:
    issue, record = second_article(tmp_path, ISSUE)
    assert record.zh.abstract == FRAGMENT
    assert FRAGMENT_NOTE in record.zh.notes
    fragment_line = ISSUE.splitlines().index(" " + FRAGMENT) + 1
    assert record.zh.lines["abstract"] == fragment_line
    # The article now starts at the fragment: its body is no longer counted as the first article's.
    body = next(
        n for n, p in enumerate(issue.document.paragraphs) if p.text.startswith("冷战结束以来，联合国")
    )
    assert issue.article_at(body) == record.id


def test_body_text_after_the_end_mark_is_not_taken_for_an_abstract(tmp_path: Path) -> None:
    # The page after the end mark holds body text that the English abstract does not translate.
    text = ISSUE.replace(
        " " + FRAGMENT,
        " 安全理事会的改革涉及各方利益，需要长期的谈判与协商才能达成共识，联合国的作用有待加强。",
    )
    _, record = second_article(tmp_path, text)
    assert record.zh.abstract == ""
    assert FRAGMENT_NOTE not in record.zh.notes


def test_no_end_mark_no_fragment(tmp_path: Path) -> None:
    _, record = second_article(tmp_path, ISSUE.replace("【责任编辑：李静】\n", ""))
    assert record.zh.abstract == ""


def test_a_fragment_that_runs_into_a_heading_on_its_page_is_not_taken(tmp_path: Path) -> None:
    # No page break between the text and the body's first heading: nothing says where an abstract ended.
    _, record = second_article(tmp_path, ISSUE.replace(BODY_START + "\n", ""))
    assert record.zh.abstract == ""


def test_articles_with_their_own_abstract_keep_it(tmp_path: Path) -> None:
    issue, _ = second_article(tmp_path, ISSUE)
    first = next(record for record in issue.records if record.zh)
    assert first.zh.abstract.startswith("当前国际秩序正处于深刻转型之中")
    assert FRAGMENT_NOTE not in first.zh.notes


def test_article_at_follows_renumbering(tmp_path: Path) -> None:
    from glossary.articles import renumber

    issue, record = second_article(tmp_path, ISSUE)
    body = next(
        n for n, p in enumerate(issue.document.paragraphs) if p.text.startswith("冷战结束以来，联合国")
    )
    assert issue.article_at(body) == record.id == "A2"
    renumber(issue.records, 7)
    assert issue.article_at(body) == "A9"
    assert issue.article_at(0) == "A8"
