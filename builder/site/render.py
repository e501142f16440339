"""Stories -> Markdown pages (front matter + body). Pure: returns text, writes nothing.

Every page is plain Markdown that any MkDocs-compatible renderer can read. Text that
came from a seed is escaped so that nothing in it is ever interpreted: the story body is
an HTML block of escaped paragraphs, and names in links are Markdown-escaped.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

import frontmatter

from builder.book.epub import MODIFIED, Book, epub_bytes
from builder.book.order import reading_order
from builder.model import Story
from builder.site.feeds import (
    Feed,
    FeedEntry,
    FeedSite,
    newest,
    render_feed,
    term_feed,
)
from builder.site.layout import ANTHOLOGY_FEED, BOOKS, HOME, KINDS
from builder.site.markup import (
    YAML_DUMPER,
    count,
    dancer_front_matter,
    describe,
    listing_card,
    md,
    sources,
    story_html,
)
from builder.site.taxonomy import (
    OTHER,
    PART_LIMIT,
    UNPLACED,
    Taxonomy,
    Term,
    build_taxonomy,
    dancer_ballets,
    dancer_companies,
    split_a_to_z,
)
from builder.templating import strict_templates

ANTHOLOGY_BOOK = f"{BOOKS}/anthology.epub"
NEIGHBOURS = 8
"""How many dancers "more from this company" and "also in this ballet" show at most."""
HOME_LISTS_UP_TO = 100
"""The home page tables every dancer up to this many; beyond, it points to the indexes
(a table of thousands is no landing page, and MkDocs renders it on every build)."""


@dataclass(frozen=True)
class Page:
    """A file to write under ``docs/``: its POSIX path there and its full text."""

    path: str
    text: str


@dataclass(frozen=True)
class PagePlan:
    """A page not rendered yet: its path, a key naming everything its text is made
    from, and the function that renders it.

    Equal keys mean equal text (for the same builder code), so a rebuild renders only
    the pages whose key changed: after one story is edited, a few pages, not the site.
    """

    path: str
    key: str
    render: Callable[[], str | bytes]
    producer: str = ""
    """What made it (its template), named if another page claims the same path."""


def plan_site(
    stories: list[Story],
    identities: Mapping[str, str] | None = None,
    order: Sequence[str] = (),
    modified: datetime = MODIFIED,
    previous: Callable[[str], bytes | None] | None = None,
    code: str = "",
    site: FeedSite | None = None,
) -> list[PagePlan]:
    """Every generated page (and, given the ``site``, Atom feed) of the site, sorted by
    path, ready to render.


    ``identities`` may give each story's content key by its source (what it was read
    from, as :mod:`builder.store.cache` keys it): the pages' keys then use it instead of the
    whole story, which is slower to spell out. ``order`` is the editor's reading order
    (seed stems, ``seeds/order.yaml``); ``modified`` the books' ``dcterms:modified``.
    ``previous`` gives a book as it was last written, if it was (its unchanged chapters
    are copied, not rendered again); ``code`` names the builder's code, which they need.
    """
    renderer = _Renderer(stories, build_taxonomy(stories), identities or {}, order, site)
    plans = [renderer.home(), *renderer.dancers_listing()]
    plans += [renderer.dancer(story) for story in stories]
    for kind in KINDS:
        plans += renderer.kind_index(kind)
        for term in getattr(renderer.taxonomy, kind):
            plans += renderer.term_pages(term)
    plans += renderer.books(modified, previous, code)
    feeds = [None, *(t for kind in KINDS for t in getattr(renderer.taxonomy, kind))]
    plans += [plan for term in feeds if (plan := renderer.feed(term))]
    return sorted(plans, key=lambda plan: plan.path)


def render_site(stories: list[Story]) -> list[Page]:
    """Every generated Markdown page of the site (not the books), rendered, by path."""
    plans = [plan for plan in plan_site(stories) if not plan.path.startswith(f"{BOOKS}/")]
    return [Page(plan.path, str(plan.render())) for plan in plans]


def dancer_path(story: Story) -> str:
    return f"dancers/{story.slug}.md"


def company_book_path(slug: str) -> str:
    return f"{BOOKS}/company-{slug}.epub"


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


class _Renderer:
    """Holds the corpus-wide context (taxonomy, templates) that every page links into."""

    def __init__(
        self,
        stories: list[Story],
        taxonomy: Taxonomy,
        identities: Mapping[str, str],
        order: Sequence[str] = (),
        site: FeedSite | None = None,
    ) -> None:
        self.identities = identities
        self.site = site
        self.stories = sorted(stories, key=lambda s: (s.title.casefold(), s.slug))
        self.reading = reading_order(stories, order)
        """The anthology's reading order: the editor's, then A to Z."""
        self.reading_place = {story.slug: i for i, story in enumerate(self.reading)}
        self.taxonomy = taxonomy
        self.env = strict_templates("builder.site", autoescape=False)
        self.env.filters["md"] = md
        self.env.filters["count"] = count

    @functools.cached_property
    def terms_key(self) -> tuple[tuple[str, str, str], ...]:
        """Every term's kind, name and slug: what a listing page's links depend on."""
        return tuple(
            (kind, term.name, term.slug) for kind in KINDS for term in getattr(self.taxonomy, kind)
        )

    def _plan(
        self,
        path: str,
        inputs: tuple[Any, ...],
        front: Callable[[], dict[str, Any]],
        template: str,
        context: Callable[[], dict[str, Any]],
    ) -> PagePlan:
        """``inputs`` must name everything that ``front`` and ``context`` draw on."""
        key = hashlib.sha256(repr((path, template, inputs)).encode()).hexdigest()
        return PagePlan(
            path,
            key,
            lambda: self._page(path, front(), template, **context()),
            f"the template {template}",
        )

    def _page(self, path: str, front: dict[str, Any], template: str, **context: Any) -> str:
        here = PurePosixPath(path).parent

        def link(kind: str, name: str | None) -> str:
            """A Markdown link to a term's page, relative to this page; text if none."""
            if not name:
                return ""
            term = self.taxonomy.term(kind, name)
            if term is None:
                return md(name)
            return f"[{md(name)}]({_relative(here, f'{kind}/{term.slug}.md')})"

        def to(target: str) -> str:
            return _relative(here, target)

        body = self.env.get_template(template).render(
            link=link,
            to=to,
            dancer_path=dancer_path,
            company_book_path=company_book_path,
            taxonomy=self.taxonomy,
            **context,
        )
        # The four tabs are the navigation; a sidebar repeating them only takes room.
        post = frontmatter.Post(body.strip("\n") + "\n", **front, hide=["navigation"])
        return frontmatter.dumps(post, Dumper=YAML_DUMPER, sort_keys=False, width=100) + "\n"

    @functools.cached_property
    def cards(self) -> tuple[tuple[Any, ...], ...]:
        """What listing pages show of each dancer, A to Z."""
        return tuple(listing_card(story) for story in self.stories)

    def home(self) -> PagePlan:
        def front() -> dict[str, Any]:
            return {
                "title": "The Dancer Anthology",
                "description": "Stories of "
                + count(len(self.stories), "ballet dancer", "ballet dancers")
                + ", by company, ballet and origin.",
                "search": {"exclude": True},  # it repeats every dancer's name and company
                **_feed_front(feed),
            }

        first = self.reading[0] if self.reading else None
        feed = self.feed_of(None)
        return self._plan(
            HOME,
            (self.cards, self.terms_key, first and (first.slug, first.title), feed and feed.path),
            front,
            "home.md.j2",
            lambda: {
                "stories": self.stories,
                "home_lists_up_to": HOME_LISTS_UP_TO,
                "first": first,
                "book": ANTHOLOGY_BOOK,
                "feed": feed and feed.path,
            },
        )

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
                **_feed_front(feed),
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

    def dancer(self, story: Story) -> PagePlan:
        meta = story.metadata
        ballet = meta.signature_role.ballet or next(iter(dancer_ballets(story)), None)
        company_term = self.taxonomy.term("companies", meta.company or "")
        ballet_term = self.taxonomy.term("ballets", ballet or "")
        same_company = self._neighbours(story, company_term)
        same_ballet = self._neighbours(story, ballet_term)
        # "All the dancers of ..." only when the term has more than the page lists.
        all_company = bool(company_term and len(company_term.entries) > len(same_company) + 1)
        all_ballet = bool(ballet_term and len(ballet_term.entries) > len(same_ballet) + 1)
        linked = [("companies", c) for c in (meta.company, *dancer_companies(story))]
        linked += [("ballets", b) for b in (meta.signature_role.ballet, *dancer_ballets(story))]
        linked.append(("origins", meta.origin.country))
        previous, following = self._reading_neighbours(story)
        inputs = (
            self.identities.get(story.source) or story,
            story.slug,  # two seeds' dancers with one name get numbered slugs
            [(other.slug, other.title) for other in (*same_company, *same_ballet)],
            (all_company, all_ballet),
            [(kind, name, self._slug(kind, name)) for kind, name in linked],
            [(s.slug, s.title) if s else None for s in (previous, following)],
        )

        def context() -> dict[str, Any]:
            return {
                "story": story,
                "meta": meta,
                "story_html": story_html(story.text),
                "sources": sources(story),
                "companies": dancer_companies(story),
                "ballets": dancer_ballets(story),
                "same_company": same_company,
                "same_ballet": same_ballet,
                "ballet": ballet,
                "company_term": company_term,
                "ballet_term": ballet_term,
                "all_company": all_company,
                "all_ballet": all_ballet,
                "previous": previous,
                "next": following,
            }

        return self._plan(
            dancer_path(story), inputs, lambda: dancer_front_matter(story), "dancer.md.j2", context
        )

    def _reading_neighbours(self, story: Story) -> tuple[Story | None, Story | None]:
        """The stories before and after hers in the reading order (none at the ends)."""
        here = self.reading_place[story.slug]
        before = self.reading[here - 1] if here > 0 else None
        after = self.reading[here + 1] if here + 1 < len(self.reading) else None
        return before, after

    def books(
        self,
        modified: datetime,
        previous: Callable[[str], bytes | None] | None = None,
        code: str = "",
    ) -> list[PagePlan]:
        """The anthology as one EPUB, and each company's stories as another.

        A book's key names its stories' content in reading order, so an edit rewrites
        the anthology's book and her companies' books, and no other.
        """
        if not self.reading:
            return []
        count_text = count(len(self.reading), "story", "stories")
        plans = [
            self._book(
                ANTHOLOGY_BOOK,
                Book(
                    "anthology",
                    "The Dancer Anthology",
                    f"{count_text} of ballet dancers",
                    tuple(self.reading),
                ),
                modified,
                previous,
                code,
            )
        ]
        for term in self.taxonomy.companies:
            members = {entry.story.slug for entry in term.entries}
            stories = tuple(s for s in self.reading if s.slug in members)
            subtitle = f"{count(len(stories), 'story', 'stories')} of the company's dancers"
            book = Book(
                f"company-{term.slug}", f"The Dancer Anthology: {term.name}", subtitle, stories
            )
            plans.append(self._book(company_book_path(term.slug), book, modified, previous, code))
        return plans

    def _book(
        self,
        path: str,
        book: Book,
        modified: datetime,
        previous: Callable[[str], bytes | None] | None,
        code: str,
    ) -> PagePlan:
        chapters = [self._chapter_key(story, code) for story in book.stories]
        inputs = (book.key, book.title, book.subtitle, modified.isoformat(), chapters)
        key = hashlib.sha256(repr((path, "epub", inputs)).encode()).hexdigest()

        def render() -> bytes:
            return epub_bytes(book, modified, chapters, previous(path) if previous else None)

        return PagePlan(path, key, render, f"the book {book.title!r}")

    @functools.cache  # noqa: B019 - one renderer per build; a story is in several books
    def _chapter_key(self, story: Story, code: str) -> str:
        """Names everything her chapter is made from: her story, her slug, the code."""
        made_from = (code, self.identities.get(story.source) or story, story.slug)
        return hashlib.sha256(repr(made_from).encode()).hexdigest()

    def _slug(self, kind: str, name: str | None) -> str | None:
        term = self.taxonomy.term(kind, name) if name else None
        return term.slug if term else None

    def _neighbours(self, story: Story, term: Term | None) -> list[Story]:
        """Up to :data:`NEIGHBOURS` others of the same term, those next to her A to Z.

        Capped so that a page's size does not grow with the size of its company: the
        term's own page lists everyone.
        """
        if term is None:
            return []
        others, positions = self._members(term)
        here = positions[story.slug]
        start = max(0, min(here - NEIGHBOURS // 2, len(others) - NEIGHBOURS - 1))
        window = others[start : start + NEIGHBOURS + 1]
        return [s for s in window if s.slug != story.slug][:NEIGHBOURS]

    @functools.cache  # noqa: B019 - one renderer per build; it lives as long as its terms
    def _members(self, term: Term) -> tuple[list[Story], dict[str, int]]:
        """A term's dancers A to Z, and where each stands: looked up once per term."""
        others = [e.story for e in term.entries]
        return others, {s.slug: i for i, s in enumerate(others)}

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
                "description": f"The anthology's dancers by {_SINGULAR[kind]}: "
                f"{len(terms)} {kind if len(terms) != 1 else _SINGULAR[kind]}.",
                "search": {"exclude": True},
            }

        path = f"{kind}/index.md"
        parts: list[Part] = []
        plans: list[PagePlan] = []
        listed: list[Any] = [(story.slug, story.title) for story in unplaced]
        if len(unplaced) > PART_LIMIT:
            folder = f"{kind}/{UNPLACED[kind]}"
            parts = split_listing(folder, [(story, "") for story in unplaced])
            listing = f"Dancers with no {_SINGULAR[kind]} named"
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
                "singular": _SINGULAR[kind],
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
                **_feed_front(feed),
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
            f"{_SINGULAR[term.kind]}.md.j2",
            lambda: {"term": term, "feed": feed and feed.path},
        )

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

    @functools.cache  # noqa: B019 - one renderer per build, as for _members
    def feed_of(self, term: Term | None) -> Feed | None:
        """The feed of a term's page (``None``: of the whole anthology), if any of its
        stories is dated."""
        if term is None:
            entries = list(self._entries.values())
            if not entries or self.site is None:
                return None
            return Feed(
                ANTHOLOGY_FEED, "", self.site.name, "New stories of the anthology.", newest(entries)
            )
        dated = [self._entries.get(entry.story.source) for entry in term.entries]
        entries = [entry for entry in dated if entry]
        if not entries or self.site is None:
            return None
        subtitle = _FEED_SUBTITLES[term.kind].format(term.name)
        return Feed(
            term_feed(term.kind, term.slug),
            f"{term.kind}/{term.slug}/",
            f"{term.name}: {self.site.name}",
            subtitle,
            newest(entries),
        )

    def feed(self, term: Term | None) -> PagePlan | None:
        """The plan of an Atom feed, keyed by everything it shows."""
        feed, site = self.feed_of(term), self.site
        if feed is None or site is None:
            return None
        key = hashlib.sha256(repr(("feed", feed, site.url, site.name)).encode()).hexdigest()
        return PagePlan(feed.path, key, lambda: render_feed(feed, site), f"the feed {feed.title!r}")


_SINGULAR = {"companies": "company", "ballets": "ballet", "origins": "origin"}
_FEED_SUBTITLES = {
    "companies": "New stories of the anthology's dancers of {}.",
    "ballets": "New stories of the anthology that name {}.",
    "origins": "New stories of the anthology's dancers from {}.",
}


def _feed_front(feed: Feed | None) -> dict[str, str]:
    """A page's ``feed`` key (its Atom feed's path in the site), read by overrides/main.html
    for the page's ``<link rel="alternate">``."""
    return {"feed": feed.path} if feed else {}


def _relative(here: PurePosixPath, target: str) -> str:
    """``target`` (a path under ``docs/``) as seen from a page in folder ``here``."""
    up = len(here.parts)
    return "../" * up + target
