"""The one package that touches the disk: seeds in, pages out, atomically and safely.

:mod:`~builder.store.seeds` lists and reads the seeds, :mod:`~builder.store.manifest`
remembers what the last build made, :mod:`~builder.store.writer` writes the pages,
:mod:`~builder.store.files` does every atomic write and link-proof read,
:mod:`~builder.store.lock` keeps two builds apart and :mod:`~builder.store.cache` keys
what was read from each seed. The names below are re-exported so that callers import
them from ``builder.store``.
"""

from builder.store.files import TEMP_SUFFIX, atomic_write, display_path
from builder.store.lock import LOCK, build_lock
from builder.store.manifest import (
    CACHE,
    MANIFEST,
    RACY_NS,
    BuildSummary,
    Manifest,
    Record,
    current_keys,
    known_seeds,
    pages_current,
    read_cache,
    read_manifest,
    write_cache,
)
from builder.store.seeds import (
    SEED_SUFFIX,
    SIDECAR_SUFFIX,
    WHY_NO_LINKS,
    SeedFile,
    SeedStamp,
    Stamp,
    is_seed_name,
    read_regular,
    read_seed,
    refusal,
    refuse_links_on,
    seed_source,
    stamp_seeds,
)
from builder.store.writer import (
    MARKER,
    DuplicatePathError,
    PageOut,
    Producer,
    WritePlan,
    WriteReport,
    is_generated,
    mark,
    write_pages,
)

__all__ = [
    "CACHE",
    "LOCK",
    "MANIFEST",
    "MARKER",
    "RACY_NS",
    "SEED_SUFFIX",
    "SIDECAR_SUFFIX",
    "TEMP_SUFFIX",
    "WHY_NO_LINKS",
    "BuildSummary",
    "DuplicatePathError",
    "Manifest",
    "PageOut",
    "Producer",
    "Record",
    "SeedFile",
    "SeedStamp",
    "Stamp",
    "WritePlan",
    "WriteReport",
    "atomic_write",
    "build_lock",
    "current_keys",
    "display_path",
    "is_generated",
    "is_seed_name",
    "known_seeds",
    "mark",
    "pages_current",
    "read_cache",
    "read_manifest",
    "read_regular",
    "read_seed",
    "refusal",
    "refuse_links_on",
    "seed_source",
    "stamp_seeds",
    "write_cache",
    "write_pages",
]
