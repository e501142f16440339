"""Worker processes that read seeds, each within a time budget.

Reading a seed (decode, clean, extract) takes milliseconds for a story, but one text
shaped to be slow must not stall ``make serve`` or CI. So every seed is read in a worker
process, and a worker still on one seed when it has used that seed's budget of processor
time (:func:`budget_for`; :data:`WALL_FACTOR`) is killed: the seed is reported as an
error naming it, and the seeds queued behind it are read by a fresh worker. The budget
is a last line of defence; reading is meant to be linear in the size of a seed whatever
its shape.

Workers are spawned (a fork of a threaded parent such as ``mkdocs serve`` is not safe),
load the reader before they are given work (so loading is not counted against a seed),
are kept for the next build of the same process (a live edit does not load the reader
again) and exit with the process that started them, even if it is killed.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

from builder.errors import AnthologyError, Problem

if TYPE_CHECKING:
    from builder.read.story import ReadResult
    from builder.store import SeedFile

BUDGET_ENV = "ANTHOLOGY_READ_BUDGET"
"""Seconds one seed may take to read, whatever its size, instead of :func:`budget_for`'s
default: for tests and for very slow machines."""
BASE_SECONDS = 10.0
SECONDS_PER_MB = 20.0
"""A seed may take 10 s plus 2 s per 100 KB (30 s at the 1 MB limit): ordinary prose
reads at well under 2 s per MB, so only a pathological text comes near."""

Progress = Callable[[str], None]
WALL_FACTOR = 10
"""The budget is processor time, so that a machine busy with other work does not stop
a seed that would be read in time (and the pages do not depend on the machine's load);
a worker that waits instead of working is stopped at ten times the budget, wall time."""
READY = "ready"
WARM_UP = b"Ana Alves was born in Bergen, Norway, and joined the Norwegian National Ballet.\n"
BATCH_MAX = 32
"""Seeds sent to a worker at a time: fewer messages, and a stuck seed is still known,
because each result comes back on its own."""


def budget_for(size: int) -> float:
    """Seconds a seed of ``size`` bytes may take to read before it is stopped."""
    override = os.environ.get(BUDGET_ENV, "")
    try:
        seconds = float(override)
    except ValueError:
        seconds = 0.0
    if seconds > 0:
        return seconds
    return BASE_SECONDS + SECONDS_PER_MB * size / 1_000_000


def read_one(seed: SeedFile) -> ReadResult | Problem:
    """Read one seed in this process: its story, or the problem that stopped it."""
    from builder.read.story import read_story

    try:
        return read_story(seed.data, seed.source, seed.sidecar, seed.sidecar_source)
    except AnthologyError as exc:
        return exc.problem


def _work(conn: Connection, parent: int) -> None:
    """A worker: load the reader, say so, then read every batch it is sent, answering
    seed by seed (so that the parent knows which seed it is on)."""
    _exit_with(parent)
    from builder.store import SeedFile

    read_one(SeedFile("warm-up.txt", WARM_UP))  # loading the reader is not a seed's time
    conn.send((READY, time.process_time()))
    while True:
        try:
            batch = conn.recv()
        except EOFError:
            return
        if batch is None:
            return
        for index, seed in batch:
            result = read_one(seed)
            conn.send((index, result, time.process_time()))


def _cpu_seconds(pid: int | None) -> float:
    """The processor time a worker has used (``/proc``); infinite if it cannot be told,
    so that the budget then counts wall time."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("inf")


def _exit_with(parent: int) -> None:
    """In a worker: exit as soon as the build that started it is gone (even killed -9)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    queue: deque[int] = field(default_factory=deque)
    """Indexes of the seeds sent to it and not answered yet, the one it is on first."""
    since: float = 0.0
    """When it started on the first seed of ``queue``."""
    cpu: float = 0.0
    """Its processor time then, as it reported it."""
    check: float = 0.0
    """When the seed it is on may next be past its budget."""

    def started(self, now: float, cpu: float | None, budget: float) -> None:
        self.since, self.check = now, now + budget
        if cpu is not None:
            self.cpu = cpu

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class Readers:
    """A small pool of reader workers that knows which seed each one is on."""

    def __init__(self) -> None:
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()

    def start(self, count: int = 1) -> None:
        """Have at least ``count`` workers, loading the reader in the background."""
        with self._lock:
            self._grow(count)

    def pids(self) -> list[int]:
        """The process ids of the workers alive now (kept between builds)."""
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    def shutdown(self) -> None:
        with self._lock:
            for worker in self._workers:
                worker.stop()
            self._workers.clear()

    def read(
        self, seeds: list[SeedFile], count: int, progress: Progress | None = None
    ) -> list[ReadResult | Problem]:
        """Read every seed on ``count`` workers; the results are in the seeds' order."""
        with self._lock:
            try:
                return self._read(seeds, count, progress)
            finally:
                # Keep one idle worker for the next build; one still busy (this read was
                # interrupted) would answer the next build with this one's seeds.
                idle = [w for w in self._workers if not w.queue][:1]
                for worker in self._workers:
                    if worker not in idle:
                        worker.stop()
                self._workers = idle

    def _grow(self, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        while len(self._workers) < count:
            ours, theirs = context.Pipe()
            process = context.Process(
                target=_work, args=(theirs, os.getpid()), name="anthology-reader", daemon=True
            )
            process.start()
            theirs.close()  # so that the worker's death reads as the end of its pipe
            self._workers.append(_Worker(process, ours))

    def _read(
        self, seeds: list[SeedFile], count: int, progress: Progress | None
    ) -> list[ReadResult | Problem]:
        results: list[ReadResult | Problem | None] = [None] * len(seeds)
        budgets = [budget_for(len(seed.data)) for seed in seeds]
        pending = deque(range(len(seeds)))
        batch = max(1, min(BATCH_MAX, len(seeds) // (count * 8)))
        done = 0
        self._grow(count)
        while done < len(seeds):
            now = time.monotonic()
            for worker in self._workers:
                if worker.ready and len(worker.queue) <= 1 and pending:
                    sent = [pending.popleft() for _ in range(min(batch, len(pending)))]
                    if not worker.queue:
                        worker.started(now, None, budgets[sent[0]])
                    worker.queue.extend(sent)
                    worker.conn.send([(i, seeds[i]) for i in sent])
            deadlines = [w.check for w in self._workers if w.queue]
            timeout = max(0.0, min(deadlines) - now) if deadlines else None
            by_conn = {id(w.conn): w for w in self._workers}
            for conn in wait(list(w.conn for w in self._workers), timeout):
                worker = by_conn[id(conn)]
                try:
                    while True:  # every answer waiting, before looking at the clock again
                        message = conn.recv()
                        if message[0] == READY:
                            worker.ready, worker.cpu = True, message[1]
                        else:
                            index, result, cpu = message
                            results[index] = result
                            worker.queue.popleft()
                            if worker.queue:
                                worker.started(time.monotonic(), cpu, budgets[worker.queue[0]])
                            worker.cpu = cpu
                            done += 1
                            if progress and len(seeds) >= 50 and done % (len(seeds) // 10) == 0:
                                progress(f"read {done}/{len(seeds)} new seeds")
                        if not conn.poll():
                            break
                except (EOFError, OSError):
                    done += self._lose(worker, seeds, results, pending, "stopped")
            now = time.monotonic()
            for worker in list(self._workers):
                if not worker.queue or now < worker.check:
                    continue
                budget = budgets[worker.queue[0]]
                used = _cpu_seconds(worker.process.pid) - worker.cpu
                if used >= budget or now - worker.since >= WALL_FACTOR * budget:
                    done += self._lose(worker, seeds, results, pending, "overdue")
                else:  # a busy machine, not a slow seed: it cannot use the rest sooner
                    worker.check = now + budget - used
            if done < len(seeds) and not self._workers:
                self._grow(1)
            elif pending and len(self._workers) < count:
                self._grow(min(count, len(self._workers) + 1))
        return [r for r in results if r is not None]

    def _lose(
        self,
        worker: _Worker,
        seeds: list[SeedFile],
        results: list[ReadResult | Problem | None],
        pending: deque[int],
        why: str,
    ) -> int:
        """Stop ``worker``: the seed it was on becomes an error, the ones queued behind it
        go back to the front of ``pending``. Returns how many seeds that settled."""
        worker.stop()
        self._workers.remove(worker)
        if not worker.queue:
            if not worker.ready:
                raise RuntimeError(
                    f"a reader worker could not start (exit status {worker.process.exitcode})"
                )
            return 0
        head = worker.queue.popleft()
        pending.extendleft(reversed(worker.queue))
        seed = seeds[head]
        if why == "overdue":
            message = (
                f"took longer than its {budget_for(len(seed.data)):g}-second budget to "
                "read (processor time), so it was stopped and has no page; the other seeds "
                "were built. "
                "A text with no full stops or endless runs of capitalised words reads "
                "slowly: break it into sentences and paragraphs"
            )
        else:
            message = (
                f"stopped the reader (exit status {worker.process.exitcode}), so it has "
                "no page; the other seeds were built. Please report it with this file"
            )
        results[head] = Problem(seed.source, message)
        return 1


POOL = Readers()
"""One per process: kept between builds, so that ``mkdocs serve`` reads an edited seed
on a worker that has the reader loaded already."""
