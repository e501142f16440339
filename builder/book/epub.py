"""Stories -> an EPUB 3 book, as bytes. Pure: the same stories give the same bytes.

Written with the standard library's ``zipfile`` and Jinja2 templates rather than a
library such as ebooklib, which stamps the zip with the time of the build and leaves
out ``xml:lang`` and accessibility metadata (DAISY Ace fails its books by default).
Every text from a seed is XML-escaped, and characters XML cannot hold are dropped, so a
hostile story is inert here as on the site.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jinja2
import markupsafe

from builder.book import MODIFIED
from builder.model import Story
from builder.site.taxonomy import dancer_ballets, dancer_companies

LANGUAGE = "en"
"""The stories' language (the names in them may be in any script)."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every entry's time in the zip: the format's earliest, so the bytes never carry the
time of the build."""
_IDENTITY = uuid.UUID("6b1e3a52-6f0e-5d5c-9c47-4a0e8f1d2b7a")
"""The namespace of the books' identifiers: one book keeps its identifier across editions."""
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold (NUL and other controls): a page would not parse."""


@dataclass(frozen=True)
class Book:
    """What goes on the cover and in the package: a title, the chapters in order."""

    key: str
    """Names the book for its identifier: ``anthology`` or ``company-<slug>``."""
    title: str
    subtitle: str
    stories: tuple[Story, ...]


def xml_text(value: Any) -> Any:
    """Jinja's ``finalize``: drop what XML cannot hold; autoescape does the rest."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return _NOT_XML.sub("", value)
    return value


@functools.cache
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("builder.book", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        finalize=xml_text,
    )
    env.globals["language"] = LANGUAGE
    return env


def chapter_path(story: Story) -> str:
    """Slugs are ``[a-z0-9-]`` and unique: safe and distinct file names in any reader."""
    return f"chapters/{story.slug}.xhtml"


def paragraphs(text: str) -> list[list[str]]:
    """The story's paragraphs, each as its lines, as the site shows them."""
    return [
        [line.strip() for line in block.splitlines()]
        for block in text.split("\n\n")
        if block.strip()
    ]


def facts(story: Story) -> list[tuple[str, str]]:
    """The chapter's "at a glance" list: what the dancer's page says, as plain text."""
    meta = story.metadata
    role = meta.signature_role
    companies = dancer_companies(story)
    rows = [("Company", meta.company or "not named in the story")]
    if len(companies) > 1 or (companies and companies[0] != meta.company):
        rows.append(("Danced with", ", ".join(companies)))
    if role.role:
        signature = role.role + (" (the ballet's lead, inferred)" if role.inferred else "")
        signature += f" in {role.ballet}" if role.ballet else ""
    else:
        signature = role.ballet or "not named in the story"
    rows.append(("Signature role", signature))
    rows.append(("Ballets", ", ".join(dancer_ballets(story)) or "none named"))
    origin = ", ".join(x for x in (meta.origin.city, meta.origin.country) if x)
    rows.append(("Origin", origin or "not stated"))
    if meta.schools:
        rows.append(("Schools", ", ".join(meta.schools)))
    if meta.people:
        rows.append(("People in the story", ", ".join(meta.people)))
    rows.append(("Reading time", f"{story.reading_minutes} min ({story.words} words)"))
    return rows


def epub_bytes(book: Book, modified: datetime = MODIFIED, comment: str = "") -> bytes:
    """The book as an EPUB 3 file: cover, contents, one chapter per story in order.

    ``modified`` is the package's ``dcterms:modified`` (never the time of the build);
    ``comment`` is the zip's archive comment, where the builder puts its marker.
    """
    if not book.stories:
        raise ValueError("a book needs at least one story")
    env = _templates()
    chapters = [(story, chapter_path(story), f"c-{story.slug}") for story in book.stories]
    context = {
        "book": book,
        "chapters": chapters,
        "identifier": f"urn:uuid:{uuid.uuid5(_IDENTITY, book.key)}",
        "modified": modified.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "title_lines": [
            line for part in book.title.split(": ") for line in textwrap.wrap(part, 20)
        ],
        "subtitle_lines": textwrap.wrap(book.subtitle, 32),
    }
    files = [
        ("META-INF/container.xml", env.get_template("container.xml.j2").render()),
        ("EPUB/package.opf", env.get_template("package.opf.j2").render(context)),
        ("EPUB/nav.xhtml", env.get_template("nav.xhtml.j2").render(context)),
        ("EPUB/cover.xhtml", env.get_template("cover.xhtml.j2").render(context)),
        ("EPUB/cover.svg", env.get_template("cover.svg.j2").render(context)),
        ("EPUB/style.css", env.get_template("style.css.j2").render()),
    ]
    chapter = env.get_template("chapter.xhtml.j2")
    for story, path, _ in chapters:
        text = chapter.render(
            story=story, facts=facts(story), paragraphs=paragraphs(story.text), book=book
        )
        files.append((f"EPUB/{path}", text))
    return _zip([(name, text.encode("utf-8")) for name, text in files], comment)


def _zip(files: Sequence[tuple[str, bytes]], comment: str) -> bytes:
    """An EPUB container: ``mimetype`` first and stored, every entry dated alike."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [("mimetype", b"application/epub+zip"), *files]:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3  # Unix, wherever it is built
            info.external_attr = 0o100644 << 16
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=None if stored else 6)
        archive.comment = comment.encode("utf-8")
    return buffer.getvalue()
