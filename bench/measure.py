"""One corpus size: generate N stories, time every step on them, profile the cold build."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import corpus
import search as search_weight
from chromium import CHROMIUM, CHROMIUM_ARGS
from live import live_edit
from project import (
    IO_FLOOR,
    MKDOCS_TIMED,
    compare,
    dir_size,
    hand_written_docs,
    make_floor_project,
    make_project,
    search_facts,
    site_prefix,
    snapshot,
)
from run import BIN, PYTHON, ROOT, Context, Step, progress, run_step

from builder.site.layout import GENERATED, KINDS


def measure(ctx: Context, n: int, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every step at ``n`` stories, in a fresh project under ``work``: the numbers."""
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
        log = logs / (re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".log")
        done = run_step(ctx, name, cmd, cwd, log)
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

    io_floor = [PYTHON, "-c", IO_FLOOR, str(seeds), str(docs), str(base / "io-floor")]
    io = step("I/O floor", [*io_floor, *GENERATED])
    io.extra.update(json.loads(io.stdout.strip().splitlines()[-1]))
    io.seconds, io.extra["process_seconds"] = io.extra["seconds"], io.seconds

    build = step("mkdocs build (anthology)", [PYTHON, "-c", MKDOCS_TIMED, "build"])
    hook = re.findall(r"BENCH-HOOK-SECONDS ([\d.]+)", build.stderr)
    build.extra["hook_seconds"] = float(hook[-1]) if hook else None
    build.extra["warnings"] = build.stderr.count("WARNING")
    site = project / "site"
    result["site_bytes"] = dir_size(site)
    result["search_bytes"] = dir_size(site / search_weight.BUNDLE)
    result["search"] = search_facts(site)

    floor = make_floor_project(base / "floor", final)
    floor_build = step("mkdocs build (toolchain floor)", [str(BIN / "mkdocs"), "build"], cwd=floor)
    floor_build.extra["warnings"] = floor_build.stderr.count("WARNING")
    result["floor_site_bytes"] = dir_size(floor / "site")
    shutil.rmtree(base / "io-floor", ignore_errors=True)

    if n == args.profile_at:
        result["profile"] = profile(ctx, n, base, project)
        result["markdown"] = markdown_cost(project, floor)
    if n == args.live_at:
        result["live"] = live_edit(ctx, project, n, logs)
    if n in args.search_sizes:
        result["search_weight"] = search_weight_of(ctx, project, base, n)
    if not args.keep:
        shutil.rmtree(base / "floor", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    return result


def search_weight_of(
    ctx: Context, project: Path, base: Path, n: int, **options: Any
) -> dict[str, Any]:
    """bench/search.py's measure of one built project, with this run's builds and Chromium."""
    return search_weight.measure(
        project,
        base,
        n,
        site_prefix(),
        CHROMIUM,
        CHROMIUM_ARGS,
        lambda built: mkdocs_build(ctx, built),
        progress,
        **options,
    )


def mkdocs_build(ctx: Context, project: Path) -> subprocess.CompletedProcess[str]:
    """A plain ``mkdocs build`` of ``project`` (bench/search.py's builds of each search)."""
    return subprocess.run(
        [str(BIN / "mkdocs"), "build"],
        cwd=project,
        env=dict(ctx.env),
        capture_output=True,
        text=True,
        check=False,
    )


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
            for kind in KINDS
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


def profile(ctx: Context, n: int, base: Path, project: Path) -> dict[str, Any]:
    """cProfile of a cold ``anthology build`` (fresh docs folder, no cache)."""
    target = base / "profile-docs"
    hand_written_docs(target)
    stats = base / "cold.prof"
    progress(f"N={n}: profiling a cold build ...")
    done = run_step(
        ctx,
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
        for prefix in (ctx.code_dir, ROOT, Path(sys.prefix)):
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
    "write the pages (less their rendering)": ("builder/store/writer.py", "write_pages"),
    "write the cache": ("builder/store/manifest.py", "write_cache"),
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
