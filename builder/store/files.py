"""The builder's own files on disk: written atomically, read never through a link.

Every other store module writes through :func:`atomic_write` and reads its own files
with :func:`read_own_file`, so a build killed at any moment or a link planted in
``docs/`` can neither leave half a file nor make the builder read elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

TEMP_SUFFIX = ".anthology-tmp"
NO_LINK_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
"""Open flags for reading: never through a final link, never blocking on a pipe."""


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory if inside it."""
    cwd = Path.cwd().resolve()
    # Not resolving the last part: a link is shown where it is, not where it points.
    for candidate in (Path(os.path.abspath(path)), path.parent.resolve() / path.name):
        try:
            return candidate.relative_to(cwd).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def lstat(path: Path | str) -> os.stat_result | None:
    """The thing at ``path`` itself (a link is not followed), or None if nothing is there."""
    try:
        return os.lstat(path)
    except OSError:
        return None


def is_plain_file(path: Path) -> bool:
    info = lstat(path)
    return info is not None and stat.S_ISREG(info.st_mode)


def read_own_file(path: Path) -> bytes:
    """One of the builder's own files in ``docs/``; a link planted there reads as missing."""
    fd = os.open(path, NO_LINK_READ)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        return handle.read()


def atomic_write(target: Path, data: bytes, durable: bool = False) -> None:
    """Write via a temporary file and rename: readers, and a build killed at any moment,
    see the old file or the new one.

    ``durable`` also flushes it to the disk before the rename, against a power cut: worth
    it for the manifest, which says what the builder owns; not for pages and the cache,
    which the next build makes again (an fsync per page was an eighth of a cold build).
    The file gets the usual permissions (umask), not a temporary file's 0600.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_leftover_temporaries(folders: tuple[Path, ...]) -> None:
    """Delete temporary files a killed build left behind (they are only ever ours)."""
    for folder in folders:
        for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
