"""What a reader downloads and waits for: the site's search and its largest pages.

Called by bench.py for each corpus size once the site is built. The same generated pages
are also built with Material's own search plugin (the search the site had before), so
both are measured in the same run, on the same machine, in the same Chromium:

* **landing**: every byte a reader's browser fetches when she opens a dancer page and
  waits until the network is idle (Material's search fetches its whole index then), raw
  and gzipped as GitHub Pages serves text (HTML, CSS, JS, JSON; Pagefind's chunks are
  already compressed and are counted as they are);
* **first results**: with the CPU slowed 4x (CDP ``Emulation.setCPUThrottlingRate``, as
  DevTools' mobile profile), a reader lands on the page, clicks the box (one mouse event
  where it is) and at once searches for a dancer's name; the page's own clock
  (``performance.now()``) times it from the load event and from the focus of the box to
  the moment the result with her name is in the list. The name is
  entered at once (as Ctrl+V: the text, then a key released), so nothing of the search's
  cold start hides behind her typing; typed key by key, it is timed from the last key, and
  from the click on the wall clock (which counts Playwright's round trip per key, about
  0.1 s at 4x). The median of a few readers; the bytes fetched from landing to the result;
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
import shutil
import statistics
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

from search_report import report, write_section  # noqa: E402  (bench.py reports with it)

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
([root, cases, until]) => { window.__missed = null; (async () => {
  const pagefind = await import(root + "pagefind/pagefind.js");
  await pagefind.options({ baseUrl: new URL(root).pathname });
  await pagefind.init();
  const missed = [];
  let searched = 0;
  for (const [url, id, phrase] of cases) {
    if (until && Date.now() > until) break;
    searched++;
    const exact = await pagefind.search('"' + phrase + '"');
    if (exact.results.some((r) => r.id === id)) continue;
    const words = await pagefind.search(phrase);
    missed.push([url, phrase, words.results.some((r) => r.id === id)]);
  }
  return [missed, searched];
})().then((missed) => { window.__missed = missed; }); }
"""
"""Searches a share of the stories in the background (until a time, if given);
``window.__missed`` says when done: the misses and how many were searched."""


@contextmanager
def _served(site: Path, prefix: str) -> Iterator[str]:
    import chromium

    # tests/ import it as bench.chromium; run from bench/, "bench" is bench/bench.py.
    sys.modules.setdefault("bench.chromium", chromium)
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


CLOCK = """
((name) => {
  const t = (window.__firstResults = {});
  const now = () => performance.now();
  addEventListener("load", () => { t.load = now(); });
  addEventListener("focusin", (e) => {
    if (!t.focus && e.target.matches?.(".md-search__input")) t.focus = now();
  });
  addEventListener("input", () => { t.input = now(); }, true);
  new MutationObserver(() => {
    if (t.result) return;
    for (const h of document.querySelectorAll(".md-search-result__item h1")) {
      if (h.textContent.includes(name)) t.result = now();
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})(NAME);
"""
"""The page's own clock: the load event, the box's focus, the last input, her result."""


def first_result(
    browser: Any, base: str, dancer: str, name: str, typed: bool
) -> tuple[dict[str, float], list[str]]:
    """One reader at 4x slowdown: lands on ``dancer``, searches ``name`` at once."""
    context, page, requests = _reader(browser, base, THROTTLE)
    page.add_init_script(CLOCK.replace("NAME", json.dumps(name)))
    page.goto(base + dancer, wait_until="load", timeout=600_000)
    landed = len(requests)
    box = page.locator(".md-search__input")
    start = time.perf_counter()
    # One click where the box is, as a reader's: Playwright's own click() first waits for
    # the box to be stable and hit-testable, round trips that took 0.4 to 0.8 s at 4x.
    where = box.bounding_box()
    page.mouse.click(where["x"] + where["width"] / 2, where["y"] + where["height"] / 2)
    if typed:
        box.press_sequentially(name)
    else:
        page.keyboard.insert_text(name)
        page.keyboard.press("Shift")  # the key released after a paste: Material reads keyup
    page.wait_for_function("window.__firstResults.result", timeout=600_000, polling=50)
    wall = time.perf_counter() - start
    t = page.evaluate("window.__firstResults")
    context.close()
    return {
        "landing": (t["result"] - t["load"]) / 1e3,
        "focus": (t["result"] - t["focus"]) / 1e3,
        "last_key": (t["result"] - t["input"]) / 1e3,
        "wall": wall,
    }, [requests[:landed], requests[landed:]]


def reader_measure(
    browser: Any, site: Path, prefix: str, dancer: str, name: str, readers: int = 3
) -> dict:
    """Landing bytes, then time and bytes to first results at 4x CPU slowdown."""
    out: dict[str, Any] = {}
    with _served(site, prefix) as base:
        context, page, requests = _reader(browser, base, 1)
        page.goto(base + dancer, wait_until="networkidle", timeout=600_000)
        out["landing_raw"], out["landing_gzip"] = file_sizes(site, prefix, requests)
        out["landing_requests"] = len(set(requests))
        context.close()
        pasted, typed = [], []
        for _ in range(readers):
            times, (landing, search) = first_result(browser, base, dancer, name, typed=False)
            pasted.append(times)
            typed.append(first_result(browser, base, dancer, name, typed=True)[0])
        out["first_results_raw"], out["first_results_gzip"] = file_sizes(
            site, prefix, landing + search
        )
        out["search_raw"], out["search_gzip"] = file_sizes(site, prefix, search)
    out["readers"] = readers
    out["pasted"] = {k: statistics.median(t[k] for t in pasted) for k in pasted[0]}
    out["typed"] = {k: statistics.median(t[k] for t in typed) for k in typed[0]}
    out["first_results_seconds"] = out["pasted"]["landing"]
    return out


def find_every_story(browser: Any, site: Path, prefix: str, within: float = 0) -> dict[str, Any]:
    """Every story by a phrase of its own text, shared among one page per core (each
    page's Pagefind runs in its own worker); ``within`` seconds, if given, in an order
    shuffled once (the same every run), when a loaded machine cannot search them all."""
    cases = phrases(site)
    if within:
        random.Random(0).shuffle(cases)
    pages = max(1, min(os.cpu_count() or 1, 4))
    missed, searched = [], 0
    with _served(site, prefix) as base:
        contexts = [_reader(browser, base, 1) for _ in range(pages)]
        start = time.perf_counter()
        until = (time.time() + within) * 1000 if within else 0
        for i, (_, page, _) in enumerate(contexts):
            page.goto(base + "about/")
            page.evaluate(FIND_ALL, [base, cases[i::pages], until])
        for context, page, _ in contexts:
            page.wait_for_function("window.__missed !== null", timeout=0, polling=1000)
            share, count = page.evaluate("window.__missed")
            missed, searched = missed + share, searched + count
            context.close()
        seconds = time.perf_counter() - start
    return {
        "searched": searched,
        "stories": len(cases),
        "found": searched - len(missed),
        "found_by_words": searched - sum(1 for *_, by_words in missed if not by_words),
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
    old_search: bool = True,
    find_within: float = 0,
) -> dict[str, Any]:
    """Everything above for one built project (its ``site/`` holds the Pagefind index);
    Material's search too unless ``old_search`` is false."""
    from playwright.sync_api import sync_playwright
    from project import old_search_project

    site = project / "site"
    result: dict[str, Any] = {"n": n, "load_before": os.getloadavg()[0]}
    progress(f"N={n}: search: re-indexing the site with Pagefind alone")
    report = index_site(site)
    result["index_seconds"] = report.seconds
    result["index_cpu_seconds"] = report.cpu_seconds
    result["index_pages"] = report.pages
    result["index_bytes"] = report.bytes_on_disk
    result["largest"] = largest_page(site)

    old = work / "old-search"
    old_site, old_built = old / "site", False
    if old_search:
        progress(f"N={n}: search: building the same pages with Material's search")
        old_search_project(project, old)
        start = time.perf_counter()
        built = mkdocs(old)
        result["old_build_seconds"] = time.perf_counter() - start
        old_index = old_site / "search" / "search_index.json"
        result["old_index_bytes"] = old_index.stat().st_size if old_index.is_file() else None
        result["old_largest"] = largest_page(old_site)
        old_built = not built.returncode
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
            if old_built:
                progress(f"N={n}: search: the same with Material's search")
                result["old"] = reader_measure(browser, old_site, prefix, dancer, name, 1)
            progress(f"N={n}: search: every story by a phrase from its text")
            result["findable"] = find_every_story(browser, site, prefix, find_within)
        finally:
            browser.close()
    result["load_after"] = os.getloadavg()[0]
    shutil.rmtree(old, ignore_errors=True)
    (work.parent / f"search-{n}.json").write_text(json.dumps(result, indent=2), "utf-8")
    return result


# --- on its own: `python bench/search.py --sizes 1000,10000` ---------------------------


def main(argv: list[str] | None = None) -> int:
    import argparse

    import corpus
    from live import live_edit
    from measure import mkdocs_build, search_weight_of
    from project import make_project
    from run import progress, snapshot_builder

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
    parser.add_argument(
        "--old-up-to",
        type=int,
        default=0,
        metavar="N",
        help="measure Material's search only up to N stories (default: at every size)",
    )
    parser.add_argument(
        "--find-within",
        type=float,
        default=0,
        metavar="SECONDS",
        help="search stories by their phrase for at most this long (default: all)",
    )
    parser.add_argument(
        "--built",
        default="",
        metavar="DIR[,DIR]",
        help="measure these built bench projects (their site/ and index) instead of "
        "generating --sizes; N is each one's number of seeds",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    ctx = snapshot_builder(args.work)  # a long run is not mixed up by edits made meanwhile
    results: list[dict[str, Any]] = []
    live = None
    if args.live_at:
        base = args.work / f"live-{args.live_at}"
        shutil.rmtree(base, ignore_errors=True)
        (base / "logs").mkdir(parents=True)
        project = make_project(base / "anthology", corpus.generate(args.live_at))
        mkdocs_build(ctx, project)
        live = live_edit(ctx, project, args.live_at, base / "logs")
        write_section(args.out, report(results, live))
    for n, project in _projects(args, ctx):
        base = args.work / str(n)
        if project is None:
            shutil.rmtree(base, ignore_errors=True)
            base.mkdir(parents=True)
            progress(f"N={n}: generating and building {n} stories")
            project = make_project(base / "anthology", corpus.generate(n))
            built = mkdocs_build(ctx, project)
            if built.returncode:
                progress(built.stderr[-2000:])
                return 1
        base.mkdir(parents=True, exist_ok=True)
        results.append(
            search_weight_of(
                ctx,
                project,
                base,
                n,
                old_search=not args.old_up_to or n <= args.old_up_to,
                find_within=args.find_within,
            )
        )
        write_section(args.out, report(results, live))
        if not args.built:
            shutil.rmtree(base, ignore_errors=True)
    progress(f"wrote the search section of {args.out}")
    return 0


def _projects(args: Any, ctx: Any) -> Iterator[tuple[int, Path | None]]:
    """Each corpus size to measure, with its built project if ``--built`` gave one."""
    if not args.built:
        for size in args.sizes.replace(",", " ").split():
            yield int(size), None
        return
    for folder in args.built.split(","):
        project = Path(folder).resolve()
        if not (project / "site" / BUNDLE).is_dir():
            raise SystemExit(f"{project}: no built site with a search index (site/{BUNDLE})")
        yield sum(1 for _ in (project / "seeds").glob("*.txt")), project


if __name__ == "__main__":
    sys.exit(main())
