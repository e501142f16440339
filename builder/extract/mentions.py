"""Find the named things in a sentence: companies, houses, venues, schools, ballets, roles,
places and countries.

Two sources, merged by "longest name wins": the gazetteer's known names (matched
case-sensitively, tolerant of a mis-decoded accented letter, so "La Bayadčre" from a
wrongly guessed codepage still reads as La Bayadère), and capitalised runs whose head
word says what they are ("Tbilisi Opera Ballet", "Korea National University of Arts",
"Teatro Camões"), so things missing from the gazetteer are still found in the prose.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from builder.extract.gazetteer import Gazetteer, Lexicon
from builder.extract.known import Kind, Mention, known_mentions
from builder.extract.text import Run, Token, Words, capitalised_runs, tokens

# On equal spans, the earlier kind wins ("Giselle" is the ballet before it is the role).
_PRIORITY: tuple[Kind, ...] = (
    "company",
    "school",
    "ballet",
    "house",
    "role",
    "country",
    "place",
    "venue",
    "demonym",
)
# Foreign school heads whose names continue in lower case ("École supérieure de ballet du Québec").
_FOREIGN_SCHOOL_HEADS = frozenset(
    [
        "Escola",
        "École",
        "Ecole",
        "Escuela",
        "Instituto",
        "Académie",
        "Accademia",
        "Scuola",
        "Conservatório",
        "Conservatorio",
        "Universidad",
        "Universidade",
        "Hochschule",
    ]
)
# English words that end such a name ("... Nacional in Lisbon").
_ENGLISH_BREAKS = frozenset(
    [
        "in",
        "at",
        "on",
        "where",
        "which",
        "who",
        "with",
        "and",
        "for",
        "from",
        "to",
        "as",
        "by",
        "when",
        "while",
        "after",
        "since",
        "was",
        "is",
        # "... de Sevilla before joining the Compañía Nacional de Danza".
        "before",
        "joining",
        "then",
        "until",
        "under",
        "becoming",
        "during",
        "but",
        "or",
        "she",
        "her",
        "he",
        "his",
        "their",
        "the",
        "a",
        "an",
        "that",
        "had",
        "has",
        "there",
        "also",
        "later",
        "into",
        "between",
        "alongside",
        "studying",
        "training",
        "graduating",
        "moving",
    ]
)
# Words before a title that make it something other than a ballet ("the opera Carmen").
_NOT_A_BALLET = re.compile(
    r"\b(?:opera|operas|film|films|movie|novel|book|musical|song|album|play|poem|painting)\s+$",
    re.IGNORECASE,
)
# Longer than the longest word of _NOT_A_BALLET ("painting"), with room to spare.
_KIND_WORD_MAX = 16


def find_mentions(
    sentence: str,
    gazetteer: Gazetteer,
    words: Words | None = None,
    runs: tuple[Run, ...] | None = None,
) -> tuple[Mention, ...]:
    """Every named thing in ``sentence``, non-overlapping, in text order (``words``: the
    sentence's :func:`~builder.extract.text.scan`, when the caller has it; ``runs``: its
    capitalised runs joined by the lexicon's name connectors, when the caller has them)."""
    known = list(known_mentions(sentence, gazetteer))
    generic = (
        [
            m
            for m in _generic_mentions(sentence, gazetteer, words, runs)
            if not _overruns(m, known, gazetteer)
        ]
        if words is None or _holds_a_head(words, gazetteer.lexicon)
        else []
    )
    candidates = [
        m
        for m in [*known, *generic]
        if not _is_fragment(sentence, m)
        and not _is_surname(sentence, m, gazetteer)
        and not _is_given_name(sentence, m, gazetteer)
    ]
    chosen: list[Mention] = []
    order = sorted(
        candidates,
        key=lambda m: (-(m.end - m.start), not m.known, _PRIORITY.index(m.kind), m.start),
    )
    for mention in order:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return tuple(sorted(chosen, key=lambda m: m.start))


def _is_fragment(sentence: str, mention: Mention) -> bool:
    """A title after "the opera" / "the film", or a one-word title inside a longer
    capitalised name ("Carmen Díaz"), does not name the ballet or the role."""
    if mention.kind == "ballet" and _after_a_kind_word(sentence, mention.start):
        return True
    if mention.kind not in ("ballet", "role") or " " in mention.surface:
        return False
    after = _NEXT_WORD.match(sentence, mention.end)
    return bool(after and after.group(1)[0].isupper() and after.group(1) not in _SAFE_FOLLOWERS)


_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")


def _is_surname(sentence: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    """A one-word company name after a given name is a person's surname ("studied with
    Marie Rambert", not the company Rambert; "the Leningrad Kirov" is the company)."""
    if mention.kind not in ("company", "house") or " " in mention.surface or mention.start == 0:
        return False
    before = _PREVIOUS_WORD.search(sentence, max(0, mention.start - 40), mention.start)
    if before is None:
        return False
    word = before.group(1)
    lexicon = gazetteer.lexicon
    return (
        word[0].isupper()
        and not is_known_name(word, gazetteer)
        and word not in lexicon.stopwords
        and word not in lexicon.honorifics
        and not word.endswith(("'s", "’s"))
        and not (word.isupper() and len(word) > 1)
    )


def _is_given_name(sentence: str, mention: Mention, gazetteer: Gazetteer) -> bool:
    """A one-word place right before a surname is a given name ("with Sofia Golovkina",
    "Florence Clerc"): the next word is capitalised and names nothing."""
    if mention.kind != "place" or " " in mention.surface:
        return False
    after = _NEXT_WORD.match(sentence, mention.end)
    if after is None or not after.group(1)[0].isupper():
        return False
    word = after.group(1)
    lexicon = gazetteer.lexicon
    return not (
        word in _SAFE_FOLLOWERS
        or word in lexicon.stopwords
        or word in lexicon.non_name_words
        or word in lexicon.job_titles
        or word in lexicon.honorifics
        or word in _head_words(lexicon)
        or word.isupper()
        or is_known_name(word, gazetteer)
    )


def is_known_name(name: str, gazetteer: Gazetteer) -> bool:
    """True when the gazetteer names a place, country, work, company or school so."""
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


def _after_a_kind_word(sentence: str, start: int) -> bool:
    """True when ``sentence[:start]`` ends with "opera ", "film " ...: what
    :data:`_NOT_A_BALLET` finds there, looked for only where it can be. Its match ends
    the text, so it is a word of at most :data:`_KIND_WORD_MAX` letters before the
    trailing spaces; the engine still sees the letter before the window (``\\b``)."""
    words_end = len(sentence[:start].rstrip())
    if words_end == start:
        return False  # no space before the title
    since = max(0, words_end - _KIND_WORD_MAX)
    return bool(_NOT_A_BALLET.search(sentence, since, start))


_SPACES = re.compile(r"\s+")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w-]*)")
# Capitalised words that may follow a title without being part of a longer name.
_SAFE_FOLLOWERS = frozenset(
    ["I", "II", "III", "She", "He", "Her", "His", "It", "They", "The", "A", "In", "At", "On"]
)


# ---------------------------------------------------------------- names read from prose


def _generic_mentions(
    sentence: str, gazetteer: Gazetteer, words: Words | None, runs: tuple[Run, ...] | None
) -> Iterable[Mention]:
    lexicon = gazetteer.lexicon
    if runs is None:
        runs = capitalised_runs(sentence, lexicon, lexicon.name_connectors, words)
    for whole in runs:
        for run in _split_pair(_extend_foreign_school(sentence, whole), gazetteer):
            kind = _classify(run, gazetteer)
            if kind is None:
                continue
            surface = run.text
            name = _canonical(surface, kind, gazetteer)
            yield Mention(kind, name, surface, run.start, run.end, known=False)


def _split_pair(run: Run, gazetteer: Gazetteer) -> list[Run]:
    """ "Seoul Arts High School and the Korea National University of Arts": two names.

    A run is split at "and" when the part before it ends with a head word (or starts with
    one, as "Escuela de Ballet de Medellín" does) and the part after it is a name of its
    own (not "Opera and Ballet Theatre", one head).
    """
    lexicon = gazetteer.lexicon
    heads = _named_heads(lexicon, venues=True)
    words = run.words
    for index, word in enumerate(words):
        if word != "and" or index == 0:
            continue
        if words[index - 1] not in heads and words[0] not in heads:
            continue
        rest = index + 1
        while rest < len(words) and words[rest] in lexicon.name_connectors:
            rest += 1
        if rest >= len(words) or words[rest] in heads:
            continue
        left = Run(run.tokens[:index], "", 0, 0)
        right = Run(run.tokens[rest:], "", 0, 0)
        if _classify(left, gazetteer) and _classify(right, gazetteer):
            return [
                _slice(run, run.tokens[:index]),
                *_split_pair(_slice(run, run.tokens[rest:]), gazetteer),
            ]
    return [run]


def _slice(run: Run, part: tuple[Token, ...]) -> Run:
    start, end = part[0].start, part[-1].end
    offset = start - run.start
    return Run(part, run.text[offset : offset + end - start], start, end)


def _overruns(mention: Mention, known: Sequence[Mention], gazetteer: Gazetteer) -> bool:
    """A name read from prose that only glues other words onto a known company or school
    ("Kharkiv Dutch National Ballet", "Saskia van Leeuwen of New York City Ballet",
    "Boston Ballet Welcomes Luana ...") is not a name: the known one is. Words after it
    that continue the name ("... of Flanders") keep it a name of its own."""
    lexicon = gazetteer.lexicon
    heads = _named_heads(lexicon, venues=False)
    for inner in known:
        # ("Principal of the National Opera of Ukraine" reads as a house by its head word.)
        kinds = {inner.kind, mention.kind}
        if (
            len(kinds) > 1 and kinds != {"company", "house"}
        ) or not mention.start <= inner.start < inner.end <= mention.end:
            continue
        if (inner.start, inner.end) == (mention.start, mention.end):
            continue
        # "Oregon Ballet Theatre" qualifies the alias "Ballet Theatre": a name of its own.
        if inner.surface.split()[0] in heads or inner.surface.startswith("The "):
            continue
        offset = mention.start
        before = mention.surface[: inner.start - offset].split()
        after = mention.surface[inner.end - offset :].split()
        if after and after[0] in lexicon.name_connectors:
            continue
        if any(w in heads for w in before + after):
            continue
        return True
    return False


def _classify(run: Run, gazetteer: Gazetteer) -> Kind | None:
    """What a capitalised run names, by its head words; ``None`` when it names nothing."""
    lexicon = gazetteer.lexicon
    words = run.words
    capitals = [w for w in words if w not in lexicon.name_connectors]
    if len(capitals) < 2 or _head_words(lexicon).isdisjoint(words):
        return None  # every head below is one of its words, or a phrase of them
    joined = f" {' '.join(words)} "

    def has(heads: frozenset[str]) -> bool:
        single, multiple = _heads(heads)
        return not single.isdisjoint(words) or any(head in joined for head in multiple)

    if has(lexicon.school_heads):
        return "school"
    if has(lexicon.company_heads):
        return "company"
    if has(lexicon.house_heads) and not has(_without_theatre(lexicon.venue_heads)):
        return "house"
    if has(lexicon.venue_heads):
        return "venue"
    return None


def _holds_a_head(words: Words, lexicon: Lexicon) -> bool:
    """False when no capitalised word of the sentence is (part of) a head word: then no
    run of it is classified, and none needs to be read."""
    heads = _head_words(lexicon)
    return any(token.text in heads for token in words.tokens)


@functools.cache
def _head_words(lexicon: Lexicon) -> frozenset[str]:
    """Every word of every head :func:`_classify` looks for."""
    return frozenset(word for head in _named_heads(lexicon, venues=True) for word in head.split())


@functools.cache
def _named_heads(lexicon: Lexicon, venues: bool) -> frozenset[str]:
    """The head words of schools, companies and houses (and venues): united once."""
    heads = lexicon.school_heads | lexicon.company_heads | lexicon.house_heads
    return heads | lexicon.venue_heads if venues else heads


@functools.cache
def _heads(heads: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Head words to test against a run: one-word heads as a set (a run has one as a
    word), longer ones padded with spaces (a run holds them as a phrase)."""
    single = frozenset(h for h in heads if " " not in h)
    return single, tuple(f" {h} " for h in heads if " " in h)


@functools.cache
def _without_theatre(heads: frozenset[str]) -> frozenset[str]:
    return heads - {"Theatre", "Theater"}


def _canonical(surface: str, kind: Kind, gazetteer: Gazetteer) -> str:
    """The gazetteer's name when the run is a known form, else the run as written."""
    text = _SPACES.sub(" ", surface)
    tables = {
        "company": gazetteer.company_names,
        "house": gazetteer.house_names,
        "school": gazetteer.school_names,
    }
    table = tables.get(kind, {})
    for form in (text, text.removeprefix("The ")):
        record = table.get(form)
        if record is not None:
            return record.name
    return text


def _extend_foreign_school(sentence: str, run: Run) -> Run:
    """Carry "École supérieure de ballet du Québec" past its lower-case words."""
    if not _FOREIGN_SCHOOL_HEADS & set(run.words):
        return run
    following = [t for t in tokens(sentence) if t.start >= run.end]
    end = run.end
    gap_ok = True
    for token in following[:8]:
        between = sentence[end : token.start]
        if between.strip() or token.text in _ENGLISH_BREAKS or not gap_ok:
            break
        if token.capitalised:
            run = Run((*run.tokens, token), sentence[run.start : token.end], run.start, token.end)
        end = token.end
        gap_ok = not token.possessive
    return run
