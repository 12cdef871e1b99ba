"""`glossary inspect`: the articles found in journal files, as a table or JSON, with one line per problem."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import main
from glossary.cli.inspect import inspect_articles, render

RECORD_KEYS = [
    "file",
    "zh_title",
    "zh_authors",
    "zh_abstract",
    "zh_keywords",
    "en_title",
    "en_authors",
    "en_abstract",
    "en_keywords",
    "id",
    "lines",
    "match",
    "notes",
]
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "sample_issue.txt"


def inspect(*arguments: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["inspect", *map(str, arguments)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def summary(stdout: str) -> str:
    return stdout.rstrip("\n").split("\n")[-1]


# --- JSON ---------------------------------------------------------------------------------------------------


def test_json_contract(tiyao_issue: Path) -> None:
    code, stdout, stderr = inspect("--json", tiyao_issue)
    assert (code, stderr) == (0, "")
    report = json.loads(stdout)
    assert list(report) == ["articles", "problems"]
    assert report["problems"] == []
    articles = report["articles"]
    assert [list(article) for article in articles] == [RECORD_KEYS] * 4
    assert [article["id"] for article in articles] == ["A1", "A2", "A3", "A4"]
    assert all(article["file"] == str(tiyao_issue) for article in articles)

    matched = articles[0]
    assert matched["zh_title"] == "国际秩序转型中的区域合作新路径"
    assert matched["zh_authors"] == ["程铭", "刘雪莲"]
    assert matched["zh_abstract"].startswith("当前，国际秩序正处于深刻转型之中")
    assert matched["zh_keywords"] == ["国际秩序", "区域合作", "开放包容", "发展战略"]
    assert (
        matched["en_title"]
        == "New Paths of Regional Cooperation in the Transformation of the International Order"
    )
    assert matched["en_authors"] == ["CHENG Ming", "LIU Xue-lian"]
    assert matched["en_abstract"].endswith("promote regional peace and prosperity.")
    assert matched["en_keywords"] == []
    assert 0.45 <= matched["match"]["score"] <= 1
    assert matched["match"]["evidence"][0] == "authors 2/2 by pinyin"
    lines = matched["lines"]
    assert set(lines) == {
        "zh_title",
        "zh_authors",
        "zh_abstract",
        "zh_keywords",
        "en_title",
        "en_authors",
        "en_abstract",
    }
    source = tiyao_issue.read_text(encoding="utf-8").split("\n")
    assert "〔提   要〕当前" in source[lines["zh_abstract"] - 1]
    assert source[lines["en_authors"] - 1] == "CHENG Ming & LIU Xue-lian"
    assert matched["notes"] == []


def test_json_unmatched_sides_are_null_or_empty(tiyao_issue: Path) -> None:
    articles = json.loads(inspect("--json", tiyao_issue)[1])["articles"]
    chinese_only, english_only = articles[2], articles[3]
    assert chinese_only["zh_title"] == "单边制裁的国际法困境"
    assert {key: chinese_only[key] for key in RECORD_KEYS if key.startswith("en_")} == {
        "en_title": None,
        "en_authors": [],
        "en_abstract": None,
        "en_keywords": [],
    }
    assert chinese_only["match"] is None
    assert all(key.startswith("zh_") for key in chinese_only["lines"])
    assert english_only["en_title"] == "Maritime Security Cooperation in the Indian Ocean"
    assert {key: english_only[key] for key in RECORD_KEYS if key.startswith("zh_")} == {
        "zh_title": None,
        "zh_authors": [],
        "zh_abstract": None,
        "zh_keywords": [],
    }
    assert english_only["match"] is None
    assert all(key.startswith("en_") for key in english_only["lines"])


def test_json_keeps_chinese_unescaped_and_reports_problems(tiyao_issue: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, stdout, stderr = inspect("--json", tiyao_issue, missing)
    assert code == 1
    assert "国际秩序转型中的区域合作新路径" in stdout  # not \u escapes
    assert json.loads(stdout)["problems"] == [{"file": str(missing), "problem": "no such file or directory"}]
    assert stderr == f"warning: {missing}: no such file or directory\n"


def test_json_notes_for_contents_titles(contents_issue: Path) -> None:
    articles = json.loads(inspect("--json", contents_issue)[1])["articles"]
    assert articles[1]["en_title"] == "The UN and Global Cybersecurity Governance"
    assert articles[1]["en_abstract"] == ""
    assert any("table of contents" in note for note in articles[1]["notes"])


# --- the table ----------------------------------------------------------------------------------------------


def test_table_and_summary(tiyao_issue: Path) -> None:
    code, stdout, stderr = inspect(tiyao_issue)
    assert (code, stderr) == (0, "")
    lines = stdout.rstrip("\n").split("\n")
    assert lines[0] == f"{tiyao_issue}: 4 article(s), 2 matched"
    assert lines[1].split() == [
        "id",
        "match",
        "kw",
        "zh/en",
        "abstract",
        "zh/en",
        "Chinese",
        "title",
        "English",
        "title",
    ]
    assert "国际秩序转型中的区域合作新路径" in lines[2] and "New Paths of Regional Cooperation" in lines[2]
    assert lines[2].split()[:3] == ["A1", lines[2].split()[1], "4/0"]
    assert "数字技术与全球治理变革" in lines[3] and "Digital Technology and the Transform" in lines[3]
    assert "单边制裁的国际法困境" in lines[4]
    assert "Maritime Security Cooperation in the" in lines[5]
    assert (
        summary(stdout) == "1 file(s), 4 article(s): 2 matched, 1 Chinese only, 1 English only; 0 problem(s)"
    )


def test_table_shows_unmatched_sides_in_full(tiyao_issue: Path) -> None:
    lines = inspect(tiyao_issue)[1].split("\n")
    assert "zh only" in lines[4]
    assert "en only" in lines[5]


def test_shipped_sample(tmp_path: Path) -> None:
    # two Chinese articles, an `Abstracts` section with their abstracts and a third without its article
    code, stdout, _ = inspect(SAMPLE)
    assert code == 0
    assert (
        summary(stdout) == "1 file(s), 3 article(s): 2 matched, 0 Chinese only, 1 English only; 0 problem(s)"
    )
    assert "前景理论视角下的美国对华政策" in stdout


def test_several_files_and_a_folder(tiyao_issue: Path, frontmatter_md: Path, tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "markdown.md").write_text(frontmatter_md.read_text(encoding="utf-8"), encoding="utf-8")
    code, stdout, _ = inspect(tiyao_issue, folder)
    assert code == 0
    assert f"{tiyao_issue}: 4 article(s), 2 matched" in stdout
    assert f"{folder / 'markdown.md'}: 2 article(s), 2 matched" in stdout
    assert (
        summary(stdout) == "2 file(s), 6 article(s): 4 matched, 1 Chinese only, 1 English only; 0 problem(s)"
    )


def test_inspect_articles_library_function(tiyao_issue: Path, tmp_path: Path) -> None:
    report = inspect_articles([tiyao_issue, tmp_path / "missing.txt"])
    assert [record.id for record in report.articles] == ["A1", "A2", "A3", "A4"]
    assert dict(report.counts()) == {"matched": 2, "zh_only": 1, "en_only": 1}
    assert [str(problem) for problem in report.problems] == [
        f"{tmp_path / 'missing.txt'}: no such file or directory"
    ]
    assert (
        render(report)[-1]
        == "1 file(s), 4 article(s): 2 matched, 1 Chinese only, 1 English only; 1 problem(s)"
    )


# --- bad input ----------------------------------------------------------------------------------------------


def write_bad(tmp_path: Path, kind: str) -> Path:
    """A bad input of the given kind, inside tmp_path."""
    if kind == "missing":
        return tmp_path / "missing.txt"
    if kind == "empty-folder":
        folder = tmp_path / "folder"
        folder.mkdir()
        (folder / "readme.rtf").write_text("not journal text", encoding="utf-8")
        return folder
    if kind == "scanned-pdf":
        import pypdfium2

        path = tmp_path / "scan.pdf"
        pdf = pypdfium2.PdfDocument.new()
        pdf.new_page(595, 842)
        pdf.save(path)
        pdf.close()
        return path
    files = {
        "empty": ("empty.txt", b""),
        "binary": ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 8),
        "undecodable": ("undecodable.txt", bytes(range(0x80, 0x100)) * 8),
        "unsupported": ("issue.rtf", b"{\\rtf1 journal}"),
        "corrupt-pdf": ("broken.pdf", b"%PDF-1.7\n% truncated"),
        "fake-docx": ("issue.docx", b"this is not a zip archive"),
        "no-front-matter": ("prose.txt", "冷战结束以来，亚太地区的安全结构经历了深刻调整。\n".encode()),
    }
    name, data = files[kind]
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD_INPUTS = [
    ("empty", "empty file"),
    ("binary", "binary file, not text"),
    ("undecodable", "undecodable bytes: not UTF-8, UTF-16, GB18030/GBK or Big5"),
    ("missing", "no such file or directory"),
    ("empty-folder", "no journal text here (no .txt, .md, .pdf or .docx files)"),
    ("unsupported", "unsupported file type '.rtf' (use .txt, .md, .pdf, .docx)"),
    ("scanned-pdf", "PDF without a text layer (scanned pages?); run OCR first"),
    ("corrupt-pdf", "not a readable PDF"),
    ("fake-docx", "not a valid .docx (not a zip archive)"),
    ("no-front-matter", "no article front matter found (no 摘要/提要 or Abstract labels, no bylines)"),
]


@pytest.mark.parametrize(("kind", "problem"), BAD_INPUTS, ids=[kind for kind, _ in BAD_INPUTS])
def test_bad_input_alone_is_one_error_and_exit_2(tmp_path: Path, kind: str, problem: str) -> None:
    path = write_bad(tmp_path, kind)
    code, stdout, stderr = inspect(path)
    assert code == 2
    assert stderr == f"error: {path}: {problem}\n"
    assert "Traceback" not in stdout + stderr
    assert (
        summary(stdout) == "0 file(s), 0 article(s): 0 matched, 0 Chinese only, 0 English only; 1 problem(s)"
    )


@pytest.mark.parametrize(("kind", "problem"), BAD_INPUTS, ids=[kind for kind, _ in BAD_INPUTS])
def test_bad_input_among_good_ones_is_a_warning_and_exit_1(
    tmp_path: Path, tiyao_issue: Path, kind: str, problem: str
) -> None:
    path = write_bad(tmp_path, kind)
    code, stdout, stderr = inspect(tiyao_issue, path)
    assert code == 1
    assert stderr == f"warning: {path}: {problem}\n"
    assert (
        summary(stdout) == "1 file(s), 4 article(s): 2 matched, 1 Chinese only, 1 English only; 1 problem(s)"
    )


def test_bad_input_in_json_mode(tmp_path: Path) -> None:
    path = write_bad(tmp_path, "fake-docx")
    code, stdout, stderr = inspect("--json", path)
    assert code == 2
    assert json.loads(stdout) == {
        "articles": [],
        "problems": [{"file": str(path), "problem": "not a valid .docx (not a zip archive)"}],
    }
    assert stderr == f"error: {path}: not a valid .docx (not a zip archive)\n"


def test_folder_with_good_and_bad_files(tmp_path: Path, make_docx: Callable[..., Path]) -> None:
    folder = tmp_path / "issues"
    folder.mkdir()
    (folder / "a-issue.txt").write_text(
        (Path(__file__).parent.parent / "samples" / "sample_issue.txt").read_text(encoding="utf-8")
    )
    (folder / "b-empty.txt").write_bytes(b"")
    with zipfile.ZipFile(folder / "c-no-body.docx", "w") as archive:
        archive.writestr("word/styles.xml", "<styles/>")
    code, stdout, stderr = inspect(folder)
    assert code == 1
    assert stderr.splitlines() == [
        f"warning: {folder / 'b-empty.txt'}: empty file",
        f"warning: {folder / 'c-no-body.docx'}: not a Word document (no word/document.xml)",
    ]
    assert summary(stdout).startswith("1 file(s), 3 article(s)")
    assert summary(stdout).endswith("; 2 problem(s)")


def test_inspect_needs_a_path() -> None:
    result = CliRunner().invoke(main, ["inspect"])
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
