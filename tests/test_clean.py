"""Clean text: mojibake repaired, typography kept, idempotent."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from builder.read.clean import clean
from tests.conftest import SEEDS


def test_mojibake_is_repaired_and_explained() -> None:
    cleaned = clean("The patron’s generosity proved to be just what she needed â€“ freedom.")
    assert "needed – freedom" in cleaned.text
    assert cleaned.fixes, "what ftfy changed is kept for the page's provenance"


def test_curly_quotes_and_dashes_are_kept() -> None:
    text = "“Be a girl first,” she said — and smiled. It’s hers.\n"
    assert clean(text).text == text


def test_line_endings_and_normal_form() -> None:
    decomposed = unicodedata.normalize("NFD", "Thériault")
    cleaned = clean(f"One\r\nTwo\rThree {decomposed}\n\n\n\nFour  \n")
    assert cleaned.text == "One\nTwo\nThree Thériault\n\nFour\n"


def test_bidi_overrides_and_zero_width_characters_are_removed() -> None:
    assert clean("Ann\u200ba \u202eKarenina\u202c").text == "Anna Karenina\n"


def test_seed_001_mojibake_is_repaired() -> None:
    raw = (SEEDS / "001_f72344546bfd870f.txt").read_text(encoding="utf-8")
    assert "â€“" in raw, "the seed keeps its flaw on disk"
    cleaned = clean(raw)
    assert "â€" not in cleaned.text
    assert "needed – the freedom" in cleaned.text


@given(st.text())
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


def test_cleaning_the_seeds_twice_changes_nothing() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        once = clean(seed.read_text(encoding="utf-8")).text
        assert clean(once).text == once, seed.name
