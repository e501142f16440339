"""What each page is made of, as plain data: its view. Pure.

A page's view holds everything its template is given, as plain values (dicts, tuples,
strings, numbers; a dataclass's repr is several times slower to hash) and nothing else:
:mod:`builder.site.render` renders a page from its template and its view alone, and keys
it by the view's hash, so a page's key and its text cannot drift apart. Every build
computes every page's view, so views are built from small tuples (each dancer's card
and each term's reference once per build).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from builder.book.order import reading_order
from builder.model import Story
from builder.site.feeds import Feed, FeedEntry, FeedSite, newest, term_feed
from builder.site.layout import ANTHOLOGY_FEED, BOOKS
from builder.site.markup import dancer_front_matter, describe, sources
from builder.site.taxonomy import Term, build_taxonomy, dancer_ballets, dancer_companies

NEIGHBOURS = 8
"""How many dancers "more from this company" and "also in this ballet" show at most."""


class PageView(NamedTuple):
    """A page to render: where it goes, its template, and the plain data it is given."""

    path: str
    template: str
    view: dict[str, Any]
    """``front`` (the page's front matter) and the template's other variables."""


class Ref(NamedTuple):
    """A name a page shows, and the page it links to (``None``: shown as plain text)."""

    name: str
    path: str | None

    __repr__ = tuple.__repr__  # views are hashed by their repr on every build: C's, not Python's


class Card(NamedTuple):
    """What a listing shows of a dancer: her page, her name, and of her company, role,
    ballet and origin what that listing's columns show (the others ``None``, so a change
    to a column it does not show leaves the listing's key alone)."""

    path: str
    title: str
    company: Ref | None = None
    role: str | None = None
    ballet: Ref | None = None
    """The ballet of her signature role."""
    inferred: bool | None = None
    """Her role is the ballet's lead, inferred from the ballet alone."""
    origin: Ref | None = None

    __repr__ = tuple.__repr__


COLUMNS = ("company", "role", "ballet", "inferred", "origin")
"""Every column a listing may show of a dancer (a listing shows these or fewer)."""


def dancer_path(story: Story) -> str:
    return f"dancers/{story.slug}.md"


def company_book_path(slug: str) -> str:
    return f"{BOOKS}/company-{slug}.epub"


def term_path(term: Term) -> str:
    return f"{term.kind}/{term.slug}.md"


class Anthology:
    """The corpus-wide context every view links into: the dancers A to Z and in reading
    order, the taxonomy, and what many views share (cards, references, feeds), made
    once per build."""

    def __init__(
        self,
        stories: list[Story],
        order: Sequence[str] = (),
        site: FeedSite | None = None,
        memo: ViewMemo | None = None,
    ) -> None:
        self.site = site
        self.memo = memo or ViewMemo()
        self.memo.begin()
        self.stories = sorted(stories, key=lambda s: (s.title.casefold(), s.slug))
        self.reading = reading_order(stories, order)
        """The anthology's reading order: the editor's, then A to Z."""
        self._reading_place = {story.slug: i for i, story in enumerate(self.reading)}
        self.taxonomy = build_taxonomy(stories)
        self._refs: dict[tuple[str, str], Ref] = {}
        self._cards: dict[tuple[str, tuple[str, ...]], Card] = {}
        self._members: dict[tuple[str, str], tuple[list[Story], dict[str, int]]] = {}
        self._feeds: dict[tuple[str, str], Feed | None] = {}

    def ref(self, kind: str, name: str | None) -> Ref | None:
        """A name and the path of its term's page (``None`` without a name)."""
        if not name:
            return None
        found = self._refs.get((kind, name))
        if found is None:
            term = self.taxonomy.term(kind, name)
            found = self._refs[kind, name] = Ref(name, term_path(term) if term else None)
        return found

    def card(self, story: Story, columns: tuple[str, ...] = COLUMNS) -> Card:
        """Her card with those columns, made once per build: each is on several listings."""
        found = self._cards.get((story.slug, columns))
        if found is None:
            meta, role = story.metadata, story.metadata.signature_role
            values = {
                "company": self.ref("companies", meta.company),
                "role": role.role,
                "ballet": self.ref("ballets", role.ballet),
                "inferred": role.inferred,
                "origin": self.ref("origins", meta.origin.country),
            }
            found = Card(dancer_path(story), story.title, **{c: values[c] for c in columns})
            self._cards[story.slug, columns] = found
        return found

    def dancer_link(self, story: Story | None) -> tuple[str, str] | None:
        """Her name and page: a link to another dancer."""
        if story is None:
            return None
        card = self.card(story, ())
        return card.title, card.path

    def dancer(self, story: Story) -> PageView:
        """Her page: the story, what was read from it (with its sources), the dancers next
        to her in her company and her ballet, and the stories before and after hers."""
        meta = story.metadata
        ballet = meta.signature_role.ballet or next(iter(dancer_ballets(story)), None)
        company_term = self.taxonomy.term("companies", meta.company or "")
        ballet_term = self.taxonomy.term("ballets", ballet or "")
        same_company = self._neighbours(story, company_term)
        same_ballet = self._neighbours(story, ballet_term)
        here = self._reading_place[story.slug]
        before, after = self.reading[max(here - 1, 0) : here], self.reading[here + 1 : here + 2]
        # What her page shows of the rest of the anthology: names, paths, or None.
        around = {
            "company": self.ref("companies", meta.company),
            "companies": tuple(self.ref("companies", c) for c in dancer_companies(story)),
            "role_ballet": self.ref("ballets", meta.signature_role.ballet),
            "ballets": tuple(self.ref("ballets", b) for b in dancer_ballets(story)),
            "origin": self.ref("origins", meta.origin.country),
            "same_company": tuple(self.dancer_link(other) for other in same_company),
            "same_ballet": tuple(self.dancer_link(other) for other in same_ballet),
            # "All the dancers of ..." only when the term has more than the page lists.
            "all_company": _more(company_term, same_company),
            "all_ballet": _more(ballet_term, same_ballet),
            "previous": self.dancer_link(before[0] if before else None),
            "next": self.dancer_link(after[0] if after else None),
        }
        known = self.memo.dancer(story, around)
        if known is not None:
            return known
        view = {
            "front": dancer_front_matter(story),
            "text": story.text,
            "sources": sources(story),
            **{name: around[name] for name in _AROUND_FIRST},
            "ballet": ballet,
            **{name: around[name] for name in _AROUND_LAST},
        }
        return self.memo.keep_dancer(
            story, around, PageView(dancer_path(story), "dancer.md.j2", view)
        )

    def _neighbours(self, story: Story, term: Term | None) -> list[Story]:
        """Up to :data:`NEIGHBOURS` others of the same term, those next to her A to Z.

        Capped so that a page's size does not grow with the size of its company: the
        term's own page lists everyone.
        """
        if term is None:
            return []
        members = self._members.get((term.kind, term.slug))
        if members is None:  # a term's dancers A to Z, and where each stands: once per term
            others = [e.story for e in term.entries]
            members = self._members[term.kind, term.slug] = (
                others,
                {s.slug: i for i, s in enumerate(others)},
            )
        others, positions = members
        here = positions[story.slug]
        start = max(0, min(here - NEIGHBOURS // 2, len(others) - NEIGHBOURS - 1))
        window = others[start : start + NEIGHBOURS + 1]
        return [s for s in window if s.slug != story.slug][:NEIGHBOURS]

    @functools.cached_property
    def _entries(self) -> dict[str, FeedEntry]:
        """Each dated story's feed entry, by source: an undated story is in no feed."""
        if self.site is None:
            return {}
        return {
            story.source: FeedEntry(story.title, f"dancers/{story.slug}/", date, describe(story))
            for story in self.stories
            if (date := self.site.dates.get(story.source))
        }

    def feed_of(self, term: Term | None) -> Feed | None:
        """The feed of a term's page (``None``: of the whole anthology), if any of its
        stories is dated; made once per build (its page and itself both need it)."""
        key = (term.kind, term.slug) if term else ("", "")
        if key not in self._feeds:
            self._feeds[key] = self._feed(term)
        return self._feeds[key]

    def _feed(self, term: Term | None) -> Feed | None:
        if self.site is None:
            return None
        if term is None:
            entries = list(self._entries.values())
            if not entries:
                return None
            return Feed(
                ANTHOLOGY_FEED, "", self.site.name, "New stories of the anthology.", newest(entries)
            )
        dated = [self._entries.get(entry.story.source) for entry in term.entries]
        entries = [entry for entry in dated if entry]
        if not entries:
            return None
        return Feed(
            term_feed(term.kind, term.slug),
            f"{term.kind}/{term.slug}/",
            f"{term.name}: {self.site.name}",
            _FEED_SUBTITLES[term.kind].format(term.name),
            newest(entries),
        )

    def feed(self, term: Term | None) -> PageView | None:
        """An Atom feed's view: its entries and the site's address and name."""
        feed = self.feed_of(term)
        if feed is None or self.site is None:
            return None
        view = {"feed": feed, "url": self.site.url, "name": self.site.name}
        return PageView(feed.path, "feed.xml.j2", view)


_AROUND_FIRST = ("company", "companies", "role_ballet", "ballets", "origin")
_AROUND_LAST = ("same_company", "same_ballet", "all_company", "all_ballet", "previous", "next")
"""Her view's entries from the rest of the anthology, before and after ``ballet``, in
the view's order (its repr is its key)."""


class ViewMemo:
    """The dancer pages' views and keys of the last build, kept by a process that builds
    again and again (``mkdocs serve``), so that a save derives only the views it changed.

    A dancer's view is made of her story and of what her page shows of the rest of the
    anthology (``around``: names and paths, as strings, tuples and ``None``). If her
    story is the very object of the last build (:class:`builder.store.memory.RecordMemory`
    keeps the decoded stories) and ``around`` equals the last one, her view is the last
    one: for such values equal means equal reprs, so its repr and key are the same too.
    Only the last build is kept.
    """

    def __init__(self) -> None:
        self._last: dict[int, _Kept] = {}
        self._kept: dict[int, _Kept] = {}
        self._by_view: dict[int, _Kept] = {}

    def begin(self) -> None:
        """A new build: what the last one made is what this one may reuse."""
        self._last, self._kept, self._by_view = self._kept, {}, {}

    def dancer(self, story: Story, around: dict[str, Any]) -> PageView | None:
        found = self._last.get(id(story))
        if found is None or found.story is not story or found.around != around:
            return None
        self._kept[id(story)] = self._by_view[id(found.view)] = found
        return found.view

    def keep_dancer(self, story: Story, around: dict[str, Any], view: PageView) -> PageView:
        self._kept[id(story)] = self._by_view[id(view)] = _Kept(story, around, view)
        return view

    def key(self, view: PageView, make: Callable[[PageView], str]) -> str:
        """A dancer view's key, made once; any other view's, made now."""
        found = self._by_view.get(id(view))
        if found is None or found.view is not view:
            return make(view)
        if found.key is None:
            found.key = make(view)
        return found.key


@dataclass
class _Kept:
    story: Story
    around: dict[str, Any]
    view: PageView
    key: str | None = None


_FEED_SUBTITLES = {
    "companies": "New stories of the anthology's dancers of {}.",
    "ballets": "New stories of the anthology that name {}.",
    "origins": "New stories of the anthology's dancers from {}.",
}


def _more(term: Term | None, shown: list[Story]) -> str | None:
    """The term's page, if it lists more dancers than ``shown`` and her."""
    return term_path(term) if term and len(term.entries) > len(shown) + 1 else None


def feed_front(feed: Feed | None) -> dict[str, str]:
    """A page's ``feed`` key (its Atom feed's path in the site), read by overrides/main.html
    for the page's ``<link rel="alternate">``."""
    return {"feed": feed.path} if feed else {}
