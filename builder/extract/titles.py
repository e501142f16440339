"""Ballet titles the gazetteer does not know, read from how the text sets them off.

A title is written as one: in italics (``*Manon*``), as a choreographer's work ("leading
roles in Jiří Kylián’s Petite Mort"), after a role in a repertoire list ("Wu Qinghua (The
Red Detachment of Women)" beside "Kitri (Don Quixote)"), after a role ("Birthe in A Folk
Tale"), beside a known ballet ("for Giselle and Les Mirages"), or in quotes after a cue
("danced in “Lost Gardens”"). Only what is shaped as a title counts: capitalised, a few
words, not something else already named there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from builder.extract.gazetteer import Lexicon
from builder.extract.mentions import Mention

_MAX_WORDS = 6
# "in Jiří Kylián’s Petite Mort", "from George Balanchine's Agon".
_WORK_OF = re.compile(
    r"\b(?:in|from|of)\s+(?:[A-ZÀ-Þ][\w.-]*\s+|(?:van|von|de|der|den|da|di|du|le|la)\s+){0,4}"
    r"[A-ZÀ-Þ][\w-]*['’]s\s+"
)
_ITALIC = re.compile(r"(?<![*\w])[*_]([A-ZÀ-Þ][^*_\n]{0,60}?)[*_](?![*\w])")
_ROLE_BALLET = re.compile(
    r"[A-ZÀ-Þ][\w’'-]*(?:\s+[A-ZÀ-Þ/][\w’'/-]*)*\s+\(([A-ZÀ-Þ][^()]{0,80}?)\)"
)
# "Birthe in A Folk Tale": a capitalised word (her role), "in", a title opening with an article.
_ROLE_IN = re.compile(r"\b[A-ZÀ-Þ][\w’'-]+\s+in\s+(?=[A-ZÀ-Þ])")
_QUOTED = re.compile(
    r"(?:\b(?:ballet|ballets|in|danced|dances|dancing|premiere\s+of|role\s+in|created)|"
    r"\w['’]s)\s+"  # or a choreographer's: "Christian Spuck's “Lulu”"
    r"[“\"]([A-ZÀ-Þ][^”\"\n]{0,60}?)[,.]?[”\"]",
    re.IGNORECASE,
)
_ARTICLE_AFTER_IN = re.compile(r" in (?:The|A|An|La|Le|Les|El|Il|L['’])\s")
_AND = re.compile(r"^\s+(?:and|or|&)\s+")
_SPACES = re.compile(r"\s+")
_AND_BEFORE = re.compile(r"\s+(?:and|or|&)\s+$")


def unknown_ballets(
    text: str, mentions: Sequence[Mention], lexicon: Lexicon
) -> tuple[tuple[Mention, str], ...]:
    """Ballet mentions for titles the gazetteer lacks, each with the rule that read it;
    none overlaps a known name (nor, unless set off in italics or quotes, any name)."""
    found: list[Mention] = []
    rules: list[str] = []
    for start, end, marked, rule in _candidates(text, mentions, lexicon):
        surface = text[start:end].strip()
        start = text.index(surface, start)
        end = start + len(surface)
        if not _title_shaped(surface, lexicon):
            continue
        # A title set off in italics or quotes outranks a guess from its words ("*Moonlit
        # Garden*" is no venue), never a known name.
        taken = [m for m in mentions if m.known or not marked] + found
        if any(start < m.end and m.start < end for m in taken):
            continue
        name = _SPACES.sub(" ", surface)
        found.append(Mention("ballet", name, surface, start, end, known=False))
        rules.append(rule)
    return tuple(zip(found, rules, strict=True))


def _candidates(
    text: str, mentions: Sequence[Mention], lexicon: Lexicon
) -> Iterable[tuple[int, int, bool, str]]:
    """(start, end, set off in italics or quotes, rule) of each possible title."""
    # Each shape needs its mark in the text; most sentences have none, and skip them all.
    if "*" in text or "_" in text:
        for match in _ITALIC.finditer(text):
            yield match.start(1), match.end(1), True, "a title in italics"
    if "“" in text or '"' in text:
        for match in _QUOTED.finditer(text):
            yield match.start(1), match.end(1), True, "a title in quotes after a cue"
    if "'s " in text or "’s " in text:
        for match in _WORK_OF.finditer(text):
            span = _title_run(text, match.end(), lexicon, article_needed=False)
            if span:
                yield (*span, False, "a choreographer's work")
    if _ARTICLE_AFTER_IN.search(text):
        for match in _ROLE_IN.finditer(text):
            span = _title_run(text, match.end(), lexicon, article_needed=True)
            if span:
                yield (*span, False, "a title after a role (X in A Title)")
    ballets = [m for m in mentions if m.kind == "ballet"]
    for ballet in ballets:
        after = _AND.match(text[ballet.end :])
        if after:
            span = _title_run(text, ballet.end + after.end(), lexicon, article_needed=True)
            if span:
                yield (*span, False, "a title beside a known ballet")
    yield from _listed_with_roles(text, ballets)


def _listed_with_roles(
    text: str, ballets: Sequence[Mention]
) -> Iterable[tuple[int, int, bool, str]]:
    """In a "Role (Ballet); Role (Ballet)" list where known ballets are bracketed, the
    other bracketed titles are ballets too."""
    if "(" not in text or len(ballets) < 2:
        return
    pairs = list(_ROLE_BALLET.finditer(text))
    known = sum(1 for p in pairs if any(b.start == p.start(1) for b in ballets))
    if known < 2:
        return
    for pair in pairs:
        inner = pair.group(1).split(",")[0]
        yield pair.start(1), pair.start(1) + len(inner), False, "a bracketed title in a role list"


def _title_run(
    text: str, at: int, lexicon: Lexicon, *, article_needed: bool
) -> tuple[int, int] | None:
    """The title starting at ``at``: an optional article, then capitalised words joined
    by small connectors ("The Legend of Love", "Les Mirages")."""
    match = _run_pattern(lexicon).match(text, at)
    if match is None or (article_needed and not match.group(1)):
        return None
    return match.start(), match.end()


@functools.cache
def _run_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    connectors = "|".join(re.escape(c) for c in sorted(lexicon.name_connectors - {"and", "&"}))
    word = r"[A-ZÀ-Þ][\w’'-]*"
    return re.compile(
        rf"((?:The|A|An|La|Le|Les|El|Il|L['’])\s+)?{word}(?:\s+(?:(?:{connectors})\s+)*{word})*"
    )


def _title_shaped(surface: str, lexicon: Lexicon) -> bool:
    words = surface.split()
    if not words or len(words) > _MAX_WORDS or not words[0][:1].isupper():
        return False
    significant = [w for w in words if w.lower() not in lexicon.name_connectors and len(w) > 3]
    return all(w[:1].isupper() for w in significant)
