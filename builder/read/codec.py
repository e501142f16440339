"""The codecs a seed may be read in: names Python knows for text, and the mixed reading.

A sidecar's ``encoding:`` and ``builder/data/alphabets.yaml``'s candidates are checked
against :func:`known_codec`; :data:`MIXED` is the one candidate Python has no codec for.
"""

from __future__ import annotations

import codecs
import re

MIXED = "utf-8+cp1252"
"""UTF-8 with a few bytes of cp1252 pasted in (the reading ftfy would repair)."""

_NOT_FOR_FILES = frozenset(
    {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "mbcs", "oem"}
)


def known_codec(name: str) -> str | None:
    """The canonical name of a text codec Python can decode a seed with, else ``None``."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_FILES:
        return None
    return info.name


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="strict"), error.end


codecs.register_error("anthology-cp1252", _cp1252_bytes)


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


_MAX_PASTED_BYTES = 1000


def could_be_mixed(data: bytes) -> bool:
    """Some UTF-8, and at most a thousand bytes that are not."""
    if not _UTF8_SEQUENCE.search(data):
        return False
    return data.decode("utf-8", errors="replace").count("\ufffd") <= _MAX_PASTED_BYTES


def decode_as(data: bytes, codec: str) -> str:
    """``data`` read in ``codec`` (a Python codec or :data:`MIXED`); strict."""
    if codec == MIXED:
        return data.decode("utf-8", errors="anthology-cp1252")
    return data.decode(codec)
