"""The project's one exception family: every problem names a file, a line and a fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) about one input file."""

    source: str
    """The file the problem is in, as the user would type it."""
    message: str
    """What is wrong and how to fix it."""
    line: int | None = None
    """1-based line number, when the problem has one."""
    severity: str = "error"
    """``error`` (the file is not built) or ``warning`` (built, but look at it)."""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.severity}: {self.message}"


class AnthologyError(Exception):
    """A seed or sidecar that cannot be built; carries the :class:`Problem` to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
