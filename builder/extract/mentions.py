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
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from builder.extract.gazetteer import Gazetteer
from builder.extract.text import Run, Token, capitalised_runs, tokens

Kind = Literal[
    "company", "house", "venue", "school", "ballet", "role", "place", "country", "demonym"
]
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
    ]
)
# Words before a title that make it something other than a ballet ("the opera Carmen").
_NOT_A_BALLET = re.compile(
    r"\b(?:opera|operas|film|films|movie|novel|book|musical|song|album|play|poem|painting)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A named thing in a sentence; ``name`` is canonical (or as written when unknown)."""

    kind: Kind
    name: str
    surface: str
    start: int
    end: int
    known: bool
    """True when the name came from the gazetteer."""


@functools.lru_cache(maxsize=8192)
def find_mentions(sentence: str, gazetteer: Gazetteer) -> tuple[Mention, ...]:
    """Every named thing in ``sentence``, non-overlapping, in text order.

    Cached: stories share stock sentences, and the result is immutable.
    """
    known = list(_known_mentions(sentence, gazetteer))
    generic = [
        m for m in _generic_mentions(sentence, gazetteer) if not _overruns(m, known, gazetteer)
    ]
    candidates = [m for m in [*known, *generic] if not _is_fragment(sentence, m)]
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
    if mention.kind == "ballet" and _NOT_A_BALLET.search(sentence[: mention.start]):
        return True
    if mention.kind not in ("ballet", "role") or " " in mention.surface:
        return False
    after = re.match(r"[ \t]+([^\W\d_][\w-]*)", sentence[mention.end :])
    return bool(after and after.group(1)[0].isupper() and after.group(1) not in _SAFE_FOLLOWERS)


# Capitalised words that may follow a title without being part of a longer name.
_SAFE_FOLLOWERS = frozenset(
    ["I", "II", "III", "She", "He", "Her", "His", "It", "They", "The", "A", "In", "At", "On"]
)


# ---------------------------------------------------------------- gazetteer names


@dataclass(frozen=True)
class _Form:
    """One written form of a known name, and what it stands for."""

    form: str
    kind: Kind
    name: str
    order: int
    """Its place in its bucket: longer forms are tried first, as one alternation would."""

    @property
    def pattern(self) -> re.Pattern[str]:
        return _form_regex(self.form)


_Candidates = tuple[_Form, ...]


@dataclass(frozen=True)
class _Branch:
    """The forms whose first word is one ASCII word, split by their second word."""

    by_second: dict[str, _Candidates]
    """Second word as written -> the forms that can match when the text has it."""
    other: _Candidates
    """Forms that can match whatever the next word is (in the order to try them)."""


@dataclass(frozen=True)
class _Table:
    """Known forms indexed by the words a match must start with.

    A form's first word (its leading letters) matches exactly as many letters of the
    text, and the text's word must end there too, so each word start only tries the
    forms whose bucket (first letter, accent dropped) and first-word length fit, and of
    those whose first (and second) words are plain ASCII, only the ones spelled like
    the text's. Every form is tried in the order one alternation of all would try it.
    """

    by_word: dict[str, _Branch]
    """First word as written -> the forms that can match on it."""
    loose: dict[int, dict[str, _Candidates]]
    """First-word length -> bucket -> forms whose first word is not plain ASCII (for
    words missing from ``by_word``)."""
    unindexed: dict[str, _Candidates]
    """Buckets holding a form whose first word has no fixed length: all their forms."""
    word_starts: re.Pattern[str]
    """Finds the words to try: see :func:`_word_starts`."""


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _table(gazetteer: Gazetteer) -> _Table:
    forms: list[tuple[str, Kind, str]] = []
    forms += [(f, "company", c.name) for f, c in gazetteer.company_names.items()]
    forms += [(f, "house", c.name) for f, c in gazetteer.house_names.items()]
    forms += [(f, "school", s.name) for f, s in gazetteer.school_names.items()]
    forms += [(f, "ballet", b.title) for f, b in gazetteer.ballet_titles.items()]
    forms += [(f, "role", r.name) for f, (_, r) in gazetteer.role_names.items()]
    forms += [(f, "country", c.name) for f, c in gazetteer.country_names.items()]
    forms += [(f, "demonym", c.name) for f, c in gazetteer.demonyms.items()]
    forms += [(f, "place", p.name) for f, p in gazetteer.place_names.items()]
    forms.sort(key=lambda item: -len(item[0]))
    buckets: dict[str, list[_Form]] = {}
    for form, kind, name in forms:
        keys = [_bucket(form)] + (["t"] if form.startswith("The ") else [])
        for key in keys:
            bucket = buckets.setdefault(key, [])
            bucket.append(_Form(form, kind, name, len(bucket)))
    by_word: dict[str, _Branch] = {}
    loose: dict[int, dict[str, _Candidates]] = {}
    unindexed: dict[str, _Candidates] = {}
    for key, items in buckets.items():
        if any(_first_word_length(item.form) is None for item in items):
            unindexed[key] = tuple(items)
            continue
        by_length: dict[int, list[_Form]] = {}
        for item in items:
            length = _first_word_length(item.form)
            if length:  # a form starting with no letter never matches at a word start
                by_length.setdefault(length, []).append(item)
        for length, same in by_length.items():
            anyword = [f for f in same if not f.form[:length].isascii()]
            if anyword:
                loose.setdefault(length, {})[key] = tuple(anyword)
            for word, branch in _branches(same, length, anyword).items():
                if _bucket(word) == key:  # "the" is read in bucket "t" only
                    by_word[word] = branch
    return _Table(by_word, loose, unindexed, _word_starts(buckets))


def _word_starts(buckets: Iterable[str]) -> re.Pattern[str]:
    """Whole words (letters) not preceded by a word character, an apostrophe or a hyphen,
    whose first letter may start a known name: in a bucket, or not ASCII (its bucket is
    found later). The first letter comes first in the pattern, so the regex engine skips
    to the next such letter by itself; most words are lower case and never looked at."""
    initials = "".join(re.escape(b) for b in sorted(buckets) if b.isascii())
    return re.compile(rf"[{initials}\u0080-\U0010ffff](?<=[^\W\d_])(?<![\w'’-].)[^\W\d_]*")


def _branches(forms: list[_Form], length: int, loose: list[_Form]) -> dict[str, _Branch]:
    """Forms whose first word is plain ASCII, by that word ("The" also as "the")."""
    by_word: dict[str, list[_Form]] = {}
    for form in forms:
        first = form.form[:length]
        if first.isascii():
            spellings = [first, "t" + first[1:]] if form.form.startswith("The ") else [first]
            for spelling in spellings:
                by_word.setdefault(spelling, []).append(form)
    return {word: _branch(same, length, loose) for word, same in by_word.items()}


def _branch(forms: list[_Form], length: int, loose: list[_Form]) -> _Branch:
    """Split forms sharing a first word by an ASCII second word; the rest (and the
    ``loose`` forms of the same length) may follow any word."""
    by_word: dict[str, list[_Form]] = {}
    other = list(loose)
    for form in forms:
        second = _second_word(form.form, length)
        if second:
            by_word.setdefault(second, []).append(form)
        else:
            other.append(form)
    return _Branch(
        {word: _in_order(same + other) for word, same in by_word.items()}, _in_order(other)
    )


def _in_order(forms: list[_Form]) -> _Candidates:
    return tuple(sorted(forms, key=lambda f: f.order))


def _second_word(form: str, length: int) -> str | None:
    """The plain ASCII word after a form's first word and its spaces, when the text must
    hold exactly that word there (``None`` when the form goes on in any other way)."""
    rest = form[length:]
    if not rest[:1].isspace():
        return None
    rest = rest.lstrip()
    size = _first_word_length(rest)
    word = rest[:size] if size else ""
    return word if word and word.isascii() else None


def _first_word_length(form: str) -> int | None:
    """How many letters of the text a form's first word matches: its leading letters,
    each matching one letter, up to a character that matches no letter (space,
    apostrophe, hyphen, end). ``None`` when an accented letter's bare base is not a
    letter, so the length would not be fixed."""
    length = 0
    for char in form:
        if not _LETTER.fullmatch(char):
            return length
        if char.isalpha() and not char.isascii():
            base = unicodedata.normalize("NFKD", char)[0]
            if not _LETTER.fullmatch(base):
                return None
        length += 1
    return length


def _bucket(word: str) -> str:
    """First letter without its accent: "É" and "E" share a bucket."""
    first = word[:1]
    return first if first.isascii() else unicodedata.normalize("NFKD", first)[:1]


@functools.lru_cache(maxsize=4096)
def _form_regex(form: str) -> re.Pattern[str]:
    """A form's regex, compiled the first time a sentence could hold it."""
    return re.compile(f"(?:{_form_pattern(form)})" + r"(?![\w-]|['’][^\Ws])")


def _form_pattern(form: str) -> str:
    """Regex for a written form: any spacing, either apostrophe, an accented letter may
    appear bare or as any other non-ASCII letter (a mis-decoded accent)."""
    parts = []
    for char in form:
        if char.isspace():
            parts.append(r"\s+")
        elif char in "'’":
            parts.append("['’]")
        elif char.isalpha() and not char.isascii():
            base = unicodedata.normalize("NFKD", char)[0]
            parts.append(f"(?:{re.escape(char)}|{re.escape(base)}|[^\\W\\d_a-zA-Z])")
        elif char == "T" and form.startswith("The ") and not parts:
            parts.append("[Tt]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _known_mentions(sentence: str, gazetteer: Gazetteer) -> Iterable[Mention]:
    table = _table(gazetteer)
    # Every word start is tried, overlaps included: "the Swan Queen" must be able to beat
    # a shorter name starting one word earlier; find_mentions keeps the longest.
    for word in table.word_starts.finditer(sentence):
        start = word.start()
        for form in _candidates(table, sentence, word.group(), word.end()):
            match = form.pattern.match(sentence, start)
            if match:
                yield Mention(form.kind, form.name, match.group(), start, match.end(), True)
                break


def _candidates(table: _Table, sentence: str, first: str, end: int) -> _Candidates:
    """The forms that can match on a word (``first``, ending at ``end``), in order."""
    branch = table.by_word.get(first)
    if branch is None:
        if table.unindexed and _bucket(first) in table.unindexed:
            return table.unindexed[_bucket(first)]
        buckets = table.loose.get(len(first))
        return buckets.get(_bucket(first), ()) if buckets else ()
    if branch.by_second:
        following = _NEXT_WORD.match(sentence, end)
        if following is not None:
            return branch.by_second.get(following.group(1), branch.other)
    return branch.other


# ---------------------------------------------------------------- names read from prose


def _generic_mentions(sentence: str, gazetteer: Gazetteer) -> Iterable[Mention]:
    lexicon = gazetteer.lexicon
    for whole in capitalised_runs(sentence, lexicon, lexicon.name_connectors):
        for run in _split_pair(_extend_foreign_school(sentence, whole), gazetteer):
            kind = _classify(run, gazetteer)
            if kind is None:
                continue
            surface = run.text
            name = _canonical(surface, kind, gazetteer)
            yield Mention(kind, name, surface, run.start, run.end, known=False)


def _split_pair(run: Run, gazetteer: Gazetteer) -> list[Run]:
    """ "Seoul Arts High School and the Korea National University of Arts": two names.

    A run is split at "and" when the part before it ends with a head word and the part
    after it is a name of its own (not "Opera and Ballet Theatre", one head).
    """
    lexicon = gazetteer.lexicon
    heads = lexicon.school_heads | lexicon.company_heads | lexicon.house_heads | lexicon.venue_heads
    words = run.words
    for index, word in enumerate(words):
        if word != "and" or index == 0 or words[index - 1] not in heads:
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
    heads = lexicon.school_heads | lexicon.company_heads | lexicon.house_heads
    for inner in known:
        if (
            inner.kind != mention.kind
            or not mention.start <= inner.start < inner.end <= mention.end
        ):
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
    if len(capitals) < 2:
        return None
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
    text = re.sub(r"\s+", " ", surface)
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
