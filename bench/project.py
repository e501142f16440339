"""The throwaway projects a corpus size is measured on, and what is read off them.

The anthology project (mkdocs.yml with the plugin, seeds/, the hand-written docs/), the
toolchain floor (the same stories as plain pages, no plugin), the I/O floor's script,
and the snapshots that tell which pages a rebuild rewrote.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path
from typing import Any

import corpus
import search as search_weight
from run import ROOT

from builder.site.layout import DANCERS, GENERATED, KINDS


def site_prefix() -> str:
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    path = "/" + match.group(1).split("://", 1)[-1].partition("/")[2] if match else "/"
    return path if path.endswith("/") else path + "/"


def hand_written_docs(target: Path) -> None:
    """The repository's hand-written docs, as tests/conftest.py copies them."""
    shutil.copytree(
        ROOT / "docs",
        target,
        ignore=shutil.ignore_patterns(*GENERATED, ".anthology*"),
    )


def make_project(target: Path, stories: list[corpus.Story]) -> Path:
    """mkdocs.yml, seeds/, hand-written docs/, overrides/. The plugin is found by its entry
    point and imported from the snapshot of builder/ (PYTHONPATH)."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    seeds = target / "seeds"
    seeds.mkdir()
    for story in stories:
        (seeds / story.filename).write_bytes(story.data)
    hand_written_docs(target / "docs")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    return target


def make_floor_project(target: Path, stories: list[corpus.Story]) -> Path:
    """The toolchain floor: each story a plain page (title + paragraphs), same theme,
    overrides and nav, minimal index pages, no plugin."""
    target.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^  - anthology:\n(?:    .*\n)*", "", config, flags=re.M)
    config = re.sub(r"^watch:\n(?:[ \t]+-.*\n)+", "", config, flags=re.M)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    docs = target / "docs"
    hand_written_docs(docs)
    (docs / "index.md").write_text(
        "# The Dancer Anthology\n\nStories of ballet dancers.\n", encoding="utf-8"
    )
    for kind in (DANCERS, *KINDS):  # the floor has no books
        (docs / kind).mkdir()
        (docs / kind / "index.md").write_text(
            f"# {kind.title()}\n\nThe {kind}.\n", encoding="utf-8"
        )
    for number, story in enumerate(stories):
        paragraphs = [html.escape(p.strip(), quote=False) for p in story.text.split("\n\n")]
        body = "\n\n".join(p for p in paragraphs if p)
        (docs / "dancers" / f"{number}.md").write_text(
            f"# {story.name}\n\n{body}\n", encoding="utf-8"
        )
    shutil.copytree(ROOT / "overrides", target / "overrides")
    return target


IO_FLOOR = r"""
import os, sys, time, json
seeds, docs, target, *generated = sys.argv[1:]
pages = []
for top in generated:
    path = os.path.join(docs, top)
    if os.path.isfile(path):
        pages.append((top, open(path, "rb").read()))
    elif os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            pages.append((top + "/" + name, open(os.path.join(path, name), "rb").read()))
start = time.perf_counter()
total_in = 0
for name in sorted(os.listdir(seeds)):
    with open(os.path.join(seeds, name), "rb") as handle:
        total_in += len(handle.read())
made = set()
for relative, data in pages:
    folder = os.path.dirname(os.path.join(target, relative))
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    with open(os.path.join(target, relative), "wb") as handle:
        handle.write(data)
print(json.dumps({"seconds": time.perf_counter() - start, "read": total_in,
                  "pages": len(pages), "written": sum(len(d) for _, d in pages)}))
"""


MKDOCS_TIMED = r"""
import sys, time
import builder.pipeline as pipeline
original = pipeline.build
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return original(*args, **kwargs)
    finally:
        sys.stderr.write(f"BENCH-HOOK-SECONDS {time.perf_counter() - start:.6f}\n")
pipeline.build = timed
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", *sys.argv[1:]]
cli()
"""
"""``mkdocs`` with the builder's ``build`` wrapped in a timer before the plugin imports it,
so the plugin's (no-op) build time is reported inside the same ``mkdocs build``."""


def snapshot(docs: Path) -> dict[str, tuple[int, str]]:
    """Every generated page: (mtime_ns, content digest)."""
    files: dict[str, tuple[int, str]] = {}
    for top in GENERATED:
        path = docs / top
        paths = [path] if path.is_file() else sorted(path.glob("*")) if path.is_dir() else []
        for page in paths:
            data = page.read_bytes()
            files[page.relative_to(docs).as_posix()] = (
                page.stat().st_mtime_ns,
                hashlib.blake2b(data, digest_size=16).hexdigest(),
            )
    return files


def compare(before: dict, after: dict) -> dict[str, int]:
    """What a rebuild did: pages rewritten (new mtime), whose content changed, deleted."""
    rewritten = {p for p in after if p not in before or after[p][0] != before[p][0]}
    changed = {p for p in after if p not in before or after[p][1] != before[p][1]}
    return {
        "rewritten": len(rewritten),
        "changed": len(changed),
        "needless": len(rewritten - changed),
        "missed": len(changed - rewritten),
        "deleted": len(set(before) - set(after)),
    }


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def search_facts(site: Path) -> dict[str, Any]:
    """What the search index (Pagefind's, read from site/pagefind/) holds."""
    return index_facts(search_weight.read_site_index(site))


def index_facts(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Entries of a search index: dancer pages, listing pages, stories with the phrase."""
    pages = {d.get("url", "").lstrip("/") for d in docs}
    dancer_pages = {
        p for p in pages if p.startswith("dancers/") and p != "dancers/" and "/a-z/" not in p
    }
    listing = pages - dancer_pages
    # Each story is its dancer page's text: one entry per page, none empty, none twice.
    with_text = {d.get("url", "").lstrip("/") for d in docs if d.get("content", "").strip()}
    stories = with_text & dancer_pages
    return {
        "entries": len(docs),
        "dancer_pages": len(dancer_pages),
        "listing_pages": len(listing),
        "story_hits": len(stories),
        "once": len(stories) == len(dancer_pages) == len(docs) and not listing,
    }


def old_search_project(project: Path, target: Path) -> Path:
    """The same generated pages with Material's search plugin, as the site had it: no
    anthology plugin (the pages are copied), Material's own header and search partials."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"^watch:\n(?:[ \t]+-.*\n)+", "", config, flags=re.M)
    config = re.sub(r"^extra_javascript:\n(?:[ \t]+-.*\n)+", "", config, flags=re.M)
    config = re.sub(r"^plugins:.*\n(?:[ \t]+.*\n)*", "plugins:\n  - search\n", config, flags=re.M)
    (target / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copytree(project / "docs", target / "docs")
    shutil.copytree(
        project / "overrides",
        target / "overrides",
        ignore=shutil.ignore_patterns("header.html", "search.html"),
    )
    return target
