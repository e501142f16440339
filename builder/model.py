"""The records that flow through the core: frozen, typed, documented where declared."""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar


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
class Evidence:
    """Why a field holds what it holds: the sentence it was read from and the rule that
    read it (so an editor can check it, and correct it with a sidecar)."""

    field: str
    sentence: str
    rule: str


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
    evidence: tuple[Evidence, ...] = ()
    """The sentence each extracted field came from, with the rule that read it."""


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
        return minutes_to_read(self.words)

    @property
    def title(self) -> str:
        return self.metadata.name or self.slug.replace("-", " ").title()


WORDS_PER_MINUTE = 200


def minutes_to_read(words: int) -> int:
    """Whole minutes at 200 words a minute, never less than one."""
    return max(1, -(-words // WORDS_PER_MINUTE))


# --- records <-> plain data ----------------------------------------------------------
# The dataclasses above are the one field list: the cache, the sidecar schema, the front
# matter and `anthology metadata` all walk their fields, so a new field is one edit here.

_R = TypeVar("_R")


def to_record(value: Any) -> Any:
    """A record as plain data (dicts, lists, scalars) in field order, for JSON or YAML."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_record(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_record(item) for item in value]
    return value


def from_record(cls: type[_R], data: dict[str, Any]) -> _R:
    """Rebuild a record from :func:`to_record`'s output: lists become tuples again and
    nested records are rebuilt, each as its field's type says."""
    return _converter(cls)(data)


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """Each field's resolved type (the annotations here are strings, see __future__)."""
    return typing.get_type_hints(cls)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _converter(kind: Any) -> Callable[[Any], Any]:
    """The function that rebuilds a plain value of type ``kind``, worked out once per type:
    a build rebuilds every cached story, and reading the type hints each time was most of
    its cost."""
    if dataclasses.is_dataclass(kind):
        fields = {name: _converter(hint) for name, hint in field_types(kind).items()}

        def record(value: Any) -> Any:
            if value is None:
                return None
            return kind(**{name: fields[name](item) for name, item in value.items()})

        return record
    origin = typing.get_origin(kind)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            each = _converter(args[0])
            if each is _same:
                return lambda value: None if value is None else tuple(value)
            return lambda value: None if value is None else tuple(each(item) for item in value)
        items = tuple(_converter(arg) for arg in args)
        return lambda value: (
            None
            if value is None
            else tuple(convert(item) for convert, item in zip(items, value, strict=True))
        )
    if origin in (types.UnionType, typing.Union):
        present = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _converter(present[0]) if len(present) == 1 else _same
    return _same
