"""The dancer's name and the other people a story names.

A person is a run of two or three capitalised words (particles and hyphens allowed) that
is not a known place, company, school, ballet or role and has no word that never begins
a name ("Mount", "Theatre", "Adagio"). A single word counts only after a title
("Madame Petrova") or as an apposition to a relation ("her manager, Natasha,").
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.extract.gazetteer import Gazetteer, Lexicon
from builder.extract.mentions import Mention
from builder.extract.text import Run, Sentence, Token, capitalised_runs, is_note

# A run right after these words is a place or a thing ("in Campo de Ourique").
_PLACE_PREPOSITIONS = frozenset(
    ["in", "at", "near", "across", "into", "outside", "around", "through", "inside"]
)
_ARTICLES = frozenset(["the", "a", "an", "The", "A", "An"])
# "Teacher Tessie, as every student called her": a nickname, not a second person.
_NICKNAME_AFTER = re.compile(r"^,?\s+as\s+(?:\w+\s+){0,3}(?:called|calls|knew|know)\b")
_NICKNAME_BEFORE = re.compile(r"\b(?:nicknamed|known\s+as|called)\s+(?:[A-Z]\w*\s+)?$")
_INVERTED = re.compile(r"^\s*([A-ZÀ-Þ][A-ZÀ-Þ'’-]+),\s+([A-ZÀ-Þ][A-ZÀ-Þa-zß-ÿ'’ -]+?)\s*$")
_DISAMBIGUATOR = re.compile(r"\s*\([^)]*\)")


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
    sentence: Sentence, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> list[PersonMention]:
    """People named in one sentence, in text order."""
    return [
        PersonMention(name, words, sentence.index, start, end)
        for name, words, start, end in _people_in(sentence.text, tuple(mentions), gazetteer)
    ]


_Found = tuple[str, tuple[str, ...], int, int]


@functools.lru_cache(maxsize=8192)
def _people_in(
    text: str, mentions: tuple[Mention, ...], gazetteer: Gazetteer
) -> tuple[_Found, ...]:
    """(name, words, start, end) of each person named in ``text``; cached, as stories
    share stock sentences."""
    lexicon = gazetteer.lexicon
    found = []
    for run in capitalised_runs(text, lexicon, lexicon.person_particles):
        for person in _split_people(run):
            name = _as_person(person, text, mentions, gazetteer)
            if name is not None:
                found.append((*name, person.start, person.end))
    return tuple(found)


def _split_people(run: Run) -> list[Run]:
    """A run is at most one name; a possessive word ends it ("Fernand Nault’s Casse-Noisette")."""
    for index, token in enumerate(run.tokens[:-1]):
        if token.possessive:
            head, tail = run.tokens[: index + 1], run.tokens[index + 1 :]
            return [_sub_run(run, head), *_split_people(_sub_run(run, tail))]
    return [run]


def _sub_run(run: Run, part: tuple[Token, ...]) -> Run:
    start, end = part[0].start, part[-1].end
    offset = start - run.start
    return Run(part, run.text[offset : offset + end - start], start, end)


def _as_person(
    run: Run, text: str, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> tuple[str, tuple[str, ...]] | None:
    """The person's name and its words (no title) when ``run`` names a person."""
    lexicon = gazetteer.lexicon
    words = list(run.words)
    title = None
    while words and words[0] in lexicon.honorifics:
        title = words.pop(0)
    if not words or len(words) > 4 or any(w in lexicon.non_name_words for w in words):
        return None
    if any(w in lexicon.stopwords for w in words[1:]) or _overlaps(run, mentions):
        return None
    if _is_known_thing(" ".join(words), gazetteer):
        return None
    before = text[: run.start]
    previous = before.rsplit(None, 1)[-1:] or [""]  # its last word, without splitting it all
    if previous[0] in _ARTICLES and not title:
        return None
    if previous[0].lower() in _PLACE_PREPOSITIONS and not run.tokens[-1].possessive:
        return None
    if _NICKNAME_AFTER.match(text[run.end :]) or _NICKNAME_BEFORE.search(before):
        return None
    if len(words) == 1 and not title and not _is_apposition(before, text[run.end :], lexicon):
        return None
    name = " ".join(([title] if title and len(words) == 1 else []) + words)
    return name, tuple(words)


def _overlaps(run: Run, mentions: Sequence[Mention]) -> bool:
    return any(m.start < run.end and run.start < m.end for m in mentions)


def _is_known_thing(name: str, gazetteer: Gazetteer) -> bool:
    return any(
        name in table
        for table in (
            gazetteer.place_names,
            gazetteer.country_names,
            gazetteer.demonyms,
            gazetteer.ballet_titles,
            gazetteer.role_names,
            gazetteer.company_names,
            gazetteer.school_names,
        )
    )


def _is_apposition(before: str, after: str, lexicon: Lexicon) -> bool:
    """ "her manager, Natasha," / "her teacher Natasha": a lone first name that is a person."""
    match = re.search(r"\b(\w+),?\s+$", before)
    return bool(match and match.group(1) in lexicon.relations and re.match(r"^[,.;)]", after))


def merge_people(mentions: Sequence[PersonMention], dancer: tuple[str, ...]) -> list[PersonMention]:
    """One entry per person, in order of first mention, under the fullest form used.

    "Bondarenko" joins "Larysa Bondarenko"; "Madame Petrova" joins "Natalia Petrova" when
    the story gives the first name; any name made only of the dancer's words is her.
    """
    own = {w.casefold() for w in dancer}
    others = [m for m in mentions if not {w.casefold() for w in m.words} <= own]
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


def dancer_name(sentences: Sequence[Sentence], gazetteer: Gazetteer) -> tuple[str, Sentence] | None:
    """The dancer's full name: the name that opens the story.

    First choice is a sentence that starts with a name ("Marta Valadares was born ...",
    "ULANOVA, GALINA", "松山樹子 was born ..."), skipping notes and front-matter-like lines;
    failing that, the first name in the opening sentences ("In 1985, Elena Sorokina ...").
    """
    opening = [s for s in sentences if not is_note(s)][:_OPENING_SENTENCES]
    for sentence in opening:
        name = _name_at_start(_DISAMBIGUATOR.sub("", sentence.text.lstrip("#*> \t")), gazetteer)
        if name is not None:
            return name, sentence
    for sentence in opening[:3]:
        for name, _ in _names_in(_DISAMBIGUATOR.sub("", sentence.text), gazetteer):
            return name, sentence
    return None


# How far into the story the dancer's name may first appear.
_OPENING_SENTENCES = 8
# Scripts without capitals (CJK, Arabic, Hebrew ...): a name is the words before the verb.
# (Each word taken whole, "++": a name never ends mid-word, and letting the engine try
# every split of every word made this the slowest pattern of the extractor.)
_CASELESS_NAME = re.compile(r"^((?:[^\W\d_]++ ?){1,4}?)\s*(?=,|\s+(?:was|is|has|had)\b)")


def _name_at_start(text: str, gazetteer: Gazetteer) -> str | None:
    inverted = _INVERTED.match(text)
    if inverted:
        surname, given = inverted.groups()
        return f"{given.title()} {surname.title()}"
    caseless = _CASELESS_NAME.match(text)
    if caseless and all(not c.isalpha() or c.upper() == c.lower() for c in caseless.group(1)):
        return caseless.group(1).strip()
    for name, start in _names_in(text, gazetteer):
        return name if start == 0 else None
    return None


def _names_in(text: str, gazetteer: Gazetteer) -> list[tuple[str, int]]:
    """Candidate full names in ``text`` (titles dropped), with where each starts."""
    lexicon = gazetteer.lexicon
    names = []
    for run in capitalised_runs(text, lexicon, lexicon.person_particles):
        words = list(_split_people(run)[0].words)
        while words and words[0] in lexicon.honorifics:
            words.pop(0)
        if (
            2 <= len(words) <= 4
            and not any(w in lexicon.non_name_words for w in words)
            and not _is_known_thing(" ".join(words), gazetteer)
        ):
            if all(w.isupper() for w in words):
                words = [w.title() for w in words]
            names.append((" ".join(words), run.start))
    return names
