"""Each candidate codec's reading of a seed that is not UTF-8, ranked by plausibility.

Only the words holding a byte beyond ASCII are read: the only place legacy codecs differ
(all candidates agree on ASCII). Each reading costs what its words cost
(:func:`builder.read.misreading.word_cost`), less a bonus for words the gazetteer knows
(``Kraków``), plus a cost for words outside the one language writing most of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from builder.read.alphabets import Alphabets, bare, packaged_alphabets
from builder.read.codec import MIXED, could_be_mixed, decode_as
from builder.read.misreading import ANY_LANGUAGE, is_loanword, word_cost

# A word is cut at 32 bytes either side of a byte beyond ASCII, and only the first
# distinct words up to a budget of bytes (and of occurrences) are scored: a few hundred
# words are ample evidence, and the cost stays bounded whatever the seed's size or shape.
_BEYOND_ASCII = re.compile(rb"[\x80-\xff]+")
_WORD_TAIL = re.compile(rb"\S*\Z")
_REACH = 32
_WORD_HEAD = re.compile(rb"\S{0,%d}" % _REACH)
_ASCII = bytes(range(128))
_WORD_BYTES_BUDGET = 2048
_MAX_OCCURRENCES = 5000

# Costs (measured on bench/encodings.py's corpus).
_UNCOVERED = 0.5
"""A word outside the one language that writes most of the seed's words."""
_KNOWN_WORD = 1.0
"""Bonus for a word the gazetteer knows (``Kraków``, ``Coppélia``)."""


@dataclass(frozen=True)
class Reading:
    """One candidate codec's reading of the seed's non-ASCII words."""

    codec: str
    cost: float
    implausible: int
    words: tuple[str, ...]
    first_implausible: int | None
    """Byte offset of the first implausible word, if any."""


def ranked_readings(data: bytes) -> list[Reading]:
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
    model = packaged_alphabets()
    readings = []
    for order, (codec, prior) in enumerate(model.priors.items()):
        if codec == MIXED and not could_be_mixed(data):
            continue
        try:
            if codec == MIXED:
                decode_as(data, codec)  # every byte of the seed has a meaning
            else:
                beyond_ascii.decode(codec)
            decoded = [(decode_as(word, codec), word) for word in first_at]
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
    model: Alphabets,
) -> Reading:
    cost = prior
    implausible = 0
    first_implausible: int | None = None
    fitting: Counter[frozenset[str]] = Counter()
    words: list[str] = []
    for text, raw in decoded:
        count = counts[raw]
        for word in text.split():
            words.append(word)
            cost_of_word, hard, fits = word_cost(word, model)
            cost += cost_of_word * count
            if hard:
                implausible += count
                offset = first_at[raw]
                if first_implausible is None or offset < first_implausible:
                    first_implausible = offset
                continue
            if bare(word) in model.known_words:
                cost -= _KNOWN_WORD * count
            if fits is not ANY_LANGUAGE and not is_loanword(word, model):
                fitting[fits] += count
    cost += _UNCOVERED * _uncovered(fitting, model)
    return Reading(codec, cost, implausible, tuple(words), first_implausible)


def _uncovered(fitting: Counter[frozenset[str]], model: Alphabets) -> int:
    """Words that the language writing most of the seed's words does not write."""
    total = sum(fitting.values())
    if not total:
        return 0
    covered = max(
        sum(n for languages, n in fitting.items() if language in languages)
        for language in model.languages
    )
    return total - covered
