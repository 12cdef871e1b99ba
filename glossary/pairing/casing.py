"""English casing and display: how the run's English writes each word, and a span as a glossary entry."""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable

from glossary.candidates import EnToken


class CaseBook:
    """How the run's English writes each word in running text: `security` lower, `China` capitalised."""

    def __init__(self, sentences: Iterable[list[EnToken]]) -> None:
        self.lower: Counter[str] = Counter()
        self.upper: Counter[str] = Counter()
        # running text (each sentence after its first word) as space-separated fields, and where each pair
        # of neighbouring fields occurs, to find names written with their capitals
        self._fields: list[list[str]] = []
        self._bigrams: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for tokens in sentences:
            fields = " ".join(token.text for token in tokens[1:]).split(" ")
            for position in range(len(fields) - 1):
                self._bigrams[(fields[position], fields[position + 1])].append((len(self._fields), position))
            self._fields.append(fields)
            for index, token in enumerate(tokens):
                if (
                    index == 0
                    or not token.text[:1].isalpha()
                    or tokens[index - 1].text in (".", ":", "?", "!")
                ):
                    continue
                (self.upper if token.text[:1].isupper() else self.lower)[token.text.lower()] += 1

    def __iadd__(self, other: CaseBook) -> CaseBook:
        """Add another part of the run's English (another file's) in place."""
        self.lower.update(other.lower)
        self.upper.update(other.upper)
        offset = len(self._fields)
        for (first, second), places in other._bigrams.items():
            bigram = (sys.intern(first), sys.intern(second))
            self._bigrams[bigram].extend((sentence + offset, position) for sentence, position in places)
        # the same words recur in every file: one string each, not one per file
        self._fields.extend([sys.intern(word) for word in fields] for fields in other._fields)
        return self

    def word(self, text: str, entity: bool = False) -> str:
        if len(text) > 1 and (text.isupper() or any(char.isupper() for char in text[1:])):
            return text  # acronyms and mixed case (REPowerEU) as written
        lower = text.lower()
        if self.upper[lower] > self.lower[lower] or (entity and not self.lower[lower]):
            return text[:1].upper() + text[1:]
        return lower

    def is_written_capitalised(self, phrase: str) -> bool:
        """Does running text write this multi-word phrase with its capitals (a name)?"""
        if " " not in phrase:
            return False
        wanted = phrase.split(" ")
        return any(
            self._fields[sentence][position : position + len(wanted)] == wanted
            for sentence, position in self._bigrams.get((wanted[0], wanted[1]), ())
        )

    def recase(self, word: str) -> str:
        return "-".join(self.word(part) for part in word.split("-"))

    def sentence_case(self, title: str) -> str:
        """`China-US Relations under the Great Trend` -> `China-US relations under the great trend`."""
        words = title.split(" ")
        return " ".join(words[:1] + [self.recase(word) for word in words[1:]])

    def display(self, tokens: list[EnToken], original: str) -> str:
        """A span as a glossary entry: head noun singular, capitals only where the run's English uses them.

        `original` is the text as written (the tokens may come from a sentence-cased title).
        """
        written = [original[token.start : token.start + len(token.text)] for token in tokens]
        surface = "".join(
            text + (" " if token.space_after else "") for text, token in zip(written, tokens, strict=True)
        ).strip()
        as_name = self.is_written_capitalised(surface)
        words = []
        for index, token in enumerate(tokens):
            is_head = index == len(tokens) - 1
            text = written[index]
            if is_head and token.tag == "NNS" and token.lemma:
                text = (
                    text[:1] + token.lemma[1:] if token.lemma[:1].lower() == text[:1].lower() else token.lemma
                )
            if not as_name:
                text = self.word(text, entity=bool(token.entity) and token.pos == "PROPN")
            words.append(text + (" " if token.space_after and not is_head else ""))
        return strip_article("".join(words).strip())


def display_keyword(text: str, case: CaseBook) -> str:
    """An author's English keyword as a glossary entry: no leading article, Title Case undone."""
    text = strip_article(" ".join(text.split()).strip(" .;,"))
    words = text.split(" ")
    if all(word[:1].isupper() for word in words) and not case.is_written_capitalised(text):
        return " ".join(case.recase(word) for word in words)
    return text


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
