"""The live edit: a seed saved while ``mkdocs serve`` runs and Chromium shows its page."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import corpus
import search as search_weight
from chromium import CHROMIUM, CHROMIUM_ARGS, keep_on_origin
from project import index_facts, site_prefix
from run import BIN, Context, progress


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


def live_edit(ctx: Context, project: Path, n: int, logs: Path, full: bool = True) -> dict[str, Any]:
    """Edit a seed while ``mkdocs serve`` runs and Chromium shows its page; time until
    the new text is on screen; then check that search still finds dancers. ``full``:
    also in a plain ``mkdocs serve`` (full rebuilds), for comparison."""
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
            modes = ((MAKE_SERVE, ["--dirty"]), (FULL_SERVE, []))
            for variant, (mode, extra) in enumerate(modes[: 2 if full else 1], start=2):
                results["modes"][mode] = _serve_once(
                    ctx,
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
    ctx: Context,
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
            env=dict(ctx.env),
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        try:
            out["startup_seconds"] = wait_http(base, proc, 900)
            context = browser.new_context()
            foreign = keep_on_origin(context, base)
            page = context.new_page()
            page.goto(f"{base}dancers/{slug}/")
            expect(page.locator("article h1")).to_be_visible()
            time.sleep(1.0)  # let the livereload long-poll settle
            _first_index(log, 600)
            token = f"glissandrova{variant}"
            new = corpus.make_story(index, variant=variant)
            assert token in new.text
            progress(f"live edit: saving {seed.name}, waiting for '{token}' in the browser")
            index_before = _served_state(base)
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
            found = _until_findable(context, base, token, saved, index_before, f"/dancers/{slug}/")
            out["index_swapped_seconds"], out["live_listed_seconds"] = found[:2]
            out["edit_to_search_seconds"] = found[2]
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
    builder = re.findall(r"pages written, \d+ deleted in ([\d.]+) s \(([\d.]+) s CPU\)", text)
    out["builder_seconds"] = [[float(wall), float(cpu)] for wall, cpu in builder]
    indexes = re.findall(r"search index of \d+ stories rewritten in ([\d.]+) s \(([\d.]+)", text)
    out["index_seconds"] = [[float(wall), float(cpu)] for wall, cpu in indexes]
    lives = re.findall(r"live search index of \d+ saved pages written in ([\d.]+) s", text)
    out["live_index_seconds"] = [float(wall) for wall in lives]
    return out


def _first_index(log: Path, timeout: float) -> None:
    """Wait for the search index of the serve's first build, written in the background
    after it: an edit saved meanwhile would share the CPU with it (an editor starts
    ``make serve`` and saves a story later, not a second after the site is up)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if "anthology: search index of" in log.read_text("utf-8", "replace"):
            return
        time.sleep(0.2)


def _until_findable(
    context: Any, base: str, token: str, saved: float, before: tuple[Any, Any], url: str
) -> tuple[float | None, float | None, float | None]:
    """Seconds from the save until the served main index is swapped for a new one, until
    the live index's list names the edited page (``url``), and until the site's search
    finds the new text in a new tab, as a reader who searches after the reload. The
    search is tried each time the main index's entry file or the live list changes (a
    try takes seconds in the browser: trying only then times the index, not the tries),
    and again at once after a miss once the live list names the page."""
    swapped = listed = None
    while time.perf_counter() - saved < 300:
        state = _served_state(base)
        entry, live = state
        if entry is not None and entry != before[0]:
            swapped = swapped or time.perf_counter() - saved
        if live is not None and url in live.get("pages", []):
            listed = listed or time.perf_counter() - saved
        if entry is None or state == before:
            time.sleep(0.05)
            continue
        probe = context.new_page()
        try:
            probe.goto(f"{base}about/")
            if _search_finds(probe, token, None, timeout=5_000):
                return swapped, listed, time.perf_counter() - saved
            if not listed:
                before = state  # an index of an earlier build: wait for the next one
        except Exception:  # the index being swapped, say: try again
            pass
        finally:
            probe.close()
    return swapped, listed, None


def _served_state(base: str) -> tuple[bytes | None, dict[str, Any] | None]:
    """The served main index's entry file (it names the index's metadata by its hash),
    and the live index's list (builder/mkdocs/search.py, ServedIndex), if any."""
    import json
    import urllib.request

    live = None
    url = base + "pagefind-live/live.json"
    with contextlib.suppress(OSError, ValueError), urllib.request.urlopen(url, timeout=30) as got:
        live = json.loads(got.read())
    return _served_entry(base), live


def _served_entry(base: str) -> bytes | None:
    """The served index's entry file (it names the index's metadata by its hash)."""
    import urllib.request

    url = base + "pagefind/pagefind-entry.json"
    with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read()
    return None


def _served_index(base: str) -> dict[str, int]:
    """What the served search index holds after the rebuild: dancer pages, stories."""
    import urllib.request

    def fetch(path: str) -> bytes:
        with urllib.request.urlopen(base + "pagefind/" + path, timeout=60) as answer:
            return answer.read()

    try:
        facts = index_facts(search_weight.read_bundle(fetch))
    except (OSError, ValueError, KeyError):
        return {}
    return {"dancer_pages": facts["dancer_pages"], "stories": facts["story_hits"]}


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


def main(argv: list[str] | None = None) -> int:
    """Only the live edit (``python bench/live.py --n 1000``): a fresh project of N
    generated stories, built once, then the edit in ``mkdocs serve --dirty``; the raw
    numbers on stdout as JSON (bench.py and search.py write them into RESULTS.md)."""
    import argparse
    import json
    import os
    import shutil

    from measure import mkdocs_build
    from project import make_project
    from run import BENCH, snapshot_builder

    from builder.store import RACY_NS

    parser = argparse.ArgumentParser(prog="live.py", description=main.__doc__)
    parser.add_argument("--n", type=int, default=1000, help="stories (default 1000)")
    parser.add_argument("--full", action="store_true", help="also a plain mkdocs serve")
    parser.add_argument("--work", type=Path, default=BENCH / "out" / "live")
    args = parser.parse_args(argv)
    base = args.work / str(args.n)
    shutil.rmtree(base, ignore_errors=True)
    (base / "logs").mkdir(parents=True)
    ctx = snapshot_builder(args.work)
    project = make_project(base / "anthology", corpus.generate(args.n))
    # Seeds saved within RACY_NS of a build are read again by the next one (their stamps
    # are not trusted): an editor's seeds were not all saved a second before the serve.
    time.sleep(RACY_NS / 1e9)
    progress(f"live edit: building {args.n} stories")
    mkdocs_build(ctx, project)
    load = os.getloadavg()[0]
    result = live_edit(ctx, project, args.n, base / "logs", full=args.full)
    result["load"] = [load, os.getloadavg()[0]]
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
