"""The signs that one decoded word is a misreading, and which languages write it.

A misreading shows in its words: C1 control characters, symbols inside words
(``Mureºan``), quotes facing the wrong way (``Zo‘``), two scripts in one word
(``Dvoшбkovб``), case flipping inside a word (``OpŽra``, ``рБЧЛПЧБ``), a Latin word of
accented letters only (``Ïàâëîâà``), letters no single language combines
(``Dvoøáková``). The letters and where they go are data (:mod:`builder.read.alphabets`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping

from builder.read.alphabets import Alphabets

# Costs of what a misreading looks like (measured on bench/encodings.py's corpus).
_HARD = 4.0
"""A word no language writes (any of the signs in the module docstring)."""
_CONTROL = 10.0
"""A control, unassigned or private-use character: no text has one."""

_OPENING = frozenset("“‘„‚«‹¿¡")
_CLOSING = frozenset("”»›")
_DASHES = frozenset("–—‒―")
_WORD_PUNCTUATION = frozenset("’…")

ANY_LANGUAGE = frozenset({"*"})
"""What a word of ASCII letters fits: every language writes it."""
_NO_LANGUAGE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=65536)
def word_cost(word: str, model: Alphabets) -> tuple[float, bool, frozenset[str]]:
    """What one whitespace-separated word costs, whether it is implausible, and which
    languages write it."""
    cost = 0.0
    signs = 0
    scripts: set[str] = set()
    beyond_ascii: set[str] = set()
    ascii_letters = 0
    previous = ""
    length = len(word)
    for index, char in enumerate(word):
        following = word[index + 1] if index + 1 < length else ""
        if char.isascii():
            if char.isalpha():
                scripts.add("latin")
                ascii_letters += 1
        elif char in model.script_of:
            scripts.add(model.script_of[char])
            beyond_ascii.add(char)
        elif char in _OPENING:
            signs += previous.isalnum()  # an opening quote after a letter: Zo‘
        elif char in _CLOSING:
            signs += following.isalnum()  # a closing quote before a letter: N”mes
        elif char in _DASHES:
            signs += _splits_a_letter_off(word, index)  # Pe–a, Le—n (Mac ñ, ó as cp1252)
        elif char in _WORD_PUNCTUATION:
            pass
        elif unicodedata.category(char)[0] == "C" or char == "\ufffd":
            cost += _CONTROL
            signs += 1
        else:  # a symbol, or a letter no language here writes
            signs += previous.isalpha() or following.isalpha()
        if char.isupper() and previous.islower() and not (char + previous).isascii():
            signs += 1  # the case flips inside a word: OpŽra, рБЧЛПЧБ
        previous = char
    if len(scripts) > 1:
        signs += 1
    if beyond_ascii:
        if "latin" in scripts and ascii_letters == 0 and len(beyond_ascii) >= 2:
            signs += sum(1 for c in word if c in beyond_ascii) >= 3  # Ïàâëîâà
        if _two_capitals_then_lower(word, beyond_ascii):
            signs += 1  # ZŸrich, CŽcile
        fits = _languages_writing(word.lower(), beyond_ascii, model)
        signs += not fits
    else:
        fits = ANY_LANGUAGE
    return cost + _HARD * signs, signs > 0, fits


def _languages_writing(word: str, beyond_ascii: set[str], model: Alphabets) -> frozenset[str]:
    """The languages that write all these letters, in these places."""
    fits: frozenset[str] | None = None
    for char in beyond_ascii:
        writing = model.languages_of.get(char, _NO_LANGUAGE)
        fits = writing if fits is None else fits & writing
        if not fits:
            return _NO_LANGUAGE
    assert fits is not None
    for language in fits & model.ruled:
        before = model.only_before.get(language, {})
        after = model.not_after.get(language, {})
        first = model.only_first.get(language, frozenset())
        not_first = model.never_first.get(language, frozenset())
        letters_only = "".join(c for c in word if c.isalpha())
        if (
            (first and any(c in first for c in letters_only[1:]))
            or (not_first and letters_only[:1] in not_first)
            or not _follows_rules(word, before, after)
        ):
            fits = fits - {language}
    return fits


def _follows_rules(
    word: str,
    only_before: Mapping[str, frozenset[str]],
    not_after: Mapping[str, frozenset[str]],
) -> bool:
    for index, char in enumerate(word):
        if char in only_before and index + 1 < len(word):
            following = word[index + 1]
            if following.isalpha() and following not in only_before[char]:
                return False
        if char in not_after and index and word[index - 1] in not_after[char]:
            return False
    return True


def _splits_a_letter_off(word: str, index: int) -> bool:
    """A dash between letters that leaves a single letter on one side."""
    left = re.search(r"[^\W\d_]+\Z", word[:index])
    right = re.match(r"[^\W\d_]+", word[index + 1 :])
    return bool(left and right) and min(len(left.group()), len(right.group())) == 1


def _two_capitals_then_lower(word: str, beyond_ascii: set[str]) -> bool:
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) >= 3
        and letters[0].isupper()
        and letters[1].isupper()
        and letters[2].islower()
        and (letters[0] in beyond_ascii or letters[1] in beyond_ascii)
    )


def is_loanword(word: str, model: Alphabets) -> bool:
    """A lower-case word with only the accents English borrows (première, café): it says
    nothing about the language of the names around it."""
    letters = [c for c in word if c.isalpha()]
    return (
        bool(letters)
        and letters[0].islower()
        and all(c.isascii() or c in model.loanword_letters for c in letters)
    )
