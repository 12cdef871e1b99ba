"""Reading stage: paths the user gave -> normalised Documents, and the problems met on the way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from glossary.chinese import traditional_share
from glossary.errors import GlossaryError, Problem
from glossary.models import Document
from glossary.reading import docx, pdf, text
from glossary.reading.duplicates import without_duplicates
from glossary.reading.normalize import to_paragraphs, unify_compatibility_ideographs

Reader = Callable[[Path, str], tuple[list[str], str, list[str]]]  # lines, encoding, warnings
READERS: dict[str, Reader] = {
    ".txt": text.read_lines,
    ".md": text.read_lines,
    ".pdf": pdf.read_lines,
    ".docx": docx.read_lines,
}
TRADITIONAL_SHARE = 0.2  # simplified text has almost no characters that simplification changes


def expand_paths(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Files to read (directories searched recursively), each with the name shown to the user."""
    files: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
            found = [p for p in found if not any(part.startswith(".") for part in p.relative_to(path).parts)]
            if not found:
                problems.append(
                    Problem(str(path), "no journal text here (no .txt, .md, .pdf or .docx files)")
                )
            files.extend((p, str(p)) for p in found)
        elif path.is_file():
            if path.suffix.lower() not in READERS:
                problems.append(
                    Problem(str(path), f"unsupported file type '{path.suffix}' (use .txt, .md, .pdf, .docx)")
                )
            else:
                files.append((path, str(path)))
        elif path.exists():
            problems.append(Problem(str(path), "not a regular file"))
        else:
            problems.append(Problem(str(path), "no such file or directory"))
    return files, problems


def read_document(path: Path, name: str) -> Document:
    """Read and normalise one file; raises GlossaryError naming the file and the problem."""
    reader = READERS[path.suffix.lower()]
    try:
        lines, encoding, warnings = reader(path, name)
    except OSError as error:
        raise GlossaryError(name, f"cannot read: {error.strerror or error}") from None
    lines = [unify_compatibility_ideographs(line) for line in lines]
    paragraphs = to_paragraphs(lines, wrapped=path.suffix.lower() != ".docx")
    if not paragraphs:
        raise GlossaryError(name, "no text in the file")
    sample = "".join(paragraph.text for paragraph in paragraphs[:400])
    return Document(
        path=path,
        name=name,
        paragraphs=paragraphs,
        encoding=encoding,
        traditional=traditional_share(sample) > TRADITIONAL_SHARE,
        warnings=warnings,
    )


def read_documents(paths: list[Path]) -> tuple[list[Document], list[Problem]]:
    """Every readable file among `paths`; a bad file is a Problem and the others are still read."""
    files, problems = expand_paths(paths)
    documents: list[Document] = []
    for path, name in files:
        try:
            document = read_document(path, name)
        except GlossaryError as error:
            problems.append(Problem(error.where, error.problem))
            continue
        documents.append(document)
        problems.extend(Problem(name, warning) for warning in document.warnings)
    documents, duplicates = without_duplicates(documents)
    problems.extend(Problem(duplicate.document.name, duplicate.warning()) for duplicate in duplicates)
    return documents, problems
