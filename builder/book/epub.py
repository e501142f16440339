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
import struct
import textwrap
import uuid
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jinja2
import markupsafe

from builder.book import MODIFIED
from builder.model import Story
from builder.site.taxonomy import dancer_ballets, dancer_companies
from builder.templating import strict_templates

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
    env = strict_templates("builder.book", autoescape=True, finalize=xml_text)
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


def epub_bytes(
    book: Book,
    modified: datetime = MODIFIED,
    keys: Sequence[str] = (),
    previous: bytes | None = None,
) -> bytes:
    """The book as an EPUB 3 file: cover, contents, one chapter per story in order.

    ``modified`` is the package's ``dcterms:modified`` (never the time of the build).
    ``keys`` may name what each story's chapter is made from (one per story, in order):
    a chapter of ``previous`` (the book as last written) with the same key is copied as
    it is, compressed bytes and all, instead of being rendered and compressed again, so
    an edit to one story costs one chapter, not the whole book. The bytes are the same
    either way.
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
    entries = [_entry("mimetype", b"application/epub+zip", stored=True)]
    for name, template in (
        ("META-INF/container.xml", "container.xml.j2"),
        ("EPUB/package.opf", "package.opf.j2"),
        ("EPUB/nav.xhtml", "nav.xhtml.j2"),
        ("EPUB/cover.xhtml", "cover.xhtml.j2"),
        ("EPUB/cover.svg", "cover.svg.j2"),
        ("EPUB/style.css", "style.css.j2"),
    ):
        entries.append(_entry(name, env.get_template(template).render(context).encode()))
    reusable = _reusable(previous) if previous and keys else {}
    chapter = env.get_template("chapter.xhtml.j2")
    for number, (story, path, _) in enumerate(chapters):
        name, key = f"EPUB/{path}", keys[number] if keys else ""
        kept = reusable.get(name)
        if kept is not None and key and kept.comment == key.encode():
            entries.append(kept)
            continue
        text = chapter.render(
            story=story, facts=facts(story), paragraphs=paragraphs(story.text), book=book
        )
        entries.append(_entry(name, text.encode("utf-8"), comment=key))
    return _zip(entries)


@dataclass(frozen=True)
class _Entry:
    """One file of the zip, compressed: what a later build may copy as it is."""

    name: bytes
    method: int
    crc: int
    size: int
    data: bytes
    comment: bytes = b""


def _entry(name: str, data: bytes, stored: bool = False, comment: str = "") -> _Entry:
    if stored:
        packed, method = data, zipfile.ZIP_STORED
    else:
        deflate = zlib.compressobj(6, zlib.DEFLATED, -15)  # raw deflate, as zip wants it
        packed, method = deflate.compress(data) + deflate.flush(), zipfile.ZIP_DEFLATED
    return _Entry(name.encode(), method, zlib.crc32(data), len(data), packed, comment.encode())


def _reusable(previous: bytes) -> dict[str, _Entry]:
    """The previous book's chapters that carry a key, as compressed entries."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(previous))
    except (zipfile.BadZipFile, ValueError):
        return {}
    found = {}
    for info in archive.infolist():
        if not (info.comment and info.filename.startswith("EPUB/chapters/")):
            continue
        header = previous[info.header_offset : info.header_offset + _LOCAL.size]
        if len(header) < _LOCAL.size or header[:4] != b"PK\x03\x04":
            return {}
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        start = info.header_offset + _LOCAL.size + name_length + extra_length
        data = previous[start : start + info.compress_size]
        if info.compress_type != zipfile.ZIP_DEFLATED or len(data) != info.compress_size:
            return {}
        found[info.filename] = _Entry(
            info.filename.encode(), info.compress_type, info.CRC, info.file_size, data, info.comment
        )
    return found


_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_DOS_DATE = ((ZIP_DATE[0] - 1980) << 9) | (ZIP_DATE[1] << 5) | ZIP_DATE[2]
_DOS_TIME = (ZIP_DATE[3] << 11) | (ZIP_DATE[4] << 5) | (ZIP_DATE[5] // 2)


def _zip(entries: Sequence[_Entry]) -> bytes:
    """An EPUB container, written field by field (``zipfile`` cannot copy compressed
    entries): ``mimetype`` first and stored, every entry dated alike, no extra fields,
    made on "Unix" with mode 0644 wherever it is built. The archive comment is left
    empty for the builder's marker (:func:`builder.store.mark_zip`)."""
    out = bytearray()
    central = bytearray()
    for entry in entries:
        offset = len(out)
        fields = (entry.method, _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size)
        out += _LOCAL.pack(b"PK\x03\x04", 20, 0, *fields, len(entry.name), 0)
        out += entry.name + entry.data
        central += _CENTRAL.pack(
            b"PK\x01\x02",
            (3 << 8) | 20,
            20,
            0,
            *fields,
            len(entry.name),
            0,
            len(entry.comment),
            0,
            0,
            0o100644 << 16,
            offset,
        )
        central += entry.name + entry.comment
    if len(entries) > 0xFFFF or len(out) + len(central) > 0xFFFFFFFF:
        raise ValueError("a book this large needs ZIP64, which this writer does not do")
    end = _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)
