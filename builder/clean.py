"""Text -> clean text: mojibake repaired by ftfy, curly quotes kept, NFC, ``\\n`` endings.

Cleaning is idempotent (``clean(clean(x).text).text == clean(x).text``), and it keeps
ftfy's explanation of what it changed so each page can show its provenance.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy

# ftfy's defaults straighten curly quotes; a literary site keeps them.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=True)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Characters that reorder or hide text: never meaningful in a story, and a spoofing risk.
_INVISIBLE = dict.fromkeys(
    map(
        ord, "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    ),
    None,
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
        fixed, explanation = ftfy.fix_and_explain(current, config=_FTFY_CONFIG)
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


def _tidy(text: str) -> str:
    """``\n`` line endings, NFC, no invisible characters or trailing spaces, one final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.expandtabs(4).split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""
