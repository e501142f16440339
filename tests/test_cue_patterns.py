"""The quick cue patterns (``builder.extract.text.word_cues``) find what ``\\b(?:...)`` finds.

A quick pattern passes over every position whose character is not one of the letters it
was given, so a letter missing from that list would silently lose a cue. Each pattern's
alternatives are parsed, and every character any of them can start with must be there.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

import pytest

import builder.extract
from builder.extract.text import word_cues

ANY = None
"""What a pattern element starts with when it can start with any character."""


def _starts(items: list) -> tuple[set[str] | None, bool]:
    """(the characters a sequence of parsed items can start with, whether it can match
    the empty string)."""
    found: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the next item says what comes first
        if op is sre.LITERAL:
            return found | {chr(av)}, False
        if op is sre.IN:
            chars = set()
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE:
                    chars |= {chr(c) for c in range(value[0], value[1] + 1)}
                else:
                    return ANY, False
            return found | chars, False
        if op is sre.BRANCH:
            starts = [_starts(list(branch)) for branch in av[1]]
            if any(s is ANY for s, _ in starts):
                return ANY, False
            found |= set().union(*(s for s, _ in starts))
            if not any(empty for _, empty in starts):
                return found, False
            continue
        if op is sre.SUBPATTERN:
            inner, empty = _starts(list(av[-1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner, empty = _starts(list(av[2]))
            empty = empty or av[0] == 0
        else:
            return ANY, False
        if inner is ANY:
            return ANY, False
        found |= inner
        if not empty:
            return found, False
    return found, True


def _quick_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled ``word_cues`` pattern held by a module of builder.extract."""
    found = []
    for info in pkgutil.iter_modules(builder.extract.__path__):
        module = importlib.import_module(f"builder.extract.{info.name}")
        for name, value in vars(module).items():
            values = value if isinstance(value, tuple) else (value,)
            for item in values:
                for candidate in item if isinstance(item, tuple) else (item,):
                    if isinstance(candidate, re.Pattern) and candidate.pattern.startswith("(?=["):
                        found.append((f"{info.name}.{name}", candidate))
    return found


QUICK = _quick_patterns()


def test_the_cue_patterns_are_found() -> None:
    names = {name for name, _ in QUICK}
    assert {"company_cues.CUE_PATTERN", "signature._CUES"} <= names


@pytest.mark.parametrize("pattern", [p for _, p in QUICK], ids=[n for n, _ in QUICK])
def test_every_first_letter_is_listed(pattern: re.Pattern[str]) -> None:
    items = list(parser.parse(pattern.pattern, pattern.flags))
    assert items[0][0] is sre.ASSERT  # the lookahead on the first letters
    listed, _ = _starts(list(items[0][1][1]))
    starts, empty = _starts(items[2:])
    assert listed is not ANY and starts is not ANY and not empty
    missing = {c for c in starts if c.lower() not in {x.lower() for x in listed}}
    assert not missing, f"{pattern.pattern[:60]}... can start with {sorted(missing)}"


def test_the_check_fails_on_a_missing_letter() -> None:
    pattern = word_cues(r"principal|(?:lead|senior)\s+soloist", "ps")
    items = list(parser.parse(pattern.pattern, pattern.flags))
    starts, _ = _starts(items[2:])
    assert starts == {"p", "l", "s"}


@pytest.mark.parametrize("pattern", [p for _, p in QUICK], ids=[n for n, _ in QUICK])
def test_it_matches_as_a_word_boundary_would(pattern: re.Pattern[str]) -> None:
    plain = re.compile(r"\b(?:" + pattern.pattern.split(r"(?<!\w)(?:", 1)[1], pattern.flags)
    texts = [
        "She joined the Royal Ballet as a Principal in 2001 and was promoted to étoile.",
        "SOLOIST, co-principal,2principal; her signature role, her celebrated Giselle.",
        "Her breakthrough came when she was cast as Aurora in the title role of Giselle.",
        "She is best known for the role with which she is most identified: Odette.",
    ]
    for text in texts:
        quick = [(m.span(), m.lastindex) for m in pattern.finditer(text)]
        assert quick == [(m.span(), m.lastindex) for m in plain.finditer(text)]


def _covered(items: list, needs: tuple[str, ...]) -> bool:
    """True when every match of the parsed ``items`` holds one of ``needs``: a run of
    literal letters that must match holds one, or a group or branch that must match is
    covered in each of its alternatives."""
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            if any(need in run for need in needs):
                return True
            continue
        run = ""
        if op is sre.SUBPATTERN and _covered(list(av[-1]), needs):
            return True
        if op is sre.BRANCH and all(_covered(list(branch), needs) for branch in av[1]):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and _covered(list(av[2]), needs):
            return True
    return False


def test_a_sentence_without_the_needed_words_holds_no_signature_cue() -> None:
    """signature.py scans a sentence for a cue only when it holds one of its words."""
    from builder.extract.signature import _CUES

    for pattern, _, needs in _CUES:
        items = list(parser.parse(pattern.pattern, pattern.flags))
        assert _covered(items[2:], needs), pattern.pattern[:60]
    assert not _covered(list(parser.parse("most|best", 0)), ("most",))


def test_a_sentence_without_a_rank_word_holds_no_cue_that_counts_alone() -> None:
    """company.py scans a sentence naming no company only when it holds a rank word:
    every cue that counts for her current company must hold one."""
    from builder.extract.company_cues import CUES as _CUES
    from builder.extract.company_cues import RANK_WORDS as _RANK_WORDS

    for pattern, _, carries in _CUES:
        if carries:
            items = list(parser.parse(pattern, re.IGNORECASE))
            assert _covered(items, _RANK_WORDS), pattern[:60]
