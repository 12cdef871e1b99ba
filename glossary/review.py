"""Carrying a reviewer's decisions over to a new run: `glossary extract ... -o reviewed.xlsx`.

A row is matched to the new run by (Chinese, extracted English), the pair the tool proposed, so a
corrected English still finds its pair. The workbook's hidden Ledger remembers every pair the tool
wrote, which is how a row the reviewer deleted is told from a pair the tool never proposed.

A glossary grows issue by issue: the articles of earlier inputs that this run does not read stay in
Sources (renumbered after this run's), and so do their candidates, marked in Check.
"""

from __future__ import annotations

import glob
import hashlib
import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from glossary.errors import GlossaryError, Problem
from glossary.files import refuse_if_open, write_verified_copy
from glossary.models import Glossary, GlossaryRow, KnownPair, SourceArticle
from glossary.rows import PLAUSIBLE, label_id, review_order
from glossary.workbook import ledger_with_rows, parse_workbook, write_workbook

DELETED = "deleted"  # the ledger's status for a pair whose row a reviewer removed
NOT_FOUND = "not found by this run"
EARLIER_INPUT = "from an earlier input not in this run"
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")

Key = tuple[str, str]


@dataclass
class MergeReport:
    kept: int = 0  # rows of the previous workbook carried over unchanged
    updated: int = 0  # rows carried over whose figures, contexts or sources the new run changed
    new: int = 0  # candidates the previous workbook did not have
    suppressed_rejected: int = 0  # pairs found again that the reviewer rejected: they stay rejected
    suppressed_deleted: int = 0  # pairs found again whose row the reviewer deleted: not brought back
    reviewer_added: int = 0  # rows the reviewer wrote, carried over as they are
    dropped: int = 0  # candidates nobody reviewed that the new run no longer finds
    carried: int = 0  # unreviewed candidates of earlier inputs this run does not read, kept as they are
    covered: int = 0  # pairs found again that a row the reviewer corrected already shows
    rows: int = field(default=0, compare=False)  # rows of the merged workbook

    def summary(self) -> str:
        counts = {name: count for name, count in vars(self).items() if name != "rows"}
        return ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items() if count)


def normalise(text: str) -> str:
    """What two spellings of one term share: no case, spaces or hyphens; full-width forms folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if not char.isspace() and char not in _HYPHENS)


def loose_key(chinese: str, english: str) -> Key:
    return normalise(chinese), normalise(english)


def exact_key(row: GlossaryRow) -> Key:
    return row.chinese, row.extracted_english


def is_edited(row: GlossaryRow) -> bool:
    """A reviewer changed what the tool proposed, or wrote something of their own on the row."""
    return (
        row.english != row.extracted_english
        or bool(row.note)
        or bool(row.extracted_type and row.type != row.extracted_type)
        or any(row.reviewer_columns.values())
    )


def is_reviewed(row: GlossaryRow) -> bool:
    return row.status != "candidate" or is_edited(row)


def as_proposed(row: GlossaryRow) -> GlossaryRow:
    """A row of a fresh run, with the tool's proposal recorded as such."""
    return replace(
        row,
        extracted_english=row.extracted_english or row.english,
        extracted_type=row.extracted_type or row.type,
    )


def _refreshed(previous: GlossaryRow, fresh: GlossaryRow) -> GlossaryRow:
    """The previous row brought up to date: the tool's figures from `fresh`, the reviewer's text kept."""
    if not is_reviewed(previous):
        return fresh
    return replace(
        previous,
        confidence=fresh.confidence,
        sources=fresh.sources,
        frequency=fresh.frequency,
        articles=fresh.articles,
        chinese_context=fresh.chinese_context,
        english_context=fresh.english_context,
        chinese_full_context=fresh.chinese_full_context,
        english_full_context=fresh.english_full_context,
        evidence=fresh.evidence,
        check=fresh.check,
        order=fresh.order,
        extracted_type=fresh.extracted_type if previous.extracted_english else "",
    )


def _as_shown(row: GlossaryRow) -> GlossaryRow:
    """The row as a workbook would give it back, to tell a real change from rounding."""
    return replace(row, confidence=round(row.confidence, 3), check="")


def merge_review(previous: Glossary, fresh: Glossary, known: list[KnownPair]) -> tuple[Glossary, MergeReport]:
    """The fresh run's rows with every decision of the previous workbook carried over."""
    report = MergeReport()
    fresh_rows = [as_proposed(row) for row in fresh.rows]
    earlier = _EarlierInputs(previous.articles, fresh.articles)
    old_rows = previous.rows
    hits_of, claimed = _match(old_rows, fresh_rows)

    present = {exact_key(row) for row in old_rows if row.extracted_english}
    tombstones = {key for key, status in previous.ledger.items() if status == DELETED or key not in present}
    deleted = {loose_key(*key) for key in tombstones}

    groups: dict[str, list[GlossaryRow]] = defaultdict(list)  # normalised Chinese -> its rows, in order
    for fresh_index, row in enumerate(fresh_rows):
        group = groups[normalise(row.chinese)]
        hits = hits_of.get(fresh_index, [])
        own = [old_index for old_index in hits if claimed[old_index] == fresh_index]
        for old_index in own:
            old = old_rows[old_index]
            merged_row = earlier.with_earlier_articles(_refreshed(old, row), old)
            if old.status == "rejected":
                report.suppressed_rejected += 1
            elif _as_shown(merged_row) == _as_shown(old):
                report.kept += 1
            else:
                report.updated += 1
            group.append(merged_row)
        if own:
            continue
        if any(old_rows[old_index].status == "rejected" for old_index in hits):
            report.suppressed_rejected += 1
        elif hits:
            report.covered += 1
        elif loose_key(row.chinese, row.english) in deleted:
            report.suppressed_deleted += 1
        else:
            report.new += 1
            group.append(row)

    for old_index, old in enumerate(old_rows):
        if old_index in claimed:
            continue
        if not old.extracted_english:
            report.reviewer_added += 1
            groups[normalise(old.chinese)].append(earlier.relabelled(replace(old, check="")))
        elif is_reviewed(old) or exact_key(old) not in previous.ledger:
            # Kept: a decision, or a pair the ledger does not know (its Chinese was edited, or no ledger).
            report.kept += 1
            check = EARLIER_INPUT if earlier.only_earlier(old) else NOT_FOUND
            groups[normalise(old.chinese)].append(earlier.kept(old, check))
        elif earlier.any_earlier(old):
            report.carried += 1
            groups[normalise(old.chinese)].append(earlier.kept(old, EARLIER_INPUT))
        else:
            report.dropped += 1

    rows = with_conflicts([row for group in groups.values() for row in group], known)
    articles = [*fresh.articles, *earlier.articles]
    merged = Glossary(
        rows, articles, fresh.run, ledger={key: DELETED for key in tombstones}, consistency=fresh.consistency
    )
    merged.ledger = ledger_with_rows(merged)
    report.rows = len(rows)
    return merged, report


class _EarlierInputs:
    """The previous workbook's articles from files this run does not read, renumbered to follow the
    run's own (A1..An), and the article labels of old rows rewritten to match."""

    def __init__(self, previous: list[SourceArticle], fresh: list[SourceArticle]) -> None:
        in_run = {_file_key(article.file) for article in fresh}
        self.articles: list[SourceArticle] = []
        self._new_id: dict[str, str] = {}  # old id -> id in the merged workbook, earlier inputs only
        self._known_ids = {article.id for article in previous}
        for article in previous:
            if _file_key(article.file) not in in_run:
                new_id = f"A{len(fresh) + len(self.articles) + 1}"
                self._new_id[article.id] = new_id
                self.articles.append(replace(article, id=new_id))

    def _is_earlier(self, label: str) -> bool:
        """An article of an earlier input, or one the workbook's Sources does not list (kept, to be safe)."""
        article_id = label_id(label)
        return article_id in self._new_id or article_id not in self._known_ids

    def _relabel(self, label: str) -> str:
        article_id = label_id(label)
        new_id = self._new_id.get(article_id)
        return new_id + label[len(article_id) :] if new_id else label

    def relabelled(self, row: GlossaryRow) -> GlossaryRow:
        """An old row with its earlier inputs' labels renumbered and every other label left as it was."""
        return replace(row, articles=[self._relabel(label) for label in row.articles])

    def earlier_labels(self, row: GlossaryRow) -> list[str]:
        """Of an old row, the (renumbered) labels of the articles this run did not read."""
        return [self._relabel(label) for label in row.articles if self._is_earlier(label)]

    def any_earlier(self, row: GlossaryRow) -> bool:
        """Whether the row may come from an input this run does not read; a row without articles (a
        termlist pair seen in the text) may, whenever the workbook had such inputs."""
        if not row.articles:
            return bool(self.articles)
        return any(map(self._is_earlier, row.articles))

    def only_earlier(self, row: GlossaryRow) -> bool:
        return bool(row.articles) and all(map(self._is_earlier, row.articles))

    def kept(self, row: GlossaryRow, check: str) -> GlossaryRow:
        """An old row the run did not find, with only the articles that still stand for it."""
        return replace(self.relabelled(row), articles=self.earlier_labels(row) or row.articles, check=check)

    def with_earlier_articles(self, merged: GlossaryRow, old: GlossaryRow) -> GlossaryRow:
        """A row found again, with the articles of earlier inputs that also had it."""
        extra = [label for label in self.earlier_labels(old) if label not in merged.articles]
        return replace(merged, articles=[*merged.articles, *extra]) if extra else merged


def _file_key(file: str) -> str:
    """One input file however the runs named it (relative or absolute), as far as it can still be found."""
    return os.path.realpath(file) if os.path.exists(file) else file


def _match(
    old_rows: list[GlossaryRow], fresh_rows: list[GlossaryRow]
) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Which old rows each fresh row finds (fresh index -> old indexes), and which fresh row each old row
    is brought up to date from (old index -> fresh index, the first that found it).

    First by the exact pair the tool proposed; then, for fresh rows still unmatched, by the normalised
    pair against both the English proposed and the English shown, which finds a row the reviewer
    corrected or added. Exact matches go first so that no loose match takes a pair's own row."""
    exact_index: dict[Key, list[int]] = defaultdict(list)
    loose_index: dict[Key, list[int]] = defaultdict(list)
    for index, row in enumerate(old_rows):
        if row.extracted_english:
            exact_index[exact_key(row)].append(index)
        for english in dict.fromkeys((row.extracted_english, row.english)):
            if english:
                loose_index[loose_key(row.chinese, english)].append(index)

    hits_of: dict[int, list[int]] = {}
    claimed: dict[int, int] = {}
    passes = ((exact_index, exact_key), (loose_index, lambda row: loose_key(row.chinese, row.english)))
    for index_of, key_of in passes:
        for fresh_index, row in enumerate(fresh_rows):
            if fresh_index in hits_of:
                continue
            hits = index_of.get(key_of(row), [])
            if hits:
                hits_of[fresh_index] = hits
            for old_index in hits:
                claimed.setdefault(old_index, fresh_index)
    return hits_of, claimed


def with_conflicts(rows: list[GlossaryRow], known: list[KnownPair]) -> list[GlossaryRow]:
    """The rows with every reason a reviewer should look twice in Check, the most specific first: a
    candidate a termlist rejects, a rendering a termlist's approved one differs from, what the rows
    already say (which articles write which rendering, a row this run no longer finds), then competing
    renderings of one term (two approved ones, a candidate beside an approved one, candidates beside
    each other)."""
    renderings: dict[str, dict[str, GlossaryRow]] = defaultdict(dict)  # Chinese -> English -> live row
    for row in rows:
        if row.status != "rejected" and row.english:
            renderings[normalise(row.chinese)].setdefault(normalise(row.english), row)
    listed: dict[str, list[KnownPair]] = defaultdict(list)  # Chinese -> approved termlist pairs
    accepted: set[Key] = set()
    rejected: dict[Key, KnownPair] = {}
    for pair in known:
        key = loose_key(pair.zh, pair.en)
        if pair.status == "rejected":
            rejected.setdefault(key, pair)
        else:
            accepted.add(key)
            if pair.status == "approved":
                listed[key[0]].append(pair)

    result = []
    for row in rows:
        chinese, english = loose_key(row.chinese, row.english)
        problems = []
        if row.status == "candidate" and (chinese, english) in rejected:
            problems.append(f"rejected in {_termlist_name(rejected[chinese, english])}")
        if row.status != "rejected":
            named = {english}  # renderings this row's Check already names
            if listed.get(chinese) and (chinese, english) not in accepted:
                problems.extend(f"{_termlist_name(pair)} has: {pair.en}" for pair in listed[chinese])
                named.update(normalise(pair.en) for pair in listed[chinese])
            if row.check:  # what the inputs or the merge said (which articles write what, not found...)
                problems.append(row.check)
            problems.extend(
                _rivalry(row, [other for key, other in renderings[chinese].items() if key not in named])
            )
        elif row.check:
            problems.append(row.check)
        result.append(replace(row, check="; ".join(dict.fromkeys(problems))))
    return result


def _rivalry(row: GlossaryRow, others: list[GlossaryRow]) -> list[str]:
    """What the other live renderings of the row's term mean for it. An acronym is another form of a
    name (IMF beside International Monetary Fund), so it competes only with acronyms; a rendering below
    PLAUSIBLE competes only with rows no more confident than itself (a 0.3 misalignment does not put a
    0.99 row in doubt, but the 0.3 row is told of the 0.99 one)."""
    rivals = [
        other
        for other in others
        if (other.type == "acronym") == (row.type == "acronym")
        and (
            other.confidence >= PLAUSIBLE or other.confidence >= row.confidence or other.status == "approved"
        )
    ]
    approved = [other.english for other in rivals if other.status == "approved"]
    if row.status == "approved":
        return ["also approved: " + "; ".join(approved)] if approved else []
    if approved:
        return ["approved as: " + "; ".join(approved)]
    return ["other renderings: " + "; ".join(other.english for other in rivals)] if rivals else []


def _termlist_name(pair: KnownPair) -> str:
    return f"termlist {Path(pair.origin).name}" if pair.origin else "a termlist"


def save_glossary(
    path: Path,
    fresh: Glossary,
    known: list[KnownPair],
    problems: list[Problem] | None = None,
    ignore_lock: bool = False,
) -> MergeReport | None:
    """Write the run's workbook to `path`. Over an existing workbook the reviewer's decisions are carried
    over and the old file is kept beside it as NAME.backup-YYYYMMDD-HHMMSS.xlsx (complete and verified,
    or the workbook is not replaced); returns None when there was no workbook. A workbook that cannot be
    read is left as it is and the error raised. What the reviewer should hear about the workbook goes to
    `problems`.

    A workbook open in LibreOffice or Excel (their lock file beside it) is not replaced unless
    `ignore_lock`. A save that lands while the run merges (the file's bytes differ, just before the
    replace, from what was read) is read and merged again, so that it is in the result."""
    path = Path(path)
    for _ in range(MERGE_ATTEMPTS):
        refuse_if_open(path, ignore_lock)
        snapshot = _Snapshot.take(path)

        def unchanged(snapshot: _Snapshot = snapshot) -> None:
            refuse_if_open(path, ignore_lock)
            if not snapshot.matches(path):
                raise _ChangedWhileRunning

        read_problems: list[Problem] = []
        try:
            if snapshot.data is None:
                rows = with_conflicts([as_proposed(row) for row in fresh.rows], known)
                write_workbook(path, replace(fresh, rows=review_order(rows)), unchanged)
                return None
            previous = with_ledger(
                path, parse_workbook(snapshot.data, str(path), read_problems), read_problems
            )
            merged, report = merge_review(previous, fresh, known)
            keep_backup(path, snapshot.data)
            write_workbook(path, replace(merged, rows=review_order(merged.rows)), unchanged)
        except _ChangedWhileRunning:
            continue
        if problems is not None:
            problems.extend(read_problems)
        return report
    raise GlossaryError(
        str(path),
        f"changed on disk {MERGE_ATTEMPTS} times while this run merged it; nothing written (the versions "
        "read are kept as backups beside it); run again once it is saved",
    )


MERGE_ATTEMPTS = 3


class _ChangedWhileRunning(Exception):
    """The workbook on disk is no longer the one the run read and merged."""


@dataclass(frozen=True)
class _Snapshot:
    """A workbook's bytes as the run read them (None: there was no file), to tell later whether it
    changed."""

    data: bytes | None
    digest: bytes

    @classmethod
    def take(cls, path: Path) -> _Snapshot:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return cls(None, b"")
        except OSError as error:
            raise GlossaryError(str(path), f"cannot read: {error.strerror}") from error
        return cls(data, hashlib.sha256(data).digest())

    def matches(self, path: Path) -> bool:
        try:
            if path.stat().st_size != len(self.data or b""):
                return False
            return self.data is not None and hashlib.sha256(path.read_bytes()).digest() == self.digest
        except FileNotFoundError:
            return self.data is None
        except OSError:
            return False


def with_ledger(path: Path, previous: Glossary, problems: list[Problem]) -> Glossary:
    """`previous` with a ledger: its own, or, when both its copies are gone (the Ledger sheet deleted,
    the Glossary sheet copied into a new workbook), the one of the newest backup beside it that has one.
    Without a ledger, rows the reviewer deleted would come back as new candidates; the reviewer is told."""
    if previous.ledger or not any(row.extracted_english for row in previous.rows):
        return previous
    for backup in _backups_newest_first(path):
        try:
            ledger = parse_workbook(backup.read_bytes(), str(backup)).ledger
        except (GlossaryError, OSError):
            continue  # an unreadable or cut-short backup of an older version: try the next one
        if ledger:
            known = f"the rows deleted before are known from {backup.name}"
            problems.append(Problem(str(path), f"{LEDGER_MISSING}; {known}"))
            return replace(previous, ledger=ledger)
    lost = "no backup beside it has one, so rows deleted before may come back as candidates"
    problems.append(Problem(str(path), f"{LEDGER_MISSING} and {lost}"))
    return previous


def _backups_newest_first(path: Path) -> list[Path]:
    def written(backup: Path) -> int:
        try:
            return backup.stat().st_mtime_ns
        except OSError:
            return 0

    found = path.parent.glob(f"{glob.escape(path.stem)}.backup-*{glob.escape(path.suffix)}")
    return sorted(found, key=lambda backup: (written(backup), backup.name), reverse=True)


LEDGER_MISSING = "the hidden Ledger sheet, which remembers the rows deleted, is missing"


def keep_backup(path: Path, data: bytes) -> Path:
    """Keep `data`, the workbook as read, beside it as a verified backup; raise GlossaryError (and so
    leave the workbook as it is) when it cannot be made."""
    backup = backup_path(path, datetime.now())
    try:
        write_verified_copy(data, backup)
    except GlossaryError as error:
        raise GlossaryError(
            error.where,
            f"cannot keep a backup of the reviewed workbook ({error.problem}); {path} is left as it was",
        ) from error
    return backup


def backup_path(path: Path, when: datetime) -> Path:
    """A name beside `path` that no earlier backup has: glossary.backup-20250131-140509.xlsx."""
    base = f"{path.stem}.backup-{when:%Y%m%d-%H%M%S}"
    candidate = path.with_name(base + path.suffix)
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{base}-{number}{path.suffix}")
        number += 1
    return candidate
