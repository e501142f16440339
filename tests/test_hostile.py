"""Hostile and broken seeds: every one gets a page or a clear error; nothing else breaks.

The corpus is ``tests/hostile/seeds`` with its expected outcomes in ``expected.yaml``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import frontmatter
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import AnthologyError
from builder.pipeline import BuildReport, build
from builder.read.story import MAX_SEED_BYTES, read_story
from builder.site.render import render_site
from tests.conftest import hand_written_docs
from tests.hostile.make_corpus import SECRET, special_files

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED: dict[str, dict] = yaml.safe_load((HOSTILE / "expected.yaml").read_text("utf-8"))
# `make test` tries 150 random inputs per property; `make check` (the fast loop) fewer.
FUZZ_EXAMPLES = int(os.environ.get("ANTHOLOGY_FUZZ_EXAMPLES", "150"))


@pytest.fixture(scope="module")
def hostile_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, BuildReport]]:
    root = tmp_path_factory.mktemp("hostile")
    seeds = Path(shutil.copytree(HOSTILE / "seeds", root / "seeds"))
    docs = hand_written_docs(root / "docs")
    with special_files(seeds, root / "outside"):
        yield docs, build(seeds, docs)


def problems_for(report: BuildReport, name: str) -> list:
    return [p for p in report.problems if Path(p.source).name == name]


def test_every_file_in_the_corpus_has_an_expected_outcome() -> None:
    """A file is listed itself, or is the seed or sidecar of a listed partner."""
    for path in (HOSTILE / "seeds").iterdir():
        partner = path.with_suffix(".yaml" if path.suffix == ".txt" else ".txt").name
        assert path.name in EXPECTED or partner in EXPECTED, path.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_gets_its_expected_outcome(hostile_build, name: str) -> None:
    docs, report = hostile_build
    expected = EXPECTED[name]
    problems = problems_for(report, name)
    if expected.get("ignored"):
        assert problems == []
        return
    if "page" in expected:
        page = docs / "dancers" / f"{expected['page']}.md"
        assert page.is_file(), f"{name}: no page {page.name}; pages: " + ", ".join(
            sorted(p.stem for p in (docs / "dancers").glob("*.md"))
        )
        post = frontmatter.loads(page.read_text(encoding="utf-8"))
        assert post["source"].endswith(name)
    for severity in ("warning", "error"):
        if severity in expected:
            matching = [p for p in problems if p.severity == severity]
            assert any(expected[severity] in p.message for p in matching), problems
            if "line" in expected:
                assert any(p.line == expected["line"] for p in matching), problems
    if "error" not in expected:
        assert not [p for p in problems if p.severity == "error"], problems


def test_a_seed_with_a_bad_sidecar_is_not_built_with_a_guess(hostile_build) -> None:
    docs, _ = hostile_build
    built_sources = {
        frontmatter.loads(p.read_text("utf-8"))["source"].rsplit("/", 1)[-1]
        for p in (docs / "dancers").glob("*.md")
        if p.name != "index.md"
    }
    for name in EXPECTED:
        if name.endswith(".yaml") and "error" in EXPECTED[name]:
            assert name.replace(".yaml", ".txt") not in built_sources


def test_nothing_from_outside_the_seeds_folder_is_read_or_published(hostile_build) -> None:
    """Links lead to a file holding a secret; pipes, sockets and folders hold it too."""
    docs, _ = hostile_build
    for path in docs.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text("utf-8", "replace"), path


def test_hand_written_docs_survive_the_hostile_corpus(hostile_build) -> None:
    docs, _ = hostile_build
    assert "# About the anthology" in (docs / "about.md").read_text("utf-8")


def test_an_oversized_seed_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    huge = b"Anna was a dancer. " * (MAX_SEED_BYTES // 19 + 1)
    with pytest.raises(AnthologyError) as caught:
        read_story(huge, "seeds/huge.txt")
    assert f"{MAX_SEED_BYTES:,}-byte limit" in caught.value.problem.message


def _assert_renders(data: bytes) -> None:
    try:
        result = read_story(data, "seeds/random.txt")
    except AnthologyError as exc:
        assert exc.problem.source == "seeds/random.txt" and exc.problem.message
        return
    pages = render_site([result.story])
    dancer = next(p for p in pages if p.path.startswith("dancers/") and "index" not in p.path)
    post = frontmatter.loads(dancer.text)
    assert post["source"] == "seeds/random.txt"
    assert post["slug"] and all(c.isalnum() or c == "-" for c in post["slug"])
    assert "<script" not in post.content.lower().replace("&lt;script", "")


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_random_bytes_give_a_page_or_the_projects_own_error(data: bytes) -> None:
    _assert_renders(data)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_random_unicode_stories_give_a_page_or_the_projects_own_error(text: str) -> None:
    _assert_renders(text.encode("utf-8"))
