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
from builder.extract.places import PROSE_CONNECTORS, PlaceIndex, Resolved, place_index
from builder.model import Origin

# Month names as reference pages write them: English (abbreviated too), and the German,
# French, Spanish, Italian and Portuguese forms of pages in those languages ("5. März
# 1979", "4 mai 1950", "3 de mayo de 1981", "12 luglio 1975"), and "the 5th of March, 1979".
# fmt: off
_MONTHS = [
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
    "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
    "nov", "november", "dec", "december",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre",
    "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro",
]
# fmt: on


def _trie(words: list[str]) -> str:
    """A regex matching any of ``words`` whole, as a tree of their shared prefixes: the
    engine tests a letter once per branch, not once per word (dozens of month names are
    tried wherever a date may start)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(c) + pattern(n) for c, n in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(tree)


_MONTH = rf"(?:{_trie(_MONTHS)})(?![^\W\d_])\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|\.)?"
# The other calendar's date in brackets: "December 26 [January 8, New Style], 1909/10",
# "8 January [O.S. 26 December] 1910".
_OTHER_STYLE = r"(?:\s*\[[^\]\n]{1,40}\])?"
_YEAR = r"\d{4}(?:/\d{1,2}(?!\d))?"
_DATE = (
    rf"(?:(?:c\.|circa)\s*)?(?:(?:{_DAY}\s+)?{_MONTH}{_OTHER_STYLE}\s+"
    rf"(?:{_DAY}{_OTHER_STYLE},?\s+)?{_YEAR}|"
    rf"{_DAY}\s+de\s+{_MONTH}\s+(?:de\s+)?\d{{4}}|(?:the\s+)?{_DAY}\s+of\s+{_MONTH},?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4})"
)
_BIRTH_NAME = r"(?:(?-i:[A-Z][\w'’-]*)\s+)"
# ("in Kyiv, the city where she was born": a settlement word may stand between.)
_PLACE_THEN = (
    r"\b(?:in|at|from)\s+(?P<place>(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,3}),?\s+"
    r"(?:(?:the|a)\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|port|capital)\s+)?"
)
STRONG = 2
"""Cues of this strength or more are place cues: a word-like city name counts after them."""
# (pattern, strength): a birthplace beats an upbringing, which beats "from".
_CUES: tuple[tuple[re.Pattern[str], int], ...] = (
    # "born in", "born and raised in", "born to Russian parents in Harbin", "born into a
    # family of musicians in Tbilisi".
    (
        re.compile(
            r"(?<!-)\bborn(?:\s+and\s+(?:raised|bred)|\s+(?:to|into)\s+(?:[\w-]+\s+){0,3}?"
            r"(?:parents|a\s+family|family|émigrés|emigrants)(?:\s+of\s+[\w-]+)?)?"
            r"\s+(?:in|at)\s+",
            re.IGNORECASE,
        ),
        3,
    ),
    # "in Havana, where she was born": the place first (read at its group), the cue after
    # it (about her from "where she").
    (re.compile(_PLACE_THEN + r"(?P<her>where\s+she\s+was\s+born)\b", re.IGNORECASE), 3),
    # "the Tokyo-born principal", "Kharkiv-born Ulyana": the place first, joined to "born".
    (
        re.compile(
            r"(?<![\w-])(?P<place>(?-i:[A-Z])[\w'’.]*(?:\s(?-i:[A-Z])[\w'’.]*){0,2})(?P<her>-born)\b",
            re.IGNORECASE,
        ),
        3,
    ),
    # "born Mar. 3, 1931, Sverdlovsk", "(b. 1931, Sverdlovsk)", "Born: 23 August 1989,
    # Dalian", an infobox's "Born Galina Ulanova 8 January 1910 (1910-01-08) Saint
    # Petersburg" or "Born 4 May 1984 (age 39) Kharkiv", "born in 1974 in Frunze".
    (
        re.compile(
            rf"(?<!-)\b(?:born|b\.)(?:\s*[:|])?\s+{_BIRTH_NAME}{{0,4}}?(?:on\s+|in\s+)?{_DATE}\s*"
            r"(?:\(\s*\d{4}-\d{2}-\d{2}\s*\)\s*)?(?:\(\s*age\s+\d+\s*\)\s*)?"
            r"(?:,\s*(?:in\s+)?|\s+in\s+|\s+(?=[^\W\d_]))",
            re.IGNORECASE,
        ),
        3,
    ),
    # "(b. Frunze, 1949)", "(born Lutsk, 12 May 1931)", "(b St Petersburg, 8 Jan. 1910; d
    # Moscow ...)": a reference's place, then date.
    (
        re.compile(
            rf"(?:(?<!-)\b(?:born|b\.)|\(\s*b)\s+"
            rf"(?=(?-i:[A-Z])[^\W\d_][\w'’., -]{{0,40}}?,\s*{_DATE}\s*[);])",
            re.IGNORECASE,
        ),
        3,
    ),
    # "Marie Dupont (Nantes, 4 May 1950 – Paris, 2 June 2010)": a reference's bracket of
    # birthplace and date right after her name (checked in find_origin).
    (
        re.compile(
            rf"\((?=(?-i:[A-Z])[^\W\d_][\w'’. -]{{0,40}}?,\s*{_DATE}\s*[)–—-])",
            re.IGNORECASE,
        ),
        3,
    ),
    # An infobox's, a CV's or a programme's field: "Born: Brno, Czech Republic", "Place of
    # birth: Olomouc", "Hometown: Accra" (the weaker "From:" below).
    # A table pasted as text: "| Born | Minsk, Byelorussian SSR |".
    (re.compile(r"(?<!-)\b(?:born|place\s+of\s+birth|birthplace)\s*[:|]\s*", re.IGNORECASE), 3),
    # A German, French, Spanish, Italian or Portuguese page's birth phrase: "geboren am 5.
    # März 1979 in Leipzig", "(* 5. März 1979 in Leipzig)", "geb. 1971 in Kassel", "née le
    # 4 mai 1950 à Nantes" (or "née Solène Garnier le ..."), "nacida en Rosario", "nata a
    # Torino", "nascida em Recife".
    # (One pattern a language: each runs only on sentences holding its words.)
    (
        re.compile(
            rf"(?:\bgeboren|\bgeb\.|\(\s*\*)\s*(?:am\s+)?(?:{_DATE}\s+)?in\s+", re.IGNORECASE
        ),
        3,
    ),
    (re.compile(rf"\bn[ée]e?\s+{_BIRTH_NAME}{{0,4}}?(?:le\s+{_DATE},?\s+)?à\s+", re.I), 3),
    (
        re.compile(
            rf"\bnac(?:ida|ido|ió)\s+(?:el\s+{_DATE},?\s+)?en\s+|"
            rf"\bnat[ao]\s+(?:il\s+{_DATE},?\s+)?a\s+|"
            rf"\bnasc(?:ida|ido|eu)\s+(?:em\s+{_DATE},?\s+)?(?:em|no|na)\s+",
            re.IGNORECASE,
        ),
        3,
    ),
    # "born Anna Ivanova in Kazan": her birth name, then the place.
    (re.compile(rf"(?<!-)\bborn\s+{_BIRTH_NAME}{{1,4}}(?:on\s+{_DATE},?\s+)?in\s+", re.I), 3),
    (
        re.compile(
            r"\b(?:grew\s+up|growing\s+up|raised|brought\s+up|spent\s+her\s+childhood)"
            r"\s+(?:in|on|at)\s+",
            re.IGNORECASE,
        ),
        2,
    ),
    (
        re.compile(_PLACE_THEN + r"(?P<her>where\s+she\s+(?:was\s+raised|grew\s+up))\b", re.I),
        2,
    ),
    # "a native of Cork", "hails from Lagos", "originally from Minsk" (a home town, said as
    # such), "her home town of Ufa", "her native Perm", "Hometown: Accra".
    (
        re.compile(
            r"\bnative\s+of\s+|\bhail(?:s|ed|ing)?\s+from\s+|\boriginally\s+from\s+|"
            r"\bher\s+(?:home\s?town|native\s+(?:city|town|village))(?:\s+of|,)?\s+|"
            r"\bher\s+native\s+(?=(?-i:[A-Z]))|^\W*home\s?town\s*:\s*",
            re.IGNORECASE,
        ),
        2,
    ),
    # "A Leipzig native, Katja Weber ...": the place first.
    (
        re.compile(
            r"\b(?:a|an|the)\s+(?P<place>(?-i:[A-Z])[\w'’.-]*(?:\s(?-i:[A-Z])[\w'’.-]*){0,2})"
            r"\s+(?P<her>native)\b(?!\s+of\b)",
            re.IGNORECASE,
        ),
        2,
    ),
    (
        re.compile(
            r"^\W*from\s*:\s*|\b(?:comes?\s+from|came\s+from|is\s+from|"
            r"(?:ballerina|dancer|girl|woman|daughter)\s+from)\s+",
            re.IGNORECASE,
        ),
        1,
    ),
)
# Where the place phrase after a cue ends.
_CLAUSE_END = re.compile(r"[,;:.!?—–()]|\s(?:and|where|when|while|but|to|before|after)\s")
_NEAR = re.compile(r"\b(?:near|outside|north|south|east|west|close\s+to|not\s+far)\b", re.I)
# Words before the place itself: "the village of X", "a town near Y", "1974 in X".
_SETTLEMENT = r"(?:city|town|village|port|settlement|hamlet|township|suburb|capital)"
_LEAD_IN = re.compile(
    rf"(?:(?:on\s+)?{_DATE},?\s+(?:in\s+)?)?"
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


# A word each cue pattern needs: most sentences hold none, and a substring test is far
# cheaper than running a case-insensitive pattern over the sentence.
_CUE_WORDS: tuple[tuple[str, ...], ...] = (
    ("born",),
    ("where she",),
    ("-born",),
    ("born", "b."),
    ("born", "b.", "(b"),
    ("(",),
    ("born", "birth"),
    ("geb", "*"),
    ("à",),
    ("nac", "nata ", "nato ", "nasc"),
    ("born",),
    ("grew", "growing", "raised", "brought", "childhood"),
    ("where she",),
    ("native", "hail", "town", "originally"),
    ("native",),
    ("from",),
)
_SCANS = tuple(
    (pattern, strength, words) for (pattern, strength), words in zip(_CUES, _CUE_WORDS, strict=True)
)


def _cues(text: str) -> tuple[tuple[int, int, int], ...]:
    """(strength, start, end) of each origin cue in a sentence, strongest kind first.

    Not cached: real stories do not share sentences (a cache keyed by the sentence
    only paid on a corpus made of stock ones).
    """
    lowered = text.casefold()
    found: list[tuple[int, int, int]] = []
    for pattern, strength, words in _SCANS:
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
