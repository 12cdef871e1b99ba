"""The map/reduce extraction: worker processes, the per-input cache, and what stays per file."""

from __future__ import annotations

import shutil
import time
from array import array
from pathlib import Path

import pytest
from conftest import CONTENTS_ISSUE, TIYAO_ISSUE, ZHAIYAO_ISSUE

from glossary import encoder, extraction
from glossary.cache import ResultStore
from glossary.counting import KeyCounter, KeyPairs
from glossary.extraction import Extraction, extract_pairs
from glossary.models import TermPair
from glossary.termlist_files import load_termlists

SAMPLE = Path(__file__).parent.parent / "samples" / "sample_issue.txt"


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a_sample.txt")
    (folder / "b_tiyao.txt").write_text(TIYAO_ISSUE, encoding="utf-8")
    (folder / "c_zhaiyao.txt").write_text(ZHAIYAO_ISSUE, encoding="utf-8")
    return sorted(folder.iterdir())


def outcome(
    extraction: Extraction,
) -> tuple[list[tuple[str, str, str]], list[tuple[object, ...]], dict[str, int]]:
    records = [(record.id, record.file, record.label) for record in extraction.records]
    return records, [_pair(pair) for pair in extraction.pairs], extraction.frequencies


def _pair(pair: TermPair) -> tuple[object, ...]:
    occurrences = [(o.source, o.article_id, o.zh_context, o.en_context) for o in pair.occurrences]
    return (
        pair.zh,
        pair.en,
        round(pair.confidence, 9),
        pair.type,
        occurrences,
        sorted(pair.evidence.items()),
    )


def test_two_workers_give_what_one_process_gives(inputs: list[Path], tmp_path: Path) -> None:
    known = load_termlists([])
    alone = extract_pairs(inputs, known, jobs=1)
    shared = extract_pairs(inputs, known, jobs=2, store=ResultStore(tmp_path / "cache"))
    assert outcome(shared) == outcome(alone)
    assert len({record.file for record in alone.records}) == 3
    assert [record.id for record in alone.records] == [f"A{n}" for n in range(1, len(alone.records) + 1)]
    assert alone.pairs and alone.frequencies


def test_counting_in_a_pool_gives_what_counting_here_gives(
    inputs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    known = load_termlists([])
    here = extract_pairs(inputs, known, jobs=2)  # a small run: its text is counted in this process
    monkeypatch.setattr(extraction, "POOL_WORTH_BYTES", 0)
    assert outcome(extract_pairs(inputs, known, jobs=2)) == outcome(here)


def test_a_rerun_reads_every_file_from_the_cache(inputs: list[Path], tmp_path: Path) -> None:
    known = load_termlists([])
    store = ResultStore(tmp_path / "cache")
    first = extract_pairs(inputs, known, store=store)
    again = extract_pairs(inputs, known, store=store)
    assert outcome(again) == outcome(first)
    assert "reading, alignment and candidates" not in again.seconds  # nothing was worked on again


def test_a_new_file_is_the_only_new_work(
    inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossary import extraction

    known = load_termlists([])
    store = ResultStore(tmp_path / "cache")
    extract_pairs(inputs[:2], known, store=store)
    observed: list[str] = []
    real = extraction._observe

    def spy(path: Path, name: str, pairs: list) -> object:
        observed.append(path.name)
        return real(path, name, pairs)

    monkeypatch.setattr(extraction, "_observe", spy)
    grown = extract_pairs(inputs, known, store=store)
    assert observed == [inputs[2].name]
    assert outcome(grown) == outcome(extract_pairs(inputs, known))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_new_longer_copy_of_a_cached_file_is_summed_alone(tmp_path: Path, jobs: int) -> None:
    # the cached file is summed while the new one is observed; the new one then turns out to hold it
    folder = tmp_path / "issues"
    folder.mkdir()
    (folder / "a_part.txt").write_text(TIYAO_ISSUE, encoding="utf-8")
    (folder / "b_whole.txt").write_text(TIYAO_ISSUE + "\n" + ZHAIYAO_ISSUE, encoding="utf-8")
    inputs = sorted(folder.iterdir())
    known = load_termlists([])
    store = ResultStore(tmp_path / "cache")
    extract_pairs(inputs[:1], known, store=store)
    grown = extract_pairs(inputs, known, jobs=jobs, store=store)
    assert {record.file for record in grown.records} == {str(inputs[1])}
    assert outcome(grown) == outcome(extract_pairs(inputs, known))


@pytest.mark.parametrize("few", [extraction.FEW_NEW_KEYS, 0])
def test_counts_kept_from_the_last_run_serve_a_grown_run(
    inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, few: int
) -> None:
    known = load_termlists([])
    fresh = extract_pairs(inputs, known)
    store = ResultStore(tmp_path / "cache")
    extract_pairs(inputs[:2], known, store=store)
    scanned: list[int] = []
    real = KeyCounter.count

    def spy(counter: KeyCounter, texts: list[str]) -> dict[str, int]:
        scanned.append(len(texts))
        return real(counter, texts)

    monkeypatch.setattr(KeyCounter, "count", spy)
    monkeypatch.setattr(extraction, "FEW_NEW_KEYS", few)
    grown = extract_pairs(inputs, known, store=store)
    assert outcome(grown) == outcome(fresh)
    # the new file's text is scanned whole; the others only for the new file's keys, unless those are many
    assert len(scanned) == (1 if few else 3)


def test_keys_new_to_a_run_are_looked_up_only_in_the_texts_that_may_hold_them(
    inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    known = load_termlists([])
    store = ResultStore(tmp_path / "cache")
    extract_pairs(inputs[:2], known, store=store)
    narrowed: list[tuple[int, int]] = []
    real = KeyPairs.may_occur

    def spy(pairs: KeyPairs, codes: object) -> list[str]:
        possible = real(pairs, codes)  # type: ignore[arg-type]
        narrowed.append((len(pairs.keys), len(possible)))
        return possible

    monkeypatch.setattr(KeyPairs, "may_occur", spy)
    grown = extract_pairs(inputs, known, store=store)
    assert outcome(grown) == outcome(extract_pairs(inputs, known))
    assert len(narrowed) == 2  # the two cached files
    assert all(possible < new for new, possible in narrowed)  # most of the new file's keys are not in them


def test_counts_kept_from_a_larger_run_serve_a_smaller_one(inputs: list[Path], tmp_path: Path) -> None:
    known = load_termlists([])
    store = ResultStore(tmp_path / "cache")
    extract_pairs(inputs, known, store=store)
    smaller = extract_pairs(inputs[:2], known, store=store)  # fewer keys: the others' counts are dropped
    assert outcome(smaller) == outcome(extract_pairs(inputs[:2], known))
    assert smaller.frequencies == extract_pairs(inputs[:2], known).frequencies


def test_the_encoder_is_not_loaded_for_keywords_whose_answers_are_kept(
    inputs: list[Path], tmp_path: Path
) -> None:
    known = load_termlists([])
    store = ResultStore(tmp_path / "cache")
    fresh = extract_pairs(inputs, known, store=store)
    assert encoder._model.cache_info().currsize  # the issues' keywords asked the encoder
    encoder._model.cache_clear()
    encoder._SEEN.clear()
    no_keywords = tmp_path / "d_no_keywords.txt"
    no_keywords.write_text(
        "\n".join(line for line in CONTENTS_ISSUE.splitlines() if "关键词" not in line), encoding="utf-8"
    )
    grown = extract_pairs([*inputs, no_keywords], known, store=store)  # the new issue has no keywords
    assert not encoder._model.cache_info().currsize
    assert outcome(grown) == outcome(extract_pairs([*inputs, no_keywords], known))
    assert outcome(grown)[1] and len(grown.records) > len(fresh.records)


def test_a_corrupt_cache_entry_is_worked_out_again(inputs: list[Path], tmp_path: Path) -> None:
    known = load_termlists([])
    store = ResultStore(tmp_path / "cache")
    first = extract_pairs(inputs, known, store=store)
    for entry in (tmp_path / "cache").rglob("*.*"):
        entry.write_bytes(entry.read_bytes()[:40])  # every entry cut short, as by a full disk
    assert outcome(extract_pairs(inputs, known, store=store)) == outcome(first)


def test_changing_a_termlist_is_not_answered_from_the_cache(inputs: list[Path], tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "cache")
    termlist = tmp_path / "mine.tsv"
    termlist.write_text("前景理论\tperspective theory\t\tapproved\n", encoding="utf-8")
    plain = extract_pairs(inputs, load_termlists([]), store=store)
    with_termlist = extract_pairs(inputs, load_termlists([termlist]), store=store)
    assert ("前景理论", "perspective theory") not in {(pair.zh, pair.en) for pair in plain.pairs}
    assert ("前景理论", "perspective theory") in {(pair.zh, pair.en) for pair in with_termlist.pairs}


def test_an_unreadable_file_is_a_problem_and_the_others_still_count(inputs: list[Path]) -> None:
    broken = inputs[0].parent / "d_broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    extraction = extract_pairs([*inputs, broken], load_termlists([]), jobs=2)
    assert any(problem.where.endswith("d_broken.pdf") for problem in extraction.problems)
    assert outcome(extraction) == outcome(extract_pairs(inputs, load_termlists([])))


def test_the_same_file_twice_counts_once(inputs: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "z_copy.txt"
    shutil.copy(inputs[0], copy)
    extraction = extract_pairs([*inputs, copy], load_termlists([]))
    assert any("the same text as" in problem.problem for problem in extraction.problems)
    assert outcome(extraction)[1] == outcome(extract_pairs(inputs, load_termlists([])))[1]


def test_cache_info_and_clear(inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from glossary.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    runner = CliRunner()
    output = tmp_path / "out.xlsx"
    assert runner.invoke(main, ["extract", str(inputs[0]), "-o", str(output), "--jobs", "1"]).exit_code == 0
    info = runner.invoke(main, ["cache", "info"])
    assert info.exit_code == 0 and "1 input file(s) cached" in info.output
    assert runner.invoke(main, ["cache", "clear"]).exit_code == 0
    assert not (tmp_path / "xdg" / "glossary").exists()
    assert "0 input file(s)" in runner.invoke(main, ["cache", "info"]).output
    assert (
        runner.invoke(
            main, ["extract", str(inputs[0]), "-o", str(tmp_path / "no.xlsx"), "--no-cache"]
        ).exit_code
        == 0
    )
    assert "0 input file(s)" in runner.invoke(main, ["cache", "info"]).output


def test_align_in_two_workers_gives_the_same_units(inputs: list[Path]) -> None:
    from glossary.extraction import align_inputs

    alone = align_inputs(inputs, jobs=1)
    shared = align_inputs(inputs, jobs=2)
    assert [(r.id, r.label) for r in shared[0]] == [(r.id, r.label) for r in alone[0]]
    assert shared[1] == alone[1] and len({unit.article_id for unit in alone[1]}) > 2


@pytest.mark.slow
def test_a_dask_cluster_gives_what_the_local_run_gives(inputs: list[Path], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from glossary.distributed import DaskMapper

    known = load_termlists([])
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        mapper = DaskMapper(cluster.scheduler_address)
        try:
            remote = extract_pairs(inputs, known, store=ResultStore(tmp_path / "cache"), mapper=mapper)
        finally:
            mapper.client.close()
    assert outcome(remote) == outcome(extract_pairs(inputs, known))


def test_no_dask_is_imported_unless_asked_for(inputs: list[Path], tmp_path: Path) -> None:
    import subprocess
    import sys

    arguments = ["glossary", "extract", str(inputs[0]), "-o", str(tmp_path / "o.xlsx"), "-j", "1"]
    code = (
        f"import sys; from glossary.cli import main; sys.argv = {arguments!r}\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert not {name.split('.')[0] for name in sys.modules} & {'dask', 'distributed'}, 'dask imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=tmp_path)


def test_the_parent_waits_for_the_last_files_read_ahead_only_when_they_would_soon_be_done() -> None:
    nothing = extraction.FileRecords(None, [], [], array("Q"), [])
    read: dict[int, extraction.ReadAhead] = {0: (nothing, None, {}, {})}
    started = time.perf_counter()
    extraction._wait_for_the_last(read, [9_000, 100], elapsed=1.0)  # 100 bytes at 9,000 a second: 0.01 s
    assert extraction.READING_WAIT <= time.perf_counter() - started < 1  # waited, for nothing here
    started = time.perf_counter()
    extraction._wait_for_the_last(read, [1_000, 9_000], elapsed=1.0)  # 9 s more: pinyin is loaded instead
    extraction._wait_for_the_last({}, [1_000], elapsed=1.0)  # nothing read yet: no pace to go by
    assert time.perf_counter() - started < extraction.READING_WAIT


def test_files_read_ahead_are_kept_and_the_readers_end_with_the_block(tmp_path: Path) -> None:
    """A process reading ahead killed at the end of the loading, whatever it was doing, leaves the files
    it sent whole and nothing running (the workers read the rest)."""
    import multiprocessing

    paths = []
    for number in range(3):
        path = tmp_path / f"issue{number}.txt"
        path.write_text(TIYAO_ISSUE if number % 2 else ZHAIYAO_ISSUE, encoding="utf-8")
        paths.append(path)
    store = ResultStore(tmp_path / "store")
    tasks = [extraction.FileTask(path, path.name, str(number), store) for number, path in enumerate(paths)]
    settings = extraction.Settings((), ())
    settings.lexicon()
    try:
        for loading in (0.0, 0.3, 0.6, 0.9, 1.2):  # killed before, while and after sending files
            with extraction._reading_ahead(tasks, 2, settings):
                time.sleep(loading)
            assert not multiprocessing.active_children()
            assert all(issue is not None for _, issue in extraction._READ_AHEAD.values())
            extraction._READ_AHEAD.clear()
        with extraction._reading_ahead(tasks, 2, settings):
            time.sleep(3)  # the models loading
        assert {name for _, name in extraction._READ_AHEAD} == {path.name for path in paths}
    finally:
        extraction._READ_AHEAD.clear()
        extraction.know_beads(None, {})
        extraction.know_name_readings({})
