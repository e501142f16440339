"""Bytes -> text, choosing the encoding the way a careful human would.

A byte-order mark wins; then strict UTF-8, which is never re-guessed (statistical
detectors happily read short English UTF-8 as Cyrillic, and that would be silent data
loss). Only bytes that are not UTF-8 are guessed, and the guess is said out loud:

* NUL bytes at every other position are UTF-16 without a byte-order mark, not binary;
* otherwise every candidate legacy codec (``builder/data/alphabets.yaml``) decodes the
  words that hold non-ASCII bytes, and the reading whose words look most like words wins.
  A misreading shows in its words: C1 control characters, symbols inside words
  (``Mureºan``), quotes facing the wrong way (``Zo‘``), two scripts in one word
  (``Dvoшбkovб``), case flipping inside a word (``OpŽra``, ``рБЧЛПЧБ``), a Latin word of
  accented letters only (``Ïàâëîâà``), letters no single language combines
  (``Dvoøáková``). Words the gazetteer knows (``Kraków``) settle near-ties.

When even the best reading is implausible, the seed is an error, not mojibake; a sidecar
key ``encoding:`` forces a codec (:func:`decode`'s ``encoding``).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.errors import AnthologyError, Problem

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALPHABETS = Path(__file__).parent.parent / "data" / "alphabets.yaml"

# Words holding a byte beyond ASCII: the only place legacy codecs differ (all candidates
# agree on ASCII). A word is cut at 32 bytes either side of such a byte, and only the
# first distinct words up to a budget of bytes (and of occurrences) are scored: a few
# hundred words are ample evidence, and the cost stays bounded whatever the seed's size
# or shape.
_BEYOND_ASCII = re.compile(rb"[\x80-\xff]+")
_WORD_TAIL = re.compile(rb"\S*\Z")
_REACH = 32
_WORD_HEAD = re.compile(rb"\S{0,%d}" % _REACH)
_ASCII = bytes(range(128))
_WORD_BYTES_BUDGET = 2048
_MAX_OCCURRENCES = 5000

# Costs of what a misreading looks like (measured on bench/encodings.py's corpus).
_HARD = 4.0
"""A word no language writes (any of the signs in the module docstring)."""
_CONTROL = 10.0
"""A control, unassigned or private-use character: no text has one."""
_UNCOVERED = 0.5
"""A word outside the one language that writes most of the seed's words."""
_KNOWN_WORD = 1.0
"""Bonus for a word the gazetteer knows (``Kraków``, ``Coppélia``)."""
_MOSTLY_IMPLAUSIBLE = 0.25
"""Above this share of implausible words, even the best reading is refused."""

_OPENING = frozenset("“‘„‚«‹¿¡")
_CLOSING = frozenset("”»›")
_DASHES = frozenset("–—‒―")
_WORD_PUNCTUATION = frozenset("’…")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a seed's bytes, with how it was decoded."""

    text: str
    """The decoded text, BOM removed, line endings untouched."""
    encoding: str
    """The codec used, e.g. ``utf-8``, ``utf-8-sig``, ``cp1252``."""
    warnings: tuple[Problem, ...] = ()
    """Anything a human should know, e.g. that a legacy codec was guessed."""


@dataclass(frozen=True, eq=False)  # hashed by identity: it keys the word cache
class _Model:
    """The data the scorer reads: candidates with priors, and letters by language."""

    priors: Mapping[str, float]
    languages: Mapping[str, frozenset[str]]
    """Language -> its letters beyond ASCII, both cases."""
    script_of: Mapping[str, str]
    """Letter -> script, for every letter some language writes."""
    known_words: frozenset[str]
    """Words with letters beyond ASCII that the gazetteer knows."""
    only_before: Mapping[str, Mapping[str, frozenset[str]]]
    """Language -> letter -> the letters that may follow it (Portuguese õ: only e)."""
    not_after: Mapping[str, Mapping[str, frozenset[str]]]
    """Language -> letter -> the letters that never come before it."""
    only_first: Mapping[str, frozenset[str]]
    """Language -> letters it writes only at the start of a word (Icelandic þ)."""
    never_first: Mapping[str, frozenset[str]]
    """Language -> letters it never writes at the start of a word (Icelandic ð)."""
    languages_of: Mapping[str, frozenset[str]]
    """Letter (either case) -> the languages writing it."""
    ruled: frozenset[str]
    """The languages with rules on where letters go."""
    loanword_letters: frozenset[str]
    """Accented letters English keeps in borrowed words (café, première, naïve)."""


@dataclass(frozen=True)
class _Reading:
    """One candidate codec's reading of the seed's non-ASCII words."""

    codec: str
    cost: float
    implausible: int
    words: tuple[str, ...]
    first_implausible: int | None
    """Byte offset of the first implausible word, if any."""


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


def known_codec(name: str) -> str | None:
    """The canonical name of a text codec Python can decode a seed with, else ``None``."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_FILES:
        return None
    return info.name


_NOT_FOR_FILES = frozenset(
    {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "mbcs", "oem"}
)


def candidate_codecs() -> tuple[str, ...]:
    """The codecs a seed that is not UTF-8 is tried in, most common first."""
    return tuple(_model().priors)


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
    readings = _readings(data)
    best = readings[0]
    runner_up = next((r for r in readings[1:] if r.words != best.words), None)
    if best.implausible and best.implausible > len(best.words) * _MOSTLY_IMPLAUSIBLE:
        offset = best.first_implausible if best.first_implausible is not None else first_bad
        example = next(w for w in best.words if _word_cost(w, _model())[1])
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
    text = _decode_as(data, codec)
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


MIXED = "utf-8+cp1252"
"""UTF-8 with a few bytes of cp1252 pasted in (the reading ftfy would repair)."""


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="strict"), error.end


codecs.register_error("anthology-cp1252", _cp1252_bytes)


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


_MAX_PASTED_BYTES = 1000


def _could_be_mixed(data: bytes) -> bool:
    """Some UTF-8, and at most a thousand bytes that are not."""
    if not _UTF8_SEQUENCE.search(data):
        return False
    return data.decode("utf-8", errors="replace").count("\ufffd") <= _MAX_PASTED_BYTES


def _decode_as(data: bytes, codec: str) -> str:
    if codec == MIXED:
        return data.decode("utf-8", errors="anthology-cp1252")
    return data.decode(codec)


def _readings(data: bytes) -> list[_Reading]:
    """Every candidate that can decode the seed, most plausible first."""
    first_at: dict[bytes, int] = {}
    counts: Counter[bytes] = Counter()
    budget = _WORD_BYTES_BUDGET
    for seen, (start, word) in enumerate(_legacy_words(data)):
        if seen == _MAX_OCCURRENCES:
            break
        if word not in first_at:
            if budget <= 0:
                break  # enough evidence: the rest of a huge seed is not read twice
            budget -= len(word)
            first_at[word] = start
        counts[word] += 1
    beyond_ascii = bytes(sorted(set(data.translate(None, _ASCII))))
    model = _model()
    readings = []
    for order, (codec, prior) in enumerate(model.priors.items()):
        if codec == MIXED and not _could_be_mixed(data):
            continue
        try:
            if codec == MIXED:
                _decode_as(data, codec)  # every byte of the seed has a meaning
            else:
                beyond_ascii.decode(codec)
            decoded = [(_decode_as(word, codec), word) for word in first_at]
        except UnicodeDecodeError:
            continue
        readings.append((_score(codec, prior, decoded, counts, first_at, model), order))
    readings.sort(key=lambda pair: (pair[0].cost, pair[1]))
    return [reading for reading, _ in readings]


def _legacy_words(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Each word holding a byte beyond ASCII, cut at 32 bytes either side of such bytes."""
    end = 0
    for run in _BEYOND_ASCII.finditer(data):
        if run.start() < end:
            continue  # in the word just given
        tail = _WORD_TAIL.search(data, max(end, run.start() - _REACH), run.start())
        start = tail.start() if tail else run.start()
        head = _WORD_HEAD.match(data, min(run.end(), run.start() + _REACH))
        end = head.end() if head else run.end()
        yield start, data[start:end]


def _score(
    codec: str,
    prior: float,
    decoded: list[tuple[str, bytes]],
    counts: Counter[bytes],
    first_at: Mapping[bytes, int],
    model: _Model,
) -> _Reading:
    cost = prior
    implausible = 0
    first_implausible: int | None = None
    fitting: Counter[frozenset[str]] = Counter()
    words: list[str] = []
    for text, raw in decoded:
        count = counts[raw]
        for word in text.split():
            words.append(word)
            word_cost, hard, fits = _word_cost(word, model)
            cost += word_cost * count
            if hard:
                implausible += count
                offset = first_at[raw]
                if first_implausible is None or offset < first_implausible:
                    first_implausible = offset
                continue
            if _bare(word) in model.known_words:
                cost -= _KNOWN_WORD * count
            if fits is not _ANY_LANGUAGE and not _is_loanword(word, model):
                fitting[fits] += count
    cost += _UNCOVERED * _uncovered(fitting, model)
    return _Reading(codec, cost, implausible, tuple(words), first_implausible)


@functools.lru_cache(maxsize=65536)
def _word_cost(word: str, model: _Model) -> tuple[float, bool, frozenset[str]]:
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
        fits = _ANY_LANGUAGE
    return cost + _HARD * signs, signs > 0, fits


_ANY_LANGUAGE = frozenset({"*"})


def _languages_writing(word: str, beyond_ascii: set[str], model: _Model) -> frozenset[str]:
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


_NO_LANGUAGE: frozenset[str] = frozenset()


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


def _is_loanword(word: str, model: _Model) -> bool:
    """A lower-case word with only the accents English borrows (première, café): it says
    nothing about the language of the names around it."""
    letters = [c for c in word if c.isalpha()]
    return (
        bool(letters)
        and letters[0].islower()
        and all(c.isascii() or c in model.loanword_letters for c in letters)
    )


def _uncovered(fitting: Counter[frozenset[str]], model: _Model) -> int:
    """Words that the language writing most of the seed's words does not write."""
    total = sum(fitting.values())
    if not total:
        return 0
    covered = max(
        sum(n for languages, n in fitting.items() if language in languages)
        for language in model.languages
    )
    return total - covered


def _bare(word: str) -> str:
    return word.strip(".,;:!?()[]\"'“”‘’«»„")


class AlphabetsError(ValueError):
    """``alphabets.yaml`` is malformed: the message names the entry to fix."""


@functools.cache
def _model() -> _Model:
    return read_alphabets(_ALPHABETS)


_RULE_KINDS = frozenset({"only_before", "not_after", "only_first", "never_first"})


def _check_alphabets(raw: Any, name: str) -> None:
    """Fail loudly on a data file the scorer would silently misread."""

    def fail(message: str) -> None:
        raise AlphabetsError(f"{name}: {message}")

    if not isinstance(raw, dict) or not {"candidates", "letters"} <= set(raw):
        fail("needs `candidates` and `letters`")
    for codec in raw["candidates"]:
        if codec != MIXED and known_codec(str(codec)) is None:
            fail(f"candidates: {codec!r} is not a codec Python knows")
    script_of: dict[str, str] = {}
    for script, by_language in raw["letters"].items():
        for language, letters in by_language.items():
            for letter in str(letters):
                if letter.isascii() or not letter.isalpha():
                    fail(f"letters: {script}: {language}: {letter!r} is not a letter beyond ASCII")
                if script_of.setdefault(letter, script) != script:
                    fail(f"letters: {letter!r} is in two scripts")
    languages = {lang: str(ls) for by in raw["letters"].values() for lang, ls in by.items()}
    for language, spec in (raw.get("rules") or {}).items():
        if language not in languages:
            fail(f"rules: {language!r} has no letters")
        for kind, table in spec.items():
            if kind not in _RULE_KINDS:
                fail(f"rules: {language}: unknown rule {kind!r}; use {sorted(_RULE_KINDS)}")
            for letter in table:
                if letter not in languages[language]:
                    fail(f"rules: {language}: {kind}: {letter!r} is not one of its letters")


def read_alphabets(path: Path) -> _Model:
    """Load and check the scorer's data (uncached; the decoder reads the packaged file)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    _check_alphabets(raw, path.name)
    languages: dict[str, frozenset[str]] = {}
    script_of: dict[str, str] = {}
    for script, by_language in raw["letters"].items():
        for language, letters in by_language.items():
            both = _both_cases(letters)
            languages[language] = both
            for letter in both:
                script_of[letter] = script
    priors = {
        name if name == MIXED else codecs.lookup(name).name: float(prior)
        for name, prior in raw["candidates"].items()
    }
    rules = raw.get("rules") or {}

    def table(kind: str) -> dict[str, dict[str, frozenset[str]]]:
        return {
            language: {letter: frozenset(allowed) for letter, allowed in spec[kind].items()}
            for language, spec in rules.items()
            if kind in spec
        }

    def letter_sets(kind: str) -> dict[str, frozenset[str]]:
        return {lang: frozenset(spec[kind]) for lang, spec in rules.items() if kind in spec}

    languages_of: dict[str, set[str]] = {}
    for language, letters in languages.items():
        for letter in letters:
            languages_of.setdefault(letter, set()).add(language)
    return _Model(
        priors,
        languages,
        script_of,
        _known_words(),
        table("only_before"),
        table("not_after"),
        letter_sets("only_first"),
        letter_sets("never_first"),
        {letter: frozenset(names) for letter, names in languages_of.items()},
        frozenset(rules),
        frozenset(str(raw.get("loanwords", ""))),
    )


def _both_cases(letters: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for letter in letters:
        out.add(letter)
        for variant in (letter.lower(), letter.upper()):
            if len(variant) == 1:
                out.add(variant)
    return frozenset(out)


def _known_words() -> frozenset[str]:
    """Words beyond ASCII in the gazetteer's names: companies, ballets, roles, places."""
    from builder.extract.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    tables: tuple[Iterable[str], ...] = (
        gazetteer.company_names,
        gazetteer.house_names,
        gazetteer.ballet_titles,
        gazetteer.role_names,
        gazetteer.school_names,
        gazetteer.country_names,
        gazetteer.demonyms,
        gazetteer.place_names,
    )
    return frozenset(
        _bare(word)
        for table in tables
        for name in table
        for word in name.split()
        if not word.isascii()
    )


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
