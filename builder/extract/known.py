"""The gazetteer's names in a sentence: every written form of a known company, house,
school, ballet, role, country, demonym or place.

Matched case-sensitively, tolerant of a mis-decoded accented letter (so "La Bayadčre"
from a wrongly guessed codepage still reads as La Bayadère). The forms are indexed once by
the words a match must start with, so a sentence tries only the few forms its words can
begin, never all of them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from builder.extract.gazetteer import Gazetteer

Kind = Literal[
    "company", "house", "venue", "school", "ballet", "role", "place", "country", "demonym"
]


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


@dataclass(frozen=True)
class _Form:
    """One written form of a known name, and what it stands for."""

    form: str
    kind: Kind
    name: str
    order: int
    """Its place in its bucket: longer forms are tried first, as one alternation would."""

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled the first time a sentence could hold the form."""
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
    by_skeleton: dict[str, _Candidates]
    """The forms of ``loose`` by their first word's :func:`_skeleton`: the only ones a
    plain ASCII word missing from ``by_word`` can match."""
    word_starts: re.Pattern[str]
    """Finds the words to try: see :func:`_word_starts`."""
    loose_initials: frozenset[str]
    """ASCII first letters of the buckets in ``loose`` or ``unindexed``: a word missing
    from ``by_word`` can match only when it starts with one (or is not ASCII)."""


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
    by_skeleton: dict[str, _Candidates] = {}
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
                for form in anyword:
                    skeleton = _skeleton(form.form[:length])
                    by_skeleton[skeleton] = (*by_skeleton.get(skeleton, ()), form)
            for word, branch in _branches(same, length, anyword).items():
                if _bucket(word) == key:  # "the" is read in bucket "t" only
                    by_word[word] = branch
    initials = {b for b in unindexed if b.isascii()}
    initials |= {b for same in loose.values() for b in same if b.isascii()}
    return _Table(
        by_word, loose, unindexed, by_skeleton, _word_starts(buckets), frozenset(initials)
    )


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
    return {word: _branch(word, same, length, loose) for word, same in by_word.items()}


def _branch(word: str, forms: list[_Form], length: int, loose: list[_Form]) -> _Branch:
    """Split forms sharing a first word (``word``) by an ASCII second word; the rest (and
    the ``loose`` forms of the same length that ``word`` can match) may follow any word."""
    by_word: dict[str, list[_Form]] = {}
    other = [form for form in loose if _skeleton(form.form[:length]) == word]
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


def _skeleton(word: str) -> str:
    """A word's letters without their accents, as :func:`_form_pattern` reads them: a
    plain ASCII word of the text matches a form's accented first word only when it is
    this ("Bejart" for "Béjart"), since an accented letter matches a plain letter only
    as its base."""
    return "".join(unicodedata.normalize("NFKD", char)[0] for char in word)


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


def known_mentions(sentence: str, gazetteer: Gazetteer) -> Iterable[Mention]:
    table = _table(gazetteer)
    # Every word start is tried, overlaps included: "the Swan Queen" must be able to beat
    # a shorter name starting one word earlier; find_mentions keeps the longest.
    by_word, initials = table.by_word, table.loose_initials
    for word in table.word_starts.finditer(sentence):
        first = word.group()
        if first not in by_word and first.isascii() and first[0] not in initials:
            continue  # "to", "there": no known name starts so
        start = word.start()
        for form in _candidates(table, sentence, first, word.end()):
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
        if first.isascii():
            return table.by_skeleton.get(first, ())
        buckets = table.loose.get(len(first))
        return buckets.get(_bucket(first), ()) if buckets else ()
    if branch.by_second:
        following = _NEXT_WORD.match(sentence, end)
        if following is not None:
            return branch.by_second.get(following.group(1), branch.other)
    return branch.other
