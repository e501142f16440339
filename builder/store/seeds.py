"""Listing and reading seeds: plain files only, never through a link or a pipe.

A seed (``seeds/*.txt``) and its optional sidecar (``<stem>.yaml``) are stamped without
being read, so an unchanged seed costs one ``stat``; a link, folder or special file in
their place is refused with a problem that says how to fix it, and never opened.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from builder.errors import AnthologyError, Problem
from builder.store.files import NO_LINK_READ, display_path

SEED_SUFFIX = ".txt"
SIDECAR_SUFFIX = ".yaml"


@dataclass(frozen=True)
class SeedFile:
    """A seed on disk and its optional sidecar, as read from ``seeds/``."""

    source: str
    """``<seeds folder name>/<file name>``: the same wherever the project lives, so
    that pages (which show it) are byte-identical across machines."""
    data: bytes
    sidecar: str | None = None
    sidecar_source: str = ""


@dataclass(frozen=True)
class SeedStamp:
    """A seed known by its file stamp alone: unchanged since the last build, not read."""

    source: str
    path: Path


Stamp = list[int]
"""``[size, mtime_ns]`` of a file, plus the same for its sidecar if it has one."""


def seed_source(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def is_seed_name(name: str) -> bool:
    """A story file: ``*.txt``, not hidden, not an editor's backup or lock file."""
    return (
        name.endswith(SEED_SUFFIX)
        and not name.startswith((".", "#", "~"))
        and not name.endswith("~")
    )


WHY_NO_LINKS = {
    "--seeds": "the builder never follows links to find seeds, so that a link cannot "
    "publish files from elsewhere on this machine",
    "--docs": "the builder never writes through links, so that a link cannot make it "
    "write elsewhere on this machine",
}


def refuse_links_on(folder: Path, base: Path | None = None, option: str = "--seeds") -> None:
    """Refuse a folder reached through a symbolic link, so a link committed in place of
    ``seeds/`` or ``docs/`` (or of a folder on the way) cannot make the builder read and
    publish files from elsewhere on the machine, or write there.

    Every folder on the path as given is checked below ``base`` (the working directory):
    a path outside it is the user's own choice, of which only the folder itself is
    checked. ``..`` is taken as written: it cannot lead through a link that was refused.
    """
    base = Path.cwd() if base is None else base
    typed, start = folder, base
    if folder.is_absolute():
        try:
            typed = folder.relative_to(base)
        except ValueError:
            typed, start = Path(folder.name), folder.parent
    current = start
    for part in typed.parts:
        current = current / part
        if part not in (".", "..") and current.is_symlink():
            raise AnthologyError(
                Problem(
                    display_path(current),
                    f"is a symbolic link; {WHY_NO_LINKS[option]}. Put the folder itself "
                    f"there, or pass the folder the link points to as {option}",
                )
            )


def refusal(path: Path, info: os.stat_result, source: str) -> Problem | None:
    """Why the thing at ``path`` (as :func:`os.lstat` saw it) is not read, if it is not a
    plain file: a link could lead anywhere on the machine (even one that points inside
    ``seeds/`` is refused, so that review has one rule to check), a named pipe would
    block the build forever, a device or socket is not a story."""
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        what = (
            "is a symbolic link; the builder never reads through links, so that one "
            "cannot publish a file from elsewhere on this machine. Replace the link with "
            "a copy of the file"
        )
    elif stat.S_ISDIR(mode):
        what = "is a folder, not a text file; rename it so that its name does not end in " + (
            path.suffix or "its suffix"
        )
    else:
        kind = (
            "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file"
        )
        what = f"is {kind}, not a text file, so it was not opened; delete it or move it out"
    return Problem(source, what)


def stamp_seeds(seeds_dir: Path) -> tuple[list[tuple[Path, Stamp]], list[Problem]]:
    """Every seed file in ``seeds_dir`` (not recursive), by name, with its stamp (the
    seed is not read), and the seeds refused because they or their sidecars are links,
    folders or special files (see :func:`refusal`): those are never opened."""
    refuse_links_on(seeds_dir)
    if not seeds_dir.is_dir():
        raise AnthologyError(
            Problem(display_path(seeds_dir), "is not a folder of seeds; pass --seeds DIR")
        )
    with os.scandir(seeds_dir) as entries:
        found = {entry.name: entry for entry in entries}
    stamped = []
    refused = []
    for name in sorted(found):
        entry = found[name]
        info = _entry_lstat(entry) if is_seed_name(name) else None
        if info is None:
            continue  # not a seed, or deleted since the folder was listed
        problem = refusal(Path(entry.path), info, seed_source(Path(entry.path)))
        if problem is None:
            stamp = [info.st_size, info.st_mtime_ns]
            sidecar = found.get(name[: -len(SEED_SUFFIX)] + SIDECAR_SUFFIX)
            side = _entry_lstat(sidecar) if sidecar is not None else None
            if sidecar is not None and side is not None:
                problem = refusal(Path(sidecar.path), side, seed_source(Path(sidecar.path)))
                stamp += [side.st_size, side.st_mtime_ns]
        if problem is not None:
            refused.append(problem)
            continue
        stamped.append((Path(entry.path), stamp))
    return stamped, refused


def _entry_lstat(entry: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return entry.stat(follow_symlinks=False)
    except FileNotFoundError:
        return None


def read_regular(path: Path, source: str) -> bytes:
    """A plain file's bytes, never through a link and never blocking on a pipe: opened
    without following a final link and without waiting, then checked to be a regular
    file before a byte is read (so a file swapped for a link or a FIFO after the scan
    is refused too). Raises :class:`FileNotFoundError` if there is nothing there."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise AnthologyError(Problem(source, f"cannot be read: {exc.strerror}")) from exc
    problem = refusal(path, info, source)
    if problem is not None:
        raise AnthologyError(problem)
    try:
        fd = os.open(path, NO_LINK_READ)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise AnthologyError(Problem(source, f"cannot be read: {exc.strerror}")) from exc
    with os.fdopen(fd, "rb") as handle:
        problem = refusal(path, os.fstat(fd), source)
        if problem is not None:
            raise AnthologyError(problem)
        try:
            return handle.read()
        except OSError as exc:
            raise AnthologyError(Problem(source, f"cannot be read: {exc.strerror}")) from exc


def read_seed(path: Path) -> SeedFile:
    """Read a seed's bytes and its sidecar ``<stem>.yaml`` if there is one."""
    source = seed_source(path)
    try:
        data = read_regular(path, source)
    except FileNotFoundError as exc:
        raise AnthologyError(Problem(source, f"cannot be read: {exc.strerror}")) from exc
    sidecar_path = path.with_suffix(SIDECAR_SUFFIX)
    sidecar_source = seed_source(sidecar_path)
    try:
        raw = read_regular(sidecar_path, sidecar_source)
    except FileNotFoundError:
        return SeedFile(source, data)
    try:
        sidecar = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnthologyError(
            Problem(
                sidecar_source,
                f"cannot be read as UTF-8 text ({exc}); save it as UTF-8",
            )
        ) from exc
    return SeedFile(source, data, sidecar, sidecar_source)


def read_optional_text(path: Path) -> tuple[str, str | Problem] | None:
    """A UTF-8 file of the seeds folder that may be missing (``order.yaml``): its
    source and text, or the problem reading it; ``None`` if there is no such file."""
    source = seed_source(path)
    try:
        data = read_regular(path, source)  # a link or a FIFO is refused, as for a seed
    except FileNotFoundError:
        return None
    except AnthologyError as exc:
        return source, exc.problem
    try:
        return source, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return source, Problem(source, f"cannot be read as UTF-8 text ({exc}); save it as UTF-8")
