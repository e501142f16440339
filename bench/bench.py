"""The Dancer Anthology benchmark: ``make bench`` (or ``python bench/bench.py``).

For each corpus size N it generates N stories (bench/corpus.py), then measures, each step
as its own subprocess (wall time and that process's peak RSS, from ``os.wait4``):

* the I/O floor: read every seed, write every generated page's bytes, nothing else;
* ``anthology build``: cold (no generated page, no cache), no-op, after one seed edited,
  after one added, after one deleted (and which pages each rebuild rewrote);
* ``mkdocs build`` of the result, with the plugin (whose no-op build is timed separately);
* the toolchain floor: a bare ``mkdocs build`` of the same stories as plain text-only
  pages, same theme, overrides and fixed nav, no plugin;
* the site's size (total, per story, search index) and what the search index holds;
* at N = 1,000 (``--live-at``): the live edit in ``mkdocs serve``, seen by Chromium.

It writes the tables, the ratios against the floors of the same run, each target met or
missed, the machine, and a cProfile of the cold build (``--profile-at``) to ``--out``.
Nothing here asserts a speed in a unit test: tests/test_bench.py only runs ``--sizes 100``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html
import importlib.metadata
import json
import os
import pickle
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402  (bench/corpus.py, next to this script)
import extraction  # noqa: E402  (bench/extraction.py: extraction per story, 2 workers)
import search as search_weight  # noqa: E402  (bench/search.py: what a reader downloads)
import shapes  # noqa: E402  (bench/shapes.py: seeds shaped to be slow)

BIN = Path(sys.executable).parent
PYTHON = sys.executable
GENERATED = ("index.md", "dancers", "companies", "ballets", "origins", "books")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHRASE = "counted the music under her breath"
"""In the first paragraph of every generated story, once: counts stories in the index."""


# --- running one measured step -------------------------------------------------------


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


def run_step(name: str, cmd: list[str], cwd: Path, log: Path | None = None) -> Step:
    """Run ``cmd`` as a child: its wall time and peak RSS, the larger of its own (wait4)
    and its process tree's (itself + workers, sampled every 50 ms)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=err)
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


CODE: dict[str, Any] = {"dir": ROOT, "fingerprint": ""}
"""The builder every step runs: a snapshot of builder/ taken when the run starts."""


def snapshot_builder(work: Path) -> None:
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
    CODE["dir"], CODE["fingerprint"] = target, digest.hexdigest()[:12]
    CODE["commit"] = git_state()
    ENV["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(target), os.environ.get("PYTHONPATH", "")) if p
    )


def git_state() -> tuple[str, bool]:
    """The commit, and whether builder/ has uncommitted changes."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    status = subprocess.run(
        ["git", "status", "--porcelain", "builder"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return commit, bool(status)


def crashed(step: Step) -> bool:
    """Exit 1 from ``anthology`` means "some seeds had errors"; a traceback is a crash."""
    return step.returncode not in (0, 1) or "Traceback (most recent call last)" in step.stderr


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- projects ------------------------------------------------------------------------


def site_prefix() -> str:
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    path = "/" + match.group(1).split("://", 1)[-1].partition("/")[2] if match else "/"
    return path if path.endswith("/") else path + "/"


def hand_written_docs(target: Path) -> None:
    """The repository's hand-written docs, as tests/conftest.py copies them."""
    shutil.copytree(
        ROOT / "docs",
        target,
        ignore=shutil.ignore_patterns(
            *GENERATED,
            ".anthology*",
        ),
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
    for kind in ("dancers", "companies", "ballets", "origins"):
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
seeds, docs, target = sys.argv[1:4]
generated = ("index.md", "dancers", "companies", "ballets", "origins", "books")
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


def search_facts(site: Path, n: int) -> dict[str, Any]:
    """What the search index (Pagefind's, read from site/pagefind/) holds."""
    docs = search_weight.read_site_index(site)
    return _index_facts(docs)


def _index_facts(docs: list[dict[str, Any]]) -> dict[str, Any]:
    pages = {d.get("url", "").lstrip("/") for d in docs}
    dancer_pages = {
        p for p in pages if p.startswith("dancers/") and p != "dancers/" and "/a-z/" not in p
    }
    listing = pages - dancer_pages
    with_phrase = sum(1 for d in docs if PHRASE in d.get("content", ""))
    return {
        "entries": len(docs),
        "dancer_pages": len(dancer_pages),
        "listing_pages": len(listing),
        "story_hits": with_phrase,
        "once": with_phrase == len(dancer_pages) == len(docs) and not listing,
    }


# --- one corpus size -----------------------------------------------------------------


def measure(n: int, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {"n": n, "steps": {}}
    steps: dict[str, Step] = result["steps"]
    base = work / str(n)
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    logs = base / "logs"
    logs.mkdir()

    progress(f"N={n}: generating {n} stories")
    stories = corpus.generate(n)
    result["seed_bytes"] = sum(len(s.data) for s in stories)
    result["flavours"] = dict(Counter(s.flavour for s in stories))
    project = make_project(base / "anthology", stories)
    seeds, docs = project / "seeds", project / "docs"
    anthology = [str(BIN / "anthology"), "build", "--seeds", "seeds", "--docs", "docs", "-q"]

    def step(name: str, cmd: list[str], cwd: Path = project) -> Step:
        progress(f"N={n}: {name} ...")
        done = run_step(name, cmd, cwd, logs / (re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".log"))
        progress(
            f"N={n}: {name}: {done.seconds:.2f} s, peak {done.rss_mb:.0f} MB"
            + (f", EXIT {done.returncode}" if done.returncode else "")
        )
        steps[name] = done
        return done

    step("builder cold", anthology)
    before = snapshot(docs)
    result["pages"] = len(before)
    step("builder no-op", anthology)
    after = snapshot(docs)
    steps["builder no-op"].extra.update(compare(before, after))

    edited = stories[n // 2]
    (seeds / edited.filename).write_bytes(corpus.make_story(n // 2, variant=1).data)
    step("builder after 1 edit", anthology)
    before, after = after, snapshot(docs)
    steps["builder after 1 edit"].extra.update(compare(before, after))

    added = corpus.make_story(n)
    (seeds / added.filename).write_bytes(added.data)
    step("builder after 1 added", anthology)
    before, after = after, snapshot(docs)
    steps["builder after 1 added"].extra.update(compare(before, after))

    (seeds / stories[n // 3].filename).unlink()
    step("builder after 1 deleted", anthology)
    before, after = after, snapshot(docs)
    steps["builder after 1 deleted"].extra.update(compare(before, after))

    # Back to the N stories of the corpus (edit and addition kept, one deleted: N), so
    # the site, its floor and the live edit all see the same N stories.
    final = [s for s in stories if s is not stories[n // 3]]
    final[final.index(edited)] = corpus.make_story(n // 2, variant=1)
    final.append(added)

    io = step("I/O floor", [PYTHON, "-c", IO_FLOOR, str(seeds), str(docs), str(base / "io-floor")])
    io.extra.update(json.loads(io.stdout.strip().splitlines()[-1]))
    io.seconds, io.extra["process_seconds"] = io.extra["seconds"], io.seconds

    build = step("mkdocs build (anthology)", [PYTHON, "-c", MKDOCS_TIMED, "build"])
    hook = re.findall(r"BENCH-HOOK-SECONDS ([\d.]+)", build.stderr)
    build.extra["hook_seconds"] = float(hook[-1]) if hook else None
    build.extra["warnings"] = build.stderr.count("WARNING")
    site = project / "site"
    result["site_bytes"] = dir_size(site)
    result["search_bytes"] = dir_size(site / search_weight.BUNDLE)
    result["search"] = search_facts(site, len(final))

    floor = make_floor_project(base / "floor", final)
    floor_build = step("mkdocs build (toolchain floor)", [str(BIN / "mkdocs"), "build"], cwd=floor)
    floor_build.extra["warnings"] = floor_build.stderr.count("WARNING")
    result["floor_site_bytes"] = dir_size(floor / "site")
    shutil.rmtree(base / "io-floor", ignore_errors=True)

    if n == args.profile_at:
        result["profile"] = profile(n, base, project)
        result["markdown"] = markdown_cost(project, floor)
    if n == args.live_at:
        result["live"] = live_edit(project, n, logs)
    if n in getattr(args, "search_sizes", ()):
        result["search_weight"] = search_weight.measure(
            project, base, n, site_prefix(), CHROMIUM, CHROMIUM_ARGS, mkdocs_build, progress
        )
    if not args.keep:
        shutil.rmtree(base / "floor", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    return result


def markdown_cost(project: Path, floor: Path) -> dict[str, dict[str, float]]:
    """Python-Markdown's time per page, with the site's own extensions, for each kind of
    page of the anthology and for the floor's plain pages: where MkDocs' extra time on
    this site's pages goes (front matter parsing, then Markdown to HTML)."""
    import markdown
    from mkdocs.config import load_config
    from mkdocs.utils import meta

    config = load_config(str(project / "mkdocs.yml"))
    converter = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
    groups = {
        "dancer page": [
            p for p in (project / "docs" / "dancers").glob("*.md") if p.name != "index.md"
        ],
        "company, ballet or origin page": [
            p
            for kind in ("companies", "ballets", "origins")
            for p in (project / "docs" / kind).glob("*.md")
            if p.name != "index.md"
        ],
        "floor page (plain text)": [
            p for p in (floor / "docs" / "dancers").glob("*.md") if p.name != "index.md"
        ],
    }
    out: dict[str, dict[str, float]] = {}
    for name, paths in groups.items():
        texts = [p.read_text(encoding="utf-8") for p in sorted(paths)]
        start = time.perf_counter()
        bodies = [meta.get_data(text)[0] for text in texts]
        parsed = time.perf_counter()
        for body in bodies:
            converter.reset()
            converter.convert(body)
        done = time.perf_counter()
        count = max(1, len(texts))
        out[name] = {
            "pages": len(texts),
            "front_matter_ms": (parsed - start) * 1000 / count,
            "markdown_ms": (done - parsed) * 1000 / count,
            "kb": sum(len(t.encode()) for t in texts) / 1024 / count,
        }
    progress(
        "markdown cost: " + ", ".join(f"{k} {v['markdown_ms']:.2f} ms" for k, v in out.items())
    )
    return out


PROFILE = r"""
import cProfile, sys
import builder.pipeline as pipeline
pipeline.IN_PROCESS = True  # read in this process, so that cProfile sees every seed
from builder.cli import main
cProfile.run("main(sys.argv[2:] + ['-q'])", sys.argv[1])
"""
"""A cold ``anthology build`` under cProfile, with the builder's worker pool switched off
(its workers would be invisible to the profiler)."""


def profile(n: int, base: Path, project: Path) -> dict[str, Any]:
    """cProfile of a cold ``anthology build`` (fresh docs folder, no cache)."""
    target = base / "profile-docs"
    hand_written_docs(target)
    stats = base / "cold.prof"
    progress(f"N={n}: profiling a cold build ...")
    done = run_step(
        "profile",
        [PYTHON, "-c", PROFILE, str(stats), "build", "--seeds", "seeds", "--docs", str(target)],
        project,
    )
    shutil.rmtree(target, ignore_errors=True)
    import io
    import pstats

    tables = {}
    for key in ("tottime", "cumulative"):
        buffer = io.StringIO()
        report = pstats.Stats(str(stats), stream=buffer)
        report.sort_stats(key).print_stats(25)
        text = buffer.getvalue()
        text = text[text.find("   ncalls") :] if "   ncalls" in text else text
        for prefix in (CODE["dir"], ROOT, Path(sys.prefix)):
            text = text.replace(f"{prefix}/", "")
        text = re.sub(r"\S*/site-packages/", "", text)
        text = re.sub(r"\S*/lib/python3\.\d+/", "", text)
        tables[key] = text.rstrip()
    progress(f"N={n}: profiled cold build: {done.seconds:.1f} s under cProfile")
    return {"seconds": done.seconds, "tables": tables, "stages": _stages(stats)}


STAGES = {
    "read, clean and extract every seed": ("builder/pipeline.py", "read_corpus"),
    "plan the pages (taxonomy, keys)": ("builder/site/render.py", "plan_site"),
    "render the pages (Jinja2, front matter)": ("builder/site/render.py", "_page"),
    "write the pages (less their rendering)": ("builder/store/__init__.py", "write_pages"),
    "write the cache": ("builder/store/__init__.py", "write_cache"),
    "the whole build": ("builder/pipeline.py", "build"),
}


def _stages(stats: Path) -> dict[str, float]:
    """Cumulative seconds of each stage of the build, from a cProfile file."""
    import pstats

    found = {name: 0.0 for name in STAGES}
    for (filename, _line, function), row in pstats.Stats(str(stats)).stats.items():  # type: ignore[attr-defined]
        for name, (suffix, wanted) in STAGES.items():
            if function == wanted and filename.endswith(suffix):
                found[name] += row[3]
    found["write the pages (less their rendering)"] -= found[
        "render the pages (Jinja2, front matter)"
    ]
    return found


# --- live edit in mkdocs serve -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def vm_hwm_mb(pid: int) -> float | None:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def wait_http(url: str, proc: subprocess.Popen, timeout: float) -> float:
    import urllib.request

    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {proc.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as answer:
            if answer.status == 200:
                return time.perf_counter() - start
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer in {timeout:.0f} s")


MAKE_SERVE = "mkdocs serve --dirty (as make serve)"
FULL_SERVE = "mkdocs serve (full rebuilds)"


def live_edit(project: Path, n: int, logs: Path) -> dict[str, Any]:
    """Edit a seed while ``mkdocs serve`` runs and Chromium shows its page; time until
    the new text is on screen; then check that search still finds dancers."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed (make test installs it)"}
    if not Path(CHROMIUM).exists():
        return {"error": f"no chromium at {CHROMIUM}"}
    seeds, docs = project / "seeds", project / "docs"
    target = sorted(seeds.glob("*.txt"))[n // 4]
    index = int(target.name.split("_")[0])
    other_name = corpus.make_story(int(sorted(seeds.glob("*.txt"))[n // 5].name[:5])).name
    slug = None
    for page in (docs / "dancers").glob("*.md"):
        head = page.read_text("utf-8")[:4000]
        if f"source: seeds/{target.name}" in head:
            slug = page.stem
    if slug is None:
        return {"error": f"no dancer page for {target.name}"}
    results: dict[str, Any] = {"n": n, "seed": target.name, "modes": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for variant, (mode, extra) in enumerate(
                ((MAKE_SERVE, ["--dirty"]), (FULL_SERVE, [])),
                start=2,
            ):
                results["modes"][mode] = _serve_once(
                    browser,
                    project,
                    target,
                    index,
                    variant,
                    slug,
                    other_name,
                    extra,
                    logs / f"serve-{variant}.log",
                )
        finally:
            browser.close()
    return results


def _serve_once(
    browser: Any,
    project: Path,
    seed: Path,
    index: int,
    variant: int,
    slug: str,
    other_name: str,
    extra: list[str],
    log: Path,
) -> dict[str, Any]:
    from playwright.sync_api import expect

    port = free_port()
    base = f"http://127.0.0.1:{port}{site_prefix()}"
    progress(f"live edit: starting mkdocs serve {' '.join(extra)} on {base}")
    out: dict[str, Any] = {}
    with log.open("wb") as handle:
        proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", *extra],
            cwd=project,
            env=ENV,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        try:
            out["startup_seconds"] = wait_http(base, proc, 900)
            context = browser.new_context()
            origin = f"http://127.0.0.1:{port}"
            foreign: list[str] = []

            def route(route: Any) -> None:
                url = route.request.url
                if url.startswith((origin + "/", "data:", "blob:")):
                    route.continue_()
                else:
                    foreign.append(url)
                    route.abort("blockedbyclient")

            context.route("**/*", route)
            page = context.new_page()
            page.goto(f"{base}dancers/{slug}/")
            expect(page.locator("article h1")).to_be_visible()
            time.sleep(1.0)  # let the livereload long-poll settle
            token = f"glissandrova{variant}"
            new = corpus.make_story(index, variant=variant)
            assert token in new.text
            progress(f"live edit: saving {seed.name}, waiting for '{token}' in the browser")
            saved = time.perf_counter()
            seed.write_bytes(new.data)
            seen = None
            while time.perf_counter() - saved < 300:
                with contextlib.suppress(Exception):
                    if page.evaluate(f"document.body.innerText.includes({token!r})"):
                        seen = time.perf_counter() - saved
                        break
                time.sleep(0.05)
            out["edit_to_browser_seconds"] = seen
            progress(f"live edit: seen after {seen:.2f} s" if seen else "live edit: NOT seen")
            out["edit_to_search_seconds"] = _until_findable(context, base, token, saved)
            out["served_index"] = _served_index(base)
            out["search_new_text"] = _search_finds(page, token, None)
            page.goto(f"{base}about/")
            out["search_other_dancer"] = _search_finds(page, other_name, other_name)
            out["foreign_requests"] = len(foreign)
            context.close()
        except Exception as exc:  # a failed live measurement is reported, not fatal
            out["error"] = f"{type(exc).__name__}: {exc}"
        finally:
            out["peak_rss_mb"] = vm_hwm_mb(proc.pid)
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    text = log.read_text("utf-8", "replace")
    out["rebuilds"] = text.count("Detected file changes")
    durations = re.findall(r"Documentation built in ([\d.]+) seconds", text)
    out["build_seconds"] = [float(d) for d in durations]
    return out


def _until_findable(context: Any, base: str, token: str, saved: float) -> float | None:
    """Seconds from the save until the site's search finds the new text: the served
    site is re-indexed in the background after each rebuild. A new tab per try, as a
    reader who searches after the reload (the open page keeps the index it loaded)."""
    while time.perf_counter() - saved < 300:
        probe = context.new_page()
        try:
            probe.goto(f"{base}about/")
            if _search_finds(probe, token, None, timeout=2_000):
                return time.perf_counter() - saved
        except Exception:  # the index being swapped, say: try again
            pass
        finally:
            probe.close()
    return None


def _served_index(base: str) -> dict[str, int]:
    """What the served search index holds after the rebuild: dancer pages, stories."""
    import urllib.request

    def fetch(path: str) -> bytes:
        with urllib.request.urlopen(base + "pagefind/" + path, timeout=60) as answer:
            return answer.read()

    try:
        facts = _index_facts(search_weight.read_bundle(fetch))
    except (OSError, ValueError, KeyError):
        return {}
    return {"dancer_pages": facts["dancer_pages"], "stories": facts["story_hits"]}


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "mkdocs"), "build"],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def _search_finds(page: Any, query: str, title: str | None, timeout: int = 20_000) -> bool:
    """Type ``query`` into the site's search; True if a result (titled ``title``) shows."""
    from playwright.sync_api import expect

    try:
        box = page.locator(".md-search__input")
        box.click()
        expect(page.locator(".md-search-result__meta")).not_to_contain_text(
            "Initializing", timeout=60_000
        )
        box.press_sequentially(query)
        results = page.locator(".md-search-result__item")
        if title:
            results = results.filter(has=page.locator("h1", has_text=title))
        expect(results.first).to_be_visible(timeout=timeout)
        return True
    except Exception:
        return False


# --- report --------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().splitlines()[0].split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    versions = []
    for package in (
        "mkdocs",
        "mkdocs-material",
        "markdown",
        "pymdown-extensions",
        "jinja2",
        "ftfy",
        "python-frontmatter",
        "pyyaml",
        "playwright",
    ):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions.append(f"{package} {importlib.metadata.version(package)}")
    commit, dirty = CODE.get("commit") or git_state()
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu}){memory}, {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}; " + ", ".join(versions),
        f"- Code: commit {commit or '?'}"
        + (" with uncommitted changes in builder/" if dirty else "")
        + f"; every step ran a copy of builder/ taken at the start (content hash "
        f"{CODE['fingerprint'] or 'n/a'})",
    ]


def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def check(ok: bool | None) -> str:
    return "n/a" if ok is None else "**met**" if ok else "**missed**"


def write_report(results: list[dict[str, Any]], args: argparse.Namespace, started: float) -> str:
    by_n = {r["n"]: r for r in results}
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python bench/bench.py --sizes {args.sizes}` on "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} in "
        f"{(time.perf_counter() - started) / 60:.1f} min. Regenerate with `make bench`; "
        "bench/README.md explains the method.",
        "",
        *machine(),
        *[
            f"- **Step failed: N={r['n']} {name}** (see bench/out/{r['n']}/logs/); its "
            "numbers are not valid."
            for r in results
            for name, st in r["steps"].items()
            if crashed(st)
        ],
        "",
        "## Corpora",
        "",
        "| N | seed bytes | UTF-8 | cp1252 | mojibake | BOM + CRLF | generated pages |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        f = r["flavours"]
        lines.append(
            f"| {r['n']} | {r['seed_bytes']:,} | {f.get('utf-8', 0)} | {f.get('cp1252', 0)} "
            f"| {f.get('mojibake', 0)} | {f.get('bom-crlf', 0)} | {r['pages']:,} |"
        )
    lines += [
        "",
        "## Steps",
        "",
        "Wall time of each step as its own process (imports included), per story, and the "
        "peak RSS of that process and its workers (the larger of its own `ru_maxrss` and its "
        "process tree's resident memory, sampled every 50 ms). The I/O floor's time is its "
        "read + write loop only.",
        "",
        "| N | step | seconds | ms per story | peak RSS (MB) | pages rewritten / content "
        "changed / deleted | notes |",
        "| ---: | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for r in results:
        for name, s in r["steps"].items():
            e = s.extra
            pages = (
                f"{e['rewritten']} / {e['changed']} / {e['deleted']}" if "rewritten" in e else ""
            )
            notes = []
            if e.get("needless"):
                notes.append(f"{e['needless']} rewritten unchanged")
            if e.get("missed"):
                notes.append(f"{e['missed']} changed but not rewritten?")
            if e.get("tree_rss_mb", 0) > e.get("own_rss_mb", 0) * 1.1:
                notes.append(
                    f"RSS: largest process {e['own_rss_mb']:.0f} MB, process tree "
                    f"{e['tree_rss_mb']:.0f} MB"
                )
            if e.get("hook_seconds") is not None:
                notes.append(f"plugin (no-op build) {e['hook_seconds']:.2f} s")
            if e.get("warnings"):
                notes.append(f"{e['warnings']} WARNING lines")
            if "process_seconds" in e:
                notes.append(
                    f"{e['pages']:,} pages, {e['written'] / 1e6:.1f} MB written; "
                    f"process {e['process_seconds']:.2f} s"
                )
            if crashed(s):
                notes.append(f"**FAILED** (exit {s.returncode}, see out/{r['n']}/logs/)")
            elif s.returncode:
                notes.append(f"exit {s.returncode} (seed errors)")
            lines.append(
                f"| {r['n']} | {name} | {s.seconds:.2f} | {s.seconds / r['n'] * 1000:.2f} | "
                f"{s.rss_mb:.0f} | {pages} | {'; '.join(notes)} |"
            )
    lines += [
        "",
        "## Site size and search index",
        "",
        "| N | site (MB) | per story (KB) | search index (MB) | per story (KB) | index "
        "entries | dancer pages in index | listing pages in index | stories found in "
        "index (should be N) | floor site (MB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        s = r["search"]
        lines.append(
            f"| {r['n']} | {r['site_bytes'] / 1e6:.1f} | {r['site_bytes'] / r['n'] / 1e3:.1f} "
            f"| {r['search_bytes'] / 1e6:.2f} | {r['search_bytes'] / r['n'] / 1e3:.2f} | "
            f"{s['entries']:,} | {s['dancer_pages']:,} | {s['listing_pages']} | "
            f"{s['story_hits']:,} | {r['floor_site_bytes'] / 1e6:.1f} |"
        )
    lines += [
        "",
        "## Ratios (against the floors of the same run)",
        "",
        "| N | cold / I/O floor | no-op / I/O floor | cold + mkdocs / toolchain floor | "
        "cold / mkdocs build | mkdocs / toolchain floor |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        st = r["steps"]
        cold, noop = st["builder cold"].seconds, st["builder no-op"].seconds
        io, mk = st["I/O floor"].seconds, st["mkdocs build (anthology)"].seconds
        fl = st["mkdocs build (toolchain floor)"].seconds
        lines.append(
            f"| {r['n']} | {cold / io:.0f}× | {noop / io:.1f}× | "
            f"{(cold + mk) / fl:.2f}× | {cold / mk:.0%} | {mk / fl:.2f}× |"
        )

    lines += ["", "## Targets", "", *targets(by_n), ""]
    lines += live_section(results)
    lines += shortfalls_section(results)
    lines += markdown_section(results)
    lines += search_weight.report([r["search_weight"] for r in results if "search_weight" in r])
    lines += profile_section(results)
    lines += [
        "## Method",
        "",
        "- Corpus: bench/corpus.py, deterministic; names with diacritics from first names "
        "× surnames, companies, ballets and roles, origins (mostly in the gazetteer, a few "
        "not), ~2 KB of prose each; about 10% cp1252, 7% mojibake, 7% BOM + CRLF.",
        "- Each N runs in a throwaway copy of the project under bench/out/N/ (mkdocs.yml "
        "with the anthology plugin, overrides/, the hand-written docs).",
        "- Rebuilds: one seed replaced by an edited version, then one new seed, then one "
        "deleted, each followed by `anthology build`; pages rewritten = new mtime, content "
        "changed = new bytes.",
        "- `mkdocs build (anthology)` runs with the plugin, after `anthology build`, so the "
        "plugin's build is a no-op; its time is measured inside the same process.",
        "- Toolchain floor: the same stories as `dancers/<n>.md` (title + paragraphs), the "
        "same theme, overrides and nav, one-line index pages, no plugin.",
        "- I/O floor: one process reads every seed and writes every generated page's bytes "
        "(plain writes, warm page cache); the time is that loop only.",
        "- Peak RSS: the larger of each step's `ru_maxrss` (`os.wait4`) and the sampled sum "
        "over its process tree (the builder's worker pool); for `mkdocs serve`, VmHWM of the "
        "server process.",
        "",
    ]
    return "\n".join(lines)


def targets(by_n: dict[int, dict[str, Any]]) -> list[str]:
    rows = ["| target | measured | limit | result |", "| --- | --- | --- | --- |"]
    big = max(by_n)
    big_label = f"N={big:,}" + ("" if big == 10_000 else " (10,000 not run)")

    def step(n: int, name: str) -> float:
        return by_n[n]["steps"][name].seconds

    def linear(label: str, per_story: Any) -> None:
        if 1000 in by_n and 10_000 in by_n:
            ratio = per_story(by_n[10_000]) / per_story(by_n[1000])
            rows.append(
                f"| Linear: {label} per story, 10,000 vs 1,000 | {ratio:.2f}× | "
                f"≤ 1.5× | {check(ratio <= 1.5)} |"
            )
        else:
            rows.append(
                f"| Linear: {label} per story, 10,000 vs 1,000 | needs both sizes | ≤ 1.5× | n/a |"
            )

    linear("builder cold", lambda r: r["steps"]["builder cold"].seconds / r["n"])
    linear("`mkdocs build`", lambda r: r["steps"]["mkdocs build (anthology)"].seconds / r["n"])
    linear("site size", lambda r: r["site_bytes"] / r["n"])
    r = by_n[big]
    end = step(big, "builder cold") + step(big, "mkdocs build (anthology)")
    floor = step(big, "mkdocs build (toolchain floor)")
    rows.append(
        f"| End to end: builder cold + `mkdocs build` vs toolchain floor, {big_label} "
        f"| {end:.1f} s / {floor:.1f} s = {end / floor:.2f}× | ≤ 1.3× | "
        f"{check(end / floor <= 1.3)} |"
    )
    per_story = r["site_bytes"] / r["n"] / 1024
    rows.append(
        f"| Site size per story, {big_label} | {per_story:.1f} KB | < 40 KB | "
        f"{check(per_story < 40)} |"
    )
    peak_name, peak = max(
        ((name, s.rss_mb) for name, s in r["steps"].items()), key=lambda item: item[1]
    )
    rows.append(
        f"| Peak memory, every step, {big_label} | {peak:.0f} MB ({peak_name}) | "
        f"< 500 MB | {check(peak < 500)} |"
    )
    once = all(x["search"]["once"] for x in by_n.values())
    facts = ", ".join(
        f"N={x['n']}: {x['search']['story_hits']} stories, "
        f"{x['search']['listing_pages']} listing pages"
        for x in by_n.values()
    )
    rows.append(
        f"| Search index holds each story once, no listing pages | {facts} | each "
        f"story once, 0 listings | {check(once)} |"
    )
    cold, build = step(big, "builder cold"), step(big, "mkdocs build (anthology)")
    rows.append(
        f"| Builder's share: cold build vs the `mkdocs build` after it, {big_label} "
        f"| {cold:.1f} s / {build:.1f} s = {cold / build:.0%} | ≤ 15% | "
        f"{check(cold / build <= 0.15)} |"
    )
    noop, io = step(big, "builder no-op"), step(big, "I/O floor")
    rows.append(f"| No-op rebuild, {big_label} | {noop:.2f} s | < 1 s | {check(noop < 1)} |")
    rows.append(
        f"| No-op rebuild vs I/O floor, {big_label} | {noop:.2f} s / {io:.2f} s = "
        f"{noop / io:.1f}× | ≤ 3× | {check(noop / io <= 3)} |"
    )
    only = all(
        x["steps"][name].extra.get("needless", 0) == 0
        and x["steps"][name].extra.get("missed", 0) == 0
        for x in by_n.values()
        for name in (
            "builder no-op",
            "builder after 1 edit",
            "builder after 1 added",
            "builder after 1 deleted",
        )
    )
    edits = ", ".join(
        f"N={x['n']}: {x['steps']['builder after 1 edit'].extra['rewritten']} rewritten / "
        f"{x['steps']['builder after 1 edit'].extra['changed']} changed"
        for x in by_n.values()
    )
    rows.append(
        f"| After one edit, only changed pages rewritten (all rebuilds) | {edits} | "
        f"rewritten = changed | {check(only)} |"
    )
    live = next((x["live"] for x in by_n.values() if "live" in x), None)
    if live is None or "modes" not in live:
        reason = (
            "not run (N=1,000 not in --sizes or --live-at 0)"
            if live is None
            else live.get("error", "failed")
        )
        rows.append(f"| Live edit at N=1,000 within 2 s | {reason} | ≤ 2 s | n/a |")
        rows.append("| Search keeps working in the served site | not run | works | n/a |")
    else:
        seen = {m: v.get("edit_to_browser_seconds") for m, v in live["modes"].items()}
        best_mode = min(
            (m for m in seen if seen[m] is not None), key=lambda m: seen[m], default=None
        )
        plain = live["modes"].get(MAKE_SERVE, {})
        plain_seen = plain.get("edit_to_browser_seconds")
        measured = "; ".join(f"{m}: {fmt(s)} s" for m, s in seen.items())
        best = f"; best {seen[best_mode]:.2f} s with {best_mode}" if best_mode else ""
        met = check(plain_seen is not None and plain_seen <= 2)
        rows.append(
            f"| Live edit at N={live['n']:,}: new text in the open browser | {measured} | "
            f"≤ 2 s | {met} (as `make serve`){best} |"
        )
        works = "; ".join(
            f"{m}: new text {'found' if v.get('search_new_text') else 'NOT found'}, another "
            f"dancer {'found' if v.get('search_other_dancer') else 'NOT found'}, served index "
            f"holds {v.get('served_index', {}).get('stories', '?')} of {live['n']:,} stories"
            for m, v in live["modes"].items()
        )
        ok = bool(
            plain.get("search_new_text")
            and plain.get("search_other_dancer")
            and plain.get("served_index", {}).get("stories") == live["n"]
        )
        rows.append(
            f"| Search keeps working in the served site | {works} | all found, every story "
            f"in the index | {check(ok)} (as `make serve`) |"
        )
    return rows


def live_section(results: list[dict[str, Any]]) -> list[str]:
    live = next((r["live"] for r in results if "live" in r), None)
    if live is None:
        return []
    lines = ["## Live edit (`mkdocs serve` + Chromium)", ""]
    if "modes" not in live:
        return [*lines, f"Not measured: {live.get('error')}", ""]
    lines += [
        f"N={live['n']:,}; Chromium shows the edited seed's dancer page, the seed "
        f"({live['seed']}) is saved with a new paragraph, and the clock stops when its text "
        "is in the page (livereload reloads it). Then the site's search (Pagefind, re-indexed "
        "in the background after each rebuild) is tried in a new tab until it finds the new "
        "word (save → findable), and is used for another dancer's name.",
        "",
        "| mode | startup (s) | save → text in browser (s) | save → findable (s) | builds "
        "after the save (s) | rebuilds | search: new text | search: other dancer | stories "
        "in served index | serve peak RSS (MB) | error |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- | --- | ---: | ---: | --- |",
    ]
    for mode, v in live["modes"].items():
        builds = v.get("build_seconds", [])
        lines.append(
            f"| {mode} | {fmt(v.get('startup_seconds'), 1)} | "
            f"{fmt(v.get('edit_to_browser_seconds'))} | "
            f"{fmt(v.get('edit_to_search_seconds'))} | "
            f"{', '.join(f'{b:.1f}' for b in builds[1:]) or '-'} | {v.get('rebuilds', 0)} | "
            f"{'yes' if v.get('search_new_text') else 'no'} | "
            f"{'yes' if v.get('search_other_dancer') else 'no'} | "
            f"{v.get('served_index', {}).get('stories', '?')} | "
            f"{fmt(v.get('peak_rss_mb'), 0)} | {v.get('error', '')} |"
        )
    lines += ["", *live_notes(live), ""]
    return lines


def live_notes(live: dict[str, Any]) -> list[str]:
    """Why the live edit takes what it takes, from the measured builds."""
    notes = []
    dirty = live["modes"].get(MAKE_SERVE, {})
    full = live["modes"].get(FULL_SERVE, {})
    builds = dirty.get("build_seconds", [])[1:]
    if builds:
        echo = (
            f"; the {len(builds) - 1} after the first were woken by the builder's own "
            "writes into docs/"
            if len(builds) > 1
            else ": one build, since the builder's own writes into docs/ are not watched"
        )
        notes.append(
            "- `make serve` runs `mkdocs serve --dirty`: after a save MkDocs re-renders only "
            "the pages whose Markdown is newer than their HTML, which are exactly those the "
            f"builder rewrote. Builds after the save: {' + '.join(f'{b:.1f}' for b in builds)}"
            f" s{echo}. builder/mkdocs/live.py keeps these dirty builds exact: a deleted page's "
            "HTML "
            "is removed, the search index is written anew from the served site after every "
            "rebuild, and a change to mkdocs.yml or the overrides rebuilds every page "
            "(tests/test_site.py checks each, served)."
        )
        index = dirty.get("served_index", {})
        notes.append(
            f"- After the save the served search index holds {index.get('stories', '?')} of "
            f"{live['n']:,} stories (search for another dancer: "
            f"{'found' if dirty.get('search_other_dancer') else 'NOT found'})."
        )
    full_builds = full.get("build_seconds", [])[1:]
    if full_builds:
        notes.append(
            "- For comparison, a plain `mkdocs serve` rebuilds every page after a save "
            f"({' + '.join(f'{b:.1f}' for b in full_builds)} s here): "
            f"{fmt(full.get('edit_to_browser_seconds'))} s from save to screen. That is "
            "MkDocs' own cost for the whole site, which no builder change can reduce."
        )
    return notes


def shortfalls_section(results: list[dict[str, Any]]) -> list[str]:
    """Why the targets that are missed are missed, from this run's own numbers."""
    by_n = {r["n"]: r for r in results}
    big = max(by_n)
    steps = by_n[big]["steps"]
    cold = steps["builder cold"].seconds
    mkdocs = steps["mkdocs build (anthology)"].seconds
    floor = steps["mkdocs build (toolchain floor)"].seconds
    if (cold + mkdocs) / floor <= 1.3 and cold / mkdocs <= 0.15:
        return []
    lines = ["## The missed targets, explained", ""]
    lines.append(
        f"At N={big:,}, end to end is {cold:.1f} s (builder, cold) + {mkdocs:.1f} s "
        f"(`mkdocs build`) against a floor of {floor:.1f} s:"
    )
    lines.append("")
    cost = next((r["markdown"] for r in results if "markdown" in r), None)
    mkdocs_line = (
        f"- **MkDocs on these pages is {mkdocs / floor:.2f}× its floor** "
        f"({mkdocs / big * 1000:.1f} against {floor / big * 1000:.1f} ms a page). The floor's "
        "pages are a title and plain paragraphs; a dancer page carries what the anthology "
        "is for: her metadata in front matter and an at-a-glance list, links to her company, "
        "ballets and origin, up to 16 links to other dancers, and sections that the theme "
        "turns into a table of contents and the search plugin into index entries."
    )
    if cost:
        dancer = cost.get("dancer page", {})
        plain = cost.get("floor page (plain text)", {})
        if dancer and plain:
            mkdocs_line += (
                f" Python-Markdown alone takes {dancer['markdown_ms']:.2f} ms for a dancer "
                f"page against {plain['markdown_ms']:.2f} ms for a floor page (table below); "
                "the rest is the theme's templates and the search plugin, per page, as for "
                "the floor. Already done: neighbours capped at 8 + 8, the home page's table "
                "capped at 100 dancers, listing pages kept out of the search index, the "
                "generated pages' Markdown released once rendered. Tried and not taken: "
                "neighbour lists as one line or as raw HTML saved 17-25% of a dancer page's "
                "Markdown time, at the cost of a list readers scan or of MkDocs checking "
                "those links."
            )
    lines.append(mkdocs_line)
    prof = next((r["profile"] for r in results if "profile" in r), None)
    builder_line = (
        f"- **The builder's cold build is {cold / mkdocs:.0%} of the `mkdocs build` after "
        f"it** ({cold / big * 1000:.2f} ms a story on {os.cpu_count()} cores). Within 15% it "
        f"would need {0.15 * mkdocs / big * 1000:.2f} ms a story."
    )
    if prof and prof.get("stages"):
        stages = prof["stages"]
        whole = stages.get("the whole build") or 1
        shares = ", ".join(
            f"{name} {seconds / whole:.0%}"
            for name, seconds in stages.items()
            if name != "the whole build"
        )
        builder_line += (
            f" In one process under cProfile at N={by_n.get(1000, by_n[big])['n']:,}: "
            f"{shares}. Reading a seed means decoding, ftfy's repair (its mojibake check "
            "alone is about 0.45 ms) and reading every sentence for names, companies, "
            "roles and places; it is cached by content, so only a cold build or a new "
            "seed pays it, and a rebuild after an edit costs "
            f"{steps['builder after 1 edit'].seconds:.2f} s at this size."
        )
    lines.append(builder_line)
    return [*lines, ""]


def markdown_section(results: list[dict[str, Any]]) -> list[str]:
    found = next(((r["n"], r["markdown"]) for r in results if "markdown" in r), None)
    if found is None:
        return []
    n, cost = found
    lines = [
        "## Where `mkdocs build` spends more than the floor (Markdown per page)",
        "",
        f"N={n:,}, one process, the site's own Markdown extensions: what each kind of page "
        "costs before the theme and search see it. The floor's pages are a title and the "
        "story's paragraphs; a dancer page adds her front matter, the at-a-glance list "
        "with its links, up to 16 links to other dancers and the about section.",
        "",
        "| page | pages | size (KB) | front matter (ms) | Markdown → HTML (ms) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, v in cost.items():
        lines.append(
            f"| {name} | {v['pages']:,} | {v['kb']:.1f} | {v['front_matter_ms']:.2f} | "
            f"{v['markdown_ms']:.2f} |"
        )
    return [*lines, ""]


def profile_section(results: list[dict[str, Any]]) -> list[str]:
    prof = next(((r["n"], r["profile"]) for r in results if "profile" in r), None)
    if prof is None:
        return []
    n, p = prof
    return [
        f"## Where the cold build's time goes (N={n:,}, cProfile)",
        "",
        f"A cold `anthology build` into an empty docs folder under cProfile, in one process "
        f"(the builder's worker pool switched off so every seed's reading is seen): "
        f"{p['seconds']:.1f} s under the profiler, which adds overhead; the shares are what "
        "matter.",
        "",
        "Top functions by own time (tottime):",
        "",
        "```",
        p["tables"]["tottime"],
        "```",
        "",
        "Top functions by cumulative time:",
        "",
        "```",
        p["tables"]["cumulative"],
        "```",
        "",
    ]


# --- main ----------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError("sizes must be numbers of stories, each >= 10")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench.py",
        description="Benchmark The Dancer Anthology: for each corpus size, generate that "
        "many stories, time the builder (cold, no-op, after an edit, an addition and a "
        "deletion), `mkdocs build`, an I/O floor and a bare-MkDocs toolchain floor, measure "
        "peak memory and the site's size, and write the tables, ratios and targets (met or "
        "missed) to a Markdown report.",
        epilog="`make bench` runs --sizes 100,1000,10000 (several minutes); tests run "
        "--sizes 100 as a smoke test. Work files go to bench/out/ (gitignored).",
    )
    parser.add_argument(
        "--sizes",
        type=str,
        default="100,1000,10000",
        help="comma-separated corpus sizes (default: 100,1000,10000)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH / "RESULTS.md",
        help="the report to write (default: bench/RESULTS.md)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=BENCH / "out",
        help="scratch folder for the generated projects (default: bench/out)",
    )
    parser.add_argument(
        "--live-at",
        type=int,
        default=1000,
        metavar="N",
        help="measure the live edit in `mkdocs serve` at this size, if it is "
        "one of --sizes (default: 1000; 0: never)",
    )
    parser.add_argument(
        "--profile-at",
        type=int,
        default=1000,
        metavar="N",
        help="profile the cold build at this size, or at the smallest size "
        "if it is not one of --sizes (default: 1000; 0: never)",
    )
    parser.add_argument(
        "--search-sizes",
        type=str,
        default="1000,10000",
        metavar="N,N",
        help="sizes at which to measure what a reader downloads and waits for with the "
        "search, against Material's search (bench/search.py; default: 1000,10000)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep each size's built sites under --work"
    )
    parser.add_argument(
        "--shapes-size",
        type=int,
        default=1_000_000,
        metavar="BYTES",
        help="read each seed shape of bench/shapes.py at this size (default: 1000000; 0: never)",
    )
    parser.add_argument(
        "--extraction-stories",
        type=int,
        default=1000,
        help="measure extraction on this many stories (bench/extraction.py; 0: never)",
    )
    parser.add_argument(
        "--shapes-only",
        action="store_true",
        help="measure only the shapes and rewrite their section of --out",
    )
    args = parser.parse_args(argv)
    if args.shapes_only:
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        lines = shapes.section(shapes.measure(args.shapes_size), args.shapes_size)
        args.out.write_text(shapes.with_section(old, lines), encoding="utf-8")
        return 0
    try:
        sizes = parse_sizes(args.sizes)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    args.search_sizes = parse_sizes(args.search_sizes) if args.search_sizes else []
    if args.profile_at and args.profile_at not in sizes:
        args.profile_at = sizes[0]
    started = time.perf_counter()
    snapshot_builder(args.work)
    results = []
    for n in sizes:
        results.append(measure(n, args.work, args))
    # Kept so a report can be re-rendered without re-measuring (pickle.load + write_report).
    with contextlib.suppress(OSError, pickle.PicklingError):
        (args.work / "results.pickle").write_bytes(pickle.dumps(results))
    report = write_report(results, args, started)
    if args.shapes_size:
        lines = shapes.section(shapes.measure(args.shapes_size), args.shapes_size)
        report = shapes.with_section(report, lines)
    if args.extraction_stories:
        lines = extraction.section(extraction.measure(args.extraction_stories))
        report = shapes.with_section(report, lines, extraction.SECTION)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    progress(f"wrote {args.out} in {(time.perf_counter() - started) / 60:.1f} min")
    return _exit_status(results)


def rewrite_report(pickled: Path, out: Path) -> None:
    """Write the report again from a run's saved numbers, without measuring anything
    (after a change to how the report reads): ``python -c 'import bench;
    bench.rewrite_report(...)'`` from bench/."""
    import __main__

    __main__.Step = Step  # the run pickled its steps as __main__.Step
    results = pickle.loads(pickled.read_bytes())
    old = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    sizes = ",".join(str(r["n"]) for r in results)
    report = write_report(results, argparse.Namespace(sizes=sizes), time.perf_counter())
    lines = report.splitlines()
    # The run's own date, duration and code, not this rewrite's.
    for prefix in ("Written by", "- Code:"):
        was = next((line for line in old if line.startswith(prefix)), None)
        if was is not None:
            lines = [was if line.startswith(prefix) else line for line in lines]
    kept = shapes.kept_section("\n".join(old))
    out.write_text(
        shapes.with_section("\n".join(lines), kept) if kept else "\n".join(lines) + "\n",
        encoding="utf-8",
    )


def _exit_status(results: list[dict[str, Any]]) -> int:
    failed = [f"N={r['n']} {name}" for r in results for name, s in r["steps"].items() if crashed(s)]
    if failed:
        progress("steps that failed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
