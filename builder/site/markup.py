"""What a page is made of, before a template puts it together: seed text escaped for
Markdown and HTML, and a dancer's front matter in its documented order. Pure.

Text that came from a seed is escaped so that nothing in it is ever interpreted: the
story body is an HTML block of escaped paragraphs, and names in links are
Markdown-escaped.
"""

from __future__ import annotations

import dataclasses
import html
import re
from typing import Any

import yaml

from builder.model import Metadata, Story, minutes_to_read, to_record

_METADATA_KEYS = tuple(f.name for f in dataclasses.fields(Metadata) if f.name != "evidence")
FRONT_MATTER_ORDER = (
    "title",
    "description",
    *_METADATA_KEYS[:1],  # her name, then the URL she is at, then what was read about her
    "slug",
    *_METADATA_KEYS[1:],
    "words",
    "reading_minutes",
    "source",
    "encoding",
    "fixes",
    "edited_fields",
    "evidence",
)
"""Dancer pages' front matter keys, always in this order (documented in the README)."""
_STORY_KEYS = tuple(f.name for f in dataclasses.fields(Story) if f.name in FRONT_MATTER_ORDER)

YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's dumper when PyYAML has it: the same YAML, several times faster."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md(text: str | None) -> str:
    """Escape text for inline Markdown: shown exactly as written, never interpreted."""
    if not text:
        return ""
    escaped = html.escape(text, quote=False).replace("|", "&#124;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def count(number: int, singular: str, plural: str) -> str:
    """``1 company``, ``2 companies``."""
    return f"{number} {singular if number == 1 else plural}"


def story_html(text: str) -> str:
    """The story as an HTML block of escaped paragraphs: no markup from a seed survives."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join(
        "<p>"
        + "<br>\n".join(html.escape(line.strip(), quote=False) for line in p.splitlines())
        + "</p>"
        for p in paragraphs
    )
    return f'<div class="story">\n{body}\n</div>'


def dancer_front_matter(story: Story) -> dict[str, Any]:
    """The dancer page's front matter, keys in :data:`FRONT_MATTER_ORDER`.

    Every build makes it for every dancer (it is her page's view), so it walks only the
    fields it shows: not her text, nor the evidence records it reshapes.
    """
    meta = story.metadata
    values: dict[str, Any] = {name: _plain(getattr(story, name)) for name in _STORY_KEYS}
    values.update((name, _plain(getattr(meta, name))) for name in _METADATA_KEYS)
    words = story.words
    values.update(
        title=story.title,
        description=describe(story),
        words=words,
        reading_minutes=minutes_to_read(words),
        evidence={e.field: {"sentence": e.sentence, "rule": e.rule} for e in meta.evidence},
    )
    return {key: values[key] for key in FRONT_MATTER_ORDER}


def _plain(value: Any) -> Any:
    """:func:`builder.model.to_record`, quicker for the many fields that are text."""
    return value if value is None or type(value) is str else to_record(value)


def describe(story: Story) -> str:
    meta = story.metadata
    parts = [story.title]
    if meta.company:
        parts.append(f"of {meta.company}")
    role = meta.signature_role
    if role.role and role.ballet:
        parts.append(f"known for {role.role} in {role.ballet}")
    elif role.ballet:
        parts.append(f"known for {role.ballet}")
    origin = ", ".join(x for x in (meta.origin.city, meta.origin.country) if x)
    if origin:
        parts.append(f"from {origin}")
    return " ".join(parts) + "."


def sources(story: Story) -> dict[str, list[str]]:
    """Each field read from the story -> the sentences it was read from, in order (for a
    list field, one per value). A field an editor set has none: its sentences, if any,
    were the extractor's, for the value the editor replaced."""
    found: dict[str, list[str]] = {}
    for evidence in story.metadata.evidence:
        if evidence.field not in story.edited_fields:
            found.setdefault(evidence.field, []).append(evidence.sentence)
    return found
