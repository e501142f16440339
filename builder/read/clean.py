"""Text -> clean text: mojibake repaired by ftfy, curly quotes kept, NFC, ``\\n`` endings.

Cleaning is idempotent (``clean(clean(x).text).text == clean(x).text``), and it keeps
ftfy's explanation of what it changed so each page can show its provenance.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

from builder.read.mojibake import may_be_mojibake

# ftfy's defaults straighten curly quotes; a literary site keeps them.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=True)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Characters that reorder or hide text: never meaningful in a story, and a spoofing risk.
# (A regex, not str.translate: translating a whole story char by char through a dict is
# slow, and almost every story has none of them.)
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069]"
)


@dataclass(frozen=True)
class Cleaned:
    """A story's clean text and the named fixes that produced it."""

    text: str
    """NFC text, ``\\n`` line endings, no trailing spaces, ending in one newline."""
    fixes: tuple[str, ...]
    """ftfy's names for what it changed, in order, without repeats (``fix_c1_controls``...)."""


def clean(text: str) -> Cleaned:
    """Repair mojibake and normalise whitespace; keep typography.

    Whitespace is tidied before and after ftfy, and the pair repeated until nothing
    changes (at most a few rounds), because each can expose work for the other: a tab
    after ``Â`` becomes spaces that ftfy then reads as a mangled no-break space.
    """
    fixes: list[str] = []
    current = _tidy(text)
    for _ in range(_MAX_ROUNDS):
        fixed, explanation = _fix_and_explain(current)
        for step in explanation or ():
            name = step[1] if step[0] in ("apply", "normalize") else f"{step[0]}:{step[1]}"
            if name not in fixes:
                fixes.append(name)
        fixed = _tidy(fixed)
        if fixed == current:
            break
        current = fixed
    return Cleaned(current, tuple(fixes))


_MAX_ROUNDS = 4

# ftfy's fixers that pass the whole text through a translation table (Latin ligatures,
# full-width forms, control characters) take a third of its time, and change nothing in
# a text without the tables' characters. So ftfy first runs without them: when that run
# changes nothing and the text has none of those characters, the full run would have
# seen the same text at every step, so its result is the same.
_TABLE_FIXERS = {
    "fix_latin_ligatures": LIGATURES,
    "fix_character_width": WIDTH_MAP,
    "remove_control_chars": CONTROL_CHARS,
}
_FTFY_WITHOUT_TABLES = _FTFY_CONFIG._replace(**dict.fromkeys(_TABLE_FIXERS, False))
_TABLE_CHARACTERS = re.compile(
    "[" + "".join(re.escape(chr(c)) for table in _TABLE_FIXERS.values() for c in table) + "]"
)


# Likewise ftfy's mojibake repair changes nothing in a text its badness pattern finds
# nothing in, and that search over a whole story is most of ftfy's time: a text that
# cannot hold a match (builder/read/mojibake.py) is first run without it.
_FTFY_QUICKEST = _FTFY_WITHOUT_TABLES._replace(fix_encoding=False)


def _fix_and_explain(text: str) -> ftfy.ExplainedText:
    """``ftfy.fix_and_explain`` with :data:`_FTFY_CONFIG`, skipping the table fixers and
    the mojibake repair when they cannot change anything."""
    if not _TABLE_CHARACTERS.search(text):
        quick_config = _FTFY_WITHOUT_TABLES if may_be_mojibake(text, BADNESS_RE) else _FTFY_QUICKEST
        quick = ftfy.fix_and_explain(text, config=quick_config)
        if not quick.explanation and quick.text == text:
            return quick
    return ftfy.fix_and_explain(text, config=_FTFY_CONFIG)


def _tidy(text: str) -> str:
    """``\n`` line endings, NFC, no invisible characters or trailing spaces, one final newline."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.expandtabs(4).split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""
