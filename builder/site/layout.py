"""Where the generated site lives in ``docs/``: the one owner of its folders and names.

The builder writes only these places (everything else in ``docs/`` is hand-written and
never touched), live mode watches them, the tests copy ``docs/`` without them and the
benchmark clears them: all import them from here, so a new folder is one edit.
"""

from __future__ import annotations

KINDS = ("companies", "ballets", "origins")
"""The index folders, besides ``dancers/``; each has an ``index.md`` and a page per term."""
DANCERS = "dancers"
BOOKS = "books"
"""The EPUB editions: the whole anthology, and each company's stories."""
GENERATED_DIRS = (DANCERS, *KINDS, BOOKS)
HOME = "index.md"
ANTHOLOGY_FEED = "feed.xml"
"""The whole anthology's feed, at the site's root."""
TERM_FEEDS = "feed-*.xml"
"""A company's, ballet's or origin's feed: at the root too, ``feed-companies-<slug>.xml``.
Material's JavaScript fetches ``sitemap.xml`` next to every ``<link rel="alternate">``
of a page (for its language selector): a feed in a folder would cost each page a 404."""
GENERATED_FILES = (HOME, ANTHOLOGY_FEED, TERM_FEEDS)
"""The builder's files at the top of ``docs/`` (a ``*`` is a pattern of names)."""
GENERATED = (*GENERATED_FILES, *GENERATED_DIRS)
"""Every top-level name the builder owns in ``docs/``."""
RESERVED_SLUGS = frozenset({"index"})
"""Slugs no dancer or term may take: ``index.md`` is each folder's own index page."""
UNPLACED = {"companies": "no-company", "ballets": "no-ballet", "origins": "no-origin"}
"""The folder, in each kind's, of the A-to-Z parts of the dancers who name none of its
terms, once they are too many for the kind's own page: no term may take its slug."""


def is_generated_path(src_uri: str) -> bool:
    """A page under ``docs/`` (POSIX, relative) that the builder writes."""
    return src_uri == HOME or src_uri.split("/", 1)[0] in GENERATED_DIRS
