"""Stories -> index terms: companies, ballets and origins, each a value with a slug."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from anyascii import anyascii

from builder.model import Story
from builder.site import layout
from builder.site.layout import UNPLACED
from builder.site.slug import slugify, unique_slugs

RESERVED_SLUGS = frozenset({*layout.RESERVED_SLUGS, *UNPLACED.values()})
"""Slugs a term may not take: the folder's own index page, and its folder of the dancers
who name no term (:data:`~builder.site.layout.UNPLACED`)."""


@dataclass(frozen=True)
class Entry:
    """One dancer listed on a term's page, with what links her to the term."""

    story: Story
    note: str
    """E.g. her signature role in this ballet, or her rank in this company."""


@dataclass(frozen=True, eq=False)  # identity: one object per term per build
class Term:
    """A company, ballet or country, identified by its slug within its kind."""

    kind: str
    """``companies``, ``ballets`` or ``origins``: also the folder under ``docs/``."""
    name: str
    slug: str
    entries: tuple[Entry, ...]
    groups: tuple[tuple[str, tuple[Entry, ...]], ...] = ()
    """For origins: the cities within the country, each with its dancers."""


@dataclass(frozen=True)
class Taxonomy:
    """Every index term of the anthology, and a lookup from (kind, name) to slug."""

    companies: tuple[Term, ...]
    ballets: tuple[Term, ...]
    origins: tuple[Term, ...]

    @cached_property
    def _by_name(self) -> dict[tuple[str, str], Term]:
        return {
            (term.kind, term.name): term for term in (*self.companies, *self.ballets, *self.origins)
        }

    def term(self, kind: str, name: str) -> Term | None:
        """The term of that kind and canonical name, if any story names it."""
        return self._by_name.get((kind, name))


@lru_cache(maxsize=65_536)  # each name is sorted in several lists per build
def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order that readers expect across scripts (Émile next to Emma)."""
    return (anyascii(text).casefold(), text)


def dancer_companies(story: Story) -> tuple[str, ...]:
    meta = story.metadata
    extra = (meta.company,) if meta.company and meta.company not in meta.companies else ()
    return meta.companies + extra


def dancer_ballets(story: Story) -> tuple[str, ...]:
    meta = story.metadata
    ballet = meta.signature_role.ballet
    extra = (ballet,) if ballet and ballet not in meta.ballets else ()
    return meta.ballets + extra


def build_taxonomy(stories: list[Story]) -> Taxonomy:
    """Group the stories under every company, ballet and country they name."""
    companies: dict[str, list[Entry]] = defaultdict(list)
    ballets: dict[str, list[Entry]] = defaultdict(list)
    countries: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for story in stories:
        meta = story.metadata
        for company in dancer_companies(story):
            note = "principal company" if company == meta.company else "member"
            companies[company].append(Entry(story, note))
        for ballet in dancer_ballets(story):
            role = meta.signature_role
            note = role.role or "" if role.ballet == ballet else ""
            ballets[ballet].append(Entry(story, note))
        if meta.origin.country:
            city = meta.origin.city or ""
            countries[meta.origin.country][city].append(Entry(story, city))
    return Taxonomy(
        companies=_terms("companies", companies),
        ballets=_terms("ballets", ballets),
        origins=_origin_terms(countries),
    )


def _terms(kind: str, grouped: dict[str, list[Entry]]) -> tuple[Term, ...]:
    names = sorted(grouped, key=sort_key)
    slugs = unique_slugs([slugify(n) for n in names], reserved=RESERVED_SLUGS)
    return tuple(
        Term(kind, name, slug, tuple(sorted(grouped[name], key=_entry_key)))
        for name, slug in zip(names, slugs, strict=True)
    )


def _origin_terms(countries: dict[str, dict[str, list[Entry]]]) -> tuple[Term, ...]:
    names = sorted(countries, key=sort_key)
    slugs = unique_slugs([slugify(n) for n in names], reserved=RESERVED_SLUGS)
    terms = []
    for name, slug in zip(names, slugs, strict=True):
        cities = countries[name]
        groups = tuple(
            (city, tuple(sorted(cities[city], key=_entry_key)))
            for city in sorted(cities, key=lambda c: (c == "", sort_key(c)))
        )
        entries = tuple(sorted((e for _, es in groups for e in es), key=_entry_key))
        terms.append(Term("origins", name, slug, entries, groups))
    return tuple(terms)


def _entry_key(entry: Entry) -> tuple[tuple[str, str], str]:
    return (sort_key(entry.story.title), entry.story.slug)


PART_LIMIT = 300
"""A listing shows at most about this many dancers on one page: at 10,000 stories one
table of everyone was 2.6 MB of HTML, nothing a phone can use. Beyond it, a listing is
split A to Z into parts (see :func:`split_a_to_z`)."""

OTHER = "other"
"""The part of names that begin with no letter of the Latin alphabet (after anyascii)."""


def name_prefix(name: str, depth: int) -> str:
    """The first ``depth`` letters of a name, as sorted (``Émile`` -> ``em``)."""
    key = sort_key(name)[0]
    if not key[:1].isascii() or not key[:1].isalpha():
        return OTHER
    return "".join(c for c in key if "a" <= c <= "z")[:depth]


def split_a_to_z(
    names: list[str], limit: int = PART_LIMIT, depth: int = 1
) -> list[tuple[str, list[int]]]:
    """Parts of a listing: each a key (``a``, or ``ma`` where one letter is too many)
    and the positions of its names, A to Z.

    The key depends only on a name and on how many names share its first letters, so a
    part's URL stays put while the anthology grows, and adding a dancer changes her part
    alone (unless her letter just outgrew one page, and then it splits by two letters).
    """
    groups: dict[str, list[int]] = {}
    for position, name in enumerate(names):
        groups.setdefault(name_prefix(name, depth), []).append(position)
    parts: list[tuple[str, list[int]]] = []
    for key, members in groups.items():
        if len(members) > limit and key != OTHER and len(key) == depth and depth < 3:
            inner = split_a_to_z([names[i] for i in members], limit, depth + 1)
            parts += [(k, [members[i] for i in positions]) for k, positions in inner]
        else:
            parts.append((key, members))
    return sorted(parts, key=lambda part: (part[0] == OTHER, part[0]))
