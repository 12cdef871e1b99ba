"""The extraction pipeline: inputs -> articles -> aligned units -> candidates -> observations -> pairs.

It runs as map/reduce over the input files, so that files can be worked on in parallel (`jobs`, or a
Dask cluster) and each file's own work can be kept in the cache:
1. per file (`observe_file`), everything that needs only that file: reading, front matter, matching,
   alignment, English tokens, Chinese candidates, parenthetical glosses, termlist sightings, and the
   file's counts (units per key, casing) and the Chinese keys it names;
2. one reduce: duplicate files left out, article ids numbered over the run, the counts summed; then per
   file (`count_file`) the occurrences of every key some file names in that file's text, summed;
3. per file again (`score_file`), pairing each unit and keyword list against the run-wide counts;
4. one final aggregate: termhood over the run, glosses, termlist pairs, one TermPair per key.

What is per file: the jieba user words are the termlists' terms and the file's own Chinese keywords;
the protected terms whose every occurrence is a candidate are the termlists' and the file's own
keywords and glosses; titles are sentence-cased by how their own file's English writes each word.
Everything else (co-occurrence, unit and text frequencies, casing of entries, termhood, the glosses as
known pairs, the protected terms when pairing) is over the whole run.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import hashlib
import itertools
import multiprocessing
import re
import signal
import threading
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from glossary import encoder
from glossary.alignment import SentencePair, abstract_beads, aligned_units, know_beads
from glossary.articles import Issue, global_article_id, issue_of, renumber
from glossary.cache import ResultStore, temporary_store, wait_for_saves
from glossary.candidates import ChineseAnalyzer, EnglishAnalyzer, english_key
from glossary.chinese import simplify
from glossary.counting import KeyCounter, KeyPairs, character_pairs, count_each
from glossary.errors import GlossaryError, Problem
from glossary.glosses import find_glosses, gloss_passages, name_lookups
from glossary.lexicon import Lexicon, know_name_readings, load_lexicon, name_readings
from glossary.models import AlignedUnit, ArticleRecord, Bead, Document, KnownPair, TermPair
from glossary.names import load_pinyin
from glossary.pairing import (
    STRENGTH,
    CaseBook,
    Observation,
    PairingStatistics,
    Unit,
    aggregate,
    zh_key,
)
from glossary.pairing.evidence import DictionaryEvidence
from glossary.pairing.observations import context_around
from glossary.pairing.options import candidate_evidence, keyword_options
from glossary.pairing.pairer import (
    Pairer,
    RunEvidence,
    case_book,
    known_by_key,
    prepare_unit,
    with_termhood,
)
from glossary.pairing.statistics import UnitKeys
from glossary.progress import Progress, step
from glossary.reading import expand_paths, read_document
from glossary.reading.duplicates import sentence_keys, without_duplicates

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    import numpy as np

Task = TypeVar("Task")
Shared = TypeVar("Shared")
Result = TypeVar("Result")


class Mapper(Protocol):
    """Runs `function(task, shared)` for each task, somewhere, and yields the results in task order;
    `meanwhile`, when given, is called once as the first result is asked for: while the tasks are worked
    on elsewhere (or before they are worked on here)."""

    def map(
        self,
        function: Callable[[Task, Shared], Result],
        tasks: Sequence[Task],
        shared: Shared,
        meanwhile: Callable[[], None] | None = None,
    ) -> Iterator[Result]: ...


TEXT_KINDS = ("text", "footnote", "heading")
MIN_GLOSS_CERTAINTY = 0.5
POOL_WORTH_BYTES = 4_000_000  # input below which counting its text here costs less than forking a pool
FORMAT = 6  # raise when what is kept per file changes: older cache entries are then not read


@dataclass
class Extraction:
    records: list[ArticleRecord]
    pairs: list[TermPair]
    problems: list[Problem]
    frequencies: dict[str, int]  # Chinese key -> occurrences in the text of the run (see the module)
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> wall-clock seconds

    def pairs_by_source(self) -> Counter[str]:
        return Counter(source for pair in self.pairs for source in pair.sources)


@dataclass
class FileRecords:
    """One file read and matched: what the reduce needs to leave repeated files out and number articles."""

    header: Document | None  # the document without its paragraphs; None when it could not be read
    reading_problems: list[Problem]
    matching_problems: list[Problem]
    sentence_keys: array[int]  # see reading.duplicates, sorted (compact: a thousand files are kept)
    records: list[ArticleRecord]  # ids A1, A2, ... within the file until `kept_files` numbers them


@dataclass
class FileSummary:
    """What the reduce needs of one file besides its records; its units wait in the store for the scoring."""

    keywords: list[str]  # the Chinese keywords of its articles
    glosses: list[Observation]
    statistics: PairingStatistics  # of its units (.text is counted over the run, see `count_file`)
    named: set[str]  # the Chinese keys it names: candidates, keywords, glosses, termlist terms
    case: CaseBook
    sightings: list[Sighting]  # termlist pairs seen in the file, once per article
    english_seen: set[str]  # English keys of termlist pairs its English uses


@dataclass
class FileUnits:
    """What the scoring of one file needs besides the run-wide counts."""

    units: dict[str, list[Unit]]  # local article id -> prepared units
    keywords: list[tuple[str, list[str], list[str]]]  # local article id, Chinese and English keywords


@dataclass(frozen=True)
class Settings:
    """What every file's results depend on besides the file (and the tool's code)."""

    known: tuple[KnownPair, ...]  # termlists
    senses: tuple[tuple[str, str, str], ...]  # the user's own dictionary senses (zh, English, status)

    def key(self) -> str:
        digest = hashlib.sha256(f"{FORMAT} {_code_digest()}".encode())
        for pair in self.known:
            digest.update(repr(dataclasses.astuple(pair)).encode())
        digest.update(repr(self.senses).encode())
        return digest.hexdigest()

    def lexicon(self) -> Lexicon:
        return _lexicon_with(self.senses)

    def dictionary(self) -> DictionaryEvidence:
        """What the dictionary says of terms and English words, with the termlists' terms as jieba words:
        one per process, so that its memory of terms serves every file the process works on."""
        termlist = tuple(pair.zh for pair in self.known if pair.status != "rejected")
        return _dictionary_of(self.senses, termlist)


@lru_cache(maxsize=4)
def _lexicon_with(senses: tuple[tuple[str, str, str], ...]) -> Lexicon:
    """CC-CEDICT with the user's senses, once per process (so before the workers are forked)."""
    return load_lexicon().supplemented(senses) if senses else load_lexicon()


@lru_cache(maxsize=2)
def _dictionary_of(senses: tuple[tuple[str, str, str], ...], words: tuple[str, ...]) -> DictionaryEvidence:
    return DictionaryEvidence(_lexicon_with(senses), ChineseAnalyzer(words))


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The tool's own code and shipped data: a cache entry of another build is never taken."""
    from glossary import __version__

    package = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    for data in sorted(files("glossary.termlists").rglob("*.tsv")):  # type: ignore[attr-defined]
        digest.update(data.read_bytes())
    return digest.hexdigest()


@dataclass
class FileTask:
    path: Path
    name: str
    key: str  # content, name, termlists and tool version: the cache key of its results
    store: ResultStore


def extract_pairs(
    paths: list[Path],
    known: list[KnownPair],
    progress: Progress | None = None,
    senses: Sequence[tuple[str, str, str]] = (),
    jobs: int = 1,
    store: ResultStore | None = None,
    mapper: Mapper | None = None,
) -> Extraction:
    """Term pairs of everything readable under `paths`, with the problems met and time per stage.

    `senses` are the user's own dictionary senses (zh, English, status), added to CC-CEDICT's. `jobs`
    worker processes share the per-file work (1: all in this process); `store` keeps each file's results
    for later runs (None: a temporary one for this run only); `mapper` runs the per-file work elsewhere
    instead (a Dask cluster).
    """
    seconds: dict[str, float] = {}

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

    wait_for_saves()  # an earlier run's, in this process: its entries are there to be read
    files, problems = expand_paths(paths)
    settings = Settings(tuple(known), tuple(senses))
    settings_key = settings.key()
    with temporary_store(store) as results, few_collections():
        tasks = [FileTask(path, name, _file_key(path, name, settings_key), results) for path, name in files]
        run_key = hashlib.sha256(" ".join(task.key for task in tasks).encode()).hexdigest()
        extraction = results.load(run_key, "run")
        if not isinstance(extraction, Extraction):
            extraction = _extract(tasks, results, settings, progress, mapper or LocalMapper(jobs), stage)
            if store is not None:  # one for this run only is never read again (pickling it is not free)
                results.save_meanwhile(run_key, "run", extraction)
    extraction.problems = problems + extraction.problems
    extraction.seconds = seconds
    return extraction


YOUNG_OBJECTS = 50_000  # new objects between two collections of the youngest generation (Python: 700)


@contextmanager
def few_collections() -> Iterator[None]:
    """The cyclic garbage collector run less often in the block (and in the workers forked in it). A run
    makes millions of objects that live until its end and hold no cycles (units, counts, observations):
    collected every 700 new objects, they were gone through again and again, a fifth of the CPU of
    scoring a hundred cached files; garbage cycles wait a little longer to be freed."""
    thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _extract(
    tasks: list[FileTask],
    results: ResultStore,
    settings: Settings,
    progress: Progress | None,
    mapper: Mapper,
    stage: Callable[[str], AbstractContextManager[None]],
) -> Extraction:
    todo = [task for task in tasks if not task.store.has(task.key, "summary")]
    ahead = mapper.jobs - 1 if isinstance(mapper, LocalMapper) else 0
    with stage("loading models"), step(progress, "loading models"):
        if todo:
            settings.lexicon()  # first: the process reading ahead shares it
        with _reading_ahead(todo, ahead, settings):
            if todo:
                load_models(settings, english=True)
    sizes_of_tasks = _sizes(task.path for task in tasks)
    # keywords the evidence cannot pair are ranked by the sentence encoder: it loads while this process
    # waits for the files, from the first one observed now with Chinese keywords on (a cached file keeps
    # the encoder's answers for its keywords; a worker asked something new of it loads it then)
    encoder_loading = _Background(encoder.load_model)

    def note(read: FileRecords) -> None:
        if any(record.zh and record.zh.keywords for record in read.records):
            encoder_loading.start()

    summing = _RunSum(tasks, todo)
    with stage("reading, alignment and candidates"):
        files = _observe_all(tasks, todo, settings, mapper, sizes_of_tasks, progress, note, summing.ahead)
        _READ_AHEAD.clear()
        know_beads(None, {})
        know_name_readings({})
        encoder_loading.join()
    with stage("counting"):
        kept, problems = kept_files(files)
        records = [record for number, _ in kept for record in files[number].records]
        del files  # their headers and sentence keys are not needed again
        totals = summing.all(kept)
        run = totals.evidence(list(settings.known))
        pairing = RunPairing(
            run, [pair.zh for pair in settings.known if pair.status != "rejected"] + totals.keywords, settings
        )
        named = RunKeys.of(totals.named, results)
        counting = [(tasks[number].key, tasks[number].store) for number, _ in kept]
        sizes = [sizes_of_tasks[number] for number, _ in kept]
        run.statistics.text = _count_all(counting, named, sizes, mapper, progress)
    with stage("pairing"):
        if kept:
            load_models(settings, english=False)
        run_pairer(pairing)  # before the workers are forked: they share it
        scoring = [(tasks[number].key, before, tasks[number].store) for number, before in kept]
        scoring_map = _largest_first_map(mapper, score_file, scoring, pairing, sizes)
        scores = _with_progress(scoring_map, "pairing", len(scoring), progress)
        scored = _in_task_order(scores, len(scoring), totals.shared.scored)
        forget_pairer()
        extraction = _final(records, totals, scored, run, list(settings.known))
    extraction.problems = problems
    return extraction


def _observe_all(
    tasks: list[FileTask],
    todo: list[FileTask],
    settings: Settings,
    mapper: Mapper,
    sizes: list[int],
    progress: Progress | None,
    note: Callable[[FileRecords], None],
    meanwhile: Callable[[dict[int, FileRecords]], None],
) -> list[FileRecords]:
    """Every task's records in task order: the `todo` ones observed by `mapper` (`note` is called with
    each), the others (their results kept from an earlier run) loaded here while it works, where a
    worker's would come back pickled again; `meanwhile` is then called with those (by task number)."""
    waiting = {id(task) for task in todo}
    numbers = [number for number, task in enumerate(tasks) if id(task) in waiting]
    found: dict[int, FileRecords] = {}
    done = _Done(progress, "reading files", len(tasks))

    def load_kept() -> None:
        for number, task in enumerate(tasks):
            if id(task) not in waiting:
                found[number] = observe_file(task, settings)
                done.one()
        meanwhile(dict(found))

    observing = _largest_first_map(
        mapper,
        observe_file,
        [tasks[n] for n in numbers],
        settings,
        [sizes[n] for n in numbers],
        load_kept if len(numbers) < len(tasks) else None,
    )
    for index, read in observing:
        found[numbers[index]] = read
        note(read)
        done.one()
    return [found[number] for number in range(len(tasks))]


_READ_AHEAD: dict[tuple[Path, str], tuple[FileRecords, Issue | None]] = {}


ReadAhead = tuple[FileRecords, Issue | None, dict[SentencePair, list[Bead]], dict[str, list[str]]]


@contextmanager
def _reading_ahead(tasks: list[FileTask], processes: int, settings: Settings) -> Iterator[None]:
    """While this process loads the models in the block, `processes` others read and match `tasks`'
    files, largest first, and align their abstracts (that needs only the dictionary and pinyin); what
    they have done by the end of the block is kept for `read_file` and `align` here and in the workers
    forked later, the rest is done by the workers as before. Pinyin is loaded here (for the workers to
    share) only when some file is not read by the end of the block: for the files read ahead they need
    it only for the names in their glosses, whose readings the processes reading ahead work out too.

    Each process reading ahead sends its files down a pipe of its own and is killed at the end of the
    block: no lock is shared with it (a pool's queue would be, and a worker killed while sending a
    result holds its lock for ever, which hangs the pool's end)."""
    if processes < 1 or not tasks:
        yield
        return
    sizes = _sizes(task.path for task in tasks)
    order = _largest_first(sizes)
    context = multiprocessing.get_context("fork")
    received: dict[int, ReadAhead] = {}
    readers: list[multiprocessing.process.BaseProcess] = []
    receivers: list[threading.Thread] = []
    started = time.perf_counter()
    try:
        for share in range(min(processes, len(tasks))):
            receiving, sending = context.Pipe(duplex=False)
            files = [(number, tasks[number].path, tasks[number].name) for number in order[share::processes]]
            readers.append(context.Process(target=_read_ahead, args=(files, settings, sending), daemon=True))
            readers[-1].start()
            sending.close()
            receivers.append(threading.Thread(target=_receive, args=(receiving, received), daemon=True))
        for receiver in receivers:  # once every process is forked: none inherits a thread's half-done work
            receiver.start()
        yield
        _wait_for_the_last(received, sizes, time.perf_counter() - started)
        if len(received) < len(tasks):
            load_pinyin()  # for the workers, who read the rest; meanwhile the reading ahead goes on
    finally:
        for reader in readers:
            reader.kill()  # a file it is still reading is read again by a worker
        for reader in readers:
            reader.join()
        for receiver in receivers:
            if receiver.ident is not None:  # started
                receiver.join()
    beads: dict[SentencePair, list[Bead]] = {}
    readings: dict[str, list[str]] = {}
    for number, (read, issue, file_beads, file_readings) in received.items():
        _READ_AHEAD[tasks[number].path, tasks[number].name] = read, issue
        beads.update(file_beads)
        readings.update(file_readings)
    know_beads(settings.lexicon(), beads)
    know_name_readings(readings)


def _receive(receiving: Connection, received: dict[int, ReadAhead]) -> None:
    """Files read ahead, as they come, until the process reading them ends (a file it was sending when
    killed is cut short: left out)."""
    with receiving:
        while True:
            try:
                number, read = receiving.recv()
            except (EOFError, OSError):
                return
            received[number] = read


READING_WAIT = 0.15  # s: about what loading pinyin takes, which the workers need for a file left unread


def _wait_for_the_last(received: dict[int, ReadAhead], sizes: list[int], elapsed: float) -> None:
    """Wait for the files still being read ahead when, at the pace so far (`elapsed` seconds for the
    bytes read), they would be done within READING_WAIT: sooner than pinyin loads for the workers."""
    done = sum(sizes[number] for number in list(received))
    left = sum(sizes) - done
    if not done or not left or left * elapsed / done > READING_WAIT:
        return
    deadline = time.perf_counter() + READING_WAIT
    while len(received) < len(sizes) and time.perf_counter() < deadline:
        time.sleep(0.005)


def _read_ahead(files: list[tuple[int, Path, str]], settings: Settings, sending: Connection) -> None:
    """In a process reading ahead: each file read and matched, its abstracts aligned and the readings of
    the names its glosses may look up worked out, sent as (its number, what was found) as it is done."""
    _leave_ctrl_c_to_the_parent()
    load_pinyin()
    lexicon = settings.lexicon()
    for number, path, name in files:
        try:
            read, issue = read_file(path, name)
            if issue is None:
                sending.send((number, (read, issue, {}, {})))
                continue
            matched = [record for record in issue.records if record.matched]
            names = name_lookups(issue.document.paragraphs, TEXT_KINDS)
            beads = abstract_beads(matched, lexicon)
            sending.send((number, (read, issue, beads, {name: name_readings(name) for name in names})))
        except Exception:  # the worker that reads it again says what went wrong
            continue


def _sizes(paths: Iterable[Path]) -> list[int]:
    """Each file's size in bytes (0 when it cannot be read): about how much work it is."""
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    return sizes


def _largest_first(sizes: Sequence[int]) -> list[int]:
    """Indices by decreasing size: a pool's workers given the largest tasks first finish together."""
    return sorted(range(len(sizes)), key=lambda number: sizes[number], reverse=True)


def _in_task_order(
    results: Iterable[tuple[int, Result]], count: int, each: Callable[[Result], None] | None = None
) -> list[Result]:
    """The results of `_largest_first_map` in the tasks' own order; `each` is called on every result as
    it comes in."""
    found: dict[int, Result] = {}
    for number, result in results:
        found[number] = result
        if each:
            each(result)
    return [found[number] for number in range(count)]


def _largest_first_map(
    mapper: Mapper,
    function: Callable[[Task, Shared], Result],
    tasks: Sequence[Task],
    shared: Shared,
    sizes: Sequence[int],
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[tuple[int, Result]]:
    """`mapper.map` over `tasks` taken largest first (`sizes`): (task number, result) as they come in."""
    order = _largest_first(sizes)
    ordered = [tasks[number] for number in order]
    yield from zip(order, mapper.map(function, ordered, shared, meanwhile), strict=True)


class _Background:
    """`load` run once in a thread of this process, started while it waits on a pool's workers (forked
    before it, so that none inherits the load half done) and joined before another pool is forked."""

    def __init__(self, load: Callable[[], None]) -> None:
        self.load = load
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self.load, daemon=True)
            self.thread.start()

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()


def load_models(settings: Settings, english: bool) -> None:
    """Load what the work needs once, before worker processes are forked (they share it); pinyin, which
    reading needs, is loaded on first use or by `_reading_ahead`."""
    settings.lexicon()
    ChineseAnalyzer.load_dictionaries()
    settings.dictionary()
    if english:
        EnglishAnalyzer.load_model()


def _file_key(path: Path, name: str, settings: str) -> str:
    digest = hashlib.sha256(f"{settings}\n{name}\n".encode())
    try:
        digest.update(path.read_bytes())
    except OSError:
        digest.update(str(time.time_ns()).encode())  # unreadable now: never an answer kept from before
    return digest.hexdigest()


def _with_progress(
    results: Iterable[Result], stage: str, total: int, progress: Progress | None
) -> Iterator[Result]:
    """`results` one by one, the stage reported started, then done after each (see glossary.progress)."""
    done = _Done(progress, stage, total)
    for result in results:
        done.one()
        yield result


class LocalMapper:
    """Maps over tasks in this process (jobs=1) or in a pool of worker processes forked after the models
    are loaded, so that each worker has them without loading them again; results keep the tasks' order."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def map(
        self,
        function: Callable[[Task, Shared], Result],
        tasks: Sequence[Task],
        shared: Shared,
        meanwhile: Callable[[], None] | None = None,
    ) -> Iterator[Result]:
        # one task is worked on here, unless there is other work to do meanwhile
        if self.jobs <= 1 or not tasks or (len(tasks) == 1 and meanwhile is None):
            if meanwhile:
                meanwhile()
            yield from (function(task, shared) for task in tasks)
            return
        global _SHARED
        _SHARED = (function, shared)  # inherited by the forked workers, not sent with every task
        # Out of the collector's sight, the objects the workers inherit are not written to (and so copied)
        # by each worker's collections; they are what the run keeps anyway (cycles among them stay).
        gc.freeze()
        try:
            workers = min(self.jobs, len(tasks))
            with multiprocessing.get_context("fork").Pool(
                workers, initializer=_leave_ctrl_c_to_the_parent
            ) as pool:
                results = pool.imap(_call_shared, tasks)
                if meanwhile:
                    meanwhile()
                yield from results
        finally:
            _SHARED = None


_SHARED: tuple[Callable[[object, object], object], object] | None = None


def _leave_ctrl_c_to_the_parent() -> None:
    """Ctrl-C signals the whole process group: the parent stops the run (exit code 130) and ends the
    pool; a worker that took it too would print its own `Process ForkPoolWorker-1:` and traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call_shared(task: object) -> object:
    assert _SHARED is not None
    function, shared = _SHARED
    return function(task, shared)


def align_inputs(
    paths: list[Path], jobs: int = 1, progress: Progress | None = None
) -> tuple[list[ArticleRecord], list[AlignedUnit], list[Problem]]:
    """Every article record of `paths` (ids over the run), the aligned units of the matched ones and the
    problems met, the files read and aligned in `jobs` worker processes (`glossary align`)."""
    files, problems = expand_paths(paths)
    with step(progress, "loading models"):
        load_lexicon()
    sizes = _sizes(path for path, _ in files)
    aligning = _largest_first_map(LocalMapper(jobs), _align_file, files, None, sizes)
    done = _in_task_order(_with_progress(aligning, "alignment", len(files), progress), len(files))
    kept, more = kept_files([read for read, _ in done])
    records: list[ArticleRecord] = []
    units: list[AlignedUnit] = []
    for number, before in kept:
        read, file_units = done[number]
        records.extend(read.records)
        for unit in file_units:
            unit.article_id = global_article_id(unit.article_id, before)
        units.extend(file_units)
    return records, units, problems + more


def _align_file(file: tuple[Path, str], _: None) -> tuple[FileRecords, list[AlignedUnit]]:
    read, issue = read_file(*file)
    if issue is None:
        return read, []
    lexicon = load_lexicon()
    return read, [
        unit for record in issue.records if record.matched for unit in aligned_units(record, lexicon)
    ]


# --- 1. per file ----------------------------------------------------------------------------------------


def observe_file(task: FileTask, settings: Settings) -> FileRecords:
    """Everything of one file that needs only that file, into the store (unless it was done before);
    what the reduce needs first (its articles, to find repeated files) is returned."""
    cached = task.store.load(task.key, "records")
    if isinstance(cached, FileRecords) and task.store.has(task.key, "summary"):
        return cached
    read, summary, units, text = _observe(task.path, task.name, settings)
    task.store.save(task.key, "units", units)
    task.store.save(task.key, "text", text)
    task.store.save(task.key, "pairs", character_pairs(text))
    task.store.save(task.key, "records", read)
    task.store.save(task.key, "summary", summary)  # last: a file whose summary is kept is complete
    return read


def _observe(
    path: Path, name: str, settings: Settings
) -> tuple[FileRecords, FileSummary, FileUnits, list[str]]:
    read, issue = read_file(path, name)
    if issue is None:
        unread = FileSummary([], [], PairingStatistics(), set(), CaseBook([]), [], set())
        return read, unread, FileUnits({}, []), []
    termlist = [pair for pair in settings.known if pair.status != "rejected"]
    keywords = [keyword for record in issue.records if record.zh for keyword in record.zh.keywords]
    user_words = [pair.zh for pair in termlist] + keywords
    lexicon = settings.lexicon()
    english = EnglishAnalyzer()
    chinese = ChineseAnalyzer(user_words)
    matched = [record for record in issue.records if record.matched]
    aligned = {record.id: aligned_units(record, lexicon) for record in matched}
    glosses = list(_gloss_observations(issue, chinese, lexicon))
    protected = {zh_key(term) for term in keywords + [gloss.zh for gloss in glosses]} | {
        zh_key(pair.zh) for pair in settings.known
    }
    case = case_book([unit for units in aligned.values() for unit in units], english)
    units = {
        article: [prepare_unit(unit, chinese, english, case, protected) for unit in article_units]
        for article, article_units in aligned.items()
    }
    prepared = [unit for article_units in units.values() for unit in article_units]
    dictionary = settings.dictionary()
    for unit in prepared:
        unit.evidence = candidate_evidence(dictionary, unit)
    keyword_lists = [
        (record.id, record.zh.keywords, record.en.keywords)
        for record in matched
        if record.zh and record.en and (record.zh.keywords or record.en.keywords)
    ]
    for article, zh_keywords, en_keywords in keyword_lists:
        for unit in units[article]:
            unit.keywords = keyword_options(dictionary, unit, zh_keywords, en_keywords)
    statistics = PairingStatistics.of_units((unit.zh_keys, unit.en_keys) for unit in prepared)
    text = [_searchable(paragraph) for _, paragraph in _paragraphs(issue)]
    candidates = {candidate.text for unit in prepared for candidate in unit.candidates}
    named = {key for key in candidates | protected if len(key) >= 2}
    summary = FileSummary(
        keywords=keywords,
        glosses=glosses,
        statistics=statistics,
        case=case,
        named=named,
        sightings=list(_termlist_sightings(issue, termlist, text)),
        english_seen=_english_seen(issue.records, termlist),
    )
    return read, summary, FileUnits(units, keyword_lists), text


def _paragraphs(issue: Issue) -> Iterator[tuple[int, str]]:
    for index, paragraph in enumerate(issue.document.paragraphs):
        if paragraph.kind in TEXT_KINDS:
            yield index, paragraph.text


def _gloss_observations(issue: Issue, chinese: ChineseAnalyzer, lexicon: Lexicon) -> Iterator[Observation]:
    for index, text, own_start in gloss_passages(issue.document.paragraphs, TEXT_KINDS):
        for gloss in find_glosses(text, chinese, lexicon, own_start):
            if gloss.certainty < MIN_GLOSS_CERTAINTY:
                continue
            yield Observation(
                zh=zh_key(gloss.zh),
                zh_written=gloss.zh,
                en=gloss.en,
                en_key=english_key(gloss.en),
                source="parenthetical",
                article_id=issue.article_at(index),
                strength=gloss.certainty,
                zh_context=gloss.context,
                en_context="",
                kind=gloss.kind if gloss.kind in ("person", "acronym") else "",
                evidence={"gloss boundary": gloss.certainty},
            )


def _searchable(text: str) -> str:
    """Text in the form of zh_key, keeping offsets: simplified, one kind of dash."""
    return re.sub(r"[—–－‐]", "-", simplify(text))


def _english_seen(records: list[ArticleRecord], termlist: list[KnownPair]) -> set[str]:
    """English keys of termlist pairs that the English of `records` uses (english_key form, whole words)."""
    pieces = [
        piece
        for record in records
        if record.en
        for piece in (record.en.title, record.en.abstract, *record.en.keywords)
    ]
    english = " " + " ".join(english_key(piece) for piece in pieces) + " "
    keys = {english_key(pair.en) for pair in termlist}
    return {key for key in keys if f" {key} " in english}


class Sighting(NamedTuple):
    """A termlist pair whose Chinese occurs in an article (compact: a thousand files' are kept)."""

    zh: str  # key
    zh_written: str
    en: str
    approved: bool
    article_id: str
    zh_context: str

    def observation(self, en_key: str, evidence: dict[str, float]) -> Observation:
        """The sighting as an observation of the pair, whose English has `en_key` (`english_key`)."""
        return Observation(
            zh=self.zh,
            zh_written=self.zh_written,
            en=self.en,
            en_key=en_key,
            source="termlist",
            article_id=self.article_id,
            strength=STRENGTH["known_approved" if self.approved else "known_alias"],
            zh_context=self.zh_context,
            evidence=evidence,
        )


def _termlist_sightings(issue: Issue, termlist: list[KnownPair], searchable: list[str]) -> Iterator[Sighting]:
    """Each termlist pair whose Chinese occurs in the file (`searchable`: its paragraphs of `_paragraphs`,
    searchable), once per article, with where it was seen (and whether the pair is approved)."""
    text = "\n".join(searchable)
    wanted: dict[str, list[KnownPair]] = {}
    for pair in termlist:
        key = zh_key(pair.zh)
        if len(key) >= 2 and key in text:
            wanted.setdefault(key, []).append(pair)
    # the paragraphs holding each key, found in the whole text: not every key looked for in every paragraph
    ends = list(itertools.accumulate(len(paragraph) + 1 for paragraph in searchable))
    holding: dict[int, list[str]] = defaultdict(list)  # paragraph number -> its keys, in `wanted` order
    for key in wanted:
        position = text.find(key)
        while position >= 0:
            number = bisect.bisect_right(ends, position)
            holding[number].append(key)
            position = text.find(key, ends[number])
    paragraphs = list(_paragraphs(issue))
    seen: set[tuple[str, str, str]] = set()
    contexts: dict[str, str] = {}  # one string per sentence: the cache keeps each once, not once per pair
    for number in sorted(holding):
        index, paragraph = paragraphs[number]
        plain = searchable[number]
        for key in holding[number]:
            pairs = wanted[key]
            article = issue.article_at(index)
            position = plain.find(key)
            written = paragraph[position : position + len(key)]
            context = ""  # worked out for the first pair not seen before
            for pair in pairs:
                if (key, pair.en, article) in seen:
                    continue
                seen.add((key, pair.en, article))
                context = context or contexts.setdefault(
                    sentence := context_around(paragraph, written), sentence
                )
                yield Sighting(key, written, pair.en, pair.status == "approved", article, context)


# --- 2. the reduce ---------------------------------------------------------------------------------------


def read_file(path: Path, name: str) -> tuple[FileRecords, Issue | None]:
    """One input read, its front matter found and matched (the Issue is None when it could not be read)."""
    ahead = _READ_AHEAD.pop((path, name), None)
    if ahead is not None:
        return ahead
    try:
        document = read_document(path, name)
    except GlossaryError as error:
        return FileRecords(None, [Problem(error.where, error.problem)], [], array("Q"), []), None
    issue, matching_problems = issue_of(document)
    header = dataclasses.replace(document, paragraphs=[])
    warnings = [Problem(name, warning) for warning in document.warnings]
    keys = array("Q", sorted(sentence_keys(document)))
    return FileRecords(header, warnings, matching_problems, keys, issue.records), issue


def _shared_keys(keys: list[array[int]]) -> list[set[int]]:
    """Each file's sentence keys that some other file has too: all that finding repeated files needs
    besides how many each has (a thousand files hold millions of keys, nearly all their own)."""
    import numpy as np

    if not keys:
        return []
    every = np.concatenate([np.frombuffer(file_keys, dtype=np.uint64) for file_keys in keys])
    ordered = np.sort(every)  # each file's keys are distinct: a key met twice is in two files
    shared = np.isin(every, ordered[1:][ordered[1:] == ordered[:-1]])
    ends = np.cumsum([len(file_keys) for file_keys in keys]).tolist()
    return [
        set(every[start:end][shared[start:end]].tolist())
        for start, end in zip([0, *ends[:-1]], ends, strict=True)
    ]


def kept_files(files: list[FileRecords]) -> tuple[list[tuple[int, int]], list[Problem]]:
    """(index, articles before it) of each file read and not repeating another, its records numbered
    over the run (A1, A2, ... in input order), and the problems met: reading, repeated files, files
    without front matter, in that order."""
    kept, problems = _kept(files)
    for number, before in kept:
        renumber(files[number].records, before)
    return kept, problems


def _kept(files: list[FileRecords]) -> tuple[list[tuple[int, int]], list[Problem]]:
    """`kept_files`, the records left as they are."""
    problems = [problem for file in files for problem in file.reading_problems]
    readable = [number for number, file in enumerate(files) if file.header]
    keys = [files[number].sentence_keys for number in readable]
    documents, duplicates = without_duplicates(
        [header for number in readable if (header := files[number].header)],
        _shared_keys(keys),
        [len(file_keys) for file_keys in keys],
    )
    problems.extend(Problem(duplicate.document.name, duplicate.warning()) for duplicate in duplicates)
    kept_headers = {id(document) for document in documents}
    kept: list[tuple[int, int]] = []
    before = 0
    for number in readable:
        file = files[number]
        if id(file.header) in kept_headers:
            kept.append((number, before))
            before += len(file.records)
            problems.extend(file.matching_problems)
    return kept, problems


class SharedValues:
    """One object per distinct value among the observations and sightings the run holds until the final
    aggregate, as its files' results arrive (each file's are read on their own, so each brings its own
    copies): every term of a sentence has that sentence as its context, the same terms and renderings
    recur in file after file, and a few evidence dicts serve nearly all observations."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._evidence: dict[tuple[tuple[str, float], ...], dict[str, float]] = {}

    def observation(self, observation: Observation) -> Observation:
        """`observation` with shared values, in place; its evidence dict is shared too (never changed)."""
        shared = self._strings.setdefault  # field by field: a loop over their names took 2.5 times as long
        observation.zh = shared(observation.zh, observation.zh)
        observation.zh_written = shared(observation.zh_written, observation.zh_written)
        observation.en = shared(observation.en, observation.en)
        observation.en_key = shared(observation.en_key, observation.en_key)
        observation.source = shared(observation.source, observation.source)
        observation.article_id = shared(observation.article_id, observation.article_id)
        observation.zh_context = shared(observation.zh_context, observation.zh_context)
        observation.en_context = shared(observation.en_context, observation.en_context)
        observation.kind = shared(observation.kind, observation.kind)
        evidence = observation.evidence
        observation.evidence = self._evidence.setdefault(tuple(evidence.items()), evidence)
        return observation

    def sighting(self, sighting: Sighting, article_id: str) -> Sighting:
        """`sighting` with shared values, seen in article `article_id` (its id over the run)."""
        shared = self._strings.setdefault
        zh, written, en, approved, _, context = sighting
        article_id = shared(article_id, article_id)
        return Sighting(
            shared(zh, zh),
            shared(written, written),
            shared(en, en),
            approved,
            article_id,
            shared(context, context),
        )

    def scored(self, scored: tuple[list[tuple[Observation, bool]], list[Observation]]) -> None:
        """One file's scored pairs (see `score_file`) with shared values, in place."""
        units, keywords = scored
        for found in [found for found, _ in units] + keywords:
            self.observation(found)


@dataclass
class RunTotals:
    """What the run keeps of its files' summaries, added one file at a time."""

    statistics: PairingStatistics = field(default_factory=PairingStatistics)
    case: CaseBook = field(default_factory=lambda: CaseBook([]))
    named: set[str] = field(default_factory=set)
    keywords: list[str] = field(default_factory=list)
    glosses: list[Observation] = field(default_factory=list)
    sightings: list[Sighting] = field(default_factory=list)
    english_seen: set[str] = field(default_factory=set)
    shared: SharedValues = field(default_factory=SharedValues)

    def add(self, summary: FileSummary, before: int) -> None:
        """Add a file that has `before` articles of the run before it."""
        for gloss in summary.glosses:  # the file's article ids over the run (see `kept_files`)
            gloss.article_id = global_article_id(gloss.article_id, before)
        self.statistics += summary.statistics
        self.case += summary.case
        self.named |= summary.named
        self.keywords.extend(summary.keywords)
        self.glosses.extend(self.shared.observation(gloss) for gloss in summary.glosses)
        self.sightings.extend(
            self.shared.sighting(sighting, global_article_id(sighting.article_id, before))
            for sighting in summary.sightings
        )
        self.english_seen |= summary.english_seen

    def evidence(self, known: list[KnownPair]) -> RunEvidence:
        """The run-wide evidence: the authors' glosses as known pairs after the termlists, protected
        terms, casing and co-occurrence."""
        glossed = [
            KnownPair(gloss.zh_written, gloss.en, "author's gloss", "alias", "parenthetical")
            for gloss in self.glosses
        ]
        known_pairs = known_by_key(known + glossed)
        protected = {zh_key(term) for term in self.keywords + [gloss.zh for gloss in self.glosses]}
        cooccurrence = self.statistics.cooccurrence()
        self.statistics.unit_keys = UnitKeys()  # counted into the co-occurrence: not needed again
        return RunEvidence(
            known_pairs, protected | set(known_pairs), self.case, self.statistics, cooccurrence
        )


class _RunSum:
    """The run's totals, summed one kept file at a time in task order (one summary at a time from the
    store: a thousand stay on disk). The kept files before the first one observed in this run can be
    summed `ahead`, while it is observed; `all` checks them against what `kept_files` says of the whole
    run (a file observed now may be a longer copy of one of them) and sums again when they differ."""

    def __init__(self, tasks: list[FileTask], todo: list[FileTask]) -> None:
        self.tasks = tasks
        waiting = {id(task) for task in todo}
        self.first_new = next((n for n, task in enumerate(tasks) if id(task) in waiting), len(tasks))
        self.totals = RunTotals()
        self.summed: list[tuple[int, int]] = []

    def ahead(self, files: dict[int, FileRecords]) -> None:
        """Sum the kept files among the first ones of the run that `files` (by task number) holds."""
        before_new = [files[number] for number in range(self.first_new)]
        for number, before in _kept(before_new)[0]:
            self._add(number, before)

    def all(self, kept: list[tuple[int, int]]) -> RunTotals:
        """The totals of the `kept` files (see `kept_files`)."""
        if [file for file in kept if file[0] < self.first_new] != self.summed:
            self.totals, self.summed = RunTotals(), []
        for number, before in kept[len(self.summed) :]:
            self._add(number, before)
        return self.totals

    def _add(self, number: int, before: int) -> None:
        task = self.tasks[number]
        summary = task.store.load(task.key, "summary")
        if not isinstance(summary, FileSummary):
            raise GlossaryError(str(task.store.directory), "a file's results went missing")
        self.totals.add(summary, before)
        self.summed.append((number, before))


# --- 3. per file again ------------------------------------------------------------------------------------


# Keys new to a file's kept counts that may occur in it, below which each is looked up alone in its text
# (here, in one process); above, the file is counted whole by the workers. A key looked up alone costs
# about a 250th of a scan of the text with every key (`KeyCounter`), and the workers share the scans.
FEW_NEW_KEYS = 120


class RunKeys:
    """The Chinese keys some file of the run names, counted in every file's text (`count_file`), and the
    digest they are known by in the store, where they are kept for later runs."""

    def __init__(self, keys: frozenset[str], digest: str) -> None:
        self.keys = keys
        self.digest = digest
        self._carried: dict[str, tuple[np.ndarray, KeyPairs]] = {}  # earlier run's digest -> ...

    @classmethod
    def of(cls, keys: set[str], store: ResultStore) -> RunKeys:
        frozen = frozenset(keys)
        digest = hashlib.sha256("\n".join(sorted(frozen)).encode()).hexdigest()
        if not store.has(digest, "named"):
            store.save(digest, "named", frozen)
        return cls(frozen, digest)

    @cached_property
    def counter(self) -> KeyCounter:
        return KeyCounter(self.keys)

    @cached_property
    def ordered(self) -> list[str]:
        """The keys in the order of the counts of `FileCounts`."""
        return sorted(self.keys)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {key: position for position, key in enumerate(self.ordered)}

    def file_counts(self, counts: dict[str, int]) -> FileCounts:
        """Counts of some of these keys, as kept."""
        import numpy as np

        positions = np.fromiter((self._positions[key] for key in counts), dtype=np.int32, count=len(counts))
        return FileCounts(
            self.digest, positions, np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
        )

    def carried(self, digest: str, store: ResultStore) -> tuple[np.ndarray, KeyPairs] | None:
        """For counts of the keys of an earlier run (`digest`): where each of its keys is among these
        (-1: no key of this run), and the keys of this run new since; None when that run's keys are not
        known."""
        import numpy as np

        if digest not in self._carried:
            before = store.load(digest, "named")
            if not isinstance(before, frozenset):
                return None
            positions = np.fromiter((self._positions.get(key, -1) for key in sorted(before)), dtype=np.int32)
            self._carried[digest] = positions, KeyPairs(self.keys - before)
        return self._carried[digest]


@dataclass
class FileCounts:
    """A file's counts of the keys of a run (`RunKeys.digest`), kept for later runs: the keys' places in
    `RunKeys.ordered` and their counts (arrays load and add up in a fraction of a dict's time)."""

    named: str
    positions: np.ndarray
    counts: np.ndarray


def _count_all(
    files: list[tuple[str, ResultStore]],
    named: RunKeys,
    sizes: list[int],
    mapper: Mapper,
    progress: Progress | None,
) -> dict[str, int]:
    """Occurrences in all the files' text of every key some file of the run names, summed as they come
    in (a thousand files' counts are not held). A file's kept counts serve as they are when they are for
    these keys, and with the few keys new since that it may hold looked up in its kept text, both here (a
    worker would load them and pickle them back); only the other files are counted whole, by `mapper` (by
    this process when their text is small)."""
    import numpy as np

    total = np.zeros(len(named.ordered), dtype=np.int64)
    uncounted = []
    done = _Done(progress, "counting", len(files))
    for number, (key, store) in enumerate(files):
        file_counts = _kept_counts(key, store, named)
        if file_counts is None:
            uncounted.append(number)
            continue
        total[file_counts.positions] += file_counts.counts  # a file's positions are distinct
        done.one()
    uncounted_sizes = [sizes[number] for number in uncounted]
    counter = mapper if sum(uncounted_sizes) > POOL_WORTH_BYTES else LocalMapper(1)
    counting = [files[number] for number in uncounted]
    for _, file_counts in _largest_first_map(counter, count_file, counting, named, uncounted_sizes):
        total[file_counts.positions] += file_counts.counts
        done.one()
    return {key: count for key, count in zip(named.ordered, total.tolist(), strict=True) if count}


def _kept_counts(key: str, store: ResultStore, named: RunKeys) -> FileCounts | None:
    """A file's kept counts of the run's keys: as kept, or brought up to date when they are for an earlier
    run's keys and only a few of the keys new since may occur in it, by its character pairs (those are
    looked up in its kept text, which is not read when none may); None: to be counted whole."""
    import numpy as np

    kept = store.load(key, "counts")
    if not isinstance(kept, FileCounts):
        return None
    if kept.named == named.digest:
        return kept
    carried = named.carried(kept.named, store)
    if carried is None:
        return None
    moved, new = carried
    pairs = store.load(key, "pairs")
    possible = new.may_occur(pairs) if isinstance(pairs, np.ndarray) else new.keys
    if len(possible) > FEW_NEW_KEYS:
        return None
    places = moved[kept.positions]
    still = places >= 0
    found = named.file_counts(count_each(_kept_text(key, store), possible) if possible else {})
    counts = FileCounts(
        named.digest,
        np.concatenate([places[still], found.positions]).astype(np.int32),
        np.concatenate([kept.counts[still], found.counts]),
    )
    store.save(key, "counts", counts)
    return counts


class _Done:
    """A stage's progress over `total` items done in any order (see glossary.progress)."""

    def __init__(self, progress: Progress | None, stage: str, total: int) -> None:
        self.progress, self.stage, self.total, self.done = progress, stage, total, 0
        if progress:
            progress(stage, 0, total)

    def one(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.stage, self.done, self.total)


def count_file(task: tuple[str, ResultStore], named: RunKeys) -> FileCounts:
    """Occurrences in one file's text of every Chinese key some file of the run names, kept for later
    runs."""
    key, store = task
    counts = named.file_counts(named.counter.count(_kept_text(key, store)))
    store.save(key, "counts", counts)
    return counts


def _kept_text(key: str, store: ResultStore) -> list[str]:
    text = store.load(key, "text")
    if not isinstance(text, list):
        raise GlossaryError(str(store.directory), "a file's text went missing from the cache during the run")
    return text


@dataclass
class RunPairing:
    """What the scoring of every file shares: the run-wide evidence, the jieba user words that split a
    Chinese term into dictionary words (the termlists' terms and every keyword of the run), and the
    run's settings."""

    evidence: RunEvidence
    user_words: list[str]
    settings: Settings


_PAIRER: tuple[RunPairing, Pairer] | None = None


def run_pairer(run: RunPairing) -> Pairer:
    """One Pairer per process for the run, so that what it works out for a term (dictionary words,
    scores) serves every file the process scores."""
    global _PAIRER
    if _PAIRER is None or _PAIRER[0] is not run:
        chinese = ChineseAnalyzer(run.user_words)
        _PAIRER = (run, Pairer.over_run(run.evidence, run.settings.lexicon(), chinese))
    return _PAIRER[1]


def forget_pairer() -> None:
    """Let the run's Pairer go when the run is scored (its caches are large)."""
    global _PAIRER
    _PAIRER = None


def score_file(
    task: tuple[str, int, ResultStore], run: RunPairing
) -> tuple[list[tuple[Observation, bool]], list[Observation]]:
    """The unit pairs (before termhood; see `Pairer.candidate_observations`) and the keyword pairs of one
    file, scored against the run."""
    key, before, store = task
    prepared = store.load(key, "units")
    if not isinstance(prepared, FileUnits):
        raise GlossaryError(str(store.directory), "a file's prepared units went missing during the run")
    pairer = run_pairer(run)
    units = [unit for article_units in prepared.units.values() for unit in article_units]
    found = [observation for unit in units for observation in pairer.candidate_observations(unit)]
    kept = encoder.unpacked(store.load(key, "embeddings"))  # the encoder's answers for its keywords
    with encoder.recorded(kept) as asked:
        keywords = [
            observation
            for article, zh_keywords, en_keywords in prepared.keywords
            for observation in pairer.keyword_observations(
                article, zh_keywords, en_keywords, prepared.units[article]
            )
        ]
    if asked.keys() - kept.keys():
        store.save(key, "embeddings", encoder.packed({**kept, **asked}))
    for observation in [seen for seen, _ in found] + keywords:
        observation.article_id = global_article_id(observation.article_id, before)
    return found, keywords


# --- 4. the final aggregate ---------------------------------------------------------------------------------


def _final(
    records: list[ArticleRecord],
    totals: RunTotals,
    scored: list[tuple[list[tuple[Observation, bool]], list[Observation]]],
    run: RunEvidence,
    known: list[KnownPair],
) -> Extraction:
    counts = run.statistics.text or {}
    observations = with_termhood([found for units, _ in scored for found in units], counts, run.protected)
    observations.extend(found for _, keywords in scored for found in keywords)
    observations.extend(totals.glosses)
    termlist_keys = {zh_key(pair.zh) for pair in known if pair.status != "rejected"}
    frequencies = {
        key: counts[key]
        for key in {observation.zh for observation in observations} | termlist_keys
        if counts.get(key)
    }
    # a run sees its termlists' few hundred pairs tens of thousands of times: each English keyed once, and
    # one evidence dict for all (never changed); their strings are shared already (`SharedValues.sighting`)
    en_keys = {en: english_key(en) for en in {sighting.en for sighting in totals.sightings}}
    listed = {"termlist": 1.0}
    observations.extend(
        sighting.observation(en_keys[sighting.en], listed)
        for sighting in totals.sightings
        if sighting.approved or en_keys[sighting.en] in totals.english_seen
    )
    rejected = {(zh_key(pair.zh), english_key(pair.en)) for pair in known if pair.status == "rejected"}
    observations = [
        observation for observation in observations if (observation.zh, observation.en_key) not in rejected
    ]
    return Extraction(records, aggregate(observations), [], frequencies)
