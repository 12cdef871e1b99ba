"""Glossary stage: term pairs and article records as the rows of a glossary workbook."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from glossary import __version__
from glossary.models import ArticleRecord, Glossary, GlossaryRow, RunInfo, SourceArticle, TermPair
from glossary.pairing import zh_key

CONFIDENCE_DIGITS = 3
MAX_TITLE_IN_LABEL = 40
CONTEXT_PREFERENCE = ("abstract", "title", "keywords", "parenthetical", "termlist")


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


def glossary_rows(
    pairs: list[TermPair], records: list[ArticleRecord], frequencies: dict[str, int]
) -> list[GlossaryRow]:
    labels = {record.id: article_label(record) for record in records}
    rows = []
    for pair in pairs:
        article_ids = list(dict.fromkeys(o.article_id for o in pair.occurrences if o.article_id))
        ordered = sorted(pair.occurrences, key=lambda o: CONTEXT_PREFERENCE.index(o.source))
        rows.append(
            GlossaryRow(
                chinese=pair.zh,
                english=pair.en,
                confidence=round(pair.confidence, CONFIDENCE_DIGITS),
                type=pair.type,
                sources=pair.sources,
                frequency=frequencies.get(zh_key(pair.zh), 0) or len(pair.occurrences),
                articles=[labels.get(article_id, article_id) for article_id in article_ids],
                chinese_context=next((o.zh_context for o in ordered if o.zh_context), ""),
                english_context=next((o.en_context for o in ordered if o.en_context), ""),
                extracted_english=pair.en,
                evidence=describe_evidence(pair),
                extracted_type=pair.type,
            )
        )
    return rows


def describe_evidence(pair: TermPair) -> str:
    """What made the tool propose the pair, in words a reviewer can check."""
    names = {
        "dictionary": "dictionary {:.2f}",
        "logdice": "co-occurrence logDice {:.1f}",
        "termlist": "in termlist",
        "gloss boundary": "author's gloss (boundary {:.2f})",
        "identical": "same string",
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
