"""Wake a serve's rebuild the moment a seed is saved, not at the next poll.

MkDocs watches folders by polling them every half second (a watchdog
``PollingObserver``): a save waited a quarter of a second on average before the rebuild
began, up to half of one. While serving, the seeds folder is watched here instead, by
the system's own file notifications (watchdog's native observer: inotify on Linux),
which report a save within milliseconds. The folder is still polled too, as MkDocs did,
for file systems that send no notifications (network shares, some container mounts); a
change the notifications already reported (the file as it is now) does not wake a
second rebuild.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.anthology")

WAKING = frozenset({"created", "modified", "deleted", "moved", "closed"})
"""The events of a change; reading a seed (``opened``, ``closed_no_write``) is none."""
_GONE = ("gone",)


class SeedWatch:
    """The seeds folder's watch in one ``mkdocs serve``: notified, and polled as a fallback."""

    def __init__(self) -> None:
        self.folder = ""
        self._native: Any = None
        self._notified: dict[str, object] = {}
        """Each path the notifications reported, with its stamp then."""

    def take_over(self, config: MkDocsConfig, folder: str) -> None:
        """Take ``folder`` out of the paths MkDocs polls (``watch:`` in mkdocs.yml): this
        watch wakes its rebuilds instead, once the server is up (:meth:`start`)."""
        self.folder = os.path.abspath(folder)
        config.watch[:] = [p for p in config.watch if os.path.abspath(p) != self.folder]

    def start(self, observer: Any, wake: Callable[[], None]) -> None:
        """Watch the folder: notified, and polled by MkDocs' ``observer`` as before."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        if not os.path.isdir(self.folder):
            return

        def notified(event: Any) -> None:
            if event.is_directory or event.event_type not in WAKING:
                return
            for path in _paths(event):
                self._notified[path] = _stamp(path)
            wake()

        def polled(event: Any) -> None:
            if event.is_directory:
                return
            if all(self._notified.get(path) == _stamp(path) for path in _paths(event)):
                return  # reported already: its rebuild has begun
            wake()

        polling = FileSystemEventHandler()
        polling.on_any_event = polled  # type: ignore[method-assign]
        observer.schedule(polling, self.folder, recursive=True)
        native = FileSystemEventHandler()
        native.on_any_event = notified  # type: ignore[method-assign]
        try:
            self._native = Observer()
            self._native.schedule(native, self.folder, recursive=True)
            self._native.start()
        except OSError as error:  # out of inotify watches, say: polling still sees saves
            log.info("anthology: %s is polled only (%s)", self.folder, error)
            self._native = None

    def stop(self) -> None:
        if self._native is not None:
            with contextlib.suppress(RuntimeError):
                self._native.stop()
            self._native = None


def _paths(event: Any) -> list[str]:
    return [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]


def _stamp(path: str) -> object:
    try:
        info = os.lstat(path)
    except OSError:
        return _GONE
    return (info.st_size, info.st_mtime_ns, info.st_ino)
