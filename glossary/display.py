"""Terminal tables that line up with Chinese text (two columns per wide character)."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def fit(text: str, width: int) -> str:
    """Cut `text` to `width` terminal columns (with … when cut) and pad it to exactly that width."""
    text = " ".join(text.split())
    if display_width(text) > width:
        kept = ""
        for char in text:
            if display_width(kept + char) > width - 1:
                break
            kept += char
        text = kept + "…"
    return text + " " * (width - display_width(text))


def table(headers: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    lines = ["  ".join(fit(header, width) for header, width in zip(headers, widths, strict=True)).rstrip()]
    lines.extend(
        "  ".join(fit(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    )
    return lines
