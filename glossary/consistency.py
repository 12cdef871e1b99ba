"""Consistency: the Chinese terms that the articles of a run render in more than one way.

One Chinese term written several ways in English across the articles, issues and years of a journal
(大国 as `major country` here and `major power` there) is what editors and translators check before an
issue goes to print. A rendering counts when the inputs' own text gives it (keyword lists, titles,
aligned abstracts, the authors' glosses) with a Confidence of at least PLAUSIBLE (0.5: below it a
pair is more often a wrong pairing than a second rendering); a termlist only says which rendering is
approved. An acronym is another form of a name (IMF beside International
Monetary Fund), not another rendering.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from glossary.candidates import english_key
from glossary.contexts import CHINESE_BUDGET, ENGLISH_BUDGET, clip
from glossary.errors import Problem, no_articles_error
from glossary.models import ArticleRecord, Inconsistency, KnownPair, Rendering, TermPair
from glossary.pairing import zh_key
from glossary.progress import Progress
from glossary.rows import PLAUSIBLE, article_label, articles_using, label_id


@dataclass
class ConsistencyReport:
    inconsistencies: list[Inconsistency]
    articles: int
    problems: list[Problem] = field(default_factory=list)


def find_inconsistencies(
    pairs: list[TermPair], records: list[ArticleRecord], known: list[KnownPair]
) -> list[Inconsistency]:
    """The terms with more than one rendering in the inputs, those used by the most articles first."""
    labels = {record.id: article_label(record) for record in records}
    approved: dict[str, list[str]] = defaultdict(list)
    listed: dict[tuple[str, str], str] = {}
    for pair in known:
        key = zh_key(pair.zh)
        if pair.status == "approved" and pair.en not in approved[key]:
            approved[key].append(pair.en)
        if pair.status != "rejected":
            listed.setdefault((key, english_key(pair.en)), pair.status)
    terms: dict[str, list[Rendering]] = defaultdict(list)
    written: dict[str, str] = {}
    for pair in pairs:
        rendering = _rendering(pair, labels, listed)
        if rendering is not None:
            terms[zh_key(pair.zh)].append(rendering)
            written.setdefault(zh_key(pair.zh), pair.zh)
    found = [
        Inconsistency(
            written[key], sorted(renderings, key=lambda r: (-len(r.articles), -r.count)), approved[key]
        )
        for key, renderings in terms.items()
        if len(renderings) > 1
    ]
    return sorted(found, key=lambda item: -len({a for r in item.renderings for a in r.articles}))


def _rendering(
    pair: TermPair, labels: dict[str, str], listed: dict[tuple[str, str], str]
) -> Rendering | None:
    """The pair as one rendering the inputs use, or None when only a termlist or a doubtful pairing has it."""
    seen = [o for o in pair.occurrences if o.source != "termlist"]
    if not seen or pair.type == "acronym" or pair.confidence < PLAUSIBLE:
        return None
    chinese = next((o.zh_context for o in seen if o.zh_context), "")
    english = next((o.en_context for o in seen if o.en_context), "")
    return Rendering(
        english=pair.en,
        count=len(seen),
        articles=[labels.get(article, article) for article in articles_using(pair)],
        chinese_context=clip(chinese, pair.zh, CHINESE_BUDGET),
        english_context=clip(english, pair.en, ENGLISH_BUDGET),
        termlist=listed.get((zh_key(pair.zh), english_key(pair.en)), ""),
    )


def check_consistency(
    paths: list[Path], known: list[KnownPair], progress: Progress | None = None
) -> ConsistencyReport:
    """The terms the articles under `paths` render in more than one way, with the approved renderings
    of the `known` pairs. Raises GlossaryError when no article is found."""
    from glossary.extraction import extract_pairs

    extraction = extract_pairs(paths, known, progress)
    records = extraction.records
    if not records:
        raise no_articles_error(paths, extraction.problems)
    found = find_inconsistencies(extraction.pairs, records, known)
    return ConsistencyReport(found, len(records), extraction.problems)


def render(inconsistencies: list[Inconsistency]) -> list[str]:
    """The report as text: per term its renderings with counts, the articles by id, one example each;
    then the articles named."""
    lines: list[str] = []
    named: dict[str, str] = {}
    for item in inconsistencies:
        approved = f"; termlist approves: {', '.join(item.approved)}" if item.approved else ""
        lines.append(f"{item.chinese}: {len(item.renderings)} renderings{approved}")
        for rendering in item.renderings:
            ids = [label_id(label) for label in rendering.articles]
            named.update((label_id(label), label.split(" ", 1)[-1]) for label in rendering.articles)
            mark = f" [{rendering.termlist} in termlist]" if rendering.termlist else ""
            lines.append(f"  {rendering.english}{mark}: {rendering.count}x in {', '.join(ids) or '-'}")
            example = rendering.english_context or rendering.chinese_context
            if example:
                lines.append(f"      {example}")
    if not inconsistencies:
        lines.append("every term is rendered one way")
    else:
        lines.append("")
        lines.extend(f"{article_id} {label}" for article_id, label in sorted(named.items(), key=_by_number))
    return lines


def _by_number(item: tuple[str, str]) -> tuple[int, str]:
    digits = item[0].lstrip("A")
    return (int(digits) if digits.isdigit() else 0), item[0]
