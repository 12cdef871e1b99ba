"""TBX-Basic in the 2008 layout (ISO 30042:2008, <martif>), the TBX most CAT tools import.

Follows the TBX-Basic specification: martifHeader with fileDesc/sourceDesc and an encodingDesc
naming the XCS, then termEntry > langSet xml:lang > tig with term, termNote partOfSpeech (noun or
properNoun), termType and administrativeStatus, descrip type="context" and note.

The DOCTYPE names the TBX core DTD by its ISO public identifier, which validators (the TBX Checker
among them) resolve to their built-in copy. A TBX file may use only the languages its XCS declares,
and TBX-Basic's own XCS declares English, French and German, so the export writes its own XCS
(TBX-Basic's data categories, the Chinese and English tags in use) beside the file and names it.
"""

from __future__ import annotations

from dataclasses import replace
from importlib.resources import files
from pathlib import Path

from glossary.errors import GlossaryError
from glossary.files import write_text_atomic
from glossary.formats.entries import Entry, per_rendering
from glossary.formats.options import DEFAULT_EN_LANG, DEFAULT_ZH_LANG, ExportOptions
from glossary.formats.tbx_common import TbxLayout, read_tbx, write_tbx

LAYOUT = TbxLayout(
    root="martif",
    header="martifHeader",
    concept="termEntry",
    language="langSet",
    term_group="tig",
    prolog='<!DOCTYPE martif PUBLIC "ISO 30042:2008A//DTD TBX core//EN" "TBXcoreStructV02.dtd">\n',
    root_attributes=(),
    proper_noun="properNoun",
    names_xcs=True,
)
# OmegaT gives all renderings of an entry one comment, every context, note and raw termNote code of
# them all; one entry per rendering without termNotes keeps each rendering's context and status apart.
OMEGAT_LAYOUT = replace(LAYOUT, term_notes=False)
# Declared in every XCS we write, so that a file keeps validating when a colleague's tag differs.
COMMON_TAGS = (
    ("zh", "Chinese"),
    ("zh-CN", "Chinese (China)"),
    ("zh-Hans", "Chinese (Simplified)"),
    ("zh-Hans-CN", "Chinese (Simplified, China)"),
    ("zh-TW", "Chinese (Taiwan)"),
    ("zh-Hant", "Chinese (Traditional)"),
    ("zh-Hant-TW", "Chinese (Traditional, Taiwan)"),
    ("zh-HK", "Chinese (Hong Kong)"),
    ("zh-SG", "Chinese (Singapore)"),
    ("en", "English"),
    ("en-US", "English (United States)"),
    ("en-GB", "English (United Kingdom)"),
)
_LANGUAGES_MARK = "<!-- LANGUAGES -->"

read = read_tbx


def write(path: Path, entries: list[Entry], options: ExportOptions) -> None:
    _write_with_xcs(path, LAYOUT, entries, options)


def write_for_omegat(path: Path, entries: list[Entry], options: ExportOptions) -> None:
    _write_with_xcs(path, OMEGAT_LAYOUT, per_rendering(entries), options)


def _write_with_xcs(path: Path, layout: TbxLayout, entries: list[Entry], options: ExportOptions) -> None:
    xcs_path = Path(path).with_name(options.xcs_name)
    xcs = xcs_text(options.zh_lang, options.en_lang)
    if xcs_path.exists() and not _is_ours(xcs_path):
        raise GlossaryError(str(xcs_path), "exists and is not an XCS written by glossary; move it away")
    if not xcs_path.exists() or xcs_path.read_text(encoding="utf-8") != xcs:
        write_text_atomic(xcs_path, xcs)
    write_tbx(path, layout, entries, options)


def xcs_text(zh_lang: str = DEFAULT_ZH_LANG, en_lang: str = DEFAULT_EN_LANG) -> str:
    template = files("glossary.formats").joinpath("tbx_basic.xcs").read_text(encoding="utf-8")
    tags = dict(COMMON_TAGS)
    for tag, language in ((zh_lang, "Chinese"), (en_lang, "English")):
        tags.setdefault(tag, f"{language} ({tag})")
    declared = "\n".join(
        f"        <langInfo><langCode>{tag}</langCode><langName>{name}</langName></langInfo>"
        for tag, name in tags.items()
    )
    return template.replace(_LANGUAGES_MARK, declared)


def _is_ours(path: Path) -> bool:
    try:
        return 'TBXXCS name="TBXBasic-zh-en"' in path.read_text(encoding="utf-8")[:2000]
    except (OSError, UnicodeDecodeError):
        return False
