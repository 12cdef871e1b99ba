"""Plain text and Markdown files (.txt, .md): PDF extractions, in any of the encodings we read."""

from __future__ import annotations

from pathlib import Path

from glossary.errors import GlossaryError
from glossary.reading.decoding import REPLACEMENT, UndecodableError, decode, describe_bad_utf8
from glossary.reading.normalize import split_lines


def read_lines(path: Path, name: str) -> tuple[list[str], str, list[str]]:
    data = path.read_bytes()
    if not data.strip():
        raise GlossaryError(name, "empty file")
    try:
        text, encoding = decode(data)
    except UndecodableError as error:
        raise GlossaryError(name, str(error)) from None
    damage = describe_bad_utf8(data) if encoding == "utf-8" and REPLACEMENT in text else None
    return split_lines(text), encoding, [damage] if damage else []
