"""The manifest (``docs/.anthology-manifest.json``): what the last build made and from what.

It lists the builder's own pages (the only files it ever rewrites or deletes), each with
its size, time and the key it was rendered from, and each seed's stamp and content key,
so that the next build can skip what did not change. It is read once per build into a
:class:`Manifest`, then asked by :func:`known_seeds`, :func:`pages_current`,
:func:`current_keys` and :func:`builder.store.writer.write_pages`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from builder.errors import Problem
from builder.store.files import atomic_write, lstat, read_own_file
from builder.store.seeds import Stamp

MANIFEST = ".anthology-manifest.json"
CACHE = ".anthology-cache.json"

RACY_NS = 2_000_000_000
"""A file changed this close before the last scan may have changed again within the
same timestamp tick (coarse on many filesystems): its stamp is not trusted."""


@dataclass(frozen=True)
class BuildSummary:
    """What a build found, kept in the manifest so a no-op rebuild can say it again."""

    stories: int
    problems: list[Problem]


@dataclass
class Record:
    """What the manifest remembers of a build, so the next one can skip work.

    ``inputs`` is a digest of everything the pages were made from (:func:`pages_current`
    compares it); ``keys`` say what each page was rendered from (:func:`current_keys`);
    ``seeds`` hold each seed's stamp and content key (:func:`known_seeds`); ``code`` is
    the builder's own fingerprint, without which neither keys nor seeds are trusted.
    """

    inputs: str = ""
    summary: BuildSummary = field(default_factory=lambda: BuildSummary(0, []))
    keys: Mapping[str, str] = field(default_factory=dict)
    seeds: Mapping[str, list[Any]] = field(default_factory=dict)
    code: str = ""
    scanned_ns: int = 0


@dataclass(frozen=True)
class Manifest:
    """The last build's manifest as read; empty if there is none or it is unreadable.

    Each field is kept only if it has the shape this builder writes, so a hand-edited or
    truncated manifest means "nothing known", never a crash or a trusted wrong stamp.
    """

    code: str = ""
    inputs: str = ""
    scanned_ns: int | None = None
    found: Mapping[str, Any] = field(default_factory=dict)
    seeds: Mapping[str, Any] = field(default_factory=dict)
    pages: Mapping[str, list[Any]] | None = None
    """Each page's ``[size, mtime_ns, key]``; None if the manifest lists no pages."""
    owned: frozenset[str] = frozenset()
    """The pages the last build made (a list in manifests of older builders)."""

    @classmethod
    def from_json(cls, data: object) -> Manifest:
        if not isinstance(data, dict):
            return cls()
        raw_pages = data.get("pages", [])
        pages = None
        if "pages" in data:
            pages = {}
            if isinstance(raw_pages, dict):
                pages = {
                    p: s for p, s in raw_pages.items() if isinstance(p, str) and isinstance(s, list)
                }
        owned = raw_pages if isinstance(raw_pages, dict | list) else []
        scanned, seeds, found = data.get("scanned_ns"), data.get("seeds"), data.get("found")
        return cls(
            code=_text(data.get("code")),
            inputs=_text(data.get("inputs")),
            scanned_ns=scanned if isinstance(scanned, int) else None,
            found=found if isinstance(found, dict) else {},
            seeds=seeds if isinstance(seeds, dict) else {},
            pages=pages,
            owned=frozenset(p for p in owned if isinstance(p, str)),
        )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def read_manifest(docs_dir: Path) -> Manifest:
    try:
        data = json.loads(read_own_file(docs_dir / MANIFEST).decode("utf-8"))
    except (OSError, ValueError):
        return Manifest()
    return Manifest.from_json(data)


def _stamp(path: Path | str) -> Stamp | None:
    """A page's size and time; a link put in its place has its own, so it is noticed."""
    info = lstat(path)
    return None if info is None else [info.st_size, info.st_mtime_ns]


def pages_current(
    docs_dir: Path, inputs: str, manifest: Manifest
) -> tuple[list[str], BuildSummary] | None:
    """The generated pages and what the build found, if the last build used these
    inputs and no page was touched since."""
    if not inputs or manifest.inputs != inputs or manifest.pages is None:
        return None
    docs = str(docs_dir)  # joined as text: pathlib's parsing is most of this loop's time
    for relative, entry in manifest.pages.items():
        if _stamp(os.path.join(docs, relative)) != entry[:2]:
            return None
    found = manifest.found
    problems = [Problem(**p) for p in found.get("problems", [])]
    return sorted(manifest.pages), BuildSummary(int(found.get("stories", 0)), problems)


def current_keys(docs_dir: Path, code: str, manifest: Manifest) -> dict[str, str]:
    """What each generated page was rendered from, for the pages still as written.

    A page touched since (another size or time) or made by other code has no key, so
    it is rendered again.
    """
    if not code or manifest.code != code:
        return {}
    keys, docs = {}, str(docs_dir)
    for relative, entry in (manifest.pages or {}).items():
        if len(entry) == 3 and _stamp(os.path.join(docs, relative)) == entry[:2]:
            keys[relative] = entry[2]
    return keys


def known_seeds(code: str, manifest: Manifest) -> dict[str, tuple[Stamp, str]]:
    """Seed stamps and content keys of the last build that can still be trusted.

    Untrusted: those recorded by other code, and those whose file was changed so close
    before the last scan that a later change may have kept the same time
    (:data:`RACY_NS`).
    """
    scanned = manifest.scanned_ns
    if not code or manifest.code != code or scanned is None:
        return {}
    known = {}
    for source, entry in manifest.seeds.items():
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], list)):
            continue
        stamp, key = entry
        mtimes = stamp[1::2]
        if mtimes and all(isinstance(t, int) and t < scanned - RACY_NS for t in mtimes):
            known[source] = (stamp, key)
    return known


def manifest_bytes(docs_dir: Path, pages: list[str], record: Record) -> bytes:
    """The manifest of a build that made ``pages`` (as they are now on disk)."""
    entries: dict[str, list[Any]] = {}
    docs = str(docs_dir)
    for relative in sorted(pages):
        info = os.lstat(os.path.join(docs, relative))
        entries[relative] = [info.st_size, info.st_mtime_ns]
        if relative in record.keys:
            entries[relative].append(record.keys[relative])
    summary = record.summary
    found = {"stories": summary.stories, "problems": [asdict(p) for p in summary.problems]}
    body = {
        "generator": "anthology build",
        "code": record.code,
        "inputs": record.inputs,
        "scanned_ns": record.scanned_ns,
        "found": found,
        "seeds": dict(sorted(record.seeds.items())),
        "pages": entries,
    }
    return (json.dumps(body, indent=0, ensure_ascii=False) + "\n").encode("utf-8")


def read_cache(docs_dir: Path) -> dict[str, dict]:
    """The records of the last build, by seed key; empty if missing or unreadable."""
    try:
        data = json.loads(read_own_file(docs_dir / CACHE).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_cache(docs_dir: Path, entries: dict[str, dict]) -> None:
    text = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    atomic_write(docs_dir / CACHE, text.encode("utf-8"))
