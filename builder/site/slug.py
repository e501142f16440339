"""Readable, stable URL slugs for any script: transliterate, then keep ``[a-z0-9-]``."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """``"Aurélie Gagné-Thériault"`` -> ``"aurelie-gagne-theriault"``; never empty.

    Non-Latin scripts are transliterated (``"Анна Павлова"`` -> ``"anna-pavlova"``), so no
    letter is silently dropped; text with nothing to transliterate falls back to its
    code points, which is ugly but stable and unique.
    """
    text = unicodedata.normalize("NFC", text)
    slug = _NOT_SLUG.sub("-", anyascii(text).lower()).strip("-")
    if slug:
        return slug
    visible = [c for c in text if not c.isspace()]
    return "u" + "-".join(f"{ord(c):x}" for c in visible) if visible else "untitled"


def unique_slugs(wanted: list[str], reserved: frozenset[str] = frozenset()) -> list[str]:
    """Make slugs unique in order: the second ``anna`` becomes ``anna-2``, and so on."""
    taken: set[str] = set(reserved)
    result = []
    for slug in wanted:
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            candidate = f"{slug}-{n}"
        taken.add(candidate)
        result.append(candidate)
    return result
