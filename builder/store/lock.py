"""The lock that keeps two builds of one ``docs/`` from interleaving their writes."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from builder.store.files import display_path

LOCK = ".anthology.lock"


@contextlib.contextmanager
def build_lock(docs_dir: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``docs_dir`` so two builds never interleave writes."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    lock_path = docs_dir / LOCK
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(lock_path, flags, 0o666)
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        lock_path.unlink()  # a link planted as the lock: drop the link, never its target
        fd = os.open(lock_path, flags, 0o666)
    with os.fdopen(fd, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait(
                    f"another build is writing {display_path(docs_dir)}; waiting for it "
                    f"to finish (lock: {display_path(lock_path)})"
                )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
