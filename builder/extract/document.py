"""A story read once: the frozen document every field's stage reads.

:func:`read_document` does the reading every field shares, once: the sentences (without
page chrome, see :mod:`~builder.extract.layout`), the named things in each (gazetteer
names, names read from their head words, acronyms the text defines, titles set off by
typography), the dancer (her name, its sentence, every word that names her), and the
other people with where they stand in each sentence (so a clause about someone else is
not read as hers). The stages in :mod:`~builder.extract.extractor` only read it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from builder.extract.context import Span
from builder.extract.dancer import dancer_aliases, dancer_name
from builder.extract.gazetteer import Gazetteer
from builder.extract.layout import read_sentences
from builder.extract.mentions import Mention, find_mentions
from builder.extract.people import PersonMention, merge_people, person_mentions, person_runs
from builder.extract.places import place_index
from builder.extract.text import Run, Sentence, Words, same_runs, scan
from builder.extract.titles import unknown_ballets


@dataclass(frozen=True)
class Dancer:
    """The woman the story is about, as the text names her."""

    name: str
    sentence: Sentence
    """The sentence her name was read from."""
    rule: str
    """Which naming rule gave it (an opening name, an inverted heading ...)."""
    words: tuple[str, ...]
    """Her name's words."""
    other_words: tuple[str, ...]
    """Capitalised words of every name that is hers: the name, its fullest form, a
    birth name, other spellings ("Kuzmina", "Uliana")."""


@dataclass(frozen=True, eq=False)
class Document:
    """One story, read once; every field's stage is a pure function of it."""

    text: str
    """The NFC text the sentences are slices of."""
    gazetteer: Gazetteer
    sentences: tuple[Sentence, ...]
    mentions: tuple[tuple[Mention, ...], ...]
    """Per sentence: the named things in it, in text order, non-overlapping."""
    mention_rules: Mapping[tuple[int, int], str]
    """(sentence, start) -> the rule that read a mention not taken from the gazetteer."""
    dancer: Dancer | None
    people: tuple[PersonMention, ...]
    """Everyone else named, once each, in order of first mention, fullest form."""
    people_spans: tuple[tuple[Span, ...], ...]
    """Per sentence: where someone other than her is named (by any word of a name)."""
    words: tuple[Words, ...]
    """Per sentence: its capitalised words and connectors, scanned once for every reader."""
    about_a_man: bool = False
    """Read with its pronouns turned (:mod:`builder.extract.pronouns`): a ballet's lead
    (a woman's role) is then never taken for his."""

    def by_sentence(self) -> Iterator[tuple[Sentence, tuple[Mention, ...], tuple[Span, ...]]]:
        """Each sentence with its mentions and where other people are named in it."""
        return zip(self.sentences, self.mentions, self.people_spans, strict=True)

    @property
    def her_words(self) -> tuple[str, ...]:
        """Every capitalised word that names her (empty when she is not named)."""
        return self.dancer.other_words if self.dancer else ()


def read_document(text: str, gazetteer: Gazetteer) -> Document:
    """Read a story's clean text into a :class:`Document`."""
    text = unicodedata.normalize("NFC", text)
    sentences = read_sentences(text, gazetteer.lexicon)
    lexicon = gazetteer.lexicon
    words = tuple(scan(s.text, lexicon.connectors) for s in sentences)
    runs = tuple(person_runs(s.text, lexicon, w) for s, w in zip(sentences, words, strict=True))
    # A person's runs are the name runs too when no connector of one kind only joins them.
    raw = [
        find_mentions(
            s.text,
            gazetteer,
            w,
            own if same_runs(w, lexicon.person_particles, lexicon.name_connectors) else None,
        )
        for s, w, own in zip(sentences, words, runs, strict=True)
    ]
    raw = [
        _placed_elsewhere(s.text, _house_ballets(s.text, named, gazetteer), gazetteer)
        for s, named in zip(sentences, raw, strict=True)
    ]
    acronyms = _acronyms(sentences, raw)
    found = _with_acronyms(sentences, raw, acronyms)
    mentions: list[tuple[Mention, ...]] = []
    rules: dict[tuple[int, int], str] = {}
    for sentence, named in zip(sentences, found, strict=True):
        titles = unknown_ballets(sentence.text, named, gazetteer.lexicon)
        mentions.append(_with_titles(named, [mention for mention, _ in titles]))
        for mention, rule in titles:
            rules[(sentence.index, mention.start)] = rule
        for mention in named:
            if not mention.known:
                rules[(sentence.index, mention.start)] = (
                    f"a {mention.kind} name read from its head word"
                )
            elif mention.surface in acronyms:
                rules[(sentence.index, mention.start)] = "an acronym the text defined"
    dancer = _dancer(sentences, gazetteer, runs)
    name = dancer.words if dancer else ()
    her_words = dancer.other_words if dancer else ()
    found_people = [
        person
        for sentence, named, own in zip(sentences, mentions, runs, strict=True)
        for person in person_mentions(sentence, named, gazetteer, own)
        if not _her_other_script(person, sentences, name)
    ]
    people = merge_people(found_people, name, her_words)
    others = _others_words(people, her_words)
    return Document(
        text=text,
        gazetteer=gazetteer,
        sentences=sentences,
        mentions=tuple(mentions),
        mention_rules=rules,
        dancer=dancer,
        people=tuple(people),
        people_spans=tuple(_people_spans(w, others) for w in words),
        words=words,
    )


def _dancer(
    sentences: Sequence[Sentence], gazetteer: Gazetteer, runs: Sequence[tuple[Run, ...]]
) -> Dancer | None:
    named = dancer_name(sentences, gazetteer, runs)
    if named is None:
        return None
    name, sentence, fullest, rule = named
    words = tuple(name.split())
    every = (*words, *fullest, *dancer_aliases(name, sentences, gazetteer))
    return Dancer(name, sentence, rule, words, tuple(w for w in every if w[:1].isupper()))


def _others_words(people: Sequence[PersonMention], her_words: Sequence[str]) -> frozenset[str]:
    """Every capitalised word of the other people's names (not hers), collected once."""
    own = {w.casefold() for w in her_words}
    return frozenset(
        w for p in people for w in p.words if w.casefold() not in own and w[:1].isupper()
    )


def _people_spans(words: Words, others: frozenset[str]) -> tuple[Span, ...]:
    """Where other people are named in a sentence, by any word of their names
    ("Alvarado had danced with ..." is about Carmen Alvarado, not the dancer); their
    words are capitalised, so the sentence's scan holds every one."""
    return tuple(Span(t.start, t.end) for t in words.tokens if t.text in others)


# "the Theatro Municipal do Rio de Janeiro ballet": a theatre's ballet, in lower case.
_LOWER_BALLET = re.compile(
    r"[ \t]+(?:ballet\s+company|dance\s+company|ballet)\b(?![ \t]+(?:gala|galas|school|class|"
    r"classes|festival|competition|season|seasons|performance|performances|evening|programme|program|"
    r"tour|tours|night|audience|audiences|critic|critics|fans|lovers|music|studio|studios)\b)"
)


def _house_ballets(text: str, found: Sequence[Mention], gazetteer: Gazetteer) -> Sequence[Mention]:
    """A house or a theatre named with a lower-case "ballet" after it ("joined the Paris
    Opera ballet", "the Theatro Municipal do Rio de Janeiro ballet") is its company: the
    known company so named, the house's company, else the words as written."""
    if "ballet" not in text and "company" not in text:
        return found
    result = []
    for mention in found:
        after = (
            _LOWER_BALLET.match(text, mention.end) if mention.kind in ("house", "venue") else None
        )
        if after is not None:
            surface = text[mention.start : after.end()]
            known = gazetteer.company_names.get(f"{mention.surface} Ballet".removeprefix("The "))
            name = (
                known.name
                if known
                else mention.name
                if mention.kind == "house"
                else " ".join(surface.split())
            )
            mention = Mention(
                "company", name, surface, mention.start, after.end(), known is not None
            )
        result.append(mention)
    return result


# "the National Ballet School in Warsaw": a known school the text places in another country.
_PLACED_IN = re.compile(r"[ \t]+in[ \t]+(?=[^\W\d_])")


def _placed_elsewhere(
    text: str, found: Sequence[Mention], gazetteer: Gazetteer
) -> tuple[Mention, ...]:
    """A known school the text puts in a city of another country ("the National Ballet
    School in Warsaw" is not Canada's) is that other one, named as written. (Not a
    company: companies tour, and "the Kirov in London" is still the Kirov.)"""
    if " in " not in text:
        return tuple(found)
    result = []
    for mention in found:
        if mention.known and mention.kind == "school":
            here = _its_country(mention, gazetteer)
            there = _country_at(text, mention.end, gazetteer) if here else None
            if there is not None and there != here:
                surface = mention.surface.removeprefix("The ")
                mention = Mention(
                    mention.kind, surface, mention.surface, mention.start, mention.end, False
                )
        result.append(mention)
    return tuple(result)


def _its_country(mention: Mention, gazetteer: Gazetteer) -> str | None:
    return _school_country(mention.name, gazetteer)


@functools.lru_cache(maxsize=1024)
def _school_country(name: str, gazetteer: Gazetteer) -> str | None:
    """The country of a known school's city (a handful of schools, asked again and again)."""
    school = gazetteer.school_names.get(name)
    if school is None or school.city is None:
        return None
    found = place_index(gazetteer).resolve(school.city)
    return found.country if found else None


def _country_at(text: str, end: int, gazetteer: Gazetteer) -> str | None:
    """The country of the city (or the country) named right after " in " at ``end``."""
    lead = _PLACED_IN.match(text, end)
    if lead is None:
        return None
    places = place_index(gazetteer)
    words = text[lead.end() : lead.end() + 60].split()
    for count in range(min(3, len(words)), 0, -1):
        form = " ".join(words[:count]).rstrip(".,;:)")
        if not form[:1].isupper():
            continue
        if places.is_country(form):
            return places.country(form)
        if places.is_known(form):
            found = places.resolve(form)
            return found.country if found else None
    return None


# "the Korean National Ballet (KNB)": the text's own short name for what it just named.
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z&]{1,7})\)")
# A story defines a few; a list of thousands must not make every sentence try them all.
_MAX_ACRONYMS = 16


def _acronyms(
    sentences: Sequence[Sentence], mentions: Sequence[Sequence[Mention]]
) -> dict[str, Mention]:
    defined: dict[str, Mention] = {}
    for sentence, found in zip(sentences, mentions, strict=True):
        for mention in found:
            match = _ACRONYM.match(sentence.text, mention.end)
            if match and mention.kind in ("company", "school", "house"):
                defined.setdefault(match.group(1), mention)
                if len(defined) >= _MAX_ACRONYMS:
                    return defined
    return defined


def _with_acronyms(
    sentences: Sequence[Sentence],
    mentions: Sequence[Sequence[Mention]],
    defined: Mapping[str, Mention],
) -> list[tuple[Mention, ...]]:
    """Mentions plus each later use of an acronym the text defined for a company, school
    or house ("... the KNB said")."""
    if not defined:
        return [tuple(found) for found in mentions]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, defined)) + r")\b")
    result = []
    for sentence, found in zip(sentences, mentions, strict=True):
        extra = [
            Mention(
                defined[m.group(1)].kind,
                defined[m.group(1)].name,
                m.group(1),
                m.start(),
                m.end(),
                True,
            )
            for m in pattern.finditer(sentence.text)
            if all(m.end() <= f.start or m.start() >= f.end for f in found)
        ]
        result.append(tuple(sorted((*found, *extra), key=lambda m: m.start)))
    return result


def _with_titles(found: Sequence[Mention], titles: Sequence[Mention]) -> tuple[Mention, ...]:
    """A sentence's mentions plus the ballet titles read from its typography (which
    replace a guess they overlap)."""
    kept = [m for m in found if not any(m.start < t.end and t.start < m.end for t in titles)]
    return tuple(sorted((*kept, *titles), key=lambda m: m.start))


def _her_other_script(
    person: PersonMention, sentences: Sequence[Sentence], dancer: Sequence[str]
) -> bool:
    """ "Aidai Osmonova (Айдай Осмонова)": her name in another script, in brackets after it."""
    if not dancer:
        return False
    text = sentences[person.sentence].text
    opening = text.rfind("(", 0, person.start)
    if opening < 0 or ")" in text[opening : person.start]:
        return False
    before = text[:opening].rstrip()
    return before.endswith(tuple(dancer)) and _script(person.name) != _script(" ".join(dancer))


def _script(name: str) -> str:
    """The script of a name's first letter ("LATIN", "CYRILLIC", "CJK" ...)."""
    letter = next((c for c in name if c.isalpha()), "")
    return unicodedata.name(letter, "").split(" ")[0] if letter else ""
