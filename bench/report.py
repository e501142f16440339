"""The Markdown report of a run (bench/RESULTS.md): tables, ratios, machine, profile."""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import search as search_weight
from run import Step, crashed
from tables import table
from targets import live_section, shortfalls_section, targets


@dataclass(frozen=True)
class RunInfo:
    """What the report says of the run itself; saved with its numbers in results.json,
    so a report written again from them (``--report-from``) says the same."""

    sizes: str
    written: str
    """When the run ended, as ``YYYY-MM-DD HH:MM UTC``."""
    minutes: float
    commit: str
    dirty: bool
    fingerprint: str


def machine(run: RunInfo) -> list[str]:
    """The machine, the toolchain's versions and the code that ran."""
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
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu}){memory}, {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}; " + ", ".join(versions),
        f"- Code: commit {run.commit or '?'}"
        + (" with uncommitted changes in builder/" if run.dirty else "")
        + f"; every step ran a copy of builder/ taken at the start (content hash "
        f"{run.fingerprint or 'n/a'})",
    ]


def write_report(results: list[dict[str, Any]], run: RunInfo) -> str:
    by_n = {r["n"]: r for r in results}
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python bench/bench.py --sizes {run.sizes}` on "
        f"{run.written} in "
        f"{run.minutes:.1f} min. Regenerate with `make bench`; "
        "bench/README.md explains the method.",
        "",
        *machine(run),
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
        *table(
            "N | seed bytes | UTF-8 | cp1252 | mojibake | BOM + CRLF | generated pages",
            "rrrrrrr",
            (corpus_cells(r) for r in results),
        ),
        "",
        "## Steps",
        "",
        "Wall time of each step as its own process (imports included), per story, and the "
        "peak RSS of that process and its workers (the larger of its own `ru_maxrss` and its "
        "process tree's resident memory, sampled every 50 ms). The I/O floor's time is its "
        "read + write loop only.",
        "",
        *table(
            "N | step | seconds | ms per story | peak RSS (MB) | pages rewritten / content "
            "changed / deleted | notes",
            "rlrrrll",
            (step_cells(r["n"], name, s) for r in results for name, s in r["steps"].items()),
        ),
        "",
        "## Site size and search index",
        "",
        *table(
            "N | site (MB) | per story (KB) | search index (MB) | per story (KB) | index "
            "entries | dancer pages in index | listing pages in index | stories found in "
            "index (should be N) | floor site (MB)",
            "rrrrrrrrrr",
            (site_cells(r) for r in results),
        ),
        "",
        "## Ratios (against the floors of the same run)",
        "",
        *table(
            "N | cold / I/O floor | no-op / I/O floor | cold + mkdocs / toolchain floor | "
            "cold / mkdocs build | mkdocs / toolchain floor",
            "rrrrrr",
            (ratio_cells(r) for r in results),
        ),
    ]
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


FLAVOURS = ("utf-8", "cp1252", "mojibake", "bom-crlf")
"""The corpus's encodings, as bench/corpus.py names them, in the Corpora table's order."""


def corpus_cells(r: dict[str, Any]) -> tuple[str, ...]:
    """One row of the Corpora table: one size's seeds, by encoding, and its pages."""
    flavours = (str(r["flavours"].get(flavour, 0)) for flavour in FLAVOURS)
    return (str(r["n"]), f"{r['seed_bytes']:,}", *flavours, f"{r['pages']:,}")


def step_cells(n: int, name: str, s: Step) -> tuple[str, ...]:
    """One row of the Steps table: a step's time, memory, pages and what to note."""
    e = s.extra
    pages = f"{e['rewritten']} / {e['changed']} / {e['deleted']}" if "rewritten" in e else ""
    notes = []
    if e.get("needless"):
        notes.append(f"{e['needless']} rewritten unchanged")
    if e.get("missed"):
        notes.append(f"{e['missed']} changed but not rewritten?")
    if e.get("tree_rss_mb", 0) > e.get("own_rss_mb", 0) * 1.1:
        notes.append(
            f"RSS: largest process {e['own_rss_mb']:.0f} MB, process tree {e['tree_rss_mb']:.0f} MB"
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
        notes.append(f"**FAILED** (exit {s.returncode}, see out/{n}/logs/)")
    elif s.returncode:
        notes.append(f"exit {s.returncode} (seed errors)")
    return (
        str(n),
        name,
        f"{s.seconds:.2f}",
        f"{s.seconds / n * 1000:.2f}",
        f"{s.rss_mb:.0f}",
        pages,
        "; ".join(notes),
    )


def site_cells(r: dict[str, Any]) -> tuple[str, ...]:
    """One row of the Site size table: the built site and its search index, per story."""
    n, s = r["n"], r["search"]
    return (
        str(n),
        f"{r['site_bytes'] / 1e6:.1f}",
        f"{r['site_bytes'] / n / 1e3:.1f}",
        f"{r['search_bytes'] / 1e6:.2f}",
        f"{r['search_bytes'] / n / 1e3:.2f}",
        f"{s['entries']:,}",
        f"{s['dancer_pages']:,}",
        str(s["listing_pages"]),
        f"{s['story_hits']:,}",
        f"{r['floor_site_bytes'] / 1e6:.1f}",
    )


def ratio_cells(r: dict[str, Any]) -> tuple[str, ...]:
    """One row of the Ratios table: one size's steps against its floors."""
    st = r["steps"]
    cold, noop = st["builder cold"].seconds, st["builder no-op"].seconds
    io, mk = st["I/O floor"].seconds, st["mkdocs build (anthology)"].seconds
    fl = st["mkdocs build (toolchain floor)"].seconds
    return (
        str(r["n"]),
        f"{cold / io:.0f}×",
        f"{noop / io:.1f}×",
        f"{(cold + mk) / fl:.2f}×",
        f"{cold / mk:.0%}",
        f"{mk / fl:.2f}×",
    )


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
        *table(
            "page | pages | size (KB) | front matter (ms) | Markdown → HTML (ms)",
            "lrrrr",
            (
                (
                    name,
                    f"{v['pages']:,}",
                    f"{v['kb']:.1f}",
                    f"{v['front_matter_ms']:.2f}",
                    f"{v['markdown_ms']:.2f}",
                )
                for name, v in cost.items()
            ),
        ),
    ]
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
