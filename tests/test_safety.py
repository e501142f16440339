"""Nothing outside ``seeds/`` is ever read, nothing outside ``docs/`` ever written, and no
seed can stall the build: real ``anthology build`` runs on links, pipes and slow seeds.

Links, pipes and sockets are made at test time in temporary folders (git holds no pipe,
and a link out of the repository would point elsewhere on every machine). Builds that
could hang run as subprocesses with a timeout, so a regression fails instead of hanging.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from builder.errors import AnthologyError
from builder.pipeline import build
from builder.readers import BUDGET_ENV, POOL, budget_for
from builder.store import MANIFEST, refusal, refuse_links_on
from tests.conftest import ROOT, hand_written_docs
from tests.hostile.make_corpus import SECRET, special_files, story

BIN = Path(sys.executable).parent
TIMEOUT = 300
"""A hung build fails the test after this long instead of stalling the run."""


def write_seeds(seeds: Path, names: list[str]) -> None:
    seeds.mkdir(parents=True, exist_ok=True)
    for name in names:
        (seeds / f"{name.lower().replace(' ', '-')}.txt").write_text(story(name), "utf-8")


def anthology(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "anthology"), "build", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
    )


def published(docs: Path) -> str:
    """Every byte the builder left in ``docs/`` (its hidden manifest and cache too)."""
    return "\n".join(
        p.read_text("utf-8", "replace") for p in sorted(docs.rglob("*")) if p.is_file()
    )


def tree(folder: Path) -> dict[str, bytes | str]:
    """A folder's entries with their bytes (a link by where it points)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


def test_links_pipes_sockets_and_folders_are_refused_by_a_real_build(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", hand_written_docs(tmp_path / "docs")
    write_seeds(seeds, ["Ada Berg", "Bo Lind"])
    (seeds / "enc_crlf.txt").write_text(story("Enc Crlf"), "utf-8")  # link_inside's target
    with special_files(seeds, tmp_path / "outside"):
        result = anthology(tmp_path, "--seeds", "seeds", "--docs", "docs")
    assert result.returncode == 1, result.stderr
    for name, what in [
        ("link_outside.txt", "is a symbolic link"),
        ("link_inside.txt", "is a symbolic link"),
        ("link_dangling.txt", "is a symbolic link"),
        ("link_sidecar.yaml", "is a symbolic link"),
        ("special_folder.txt", "is a folder"),
        ("special_fifo.txt", "is a named pipe (FIFO)"),
        ("special_socket.txt", "is a socket"),
    ]:
        assert f"seeds/{name}: error: {what}" in result.stderr, result.stderr
    pages = sorted(p.name for p in (docs / "dancers").iterdir())
    assert pages == ["ada-berg.md", "bo-lind.md", "enc-crlf.md", "index.md"]
    assert SECRET not in published(docs)
    assert "Quilla Secret" not in published(docs)


def test_a_device_is_refused_without_being_opened() -> None:
    problem = refusal(Path("/dev/null"), os.lstat("/dev/null"), "seeds/null.txt")
    assert problem is not None and "is a device" in problem.message


def test_a_seeds_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    write_seeds(outside, ["Cleo Secret"])
    project = tmp_path / "project"
    docs = hand_written_docs(project / "docs")
    (project / "seeds").symlink_to(outside)
    result = anthology(project)
    assert result.returncode == 1
    assert "seeds: error: is a symbolic link" in result.stderr, result.stderr
    assert "Cleo" not in published(docs)
    # A link on the way to the folder is refused too, and the folder given as a real path
    # is read: the fix the message suggests works.
    (project / "data").symlink_to(tmp_path)
    result = anthology(project, "--seeds", "data/elsewhere")
    assert result.returncode == 1 and "data: error: is a symbolic link" in result.stderr
    assert anthology(project, "--seeds", str(outside)).returncode == 0
    assert (docs / "dancers" / "cleo-secret.md").is_file()


def test_only_the_folder_itself_is_checked_on_a_path_outside_the_working_directory(
    tmp_path: Path,
) -> None:
    """The user's own machine layout (a linked home, say) is not the project's to judge."""
    real = tmp_path / "real"
    write_seeds(real / "seeds", ["Dora Vik"])
    (tmp_path / "linked").symlink_to(real)
    refuse_links_on(tmp_path / "linked" / "seeds", base=ROOT)
    with pytest.raises(AnthologyError, match="is a symbolic link"):
        refuse_links_on(tmp_path / "linked", base=ROOT)


def test_a_linked_docs_folder_is_never_written_or_deleted_through(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", hand_written_docs(tmp_path / "docs")
    write_seeds(seeds, ["Ebba Holm", "Frida Dahl"])
    assert anthology(tmp_path, "--seeds", "seeds", "--docs", "docs").returncode == 0
    # Someone replaces docs/dancers/ with a link to a folder elsewhere, holding a page
    # that looks generated and that the manifest lists as the builder's.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ebba-holm.md").write_bytes((docs / "dancers" / "ebba-holm.md").read_bytes())
    (outside / ".x.md.1.anthology-tmp").write_text("a temporary file name\n", "utf-8")
    (outside / "mine.txt").write_text("my own file\n", "utf-8")
    for page in (docs / "dancers").iterdir():
        page.unlink()
    (docs / "dancers").rmdir()
    (docs / "dancers").symlink_to(outside)
    before = tree(outside)
    (seeds / "frida-dahl.txt").unlink()  # tempts a delete
    write_seeds(seeds, ["Gerd Alm"])  # and a write
    result = anthology(tmp_path, "--seeds", "seeds", "--docs", "docs")
    assert result.returncode == 1
    assert "docs/dancers: error: is a symbolic link" in result.stderr, result.stderr
    assert tree(outside) == before
    assert (docs / "companies" / "paris-opera-ballet.md").is_file()  # the rest was built


def test_a_docs_folder_that_is_a_link_is_not_written_into(tmp_path: Path) -> None:
    seeds, outside = tmp_path / "seeds", hand_written_docs(tmp_path / "outside")
    write_seeds(seeds, ["Jo Strand"])
    (tmp_path / "docs").symlink_to(outside)
    before = tree(outside)
    result = anthology(tmp_path, "--seeds", "seeds")
    assert result.returncode == 1
    assert "docs: error: is a symbolic link" in result.stderr and "--docs" in result.stderr
    assert tree(outside) == before


def test_a_link_at_a_page_path_is_left_alone_and_reported(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", hand_written_docs(tmp_path / "docs")
    write_seeds(seeds, ["Hanna Ek", "Ines Fors"])
    (docs / "dancers").mkdir()
    victim = tmp_path / "victim.md"
    victim.write_text("---\nnot yours\n---\n", "utf-8")
    (docs / "dancers" / "hanna-ek.md").symlink_to(victim)
    (docs / MANIFEST).symlink_to(tmp_path / "manifest-target.json")
    (docs / ".anthology.lock").symlink_to(tmp_path / "lock-target")
    result = anthology(tmp_path, "--seeds", "seeds", "--docs", "docs")
    assert result.returncode == 1
    assert "docs/dancers/hanna-ek.md: error: is a symbolic link" in result.stderr
    assert victim.read_text("utf-8") == "---\nnot yours\n---\n"
    assert (docs / "dancers" / "hanna-ek.md").is_symlink()
    assert (docs / "dancers" / "ines-fors.md").is_file()
    # The builder's own files are replaced, never written through.
    assert not (tmp_path / "manifest-target.json").exists()
    assert not (tmp_path / "lock-target").exists()
    assert not (docs / MANIFEST).is_symlink() and not (docs / ".anthology.lock").is_symlink()


def test_a_real_mkdocs_build_publishes_nothing_a_link_points_to(tmp_path: Path) -> None:
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    with special_files(project / "seeds", tmp_path / "outside"):
        (project / "seeds" / "enc_crlf.txt").write_text(story("Enc Crlf"), "utf-8")
        result = subprocess.run(
            [str(BIN / "mkdocs"), "build", "-d", str(project / "site")],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    assert result.returncode == 0, result.stderr
    assert "link_outside.txt: error: is a symbolic link" in result.stderr
    assert "special_fifo.txt: error: is a named pipe" in result.stderr
    assert (project / "site" / "dancers" / "enc-crlf" / "index.html").is_file()
    assert SECRET not in published(project / "site")
    assert SECRET not in published(project / "docs")


# The time budget -------------------------------------------------------------------


def slow_seed(path: Path) -> None:
    """A short story whose sidecar lists 150,000 people: 4 MB of YAML, which takes the
    YAML parser seconds on any machine (a sidecar has no size limit), while a short
    story takes milliseconds. Slow for a reason the test controls, whatever the speed
    of extraction."""
    path.write_text(story("Karin Slow"), "utf-8")
    people = "".join(f"- Person Number{n} Surname\n" for n in range(150_000))
    path.with_suffix(".yaml").write_text(f"people:\n{people}", "utf-8")


def test_the_budget_grows_with_the_seed_and_can_be_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUDGET_ENV, raising=False)
    assert budget_for(0) == 10 and budget_for(1_000_000) == 30
    monkeypatch.setenv(BUDGET_ENV, "0.5")
    assert budget_for(1_000_000) == 0.5
    monkeypatch.setenv(BUDGET_ENV, "soon")
    assert budget_for(0) == 10


def test_a_seed_past_its_budget_is_stopped_and_every_other_seed_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BUDGET_ENV, "2")
    seeds, docs = tmp_path / "seeds", hand_written_docs(tmp_path / "docs")
    write_seeds(seeds, ["Lea Nord", "Maj Sol", "Nell Ros"])
    slow_seed(seeds / "karin-slow.txt")
    report = build(seeds, docs)
    (problem,) = report.errors
    assert problem.source == "seeds/karin-slow.txt" and "2-second budget" in problem.message
    assert sorted(p.stem for p in (docs / "dancers").glob("*-*.md")) == [
        "lea-nord",
        "maj-sol",
        "nell-ros",
    ]
    # The stopped worker is gone; the one kept for the next build is the only child left.
    assert {p.pid for p in multiprocessing.active_children()} <= set(POOL.pids())
    POOL.shutdown()
    assert multiprocessing.active_children() == []


def _marked_processes(marker: str) -> list[int]:
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def test_many_seeds_on_several_workers_with_slow_ones_leave_no_process_behind(
    tmp_path: Path,
) -> None:
    """Past the parallel threshold, two seeds are stopped in the middle of their
    batches: the seeds queued behind them are read by fresh workers."""
    seeds, docs = tmp_path / "seeds", hand_written_docs(tmp_path / "docs")
    first = [
        "Ada",
        "Bea",
        "Cleo",
        "Dora",
        "Edda",
        "Fia",
        "Greta",
        "Hedda",
        "Ida",
        "Jona",
        "Kaja",
        "Lova",
        "Mira",
        "Nora",
        "Ola",
    ]
    last = [
        "Alm",
        "Berg",
        "Dahl",
        "Ek",
        "Fors",
        "Gran",
        "Holm",
        "Ilves",
        "Juhl",
        "Krog",
        "Lind",
        "Moen",
        "Nord",
        "Ohlin",
    ]
    write_seeds(seeds, [f"{f} {surname}" for f in first for surname in last])
    slow_seed(seeds / "eva-slow.txt")
    slow_seed(seeds / "lova-slow.txt")
    marker = f"ANTHOLOGY_TEST_RUN={uuid.uuid4().hex}"
    key, value = marker.split("=")
    result = anthology(
        tmp_path, "--seeds", "seeds", "--docs", "docs", env={BUDGET_ENV: "2", key: value}
    )
    assert result.returncode == 1
    stopped = [line for line in result.stderr.splitlines() if "budget" in line]
    assert [line.split(":")[0] for line in stopped] == ["seeds/eva-slow.txt", "seeds/lova-slow.txt"]
    assert len(list((docs / "dancers").glob("*-*.md"))) == 210
    deadline = time.monotonic() + 30
    while left := _marked_processes(marker):
        assert time.monotonic() < deadline, f"processes {left} outlived the build"
        time.sleep(0.25)


def test_a_read_interrupted_midway_does_not_leak_answers_into_the_next(tmp_path: Path) -> None:
    """A build stopped while workers still hold its seeds (Ctrl-C, say) must not hand
    their stories to the next build of the same process (``mkdocs serve`` keeps one)."""
    from builder.store import SeedFile

    first = [SeedFile(f"seeds/a{n}.txt", story(f"Alva Nr{n}").encode()) for n in range(60)]

    def interrupt(message: str) -> None:
        raise KeyboardInterrupt(message)

    with pytest.raises(KeyboardInterrupt):
        POOL.read(first, 2, progress=interrupt)
    second = [SeedFile(f"seeds/b{n}.txt", story(f"Berit Nr{n}").encode()) for n in range(5)]
    results = POOL.read(second, 1)
    assert [r.story.source for r in results] == [s.source for s in second]


def test_the_budget_counts_processor_time_read_from_proc() -> None:
    """Else the budget would silently fall back to wall time (see readers.WALL_FACTOR)."""
    from builder.readers import _cpu_seconds

    sum(range(3_000_000))  # some processor time of this process's own
    assert 0 < _cpu_seconds(os.getpid()) < float("inf")
    assert _cpu_seconds(None) == float("inf")
