"""PDF files, through the text layer pypdfium2 extracts (no OCR)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import GlossaryError
from glossary.reading.normalize import split_lines

if TYPE_CHECKING:
    from pypdfium2 import PdfTextPage

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
            pages.append(page_text(text_page))
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


def page_text(text_page: PdfTextPage) -> str:
    """The page's text as get_text_range gives it, with the characters beyond U+FFFF that it leaves out.

    get_text_range (pdfium's FPDFText_GetText) writes UCS-2: it skips every character of pdfium's text
    buffer beyond U+FFFF. One that a ToUnicode map names (<D842DFB7> for 𠮷) is in that buffer as two
    surrogate halves and comes through; one named by a glyph name (/u20BB7) is in it as one code point and
    would vanish. The text then comes back shorter than the buffer, and those characters are put back where
    the buffer has them. (get_text_bounded keeps them, but it counts its buffer in code points and so cuts
    as many UTF-16 units off the end of the page, and it breaks lines its own way.)
    """
    import pypdfium2.raw as pdfium_c

    def text_index(char: int) -> int:  # the character's place in pdfium's text buffer; -1: not in it
        return pdfium_c.FPDFText_GetTextIndexFromCharIndex(text_page, char)

    units = text_page.get_text_range(errors="surrogatepass").encode("utf-16-le", "surrogatepass")
    count = text_page.count_chars()
    first = next((index for char in range(count) if (index := text_index(char)) >= 0), 0)
    last = next((index for char in reversed(range(count)) if (index := text_index(char)) >= 0), -1)
    if len(units) // 2 < last - first + 1:
        beyond = (
            (index, code)
            for char in range(count)
            if 0xFFFF < (code := pdfium_c.FPDFText_GetUnicode(text_page, char)) <= 0x10FFFF
            and (index := text_index(char)) >= 0
        )
        pieces, start = [], 0
        for skipped, (index, code) in enumerate(beyond):
            at = 2 * (index - first - skipped)  # bytes into `units`, which lacks the ones before this one
            pieces += [units[start:at], chr(code).encode("utf-16-le")]
            start = at
        units = b"".join([*pieces, units[start:]])
    # A surrogate half without its partner (a broken ToUnicode map) stands for no character, and the ledger
    # and workbook writers cannot encode it: dropped, as get_text_range's own decoding drops it.
    return units.decode("utf-16-le", errors="ignore")
