"""Glossary rows: the order a reviewer meets them in, the article order one sort away, and what the
inputs themselves give a reviewer reason to check."""

from __future__ import annotations

from dataclasses import replace

from test_workbook import pair

from glossary.models import ArticleRecord, Occurrence, TermPair, ZhFrontMatter
from glossary.rows import glossary_rows, review_order


def term_pair(
    zh: str, en: str, confidence: float, *seen: tuple[str, str, str], kind: str = "concept"
) -> TermPair:
    """A pair seen as (source, article id, Chinese context) in each of `seen`."""
    return TermPair(
        zh,
        en,
        confidence,
        kind,
        [Occurrence(source, article, context, "") for source, article, context in seen],
    )


def record(article_id: str, title: str) -> ArticleRecord:
    zh = ZhFrontMatter(title, [], "", [], {}, 0)
    return ArticleRecord(file="2024-03.txt", zh=zh, id=article_id)


RECORDS = [record("A1", "全球治理的新趋势"), record("A2", "大国关系"), record("A3", "国际权力转移")]


def test_reviewers_meet_likely_right_frequent_terms_first_and_order_gives_the_articles_back() -> None:
    rows = [
        replace(pair("治理", "governance", 0.45, frequency=30), order=1),
        replace(pair("全球治理", "global governance", 0.95, frequency=3), order=2),
        replace(pair("全球治理", "governance of the globe", 0.6, frequency=3), order=3),
        replace(pair("大国", "great power", 0.8, frequency=12), order=4),
        replace(pair("大国", "major country", 0.9, frequency=12, status="rejected"), order=5),
        replace(pair("大国", "major power", 0.75, frequency=12, status="approved"), order=6),
        replace(pair("国际体系", "international system", 0.55, frequency=40), order=7),
        replace(pair("霸权", "hegemony", 0.9, frequency=5, status="rejected"), order=8),
        pair("共同富裕", "common prosperity", 0.0, frequency=0, status="approved"),  # a reviewer's own row
    ]

    ordered = review_order(rows)

    assert [(row.chinese, row.english) for row in ordered] == [
        ("大国", "major power"),  # trusted band, most frequent; the approved rendering first
        ("大国", "great power"),
        ("大国", "major country"),  # rejected: last of its term
        ("全球治理", "global governance"),
        ("全球治理", "governance of the globe"),
        ("国际体系", "international system"),  # the middle band after the trusted one, however frequent
        ("治理", "governance"),
        ("共同富裕", "common prosperity"),
        ("霸权", "hegemony"),  # every rendering rejected
    ]
    assert [row.order for row in sorted(ordered, key=lambda row: row.order or 99)] == [*range(1, 9), 0]


def test_rows_carry_the_article_order_of_their_terms() -> None:
    pairs = [
        term_pair("国际权力", "international power", 0.9, ("abstract", "A3", "国际权力转移")),
        term_pair("全球治理", "global governance", 0.95, ("abstract", "A1", "全球治理")),
        term_pair("大国", "major power", 0.9, ("keywords", "A2", "大国")),
        term_pair("全球治理", "world governance", 0.5, ("abstract", "A3", "全球治理")),
    ]

    rows = glossary_rows(pairs, RECORDS, {})

    assert [(row.order, row.chinese, row.english) for row in rows] == [
        (1, "全球治理", "global governance"),
        (2, "全球治理", "world governance"),
        (3, "大国", "major power"),
        (4, "国际权力", "international power"),
    ]


def test_an_article_that_renders_a_term_its_own_way_is_named_in_check() -> None:
    pairs = [
        term_pair("大国", "major country", 0.95, ("abstract", "A1", "大国"), ("abstract", "A2", "大国")),
        term_pair("大国", "major power", 0.9, ("abstract", "A3", "大国"), ("termlist", "A1", "大国")),
        term_pair("大国", "great power", 0.9, ("termlist", "A2", "大国")),  # no article writes it
    ]

    checks = {row.english: row.check for row in glossary_rows(pairs, RECORDS, {})}

    assert checks == {
        "major country": "",
        "major power": "A3 writes this; A1, A2 write: major country",
        "great power": "",
    }


def test_a_pair_seen_inside_a_longer_term_of_the_same_meaning_is_named_in_check() -> None:
    pairs = [
        term_pair(
            "国际权力转移", "international power transfer", 0.9, ("abstract", "A3", "论国际权力转移的动力")
        ),
        term_pair("国际权力", "international power", 0.6, ("abstract", "A3", "国际权力转移的动力")),
        term_pair(
            "权力转移",
            "power transfer",
            0.6,
            ("abstract", "A3", "权力转移"),
            ("abstract", "A1", "权力转移理论"),
        ),
        term_pair("权力", "power", 0.5, ("abstract", "A3", "国际权力转移的动力")),
        term_pair("转移", "shift", 0.5, ("abstract", "A3", "国际权力转移")),  # mostly on its own in the text
        term_pair("国际", "world", 0.4, ("abstract", "A3", "国际权力转移")),  # not the same meaning
        term_pair("转移", "transfer", 0.5, ("keywords", "A3", "转移")),  # an author's keyword: a term
    ]

    frequencies = {"国际权力转移": 3, "国际权力": 3, "权力转移": 4, "权力": 3, "国际": 30, "转移": 7}
    checks = {row.english: row.check for row in glossary_rows(pairs, RECORDS, frequencies)}

    inside = "may be part of the longer term 国际权力转移 (international power transfer)"
    assert checks == {
        "international power transfer": "",
        "international power": inside,
        "power transfer": "",  # A1 writes it on its own
        "power": inside,
        "shift": "",
        "world": "",
        "transfer": "",
    }


def test_a_row_shows_a_clause_and_keeps_the_whole_sentence_only_when_it_was_cut() -> None:
    long_sentence = (
        "在百年变局加速演进的背景下，大国战略竞争日趋激烈，国际秩序深刻调整，"
        "\u3000全球治理体系面临前所未有的挑战。"
    )
    pairs = [
        term_pair("全球治理体系", "global governance system", 0.9, ("abstract", "A1", long_sentence)),
        term_pair("大国", "major country", 0.9, ("abstract", "A2", "大国\u3000关系深刻调整。")),
    ]

    rows = {row.chinese: row for row in glossary_rows(pairs, RECORDS, {})}

    cut = rows["全球治理体系"]
    assert cut.chinese_context == "…国际秩序深刻调整， 全球治理体系面临前所未有的挑战。"
    assert cut.chinese_full_context == " ".join(long_sentence.split())
    whole = rows["大国"]
    assert (whole.chinese_context, whole.chinese_full_context) == ("大国 关系深刻调整。", "")
