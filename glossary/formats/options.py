"""Choices a user makes for every export: language tags, and whether delimited cells stay exact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.errors import GlossaryError

DEFAULT_ZH_LANG = "zh-CN"
DEFAULT_EN_LANG = "en"
# BCP 47 in the shape TBX, TMX and CAT tools accept: a language, then script, region or variant subtags.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class ExportOptions:
    zh_lang: str = DEFAULT_ZH_LANG  # the language tag of the Chinese terms, in every format that names one
    en_lang: str = DEFAULT_EN_LANG
    exact_cells: bool = False  # True: delimited exports keep cells that start like a formula unescaped

    @property
    def xcs_name(self) -> str:
        """The TBX 2008 constraint specification written beside the file, named after its languages."""
        return f"TBXBasic-{self.zh_lang}-{self.en_lang}.xcs"


def checked_language_tag(tag: str, language: str) -> str:
    """`tag` if it is a language tag for `language` ("zh" or "en"), else a GlossaryError saying why not."""
    if not _LANGUAGE_TAG.fullmatch(tag) or tag.split("-")[0].lower() != language:
        raise GlossaryError(
            "",
            f"{tag!r} is not a language tag for {language!r}; e.g. {language}, "
            + ("zh-CN, zh-TW, zh-Hans" if language == "zh" else "en-US, en-GB"),
        )
    return tag
