"""What was read from each seed, keyed by content, so unchanged seeds are not re-read.

A seed's key is a hash of its bytes, its sidecar, its path and the builder's own code and
data: editing a story, its sidecar, an extraction rule or the gazetteer changes the key,
so a cached record is never stale. Pure functions; :mod:`builder.store` does the I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

from builder.errors import Problem
from builder.model import Story, from_record, to_record

# 2: evidence entries became {field, sentence, rule}.
FORMAT = 2


@cache
def code_fingerprint() -> str:
    """A hash of every source, template and data file of the builder package."""
    digest = hashlib.sha256(str(FORMAT).encode())
    package = resources.files("builder")
    stack = [package]
    files = []
    while stack:
        for entry in stack.pop().iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append(entry)
            elif entry.name.endswith((".py", ".yaml", ".tsv", ".j2")):
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry).rsplit("builder", 1)[-1].encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()


def seed_key(source: str, data: bytes, sidecar: str | None) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in (source.encode(), data, (sidecar or "").encode(), b"1" if sidecar else b"0"):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def inputs_digest(keys: list[str]) -> str:
    """One hash for a whole corpus: equal digests mean equal pages."""
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()


def encode(story: Story, warnings: tuple[Problem, ...]) -> dict[str, Any]:
    return {"story": to_record(story), "warnings": [asdict(w) for w in warnings]}


def decode(entry: dict[str, Any]) -> tuple[Story, tuple[Problem, ...]]:
    """Rebuild the records from :func:`encode`'s output (tuples come back from lists)."""
    return from_record(Story, entry["story"]), tuple(Problem(**w) for w in entry["warnings"])
