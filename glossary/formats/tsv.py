"""OmegaT glossary: source<TAB>target<TAB>comment, one rendering a line, UTF-8, no header row.

OmegaT reads .txt, .tab and .utf8 glossary files; it skips lines that begin with #, trims each
field and takes its encoding from a "-*- coding: utf-8 -*-" comment on the first line, which is
what it writes itself when it creates a glossary. Fields cannot hold tabs or line breaks, so those
become spaces. OmegaT has no term status, so every comment starts with the status in words:
[approved, preferred], [approved, alternative], [candidate, not reviewed] or [rejected, do not use].
"""

from __future__ import annotations

from pathlib import Path

from glossary.files import write_text_atomic
from glossary.formats.cells import neutralise
from glossary.formats.entries import STANDING_WORDS, Entry, Reading, single_line
from glossary.formats.options import ExportOptions
from glossary.formats.table import read_table

FIRST_LINE = "# Chinese-English glossary, tab-separated -*- coding: utf-8 -*-"


def write(path: Path, entries: list[Entry], options: ExportOptions) -> None:
    lines = [FIRST_LINE]
    for entry in entries:
        for rendering in entry.renderings:
            comment = " ".join(
                filter(None, (f"[{STANDING_WORDS[rendering.standing]}]", single_line(rendering.note)))
            )
            cells = (entry.chinese, rendering.english, comment)
            lines.append("\t".join(cell if options.exact_cells else neutralise(cell) for cell in cells))
    write_text_atomic(path, "\n".join(lines) + "\n")


def read(path: Path) -> Reading:
    return read_table(path, "\t")
