"""PDF files, through the text layer pypdfium2 extracts (no OCR)."""

from __future__ import annotations

from pathlib import Path

from glossary.errors import GlossaryError
from glossary.reading.normalize import split_lines

MIN_CHARS_PER_PAGE = 20  # fewer than this on average: scanned pages without a text layer


def read_lines(path: Path, name: str) -> tuple[list[str], str, list[str]]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as error:
        problem = (
            "encrypted PDF (needs a password)" if "password" in str(error).lower() else "not a readable PDF"
        )
        raise GlossaryError(name, problem) from None
    try:
        pages = []
        for page in document:
            text_page = page.get_textpage()
            pages.append(text_page.get_text_range())
            text_page.close()
            page.close()
    finally:
        document.close()
    if not pages:
        raise GlossaryError(name, "PDF has no pages")
    if sum(len("".join(page.split())) for page in pages) < MIN_CHARS_PER_PAGE * len(pages):
        raise GlossaryError(name, "PDF without a text layer (scanned pages?); run OCR first")
    lines: list[str] = []
    for page in pages:
        page_lines = split_lines(page)
        page_lines[0] = "\f" + page_lines[0]  # the normaliser lets paragraphs run on over page breaks
        lines.extend(page_lines)
    return lines, "pdf", []
