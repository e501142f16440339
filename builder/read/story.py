"""One seed's bytes (and optional sidecar) -> a :class:`Story`. Pure: no disk access."""

from __future__ import annotations

from dataclasses import dataclass

from builder.errors import AnthologyError, Problem
from builder.extract.extractor import extract
from builder.model import Story
from builder.read.clean import clean
from builder.read.codec import known_codec
from builder.read.decode import decode
from builder.read.sidecar import DATE, ENCODING, apply_overrides, entry_date, parse_sidecar
from builder.site.slug import slugify

MAX_SEED_BYTES = 1_000_000
"""Seeds larger than this are refused: a story is a few thousand words, not a novel."""


@dataclass(frozen=True)
class ReadResult:
    """A story and the warnings met while reading it."""

    story: Story
    warnings: tuple[Problem, ...] = ()


def read_story(
    data: bytes, source: str, sidecar: str | None = None, sidecar_source: str = ""
) -> ReadResult:
    """Decode, clean, extract and apply overrides; raise :class:`AnthologyError` if unusable."""
    if len(data) > MAX_SEED_BYTES:
        raise AnthologyError(
            Problem(
                source,
                f"is {len(data):,} bytes, over the {MAX_SEED_BYTES:,}-byte limit for one "
                "story; split it into one file per dancer",
            )
        )
    overrides = parse_sidecar(sidecar, sidecar_source) if sidecar is not None else {}
    forced = overrides.get(ENCODING)
    decoded = decode(data, source, known_codec(forced) if forced else None)
    cleaned = clean(decoded.text)
    if not cleaned.text.strip():
        raise AnthologyError(
            Problem(
                source,
                "is empty; write the dancer's story in it, or delete the file",
                1,
            )
        )
    metadata = extract(cleaned.text)
    metadata = apply_overrides(metadata, overrides)
    slug = overrides.get("slug") or slugify(metadata.name or _stem(source))
    story = Story(
        source=source,
        slug=slug,
        text=cleaned.text,
        encoding=decoded.encoding,
        fixes=cleaned.fixes,
        metadata=metadata,
        edited_fields=tuple(sorted(key for key in overrides if key not in (ENCODING, DATE))),
        added=entry_date(overrides.get(DATE)),
    )
    return ReadResult(story, decoded.warnings)


def _stem(source: str) -> str:
    name = source.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]
