"""The quick mojibake test (builder/read/mojibake.py) says what ftfy's own search says."""

from __future__ import annotations

import random
import re

from ftfy.badness import BADNESS_RE

from builder.read.mojibake import _bounded, may_be_mojibake


def test_ftfys_pattern_can_be_searched_in_windows() -> None:
    """Else every story is searched whole again (correct, but the time is back)."""
    assert _bounded(BADNESS_RE) is not None


def test_it_agrees_with_ftfy_on_texts_made_of_the_patterns_characters() -> None:
    rng = random.Random(7)
    chars = sorted({c for c in BADNESS_RE.pattern if ord(c) > 127}) + list("aZ ,.?!\n'\"-0")
    for _ in range(20_000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        assert may_be_mojibake(text, BADNESS_RE) == bool(BADNESS_RE.search(text)), repr(text)
    prose = "She joined the company in 2001, and later danced Giselle. " * 3
    for at in range(0, len(prose), 7):
        for bad in ("â€™", "Ã©", "Â ", "Ã"):
            text = prose[:at] + bad + prose[at:]
            assert may_be_mojibake(text, BADNESS_RE) == bool(BADNESS_RE.search(text))
    assert may_be_mojibake("Ã ok", BADNESS_RE)  # the one anchored case: at the start


def test_a_pattern_it_cannot_bound_is_searched_whole() -> None:
    for pattern in (r"é$", r"\bé", r"(?<=a)é", r"a", r"é", r"(?i)K"):
        compiled = re.compile(pattern)
        if pattern in (r"é",):
            assert _bounded(compiled) == 1
        else:
            assert _bounded(compiled) is None, pattern
        for text in ("", "a", "é", "xé", "éx", "K", "k", "aé"):
            assert may_be_mojibake(text, compiled) == bool(compiled.search(text))
