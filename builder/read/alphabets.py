"""What the decoder's scorer knows: candidate codecs, and letters by language.

The knowledge is data (``builder/data/alphabets.yaml``, plus the gazetteer's words beyond
ASCII); this module reads and checks it into one frozen :class:`Alphabets`.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.read.codec import MIXED, known_codec

ALPHABETS_FILE = Path(__file__).parent.parent / "data" / "alphabets.yaml"


@dataclass(frozen=True, eq=False)  # hashed by identity: it keys the word cache
class Alphabets:
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


class AlphabetsError(ValueError):
    """``alphabets.yaml`` is malformed: the message names the entry to fix."""


@functools.cache
def packaged_alphabets() -> Alphabets:
    """The packaged ``alphabets.yaml``, read once."""
    return read_alphabets(ALPHABETS_FILE)


def candidate_codecs() -> tuple[str, ...]:
    """The codecs a seed that is not UTF-8 is tried in, most common first."""
    return tuple(packaged_alphabets().priors)


def bare(word: str) -> str:
    """A word without the punctuation around it, as the gazetteer's words are kept."""
    return word.strip(".,;:!?()[]\"'“”‘’«»„")


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


def read_alphabets(path: Path) -> Alphabets:
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
    return Alphabets(
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
        bare(word)
        for table in tables
        for name in table
        for word in name.split()
        if not word.isascii()
    )
