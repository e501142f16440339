"""Golden pages: each seed's dancer page, byte for byte.

After an intended change, regenerate with ``pytest tests/test_golden.py --update-goldens``
and review the diff of ``tests/golden/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import frontmatter
import pytest

from builder.pipeline import build
from builder.read.clean import clean
from tests.conftest import GOLDEN, SEEDS, hand_written_docs

SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    docs = hand_written_docs(root / "docs")
    report = build(Path(shutil.copytree(SEEDS, root / "seeds")), docs)
    assert report.errors == []
    return docs


def page_of(docs: Path, seed: Path) -> Path:
    for page in sorted((docs / "dancers").glob("*.md")):
        if page.name != "index.md" and frontmatter.load(page)["source"].endswith(seed.name):
            return page
    raise AssertionError(f"no page for {seed.name}")


@pytest.mark.parametrize("seed", SEED_FILES, ids=[s.stem for s in SEED_FILES])
def test_seed_page_matches_its_golden_file(
    built_docs: Path, seed: Path, update_goldens: bool
) -> None:
    actual = page_of(built_docs, seed).read_text(encoding="utf-8")
    golden = GOLDEN / f"{seed.stem}.md"
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), "no golden file yet: run pytest --update-goldens"
    assert actual == golden.read_text(encoding="utf-8")


def test_render_then_parse_gives_the_record_back(built_docs: Path) -> None:
    for seed in SEED_FILES:
        post = frontmatter.load(page_of(built_docs, seed))
        assert post["source"].endswith(seed.name)
        assert post["title"] == post["name"]
        assert post["slug"] == page_of(built_docs, seed).stem
        assert post["words"] == len(clean(seed.read_bytes().decode("utf-8")).text.split())
