"""Stories -> the site's pages, planned and rendered. Pure: returns text, writes nothing.

Every page is plain Markdown that any MkDocs-compatible renderer can read. Text that
came from a seed is escaped so that nothing in it is ever interpreted: the story body is
an HTML block of escaped paragraphs, and names in links are Markdown-escaped.

Each page is planned from its view (:mod:`builder.site.views`, plain data computed once)
and rendered from its template and that view alone; its key is the hash of the view, so
a page whose view is unchanged is not rendered again, and one whose view changed always
is.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import frontmatter

from builder.book.epub import MODIFIED, Book, epub_bytes
from builder.model import Story
from builder.site.feeds import FeedSite, render_feed
from builder.site.layout import BOOKS, KINDS
from builder.site.listing import (
    ANTHOLOGY_BOOK,
    HOME_LISTS_UP_TO,
    dancers_listing,
    home,
    kind_index,
    term_pages,
)
from builder.site.markup import YAML_DUMPER, count, md, story_html
from builder.site.views import Anthology, PageView, Ref, ViewMemo, company_book_path
from builder.templating import strict_templates

if TYPE_CHECKING:
    import jinja2

__all__ = ["HOME_LISTS_UP_TO", "Page", "PagePlan", "plan_site", "render_site"]


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


FEED_TEMPLATE = "feed.xml.j2"
"""An Atom feed's template, rendered by :mod:`builder.site.feeds` in its own environment."""


def plan_site(
    stories: list[Story],
    identities: Mapping[str, str] | None = None,
    order: Sequence[str] = (),
    modified: datetime = MODIFIED,
    previous: Callable[[str], bytes | None] | None = None,
    code: str = "",
    site: FeedSite | None = None,
    memo: ViewMemo | None = None,
) -> list[PagePlan]:
    """Every generated page (and, given the ``site``, Atom feed) of the site, sorted by
    path, ready to render.

    ``identities`` may give each story's content key by its source (what it was read
    from, as :mod:`builder.store.cache` keys it): the books' keys then use it instead of
    the whole story, which is slower to spell out. ``order`` is the editor's reading order
    (seed stems, ``seeds/order.yaml``); ``modified`` the books' ``dcterms:modified``.
    ``previous`` gives a book as it was last written, if it was (its unchanged chapters
    are copied, not rendered again); ``code`` names the builder's code, which they need.
    ``memo`` keeps the dancer views of a process's last build (:class:`ViewMemo`).
    """
    memo = memo if memo is not None else ViewMemo()
    anthology = Anthology(stories, order, site, memo)
    views = [home(anthology), *dancers_listing(anthology)]
    views += [anthology.dancer(story) for story in stories]
    terms = [term for kind in KINDS for term in getattr(anthology.taxonomy, kind)]
    views += [view for kind in KINDS for view in kind_index(anthology, kind)]
    views += [view for term in terms for view in term_pages(anthology, term)]
    views += [view for term in (None, *terms) if (view := anthology.feed(term))]
    plans = [_plan(view, memo.key(view, _key)) for view in views]
    plans += _Books(anthology, identities or {}, code).plans(modified, previous)
    return sorted(plans, key=lambda plan: plan.path)


def render_site(stories: list[Story]) -> list[Page]:
    """Every generated Markdown page of the site (not the books), rendered, by path."""
    plans = [plan for plan in plan_site(stories) if not plan.path.startswith(f"{BOOKS}/")]
    return [Page(plan.path, str(plan.render())) for plan in plans]


def _key(page: PageView) -> str:
    """What a page's template is given is all its key names."""
    return hashlib.sha256(repr(page).encode()).hexdigest()


def _plan(page: PageView, key: str) -> PagePlan:
    """A page keyed by its view (:func:`_key`). A feed is rendered by
    :func:`builder.site.feeds.render_feed` (XML, no front matter)."""
    if page.template == FEED_TEMPLATE:
        view = page.view
        render = functools.partial(render_feed, view["feed"], FeedSite(view["url"], view["name"]))
        return PagePlan(page.path, key, render, f"the feed {view['feed'].title!r}")
    return PagePlan(
        page.path, key, functools.partial(render_page, page), f"the template {page.template}"
    )


def render_page(page: PageView) -> str:
    """A page's text: its front matter, then its template given its view, and nothing
    else (so its view, and its key, name everything it is made of)."""
    here = PurePosixPath(page.path).parent

    def to(target: str) -> str:
        """``target`` (a path under ``docs/``) as seen from this page."""
        return "../" * len(here.parts) + target

    def link(ref: Ref | None) -> str:
        """A Markdown link to a term's page, relative to this page; text if none."""
        if ref is None:
            return ""
        return f"[{md(ref.name)}]({to(ref.path)})" if ref.path else md(ref.name)

    body = _templates().get_template(page.template).render(to=to, link=link, **page.view)
    # The four tabs are the navigation; a sidebar repeating them only takes room.
    post = frontmatter.Post(body.strip("\n") + "\n", **page.view["front"], hide=["navigation"])
    return frontmatter.dumps(post, Dumper=YAML_DUMPER, sort_keys=False, width=100) + "\n"


def compile_templates() -> None:
    """Compile every template of the pages, feeds and books now, not at the first save
    of a serve (a quarter of a second that its first edit would wait for)."""
    from builder.book.epub import _templates as book_templates
    from builder.site.feeds import _template as feed_template

    feed_template()  # the feeds' own environment
    for env in (_templates(), book_templates()):
        for name in env.list_templates(filter_func=lambda name: name != FEED_TEMPLATE):
            env.get_template(name)


@functools.cache
def _templates() -> jinja2.Environment:
    env = strict_templates("builder.site", autoescape=False)
    env.filters["md"] = md
    env.filters["count"] = count
    env.filters["story_html"] = story_html
    return env


class _Books:
    """The anthology as one EPUB, and each company's stories as another.

    A book's view is its title, subtitle, date and its stories' content keys in reading
    order. That is complete: an EPUB is made only of its stories (each chapter of one
    story alone, its text and what was read from it; the contents and cover of the book's
    title and its stories' names and slugs), and a story is made only of its seed (bytes,
    sidecar, path: its content key, which also names the builder's code) and its slug, which
    two dancers of one name change. So an edit rewrites the anthology's book and her
    companies' books, and no other.
    """

    def __init__(self, anthology: Anthology, identities: Mapping[str, str], code: str) -> None:
        self.anthology, self.identities, self.code = anthology, identities, code
        self._chapters: dict[str, str] = {}

    def plans(
        self, modified: datetime, previous: Callable[[str], bytes | None] | None
    ) -> list[PagePlan]:
        reading = self.anthology.reading
        if not reading:
            return []
        books = [
            (
                ANTHOLOGY_BOOK,
                Book(
                    "anthology",
                    "The Dancer Anthology",
                    f"{count(len(reading), 'story', 'stories')} of ballet dancers",
                    tuple(reading),
                ),
            )
        ]
        place = {story.slug: i for i, story in enumerate(reading)}
        for term in self.anthology.taxonomy.companies:
            members = dict.fromkeys(entry.story.slug for entry in term.entries)
            stories = tuple(reading[i] for i in sorted(place[slug] for slug in members))
            subtitle = f"{count(len(stories), 'story', 'stories')} of the company's dancers"
            book = Book(
                f"company-{term.slug}", f"The Dancer Anthology: {term.name}", subtitle, stories
            )
            books.append((company_book_path(term.slug), book))
        return [self._plan(path, book, modified, previous) for path, book in books]

    def _plan(
        self,
        path: str,
        book: Book,
        modified: datetime,
        previous: Callable[[str], bytes | None] | None,
    ) -> PagePlan:
        chapters = [self._chapter_key(story) for story in book.stories]
        view = (book.key, book.title, book.subtitle, modified.isoformat(), chapters)
        key = hashlib.sha256(repr((path, "epub", view)).encode()).hexdigest()

        def render() -> bytes:
            return epub_bytes(book, modified, chapters, previous(path) if previous else None)

        return PagePlan(path, key, render, f"the book {book.title!r}")

    def _chapter_key(self, story: Story) -> str:
        """Names everything her chapter is made from: her story, her slug, the code."""
        found = self._chapters.get(story.slug)
        if found is None:
            made_from = (self.code, self.identities.get(story.source) or story)
            found = hashlib.sha256(repr((*made_from, story.slug)).encode()).hexdigest()
            self._chapters[story.slug] = found
        return found
