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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from builder.extract_text import Run, capitalised_runs, tokens
from builder.gazetteer import Gazetteer

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


def find_mentions(sentence: str, gazetteer: Gazetteer) -> tuple[Mention, ...]:
    """Every named thing in ``sentence``, non-overlapping, in text order."""
    candidates = [*_known_mentions(sentence, gazetteer), *_generic_mentions(sentence, gazetteer)]
    candidates = [m for m in candidates if not _is_fragment(sentence, m)]
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
class _Table:
    """Known forms bucketed by their first letter, so each word start tries few forms."""

    patterns: dict[str, re.Pattern[str]]
    entries: dict[str, tuple[tuple[Kind, str], ...]]
    """Per bucket and regex group: the kind and canonical name it stands for."""


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
    buckets: dict[str, list[tuple[str, Kind, str]]] = {}
    for form, kind, name in forms:
        buckets.setdefault(_bucket(form), []).append((form, kind, name))
        if form.startswith("The "):
            buckets.setdefault("t", []).append((form, kind, name))
    patterns = {
        key: re.compile(
            "(?:"
            + "|".join(f"({_form_pattern(f)})" for f, _, _ in items)
            + r")(?![\w-]|['’][^\Ws])"
        )
        for key, items in buckets.items()
    }
    entries = {key: tuple((k, n) for _, k, n in items) for key, items in buckets.items()}
    return _Table(patterns, entries)


def _bucket(word: str) -> str:
    """First letter without its accent: "É" and "E" share a bucket."""
    return unicodedata.normalize("NFKD", word[:1])[:1]


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
    for word in re.finditer(r"(?<![\w'’-])[^\W\d_]", sentence):
        pattern = table.patterns.get(_bucket(word.group()))
        match = pattern.match(sentence, word.start()) if pattern else None
        if match:
            kind, name = table.entries[_bucket(word.group())][(match.lastindex or 1) - 1]
            yield Mention(kind, name, match.group(), match.start(), match.end(), known=True)


# ---------------------------------------------------------------- names read from prose


def _generic_mentions(sentence: str, gazetteer: Gazetteer) -> Iterable[Mention]:
    lexicon = gazetteer.lexicon
    for run in capitalised_runs(sentence, lexicon, lexicon.name_connectors):
        run = _extend_foreign_school(sentence, run)
        kind = _classify(run, gazetteer)
        if kind is None:
            continue
        surface = run.text
        name = _canonical(surface, kind, gazetteer)
        yield Mention(kind, name, surface, run.start, run.end, known=False)


def _classify(run: Run, gazetteer: Gazetteer) -> Kind | None:
    """What a capitalised run names, by its head words; ``None`` when it names nothing."""
    lexicon = gazetteer.lexicon
    words = run.words
    capitals = [w for w in words if w not in lexicon.name_connectors]
    if len(capitals) < 2:
        return None
    joined = f" {' '.join(words)} "

    def has(heads: frozenset[str]) -> bool:
        return any(f" {head} " in joined for head in heads)

    if has(lexicon.school_heads):
        return "school"
    if has(lexicon.company_heads):
        return "company"
    if has(lexicon.house_heads) and not has(lexicon.venue_heads - {"Theatre", "Theater"}):
        return "house"
    if has(lexicon.venue_heads):
        return "venue"
    return None


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
