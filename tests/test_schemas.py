"""Exports validated by the schemas of their standards (shipped under tests/schemas, see its README).

TBX 2008 against the TBX core DTD and the rules of the XCS it names (languages, data categories,
picklists, levels), and in the TBX Checker itself when TBXCHECK_JAR names its jar; TBX v3 against
LTAC's core RNG and TBX-Basic DCA Schematron; TMX against tmx14.dtd.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import elementpath
import pytest
from lxml import etree
from test_formats import ROWS
from test_tmx import LABELS, UNITS

from glossary.formats import FORMATS
from glossary.formats.entries import build_entries
from glossary.formats.options import ExportOptions
from glossary.formats.tmx import write_tmx

SCHEMAS = Path(__file__).parent / "schemas"
SCHEMATRON = "{http://purl.oclc.org/dsdl/schematron}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Never fetch a DTD or an entity: validation reads only the schemas named here.
PARSER = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
OPTIONS = [ExportOptions(), ExportOptions(zh_lang="zh-Hant-TW", en_lang="en-US")]


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


def assert_valid(schema: etree.DTD | etree.RelaxNG, document: etree._ElementTree) -> None:
    assert schema.validate(document), [str(error) for error in schema.error_log][:5]


def tbx_2008(tmp_path: Path, options: ExportOptions) -> Path:
    output = tmp_path / "glossary.tbx"
    FORMATS["tbx"].write(output, build_entries(ROWS), options)
    return output


def xcs_violations(tbx: etree._ElementTree, xcs: etree._ElementTree) -> list[str]:
    """What the TBX Checker's XCS adherence check reports: undeclared languages and data categories,
    values outside a picklist, a descrip at a level its spec does not allow."""
    languages = {code.text for code in xcs.iter("langCode")}
    specs = {(spec.tag, spec.get("name")): spec for spec in xcs.find("datCatSet")}
    problems = [
        f"language {section.get(XML_LANG)}"
        for section in tbx.iter("langSet")
        if section.get(XML_LANG) not in languages
    ]
    for element in tbx.iter("termNote", "descrip", "admin"):
        spec = specs.get((f"{element.tag}Spec", element.get("type")))
        if spec is None:
            problems.append(f"undeclared {element.tag} type {element.get('type')}")
            continue
        contents = spec.find("contents")
        if contents.get("datatype") == "picklist" and element.text not in contents.text.split():
            problems.append(f"{element.get('type')} {element.text!r} not in its picklist")
        levels = spec.findtext("levels")
        level = {"tig": "term", "langSet": "langSet", "termEntry": "termEntry"}[element.getparent().tag]
        if levels and level not in levels.split():
            problems.append(f"{element.get('type')} at level {level}")
    return problems


@pytest.mark.parametrize("options", OPTIONS, ids=lambda options: options.zh_lang)
def test_tbx_2008_is_valid_against_the_core_dtd_and_its_xcs(tmp_path: Path, options: ExportOptions) -> None:
    output = tbx_2008(tmp_path, options)
    document = parse(output)
    assert_valid(etree.DTD(str(SCHEMAS / "TBXcoreStructV02.dtd")), document)
    xcs_path = tmp_path / document.findtext("martifHeader/encodingDesc/p[@type='XCSURI']")
    xcs = parse(xcs_path)
    assert_valid(etree.DTD(str(SCHEMAS / "tbxxcsdtd.dtd")), xcs)
    assert xcs_violations(document, xcs) == []


def test_the_xcs_check_catches_an_undeclared_language(tmp_path: Path) -> None:
    output = tbx_2008(tmp_path, ExportOptions())
    document = parse(output)
    next(document.iter("langSet")).set(XML_LANG, "zh-Latn-pinyin")
    xcs = parse(tmp_path / "TBXBasic-zh-CN-en.xcs")
    assert xcs_violations(document, xcs) == ["language zh-Latn-pinyin"]


TBXCHECK_JAR = os.environ.get("TBXCHECK_JAR", "")


@pytest.mark.skipif(
    not (TBXCHECK_JAR and Path(TBXCHECK_JAR).is_file() and shutil.which("java")),
    reason="set TBXCHECK_JAR to the TBX Checker jar (tbxcheck-1_2_9.jar) and have java",
)
def test_tbx_2008_is_valid_in_the_tbx_checker(tmp_path: Path) -> None:
    output = tbx_2008(tmp_path, ExportOptions())
    # The checker resolves the XCS beside the file and takes the file relative to its working folder.
    result = subprocess.run(
        ["java", "-cp", TBXCHECK_JAR, "org.ttt.salt.Main", output.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Valid file:" in result.stdout, result.stdout + result.stderr


def schematron_failures(document: etree._ElementTree, schema: Path) -> list[str]:
    """ISO Schematron with XPath 2 (the TBX-Basic schema's query binding): in each pattern a node is
    checked by the first rule whose context matches it; the messages of the asserts that fail."""
    rules = etree.parse(str(schema))
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in rules.iter(f"{SCHEMATRON}ns")}
    failures = []
    for pattern in rules.iter(f"{SCHEMATRON}pattern"):
        checked: set[object] = set()
        for rule in pattern.iter(f"{SCHEMATRON}rule"):
            for node in elementpath.select(document, "//" + rule.get("context"), namespaces):
                # Attribute contexts come back as their values, which is all their tests look at.
                key = id(node) if isinstance(node, etree._Element) else (rule.get("context"), node)
                if key in checked:
                    continue
                checked.add(key)
                failures.extend(
                    check.text
                    for check in rule.iter(f"{SCHEMATRON}assert")
                    if not elementpath.select(
                        document, f"boolean({check.get('test')})", namespaces, item=node
                    )
                )
    return failures


@pytest.mark.parametrize("options", OPTIONS, ids=lambda options: options.zh_lang)
def test_tbx3_is_valid_against_the_core_rng_and_the_tbx_basic_schematron(
    tmp_path: Path, options: ExportOptions
) -> None:
    output = tmp_path / "glossary.tbx"
    FORMATS["tbx3"].write(output, build_entries(ROWS), options)
    document = parse(output)
    assert_valid(etree.RelaxNG(etree.parse(str(SCHEMAS / "TBXcoreStructV03.rng"))), document)
    assert schematron_failures(document, SCHEMAS / "TBX-Basic_DCA.sch") == []


def test_the_schematron_check_catches_what_tbx_basic_forbids(tmp_path: Path) -> None:
    output = tmp_path / "glossary.tbx"
    FORMATS["tbx3"].write(output, build_entries(ROWS), ExportOptions())
    text = output.read_text(encoding="utf-8").replace(">noun<", ">properNoun<", 1)
    document = etree.ElementTree(etree.fromstring(text.encode("utf-8"), PARSER))
    assert schematron_failures(document, SCHEMAS / "TBX-Basic_DCA.sch") == [
        "/partOfSpeech/ type may be: 'adjective' or 'noun' or 'other' or 'verb' or 'adverb'"
    ]


def test_tmx_is_valid_against_tmx14_dtd(tmp_path: Path) -> None:
    output = tmp_path / "abstracts.tmx"
    write_tmx(output, UNITS, LABELS, ExportOptions(zh_lang="zh-Hans"))
    assert_valid(etree.DTD(str(SCHEMAS / "tmx14.dtd")), parse(output))
