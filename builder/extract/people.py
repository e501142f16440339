"""The dancer's name and the other people a story names.

A person is a run of two or three capitalised words (particles and hyphens allowed) that
is not a known place, company, school, ballet or role and has no word that never begins
a name ("Mount", "Theatre", "Adagio"). A single word counts only after a title
("Madame Petrova") or as an apposition to a relation ("her manager, Natasha,").
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import unicodedata
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
# "ULANOVA, GALINA", "SOKOLOVA, Irina Petrovna (née Zueva; born 1950) is ...".
_INVERTED = re.compile(
    r"^\s*([A-ZÀ-Þ][A-ZÀ-Þ'’-]+),\s+([A-ZÀ-Þ][A-ZÀ-Þa-zß-ÿ'’ -]+?)"
    r"\s*(?:$|(?=[(;,]|\s+(?:is|was)\b))"
)
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
    """A run is at most one name; a possessive word ends it ("Fernand Nault’s Casse-Noisette").

    What follows a person's possessive is something of theirs (a work, a company), not
    a second person, so only the head is kept.
    """
    for index, token in enumerate(run.tokens[:-1]):
        if token.possessive:
            return [_sub_run(run, run.tokens[: index + 1])]
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
    while words and (words[0] in lexicon.honorifics or words[0] in lexicon.job_titles):
        word = words.pop(0)
        title = word if word in lexicon.honorifics else title
    while words and words[-1] in lexicon.job_titles:
        words.pop()
    if not words or len(words) > 4 or not _name_shaped(words, lexicon):
        return None
    if any(w in lexicon.stopwords for w in words[1:]) or _overlaps(run, mentions):
        return None
    if _is_known_thing(" ".join(words), gazetteer):
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
    if len(words) == 1 and not title and not _is_apposition(before, text[run.end :], lexicon):
        return None
    name = " ".join(([title] if title and len(words) == 1 else []) + words)
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


# "Bulawayo, Southern Rhodesia": a run right after a place and a comma is part of the place.
_AFTER_COMMA = re.compile(r",\s*$")
# "Bulawayo (now Zimbabwe)", "Frunze (today Bishkek)".
_PLACE_AFTER = re.compile(r"^\s*\((?:now|today|present-day|modern)\b", re.IGNORECASE)
# "as a proud Mekhmeneh Banu in ...", "Wu Qinghua (The Red Detachment ...)": a character.
_CHARACTER_BEFORE = re.compile(
    r"(?<!well )(?<!such )(?<!known )\bas\s+(?:(?:a|an|the|her)\s+)?(?:[a-z]+,?\s+){0,2}$"
)
_CHARACTER_AFTER = re.compile(r"^\s+(?:in|from)\s+\S")


def _names_a_ballet_after(text: str, end: int, mentions: Sequence[Mention]) -> bool:
    """ "Wu Qinghua (The Red Detachment of Women)": a role listed with its ballet."""
    match = re.match(r"\s*\(", text[end:])
    return bool(match) and any(
        m.kind == "ballet" and m.start == end + match.end() for m in mentions
    )


def _is_place_apposition(before: str, mentions: Sequence[Mention]) -> bool:
    stripped = before.rstrip()
    if not stripped.endswith(","):
        return False
    comma = len(stripped) - 1
    return any(m.end == comma and m.kind in ("place", "country", "demonym") for m in mentions)


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
    another way is her, not a relative (Boris Tkachenko is someone else)."""
    if len(words) < 2 or len(dancer) < 2:
        return False
    if _plain(words[-1]) != _plain(dancer[-1]):
        return False
    ratio = difflib.SequenceMatcher(None, _plain(words[0]), _plain(dancer[0])).ratio()
    return ratio >= _SAME_GIVEN_NAME


def _plain(word: str) -> str:
    return unicodedata.normalize("NFKD", word.casefold()).encode("ascii", "ignore").decode()


def dancer_aliases(name: str, sentences: Sequence[Sentence]) -> tuple[str, ...]:
    """Other names the text gives her: a birth name ("née Kuzmina") and spellings it
    names as hers ("also transliterated Uliana Tkachenko", "also appears as ...")."""
    words: list[str] = []
    for sentence in sentences:
        if not _ALIAS_HINT.search(sentence.text):
            continue
        for match in _ALIAS.finditer(sentence.text):
            words += match.group(1).split()
    return tuple(w for w in words if w not in name.split())


_ALIAS_HINT = re.compile(r"n[ée]e\b|also|appears|a\.?k\.?a")
_ALIAS = re.compile(
    r"\b(?:n[ée]e|also\s+(?:transliterated|spelled|spelt|written|romani[sz]ed|known)"
    r"(?:\s+as)?|(?:also\s+)?appears\s+as|a\.?k\.?a\.?)\s+"
    r"((?:[A-ZÀ-Þ][\w'’-]+)(?:\s+[A-ZÀ-Þ][\w'’-]+){0,2})"
)


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


def dancer_name(
    sentences: Sequence[Sentence], gazetteer: Gazetteer
) -> tuple[str, Sentence, tuple[str, ...], str] | None:
    """The dancer's name: the name that opens the story, as the text calls her (with its
    sentence, the fullest form's words, which are her too, and the rule that read it).

    First choice is a sentence that starts with a name ("Marta Valadares was born ...",
    "ULANOVA, GALINA", "松山樹子 was born ..."), skipping notes, page chrome and a
    dateline ("NEW YORK — "); failing that, the first name in the opening sentences ("In
    1985, Elena Sorokina ..."). A heading the text never repeats gives way to a later
    opening name it keeps using (an archive's "Fonds ..." title, a press release's
    headline). The name is then completed to its fullest form ("Ribeiro dos Santos" ->
    "Luana Ribeiro dos Santos") and shortened to the form the text uses (a patronymic or
    a married addition it never uses is dropped).
    """
    opening = [s for s in sentences if not is_note(s)][:_OPENING_SENTENCES]
    candidates: list[tuple[str, Sentence, str]] = []
    whole = "\n".join(s.text for s in sentences)
    for sentence in opening:
        text = _DATELINE.sub("", _DISAMBIGUATOR.sub("", sentence.text.lstrip("#*> \t")))
        found = _name_at_start(text, gazetteer)
        if found is not None:
            candidates.append((*found[:1], sentence, found[1]))
            # A first name the text uses again needs no rival (most stories stop here).
            if len(candidates) == 1 and _support(found[0], whole, sentence) > 0:
                break
    if not candidates:
        for sentence in opening[:3]:
            for name, _ in _names_in(_DISAMBIGUATOR.sub("", sentence.text), gazetteer):
                candidates.append((name, sentence, "the first name in the opening sentences"))
                break
            if candidates:
                break
    if not candidates:
        return None
    name, sentence, rule = _best_supported(candidates, whole)
    name = _fullest(name, opening, gazetteer)
    short = _as_the_text_calls_her(name, sentences, sentence, gazetteer.lexicon)
    if short != name:
        rule += "; shortened to the form the text uses"
    return short, sentence, tuple(name.split()), rule


# How far into the story the dancer's name may first appear (a record's header can be long).
_OPENING_SENTENCES = 16
# A name the text repeats this often outweighs an earlier heading it never repeats.
_SUPPORTED = 2
# Scripts without capitals (CJK, Arabic, Hebrew ...): a name is the words before the verb.
# (Each word taken whole, "++": a name never ends mid-word, and letting the engine try
# every split of every word made this the slowest pattern of the extractor.)
_CASELESS_NAME = re.compile(r"^((?:[^\W\d_]++ ?){1,4}?)\s*(?=,|\s+(?:was|is|has|had)\b)")
# "BOSTON (April 9, 2024) – ", "SEOUL, Feb. 6 (Yonhap) -- ", "NEW YORK — ": a dateline.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]*[A-Z](?:,\s*[^–—()]{1,25}?)?\s*(?:\([^)]*\))?\s*(?:—|–|--|-)\s+"
)


def _support(name: str, whole: str, own: Sentence) -> int:
    """How often a word of the name (given name or surname) comes back in the text
    (``whole``) outside its own sentence."""
    words = [w for w in name.split() if w[:1].isupper()]
    return sum(whole.count(w) - own.text.count(w) for w in words)


def _best_supported(
    candidates: Sequence[tuple[str, Sentence, str]], whole: str
) -> tuple[str, Sentence, str]:
    first = candidates[0]
    if _support(first[0], whole, first[1]) > 0:
        return first
    for name, sentence, rule in candidates[1:]:
        if _support(name, whole, sentence) >= _SUPPORTED:
            return name, sentence, f"{rule} (the text keeps using it; an earlier heading not)"
    return first


def _fullest(name: str, opening: Sequence[Sentence], gazetteer: Gazetteer) -> str:
    """The longest opening name that ends (or starts) with ``name``'s words."""
    words = name.split()
    best = words
    for sentence in opening:
        folded = sentence.text.casefold()
        if not any(w.casefold() in folded for w in words):
            continue
        for other, _ in _names_in(_DISAMBIGUATOR.sub("", sentence.text), gazetteer):
            longer = other.split()
            if len(longer) > len(best) and (
                longer[-len(words) :] == words or longer[: len(words)] == words
            ):
                best = longer
    return " ".join(best)


def _as_the_text_calls_her(
    name: str, sentences: Sequence[Sentence], own: Sentence, lexicon: Lexicon
) -> str:
    """Drop a patronymic the text never uses with her given name ("Nina Pavlovna
    Zhuravlyova" -> "Nina Zhuravlyova"), and a married addition when the text calls
    her by the first surname alone ("Fonteyn de Arias" -> "Fonteyn")."""
    words = name.split()
    if len(words) < 3:
        return name
    lexicon_endings = tuple(lexicon.patronymic_endings)
    text = "\n".join(s.text for s in sentences if s.index != own.index)
    kept = [words[0]]
    for word in words[1:-1]:
        is_patronymic = word[:1].isupper() and word.casefold().endswith(lexicon_endings)
        if is_patronymic and f"{words[0]} {word}" not in text:
            continue
        kept.append(word)
    kept.append(words[-1])
    if len(kept) >= 3 and kept[1][:1].isupper():
        rest = " ".join(kept[2:])
        alone = len(re.findall(rf"\b{re.escape(kept[1])}\b(?!\s+{re.escape(rest)})", text))
        full = len(re.findall(rf"\b{re.escape(kept[1])}\s+{re.escape(rest)}\b", text))
        if alone > full:
            kept = kept[:2]
    return " ".join(kept)


def _name_at_start(text: str, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """(name, rule) when ``text`` opens with a name."""
    inverted = _INVERTED.match(text)
    if inverted:
        surname, given = inverted.groups()
        return f"{given.title()} {surname.title()}", "an inverted heading, put in natural order"
    caseless = _CASELESS_NAME.match(text)
    if caseless and all(not c.isalpha() or c.upper() == c.lower() for c in caseless.group(1)):
        return caseless.group(1).strip(), "a name in a script without capitals, before its verb"
    for name, start in _names_in(text, gazetteer):
        return (name, "the name that opens a sentence") if start == 0 else None
    return None


def _names_in(text: str, gazetteer: Gazetteer) -> list[tuple[str, int]]:
    """Candidate full names in ``text`` (titles dropped), with where each starts."""
    lexicon = gazetteer.lexicon
    names = []
    for run in capitalised_runs(text, lexicon, lexicon.person_particles):
        words = list(_split_people(run)[0].words)
        if all(w.isupper() for w in words):
            # A heading in capitals: its small words are connectors ("PAPERS OF X" is no name).
            words = [
                w.lower() if w.lower() in lexicon.name_connectors else w.title() for w in words
            ]
            if any(w.islower() and w not in lexicon.person_particles for w in words):
                continue
        while words and (words[0] in lexicon.honorifics or words[0] in lexicon.job_titles):
            words.pop(0)
        if (
            2 <= len(words) <= 4
            and not any(w in lexicon.non_name_words for w in words)
            and not any(w in lexicon.stopwords for w in words[1:])
            and any(len(w) > 2 for w in words)
            and not _is_known_thing(" ".join(words), gazetteer)
        ):
            names.append((" ".join(words), run.start))
    return names
