"""Bytes -> text, choosing the encoding the way a careful human would.

A byte-order mark wins; otherwise strict UTF-8; only when the bytes are not valid UTF-8
do we fall back to a legacy 8-bit codec (the cp1252 family), and say so. Valid UTF-8 is
never re-guessed into another codec: statistical detectors happily read short English
UTF-8 as Cyrillic, and that would be silent data loss.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

from builder.errors import AnthologyError, Problem

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a seed's bytes, with how it was decoded."""

    text: str
    """The decoded text, BOM removed, line endings untouched."""
    encoding: str
    """The codec used, e.g. ``utf-8``, ``utf-8-sig``, ``cp1252``."""
    warnings: tuple[Problem, ...] = ()
    """Anything a human should know, e.g. that a legacy codec was guessed."""


def decode(data: bytes, source: str) -> Decoded:
    """Decode a seed's bytes; raise :class:`AnthologyError` for binary input."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise AnthologyError(
                    Problem(
                        source,
                        f"starts with a {codec} byte-order mark but is not valid {codec} "
                        f"(byte {exc.start}); re-save it as UTF-8",
                        _line_of(data, exc.start),
                    )
                ) from exc
            name = "utf-8-sig" if codec == "utf-8" else codec
            return Decoded(text, name)
    if b"\x00" in data:
        raise AnthologyError(
            Problem(
                source,
                "contains NUL bytes, so it is binary, not a text story; "
                "save the story as plain text (UTF-8)",
                _line_of(data, data.index(b"\x00")),
            )
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    codec = _guess_legacy(data)
    text = data.decode(codec, errors="replace")
    warning = Problem(
        source,
        f"is not valid UTF-8 (first bad byte 0x{data[first_bad]:02x}); read it as {codec}. "
        "Re-save the file as UTF-8 to silence this warning",
        _line_of(data, first_bad),
        severity="warning",
    )
    return Decoded(text, codec, (warning,))


def _guess_legacy(data: bytes) -> str:
    """cp1252 (what word processors wrote) unless the text is plainly Cyrillic (cp1251).

    Detectors are unreliable on a few bytes of Western text (they pick cp1250 for a lone
    ``é``), so they are asked one question only: is this Russian-style legacy text?
    """
    best = charset_normalizer.from_bytes(data, cp_isolation=["cp1252", "cp1251"]).best()
    if best is not None and best.encoding == "cp1251" and best.chaos < 0.1:
        return "cp1251"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"  # cp1252 leaves five bytes undefined; latin-1 reads every byte
    return "cp1252"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
