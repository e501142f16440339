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
from builder.site.listing import Listings, feed_front
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
    Taxonomy,
    Term,
    build_taxonomy,
    dancer_ballets,
    dancer_companies,
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


class _Renderer(Listings):
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
                **feed_front(feed),
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


_FEED_SUBTITLES = {
    "companies": "New stories of the anthology's dancers of {}.",
    "ballets": "New stories of the anthology that name {}.",
    "origins": "New stories of the anthology's dancers from {}.",
}


def _relative(here: PurePosixPath, target: str) -> str:
    """``target`` (a path under ``docs/``) as seen from a page in folder ``here``."""
    up = len(here.parts)
    return "../" * up + target
