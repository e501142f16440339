"""`anthology build`, `metadata` and `check` on real seed folders (no mocks)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.pipeline import BuildMemory, build, read_corpus
from builder.site.render import HOME_LISTS_UP_TO
from builder.store import CACHE, read_cache
from tests.conftest import FACT_FIELDS, ROOT, SEEDS, hand_written_docs

SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def anthology(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".anthology")
    }


def test_build_writes_a_page_per_dancer_and_every_index(seeds: Path, docs: Path) -> None:
    report = build(seeds, docs)
    assert report.errors == []
    dancers = sorted(p.stem for p in (docs / "dancers").glob("*.md"))
    assert len(dancers) == len(SEED_STEMS) + 1  # + dancers/index.md
    for kind in ("companies", "ballets", "origins"):
        assert (docs / kind / "index.md").is_file()
    assert "bolshoi-ballet" in {p.stem for p in (docs / "companies").glob("*.md")}
    assert (docs / "index.md").is_file()


def test_two_builds_give_byte_identical_pages(tmp_path: Path, seeds: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(seeds, hand_written_docs(first))
    # The same seeds, created in the reverse order, in a project somewhere else.
    reversed_seeds = tmp_path / "elsewhere" / "seeds"
    reversed_seeds.mkdir(parents=True)
    for seed in sorted(seeds.iterdir(), reverse=True):
        shutil.copy(seed, reversed_seeds / seed.name)
    build(reversed_seeds, hand_written_docs(second))
    assert tree(first) == tree(second)


def test_rebuilding_unchanged_seeds_writes_nothing(seeds: Path, docs: Path) -> None:
    build(seeds, docs)
    again = build(seeds, docs)
    assert again.written == [] and again.deleted == []


def test_deleting_a_seed_removes_its_page_and_updates_the_indexes(seeds: Path, docs: Path) -> None:
    build(seeds, docs)
    home_before = (docs / "index.md").read_text(encoding="utf-8")
    gone = seeds / "001_f72344546bfd870f.txt"
    gone.unlink()
    report = build(seeds, docs)
    assert report.deleted == ["dancers/quirin-baktybekova.md"]
    assert not (docs / "dancers/quirin-baktybekova.md").exists()
    for page in ("index.md", "dancers/index.md", "companies/bolshoi-ballet.md"):
        text = (docs / page).read_text(encoding="utf-8")
        assert "quirin-baktybekova" not in text, page
    assert home_before != (docs / "index.md").read_text(encoding="utf-8")


def test_hand_written_pages_survive_every_build(seeds: Path, docs: Path) -> None:
    about = (docs / "about.md").read_bytes()
    mine = docs / "dancers" / "quirin-baktybekova.md"
    mine.parent.mkdir()
    mine.write_text("# My notes about Quirin\n", encoding="utf-8")
    report = build(seeds, docs)
    assert (docs / "about.md").read_bytes() == about
    assert mine.read_text(encoding="utf-8") == "# My notes about Quirin\n"
    assert any("by hand" in p.message for p in report.errors)
    assert (docs / "dancers" / "gabriel-baktybekova.md").exists(), "the others still build"


def test_a_bad_seed_is_reported_and_the_others_still_build(seeds: Path, docs: Path) -> None:
    (seeds / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    (seeds / "empty.txt").write_text("  \n\n", encoding="utf-8")
    result = anthology("build", "--seeds", str(seeds), "--docs", str(docs))
    assert result.returncode == 1
    assert "broken.txt:1: error:" in result.stderr and "binary" in result.stderr
    assert "empty.txt:1: error:" in result.stderr and "is empty" in result.stderr
    assert len(list((docs / "dancers").glob("*.md"))) == len(SEED_STEMS) + 1


def test_metadata_prints_a_json_record_per_seed() -> None:
    result = anthology("metadata", "--seeds", str(SEEDS))
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [Path(r["source"]).stem for r in records] == SEED_STEMS
    for record in records:
        assert set(record) >= {
            *FACT_FIELDS,
            "slug",
            "words",
            "reading_minutes",
            "source",
            "evidence",
        }
        assert record["words"] > 100 and record["reading_minutes"] >= 1
        if record["company"]:
            assert record["evidence"]["company"], "every extracted field names its sentence"


def test_check_lists_problems_with_file_and_line(seeds: Path) -> None:
    assert anthology("check", "--seeds", str(seeds)).returncode == 0
    (seeds / "000_17aff64c2f6222be.yaml").write_text(
        "name: Gabriel B.\ncompnay: Bolshoi Ballet\n", encoding="utf-8"
    )
    result = anthology("check", "--seeds", str(seeds))
    assert result.returncode == 1
    assert "000_17aff64c2f6222be.yaml:2: error: unknown key `compnay`" in result.stderr
    assert "did you mean `company`?" in result.stderr


def test_a_sidecar_overrides_a_field_and_the_page_says_so(seeds: Path, docs: Path) -> None:
    (seeds / "002_6fbef85b5b5fcdae.yaml").write_text(
        "origin: {city: Almaty, country: Kazakhstan}\n", encoding="utf-8"
    )
    build(seeds, docs)
    page = (docs / "dancers" / "romy-baktybekova.md").read_text(encoding="utf-8")
    assert "city: Almaty" in page
    assert "Set by an editor (sidecar file): origin" in page


@pytest.mark.parametrize("command", [[], ["build"], ["metadata"], ["check"]])
def test_every_command_explains_itself(command: list[str]) -> None:
    result = anthology(*command, "--help")
    assert result.returncode == 0
    assert "--seeds" in result.stdout or "COMMAND" in result.stdout
    assert len(result.stdout.splitlines()) > 5


def test_editing_one_story_rewrites_only_the_pages_that_changed(seeds: Path, docs: Path) -> None:
    build(seeds, docs)
    seed = seeds / "002_6fbef85b5b5fcdae.txt"
    seed.write_bytes(seed.read_bytes() + b"\nShe still writes to her first teacher.\n")
    report = build(seeds, docs)
    # Her page, and the two books her story is a chapter of (the anthology, her company's).
    assert report.written == [
        "books/anthology.epub",
        "books/company-new-york-city-ballet.epub",
        "dancers/romy-baktybekova.md",
    ]
    page = (docs / "dancers/romy-baktybekova.md").read_text(encoding="utf-8")
    assert "She still writes to her first teacher." in page


def test_a_generated_page_removed_by_hand_comes_back(seeds: Path, docs: Path) -> None:
    build(seeds, docs)
    (docs / "companies" / "bolshoi-ballet.md").unlink()
    report = build(seeds, docs)
    assert report.written == ["companies/bolshoi-ballet.md"]


def test_cached_records_equal_freshly_read_ones(seeds: Path, docs: Path, tmp_path: Path) -> None:
    build(seeds, docs)
    (seeds / "000_17aff64c2f6222be.txt").touch()
    cached = read_corpus(seeds, cached=read_cache(docs)).stories
    fresh = read_corpus(seeds).stories
    assert cached == fresh


def test_a_rebuild_with_nothing_changed_still_reports_every_problem(
    seeds: Path, docs: Path
) -> None:
    (seeds / "empty.txt").write_text("", encoding="utf-8")
    first = build(seeds, docs)
    again = build(seeds, docs)
    assert again.written == [] and again.stories == first.stories == len(SEED_STEMS)
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert any("empty.txt" in str(p) for p in again.errors)


def test_adding_a_dancer_rewrites_her_neighbours_not_her_whole_company(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    surnames = ["Alves", "Brandt", "Castro", "Dahl", "Eklund", "Ferri", "Holm", "Ito"]
    for i in range(40):
        name = f"{['Ana', 'Berit', 'Chiara', 'Dagny', 'Elif'][i % 5]} {surnames[i // 5]}"
        (seeds / f"{i:03d}.txt").write_text(
            f"{name} was born in Bergen. She joined the Norwegian National Ballet as a "
            "principal dancer.\n",
            encoding="utf-8",
        )
    docs = hand_written_docs(tmp_path / "docs")
    build(seeds, docs)
    (seeds / "100.txt").write_text(
        "Greta Moen was born in Bergen. She joined the Norwegian National Ballet as a "
        "principal dancer.\n",
        encoding="utf-8",
    )
    report = build(seeds, docs)
    assert "dancers/greta-moen.md" in report.written
    # Her page, the listings that name her, and the dancers next to her A to Z.
    assert len(report.written) <= 8 + 7, report.written


@pytest.mark.parametrize("remembered", [False, True], ids=["one-off builds", "as mkdocs serve"])
def test_every_rebuild_gives_the_pages_a_build_from_scratch_gives(
    tmp_path: Path, remembered: bool
) -> None:
    """Pages are re-rendered only when what they are made from changed: after each kind
    of edit, the kept pages plus the re-rendered ones equal a build from nothing; also
    when the builds remember the last one's stories and views, as a serve's do."""
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    for story in (ROOT / "tests" / "devset").glob("*.txt"):
        shutil.copy(story, seeds / story.name)
    docs = hand_written_docs(tmp_path / "docs")
    memory = BuildMemory() if remembered else None
    build(seeds, docs)
    build(seeds, docs, memory=memory)  # a serve's first build: nothing to do
    first = sorted(seeds.glob("*.txt"))[0]
    edits = {
        "a story gains a sentence": lambda: first.write_text(
            first.read_text(encoding="utf-8") + "\nShe later joined the Paris Opera Ballet.\n",
            encoding="utf-8",
        ),
        "a dancer is added to a company": lambda: (seeds / "zz_new.txt").write_text(
            "Anneli Aho was born in Tampere, Finland. She joined the Bolshoi Ballet, and her "
            "signature role was Giselle in Giselle.\n",
            encoding="utf-8",
        ),
        "a sidecar renames her company": lambda: (seeds / "zz_new.yaml").write_text(
            "company: Finnish National Ballet\n", encoding="utf-8"
        ),
        "a second dancer takes the same name": lambda: (seeds / "zz_same.txt").write_text(
            "Anneli Aho was born in Oulu. She danced Odette in Swan Lake.\n", encoding="utf-8"
        ),
        "the editor puts two stories first": lambda: (seeds / "order.yaml").write_text(
            "- zz_same\n- " + first.stem + "\n", encoding="utf-8"
        ),
        "a story is deleted": lambda: (seeds / "zz_new.txt").unlink(),
        "the editor's order is removed": lambda: (seeds / "order.yaml").unlink(),
    }
    for number, (what, edit) in enumerate(edits.items()):
        edit()
        build(seeds, docs, memory=memory)
        scratch = hand_written_docs(tmp_path / f"scratch{number}")
        build(seeds, scratch)
        assert tree(docs) == tree(scratch), what
        assert (docs / CACHE).read_bytes() == (scratch / CACHE).read_bytes(), what


def test_a_large_anthology_home_points_to_the_indexes_instead_of_a_table(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first = ["Ana", "Berit", "Chiara", "Dagny", "Elif", "Freja", "Greta", "Hanne", "Ines", "Jana"]
    last = ["Alves", "Brandt", "Castro", "Dahl", "Eklund", "Ferri", "Holm", "Ito", "Juul", "Kerr"]
    for i in range(HOME_LISTS_UP_TO + 1):
        name = f"{first[i % 10]} {last[(i // 10) % 10]}{'' if i < 100 else ' Moen'}"
        (seeds / f"{i:03d}.txt").write_text(
            f"{name} was born in Bergen. She joined the Norwegian National Ballet.\n",
            encoding="utf-8",
        )
    docs = hand_written_docs(tmp_path / "docs")
    build(seeds, docs)
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert f"The anthology holds {HOME_LISTS_UP_TO + 1} stories" in home
    assert "](dancers/index.md)" in home and "| Dancer |" not in home
    # No row for her (the first story A to Z): only the "Start reading" link names her.
    assert home.count("](dancers/ana-alves.md)") == 1
    assert "[Start reading: Ana Alves](dancers/ana-alves.md)" in home
    dancers = (docs / "dancers" / "index.md").read_text(encoding="utf-8")
    assert dancers.count("](../dancers/ana-alves.md)") == 1


def test_a_seed_rewritten_within_one_timestamp_tick_is_still_read_again(
    seeds: Path, docs: Path
) -> None:
    """Unchanged seeds are known by size and time, not read; a save so quick after the
    last build that the file's time did not move must not be missed."""
    seed = seeds / "002_6fbef85b5b5fcdae.txt"
    seed.write_bytes(seed.read_bytes() + b"\nShe kept a diary in blue ink.\n")
    build(seeds, docs)
    stat = seed.stat()
    seed.write_bytes(seed.read_bytes().replace(b"blue ink", b"red ink!"))
    os.utime(seed, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a coarse clock: same time
    assert seed.stat().st_size == stat.st_size
    build(seeds, docs)
    page = (docs / "dancers/romy-baktybekova.md").read_text(encoding="utf-8")
    assert "red ink!" in page and "blue ink" not in page
