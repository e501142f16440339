"""The other people a story names (her own name: :mod:`~builder.extract.dancer`).

A person is a run of two or three capitalised words (particles and hyphens allowed) that
is not a known place, company, school, ballet or role and has no word that never begins
a name ("Mount", "Theatre", "Adagio"). A single word counts only after a title
("Madame Petrova") or as an apposition to a relation ("her manager, Natasha,").
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from builder.extract.gazetteer import Gazetteer, Lexicon
from builder.extract.mentions import Mention, is_known_name
from builder.extract.text import Run, Sentence, Token, Words, capitalised_runs

# A run right after these words is a place or a thing ("in Campo de Ourique").
_PLACE_PREPOSITIONS = frozenset(
    ["in", "at", "near", "across", "into", "outside", "around", "through", "inside"]
)
_ARTICLES = frozenset(["the", "a", "an", "The", "A", "An"])
# "Teacher Tessie, as every student called her": a nickname, not a second person.
_NICKNAME_AFTER = re.compile(r"^,?\s+as\s+(?:\w+\s+){0,3}(?:called|calls|knew|know)\b")
_NICKNAME_BEFORE = re.compile(r"\b(?:nicknamed|known\s+as|called)\s+(?:[A-Z]\w*\s+)?$")


@dataclass(frozen=True)
class PersonMention:
    """A person named in a sentence; ``name`` drops a title unless it is all there is."""

    name: str
    words: tuple[str, ...]
    """The name's words without any title (for matching "Bondarenko" to its full form)."""
    sentence: int
    start: int
    end: int


def person_mentions(
    sentence: Sentence,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    runs: tuple[Run, ...] | None = None,
) -> list[PersonMention]:
    """People named in one sentence, in text order (``runs``: its :func:`person_runs`,
    when the caller has them)."""
    text = sentence.text
    if runs is None:
        runs = person_runs(text, gazetteer.lexicon)
    found = []
    for run in runs:
        for person in split_people(run):
            maker = _maker(person, text, mentions, gazetteer)
            if maker is not None:
                name, start = maker
                found.append(
                    PersonMention(name, tuple(name.split()), sentence.index, start, person.end)
                )
                continue
            named = _as_person(person, text, mentions, gazetteer)
            if named is not None:
                found.append(PersonMention(*named, sentence.index, person.start, person.end))
    return found


def _maker(
    run: Run, text: str, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> tuple[str, int] | None:
    """(name, start) when a lone word is the surname of a ballet's composer or
    choreographer (the gazetteer's ``makers``): "Delibes gives her trumpets" names a
    person, and "in August Bournonville's La Sylphide" names him in full, though "August"
    alone would be read as the month."""
    if len(run.words) != 1 or _overlaps(run, mentions):
        return None
    surname = run.words[0]
    for full in gazetteer.makers.get(surname, ()):
        start = run.end - len(full)
        if start >= 0 and text[start : run.end] == full and not text[start - 1 : start].isalnum():
            return full, start
    return (surname, run.start) if surname in gazetteer.makers else None


def person_runs(text: str, lexicon: Lexicon, words: Words | None = None) -> tuple[Run, ...]:
    """The runs of capitalised words a person's name can be: joined by particles
    ("Ninette de Valois") but not by "of" or "and"."""
    return capitalised_runs(text, lexicon, lexicon.person_particles, words)


def split_people(run: Run) -> list[Run]:
    """A run is at most one name; a possessive word ends it ("Fernand Nault’s Casse-Noisette").

    What follows a person's possessive is something of theirs (a work, a company), not
    a second person, so only the head is kept.
    """
    if run.tokens[0].text.endswith(_QUALIFIERS):
        # "the Cuban-born Carlos Acosta", "London-based Anna Berg": the name after it.
        if len(run.tokens) == 1:
            return []
        run = _sub_run(run, run.tokens[1:])
    for index, token in enumerate(run.tokens[:-1]):
        if token.possessive:
            return [_sub_run(run, run.tokens[: index + 1])]
    return [run]


# A capitalised word that qualifies the name after it ("Cuban-born", "Paris-trained").
_QUALIFIERS = ("-born", "-based", "-trained", "-raised", "-educated", "-bred")


def _sub_run(run: Run, part: tuple[Token, ...]) -> Run:
    start, end = part[0].start, part[-1].end
    offset = start - run.start
    return Run(part, run.text[offset : offset + end - start], start, end)


def _as_person(
    run: Run, text: str, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> tuple[str, tuple[str, ...]] | None:
    """The person's name and its words (no title) when ``run`` names a person."""
    if _overlaps(run, mentions):
        return None  # part of a named thing (most runs): the first test, the cheapest
    lexicon = gazetteer.lexicon
    words = list(run.words)
    title = None
    while words and (words[0] in lexicon.honorifics or words[0] in lexicon.job_titles):
        word = words.pop(0)
        title = word if word in lexicon.honorifics else title
    while words and (words[-1] in lexicon.job_titles or words[-1] in lexicon.postnominals):
        words.pop()
    if words and all(w.isupper() for w in words) and _BYLINE.match(text[: run.start]):
        words = [w.title() for w in words]  # "By ALICE JONES | Staff Writer"
    if not words or len(words) > 4 or not _name_shaped(words, lexicon):
        return None
    if any(w in lexicon.stopwords for w in words[1:]):
        return None
    if is_known_thing(" ".join(words), gazetteer):
        return None
    before = text[: run.start]
    if _is_place_apposition(before, mentions) or _PLACE_AFTER.match(text[run.end :]):
        return None
    if _CHARACTER_AFTER.match(text[run.end :]) and _CHARACTER_BEFORE.search(before[-60:]):
        return None
    if _names_a_ballet_after(text, run.end, mentions):
        return None
    previous = before.rsplit(None, 1)[-1:] or [""]  # its last word, without splitting it all
    if previous[0] in _ARTICLES and not title:
        return None
    if previous[0].lower() in _PLACE_PREPOSITIONS and not run.tokens[-1].possessive:
        return None
    if _NICKNAME_AFTER.match(text[run.end :]) or _NICKNAME_BEFORE.search(before):
        return None
    if _PUBLICATION_BEFORE.search(before[-40:]) or _PUBLICATION_AFTER.match(text, run.end):
        return None
    if len(words) == 1 and not title and not _is_apposition(before, text[run.end :], lexicon):
        return None
    # An initial keeps its full stop ("E. Virginia Williams").
    written = [f"{w}." if len(w) == 1 and w.isupper() and f"{w}." in run.text else w for w in words]
    name = " ".join(([title] if title and len(words) == 1 else []) + written)
    return name, tuple(words)


def _name_shaped(words: Sequence[str], lexicon: Lexicon) -> bool:
    """A name has no word that never names a person (nor such a part of a hyphenated
    word), does not open with a title's article ("Les Mirages", "Het Parool"), and is not
    written all in capitals (a heading or a section: "PERSONAL DETAILS"), and is not
    made of initials and abbreviations alone ("B. St.")."""
    if words[0] in lexicon.title_articles and len(words) > 1:
        return False
    if all(w.isupper() and len(w) > 1 for w in words) or all(len(w) <= 2 for w in words):
        return False
    parts = [part for w in words for part in (w, *w.split("-"))]
    return not any(part in lexicon.non_name_words for part in parts)


# A byline's "By " before the writer's name, which may be in capitals.
_BYLINE = re.compile(r"^\W*by\s+$", re.IGNORECASE)
# "the Sunday Review section of Dagens Nyheter", "the newspaper Le Monde": a publication.
_PUBLICATION_BEFORE = re.compile(
    r"\b(?:section|column|pages|edition|issue|supplement)\s+of\s+(?:the\s+)?$|"
    r"\b(?:newspaper|magazine|journal)\s+$|"
    # "the Laurence Olivier Award for Outstanding Achievement in Dance": the award's name.
    r"\b(?:Award|Prize|Medal|Order|Trophy)s?\s+(?:for|of|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "named Dancer of the Year by Dance Europe magazine": a publication or a channel.
_PUBLICATION_AFTER = re.compile(
    r"\s+(?:magazine|newspaper|journal|website|blog|channel|podcast|radio|television|TV)\b",
    re.IGNORECASE,
)
# "Bulawayo, Southern Rhodesia": a run right after a place and a comma is part of the place.
_AFTER_COMMA = re.compile(r",\s*$")
# "Bulawayo (now Zimbabwe)", "Frunze (today Bishkek)".
_PLACE_AFTER = re.compile(r"^\s*\((?:now|today|present-day|modern)\b", re.IGNORECASE)
# "as a proud Mekhmeneh Banu in ...", "Wu Qinghua (The Red Detachment ...)": a character.
_CHARACTER_BEFORE = re.compile(
    r"(?<!well )(?<!such )(?<!known )\bas\s+(?:(?:a|an|the|her)\s+)?(?:[a-z]+,?\s+){0,2}$"
)
_CHARACTER_AFTER = re.compile(r"^\s+(?:in|from)\s+\S")


_OPENING_BRACKET = re.compile(r"\s*\(")


def _names_a_ballet_after(text: str, end: int, mentions: Sequence[Mention]) -> bool:
    """ "Wu Qinghua (The Red Detachment of Women)": a role listed with its ballet."""
    match = _OPENING_BRACKET.match(text, end)
    return bool(match) and any(m.kind == "ballet" and m.start == match.end() for m in mentions)


def _is_place_apposition(before: str, mentions: Sequence[Mention]) -> bool:
    stripped = before.rstrip()
    if not stripped.endswith(","):
        return False
    comma = len(stripped) - 1
    return any(m.end == comma and m.kind in ("place", "country", "demonym") for m in mentions)


def _overlaps(run: Run, mentions: Sequence[Mention]) -> bool:
    return any(m.start < run.end and run.start < m.end for m in mentions)


def is_known_thing(name: str, gazetteer: Gazetteer) -> bool:
    return is_known_name(name, gazetteer)


def _is_apposition(before: str, after: str, lexicon: Lexicon) -> bool:
    """ "her manager, Natasha," / "her teacher Natasha": a lone first name that is a person."""
    match = re.search(r"\b(\w+),?\s+$", before)
    return bool(match and match.group(1) in lexicon.relations and re.match(r"^[,.;)]", after))


def merge_people(
    mentions: Sequence[PersonMention], dancer: tuple[str, ...], her_words: Sequence[str] = ()
) -> list[PersonMention]:
    """One entry per person, in order of first mention, under the fullest form used.

    "Bondarenko" joins "Larysa Bondarenko"; "Madame Petrova" joins "Natalia Petrova" when
    the story gives the first name; any name made only of the dancer's words is her.
    """
    own = {w.casefold() for w in (*dancer, *her_words)}
    others = [
        m
        for m in mentions
        if not {w.casefold() for w in m.words} <= own and not _spelled_like(m.words, dancer)
    ]
    fullest_form = _fullest_forms(others)
    fullest: dict[str, PersonMention] = {}
    order: list[str] = []
    for mention in others:
        key = _key(mention, fullest_form)
        if key not in fullest:
            order.append(key)
            fullest[key] = mention
        elif len(mention.words) > len(fullest[key].words):
            fullest[key] = mention
    return [fullest[key] for key in order]


# How alike two given names must be to be one name transliterated twice (Ulyana, Uliana).
_SAME_GIVEN_NAME = 0.75


def _spelled_like(words: Sequence[str], dancer: Sequence[str]) -> bool:
    """ "Uliana Tkachenko" for Ulyana Tkachenko: her surname with her given name spelled
    another way is her, not a relative (Boris Tkachenko is someone else); so are her
    words in another order ("Satō Keiko", surname first)."""
    if len(words) < 2 or len(dancer) < 2:
        return False
    # "Satō Keiko" for Keiko Sato: her words in the other order, with or without macrons.
    if sorted(map(_plain, words)) == sorted(map(_plain, dancer)):
        return True
    if _plain(words[-1]) != _plain(dancer[-1]):
        return False
    ratio = difflib.SequenceMatcher(None, _plain(words[0]), _plain(dancer[0])).ratio()
    return ratio >= _SAME_GIVEN_NAME


def _plain(word: str) -> str:
    return unicodedata.normalize("NFKD", word.casefold()).encode("ascii", "ignore").decode()


def _fullest_forms(everyone: Sequence[PersonMention]) -> dict[frozenset[str], tuple[str, ...]]:
    """For every set of (casefolded) words some name holds, the longest name holding them
    all, the first one used on a tie.

    Indexed by every subset of each name's words (a name has at most four, so sixteen
    subsets), so that merging costs time linear in the number of mentions, not the
    square: a story that is a list of ten thousand names must not stall the build.
    """
    forms: dict[frozenset[str], tuple[str, ...]] = {}
    for mention in everyone:
        words = sorted({w.casefold() for w in mention.words})
        for size in range(1, len(words) + 1):
            for subset in itertools.combinations(words, size):
                key = frozenset(subset)
                known = forms.get(key)
                if known is None or len(mention.words) > len(known):
                    forms[key] = mention.words
    return forms


def _key(mention: PersonMention, fullest_form: dict[frozenset[str], tuple[str, ...]]) -> str:
    """The fullest name whose words include all of this mention's words."""
    best = fullest_form.get(frozenset(w.casefold() for w in mention.words), mention.words)
    if len(best) <= len(mention.words):
        best = mention.words
    return " ".join(best).casefold()
