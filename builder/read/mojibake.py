"""Whether ftfy's badness pattern can find anything in a text, without searching it all.

ftfy repairs mojibake only where its badness pattern matches, and searching a whole
story for it is most of ftfy's time. Every match of that pattern is short and holds a
character outside ASCII (mojibake is made of them), and the pattern looks at nothing
around its match (no boundaries or lookarounds; its one anchor is the text's start).
So a text can hold a match only near one of its non-ASCII characters, and searching
those stretches alone says exactly what searching the whole text says. :func:`_bounded`
checks those properties on the pattern itself, once: if a version of ftfy breaks one,
the whole text is searched.
"""

from __future__ import annotations

import functools
import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MAX_WIDTH = 16
"""The longest match the window search allows for (ftfy's is 7 characters)."""


def may_be_mojibake(text: str, badness: re.Pattern[str]) -> bool:
    """``bool(badness.search(text))``: searched only around non-ASCII characters when
    the pattern allows it (see the module's docstring)."""
    width = _bounded(badness)
    if width is None:
        return badness.search(text) is not None
    end = -1
    for char in _NON_ASCII.finditer(text):
        at = char.start()
        if at < end:
            continue  # inside the stretch just searched
        start, end = max(0, at - width + 1), at + width
        # Stretch the window over the non-ASCII characters that follow closely.
        while (following := _NON_ASCII.search(text, end - width + 1, end)) is not None and (
            following.start() >= end - width + 1
        ):
            end = following.start() + width
        if badness.search(text, start, end) is not None:
            return True
    return False


@functools.cache
def _bounded(pattern: re.Pattern[str]) -> int | None:
    """The longest match of ``pattern`` when every match holds a non-ASCII character and
    nothing outside the match decides it; ``None`` otherwise (or when unsure)."""
    if pattern.flags & (re.IGNORECASE | re.MULTILINE | re.ASCII) or not isinstance(
        pattern.pattern, str
    ):
        return None  # with IGNORECASE a non-ASCII letter can match an ASCII one ("K")
    try:
        parsed = parser.parse(pattern.pattern, pattern.flags)
        longest = parsed.getwidth()[1]
    except Exception:  # an unknown parser: search the whole text
        return None
    if longest > _MAX_WIDTH or not _self_contained(list(parsed)):
        return None
    return longest if _needs_non_ascii(list(parsed)) else None


def _self_contained(items: list[Any]) -> bool:
    """No boundary, lookaround or back reference anywhere, and no anchor but the text's
    beginning (which a search from a later position never matches, and a window
    starting at 0 sees as the whole text does)."""
    for op, av in items:
        if op is sre.AT and av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF, sre.GROUPREF_EXISTS):
            return False
        if op is sre.BRANCH and not all(_self_contained(list(b)) for b in av[1]):
            return False
        if op is sre.SUBPATTERN and not _self_contained(list(av[-1])):
            return False
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP):
            inner = av if op is sre.ATOMIC_GROUP else av[2]
            if not _self_contained(list(inner)):
                return False
    return True


def _needs_non_ascii(items: list[Any]) -> bool:
    """True when every match of the sequence ``items`` holds a non-ASCII character: one
    of its items must match and admits only non-ASCII characters (or is a group or a
    branch each of whose ways does)."""
    for op, av in items:
        if op is sre.LITERAL and av > 0x7F:
            return True
        if op is sre.IN and _only_non_ascii(av):
            return True
        if op is sre.BRANCH and all(_needs_non_ascii(list(b)) for b in av[1]):
            return True
        if op is sre.SUBPATTERN and _needs_non_ascii(list(av[-1])):
            return True
        repeat = op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
        if repeat and av[0] >= 1 and _needs_non_ascii(list(av[2])):
            return True
    return False


def _only_non_ascii(members: list[Any]) -> bool:
    """True for a character class made only of non-ASCII characters and ranges."""
    for kind, value in members:
        if kind is sre.LITERAL and value > 0x7F:
            continue
        if kind is sre.RANGE and value[0] > 0x7F:
            continue
        return False  # an ASCII member, a category or a negation: not provably
    return True
