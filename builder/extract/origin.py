"""Where she was born or raised.

Only birth and upbringing cues count ("born in", "grew up in", "a native of", "the
ballerina from", and the reference forms "born Mar. 3, 1931, Sverdlovsk" and an infobox's
"Born 4 May 1984 (age 39) Kharkiv, Ukrainian SSR"); where she studied, moved, toured or
was injured never does. The place is read right after the cue, in the world gazetteer
(:mod:`builder.extract.places`): a city gives its country unless the text names another
("Kazan, Russia"; "St. Petersburg, Florida"), a country alone leaves the city unknown, a
region is never a city, a former state ("Soviet Union") gives no country, and a place
"near" or "outside" a city gives only that city's country. City names that are also words
or surnames (Bath, Reading, Kirov) count only after a strong cue, never after "from".
A demonym ("a Russian ballerina") fills the country only when nothing better is said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.extract.context import Span, about_her, negated
from builder.extract.document import Document
from builder.extract.gazetteer import Gazetteer
from builder.extract.mentions import Mention
from builder.extract.origin_cues import CUES, DATE, STRONG
from builder.extract.places import PROSE_CONNECTORS, PlaceIndex, Resolved, place_index
from builder.model import Origin

# Where the place phrase after a cue ends.
_CLAUSE_END = re.compile(r"[,;:.!?—–()]|\s(?:and|where|when|while|but|to|before|after)\s")
_NEAR = re.compile(r"\b(?:near|outside|north|south|east|west|close\s+to|not\s+far)\b", re.I)
# Words before the place itself: "the village of X", "a town near Y", "1974 in X".
_SETTLEMENT = r"(?:city|town|village|port|settlement|hamlet|township|suburb|capital)"
_LEAD_IN = re.compile(
    rf"(?:(?:on\s+)?{DATE},?\s+(?:in\s+)?)?"
    rf"(?:(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?{_SETTLEMENT}\s+of\s+)?",
    re.IGNORECASE,
)
_NEAR_LEAD_IN = re.compile(
    rf"(?:(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?{_SETTLEMENT}\s+)?"
    r"(?:near|outside|(?:just\s+)?(?:north|south|east|west)\s+of|close\s+to|not\s+far\s+from)"
    r"\s+(?:the\s+city\s+of\s+)?",
    re.IGNORECASE,
)
# After a city: ", Ukrainian SSR", ", a town in Y", " (now Zimbabwe)", " near Y".
_SEGMENT_LEAD = re.compile(
    rf"\s*(?:,\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?{_SETTLEMENT}\s+(?:in|of|near)\s+)?"
    r"(?:\(\s*(?:now|today)\s+(?:in\s+)?)?|\(\s*(?:now|today)\s+(?:in\s+)?|\s+(?:near|outside)\s+)"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_REACH = 120
# After a negated cue, the place the text gives instead.
_BUT_IN = re.compile(r"\bbut\s+(?:rather\s+|instead\s+)?(?:in|at)\s+", re.IGNORECASE)
"""How far back before a cue its lead-in words are looked for (keeps a long line linear)."""
_ON = re.compile(r"\bon\s+$", re.IGNORECASE)
_BORN_IN = re.compile(r"\b(?:in|at|à|en|em|a)\s+$", re.IGNORECASE)
_INITIALISM = re.compile(r"\b[A-Z]\.$")
_WORD = re.compile(r"[^\W\d_][\w'’.]*(?:-[\w'’.]+)*")
_MAX_WORDS = 5
_NOT_PLACES = frozenset(["company", "house", "venue", "school", "ballet", "role"])
_DEMONYM_DANCER = re.compile(
    r"^(?:[\w-]+\s+){0,2}?(?:ballerina|dancer|girl|woman|prodigy|star|artist)\b"
)


@dataclass(frozen=True)
class OriginFinding:
    """An origin and the sentence that gave it."""

    origin: Origin
    sentence: str


def find_origin(document: Document) -> OriginFinding | None:
    """Her birthplace or home town, with evidence; ``None`` when the story does not say."""
    gazetteer, dancer = document.gazetteer, document.her_words
    places = place_index(gazetteer)
    best: tuple[int, int, Origin, str] | None = None
    for sentence, found, spans in document.by_sentence():
        for strength, start, end in _cues(sentence.text):
            if best is not None and strength <= best[0]:
                continue
            if not about_her(sentence.text, start, dancer, spans, gazetteer.lexicon):
                continue  # ("Petrova, who was born in Donetsk" is about her: context.py)
            if sentence.text[start] == "(" and not _after_her_name(sentence.text, start, dancer):
                continue  # a bracket of place and date is hers only right after her name
            if sentence.text.startswith("-born", start) and _born_other(
                sentence.text, start, spans
            ):
                continue  # "the London-born choreographer Wayne Eagling": his
            if _names_a_person(sentence.text, end, dancer, spans):
                continue  # "Born in 1950, Anna Petrova joined ...": she, not a place
            if negated(sentence.text, start, reach=12):
                # "was not born in Moscow, as is often written, but in Kazan": Kazan.
                instead = _BUT_IN.search(sentence.text, end, end + _REACH)
                if instead is None:
                    continue
                end = instead.end()
            # "Tokyo-born": the place is the words before "-born", and only they.
            limit = start if sentence.text.startswith("-born", start) else None
            origin = _place_after(sentence.text, end, found, strength, gazetteer, places, limit)
            if origin is not None:
                best = (strength, sentence.index, origin, sentence.text)
    demonym = _demonym(document)
    if best is None:
        return demonym
    origin, text = best[2], best[3]
    if origin.country is None and demonym is not None:
        origin = Origin(origin.city, demonym.origin.country)
    return OriginFinding(origin, text)


def _cues(text: str) -> tuple[tuple[int, int, int], ...]:
    """(strength, start, end) of each origin cue in a sentence, strongest kind first.

    Not cached: real stories do not share sentences (a cache keyed by the sentence
    only paid on a corpus made of stock ones).
    """
    lowered = text.casefold()
    found: list[tuple[int, int, int]] = []
    for pattern, strength, words in CUES:
        for word in words:
            if word in lowered:
                found += [(strength, *_cue_span(m)) for m in pattern.finditer(text)]
                break
    return tuple(found)


def _cue_span(match: re.Match[str]) -> tuple[int, int]:
    """Where a cue is read about her, and where its place starts: a cue that follows its
    place names both groups."""
    if match.re.groupindex:
        return match.start("her"), match.start("place")
    return match.start(), match.end()


def _place_after(
    text: str,
    start: int,
    found: Sequence[Mention],
    strength: int,
    gazetteer: Gazetteer,
    places: PlaceIndex,
    limit: int | None = None,
) -> Origin | None:
    """The place named in the phrase that follows a cue (exactly up to ``limit`` when
    given)."""
    phrase_end = _phrase_end(text, start) if limit is None else limit
    near = _NEAR_LEAD_IN.match(text, start)
    at = near.end() if near else _LEAD_IN.match(text, start).end()  # type: ignore[union-attr]
    # "raised on Pushkin and Lermontov": after "on" only hand-written places count.
    world = not _ON.search(text, max(0, start - _REACH), start)
    named = _name_at(text, at, found, strength, places, world)
    if named is _BLOCKED:
        return None
    if limit is not None and not (isinstance(named, tuple) and named[1] == limit):
        return None
    if isinstance(named, tuple):
        form, end, kind = named
        if kind == "former":
            return None
        if kind == "country":
            return Origin(None, places.country(form))
        resolved = places.resolve(form, *_countries_after(text, end, places))
        if resolved is not None:
            return _origin(resolved, near_only=near is not None)
    # A known place further into the phrase: "grew up in a fishing village in Norway".
    for mention in found:
        if not at <= mention.start < phrase_end:
            continue
        if mention.kind == "country":
            return Origin(None, mention.name)
        if mention.kind == "place":
            after = _countries_after(text, mention.end, places)
            resolved = places.resolve(mention.surface, *after)
            if resolved is not None:
                is_near = bool(_NEAR.search(text[start : mention.start]))
                return _origin(resolved, near_only=is_near)
    # An unknown town named right after "born in" is still her birthplace, as written
    # (not after a date: "Born 4 May 1984, Anna ..." may go on with her name).
    if (
        strength == 3
        and near is None
        and named is None
        and _BORN_IN.search(text, max(0, start - _REACH), start)
    ):
        return _unknown_town(text, at, gazetteer, places)
    return None


def _after_her_name(text: str, start: int, dancer: Sequence[str]) -> bool:
    """True when one of her name's words ends right before ``start``."""
    before = text[max(0, start - 40) : start].rstrip()
    word = before.rsplit(maxsplit=1)[-1] if before else ""
    return word in dancer


# After "X-born": a few lower-case words ("principal", "choreographer") before a name.
_AFTER_BORN = re.compile(r"-born\s+(?:[^\W\d_A-Z][\w-]*\s+){0,3}")


def _born_other(text: str, start: int, people: Sequence[Span]) -> bool:
    """True when "X-born" qualifies someone else's name ("the Cuban-born Carlos Acosta")."""
    at = _AFTER_BORN.match(text, start)
    return at is not None and any(span.start == at.end() for span in people)


def _names_a_person(text: str, end: int, dancer: Sequence[str], people: Sequence[Span]) -> bool:
    """True when the words after a cue (past a date) are her name or another person's."""
    at = _LEAD_IN.match(text, end).end()  # type: ignore[union-attr]
    words = _words_at(text, at)
    if not words:
        return False
    own = {w.casefold() for w in dancer}
    if any(w.casefold() in own for w, _, _ in words):
        return True
    # Another person's full name ("Born in 1950, Anna Petrova ..."), not one word of it
    # that is also a place ("born in Sofia", whoever Sofia Golovkina is).
    return len(words) >= 2 and any(span.start == at for span in people)


def _origin(resolved: Resolved, near_only: bool) -> Origin:
    """ "a village near Kazan" gives Kazan's country only."""
    return Origin(None if near_only else resolved.city, resolved.country)


_BLOCKED = object()


def _name_at(
    text: str,
    at: int,
    found: Sequence[Mention],
    strength: int,
    places: PlaceIndex,
    world: bool = True,
) -> tuple[str, int, str] | object | None:
    """The longest place, country or former state named at ``at``: (form, end, kind);
    ``_BLOCKED`` when a company, school or work is named there ("came from the Kirov")."""
    for mention in found:
        if mention.kind not in _NOT_PLACES or mention.end <= at:
            continue
        lead = text[at : mention.start].casefold()
        if mention.start > at and lead != "the ":
            continue  # further on ("born in Truro, ... to the Royal Ballet School")
        if lead == "the " or mention.surface[:4].casefold() == "the ":
            return _BLOCKED  # "came from the Kirov": the company
        # "born in Kirov": a city named like a company, after a strong cue only.
        if mention.start <= at and (strength < STRONG or not places.is_known(mention.surface)):
            return _BLOCKED
    words = _words_at(text, at)
    for count in range(len(words), 0, -1):
        last = words[count - 1]
        if last[0] in PROSE_CONNECTORS:
            continue
        end = last[2]
        form = text[at:end].rstrip(".") if not text[at:end].endswith("St.") else text[at:end]
        if places.is_former_state(form):
            return form, end, "former"
        if places.is_country(form):
            return form, end, "country"
        if places.is_known(form, world):
            if strength < STRONG and places.needs_strong_cue(form):
                return _BLOCKED
            return form, end, "place"
    return None


def _words_at(text: str, at: int) -> list[tuple[str, int, int]]:
    """The capitalised words of a name starting at ``at`` (connectors allowed inside)."""
    words: list[tuple[str, int, int]] = []
    position = at
    while len(words) < _MAX_WORDS:
        match = _WORD.match(text, position)
        if match is None:
            break
        word = match.group()
        if not (word[0].isupper() or (words and word in PROSE_CONNECTORS)):
            break
        if word.endswith("-born"):  # "Tokyo-born": the place, and no word after it
            words.append((word[:-5], match.start(), match.end() - 5))
            break
        words.append((word, match.start(), match.end()))
        following = text[match.end() : match.end() + 2]
        if len(following) < 2 or following[0] != " " or following[1].isspace():
            break
        if word.endswith(".") and not word.endswith("St."):
            break
        position = match.end() + 1
    return words


def _countries_after(text: str, end: int, places: PlaceIndex) -> tuple[tuple[str, ...], bool]:
    """The countries the text names after a city ("Tbilisi, Georgia"; "Dalian, Liaoning,
    China"; "Reading, Pennsylvania"; "Bulawayo, Southern Rhodesia (now Zimbabwe)"),
    written countries first, then the countries of written regions; and whether a
    capitalised segment the gazetteers do not know came first (a county, a district ...)."""
    unknown = False
    written: list[str] = []
    regions: list[str] = []
    position = end
    for _ in range(3):
        lead = _SEGMENT_LEAD.match(text, position)
        if lead is None or lead.end() == position:
            break
        words = _words_at(text, lead.end())
        if not words:
            break
        position = words[-1][2]
        for count in range(len(words), 0, -1):
            form = text[lead.end() : words[count - 1][2]]
            if not _INITIALISM.search(form):  # keep "U.S.S.R.", drop a full stop
                form = form.rstrip(".")
            country = places.country(form)
            region = places.region_country(form)
            if country is None and region is None and _NEAR.search(lead.group()):
                nearby = places.resolve(form)  # "the village of X near Chelyabinsk"
                country = nearby.country if nearby is not None else None
            if country is None and region is None and not places.is_former_state(form):
                continue
            position = words[count - 1][2]
            if country is not None:
                written.append(country)
            if region is not None:
                regions.append(region)  # "Atlanta, Georgia": the state's country too
            break
        else:
            unknown = True
        if written:
            break
        if text[position : position + 1] == ")":
            position += 1
    return tuple(dict.fromkeys([*written, *regions])), unknown


def _unknown_town(text: str, at: int, gazetteer: Gazetteer, places: PlaceIndex) -> Origin | None:
    """ "born in Ozyorsk": a capitalised name the gazetteers lack, kept as written."""
    words = _words_at(text, at)
    if not words or words[0][0] in gazetteer.lexicon.stopwords:
        return None
    end = words[-1][2]
    name = text[at:end].rstrip(".")
    if places.is_known(name) or name in gazetteer.lexicon.non_name_words:
        return None
    countries, _ = _countries_after(text, end, places)
    return Origin(name, countries[0] if countries else None)


def _phrase_end(text: str, start: int) -> int:
    """Where the place phrase that starts at ``start`` ends (comma, "and", "where" ...)."""
    match = _CLAUSE_END.search(text, start)
    return match.start() if match else len(text)


def _demonym(document: Document) -> OriginFinding | None:
    """ "A Russian ballerina": her country when the story only gives her nationality."""
    dancer, lexicon = document.her_words, document.gazetteer.lexicon
    for sentence, found, spans in document.by_sentence():
        for mention in found:
            if mention.kind != "demonym":
                continue
            if not _DEMONYM_DANCER.match(sentence.text[mention.end :].lstrip()):
                continue
            if about_her(sentence.text, mention.start, dancer, spans, lexicon):
                return OriginFinding(Origin(None, mention.name), sentence.text)
        # "the Russian-born principal" (one word to the gazetteer's matcher).
        for match in _DEMONYM_BORN.finditer(sentence.text) if "-born" in sentence.text else ():
            country = document.gazetteer.demonyms.get(match.group(1))
            if country is None or _born_other(sentence.text, match.end(1), spans):
                continue
            if about_her(sentence.text, match.start(), dancer, spans, lexicon):
                return OriginFinding(Origin(None, country.name), sentence.text)
    return None


_DEMONYM_BORN = re.compile(r"(?<![\w-])([A-Z][^\W\d_]+)-born\b")
