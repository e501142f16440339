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
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069"),
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
    """Repair mojibake and normalise whitespace; keep typography."""
    fixed, explanation = ftfy.fix_and_explain(text, config=_FTFY_CONFIG)
    fixes: list[str] = []
    for step in explanation or ():
        name = step[1] if step[0] in ("apply", "normalize") else f"{step[0]}:{step[1]}"
        if name not in fixes:
            fixes.append(name)
    fixed = fixed.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    fixed = unicodedata.normalize("NFC", fixed)
    fixed = "\n".join(line.rstrip() for line in fixed.expandtabs(4).split("\n"))
    fixed = _MANY_BLANK_LINES.sub("\n\n", fixed).strip("\n")
    return Cleaned(fixed + "\n" if fixed else "", tuple(fixes))
