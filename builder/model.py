"""The records that flow through the core: frozen, typed, documented where declared."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where the dancer was born or raised (never where she studied, toured or worked)."""

    city: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class SignatureRole:
    """The role the story presents as defining her, and the ballet it belongs to."""

    role: str | None = None
    ballet: str | None = None
    inferred: bool = False
    """True when the text names only the ballet and ``role`` is that ballet's lead."""


@dataclass(frozen=True)
class Metadata:
    """What the prose says about one dancer; ``None``/empty means the text does not say."""

    name: str | None = None
    origin: Origin = field(default_factory=Origin)
    company: str | None = None
    """The one company of her highest rank at the story's peak (canonical name)."""
    companies: tuple[str, ...] = ()
    """Every company she dances with, in the order she joined them."""
    signature_role: SignatureRole = field(default_factory=SignatureRole)
    ballets: tuple[str, ...] = ()
    """Every ballet title named, canonical, in order of first mention."""
    schools: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    """Named people other than the dancer, fullest form used in the text."""
    evidence: tuple[tuple[str, str], ...] = ()
    """``(field, sentence)`` pairs: the sentence each extracted field came from."""


@dataclass(frozen=True)
class Story:
    """One seed, read, cleaned and annotated: everything a page needs."""

    source: str
    """The seed's path as given to the builder (POSIX separators)."""
    slug: str
    """URL segment of the dancer page: ``dancers/<slug>/``."""
    text: str
    """The cleaned story text."""
    encoding: str
    """The codec the seed's bytes were read with."""
    fixes: tuple[str, ...]
    """What ftfy repaired (its fix names), for the page's provenance."""
    metadata: Metadata
    """Extracted metadata with any editorial overrides applied."""
    edited_fields: tuple[str, ...] = ()
    """Fields whose value came from the sidecar ``<stem>.yaml`` instead of the prose."""
    added: str | None = None
    """When the story entered the anthology (RFC 3339, UTC), if its sidecar's ``date:``
    says; otherwise the feeds take it from the repository's history."""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def reading_minutes(self) -> int:
        """Whole minutes at 200 words a minute, never less than one."""
        return max(1, -(-self.words // WORDS_PER_MINUTE))

    @property
    def title(self) -> str:
        return self.metadata.name or self.slug.replace("-", " ").title()


WORDS_PER_MINUTE = 200
