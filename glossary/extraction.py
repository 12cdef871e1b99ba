"""The extraction pipeline: inputs -> articles -> aligned units -> candidates -> observations -> pairs."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from glossary.alignment import aligned_units
from glossary.articles import Issue, read_issues
from glossary.candidates import ChineseAnalyzer, EnglishAnalyzer, english_key
from glossary.chinese import simplify
from glossary.counting import KeyCounter
from glossary.errors import Problem
from glossary.glosses import find_glosses, gloss_passages
from glossary.lexicon import Lexicon, load_lexicon
from glossary.models import ArticleRecord, KnownPair, TermPair
from glossary.pairing import STRENGTH, Observation, Pairer, aggregate, context_around, zh_key
from glossary.progress import Progress, counted, step

TEXT_KINDS = ("text", "footnote", "heading")
MIN_GLOSS_CERTAINTY = 0.5


@dataclass
class Extraction:
    issues: list[Issue]
    pairs: list[TermPair]
    problems: list[Problem]
    frequencies: dict[str, int]  # Chinese key -> occurrences in all the text of the run
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> wall-clock seconds

    @property
    def records(self) -> list[ArticleRecord]:
        return [record for issue in self.issues for record in issue.records]

    def pairs_by_source(self) -> Counter[str]:
        return Counter(source for pair in self.pairs for source in pair.sources)


def extract_pairs(
    paths: list[Path],
    known: list[KnownPair],
    progress: Progress | None = None,
    senses: Sequence[tuple[str, str, str]] = (),
) -> Extraction:
    """Term pairs of everything readable under `paths`, with the problems met and time per stage.

    `senses` are the user's own dictionary senses (zh, English, status), added to CC-CEDICT's."""
    seconds: dict[str, float] = {}

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

    with stage("loading models"), step(progress, "loading models"):
        lexicon = load_lexicon().supplemented(senses) if senses else load_lexicon()
        english = EnglishAnalyzer()
    with stage("reading and matching"):
        issues, problems = read_issues(paths, progress)
    records = [record for issue in issues for record in issue.records]
    matched = [record for record in records if record.matched]
    with stage("alignment"):
        units_by_article = {
            record.id: aligned_units(record, lexicon) for record in counted(progress, "alignment", matched)
        }
    keywords = [keyword for record in records if record.zh for keyword in record.zh.keywords]
    with stage("candidates"):
        chinese = ChineseAnalyzer([pair.zh for pair in known if pair.status != "rejected"] + keywords)
        glosses = list(_gloss_observations(issues, chinese, lexicon, progress))
        units = [unit for article_units in units_by_article.values() for unit in article_units]
        glossed = [KnownPair(g.zh_written, g.en, "author's gloss", "alias", "parenthetical") for g in glosses]
        with step(progress, "candidates"):
            pairer = Pairer(
                units,
                known + glossed,
                lexicon,
                chinese,
                english,
                extra_terms=keywords + [gloss.zh for gloss in glosses],
                text_frequency=lambda keys: count_occurrences(issues, keys),
            )
    with stage("pairing"), step(progress, "pairing"):
        observations = pairer.unit_observations()
        prepared = {id(unit.aligned): unit for unit in pairer.units}
        for record in matched:
            assert record.zh and record.en
            if record.zh.keywords or record.en.keywords:
                article_units = [prepared[id(unit)] for unit in units_by_article[record.id]]
                observations.extend(
                    pairer.keyword_observations(
                        record.id, record.zh.keywords, record.en.keywords, article_units
                    )
                )
        observations.extend(glosses)
        frequencies = count_occurrences(
            issues, {observation.zh for observation in observations} | _known_keys(known)
        )
        english_text = _english_text(records)
        observations.extend(_termlist_observations(issues, known, frequencies, english_text))
        observations = _without_rejected(observations, known)
        pairs = aggregate(observations)
    return Extraction(issues, pairs, problems, frequencies, seconds)


def _known_keys(known: list[KnownPair]) -> set[str]:
    return {zh_key(pair.zh) for pair in known if pair.status != "rejected"}


def _paragraphs(issue: Issue) -> Iterator[tuple[int, str]]:
    for index, paragraph in enumerate(issue.document.paragraphs):
        if paragraph.kind in TEXT_KINDS:
            yield index, paragraph.text


def _gloss_observations(
    issues: list[Issue], chinese: ChineseAnalyzer, lexicon: Lexicon, progress: Progress | None
) -> Iterator[Observation]:
    for issue in counted(progress, "glosses", issues):
        for index, text, own_start in gloss_passages(issue.document.paragraphs, TEXT_KINDS):
            for gloss in find_glosses(text, chinese, lexicon, own_start):
                if gloss.certainty < MIN_GLOSS_CERTAINTY:
                    continue
                yield Observation(
                    zh=zh_key(gloss.zh),
                    zh_written=gloss.zh,
                    en=gloss.en,
                    en_key=english_key(gloss.en),
                    source="parenthetical",
                    article_id=issue.article_at(index),
                    strength=gloss.certainty,
                    zh_context=gloss.context,
                    en_context="",
                    kind=gloss.kind if gloss.kind in ("person", "acronym") else "",
                    evidence={"gloss boundary": gloss.certainty},
                )


def count_occurrences(issues: list[Issue], keys: set[str]) -> dict[str, int]:
    """How often each Chinese key occurs in all the text of the run (titles, abstracts, body, notes)."""
    counter = KeyCounter(key for key in keys if len(key) >= 2)
    return counter.count(_searchable(text) for issue in issues for _, text in _paragraphs(issue))


def _searchable(text: str) -> str:
    """Text in the form of zh_key, keeping offsets: simplified, one kind of dash."""
    return re.sub(r"[—–－‐]", "-", simplify(text))


def _english_text(records: list[ArticleRecord]) -> str:
    """All the English of the run as one comparison string (english_key form, words space-separated)."""
    pieces = [
        piece
        for record in records
        if record.en
        for piece in (record.en.title, record.en.abstract, *record.en.keywords)
    ]
    return " " + " ".join(english_key(piece) for piece in pieces) + " "


def _termlist_observations(
    issues: list[Issue], known: list[KnownPair], frequencies: dict[str, int], english_text: str
) -> Iterator[Observation]:
    """Known pairs whose Chinese occurs in the run: the approved rendering, and the other renderings the
    run's English uses too, with where they were seen."""
    wanted: dict[str, list[KnownPair]] = {}
    for pair in known:
        key = zh_key(pair.zh)
        if pair.status == "rejected" or not frequencies.get(key):
            continue
        if pair.status == "approved" or f" {english_key(pair.en)} " in english_text:
            wanted.setdefault(key, []).append(pair)
    seen: set[tuple[str, str, str]] = set()
    for issue in issues:
        for index, text in _paragraphs(issue):
            plain = _searchable(text)
            for key, pairs in wanted.items():
                if key not in plain:
                    continue
                article = issue.article_at(index)
                for pair in pairs:
                    if (key, pair.en, article) in seen:
                        continue
                    seen.add((key, pair.en, article))
                    position = plain.find(key)
                    yield Observation(
                        zh=key,
                        zh_written=text[position : position + len(key)],
                        en=pair.en,
                        en_key=english_key(pair.en),
                        source="termlist",
                        article_id=article,
                        strength=STRENGTH["known_approved" if pair.status == "approved" else "known_alias"],
                        zh_context=context_around(text, text[position : position + len(key)]),
                        evidence={"termlist": 1.0},
                    )


def _without_rejected(observations: list[Observation], known: list[KnownPair]) -> list[Observation]:
    rejected = {(zh_key(pair.zh), english_key(pair.en)) for pair in known if pair.status == "rejected"}
    return [
        observation for observation in observations if (observation.zh, observation.en_key) not in rejected
    ]
