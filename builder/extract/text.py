"""Sentences and capitalised-word runs: the units the extractor reads prose in.

Every extracted field cites the sentence it came from, so sentences keep their exact
text. Names of people, companies and schools are runs of capitalised words, possibly
joined by small connectors ("Instituto Superior de Arte del Teatro Colón").
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from builder.extract.gazetteer import Lexicon

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "St",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "Mt",
        "Jr",
        "Sr",
        "vs",
        "No",
        "Mme",
        "Mlle",
        "Ste",
        "Sta",
        "Sto",
        "Ave",
        "Rd",
        "Co",
        "Inc",
        "Ltd",
        "Op",
        "approx",
        # Abbreviated months, "b." (born), "d." (died), "c."/"ca." (circa), "chor."
        # (choreographer): "born Mar. 3, 1931, Sverdlovsk" and "(b. c. 1931, Sverdlovsk)"
        # are one sentence.
        "b",
        "c",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "d",
        "ca",
        "chor",
        # German "geb." (born) and "gest." (died): "(geb. 1971 in Kassel)".
        "geb",
        "gest",
    ]
)
_BLANK_LINE = re.compile(r"\n\s*\n")
# A German month after an ordinal day's full stop ("5. März 1979"): no sentence ends there.
_ORDINAL_MONTH = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember)\s+\d{4}\b"
)
MAX_SENTENCE = 1000
"""The longest sentence the extractor reads, in characters (real ones stay under 400).

Every step reads a sentence as a whole, so its work grows with the sentence's length
(more cues, each looking back over more text); bounding the length keeps the reading of
a seed linear in its size, whatever its shape ("a text without a full stop"). A longer
stretch is cut at its last clause break before the bound, else between words, else
hard at the bound."""
# Where a too-long sentence is cut, best first: after ; or :, a dash, a comma, a space.
_CLAUSE_BREAKS = (("; ", ": "), (" — ", " – ", " - "), (", ",), (" ", "\t"))
# How far back from a full stop the word it ends is read (longer words are no abbreviation).
_LAST_WORD_REACH = 64
_INITIAL = re.compile(r"[A-Z]")
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*\s+")
_NOTE = re.compile(r"^\s*(?:editor['’]s\s+)?note\s*:", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*(?:['’]s\b)?")
_WORD_OR_GAP = re.compile(f"({WORD.pattern})")
_POSSESSIVE = ("'s", "’s")
_ELIDED = re.compile(r"^(?:[ldLD]|[Dd]ell|[Nn]ell)['’](?=[^\W\d_])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the story, verbatim, with where it sits."""

    index: int
    text: str
    paragraph: int
    """0-based paragraph number (blank-line separated); notes at the top are paragraph -1."""


class Token(NamedTuple):
    """A word of a sentence; ``possessive`` words had their ’s removed.

    A named tuple rather than a dataclass: stories have thousands of words, and tuples
    are quick to build. Made by :func:`tokens` only.
    """

    text: str
    start: int
    end: int
    possessive: bool
    capitalised: bool
    """True for "Ballet", "ÉCOLE", "l’Opéra" (an elided article before a capital)."""


_TEXT = operator.attrgetter("text")
# Token's own constructor is a Python function; this is the C one it calls.
_token = functools.partial(tuple.__new__, Token)


@functools.lru_cache(maxsize=16384)
def _is_capitalised(word: str) -> bool:
    """See :attr:`Token.capitalised`; cached because a story repeats its words."""
    word = _ELIDED.sub("", word)
    return bool(word) and word[0].isupper()


@dataclass(frozen=True)
class Run:
    """Consecutive capitalised words (with connectors) inside one sentence."""

    tokens: tuple[Token, ...]
    text: str
    start: int
    end: int
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The tokens' texts (read by every classifier of the run, so kept)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", tuple(map(_TEXT, self.tokens)))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split into sentences per paragraph; a leading "Note: ..." paragraph is marked -1."""
    sentences: list[Sentence] = []
    paragraph = 0
    blocks = [b for b in _BLANK_LINE.split(text) if b.strip()]
    for number, block in enumerate(blocks):
        is_note = number == 0 and bool(_NOTE.match(block)) and len(blocks) > 1
        for line in block.splitlines():
            for piece in (p for s in _split_line(line.strip()) for p in _bounded(s)):
                sentences.append(Sentence(len(sentences), piece, -1 if is_note else paragraph))
        if not is_note:
            paragraph += 1
    return tuple(sentences)


def split_line(line: str) -> list[str]:
    """The sentences of one line (or of one hard-wrapped paragraph), verbatim, each at
    most :data:`MAX_SENTENCE` characters."""
    return [part for piece in _split_line(line) for part in _bounded(piece)]


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    begin = 0
    for match in _BOUNDARY.finditer(line):
        before = line[max(begin, match.start() - _LAST_WORD_REACH) : match.start()].rsplit(None, 1)
        last_word = before[-1].rstrip(".").lstrip("([\"“‘'") if before else ""
        after = line[match.end() : match.end() + 1]
        if last_word in _ABBREVIATIONS or _INITIAL.fullmatch(last_word):
            continue
        if last_word.isdigit() and len(last_word) <= 2 and _ORDINAL_MONTH.match(line, match.end()):
            continue  # a German date's ordinal day: "am 5. März 1979"
        if after and not (after.isupper() or after in "\"“‘'(" or after.isdigit()):
            continue
        pieces.append(line[begin : match.end()].strip())
        begin = match.end()
    if line[begin:].strip():
        pieces.append(line[begin:].strip())
    return pieces


def _bounded(piece: str) -> list[str]:
    """``piece`` cut into parts of at most :data:`MAX_SENTENCE` characters (see there)."""
    parts: list[str] = []
    while len(piece) > MAX_SENTENCE:
        cut = _cut_at(piece)
        parts.append(piece[:cut].rstrip())
        piece = piece[cut:].lstrip()
    if piece:
        parts.append(piece)
    return parts


def _cut_at(piece: str) -> int:
    """Where to cut a too-long piece: after its last clause break in the second half of
    the bound (the strongest kind of break first), else at the bound."""
    for breaks in _CLAUSE_BREAKS:
        found = [(piece.rfind(b, MAX_SENTENCE // 2, MAX_SENTENCE), b) for b in breaks]
        at, mark = max(found)
        if at >= 0:
            return at + len(mark.rstrip())
    return MAX_SENTENCE


def tokens(text: str) -> tuple[Token, ...]:
    """Every word of ``text`` with offsets; "Cranko’s" becomes "Cranko", marked possessive."""
    pieces = _WORD_OR_GAP.split(text)
    offsets = list(itertools.accumulate(map(len, pieces), initial=0))
    return tuple(_word(pieces[i], offsets[i]) for i in range(1, len(pieces), 2))


def _word(word: str, start: int) -> Token:
    # The pattern ends a word with a letter, so only a possessive ’s is ever cut off.
    possessive = len(word) > 2 and word.endswith(_POSSESSIVE)
    if possessive:
        word = word[:-2]
    return _token((word, start, start + len(word), possessive, _is_capitalised(word)))


class Words(NamedTuple):
    """The words of a sentence that a capitalised run can hold, read once per sentence.

    Only capitalised words and connectors (``of``, ``de`` ...) are kept: most words are
    neither, and a run never crosses one (see :func:`capitalised_runs`)."""

    tokens: tuple[Token, ...]
    joins: tuple[bool, ...]
    """Per token: True when only spaces separate it from the word before it, which is
    not possessive (an initial's full stop joins too: "E. Virginia Williams")."""


def scan(text: str, connectors: frozenset[str]) -> Words:
    """The capitalised words and ``connectors`` of ``text``, with how each joins the
    word before it (False after any word that is neither)."""
    pieces = _WORD_OR_GAP.split(text)
    kept = [
        i
        for i in range(1, len(pieces), 2)
        if (w := pieces[i])[0].isupper() or w in connectors or _is_capitalised(w)
    ]
    if not kept:
        return Words((), ())
    offsets = list(itertools.accumulate(map(len, pieces), initial=0))
    found = tuple(_word(pieces[i], offsets[i]) for i in kept)
    joins = [False]
    for i, left, j in zip(kept, found, kept[1:], strict=False):
        gap = pieces[i + 1].strip() if j == i + 2 else "x"
        joins.append(
            not left.possessive
            and (not gap or (gap == "." and len(left.text) == 1 and left.text.isupper()))
        )
    return Words(found, tuple(joins))


def capitalised_runs(
    text: str, lexicon: Lexicon, connectors: frozenset[str], words: Words | None = None
) -> tuple[Run, ...]:
    """Maximal runs of capitalised words joined by ``connectors``, trimmed at both ends.

    ``words`` is the sentence's :func:`scan` (with these connectors or more), when the
    caller has it: a document scans each sentence once for every reader.
    """
    if words is None:
        words = scan(text, connectors)
    found, joined = words
    runs: list[Run] = []
    begin = -1  # index of the current run's first token, -1 when there is none
    for index, token in enumerate(found):
        joins = begin >= 0 and joined[index]
        if token.capitalised or (joins and token.text in connectors):
            if begin >= 0 and not joins:
                _close_run(text, found, begin, index, lexicon, runs)
                begin = index
            elif begin < 0:
                begin = index
        elif begin >= 0:
            _close_run(text, found, begin, index, lexicon, runs)
            begin = -1
    if begin >= 0:
        _close_run(text, found, begin, len(found), lexicon, runs)
    return tuple(runs)


def same_runs(words: Words, first: frozenset[str], second: frozenset[str]) -> bool:
    """True when :func:`capitalised_runs` gives the same runs of ``words`` with either
    set of connectors: it reads a connector only for a lower-case word joined to the
    word before it, and no such word is a connector in one set only (most sentences)."""
    return all(
        token.capitalised or not joins or ((token.text in first) == (token.text in second))
        for token, joins in zip(words.tokens, words.joins, strict=True)
    )


def _close_run(
    text: str, words: tuple[Token, ...], begin: int, end: int, lexicon: Lexicon, runs: list[Run]
) -> None:
    """Add ``words[begin:end]`` as a run, trimmed of trailing lower-case connectors and of
    sentence words that merely start it ("At", "Moving", "The")."""
    while end > begin and not words[end - 1].capitalised:
        end -= 1
    while begin < end:
        first = words[begin]
        if not (
            first.text in lexicon.stopwords
            or (first.start == 0 and end - begin > 1 and _looks_like_verb(first.text))
            or not first.capitalised
        ):
            break
        begin += 1
    if begin < end:
        start, stop = words[begin].start, words[end - 1].end
        runs.append(Run(words[begin:end], text[start:stop], start, stop))


def _looks_like_verb(word: str) -> bool:
    """Sentence-initial participles and adverbs ("Moving", "Trained", "Partnering")."""
    return word.endswith(("ing", "ed", "ly")) and len(word) > 4


def word_cues(alternatives: str, first_letters: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """``\\b(?:alternatives)``, compiled to be quick on a whole sentence.

    Every alternative starts with a word, and ``first_letters`` holds each letter one
    may start with (tests/test_cue_patterns.py checks it): a position whose character is
    none of them is passed over by one class test, before the word boundary and the
    alternatives are tried (a leading ``\\b`` alone makes the engine try them all at
    every boundary, which made the cue patterns the extractor's slowest).
    """
    return re.compile(rf"(?=[{first_letters}])(?<!\w)(?:{alternatives})", flags)


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only when ``text`` holds none of ``words`` (lower-case ASCII) in any case:
    a quick test before a case-insensitive pattern that needs one of them. (A dotless
    or dotted I matches "i" in such a pattern but not in a folded text, so it says True.)"""
    folded = text.casefold()
    return any(word in folded for word in words) or "ı" in text or "İ" in text


def is_note(sentence: Sentence) -> bool:
    """True for sentences of a leading editorial note."""
    return sentence.paragraph < 0
