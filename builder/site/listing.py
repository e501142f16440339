"""Listing pages: the dancers, each kind's index and each term's page, and, past
:data:`~builder.site.taxonomy.PART_LIMIT` dancers, their A-to-Z parts with a page that
links them (the renderer's :class:`Listings`). Pure, as :mod:`builder.site.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from builder.model import Story
from builder.site.feeds import Feed
from builder.site.layout import UNPLACED
from builder.site.markup import listing_card
from builder.site.taxonomy import (
    OTHER,
    PART_LIMIT,
    Taxonomy,
    Term,
    dancer_ballets,
    dancer_companies,
    split_a_to_z,
)

if TYPE_CHECKING:
    from builder.site.render import PagePlan

SINGULAR = {"companies": "company", "ballets": "ballet", "origins": "origin"}
"""Each kind's word for one of its terms (also the name of its term page's template)."""


def feed_front(feed: Feed | None) -> dict[str, str]:
    """A page's ``feed`` key (its Atom feed's path in the site), read by overrides/main.html
    for the page's ``<link rel="alternate">``."""
    return {"feed": feed.path} if feed else {}


DANCERS_PARTS = "dancers/a-z"
"""The folder of the dancers listing's A-to-Z parts, once it has more than one page."""


@dataclass(frozen=True)
class Part:
    """One page of a listing split A to Z: ``a`` (or ``ma``), its path, its rows."""

    key: str
    path: str
    rows: tuple[tuple[Story, str], ...]
    """Each dancer and what links her to the listing (her role in a ballet, say)."""

    @property
    def label(self) -> str:
        return "Other" if self.key == OTHER else self.key.capitalize()


def split_listing(folder: str, rows: list[tuple[Story, str]]) -> list[Part]:
    """A listing's rows (A to Z) as parts of at most about :data:`PART_LIMIT`."""
    parts = split_a_to_z([story.title for story, _ in rows], PART_LIMIT)
    return [
        Part(key, f"{folder}/{key}.md", tuple(rows[i] for i in positions))
        for key, positions in parts
    ]


class Listings:
    """The listing pages of :class:`builder.site.render._Renderer`, which provides what
    is declared here: the stories A to Z, the taxonomy, and how a page is planned."""

    stories: list[Story]
    taxonomy: Taxonomy
    cards: tuple[tuple[Any, ...], ...]
    terms_key: tuple[tuple[str, str, str], ...]
    _plan: Callable[..., PagePlan]
    _slug: Callable[[str, str | None], str | None]
    feed_of: Callable[[Term | None], Feed | None]

    def dancers_listing(self) -> list[PagePlan]:
        """``dancers/``: one table of everyone, or, past :data:`PART_LIMIT`, a page of
        A-to-Z parts and the parts themselves."""
        if len(self.stories) <= PART_LIMIT:
            return [self.dancers_index()]
        parts = split_listing(DANCERS_PARTS, [(story, "") for story in self.stories])
        plans = [self.parts_hub("dancers/index.md", "Dancers", "dancers", None, parts)]
        plans += [
            self.part("dancers", "Dancers", "dancers/index.md", parts, i) for i in range(len(parts))
        ]
        return plans

    def parts_hub(
        self, path: str, title: str, kind: str, term: Term | None, parts: list[Part]
    ) -> PagePlan:
        """The page of a split listing: its parts, each with its first and last name."""
        total = sum(len(part.rows) for part in parts)
        feed = self.feed_of(term) if term else None  # a term's feed, as its unsplit page has

        def front() -> dict[str, Any]:
            described = (
                f"All {total} dancers of the anthology"
                if term is None
                else (f"The {total} dancers of the anthology linked to {term.name}")
            )
            return {
                "title": title,
                "description": f"{described}, A to Z in {len(parts)} parts.",
                **feed_front(feed),
            }

        summary = [
            (p.key, p.path, len(p.rows), p.rows[0][0].title, p.rows[-1][0].title) for p in parts
        ]
        return self._plan(
            path,
            (title, kind, summary, term and term.slug, feed and feed.path),
            front,
            "parts_hub.md.j2",
            lambda: {
                "title": title,
                "kind": kind,
                "term": term,
                "parts": parts,
                "total": total,
                "feed": feed and feed.path,
            },
        )

    def part(self, kind: str, title: str, hub: str, parts: list[Part], index: int) -> PagePlan:
        """One part of a split listing; its key names only what its own rows link to, so
        adding a dancer rewrites her part and the hub, not every part."""
        part = parts[index]
        full_title = f"{title}: {part.label}"

        def front() -> dict[str, Any]:
            return {
                "title": full_title,
                "description": f"{title}, names under {part.label}: "
                + ", ".join(story.title for story, _ in part.rows[:10])
                + ("…" if len(part.rows) > 10 else "")
                + ".",
            }

        rows = [
            (
                note,
                listing_card(story),
                [
                    self._slug(k, n)
                    for k, n in (
                        ("companies", story.metadata.company),
                        ("ballets", story.metadata.signature_role.ballet),
                        ("origins", story.metadata.origin.country),
                    )
                ],
            )
            for story, note in part.rows
        ]
        inputs = (kind, title, hub, part.key, [p.key for p in parts], rows)
        return self._plan(
            part.path,
            inputs,
            front,
            "part.md.j2",
            lambda: {
                "kind": kind,
                "title": full_title,
                "listing": title,
                "hub": hub,
                "part": part,
                "parts": parts,
                "previous": parts[index - 1] if index else None,
                "next": parts[index + 1] if index + 1 < len(parts) else None,
            },
        )

    def dancers_index(self) -> PagePlan:
        def front() -> dict[str, Any]:
            return {
                "title": "Dancers",
                "description": f"All {len(self.stories)} dancers of the anthology.",
                "search": {"exclude": True},
            }

        return self._plan(
            "dancers/index.md",
            (self.cards, self.terms_key),
            front,
            "dancers.md.j2",
            lambda: {"stories": self.stories},
        )

    def kind_index(self, kind: str) -> list[PagePlan]:
        """``<kind>/``: its terms, and the dancers who name none; past :data:`PART_LIMIT`
        those are split A to Z (``origins/no-origin/a/``) like the dancers listing, and
        the page lists the parts."""
        terms = getattr(self.taxonomy, kind)
        title = kind.capitalize()
        unplaced = [
            s
            for s in self.stories
            if not (
                dancer_companies(s)
                if kind == "companies"
                else dancer_ballets(s)
                if kind == "ballets"
                else s.metadata.origin.country
            )
        ]

        def front() -> dict[str, Any]:
            return {
                "title": title,
                "description": f"The anthology's dancers by {SINGULAR[kind]}: "
                f"{len(terms)} {kind if len(terms) != 1 else SINGULAR[kind]}.",
                "search": {"exclude": True},
            }

        path = f"{kind}/index.md"
        parts: list[Part] = []
        plans: list[PagePlan] = []
        listed: list[Any] = [(story.slug, story.title) for story in unplaced]
        if len(unplaced) > PART_LIMIT:
            folder = f"{kind}/{UNPLACED[kind]}"
            parts = split_listing(folder, [(story, "") for story in unplaced])
            listing = f"Dancers with no {SINGULAR[kind]} named"
            plans = [self.part("dancers", listing, path, parts, i) for i in range(len(parts))]
            listed = [(p.key, len(p.rows), p.rows[0][0].title, p.rows[-1][0].title) for p in parts]
        inputs = ([(term.name, term.slug, len(term.entries)) for term in terms], listed)
        index = self._plan(
            path,
            inputs,
            front,
            "kind_index.md.j2",
            lambda: {
                "kind": kind,
                "title": title,
                "terms": terms,
                "unplaced": unplaced,
                "parts": parts,
                "singular": SINGULAR[kind],
            },
        )
        return [index, *plans]

    def term_pages(self, term: Term) -> list[PagePlan]:
        """A term's page, or, past :data:`PART_LIMIT` dancers, its page of A-to-Z parts
        (``companies/<slug>/``) and the parts (``companies/<slug>/<key>/``)."""
        if len(term.entries) <= PART_LIMIT:
            return [self.term(term)]
        folder = f"{term.kind}/{term.slug}"
        parts = split_listing(folder, [(entry.story, entry.note) for entry in term.entries])
        hub = f"{folder}.md"
        plans = [self.parts_hub(hub, term.name, term.kind, term, parts)]
        plans += [self.part(term.kind, term.name, hub, parts, i) for i in range(len(parts))]
        return plans

    def term(self, term: Term) -> PagePlan:
        def front() -> dict[str, Any]:
            return {
                "title": term.name,
                "description": f"Dancers of the anthology linked to {term.name}: "
                + ", ".join(e.story.title for e in term.entries[:10])
                + ("…" if len(term.entries) > 10 else "")
                + ".",
                "search": {"exclude": True},
                **feed_front(feed),
            }

        feed = self.feed_of(term)
        inputs = (
            term.name,
            [(entry.note, listing_card(entry.story)) for entry in term.entries],
            [(city, [entry.story.slug for entry in entries]) for city, entries in term.groups],
            self.terms_key,
            feed and feed.path,
        )
        return self._plan(
            f"{term.kind}/{term.slug}.md",
            inputs,
            front,
            f"{SINGULAR[term.kind]}.md.j2",
            lambda: {"term": term, "feed": feed and feed.path},
        )
