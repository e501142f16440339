"""Running one measured step of the benchmark, on a snapshot of the builder.

Each step is its own subprocess: its wall time and the peak RSS of its process tree
(:func:`run_step`). Every step runs the same copy of builder/, taken when the run starts
(:func:`snapshot_builder`), named by a :class:`Context` passed to whatever runs steps.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
PYTHON = sys.executable
BASE_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Step:
    name: str
    seconds: float
    rss_mb: float
    returncode: int
    stdout: str = ""
    stderr: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Bytes resident in ``pid`` and all its descendants (e.g. a worker pool), now."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return total


class TreeSampler(threading.Thread):
    """Samples the resident memory of a process tree every 50 ms; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, tree_rss(self.pid))


@dataclass(frozen=True)
class Context:
    """The builder every step runs (a snapshot of builder/ taken when the run starts),
    what it is (commit, uncommitted changes, content hash) and the steps' environment."""

    code_dir: Path = ROOT
    fingerprint: str = ""
    commit: str = ""
    dirty: bool = False
    env: Mapping[str, str] = field(default_factory=lambda: dict(BASE_ENV))


def run_step(ctx: Context, name: str, cmd: list[str], cwd: Path, log: Path | None = None) -> Step:
    """Run ``cmd`` as a child: its wall time and peak RSS, the larger of its own (wait4)
    and its process tree's (itself + workers, sampled every 50 ms)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=dict(ctx.env), stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if log is not None:
        log.write_text(
            f"$ {' '.join(cmd)}\n# exit {proc.returncode}\n{stdout}\n{stderr}", encoding="utf-8"
        )
    own, tree = usage.ru_maxrss / 1024, sampler.peak / 2**20
    step = Step(name, seconds, max(own, tree), proc.returncode, stdout, stderr)
    step.extra["own_rss_mb"], step.extra["tree_rss_mb"] = own, tree
    return step


def snapshot_builder(work: Path) -> Context:
    """Copy builder/ under ``work`` and run every step on that copy (PYTHONPATH), so that
    editing the builder while a long run goes on cannot mix two versions in one report."""
    target = work / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(
        ROOT / "builder", target / "builder", ignore=shutil.ignore_patterns("__pycache__")
    )
    digest = hashlib.sha256()
    for path in sorted((target / "builder").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(target).as_posix().encode() + path.read_bytes())
    commit, dirty = git_state()
    paths = os.pathsep.join(p for p in (str(target), os.environ.get("PYTHONPATH", "")) if p)
    env = {**BASE_ENV, "PYTHONPATH": paths}
    return Context(target, digest.hexdigest()[:12], commit, dirty, env)


def git_state() -> tuple[str, bool]:
    """The commit, and whether builder/ has uncommitted changes."""
    return _git("rev-parse", "--short", "HEAD"), bool(_git("status", "--porcelain", "builder"))


def _git(*args: str) -> str:
    run = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return run.stdout.strip()


def crashed(step: Step) -> bool:
    """Exit 1 from ``anthology`` means "some seeds had errors"; a traceback is a crash."""
    return step.returncode not in (0, 1) or "Traceback (most recent call last)" in step.stderr


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def step_record(step: Step) -> dict[str, Any]:
    """A step as JSON-ready data (results.json)."""
    return asdict(step)


def step_from_record(record: dict[str, Any]) -> Step:
    return Step(**record)
