"""A build killed at any moment, or two builds at once, never leave a damaged docs/."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import hand_written_docs

COUNT = 250
FIRST = ["Ana", "Berit", "Chiara", "Dagny", "Elif", "Fumiko", "Greta", "Hana", "Ines", "Jana"]
LAST = [
    "Alves",
    "Brandt",
    "Castro",
    "Dahl",
    "Eklund",
    "Ferri",
    "Gauthier",
    "Holm",
    "Ito",
    "Jensen",
    "Kovacs",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Ortiz",
]
CITIES = ["Lyon", "Porto", "Bergen", "Osaka", "Kyiv"]
COMPANIES = ["Paris Opera Ballet", "Norwegian National Ballet", "Hamburg Ballet"]


def write_corpus(folder: Path, version: int) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(COUNT):
        name = f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST) % len(LAST)]}"
        if i >= len(FIRST) * len(LAST):
            name += f"-{i}"
        text = (
            f"{name} was born in {CITIES[i % len(CITIES)]}. She joined the "
            f"{COMPANIES[i % len(COMPANIES)]} as a principal dancer in {2000 + i % 20}.\n\n"
            f"Her signature role is Giselle. This is version {version} of her story.\n"
        )
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")


def snapshot(docs: Path) -> dict[str, bytes]:
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _children(parent: int) -> set[int]:
    """The processes (build workers) that ``parent`` started."""
    children = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in lines if ":" in line)
        if fields.get("PPid", "").strip() == str(parent):
            children.add(int(fields["Pid"]))
    return children


def _wait_until_gone(pids: set[int]) -> None:
    deadline = time.monotonic() + 15
    while alive := {pid for pid in pids if Path(f"/proc/{pid}").exists()}:
        assert time.monotonic() < deadline, f"workers {alive} outlived the killed build"
        time.sleep(0.25)


def build(seeds: Path, docs: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "builder",
            "build",
            "-q",
            "--seeds",
            str(seeds),
            "--docs",
            str(docs),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("robust")
    trees = {}
    for version in (1, 2):
        seeds, docs = root / f"seeds{version}", hand_written_docs(root / f"docs{version}")
        write_corpus(seeds, version)
        assert build(seeds, docs).wait(300) == 0
        trees[version] = snapshot(docs)
    assert trees[1] != trees[2]
    return {"root": root, "trees": trees}


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5])
def test_a_killed_build_leaves_every_page_old_or_new_never_half_written(
    versions, tmp_path: Path, delay: float
) -> None:
    old, new = versions["trees"][1], versions["trees"][2]
    docs = hand_written_docs(tmp_path / "docs")
    assert build(versions["root"] / "seeds1", docs).wait(300) == 0
    process = build(versions["root"] / "seeds2", docs)
    time.sleep(delay)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    _wait_until_gone(workers)  # no worker process lingers after its build is killed
    for path, data in snapshot(docs).items():
        assert data in (old.get(path), new.get(path)), f"{path} is neither old nor new"
    # The next build finishes the job and leaves no temporary file behind.
    assert build(versions["root"] / "seeds2", docs).wait(300) == 0
    assert snapshot(docs) == new
    assert not [p for p in docs.rglob("*tmp") if p.is_file()]


def test_two_builds_at_once_do_not_corrupt_each_other(versions, tmp_path: Path) -> None:
    docs = hand_written_docs(tmp_path / "docs")
    seeds = versions["root"] / "seeds2"
    first, second = build(seeds, docs), build(seeds, docs)
    assert first.wait(300) == 0 and second.wait(300) == 0
    assert snapshot(docs) == versions["trees"][2]
