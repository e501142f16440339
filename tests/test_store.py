"""The disk edge: only changed files written, hand-written pages never touched, atomic."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from builder.store import (
    MANIFEST,
    DuplicatePathError,
    PageOut,
    WritePlan,
    WriteReport,
    atomic_write,
    build_lock,
    mark,
    write_pages,
)

OWNED = ("dancers",)
HOME = ("index.md",)


def page(body: str) -> str:
    return mark(f"---\ntitle: {body}\n---\n\n{body}\n")


def write(docs: Path, pages: dict[str, str]) -> WriteReport:
    """Write ``pages`` (text by path) as the builder does, into its own places."""
    plan = WritePlan([PageOut(path, text) for path, text in pages.items()], OWNED, HOME)
    return write_pages(docs, plan)


def test_unchanged_pages_are_not_rewritten(tmp_path: Path) -> None:
    pages = {"dancers/ana.md": page("Ana"), "index.md": page("Home")}
    first = write(tmp_path, pages)
    assert sorted(first.written) == ["dancers/ana.md", "index.md"]
    mtime = (tmp_path / "dancers/ana.md").stat().st_mtime_ns
    second = write(tmp_path, pages)
    assert second.written == [] and sorted(second.unchanged) == sorted(pages)
    assert (tmp_path / "dancers/ana.md").stat().st_mtime_ns == mtime


def test_a_hand_written_page_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "dancers").mkdir()
    mine = tmp_path / "dancers/ana.md"
    mine.write_text("# My own notes on Ana\n", encoding="utf-8")
    report = write(tmp_path, {"dancers/ana.md": page("Ana")})
    assert mine.read_text(encoding="utf-8") == "# My own notes on Ana\n"
    (problem,) = report.problems
    assert problem.source.endswith("dancers/ana.md") and "by hand" in problem.message


def test_stale_generated_pages_are_deleted_but_hand_written_ones_stay(tmp_path: Path) -> None:
    write(tmp_path, {"dancers/ana.md": page("Ana"), "dancers/bo.md": page("Bo")})
    (tmp_path / "dancers/notes.md").write_text("mine\n", encoding="utf-8")
    report = write(tmp_path, {"dancers/ana.md": page("Ana")})
    assert report.deleted == ["dancers/bo.md"]
    assert not (tmp_path / "dancers/bo.md").exists()
    assert (tmp_path / "dancers/notes.md").read_text(encoding="utf-8") == "mine\n"
    assert '"dancers/bo.md"' not in (tmp_path / MANIFEST).read_text(encoding="utf-8")


def test_a_tampered_manifest_cannot_delete_other_files(tmp_path: Path) -> None:
    victim = tmp_path / "about.md"
    victim.write_text(page("About"), encoding="utf-8")
    (tmp_path / MANIFEST).write_text('{"pages": ["about.md", "../x.md"]}', encoding="utf-8")
    write(tmp_path, {})
    assert victim.exists()


@pytest.mark.parametrize("path", ["../evil.md", "about.md", "dancers/../../x.md", "/tmp/x.md"])
def test_the_builder_writes_only_in_its_own_folders(tmp_path: Path, path: str) -> None:
    with pytest.raises(ValueError, match="refusing to write"):
        write(tmp_path, {path: page("x")})


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "a" / "page.md"
    atomic_write(target, b"one\n")
    atomic_write(target, b"two\n")
    assert target.read_bytes() == b"two\n"
    assert [p.name for p in target.parent.iterdir()] == ["page.md"]


def test_a_second_build_waits_for_the_lock_and_says_so(tmp_path: Path) -> None:
    messages: list[str] = []
    order: list[str] = []

    def second() -> None:
        with build_lock(tmp_path, on_wait=messages.append):
            order.append("second")

    with build_lock(tmp_path):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        order.append("first done")
    thread.join(5)
    assert order == ["first done", "second"]
    assert messages and "another build" in messages[0]


def test_written_pages_are_readable_by_others_as_the_umask_allows(tmp_path: Path) -> None:
    """A web server or a CI step running as another user can read the pages."""
    old = os.umask(0o022)
    try:
        write(tmp_path, {"dancers/ana.md": page("Ana")})
    finally:
        os.umask(old)
    assert (tmp_path / "dancers/ana.md").stat().st_mode & 0o777 == 0o644


def test_two_pages_at_one_path_are_refused_naming_both(tmp_path: Path) -> None:
    pages = [
        PageOut("dancers/ana.md", page("Ana"), "the template dancer.md.j2"),
        PageOut("dancers/ana.md", page("Ana again"), "the template term.md.j2"),
    ]
    with pytest.raises(DuplicatePathError) as raised:
        write_pages(tmp_path, WritePlan(pages, OWNED, HOME))
    message = str(raised.value)
    assert "'dancers/ana.md'" in message
    assert "dancer.md.j2" in message and "term.md.j2" in message
    assert not (tmp_path / "dancers/ana.md").exists()
