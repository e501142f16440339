"""When each seed entered the anthology, from the repository's history: one ``git log``.

The feeds date a story by the commit that added its seed (followed across renames), so
the date is the same on every machine and in every build, never the time of the build.
One call reads the whole history of the seeds folder, however many seeds there are.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

_COMMIT = "\x01"
"""Marks a commit's date in ``git log``'s output (file names cannot hold it with -z)."""


@dataclass(frozen=True)
class History:
    """Each seed's date by file name, and why there are none or they may be wrong."""

    dates: dict[str, str] = field(default_factory=dict)
    """``x.txt`` -> ``2024-05-01T10:00:00Z`` (UTC): the author date of the commit that
    added it, or that added the file it was renamed from."""
    note: str | None = None
    """Set when the history could not be read, or is a shallow clone's (every seed then
    seems added by the one commit there is)."""


def seed_history(seeds_dir: Path) -> History:
    """The dates of every committed seed directly in ``seeds_dir``."""
    try:
        log = _git(
            seeds_dir,
            "log",
            "--reverse",
            "--relative",
            "-M",
            "--diff-filter=ADR",
            "--name-status",
            "-z",
            f"--format={_COMMIT}%aI",
            "--",
            ".",
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        reason = getattr(exc, "stderr", None) or str(exc)
        return History(note=f"its git history cannot be read ({reason.strip()})")
    try:
        shallow = _git(seeds_dir, "rev-parse", "--is-shallow-repository").strip() == "true"
    except (OSError, subprocess.CalledProcessError):
        shallow = False
    note = None
    if shallow:
        note = "is in a shallow clone: its dates are those of the oldest commit fetched"
    return History(parse_log(log), note)


def parse_log(log: str) -> dict[str, str]:
    """``git log --reverse --name-status -z`` output -> the date each file now present was
    added, renames followed (the file keeps the date it was first added under)."""
    dates: dict[str, str] = {}
    tokens = iter(log.split("\0"))
    date = ""
    for raw in tokens:
        token = raw.lstrip("\n")
        if token.startswith(_COMMIT):
            date = utc(token[1:])
        elif token == "A":
            dates[next(tokens)] = date
        elif token == "D":
            dates.pop(next(tokens), None)
        elif token.startswith("R"):
            old, new = next(tokens), next(tokens)
            dates[new] = dates.pop(old, date)
    return {name: when for name, when in dates.items() if "/" not in name}


def utc(stamp: str) -> str:
    """An ISO 8601 time with any offset -> RFC 3339 in UTC, as Atom writes it."""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        check=True,
        timeout=120,
    ).stdout
