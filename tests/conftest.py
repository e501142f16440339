"""Shared fixtures. Paths come from this file, never from the working directory."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from builder.site.layout import GENERATED

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DOCS = ROOT / "docs"
GOLDEN = Path(__file__).resolve().parent / "golden"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

FACT_FIELDS = (
    "name",
    "origin",
    "company",
    "companies",
    "signature_role",
    "ballets",
    "schools",
    "people",
)
"""The facts extraction reads from a story's prose, each with the sentence it came from:
written out here, not read off the model, so a fact that goes missing fails a test."""


# Modules that drive a browser, a validator, a server or a whole benchmark: `make check`
# (the developers' fast loop) leaves them out with `-m "not slow"`; `make test` runs all.
SLOW_MODULES = frozenset(
    {
        "test_bench",
        "test_browser",
        "test_feeds",
        "test_hostile_browser",
        "test_meta",
        "test_print",
        "test_provenance",
        "test_publish",
        "test_robustness",
        "test_site",
    }
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: drives a browser, validator, server or benchmark (not in make check)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__.rpartition(".")[2] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def run_tool(
    args: list[Any], cwd: Path | None = None, timeout: float = 300, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """Run a real tool (a validator, a renderer) as a user would; unless it succeeds, the
    test fails with everything it printed."""
    result = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, **kwargs
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def hand_written_docs(target: Path) -> Path:
    """Copy the repository's hand-written docs (no generated pages) into ``target``."""
    shutil.copytree(
        DOCS,
        target,
        ignore=shutil.ignore_patterns(*GENERATED, ".anthology*"),
    )
    return target


def copy_project(target: Path, seeds: Path = SEEDS) -> Path:
    """A throwaway copy of the site's sources (mkdocs.yml, seeds/, hand-written docs/,
    theme overrides), as a fresh clone has them, with no generated page."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(seeds, target / "seeds")
    hand_written_docs(target / "docs")
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", target / "overrides")
    return target


def commit(repository: Path, paths: list[str], when: str, message: str = "Add stories") -> None:
    """Commit ``paths`` in ``repository`` (made a git repository if it is not one yet),
    authored at ``when`` (ISO 8601): a history like the one a clone of the project has."""
    if not (repository / ".git").exists():
        subprocess.run(["git", "init", "-q", str(repository)], check=True, timeout=60)
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (["add", "--", *paths], ["commit", "-q", "-m", message]):
        subprocess.run(
            ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
            cwd=repository,
            env=env,
            check=True,
            timeout=60,
        )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project's site sources."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the repository's seeds, free to edit."""
    return Path(shutil.copytree(SEEDS, tmp_path / "seeds"))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A copy of the hand-written docs (no generated page), for a build to write into."""
    return hand_written_docs(tmp_path / "docs")
