"""English casing and display: how the run's English writes each word, and a span as a glossary entry."""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable

from glossary.candidates import EnToken
from glossary.pairing.statistics import Numbering

SENTENCE_END = 2**32 - 1  # in CaseBook._text: the number of no field


class CaseBook:
    """How the run's English writes each word in running text: `security` lower, `China` capitalised."""

    def __init__(self, sentences: Iterable[list[EnToken]]) -> None:
        self.lower: Counter[str] = Counter()
        self.upper: Counter[str] = Counter()
        # running text (each sentence after its first word) as space-separated fields, to find names
        # written with their capitals: each field by its number in `_words`, the sentences one after
        # another in `_text` (each followed by SENTENCE_END), and where each pair of neighbouring fields
        # occurs in it (compact: the run's English is kept whole, a thousand files of it)
        self._words = Numbering()
        self._text = array("I")
        self._bigrams: dict[int, array[int]] = {}
        for tokens in sentences:
            fields = " ".join(token.text for token in tokens[1:]).split(" ")
            self._add_sentence([self._words.number(field) for field in fields])
            for index, token in enumerate(tokens):
                if (
                    index == 0
                    or not token.text[:1].isalpha()
                    or tokens[index - 1].text in (".", ":", "?", "!")
                ):
                    continue
                (self.upper if token.text[:1].isupper() else self.lower)[token.text.lower()] += 1

    def _add_sentence(self, numbers: list[int]) -> None:
        start = len(self._text)
        for position in range(len(numbers) - 1):
            bigram = numbers[position] << 32 | numbers[position + 1]
            places = self._bigrams.get(bigram)
            if places is None:
                places = self._bigrams[bigram] = array("I")
            places.append(start + position)
        self._text.extend(numbers)
        self._text.append(SENTENCE_END)

    def __iadd__(self, other: CaseBook) -> CaseBook:
        """Add another part of the run's English (another file's) in place."""
        self.lower.update(other.lower)
        self.upper.update(other.upper)
        numbers = [self._words.number(word) for word in other._words.strings]
        sentence: list[int] = []
        for number in other._text:
            if number == SENTENCE_END:
                self._add_sentence(sentence)
                sentence = []
            else:
                sentence.append(numbers[number])
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
        numbers = [self._words.get(word) for word in phrase.split(" ")]
        if None in numbers:
            return False
        wanted = array("I", numbers)  # type: ignore[arg-type]
        return any(
            self._text[place : place + len(wanted)] == wanted
            for place in self._bigrams.get(wanted[0] << 32 | wanted[1], ())
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
