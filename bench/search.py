"""What a reader downloads and waits for: the site's search and its largest pages.

Called by bench.py for each corpus size once the site is built. The same generated pages
are also built with Material's own search plugin (the search the site had before), so
both are measured in the same run, on the same machine, in the same Chromium:

* **landing**: every byte a reader's browser fetches when she opens a dancer page and
  waits until the network is idle (Material's search fetches its whole index then), raw
  and gzipped as GitHub Pages serves text (HTML, CSS, JS, JSON; Pagefind's chunks are
  already compressed and are counted as they are);
* **first results**: with the CPU slowed 4x (CDP ``Emulation.setCPUThrottlingRate``, as
  DevTools' mobile profile), the time from typing a dancer's name, at once after the page
  loaded, until the first result shows, and the bytes fetched for it;
* **largest page** of the site, raw and gzipped;
* **index**: Pagefind's build time (run again, alone) and size on disk, against the
  size of Material's ``search_index.json``;
* **findable**: every story searched by an exact phrase of six words from its own text
  (quoted, in the browser, through the site's own Pagefind bundle); the count found.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chromium import keep_on_origin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.mkdocs.search import (  # noqa: E402, F401  (bench.py reads the index through here)
    BUNDLE,
    index_site,
    read_bundle,
    read_site_index,
)

THROTTLE = 4
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
"""What GitHub Pages gzips; Pagefind's own files are gzipped when written."""
PHRASE_WORDS = 6
PUNCTUATION = ".,;:!?\"'“”‘’()[]—–…"


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


def file_sizes(site: Path, prefix: str, urls: list[str]) -> tuple[int, int]:
    """Raw and as-served (gzip for text) bytes of the site's files behind ``urls``."""
    raw = served = 0
    for url in dict.fromkeys(urls):
        path = url.split("?", 1)[0].split("#", 1)[0]
        if prefix not in path:
            continue
        relative = path.split(prefix, 1)[1]
        file = site / relative
        if file.is_dir() or not relative or relative.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            continue
        data = file.read_bytes()
        raw += len(data)
        served += len(gzip.compress(data, 6)) if file.suffix in COMPRESSED else len(data)
    return raw, served


def largest_page(site: Path) -> dict[str, Any]:
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    if not pages:
        return {}
    page = pages[-1]
    data = page.read_bytes()
    return {
        "path": page.relative_to(site).as_posix(),
        "raw": len(data),
        "gzip": len(gzip.compress(data, 6)),
        "over_150kb": sum(1 for p in pages if p.stat().st_size > 150_000),
    }


def phrases(site: Path) -> list[tuple[str, str, str]]:
    """Each indexed story's URL, result id and six consecutive words of its own text."""
    out = []
    for entry in read_site_index(site):
        text = entry["content"]
        start = text.find("The story.")
        story = text[start + len("The story.") if start >= 0 else 0 :]
        words = [w.strip(PUNCTUATION) for w in story.split()]
        # Six words in a row, none of them a lone dash (which holds a place in the text).
        starts = [
            i for i in range(len(words) - PHRASE_WORDS + 1) if all(words[i : i + PHRASE_WORDS])
        ]
        at = random.Random(entry["url"]).choice(starts) if starts else 0
        out.append((entry["url"], entry["id"], " ".join(words[at : at + PHRASE_WORDS])))
    return out


FIND_ALL = """
async ([root, cases]) => {
  const pagefind = await import(root + "pagefind/pagefind.js");
  await pagefind.options({ baseUrl: new URL(root).pathname });
  await pagefind.init();
  const missed = [];
  for (const [url, id, phrase] of cases) {
    const exact = await pagefind.search('"' + phrase + '"');
    if (exact.results.some((r) => r.id === id)) continue;
    const words = await pagefind.search(phrase);
    missed.push([url, phrase, words.results.some((r) => r.id === id)]);
  }
  return missed;
}
"""


@contextmanager
def _served(site: Path, prefix: str) -> Iterator[str]:
    from tests.browser_support import serve

    with serve(site, prefix) as base:
        yield base


def _reader(browser: Any, base: str, throttle: int) -> tuple[Any, Any, list[str]]:
    context = browser.new_context()
    keep_on_origin(context, base)
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    if throttle > 1:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    return context, page, requests


def reader_measure(browser: Any, site: Path, prefix: str, dancer: str, name: str) -> dict:
    """Landing bytes, then time and bytes to first results at 4x CPU slowdown."""
    out: dict[str, Any] = {}
    with _served(site, prefix) as base:
        context, page, requests = _reader(browser, base, 1)
        page.goto(base + dancer, wait_until="networkidle", timeout=600_000)
        out["landing_raw"], out["landing_gzip"] = file_sizes(site, prefix, requests)
        out["landing_requests"] = len(set(requests))
        context.close()

        context, page, requests = _reader(browser, base, THROTTLE)
        page.goto(base + dancer, wait_until="load", timeout=600_000)
        landed = len(requests)
        box = page.locator(".md-search__input")
        start = time.perf_counter()
        box.click()
        box.press_sequentially(name)
        page.locator(".md-search-result__item").first.wait_for(timeout=600_000)
        out["first_results_seconds"] = time.perf_counter() - start
        everything = file_sizes(site, prefix, requests)
        out["first_results_raw"], out["first_results_gzip"] = everything
        out["search_raw"], out["search_gzip"] = file_sizes(site, prefix, requests[landed:])
        context.close()
    return out


def find_every_story(browser: Any, site: Path, prefix: str) -> dict[str, Any]:
    cases = phrases(site)
    with _served(site, prefix) as base:
        context, page, _ = _reader(browser, base, 1)
        page.goto(base + "about/")
        start = time.perf_counter()
        missed = page.evaluate(FIND_ALL, [base, cases])
        seconds = time.perf_counter() - start
        context.close()
    return {
        "stories": len(cases),
        "found": len(cases) - len(missed),
        "found_by_words": len(cases) - sum(1 for *_, by_words in missed if not by_words),
        "missed": missed[:5],
        "seconds": seconds,
    }


def measure(
    project: Path,
    work: Path,
    n: int,
    prefix: str,
    chromium: str,
    chromium_args: list[str],
    mkdocs: Callable[[Path], subprocess.CompletedProcess[str]],
    progress: Callable[[str], None],
) -> dict[str, Any]:
    """Everything above for one built project (its ``site/`` holds the Pagefind index)."""
    from playwright.sync_api import sync_playwright

    site = project / "site"
    result: dict[str, Any] = {"n": n, "load_before": os.getloadavg()[0]}
    progress(f"N={n}: search: re-indexing the site with Pagefind alone")
    report = index_site(site)
    result["index_seconds"] = report.seconds
    result["index_cpu_seconds"] = report.cpu_seconds
    result["index_pages"] = report.pages
    result["index_bytes"] = report.bytes_on_disk
    result["largest"] = largest_page(site)

    progress(f"N={n}: search: building the same pages with Material's search, for the ratio")
    old = old_search_project(project, work / "old-search")
    start = time.perf_counter()
    built = mkdocs(old)
    result["old_build_seconds"] = time.perf_counter() - start
    old_site = old / "site"
    old_index = old_site / "search" / "search_index.json"
    result["old_index_bytes"] = old_index.stat().st_size if old_index.is_file() else None
    result["old_largest"] = largest_page(old_site)
    if built.returncode:
        result["old_error"] = built.stderr[-500:]

    entries = read_site_index(site)
    entry = sorted(entries, key=lambda e: e["url"])[len(entries) // 2]
    dancer = entry["url"].lstrip("/")
    name = entry["meta"]["title"]
    result["dancer"] = dancer
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=chromium_args)
        try:
            progress(f"N={n}: search: a reader lands on {dancer} and searches (Pagefind)")
            result["new"] = reader_measure(browser, site, prefix, dancer, name)
            if not built.returncode:
                progress(f"N={n}: search: the same with Material's search")
                result["old"] = reader_measure(browser, old_site, prefix, dancer, name)
            progress(f"N={n}: search: every story by a phrase from its text")
            result["findable"] = find_every_story(browser, site, prefix)
        finally:
            browser.close()
    result["load_after"] = os.getloadavg()[0]
    shutil.rmtree(old, ignore_errors=True)
    (work / f"search-{n}.json").write_text(json.dumps(result, indent=2), "utf-8")
    return result


# --- report --------------------------------------------------------------------------


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e3:,.0f} KB"


def report(results: list[dict[str, Any]], live: dict[str, Any] | None = None) -> list[str]:
    """The section bench.py adds to RESULTS.md (``live``: a live edit measured by
    ``search.py --live-at``, when bench.py's own live section is not rewritten)."""
    lines = [
        "## Search and page weight (a reader on a phone)",
        "",
        "Pagefind (the site's search now) against Material's search plugin (before), the same "
        "generated pages, measured in the same run with Chromium (bench/search.py). Landing: "
        "every byte fetched opening a dancer page until the network is idle, raw and gzipped "
        "as GitHub Pages serves text. First results: the CPU slowed 4× (CDP "
        "`Emulation.setCPUThrottlingRate`), a dancer's name typed at once after the page "
        "loaded; seconds until the first result shows, and bytes fetched from landing to "
        "then (the search's own share in brackets).",
        "",
        "| N | search | landing (gzip / raw) | first results | bytes to first results "
        "(gzip, search's share) | index on disk | index build | largest page (raw / gzip) |",
        "| ---: | --- | --- | ---: | --- | ---: | ---: | --- |",
    ]
    for r in results:
        for key, label in (("new", "Pagefind"), ("old", "Material (before)")):
            m = r.get(key)
            if not m:
                continue
            index = r["index_bytes"] if key == "new" else r.get("old_index_bytes")
            build = (
                f"{r['index_seconds']:.1f} s ({r.get('index_cpu_seconds', 0):.1f} s CPU)"
                if key == "new"
                else "in mkdocs build"
            )
            largest = r["largest"] if key == "new" else r.get("old_largest", {})
            lines.append(
                f"| {r['n']:,} | {label} | {_kb(m['landing_gzip'])} / {_kb(m['landing_raw'])} | "
                f"{m['first_results_seconds']:.2f} s | {_kb(m['first_results_gzip'])} "
                f"({_kb(m['search_gzip'])}) | {_kb(index)} | {build} | "
                f"{_kb(largest.get('raw'))} / {_kb(largest.get('gzip'))} "
                f"(`{largest.get('path', '?')}`) |"
            )
    lines += [
        "",
        "| N | landing, new / old | first results, new / old | stories findable by "
        "a phrase of their own text | pages over 150 KB | machine load (1 min, before → "
        "after) |",
        "| ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for r in results:
        new, old = r.get("new", {}), r.get("old", {})
        f = r.get("findable", {})
        land = f"{new['landing_gzip'] / old['landing_gzip']:.3f}×" if new and old else "—"
        first = (
            f"{new['first_results_seconds'] / old['first_results_seconds']:.2f}×"
            if new and old
            else "—"
        )
        missed = "; ".join(
            f"`{url}` by “{phrase}”{' (found by its words unquoted)' if words else ''}"
            for url, phrase, words in f.get("missed", [])
        )
        lines.append(
            f"| {r['n']:,} | {land} | {first} | {f.get('found', '?')} of {f.get('stories', '?')}"
            + f" as an exact phrase, {f.get('found_by_words', '?')} by its words"
            + f" ({f.get('seconds', 0):.0f} s in the browser"
            + (f"; missed: {missed}" if missed else "")
            + f") | {r['largest'].get('over_150kb', '?')} | "
            f"{r.get('load_before', 0):.1f} → {r.get('load_after', 0):.1f} on {os.cpu_count()} "
            "cores |"
        )
    big = [r for r in results if r["n"] >= 10_000]
    if big:
        r = big[-1]
        new = r.get("new", {})
        f = r.get("findable", {})
        checks = [
            (
                "landing on a dancer page (gzip)",
                new.get("landing_gzip", 1e12) < 400_000,
                _kb(new.get("landing_gzip")),
                "< 400 KB",
            ),
            (
                "first results at 4× slowdown",
                new.get("first_results_seconds", 1e9) < 1.5,
                f"{new.get('first_results_seconds', float('nan')):.2f} s",
                "< 1.5 s",
            ),
            (
                "bytes to first results (gzip)",
                new.get("first_results_gzip", 1e12) < 500_000,
                _kb(new.get("first_results_gzip")),
                "< 500 KB",
            ),
            (
                "every story findable by a phrase of its text",
                f.get("found_by_words") == f.get("stories"),
                f"{f.get('found_by_words')} of {f.get('stories')} "
                f"({f.get('found')} as an exact, quoted phrase)",
                "all",
            ),
            (
                "largest page",
                r["largest"].get("raw", 1e12) < 150_000,
                _kb(r["largest"].get("raw")),
                "≤ about 150 KB",
            ),
        ]
        lines += [
            "",
            f"Targets at N={r['n']:,}:",
            "",
            "| target | measured | limit | result |",
            "| --- | --- | --- | --- |",
        ]
        for label, met, measured, limit in checks:
            lines.append(f"| {label} | {measured} | {limit} | **{'met' if met else 'missed'}** |")
    if live and "modes" in live:
        lines += [
            "",
            f"Live edit at N={live['n']:,} (bench.py's `live_edit`, run by "
            "`search.py --live-at`): seconds from saving a seed to its new text in the "
            "open page, and to the site's search finding the new word in a new tab.",
            "",
            "| mode | save → text in browser | save → findable | error |",
            "| --- | ---: | ---: | --- |",
        ]
        for mode, v in live["modes"].items():
            shown, found = v.get("edit_to_browser_seconds"), v.get("edit_to_search_seconds")
            lines.append(
                f"| {mode} | {'—' if shown is None else f'{shown:.2f} s'} | "
                f"{'—' if found is None else f'{found:.2f} s'} | {v.get('error', '')} |"
            )
    return [*lines, ""]


# --- on its own: `python bench/search.py --sizes 1000,10000` ---------------------------


def write_section(results_md: Path, section: list[str]) -> None:
    """Put the section into RESULTS.md, replacing the one a previous run wrote."""
    lines = results_md.read_text("utf-8").splitlines() if results_md.exists() else []
    title = section[0]
    if title in lines:
        start = lines.index(title)
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        lines[start:end] = section
    else:
        at = lines.index("## Method") if "## Method" in lines else len(lines)
        lines[at:at] = section
    results_md.write_text("\n".join(lines).rstrip("\n") + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    import argparse

    import bench  # bench/bench.py: the projects, the corpus, Chromium

    parser = argparse.ArgumentParser(
        prog="search.py",
        description="Measure only the search and page weight section of bench/RESULTS.md "
        "(what bench.py does for its --search-sizes), for the given corpus sizes.",
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=Path(__file__).parent / "out" / "search")
    parser.add_argument(
        "--live-at",
        type=int,
        default=0,
        metavar="N",
        help="also measure the live edit (save → screen, save → findable)",
    )
    args = parser.parse_args(argv)
    results = []
    live = None
    if args.live_at:
        base = args.work / f"live-{args.live_at}"
        shutil.rmtree(base, ignore_errors=True)
        (base / "logs").mkdir(parents=True)
        project = bench.make_project(base / "anthology", bench.corpus.generate(args.live_at))
        bench.mkdocs_build(project)
        live = bench.live_edit(project, args.live_at, base / "logs")
        write_section(args.out, report(results, live))
    for n in bench.parse_sizes(args.sizes):
        base = args.work / str(n)
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        bench.progress(f"N={n}: generating and building {n} stories")
        project = bench.make_project(base / "anthology", bench.corpus.generate(n))
        built = bench.mkdocs_build(project)
        if built.returncode:
            bench.progress(built.stderr[-2000:])
            return 1
        results.append(
            measure(
                project,
                base,
                n,
                bench.site_prefix(),
                bench.CHROMIUM,
                bench.CHROMIUM_ARGS,
                bench.mkdocs_build,
                bench.progress,
            )
        )
        write_section(args.out, report(results, live))
        shutil.rmtree(base, ignore_errors=True)
    bench.progress(f"wrote the search section of {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
