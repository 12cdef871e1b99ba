"""The same issue given twice, or in two formats, is read once and said so."""

from __future__ import annotations

import random
from array import array
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from conftest import CONTENTS_ISSUE, TIYAO_ISSUE, ZHAIYAO_ISSUE

from glossary.articles import read_articles
from glossary.errors import Problem
from glossary.extraction import _shared_keys
from glossary.models import Document
from glossary.reading import read_documents
from glossary.reading.duplicates import SAME_SHARE, without_duplicates


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_same_file_twice_is_read_once(tmp_path: Path) -> None:
    issue = write(tmp_path / "issue.txt", TIYAO_ISSUE)
    documents, problems = read_documents([issue, tmp_path / "." / "issue.txt"])
    assert [document.name for document in documents] == [str(issue)]
    assert problems == [Problem(str(tmp_path / "." / "issue.txt"), "given more than once; read once")]


def test_a_copy_under_another_name_is_read_once(tmp_path: Path) -> None:
    first = write(tmp_path / "2024-3.txt", TIYAO_ISSUE)
    copy = write(tmp_path / "2024-3 (copy).md", TIYAO_ISSUE.replace("\n\n", "\n"))
    records, problems = read_articles([first, copy])
    alone, _ = read_articles([first])
    assert [record.label for record in records] == [record.label for record in alone]
    assert problems == [
        Problem(str(copy), f"the same text as {first} (100% of its sentences); read once, from {first}")
    ]


def test_a_word_file_and_its_text_extraction_are_one_document(
    tmp_path: Path, make_docx: Callable[..., Path]
) -> None:
    extraction = write(tmp_path / "issue.txt", TIYAO_ISSUE)
    # The Word file has whole paragraphs where the extraction has printed lines, no page furniture, and
    # the extractor lost the quotation marks.
    paragraphs = [
        p.text.replace("“", "").replace("”", "")
        for p in read_documents([extraction])[0][0].paragraphs
        if p.kind == "text"
    ]
    assert any("“" in p.text for p in read_documents([extraction])[0][0].paragraphs)
    word = make_docx(tmp_path / "issue.docx", paragraphs)
    documents, problems = read_documents([word, extraction])
    assert len(documents) == 1
    left_out = ({str(word), str(extraction)} - {documents[0].name}).pop()
    assert [problem.where for problem in problems] == [left_out]
    assert problems[0].problem.startswith(f"the same text as {documents[0].name} (")


def test_issues_that_share_a_section_are_not_duplicates(tmp_path: Path) -> None:
    tiyao = write(tmp_path / "a.txt", TIYAO_ISSUE)
    zhaiyao = write(tmp_path / "b.txt", ZHAIYAO_ISSUE)
    contents = write(tmp_path / "c.txt", CONTENTS_ISSUE)
    documents, problems = read_documents([tiyao, zhaiyao, contents])
    assert problems == []
    assert len(documents) == 3


def test_an_article_saved_from_an_issue_given_with_it_is_left_out(tmp_path: Path) -> None:
    whole = write(tmp_path / "issue.txt", TIYAO_ISSUE)
    lines = TIYAO_ISSUE.splitlines()
    part = write(tmp_path / "article.txt", "\n".join(lines[: len(lines) // 3]))
    for paths in ([whole, part], [part, whole]):
        documents, problems = read_documents(paths)
        assert [document.name for document in documents] == [str(whole)]
        assert [problem.where for problem in problems] == [str(part)]
        assert problems[0].problem.endswith(f"read once, from {whole}")


def test_extract_counts_a_document_given_twice_once(tmp_path: Path) -> None:
    from glossary.cli.extract import extract
    from glossary.workbook import read_workbook

    issue = write(tmp_path / "issue.txt", TIYAO_ISSUE)
    copy = write(tmp_path / "issue (copy).txt", TIYAO_ISSUE)
    once = extract([issue], tmp_path / "once.xlsx")
    twice = extract([issue, copy], tmp_path / "twice.xlsx")
    assert [str(problem) for problem in twice.problems] == [
        f"{copy}: the same text as {issue} (100% of its sentences); read once, from {issue}"
    ]
    assert (twice.rows, twice.articles) == (once.rows, once.articles)

    def frequencies(path: Path) -> dict[tuple[str, str], int]:
        return {(row.chinese, row.english): row.frequency for row in read_workbook(path).rows}

    assert frequencies(tmp_path / "twice.xlsx") == frequencies(tmp_path / "once.xlsx")


def test_the_sentence_keys_each_file_shares_with_another_are_found() -> None:
    generator = random.Random(11)
    for _ in range(300):
        files = [
            sorted({generator.randrange(40) for _ in range(generator.randint(0, 12))})
            for _ in range(generator.randint(1, 7))
        ]
        shared = _shared_keys([array("Q", keys) for keys in files])
        for number, keys in enumerate(files):
            others = {key for other, more in enumerate(files) if other != number for key in more}
            assert shared[number] == set(keys) & others


def _counted_duplicates(keys: list[set[int]], sizes: list[int]) -> list[tuple[int, int, float]]:
    """What `without_duplicates` decides, by counting every kept document's share of each: (left out,
    kept, share)."""
    holders: dict[int, list[int]] = {}
    found = []
    for number in sorted(range(len(keys)), key=lambda number: -sizes[number]):
        shared = Counter(holder for key in keys[number] for holder in holders.get(key, []))
        same = max(((count / sizes[number], -holder) for holder, count in shared.items()), default=(0.0, 0))
        if same[0] >= SAME_SHARE:
            found.append((number, -same[1], same[0]))
            continue
        for key in keys[number]:
            holders.setdefault(key, []).append(number)
    return sorted(found)


def test_only_the_holders_of_the_rarest_sentences_decide_as_counting_all_would() -> None:
    generator = random.Random(7)
    left_out = 0
    for _ in range(300):
        boilerplate = set(range(generator.randint(0, 6)))  # printed in every issue
        keys = []
        for _ in range(generator.randint(2, 9)):
            if keys and generator.random() < 0.4:  # a copy of an earlier one, whole or in part
                earlier = sorted(generator.choice(keys))
                own = set(generator.sample(earlier, generator.randint(0, len(earlier))))
            else:
                own = set()
            own |= {generator.randint(10, 60) for _ in range(generator.randint(0, 12))}
            keys.append(own | boilerplate)
        sizes = [len(own) + generator.randint(0, 3) for own in keys]
        documents = [Document(Path(f"{n}.txt"), f"{n}.txt", []) for n in range(len(keys))]
        _, duplicates = without_duplicates(documents, keys, sizes)
        assert [
            (documents.index(duplicate.document), documents.index(duplicate.kept), duplicate.share)
            for duplicate in duplicates
        ] == _counted_duplicates(keys, sizes)
        left_out += len(duplicates)
    assert left_out > 100  # the cases hold many copies
