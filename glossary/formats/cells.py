"""Spreadsheet formula injection: cells of delimited exports that a spreadsheet would run as formulas.

Terms come from untrusted PDF text and third-party termlists, and a CSV or TSV is often opened by
double-clicking it. Following the OWASP CSV-injection rules, a cell that starts with = + - @, a tab
or a carriage return (or the full-width = + - @ an input method types) gets a leading apostrophe,
which spreadsheets take as "this is text". A cell that already starts with apostrophes before such
a character gets one more, so that reading drops exactly one and gives back the exact text.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
_NEEDS_ESCAPE = re.compile(f"'*[{re.escape(FORMULA_TRIGGERS)}]")
_ESCAPED = re.compile(f"'+[{re.escape(FORMULA_TRIGGERS)}]")


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: an apostrophe before a formula trigger."""
    return "'" + cell if _NEEDS_ESCAPE.match(cell) else cell


def restore(cell: str) -> str:
    """The exact text of a cell written by neutralise()."""
    return cell[1:] if _ESCAPED.match(cell) else cell
