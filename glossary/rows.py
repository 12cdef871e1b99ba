"""Glossary stage: term pairs and article records as the rows of a glossary workbook."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from glossary import __version__
from glossary.candidates import english_key
from glossary.contexts import CHINESE_BUDGET, ENGLISH_BUDGET, clip
from glossary.models import ArticleRecord, Glossary, GlossaryRow, RunInfo, SourceArticle, TermPair
from glossary.pairing import zh_key

CONFIDENCE_DIGITS = 3
MAX_TITLE_IN_LABEL = 40
CONTEXT_PREFERENCE = ("abstract", "title", "keywords", "parenthetical", "termlist")
# The bands README gives for Confidence: about 96 in 100 right from 0.7, about three in four from 0.5.
TRUSTED, PLAUSIBLE = 0.7, 0.5
CONFIDENCE_BANDS = (TRUSTED, PLAUSIBLE)
STATUS_RANK = {"approved": 0, "candidate": 1, "rejected": 2}
MAX_ARTICLES_NAMED = 4
VOUCHED_SOURCES = frozenset({"keywords", "parenthetical", "termlist"})
FRAGMENT_SHARE = 2  # a term used more than twice as often as the longer term holding it is a term of its own


def source_articles(records: list[ArticleRecord]) -> list[SourceArticle]:
    return [
        SourceArticle(
            id=record.id,
            file=record.file,
            zh_title=record.zh.title if record.zh else "",
            en_title=record.en.title if record.en else "",
            zh_authors="、".join(record.zh.authors) if record.zh else "",
            en_authors=" & ".join(record.en.authors) if record.en else "",
            sides="zh+en" if record.matched else ("zh only" if record.zh else "en only"),
        )
        for record in records
    ]


def article_label(record: ArticleRecord) -> str:
    """`A3 001_issue.txt: 大变局下国际思潮新动向与中国外交应对`: the id refers to the Sources sheet."""
    title = (record.zh.title if record.zh else "") or (record.en.title if record.en else "")
    if len(title) > MAX_TITLE_IN_LABEL:
        title = title[: MAX_TITLE_IN_LABEL - 1] + "…"
    return f"{record.id} {Path(record.file).name}: {title}"


def label_id(label: str) -> str:
    """`A3` of the label `A3 2024-1.txt: 全球安全倡议与…` that article_label writes."""
    return label.split(" ", 1)[0]


def glossary_rows(
    pairs: list[TermPair], records: list[ArticleRecord], frequencies: dict[str, int]
) -> list[GlossaryRow]:
    labels = {record.id: article_label(record) for record in records}
    terms = pairs_by_term(pairs)
    checks = input_checks(terms, frequencies)
    rows = []
    for order, pair in enumerate(article_order(terms, [record.id for record in records]), 1):
        article_ids = list(dict.fromkeys(o.article_id for o in pair.occurrences if o.article_id))
        ordered = sorted(pair.occurrences, key=lambda o: CONTEXT_PREFERENCE.index(o.source))
        chinese_sentence = next((o.zh_context for o in ordered if o.zh_context), "")
        english_sentence = next((o.en_context for o in ordered if o.en_context), "")
        chinese_context, chinese_full = shown_and_full(chinese_sentence, pair.zh, CHINESE_BUDGET)
        english_context, english_full = shown_and_full(english_sentence, pair.en, ENGLISH_BUDGET)
        rows.append(
            GlossaryRow(
                chinese=pair.zh,
                english=pair.en,
                confidence=round(pair.confidence, CONFIDENCE_DIGITS),
                type=pair.type,
                sources=pair.sources,
                frequency=frequencies.get(zh_key(pair.zh), 0) or len(pair.occurrences),
                articles=[labels.get(article_id, article_id) for article_id in article_ids],
                chinese_context=chinese_context,
                english_context=english_context,
                chinese_full_context=chinese_full,
                english_full_context=english_full,
                extracted_english=pair.en,
                evidence=describe_evidence(pair),
                check=checks.get(id(pair), ""),
                extracted_type=pair.type,
                order=order,
            )
        )
    return rows


def shown_and_full(sentence: str, term: str, budget: float) -> tuple[str, str]:
    """The context a row shows, and the whole sentence when the shown context is only part of it
    (spacing normalised in both, so that a sentence shown whole is not written twice)."""
    whole = " ".join(sentence.split())
    shown = clip(whole, term, budget)
    return shown, whole if shown != whole else ""


def pairs_by_term(pairs: list[TermPair]) -> dict[str, list[TermPair]]:
    """The pairs of each Chinese term (by zh_key), terms and pairs in the order given."""
    terms: dict[str, list[TermPair]] = defaultdict(list)
    for pair in pairs:
        terms[zh_key(pair.zh)].append(pair)
    return terms


def article_order(terms: dict[str, list[TermPair]], article_ids: list[str]) -> list[TermPair]:
    """The pairs of `terms` (pairs_by_term) in the order of the articles: each term where its first
    article is, its pairs together in the order given."""
    position = {article_id: index for index, article_id in enumerate(article_ids)}

    def first_article(term_pairs: list[TermPair]) -> int:
        return min(position.get(o.article_id, len(position)) for pair in term_pairs for o in pair.occurrences)

    ordered = sorted(terms.values(), key=first_article)  # stable: within an article, the run's order
    return [pair for term_pairs in ordered for pair in term_pairs]


def confidence_band(confidence: float) -> int:
    """2 for the trusted band, 1 for the middle one, 0 below 0.5."""
    return sum(confidence >= edge for edge in CONFIDENCE_BANDS)


def review_order(rows: list[GlossaryRow]) -> list[GlossaryRow]:
    """The rows as a reviewer should meet them: the rows of a term together, the approved and then the
    most confident rendering first; terms in the trusted Confidence band first, then the middle band,
    then the rest, the most frequent first within a band. Sorting by Order gives the article order back."""
    groups: dict[str, list[GlossaryRow]] = defaultdict(list)
    for row in rows:
        groups[zh_key(row.chinese)].append(row)

    def rendering_rank(row: GlossaryRow) -> tuple[int, float, float]:
        return STATUS_RANK.get(row.status, 1), -row.confidence, row.order or math.inf

    def term_rank(group: list[GlossaryRow]) -> tuple[int, int, float, float]:
        live = [row for row in group if row.status != "rejected"]
        best = max((row.confidence for row in live), default=0.0)
        band = confidence_band(best) if live else -1  # terms whose every rendering was rejected go last
        first = min(row.order or math.inf for row in group)
        return -band, -max(row.frequency for row in group), -best, first

    ordered = sorted((sorted(group, key=rendering_rank) for group in groups.values()), key=term_rank)
    return [row for group in ordered for row in group]


def input_checks(terms: dict[str, list[TermPair]], frequencies: dict[str, int]) -> dict[int, str]:
    """What the inputs themselves give a reviewer reason to look at, by id() of the pair of `terms`
    (pairs_by_term): an article whose English for a term differs from the other articles', a pair inside
    a longer term of the same meaning."""
    problems: dict[int, list[str]] = defaultdict(list)
    for term_pairs in terms.values():
        for pair, problem in _article_disagreements(term_pairs):
            problems[id(pair)].append(problem)
    for pair_id, longer in _inside_longer_terms(terms, frequencies).items():
        problems[pair_id].append(f"may be part of the longer term {longer.zh} ({longer.en})")
    return {key: "; ".join(found) for key, found in problems.items()}


def articles_using(pair: TermPair) -> list[str]:
    """The articles whose own text gives this rendering (a termlist pair is only where the Chinese is)."""
    return list(
        dict.fromkeys(o.article_id for o in pair.occurrences if o.article_id and o.source != "termlist")
    )


def _article_disagreements(term_pairs: list[TermPair]) -> list[tuple[TermPair, str]]:
    """Renderings of one term that some articles use where the other articles use the main one (the one
    most articles use). An acronym is another form of a name, not another rendering."""
    used = [(pair, articles_using(pair)) for pair in term_pairs if pair.type != "acronym"]
    used = [(pair, articles) for pair, articles in used if articles]
    if len(used) < 2:
        return []
    main, main_articles = max(used, key=lambda item: len(item[1]))
    found = []
    for pair, articles in used:
        own = [article for article in articles if article not in main_articles]
        if pair is not main and own:
            found.append((pair, f"{_write(own)} this; {_write(main_articles)}: {main.en}"))
    return found


def _write(article_ids: list[str]) -> str:
    """`A5 writes`, `A5, A7 write`, `A1, A2, A3, A4 and 6 more write`."""
    shown = ", ".join(article_ids[:MAX_ARTICLES_NAMED])
    more = len(article_ids) - MAX_ARTICLES_NAMED
    return (
        shown + (f" and {more} more" if more > 0 else "") + (" writes" if len(article_ids) == 1 else " write")
    )


def _inside_longer_terms(
    terms: dict[str, list[TermPair]], frequencies: dict[str, int]
) -> dict[int, TermPair]:
    """id() of a pair -> the most confident longer pair that the pair may be a fragment of: its Chinese
    part of the longer pair's Chinese, its English part of the longer pair's English, every sentence it
    was seen in holding the longer term, and at least half of its uses in the run's text inside the longer
    term (供应链 is everywhere, not only in 矿产供应链). 国际权力/international power in 国际权力转移/
    international power transfer. Substrings of each term are looked up: the cost grows with the terms."""
    found: dict[int, TermPair] = {}
    for key, longer_pairs in terms.items():
        pieces = {key[start:end] for start in range(len(key)) for end in range(start + 2, len(key) + 1)}
        pieces.discard(key)
        for piece in pieces & terms.keys():
            if frequencies.get(piece, 0) > FRAGMENT_SHARE * frequencies.get(key, 0):
                continue  # mostly on its own
            for pair in terms[piece]:
                if set(pair.sources) & VOUCHED_SOURCES:
                    continue  # listed or glossed by the authors, or in a termlist: a term of its own
                contexts = [zh_key(o.zh_context) for o in pair.occurrences if o.zh_context]
                if not contexts or not all(key in context for context in contexts):
                    continue
                words = f" {english_key(pair.en)} "
                for other in longer_pairs:
                    if words in f" {english_key(other.en)} " and (
                        id(pair) not in found or other.confidence > found[id(pair)].confidence
                    ):
                        found[id(pair)] = other
    return found


def describe_evidence(pair: TermPair) -> str:
    """What made the tool propose the pair, in words a reviewer can check."""
    names = {
        "dictionary": "dictionary {:.2f}",
        "logdice": "co-occurrence logDice {:.1f}",
        "termlist": "in termlist",
        "gloss boundary": "author's gloss (boundary {:.2f})",
        "identical": "same string",
        "encoder": "sentence encoder {:.2f}",
        "keyword list": "the article's English keywords",
    }
    parts = [names[name].format(value) for name, value in sorted(pair.evidence.items()) if name in names]
    sightings = len(pair.occurrences)
    parts.append(f"seen {sightings} time{'s' if sightings != 1 else ''}")
    return "; ".join(parts)


def build_glossary(
    pairs: list[TermPair],
    records: list[ArticleRecord],
    frequencies: dict[str, int],
    inputs: list[Path],
    termlists: list[Path],
    seconds: float,
) -> Glossary:
    return Glossary(
        rows=glossary_rows(pairs, records, frequencies),
        articles=source_articles(records),
        run=RunInfo(
            created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            version=__version__,
            inputs=[str(path) for path in inputs],
            termlists=["(shipped termlists)", *(str(path) for path in termlists)],
            seconds=round(seconds, 2),
        ),
    )
