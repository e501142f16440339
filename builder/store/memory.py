"""The cache of what was read from each seed, kept in memory between the builds of one
process (``mkdocs serve``), so that a save decodes and re-encodes only the seed it changed.

A cold process reads ``docs/.anthology-cache.json`` once; from then on each build takes
the records, their decoded stories and their JSON text from here, and writes the cache
file from the JSON text of each record, made once per record: at 1,000 stories this
saves a parse, 999 decodes and an encode of the whole file at every save. Records are
keyed by the seed's content key (:mod:`builder.store.cache`), so a record kept here is
never stale; a record another process added to the file meanwhile is only missing here,
and its seed is read again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder.errors import Problem
from builder.model import Story
from builder.store.cache import decode
from builder.store.files import atomic_write
from builder.store.manifest import CACHE, read_cache

Decoded = tuple[Story, tuple[Problem, ...]]


class RecordMemory:
    """One process's records by seed key: as read, decoded, and as the file spells them."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] | None = None
        """The last build's records (what its cache file holds); ``None`` before a build."""
        self._decoded: dict[str, Decoded] = {}
        self._text: dict[str, str] = {}
        """Each record as a member of the cache file's JSON object."""

    @property
    def cold(self) -> bool:
        """No build has read or written the records yet."""
        return self.records is None

    def read(self, docs_dir: Path) -> dict[str, dict[str, Any]]:
        """The records: the cache file's the first time, then the last build's."""
        if self.records is None:
            self.records = read_cache(docs_dir)
        return self.records

    def decode(self, key: str, entry: dict[str, Any]) -> Decoded:
        """The record's story and warnings, decoded once: the same objects every build, so
        the views made of an unchanged story are recognised (:mod:`builder.site.views`)."""
        found = self._decoded.get(key)
        if found is None:
            found = self._decoded[key] = decode(entry)
        return found

    def remember(self, key: str, decoded: Decoded) -> None:
        """A story just read from its seed: the next build takes this very object."""
        self._decoded[key] = decoded

    def write(self, docs_dir: Path, entries: dict[str, dict[str, Any]]) -> None:
        """Write the cache file of ``entries``, byte for byte what
        :func:`builder.store.manifest.write_cache` writes, each record's JSON made once."""
        texts = self.keep(entries)
        body = ",".join(texts[key] for key in sorted(texts))
        atomic_write(docs_dir / CACHE, ("{" + body + "}").encode("utf-8"))

    def keep(self, entries: dict[str, dict[str, Any]]) -> dict[str, str]:
        """Remember ``entries`` (and only them) as the records of the cache file."""
        texts = {key: self._text.get(key) or _member(key, entries[key]) for key in entries}
        self.records, self._text = entries, texts
        self._decoded = {key: self._decoded[key] for key in entries if key in self._decoded}
        return texts


def _member(key: str, entry: dict[str, Any]) -> str:
    """``"key":{...}``, as ``json.dumps`` of the whole cache spells each of its members."""
    options: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}
    return f"{json.dumps(key, **options)}:{json.dumps(entry, sort_keys=True, **options)}"
