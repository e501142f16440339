"""Who a clause is about: the dancer, or someone else in her story.

"Her partner was Jonas Wilke, a principal of the Royal Ballet" makes Wilke the principal,
not her. The nearest subject-like word before a cue decides: she/her or the dancer's own
name mean her; he/they, another named person or "her teacher" mean someone else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from builder.extract.gazetteer import Lexicon

_HER = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_OTHER = re.compile(
    r"\b(?:he|him|his|himself|they|them|their|theirs|who|whom|whose)\b", re.IGNORECASE
)
_NEGATION = re.compile(r"\b(?:not|never|no|without|nor)\b|n['’]t\b", re.IGNORECASE)
# Aspirations and memories of watching are not things she did.
_WISH = re.compile(
    r"\b(?:dream(?:ed|t|s)?|wish(?:ed|es)?|want(?:ed|s)?\s+to|hop(?:e|ed|es)\s+to|long(?:ed)?\s+to|"
    r"aspir(?:e|ed|es|ing|ations?)|someday|one\s+day|would\s+love|to\s+see|watch(?:ed|ing)?|saw)\b",
    re.IGNORECASE,
)
# "auditioned for X ... and was turned away": X never took her.
_AUDITION = re.compile(r"\baudition(?:ed|ing|s)?\s+(?:for|at|with)\s+(?:the\s+)?$", re.IGNORECASE)
_REJECTION = re.compile(
    r"\b(?:turned\s+(?:her\s+)?(?:away|down)|rejected|not\s+(?:offered|accepted|taken|admitted)|"
    r"(?:did\s+not|didn['’]t|never)\s+(?:get\s+in|make\s+it|get\s+a\s+place)|unsuccessful)\b",
    re.IGNORECASE,
)


# "trained under X, and joined ...": a person after a preposition is not the subject.
_OBJECT_OF = re.compile(
    r"\b(?:under|with|of|by|for|from|to|beside|alongside|opposite|than|like)\s+"
    r"(?:(?:the|a|an|her|his|their)\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """Where a named person sits in a sentence (character offsets)."""

    start: int
    end: int


def about_her(
    text: str,
    position: int,
    dancer: Sequence[str],
    people: Iterable[Span],
    lexicon: Lexicon,
) -> bool:
    """True unless the nearest subject before ``position`` is someone other than her."""
    # (end, is her) per subject-like word; the last one wins, "her" on a tie. An aside
    # closed before the cue (", where Paloma Herrera was a principal,") is not its subject.
    aside = asides(text, position)
    markers = [_pronouns_and_relations(text, position, lexicon, aside)]
    people = [p for p in people if p.end <= position and not in_aside(p.end - 1, aside)]
    markers += [(p.end, False) for p in people if not _object_of(text, p.start)]
    # "a pupil of Natalia Dudinskaya, prima ballerina of the Kirov": a rank in apposition
    # right after someone else's name is theirs, though the name is an object.
    apposed = people and _APPOSED.fullmatch(text, people[-1].end, position)
    if apposed and not _VERB_CUE.match(text, position):
        markers.append((position, False))
    # Only the last marker counts: for each of her words, the end of its last use; a use
    # right after another person's given name is theirs ("her sister, Inés Montero").
    for word in dancer:
        end = _last_use(text, word, position)
        start = end - len(word)
        theirs = end >= 0 and any(_NAME_GAP.fullmatch(text, p.end, start) for p in people)
        markers.append((end, not theirs))
    if text.find("who", 0, position) >= 0:  # "Solveig Brandt, who has died aged 81, was born"
        own = {w.casefold() for w in dancer}
        found = _HER_WHO.finditer(text, 0, position)
        # Not after another person's given name: "her mother Karin Lindahl, who ..." is the
        # mother, though the surname is hers too.
        markers += [
            (m.end(), True)
            for m in found
            if m.group(1).casefold() in own
            and not any(_NAME_GAP.fullmatch(text, p.end, m.start(1)) for p in people)
        ]
    return max(markers)[1]


# ", a former " between someone's name and a cue: the cue stands in apposition to it.
_APPOSED = re.compile(
    r",\s+(?:(?:a|an|the|then|once|former|formerly|later|also|herself|himself)\s+)*",
    re.IGNORECASE,
)
# A cue that is a verb ("..., joining the Royal Ballet") may be the sentence's subject's.
_VERB_CUE = re.compile(
    r"(?:join|left|mov|danc|perform|hir|engag|sign|tak|accept|transfer|promot|ros)", re.IGNORECASE
)
_NAME_GAP = re.compile(r"[ \t]+")
# "Imogen Price, 38, who grew up in Truro": her age may stand between.
_HER_WHO = re.compile(r"([^\W\d_][\w'’-]*),\s+(?:\d{1,3},\s+)?who\b")


def _pronouns_and_relations(
    text: str, position: int, lexicon: Lexicon, aside: Sequence[tuple[int, int]] = ()
) -> tuple[int, bool]:
    """The last pronoun or "her teacher"-like phrase before ``position`` as (end, is her),
    or (-1, True) when there is none; none inside an ``aside``. (Not cached: real stories
    do not share sentences, so a cache keyed by the sentence only costs time and memory.)"""
    before = text[:position]
    markers = [(-1, True)]
    markers += [(m.end(), True) for m in _HER.finditer(before)]
    markers += [(m.end(), False) for m in _OTHER.finditer(before)]
    markers += [
        (m.end(), False)
        for m in _relation_pattern(lexicon).finditer(before)
        if not _describes_her(text, m.start(), m.end())
    ]
    if aside:
        markers = [marker for marker in markers if not in_aside(marker[0] - 1, aside)]
    return max(markers)


# ", where her compatriot Paloma Herrera was a principal, and ...": a relative clause set
# off by commas after a place or a company, closed before what follows.
_ASIDE = re.compile(r",\s+(?:where|when)\b[^,;.()]{1,120},")


def asides(text: str, position: int) -> tuple[tuple[int, int], ...]:
    """The asides closed before ``position`` (start, end)."""
    if ", wh" not in text:
        return ()
    return tuple(m.span() for m in _ASIDE.finditer(text, 0, position))


def in_aside(index: int, aside: Sequence[tuple[int, int]]) -> bool:
    """True when the character at ``index`` lies in one of the ``aside`` spans."""
    return any(start <= index < end for start, end in aside)


# "the daughter of a pilot and a piano teacher": a relation that describes her ("the
# daughter of"), or someone named as the object of one, is not a new subject.
_RELATION_OF = re.compile(r"^\s+of\b")
_AFTER_OF = re.compile(
    r"\b(?:of|by|with|under|for|from|to)\s+(?:[\w’'-]+\s+){0,3}(?:and\s+)?$", re.IGNORECASE
)


def _describes_her(text: str, start: int, end: int) -> bool:
    return bool(
        _RELATION_OF.match(text[end:]) or _AFTER_OF.search(text[max(0, start - 80) : start])
    )


@functools.cache
def _relation_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    relations = "|".join(sorted(lexicon.relations))
    # "Greta Holm's mother danced with ...": a name's possessive is a determiner too.
    return re.compile(
        rf"\b(?:her|his|their|the|a|an|[\w-]+[’']s)\s+(?:\w+\s+)?(?:{relations})\b", re.IGNORECASE
    )


def _last_use(text: str, word: str, stop: int) -> int:
    """Where the last whole-word use of ``word`` in ``text[:stop]`` ends, -1 when there
    is none: the last match of ``\\bword\\b`` found as ``re.finditer`` scans (left to
    right, on from each match's end), without compiling a pattern for every name."""
    last, at, size = -1, 0, len(word)
    while (at := text.find(word, at, stop)) >= 0:
        if _boundary(text, at, stop) and _boundary(text, at + size, stop):
            last, at = at + size, at + size
        else:
            at += 1
    return last


def _boundary(text: str, at: int, stop: int) -> bool:
    """``\\b`` at ``at`` in ``text[:stop]``: a word character on one side only."""
    before = at > 0 and _is_word(text[at - 1])
    return before != (at < stop and _is_word(text[at]))


def _is_word(char: str) -> bool:
    """``\\w`` for one character (the regex engine's test: alphanumeric or "_")."""
    return char.isalnum() or char == "_"


def _object_of(text: str, start: int) -> bool:
    """True when the person named at ``start`` follows "under", "with" ...: not a subject."""
    return bool(_OBJECT_OF.search(text[:start]))


def negated(text: str, position: int, reach: int = 24) -> bool:
    """True when a negation sits just before ``position`` ("was not offered a contract");
    a "no" between two capitalised words is Portuguese's "in the" ("Escola do Teatro
    Bolshoi no Brasil"), no negation."""
    start = max(0, position - reach)
    for match in _NEGATION.finditer(text, start, position):
        if match.group().casefold() == "no" and _IN_A_NAME.search(text, 0, match.start()):
            continue
        return True
    return False


# A capitalised word right before a "no" that a capitalised word follows.
_IN_A_NAME = re.compile(r"(?-i:[A-Z])[^\W\d_]*\s+$")


# "was expected to join X (but ...)", "is often said to have danced with X (but never
# did)": a plan that did not come about, or hearsay, right before the cue.
_UNREALISED = re.compile(
    r"(?:\b(?:was|were|had\s+been)\s+(?:expected|due|set|supposed|scheduled|meant|going)\s+to|"
    r"\b(?:is|was|are|has\s+been)\s+(?:often\s+|widely\s+|sometimes\s+|wrongly\s+)?"
    r"(?:said|reported|rumou?red|believed|claimed|alleged)\s+to\s+have)\s+$",
    re.IGNORECASE,
)


def unrealised(text: str, position: int, reach: int = 60) -> bool:
    """True when a plan that was not kept or hearsay governs the cue at ``position``."""
    return bool(_UNREALISED.search(text, max(0, position - reach), position))


def wished(text: str, position: int, reach: int = 60) -> bool:
    """True when a wish or a memory of watching governs ``position`` ("she dreamed of ...")."""
    window = text[max(0, position - reach) : position]
    return bool(_WISH.search(window))


def rejected(text: str, position: int) -> bool:
    """True for "auditioned for <position> ... and was turned away/not offered a place"."""
    return bool(_AUDITION.search(text[:position]) and _REJECTION.search(text))
