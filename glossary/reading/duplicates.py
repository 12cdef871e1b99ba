"""The same document given twice (twice by name, or as `x.pdf` and its extraction `x.txt`): found by
content, so that one issue does not count every term twice.

Two files are one document when most sentences of the shorter are also sentences of the other. Sentences
are compared by their letters, digits and characters only (no spaces, line-break hyphens, quotes or other
punctuation, compatibility forms folded), so that a PDF and a text extraction of it meet although their
line and paragraph breaks, and the punctuation each extractor keeps, differ.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from glossary.models import Document

SENTENCE_END_RE = re.compile(r"(?<=[。！？；!?;])|(?<=[.](?=\s))")
NOT_A_WORD_RE = re.compile(r"[\W_]+")  # spaces, line-break hyphens, quotes and other punctuation
MIN_SENTENCE = 12  # characters: shorter ones (headings, `关键词：...` pieces) recur in unrelated issues
SAME_SHARE = 0.6  # of the shorter document's sentences found in the other


@dataclass
class Duplicate:
    document: Document  # the one left out
    kept: Document
    share: float

    def warning(self) -> str:
        if self.document.path.resolve() == self.kept.path.resolve():
            return "given more than once; read once"
        return (
            f"the same text as {self.kept.name} ({self.share:.0%} of its sentences); "
            f"read once, from {self.kept.name}"
        )


def sentence_keys(document: Document) -> set[int]:
    keys: set[int] = set()
    for paragraph in document.paragraphs:
        for sentence in SENTENCE_END_RE.split(paragraph.text):
            key = NOT_A_WORD_RE.sub("", unicodedata.normalize("NFKC", sentence))
            if len(key) >= MIN_SENTENCE:
                keys.add(int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big"))
    return keys


def without_duplicates(
    documents: list[Document], keys: list[set[int]] | None = None, sizes: list[int] | None = None
) -> tuple[list[Document], list[Duplicate]]:
    """The documents with each repeated one left out, and what was left out; `keys` are their
    `sentence_keys` when they were taken before (the documents may then have no paragraphs left), and
    may be only the keys some other document has too when `sizes` says how many each has in all.

    Of two that are one document the longer is kept (it may hold articles the other lacks: one article
    saved from an issue given with the whole issue), and of two as long the one given first.
    """
    if len(documents) < 2:
        return documents, []
    keys = keys if keys is not None else [sentence_keys(document) for document in documents]
    sizes = sizes if sizes is not None else [len(document_keys) for document_keys in keys]
    order = sorted(range(len(documents)), key=lambda number: -sizes[number])
    kept: list[int] = []
    duplicates: list[tuple[int, Duplicate]] = []
    holders: dict[int, list[int]] = defaultdict(list)  # sentence key -> documents kept that have it
    for number in order:
        own = keys[number]
        shares = [
            (len(own & keys[holder]) / sizes[number], -holder)
            for holder in _may_hold(own, sizes[number], holders)
        ]
        same = max(shares, default=(0.0, 0))
        if same[0] >= SAME_SHARE:
            duplicates.append((number, Duplicate(documents[number], documents[-same[1]], same[0])))
            continue
        for key in keys[number]:
            holders[key].append(number)
        kept.append(number)
    return [documents[number] for number in sorted(kept)], [duplicate for _, duplicate in sorted(duplicates)]


def _may_hold(own: set[int], size: int, holders: dict[int, list[int]]) -> set[int]:
    """The documents among `holders` (sentence key -> documents that have it) that may hold SAME_SHARE of
    a document of `size` sentences whose shared ones are `own`: to share `needed` of them a document must
    have one of any `len(own) - needed + 1` of them, so only the holders of that many of the rarest are
    looked at (a sentence that every issue prints, such as a journal's address, seldom is)."""
    if not size:
        return set()
    needed = max(1, math.ceil(SAME_SHARE * size) - 1)
    while needed / size < SAME_SHARE:
        needed += 1
    if len(own) < needed:
        return set()
    rarest = sorted(own, key=lambda key: len(holders.get(key, ())))[: len(own) - needed + 1]
    return {holder for key in rarest for holder in holders.get(key, ())}
