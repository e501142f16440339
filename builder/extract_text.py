"""Sentences and capitalised-word runs: the units the extractor reads prose in.

Every extracted field cites the sentence it came from, so sentences keep their exact
text. Names of people, companies and schools are runs of capitalised words, possibly
joined by small connectors ("Instituto Superior de Arte del Teatro Colón").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from builder.gazetteer import Lexicon

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
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*\s+")
_NOTE = re.compile(r"^\s*(?:editor['’]s\s+)?note\s*:", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*(?:['’]s\b)?")
_POSSESSIVE = re.compile(r"['’]s$")
_ELIDED = re.compile(r"^(?:[ldLD]|[Dd]ell|[Nn]ell)['’](?=[^\W\d_])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the story, verbatim, with where it sits."""

    index: int
    text: str
    paragraph: int
    """0-based paragraph number (blank-line separated); notes at the top are paragraph -1."""


@dataclass(frozen=True)
class Token:
    """A word of a sentence; ``possessive`` words had their ’s removed."""

    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def capitalised(self) -> bool:
        """True for "Ballet", "ÉCOLE", "l’Opéra" (an elided article before a capital)."""
        word = _ELIDED.sub("", self.text)
        return bool(word) and word[0].isupper()


@dataclass(frozen=True)
class Run:
    """Consecutive capitalised words (with connectors) inside one sentence."""

    tokens: tuple[Token, ...]
    text: str
    start: int
    end: int

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.text for t in self.tokens)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split into sentences per paragraph; a leading "Note: ..." paragraph is marked -1."""
    sentences: list[Sentence] = []
    paragraph = 0
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    for number, block in enumerate(blocks):
        is_note = number == 0 and bool(_NOTE.match(block)) and len(blocks) > 1
        for line in block.splitlines():
            for piece in _split_line(line.strip()):
                sentences.append(Sentence(len(sentences), piece, -1 if is_note else paragraph))
        if not is_note:
            paragraph += 1
    return tuple(sentences)


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    begin = 0
    for match in _BOUNDARY.finditer(line):
        before = line[begin : match.start()].rsplit(None, 1)
        last_word = before[-1].rstrip(".") if before else ""
        after = line[match.end() : match.end() + 1]
        if last_word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", last_word):
            continue
        if after and not (after.isupper() or after in "\"“‘'(" or after.isdigit()):
            continue
        pieces.append(line[begin : match.end()].strip())
        begin = match.end()
    if line[begin:].strip():
        pieces.append(line[begin:].strip())
    return pieces


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """Words of ``text`` with offsets; "Cranko’s" becomes "Cranko", marked possessive.

    Cached: every extraction step reads the same sentences again.
    """
    found = []
    for match in WORD.finditer(text):
        word, end = match.group(), match.end()
        possessive = bool(_POSSESSIVE.search(word)) and len(word) > 2
        if possessive:
            word, end = word[:-2], end - 2
        found.append(
            Token(
                word.rstrip("."), match.start(), match.start() + len(word.rstrip(".")), possessive
            )
        )
    return tuple(found)


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """True when only spaces separate the two words (no comma, dash or quote)."""
    return not left.possessive and text[left.end : right.start].strip() == ""


def capitalised_runs(text: str, lexicon: Lexicon, connectors: frozenset[str]) -> list[Run]:
    """Maximal runs of capitalised words joined by ``connectors``, trimmed at both ends."""
    runs: list[Run] = []
    words = tokens(text)
    current: list[Token] = []

    def close() -> None:
        while current and not current[-1].capitalised:
            current.pop()
        if current:
            runs.append(_make_run(text, current))
        current.clear()

    for token in words:
        joins = current and _adjacent(text, current[-1], token)
        if token.capitalised or (joins and token.text in connectors):
            if current and not joins:
                close()
            if not current and not token.capitalised:
                continue
            current.append(token)
        else:
            close()
    close()
    return [run for run in (_strip_leading(text, r, lexicon) for r in runs) if run]


def _make_run(text: str, run_tokens: list[Token]) -> Run:
    start, end = run_tokens[0].start, run_tokens[-1].end
    return Run(tuple(run_tokens), text[start:end], start, end)


def _strip_leading(text: str, run: Run, lexicon: Lexicon) -> Run | None:
    """Drop sentence words that merely start the run ("At", "Moving", "The")."""
    kept = list(run.tokens)
    while kept and (
        kept[0].text in lexicon.stopwords
        or (kept[0].start == 0 and len(kept) > 1 and _looks_like_verb(kept[0].text))
        or not kept[0].capitalised
    ):
        kept.pop(0)
    return _make_run(text, kept) if kept else None


def _looks_like_verb(word: str) -> bool:
    """Sentence-initial participles and adverbs ("Moving", "Trained", "Partnering")."""
    return word.endswith(("ing", "ed", "ly")) and len(word) > 4


def is_note(sentence: Sentence) -> bool:
    """True for sentences of a leading editorial note."""
    return sentence.paragraph < 0
