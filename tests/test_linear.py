"""Reading a seed costs work linear in its size, whatever the shape of its text (issue 10).

Speed itself is measured by `make bench` (bench/shapes.py), never asserted here; these
tests assert the structure that keeps it linear, with deterministic measures:

* no sentence the extractor reads is longer than ``MAX_SENTENCE``, however the text runs
  (no full stop, one endless line, one word), so the work per sentence is bounded;
* the number of function calls the extractor makes per character does not grow when
  the text grows fourfold (a loop over every earlier sentence or person would).
"""

from __future__ import annotations

import cProfile
import importlib
import importlib.util
import pkgutil
import pstats
from types import ModuleType

import pytest

import builder.extract
from builder.extract.extractor import extract
from builder.extract.text import MAX_SENTENCE, split_sentences
from tests.conftest import ROOT


def _load_shapes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shapes", ROOT / "bench" / "shapes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shapes = _load_shapes()
SHAPES = ["ordinary prose", *shapes.shape_texts(100)]


def _text(shape: str, size: int) -> str:
    if shape == "ordinary prose":
        return shapes.prose(size)
    return shapes.shape_texts(size)[shape]


def _clear_sentence_caches() -> None:
    """Forget every per-sentence result, so each count starts from the same state
    (the caches keyed by the gazetteer alone, unbounded, are kept)."""
    for info in pkgutil.iter_modules(builder.extract.__path__):
        module = importlib.import_module(f"builder.extract.{info.name}")
        for value in vars(module).values():
            cache_info = getattr(value, "cache_info", None)
            if cache_info is not None and cache_info().maxsize is not None:
                value.cache_clear()


def _calls(text: str) -> int:
    """Function calls (Python and C) made to extract the metadata of ``text``."""
    _clear_sentence_caches()
    profile = cProfile.Profile()
    profile.enable()
    extract(text)
    profile.disable()
    return pstats.Stats(profile).total_calls


@pytest.mark.parametrize("shape", SHAPES)
def test_no_sentence_is_longer_than_the_bound(shape: str) -> None:
    sentences = split_sentences(_text(shape, 60_000))
    assert sentences
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE


def test_ordinary_sentences_are_not_cut() -> None:
    """The bound is far above real sentences: a long one stays whole, cited verbatim."""
    long = (
        "In the spring of 2019, after eleven seasons in which she had danced almost every "
        "lead the repertory held, from the Sylph to Manon, and after a winter of injuries "
        "that had kept her in the physiotherapy room for months, she was finally named "
        "principal of the company, on the stage of the theatre where she had first watched "
        "a ballet as a child of six, holding her grandmother's hand in the gallery."
    )
    assert [s.text for s in split_sentences(long)] == [long]


def test_a_long_run_is_cut_at_a_clause_break_and_loses_no_word() -> None:
    clause = "she danced and she taught and she wrote, "
    text = clause * 100
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(s.text.endswith(",") for s in sentences[:-1])
    assert " ".join(s.text for s in sentences).split() == text.split()


@pytest.mark.parametrize("shape", SHAPES)
def test_work_per_character_does_not_grow_with_the_text(shape: str) -> None:
    """Four times the text costs at most about four times the calls (linear is 4.0;
    the slack covers fixed costs counted in different places, not a square)."""
    small, large = _calls(_text(shape, 8_000)), _calls(_text(shape, 32_000))
    assert large <= 4.4 * small, f"{shape}: {small} calls, then {large} for 4x the text"
