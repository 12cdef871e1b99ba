"""Look at a review workbook the way a person sees it: on a 1600 x 1000 screen, and printed.

    python bench/workbook_picture.py [WORKBOOK] [--out DIR]     (default DIR /tmp/workbook_picture)

Without WORKBOOK a small made-up workbook is written and shown. Makes `screen.png`, the Glossary sheet
opened in LibreOffice Calc on a 1600 x 1000 virtual screen (needs `Xvfb` and ImageMagick's `import`;
Debian: xvfb, imagemagick), and `page-N.png`, the workbook printed to PDF (needs `soffice`, Debian's
libreoffice-calc, and `pdftoppm`, poppler-utils). Prints the files made and how many Glossary rows fit
whole on the first screen, counted from the row heights written in the workbook. Look at the PNGs to
judge columns, wrapping, colours and the print setup.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import openpyxl

from glossary.models import Glossary, GlossaryRow, KnownPair, RunInfo, SourceArticle
from glossary.review import as_proposed, with_conflicts
from glossary.rows import review_order
from glossary.workbook import write_workbook

ARTICLES = [
    SourceArticle(
        "A1",
        "2024-03.txt",
        "全球安全倡议与新时代中国周边外交",
        "The Global Security Initiative and China's Neighbourhood Diplomacy in the New Era",
        "王明; 李华",
        "WANG Ming; LI Hua",
        "zh+en",
    ),
    SourceArticle(
        "A2",
        "2024-03.txt",
        "数字经济赋能乡村振兴的路径研究",
        "Paths for the Digital Economy to Empower Rural Revitalization",
        "陈晓东",
        "CHEN Xiaodong",
        "zh+en",
    ),
    SourceArticle("A3", "2024-04.pdf", "碳达峰目标下的区域协调发展", "", "赵丽", "", "zh only"),
]
A1 = "A1 2024-03.txt: 全球安全倡议与新时代中国周边外交"
A2 = "A2 2024-03.txt: 数字经济赋能乡村振兴的路径研究"
A3 = "A3 2024-04.pdf: 碳达峰目标下的区域协调发展"


def row(
    chinese: str,
    english: str,
    confidence: float,
    kind: str,
    sources: list[str],
    articles: list[str],
    contexts: tuple[str, str] = ("", ""),
    status: str = "candidate",
    note: str = "",
) -> GlossaryRow:
    return GlossaryRow(
        chinese=chinese,
        english=english,
        confidence=confidence,
        type=kind,
        sources=sources,
        frequency=len(articles) * 2,
        articles=articles,
        chinese_context=contexts[0],
        english_context=contexts[1],
        status=status,
        note=note,
        evidence=f"keyword position {len(sources)}; dictionary {confidence:.2f}",
    )


ROWS = [
    row(
        "全球安全倡议",
        "Global Security Initiative",
        0.96,
        "concept",
        ["keywords", "title", "abstract"],
        [A1],
        (
            "全球安全倡议为破解全球安全困境提供了中国方案，强调共同、综合、合作、可持续的安全观。",
            "The Global Security Initiative offers a Chinese approach to the global security dilemma and "
            "stresses a common, comprehensive, cooperative and sustainable security.",
        ),
        status="approved",
    ),
    row("全球安全倡议", "GSI", 0.52, "acronym", ["parenthetical"], [A1], ("全球安全倡议（GSI）", "the GSI")),
    row(
        "人类命运共同体",
        "community with a shared future for mankind",
        0.91,
        "concept",
        ["keywords", "abstract"],
        [A1, A2],
        (
            "推动构建人类命运共同体是新时代中国外交的总目标。",
            "Building a community with a shared future for mankind is the overall goal of China's diplomacy.",
        ),
        status="approved",
    ),
    row(
        "人类命运共同体",
        "community of common destiny",
        0.64,
        "concept",
        ["abstract"],
        [A2],
        ("人类命运共同体理念", "the idea of a community of common destiny"),
        status="approved",
        note="older rendering, still seen in 2015-2017 papers",
    ),
    row("人类命运共同体", "shared future", 0.31, "concept", ["abstract"], [A2], status="rejected"),
    row(
        "数字经济",
        "digital economy",
        0.94,
        "concept",
        ["keywords", "title"],
        [A2],
        (
            "数字经济已成为乡村振兴的新动能。",
            "The digital economy has become a new driver of rural revitalization.",
        ),
    ),
    row(
        "乡村振兴",
        "rural revitalization",
        0.92,
        "concept",
        ["keywords", "title", "abstract"],
        [A2],
        ("以数字经济赋能乡村振兴", "empowering rural revitalization with the digital economy"),
    ),
    row("乡村振兴", "rural vitalization", 0.47, "concept", ["abstract"], [A2]),
    row(
        "碳达峰",
        "carbon peaking",
        0.81,
        "concept",
        ["keywords"],
        [A3],
        ("在碳达峰目标约束下，各地区需协调推进产业转型。", ""),
    ),
    row("上海合作组织", "Shanghai Cooperation Organisation", 0.88, "organization", ["abstract"], [A1]),
    row(
        "东盟",
        "ASEAN",
        0.9,
        "acronym",
        ["abstract", "parenthetical"],
        [A1],
        ("中国—东盟自贸区", "China-ASEAN FTA"),
    ),
    row(
        "粤港澳大湾区",
        "Guangdong-Hong Kong-Macao Greater Bay Area",
        0.86,
        "place",
        ["abstract"],
        [A3],
        (
            "粤港澳大湾区的协调发展",
            "coordinated development of the Guangdong-Hong Kong-Macao Greater Bay Area",
        ),
    ),
    row(
        "费孝通",
        "Fei Xiaotong",
        0.77,
        "person",
        ["abstract"],
        [A2],
        ("费孝通提出的差序格局", "Fei Xiaotong's"),
    ),
    row("新发展格局", "new development paradigm", 0.83, "concept", ["keywords"], [A3], status="approved"),
    row("新发展格局", "new development pattern", 0.58, "concept", ["abstract"], [A3]),
    row("高质量发展", "=high-quality development", 0.72, "concept", ["abstract"], [A3]),
]
KNOWN = [KnownPair("新发展格局", "new pattern of development", origin="termlists/political.tsv")]


SCREEN = (1600, 1000)
# Measured on screen.png: LibreOffice Calc's menus, toolbars and formula bar above the sheet's header row,
# and the sheet tabs and status bar below, take this many pixels of the 1000.
CHROME_PX = 210
DEFAULT_ROW_PT = 12.8  # LibreOffice's height for a row of 11-point Calibri that sets none


def rows_on_first_screen(workbook: Path) -> int:
    """How many Glossary data rows fit whole under the header row on the first screen."""
    sheet = openpyxl.load_workbook(workbook)["Glossary"]
    heights = sheet.row_dimensions
    room = SCREEN[1] - CHROME_PX - (heights[1].height or DEFAULT_ROW_PT) * 4 / 3
    count = 0
    for number in range(2, sheet.max_row + 1):
        room -= (heights[number].height or DEFAULT_ROW_PT) * 4 / 3  # points to pixels at 96 dpi
        if room < 0:
            break
        count += 1
    return count


def screenshot(workbook: Path, out: Path) -> Path | None:
    """The workbook opened in LibreOffice Calc on a virtual 1600 x 1000 screen, as a PNG."""
    if shutil.which("Xvfb") is None or shutil.which("import") is None:
        return None
    display = ":71"
    shot = out / "screen.png"
    with tempfile.TemporaryDirectory() as scratch:
        # A copy is opened, so that LibreOffice's lock file never lands beside the workbook itself.
        opened = Path(scratch) / workbook.name
        shutil.copy(workbook, opened)
        server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24"])
        environment = {**os.environ, "DISPLAY": display}
        calc = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={(Path(scratch) / 'profile').as_uri()}", "--calc",
             "--norestore", "--nologo", str(opened)],
            env=environment,
        )  # fmt: skip
        try:
            time.sleep(25)  # LibreOffice's first start with a fresh profile
            subprocess.run(["import", "-window", "root", str(shot)], env=environment, check=True)
        finally:
            calc.terminate()
            calc.wait(timeout=30)
            server.terminate()
            server.wait(timeout=30)
    return shot


def printed(workbook: Path, out: Path) -> list[Path]:
    """The workbook printed to PDF by LibreOffice, one PNG per page."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(workbook)],
        check=True,
        capture_output=True,
    )
    for old in out.glob("page-*.png"):
        old.unlink()
    pdf = out / (workbook.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page-*.png"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", nargs="?", type=Path, help="a glossary workbook (default: a made-up one)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/workbook_picture"))
    arguments = parser.parse_args()
    out = arguments.out
    out.mkdir(parents=True, exist_ok=True)
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed")
    workbook = arguments.workbook
    if workbook is None:
        workbook = out / "picture.xlsx"
        rows = review_order(with_conflicts([as_proposed(row) for row in ROWS], KNOWN))
        run = RunInfo("2025-02-03T10:15:00", "0.1.0", ["corpus/2024-03.txt", "corpus/2024-04.pdf"], [], 4.2)
        write_workbook(workbook, Glossary(rows, ARTICLES, run))
    print(
        f"Glossary rows whole on the first {SCREEN[0]}x{SCREEN[1]} screen: {rows_on_first_screen(workbook)}"
    )
    shot = screenshot(workbook, out)
    print(shot if shot else "no screen picture: Xvfb or ImageMagick's import is not installed")
    for page in printed(workbook, out):
        print(page)


if __name__ == "__main__":
    main()
