"""Stories -> Atom feeds: the whole anthology's, and one per company, ballet and origin.

Pure: the dates (when each story entered the anthology) and the site's address come in
from the edges (:mod:`builder.store.history`, the sidecar's ``date:``, ``site_url``), so
the same seeds and history always give the same bytes, never the time of the build.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from builder.site.layout import TERM_FEEDS

if TYPE_CHECKING:
    import jinja2


FEED_ENTRIES = 50
"""The newest stories a feed lists: a feed says what is new, the indexes list everyone
(and a feed of 10,000 entries would be megabytes that every reader polls)."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold at all, not even escaped."""


@dataclass(frozen=True)
class FeedSite:
    """What the feeds need of the site: its address, its name, each story's date."""

    url: str
    """``site_url`` from mkdocs.yml, ending in ``/``: every link in a feed is absolute."""
    name: str
    dates: Mapping[str, str] = field(default_factory=dict)
    """Story source -> when it entered the anthology (RFC 3339, UTC). A story without
    one is in no feed."""

    def absolute(self, path: str) -> str:
        return self.url + path


def term_feed(kind: str, slug: str) -> str:
    """Where a term's feed is written: :data:`TERM_FEEDS` with the kind and slug."""
    return TERM_FEEDS.replace("*", f"{kind}-{slug}")


def feed_site(site_url: str | None, site_name: str | None) -> FeedSite | None:
    """The feeds' site from mkdocs.yml's ``site_url`` and ``site_name``; ``None`` (no
    feeds: their links must be absolute) without a ``site_url``."""
    if not site_url:
        return None
    url = site_url if site_url.endswith("/") else site_url + "/"
    return FeedSite(url, site_name or "The Dancer Anthology")


class FeedEntry(NamedTuple):
    """A story in a feed: its title, its page's path in the site, its date, its summary."""

    title: str
    path: str
    date: str
    summary: str

    __repr__ = tuple.__repr__  # a feed is hashed by its repr on every build: C's is faster


class Feed(NamedTuple):
    """One Atom document: where it is written, the page it belongs to, its entries
    (plain tuples: a feed is its own page's view, hashed on every build)."""

    path: str
    """Under ``docs/`` (and so under the site): ``feed.xml``, ``feed-companies-<slug>.xml``."""
    page: str
    """The site path of the page it is the feed of: ``""`` (home), ``companies/<slug>/``."""
    title: str
    subtitle: str
    entries: tuple[FeedEntry, ...]
    """Newest first, at most :data:`FEED_ENTRIES`."""

    __repr__ = tuple.__repr__


def newest(entries: Iterable[FeedEntry]) -> tuple[FeedEntry, ...]:
    """The :data:`FEED_ENTRIES` newest entries, newest first; ties A to Z, then by path."""
    ordered = sorted(entries, key=lambda e: (e.title.casefold(), e.path))
    ordered.sort(key=lambda e: e.date, reverse=True)
    return tuple(ordered[:FEED_ENTRIES])


def render_feed(feed: Feed, site: FeedSite) -> str:
    """The feed as Atom XML; its ``updated`` is its newest entry's date."""
    return _template().render(
        feed=feed,
        site=site,
        updated=feed.entries[0].date,
        feed_url=site.absolute(feed.path),
        page_url=site.absolute(feed.page),
    )


def xml_text(value: object) -> str:
    """Text escaped for XML, without the characters XML cannot hold."""
    return html.escape(_NOT_XML.sub("", str(value)), quote=True)


@functools.cache
def _template() -> jinja2.Template:
    import jinja2  # here: a no-op build imports this module, and needs no templates

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("builder.site", "templates"),
        autoescape=False,  # every value goes through `x`, explicitly
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["x"] = xml_text
    return env.get_template("feed.xml.j2")
