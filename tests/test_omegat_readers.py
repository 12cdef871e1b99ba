"""Our exports read by OmegaT's own readers (Debian's omegat package), through a small Java harness.

Counts what OmegaT reads against what we wrote and checks what a translator sees in its comment.
Skips when OmegaT or a Java compiler is absent; OMEGAT_JAR may name the jar elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_formats import ROWS
from test_tmx import LABELS, UNITS

from glossary.formats import FORMATS
from glossary.formats.cells import neutralise
from glossary.formats.entries import STANDING_WORDS, build_entries
from glossary.formats.options import ExportOptions
from glossary.formats.tmx import write_tmx

OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
HARNESS = Path(__file__).parent / "omegat" / "OmegaTReaders.java"
ENTRIES = build_entries(ROWS)
RENDERINGS = [(entry.chinese, rendering) for entry in ENTRIES for rendering in entry.renderings]

pytestmark = pytest.mark.skipif(
    not (OMEGAT_JAR.is_file() and shutil.which("javac") and shutil.which("java")),
    reason="needs OmegaT (apt-get install omegat) and a JDK",
)


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("omegat")
    subprocess.run(
        ["javac", "-cp", str(OMEGAT_JAR), "-d", str(folder), str(HARNESS)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (folder / "home").mkdir()
    return folder


def omegat_reads(harness: Path, kind: str, path: Path) -> list[tuple[str, str, str]]:
    """(source, target, comment) of every entry OmegaT reads from `path` in a zh-CN -> en project."""
    result = subprocess.run(
        ["java", "-Djava.awt.headless=true", f"-Duser.home={harness / 'home'}", "-cp",
         f"{OMEGAT_JAR}{os.pathsep}{harness}", "OmegaTReaders", kind, str(path), "zh-CN", "en"],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    unescape = {"\\t": "\t", "\\n": "\n", "\\r": "\r", "\\\\": "\\"}

    def field(text: str) -> str:
        for escaped, char in unescape.items():
            text = text.replace(escaped, char)
        return text

    rows = [tuple(field(cell) for cell in line.split("\t")) for line in result.stdout.splitlines()]
    return [(source, target, comment) for source, target, comment in rows]


@pytest.mark.parametrize("exact_cells", [False, True])
def test_omegat_reads_every_rendering_of_the_tsv_with_its_status_in_words(
    harness: Path, tmp_path: Path, exact_cells: bool
) -> None:
    output = tmp_path / "glossary.txt"
    FORMATS["tsv"].write(output, ENTRIES, ExportOptions(exact_cells=exact_cells))
    read = omegat_reads(harness, "tsv", output)
    # Escaped against formula injection, "+/-2% trading band" shows with its apostrophe unless exact.
    assert [(source, target) for source, target, _ in read] == [
        (chinese, rendering.english if exact_cells else neutralise(rendering.english))
        for chinese, rendering in RENDERINGS
    ]
    for (_, _, comment), (_, rendering) in zip(read, RENDERINGS, strict=True):
        assert comment.startswith(f"[{STANDING_WORDS[rendering.standing]}]")


@pytest.mark.parametrize("name", ["tbx", "omegat-tbx"])
def test_omegat_reads_every_rendering_of_the_tbx(harness: Path, tmp_path: Path, name: str) -> None:
    output = tmp_path / "glossary.tbx"
    FORMATS[name].write(output, ENTRIES, ExportOptions())
    read = omegat_reads(harness, "tbx", output)
    assert sorted((source, target) for source, target, _ in read) == sorted(
        (chinese, rendering.english) for chinese, rendering in RENDERINGS
    )


def test_omegat_tbx_comments_hold_only_their_own_rendering(harness: Path, tmp_path: Path) -> None:
    output = tmp_path / "glossary.tbx"
    FORMATS["omegat-tbx"].write(output, ENTRIES, ExportOptions())
    read = {(source, target): comment for source, target, comment in omegat_reads(harness, "tbx", output)}
    for chinese, rendering in RENDERINGS:
        comment = read[(chinese, rendering.english)]
        assert f"[{rendering.english}: {STANDING_WORDS[rendering.standing]}]" in comment
        assert "-admn-sts" not in comment  # status in words, not TBX codes
        others = [
            other for other_chinese, other in RENDERINGS if other_chinese == chinese and other != rendering
        ]
        assert not any(f"[{other.english}:" in comment for other in others)
        if rendering.english_context:
            assert f"context: {rendering.english_context}" in comment


def test_omegat_reads_every_unit_of_the_tmx(harness: Path, tmp_path: Path) -> None:
    output = tmp_path / "abstracts.tmx"
    written = write_tmx(output, UNITS, LABELS, ExportOptions())
    read = omegat_reads(harness, "tmx", output)
    assert len(read) == written
    assert [(source, target) for source, target, _ in read] == [(unit.zh, unit.en) for unit in UNITS]
