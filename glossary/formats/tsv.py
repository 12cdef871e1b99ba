"""OmegaT glossary: source<TAB>target<TAB>comment, one rendering a line, UTF-8, no header row.

OmegaT reads .txt, .tab and .utf8 glossary files; it skips lines that begin with #, trims each
field and takes its encoding from a "-*- coding: utf-8 -*-" comment on the first line, which is
what it writes itself when it creates a glossary. Fields cannot hold tabs or line breaks, so those
become spaces. OmegaT has no term status, so the comment starts with [admitted] or
[deprecated, do not use] for renderings that are not the preferred one.
"""

from __future__ import annotations

from pathlib import Path

from glossary.files import write_text_atomic
from glossary.formats.entries import Entry, Reading, single_line
from glossary.formats.table import COMMENT_LABELS, read_table

FIRST_LINE = "# Chinese-English glossary, tab-separated -*- coding: utf-8 -*-"


def write(path: Path, entries: list[Entry]) -> None:
    lines = [FIRST_LINE]
    for entry in entries:
        for rendering in entry.renderings:
            comment = " ".join(
                filter(None, (COMMENT_LABELS.get(rendering.standing), single_line(rendering.note)))
            )
            lines.append("\t".join(filter(None, (entry.chinese, rendering.english, comment))))
    write_text_atomic(path, "\n".join(lines) + "\n")


def read(path: Path) -> Reading:
    return read_table(path, "\t")
