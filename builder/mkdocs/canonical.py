"""Make Pagefind's index the same bytes for the same site, so a deploy changes only what changed.

Pagefind (1.5) writes its page fragments and word chunks stably, but lists the filters
and each filter's values in hash-map order, which differs from run to run (upstream:
Pagefind issue #638, "other files will still change, such as the filter/metadata
indexes"). Each filter file and the language's metadata file are named by a hash of
their content, so the whole bundle's names follow. This pass decodes those few files
(gzipped CBOR behind a ``pagefind_dcd`` signature), sorts what is a set, re-encodes them
and renames them by a hash of the new bytes. The browser only fetches files by the names
the metadata gives, so renaming is safe; nothing else in the bundle is touched.

If a file does not read back to its own bytes (a Pagefind release that writes another
layout), the bundle is left exactly as Pagefind wrote it: an unstable index is better
than a broken one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
_META_FILTERS = 3
"""Where the metadata file (a CBOR array) lists its filters as ``[name, file hash]``."""


class UnknownLayout(ValueError):
    """The bundle is not laid out as this pass expects; it is left alone."""


def canonicalize_bundle(bundle: Path) -> bool:
    """Sort the filters of the Pagefind bundle in ``bundle``; ``False`` if left as written."""
    try:
        entry = json.loads((bundle / ENTRY).read_text("utf-8"))
        plans = [_language_plan(bundle, code, language) for code, language in _languages(entry)]
    except (OSError, ValueError, KeyError, TypeError, IndexError, cbor2.CBORError):
        return False
    for old_files, new_files, code, meta_hash in plans:
        for path, data in new_files.items():
            path.write_bytes(data)
        for path in old_files - set(new_files):
            path.unlink()
        entry["languages"][code]["hash"] = meta_hash
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    return True


def _languages(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return sorted(entry["languages"].items())


def _language_plan(
    bundle: Path, code: str, language: dict[str, Any]
) -> tuple[set[Path], dict[Path, bytes], str, str]:
    """The files to remove and to write for one language, and its new metadata hash."""
    meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
    meta = _read(meta_path)
    filters = meta[_META_FILTERS]
    if not all(isinstance(f, list) and len(f) == 2 for f in filters):
        raise UnknownLayout("the metadata's filters are not [name, hash] pairs")
    old_files, new_files = {meta_path}, {}
    renamed = []
    for name, old_hash in filters:
        path = bundle / "filter" / f"{old_hash}.pf_filter"
        values = _read(path)
        if not (isinstance(values, list) and len(values) == 2 and values[0] == name):
            raise UnknownLayout(f"the filter file of {name!r} is not [name, values]")
        data = _write([name, sorted(values[1], key=lambda value: value[0])])
        new_hash = f"{code}_{hashlib.sha256(data).hexdigest()[:7]}"
        old_files.add(path)
        new_files[bundle / "filter" / f"{new_hash}.pf_filter"] = data
        renamed.append([name, new_hash])
    meta[_META_FILTERS] = sorted(renamed)
    data = _write(meta)
    meta_hash = f"{code}_{hashlib.sha256(data).hexdigest()[:10]}"
    new_files[bundle / f"pagefind.{meta_hash}.pf_meta"] = data
    return old_files, new_files, code, meta_hash


def unpack(data: bytes) -> bytes:
    """A Pagefind file's content: un-gzipped (if it is), without the signature."""
    data = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return data.removeprefix(SIGNATURE)


def _read(path: Path) -> Any:
    content = gzip.decompress(path.read_bytes())
    if not content.startswith(SIGNATURE):
        raise UnknownLayout(f"{path.name} has no Pagefind signature")
    raw = content[len(SIGNATURE) :]
    value = cbor2.loads(raw)
    if cbor2.dumps(value) != raw:
        raise UnknownLayout(f"{path.name} does not read back to its own bytes")
    return value


def _write(value: Any) -> bytes:
    """Gzipped with no time in its header, so the same value is always the same bytes."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
