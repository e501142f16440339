"""Bytes -> text, choosing the encoding the way a careful human would.

A byte-order mark wins; then strict UTF-8, which is never re-guessed (statistical
detectors happily read short English UTF-8 as Cyrillic, and that would be silent data
loss). Only bytes that are not UTF-8 are guessed, and the guess is said out loud:

* NUL bytes at every other position are UTF-16 without a byte-order mark, not binary;
* otherwise every candidate legacy codec (``builder/data/alphabets.yaml``, read by
  :mod:`builder.read.alphabets`) decodes the words that hold non-ASCII bytes, and the
  reading whose words look most like words wins (:mod:`builder.read.readings`). A
  misreading shows in its words (:mod:`builder.read.misreading`): symbols inside words
  (``Mureºan``), two scripts in one word (``Dvoшбkovб``), letters no single language
  combines (``Dvoøáková``). Words the gazetteer knows (``Kraków``) settle near-ties.

When even the best reading is implausible, the seed is an error, not mojibake; a sidecar
key ``encoding:`` forces a codec (:func:`decode`'s ``encoding``).
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from builder.errors import AnthologyError, Problem
from builder.read.alphabets import packaged_alphabets
from builder.read.codec import decode_as
from builder.read.misreading import word_cost
from builder.read.readings import ranked_readings

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MOSTLY_IMPLAUSIBLE = 0.25
"""Above this share of implausible words, even the best reading is refused."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a seed's bytes, with how it was decoded."""

    text: str
    """The decoded text, BOM removed, line endings untouched."""
    encoding: str
    """The codec used, e.g. ``utf-8``, ``utf-8-sig``, ``cp1252``."""
    warnings: tuple[Problem, ...] = ()
    """Anything a human should know, e.g. that a legacy codec was guessed."""


def decode(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Decode a seed's bytes; raise :class:`AnthologyError` for binary or implausible input.

    ``encoding`` (from the sidecar) forces a codec: no guess, no warning.
    """
    if encoding is not None:
        return _forced(data, source, encoding)
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
        return _utf16_or_binary(data, source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _legacy(data, source, first_bad)


def sidecar_of(source: str) -> str:
    """Where a seed's sidecar is, as the user would type it (for fixes in messages)."""
    stem = source[: -len(".txt")] if source.endswith(".txt") else source
    return f"{stem}.yaml"


def _forced(data: bytes, source: str, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise AnthologyError(
            Problem(
                source,
                f"is not valid {encoding} (byte 0x{data[exc.start]:02x}), the codec "
                f"`encoding:` in {sidecar_of(source)} names; correct or remove that key, "
                "or re-save the file as UTF-8",
                _line_of(data, exc.start),
            )
        ) from exc
    return Decoded(text.removeprefix("\ufeff"), encoding)


def _utf16_or_binary(data: bytes, source: str) -> Decoded:
    """UTF-16 without a BOM has NULs at alternate positions (the high bytes of ASCII)."""
    half = len(data) // 2
    if len(data) >= 4 and len(data) % 2 == 0:
        zeros_at_even, zeros_at_odd = data[0::2].count(0), data[1::2].count(0)
        for codec, label, zeros, others in (
            ("utf-16-le", "UTF-16 LE", zeros_at_odd, zeros_at_even),
            ("utf-16-be", "UTF-16 BE", zeros_at_even, zeros_at_odd),
        ):
            if zeros < half * 0.05 or others * 50 > zeros:
                continue
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            if _looks_like_text(text):
                warning = Problem(
                    source,
                    f"is {label} without a byte-order mark; read it as {codec}. "
                    "Re-save the file as UTF-8 to silence this warning",
                    1,
                    severity="warning",
                )
                return Decoded(text, codec, (warning,))
            break
    raise AnthologyError(
        Problem(
            source,
            "contains NUL bytes, so it is binary, not a text story; "
            "save the story as plain text (UTF-8)",
            _line_of(data, data.index(b"\x00")),
        )
    )


def _looks_like_text(text: str) -> bool:
    """No controls but line breaks and tabs, nothing unassigned or private, mostly letters."""
    for char in set(text):
        category = unicodedata.category(char)
        if category in ("Cc", "Cn", "Co", "Cs") and char not in "\t\n\r\f":
            return False
    letters = sum(1 for char in text if char.isalpha())
    return letters * 2 >= len(text.replace(" ", ""))


def _legacy(data: bytes, source: str, first_bad: int) -> Decoded:
    readings = ranked_readings(data)
    best = readings[0]
    runner_up = next((r for r in readings[1:] if r.words != best.words), None)
    if best.implausible and best.implausible > len(best.words) * _MOSTLY_IMPLAUSIBLE:
        offset = best.first_implausible if best.first_implausible is not None else first_bad
        example = next(w for w in best.words if word_cost(w, packaged_alphabets())[1])
        raise AnthologyError(
            Problem(
                source,
                f"is not valid UTF-8, and no codec reads it as plausible text (the best, "
                f"{best.codec}, gives words like {example!r}); if you know its codec, add "
                f"`encoding: <codec>` (e.g. `encoding: cp1250`) to {sidecar_of(source)}, "
                "or re-save the file as UTF-8",
                _line_of(data, offset),
            )
        )
    codec = best.codec
    text = decode_as(data, codec)
    other = f" (runner-up: {runner_up.codec})" if runner_up else ""
    warning = Problem(
        source,
        f"is not valid UTF-8 (first bad byte 0x{data[first_bad]:02x}); read it as {codec}, "
        f"the most plausible reading{other}. If names look wrong, force the codec with "
        f"`encoding: {runner_up.codec if runner_up else codec}` (or the right one) in "
        f"{sidecar_of(source)}; or re-save the file as UTF-8 to silence this warning",
        _line_of(data, first_bad),
        severity="warning",
    )
    return Decoded(text, codec, (warning,))


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
