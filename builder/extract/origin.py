"""Where she was born or raised.

Only birth and upbringing cues count ("born in", "grew up in", "a native of", "the
ballerina from"); where she studied, moved, toured or was injured never does. A city
gives its country from the gazetteer, a country alone leaves the city unknown, a region
is never a city, and a place "near" or "outside" a city gives only that city's country.
A demonym ("a Russian ballerina") fills the country only when nothing better is said.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.extract.context import Span, about_her
from builder.extract.gazetteer import Gazetteer, Place
from builder.extract.mentions import Mention
from builder.extract.text import Sentence, tokens
from builder.model import Origin

# (pattern, strength): a birthplace beats an upbringing, which beats "from".
_CUES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\bborn(?:\s+and\s+(?:raised|bred))?\s+(?:in|at)\s+", re.IGNORECASE), 3),
    (
        re.compile(
            r"\b(?:grew\s+up|growing\s+up|raised|brought\s+up|spent\s+her\s+childhood)"
            r"\s+(?:in|on|at)\s+",
            re.IGNORECASE,
        ),
        2,
    ),
    (
        re.compile(
            r"\b(?:native\s+of|hails?\s+from|comes?\s+from|came\s+from|is\s+from|"
            r"(?:ballerina|dancer|girl|woman|daughter)\s+from)\s+",
            re.IGNORECASE,
        ),
        1,
    ),
)
# Where the place phrase after a cue ends.
_CLAUSE_END = re.compile(r"[,;:.!?—–()]|\s(?:and|where|when|while|but|to|before|after)\s")
_NEAR = re.compile(r"\b(?:near|outside|north|south|east|west|close\s+to|not\s+far)\b", re.I)
_DEMONYM_DANCER = re.compile(
    r"^(?:[\w-]+\s+){0,2}?(?:ballerina|dancer|girl|woman|prodigy|star|artist)\b"
)


@dataclass(frozen=True)
class OriginFinding:
    """An origin and the sentence that gave it."""

    origin: Origin
    sentence: str


def find_origin(
    sentences: Sequence[Sentence],
    mentions: Sequence[Sequence[Mention]],
    people: Sequence[Sequence[Span]],
    dancer: Sequence[str],
    gazetteer: Gazetteer,
) -> OriginFinding | None:
    """Her birthplace or home town, with evidence; ``None`` when the story does not say."""
    best: tuple[int, int, Origin, str] | None = None
    for sentence, found, spans in zip(sentences, mentions, people, strict=True):
        for strength, start, end in _cues(sentence.text):
            if not about_her(sentence.text, start, dancer, spans, gazetteer.lexicon):
                continue
            origin = _place_after(sentence.text, end, found, strength, gazetteer)
            if origin is not None and (best is None or strength > best[0]):
                best = (strength, sentence.index, origin, sentence.text)
    demonym = _demonym(sentences, mentions, people, dancer, gazetteer)
    if best is None:
        return demonym
    origin, text = best[2], best[3]
    if origin.country is None and demonym is not None:
        origin = Origin(origin.city, demonym.origin.country)
    return OriginFinding(origin, text)


@functools.lru_cache(maxsize=8192)
def _cues(text: str) -> tuple[tuple[int, int, int], ...]:
    """(strength, start, end) of each origin cue in a sentence, strongest kind first.

    Cached: stories share stock sentences.
    """
    return tuple((strength, m.start(), m.end()) for p, strength in _CUES for m in p.finditer(text))


def _place_after(
    text: str, start: int, found: Sequence[Mention], strength: int, gazetteer: Gazetteer
) -> Origin | None:
    """The first place named in the phrase that follows a cue."""
    phrase_end = _phrase_end(text, start)
    lead_in = text[start:phrase_end]
    for mention in found:
        if not start <= mention.start < phrase_end:
            continue
        near = bool(_NEAR.search(text[start : mention.start]))
        if mention.kind == "country":
            return Origin(None, mention.name)
        if mention.kind == "place":
            place = gazetteer.place_names.get(mention.surface) or _place_named(
                mention.name, gazetteer
            )
            if place is None:
                continue
            if place.is_region or near:
                return Origin(None, place.country)
            return Origin(place.name, _country_after(text, mention.end, gazetteer) or place.country)
    # An unknown town named right after "born in" is still her birthplace, as written.
    words = tokens(lead_in)
    if strength == 3 and words and words[0].start == 0 and words[0].capitalised:
        if words[0].text in gazetteer.lexicon.stopwords:
            return None
        name = [words[0].text]
        for word in words[1:]:
            if not word.capitalised or lead_in[: word.start].rstrip() != lead_in[: word.start]:
                break
            name.append(word.text)
        return Origin(" ".join(name), _country_after(text, start + len(" ".join(name)), gazetteer))
    return None


def _phrase_end(text: str, start: int) -> int:
    """Where the place phrase that starts at ``start`` ends (comma, "and", "where" ...)."""
    match = _CLAUSE_END.search(text, start)
    return match.start() if match else len(text)


def _place_named(name: str, gazetteer: Gazetteer) -> Place | None:
    return next((p for p in gazetteer.places if p.name == name), None)


def _country_after(text: str, end: int, gazetteer: Gazetteer) -> str | None:
    """ "Tbilisi, Georgia": a country written right after the city."""
    match = re.match(r",\s+((?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)", text[end:])
    if not match:
        return None
    country = gazetteer.country_names.get(match.group(1))
    return country.name if country else None


def _demonym(
    sentences: Sequence[Sentence],
    mentions: Sequence[Sequence[Mention]],
    people: Sequence[Sequence[Span]],
    dancer: Sequence[str],
    gazetteer: Gazetteer,
) -> OriginFinding | None:
    """ "A Russian ballerina": her country when the story only gives her nationality."""
    for sentence, found, spans in zip(sentences, mentions, people, strict=True):
        for mention in found:
            if mention.kind != "demonym":
                continue
            if not _DEMONYM_DANCER.match(sentence.text[mention.end :].lstrip()):
                continue
            if about_her(sentence.text, mention.start, dancer, spans, gazetteer.lexicon):
                return OriginFinding(Origin(None, mention.name), sentence.text)
    return None
