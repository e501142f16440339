"""The site's search index: Pagefind, run over the built site after each MkDocs build
(by the ``anthology`` plugin, :mod:`builder.mkdocs.plugin`).

Pagefind reads the built HTML and writes ``site/pagefind/``: a small entry file, the
WebAssembly search engine, and the index split into chunks by word and into one
fragment per page, so that a reader's browser fetches only what a query needs (tens of
KB) instead of every page's text. Only dancer stories are indexed: the dancer page marks
its heading, facts and story with ``data-pagefind-body`` (builder/site/templates), and
``overrides/main.html`` tags the page with her name, company, role and origin
(``data-pagefind-meta``) and the facets a reader filters by (``data-pagefind-filter``).

The binary comes in the ``pagefind[bin]`` wheel. The index is written beside the served
one and swapped in with a rename, so a browser never reads a half-written index. A serve
re-indexes every page in the background after each rebuild, and, first, indexes the
pages the rebuild changed into a small live bundle that the site's search reads beside
the main one (:class:`ServedIndex`): the edited page is on screen as quickly as before,
and findable a moment after, however large the anthology.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cbor2

from builder.mkdocs.canonical import canonicalize_bundle, unpack

log = logging.getLogger("mkdocs.plugins.anthology")

BUNDLE = "pagefind"
"""The index's folder in the site, which docs/javascripts/search.js loads from."""
LANGUAGE = "en"
"""The index's one language: docs/javascripts/search.js fetches ``wasm.en.pagefind`` early."""
INDEXED_FOLDER = "dancers"
INDEXED = f"{INDEXED_FOLDER}/**/*.html"
"""Only dancer pages carry ``data-pagefind-body``: reading no other page saves time."""
LIVE_BUNDLE = "pagefind-live"
"""While serving, the index of the pages saved since the main one was begun, and its
list (:class:`ServedIndex`); a built site has none."""
LIVE_LIST = "live.json"
LIVE_LIMIT = 200
"""More dancer pages changed by one rebuild than this, and the main index alone follows."""
QUIET = 5.0
"""Seconds without a rebuild before a serve writes its main index again (:class:`ServedIndex`):
long enough that a reader's search just after a save does not share the CPU with it."""
YIELDING_NICENESS = 10
"""How far a serve's main re-index steps back for the rebuilds (``nice -n``)."""
KEPT_GENERATIONS = 3
"""Live bundles kept: the newest, and two for a tab that read an older list."""
LIVE_MARK = '<div hidden data-pagefind-ignore><span data-pagefind-meta="live">yes</span></div>'
"""What marks a page of the live bundle (a result's ``meta.live``)."""

UNUSED = (
    "pagefind-ui.*",
    "pagefind-component-ui.*",
    "pagefind-modular-ui.*",
    "pagefind-highlight.js",
)
"""Pagefind's ready-made interfaces: the site has its own, in Material's search box."""


class SearchIndexError(RuntimeError):
    """Pagefind failed: the site would be published with a search that finds nothing."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float
    bytes_on_disk: int
    cpu_seconds: float = 0.0
    """Pagefind's own CPU time: what the index costs whatever else the machine runs."""


def pagefind_executable() -> str:
    """The binary the ``pagefind[bin]`` wheel installed."""
    import pagefind_bin

    return str(pagefind_bin.get_executable())


def index_site(site_dir: str | Path) -> IndexReport:
    """Index the built site into ``<site>/pagefind/``, replacing any index there."""
    site = Path(site_dir)
    fresh = site / f".{BUNDLE}-next"
    start = time.perf_counter()
    cpu = _children_cpu()
    pages = write_bundle(site, fresh)
    swap_in(fresh, site / BUNDLE)
    return _report(site / BUNDLE, pages, start, cpu)


def _report(bundle: Path, pages: int, start: float, cpu: float) -> IndexReport:
    seconds = time.perf_counter() - start
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    return IndexReport(pages, seconds, size, _children_cpu() - cpu)


def write_bundle(site: Path, bundle: Path, *, yielding: bool = False) -> int:
    """Run Pagefind over the dancer pages of ``site`` into ``bundle`` (a new folder, put
    in place by :func:`swap_in`); the number of pages it indexed. ``yielding``: at a
    lower CPU priority (``nice``), for a serve's main index, which the live bundle makes
    no one wait for, so that the rebuild after a save gets the cores first."""
    shutil.rmtree(bundle, ignore_errors=True)
    nice = shutil.which("nice") if yielding else None
    result = subprocess.run(
        [
            *([nice, "-n", str(YIELDING_NICENESS)] if nice else []),
            pagefind_executable(),
            "--site",
            str(site),
            "--glob",
            INDEXED,
            "--output-path",
            str(bundle),
            "--force-language",
            LANGUAGE,
            "--exclude-selectors",
            ".admonition-title",  # "At a glance": the same words on every page
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        shutil.rmtree(bundle, ignore_errors=True)
        raise SearchIndexError(
            f"pagefind failed (exit {result.returncode}): {result.stderr.strip() or result.stdout}"
        )
    canonicalize_bundle(bundle)  # the same site, the same bytes (Pagefind's filters vary)
    for unused in UNUSED:
        for path in bundle.glob(unused):
            path.unlink()
    return _indexed_pages(result.stdout)


def swap_in(fresh: Path, live: Path) -> None:
    """Put the bundle ``fresh`` where ``live`` is, by renames: a browser never reads a
    half-written index."""
    stale = live.with_name(f".{live.name}-old")
    shutil.rmtree(stale, ignore_errors=True)
    if live.exists():
        live.rename(stale)
    fresh.rename(live)
    shutil.rmtree(stale, ignore_errors=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _indexed_pages(output: str) -> int:
    """Pagefind's own count ("Indexed 1000 pages"), -1 if it did not say."""
    for line in output.splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "Indexed" and words[2].startswith("page"):
            with contextlib.suppress(ValueError):
                return int(words[1])
    return -1


class ServedIndex:
    """The search index of a served site, findable within a moment of each save.

    Two bundles. The main one (``pagefind/``) holds every dancer page and is written from
    scratch in the background, as a published site's is (seconds, growing with the
    anthology: Pagefind has no incremental update), once the saves have paused for
    :attr:`quiet` seconds (at once after the serve's first build). The live one
    (``pagefind-live/<generation>/``) holds only the dancer pages changed since the main
    one was begun, each marked ``live`` (``data-pagefind-meta``), and is written right
    after the rebuild that changed them (a few hundredths of a second). Its list
    (``pagefind-live/live.json``, :meth:`_listing`) names what it covers: the URLs, and
    the ids in the main bundle of their stale versions and of pages since deleted, which
    the site's search drops (docs/javascripts/search.js re-reads the list at each search).

    The races: a page saved while the main index is being written may or may not be in
    it as saved, so it stays live until a main index begun after that save is swapped in.
    Then the live bundle is written again for the pages still live, against the new main
    bundle, and its list follows the swap at once: a browser that read the list in
    between loads the new main bundle under the old list's name for it, and the next
    search's list tells it to load the main bundle again. Each live generation is written
    beside the last ones and the list replaced by a rename; the last
    :data:`KEPT_GENERATIONS` stay, for a tab that read an older list.
    """

    def __init__(self, quiet: float = QUIET) -> None:
        self.quiet = quiet
        """Seconds without a rebuild before the main index is written again (once there is
        one): the live bundle has what was saved, and a burst of saves costs one run."""
        self._quiet_from = -float("inf")
        self._lock = threading.Lock()
        """Guards the fields below (held for moments only)."""
        self._publish = threading.Lock()
        """One writer at a time of what is served (the live bundle, its list, the swap)."""
        self._site: Path | None = None
        self._changed: dict[str, int] = {}
        """Site path of each dancer page changed since the main index was begun: the
        number of the rebuild that last changed it."""
        self._rebuilds = 0
        self._requested = False
        self._full_wanted = self._full_running = False
        self._live_wanted = self._live_running = False
        self._main: tuple[str | None, dict[str, Indexed]] = (None, {})
        """The served main bundle: its name (:func:`bundle_pages`) and its pages by URL."""
        self._generation = 0
        self.last: IndexReport | None = None
        self.last_live: IndexReport | None = None
        self.finished = threading.Event()

    def rebuilt(self, site_dir: str | Path, changed: Iterable[str] = ()) -> None:
        """After a rebuild: ``changed``, the site paths of the pages it wrote anew or
        deleted (``dancers/<slug>/index.html``). The serve's first build has no main
        index to amend, and a rebuild that rewrote more than :data:`LIVE_LIMIT` dancer
        pages is no live edit (a change that every page shows, as of a template): both
        are left to the main index."""
        pages = sorted({path for path in changed if is_indexed(path)})
        with self._lock:
            self._site = Path(site_dir)
            first, self._requested = not self._requested, True
            self.finished.clear()
            if not first and 0 < len(pages) <= LIVE_LIMIT:
                self._rebuilds += 1
                for path in pages:
                    self._changed[path] = self._rebuilds
                self._live_wanted = True
                self._quiet_from = time.monotonic()
                if not self._live_running:
                    self._live_running = True
                    self._start(self._live_work, "anthology-search-live")
            self._full_wanted = True
            if not self._full_running:
                self._full_running = True
                self._start(self._full_work, "anthology-search-index")

    @staticmethod
    def _start(work: Callable[[], None], name: str) -> None:
        threading.Thread(target=work, name=name, daemon=True).start()

    def _idle(self) -> None:
        """Called with the lock held, by a thread about to end."""
        if not self._live_running and not self._full_running:
            self.finished.set()

    def _live_work(self) -> None:
        while True:
            with self._lock:
                if not self._live_wanted:
                    self._live_running = False
                    self._idle()
                    return
                self._live_wanted = False
                site = self._site
            assert site is not None
            try:
                with self._publish:
                    start, cpu = time.perf_counter(), _children_cpu()
                    listing, pages = self._write_live(site, *self._main)
                    self._publish_listing(site, listing)
                    self.last_live = _report(site / LIVE_BUNDLE, pages, start, cpu)
                log.info(
                    "anthology: live search index of %d saved pages written in %.2f s",
                    len(listing["pages"]),
                    self.last_live.seconds,
                )
            except (SearchIndexError, OSError) as error:
                log.warning("anthology: the live search index was not written: %s", error)

    def _full_work(self) -> None:
        while True:
            with self._lock:
                if not self._full_wanted:
                    self._full_running = False
                    self._idle()
                    return
                wait = 0.0
                if self._main[0] is not None:  # the first main index is not kept waiting
                    wait = self._quiet_from + self.quiet - time.monotonic()
                if wait <= 0:
                    self._full_wanted = False
                    site, begun = self._site, self._rebuilds
            if wait > 0:
                time.sleep(min(wait, 0.25))
                continue
            assert site is not None
            fresh = site / f".{BUNDLE}-next"
            start, cpu = time.perf_counter(), _children_cpu()
            try:
                # The first main index is what a new serve's search waits for: not yielding.
                count = write_bundle(site, fresh, yielding=self._main[0] is not None)
                main = bundle_pages(fresh)
                with self._publish:
                    with self._lock:
                        for path, rebuild in list(self._changed.items()):
                            if rebuild <= begun:  # the new main bundle has it as saved
                                del self._changed[path]
                    try:
                        listing, _ = self._write_live(site, *main)
                    except (SearchIndexError, OSError) as error:  # the main index all the same
                        log.warning("anthology: the live search index was not written: %s", error)
                        with self._lock:
                            self._generation += 1
                            listing = self._listing(self._generation, main[0], None, [], [])
                    swap_in(fresh, site / BUNDLE)
                    self._main = main
                    self._publish_listing(site, listing)
                self.last = _report(site / BUNDLE, count, start, cpu)
                log.info(
                    "anthology: search index of %d stories rewritten in %.1f s (%.1f s CPU)",
                    self.last.pages,
                    self.last.seconds,
                    self.last.cpu_seconds,
                )
            except (SearchIndexError, OSError, ValueError, KeyError) as error:
                shutil.rmtree(fresh, ignore_errors=True)
                log.warning("anthology: %s", error)

    def _write_live(
        self, site: Path, main_name: str | None, main: dict[str, Indexed]
    ) -> tuple[dict[str, Any], int]:
        """Index the pages changed since the main bundle was begun into a new generation
        of the live bundle; its list (for ``main``) and the number of pages indexed."""
        with self._lock:
            changed = sorted(self._changed)
            self._generation += 1
            generation = self._generation
        root = site / LIVE_BUNDLE
        present: list[tuple[str, str]] = []
        for path in changed:
            try:
                html = (site / path).read_text("utf-8")
            except FileNotFoundError:  # deleted: listed, so its stale entry is dropped
                continue
            if "data-pagefind-body" in html:
                present.append((path, html))
        bundle, count = None, 0
        if present:
            root.mkdir(parents=True, exist_ok=True)
            fresh = root / f".{generation}-next"
            with tempfile.TemporaryDirectory(prefix="anthology-live-") as folder:
                source = Path(folder)
                for path, html in present:
                    target = source / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(mark_live(html), "utf-8")
                count = write_bundle(source, fresh)
            fresh.rename(root / str(generation))
            bundle = f"{generation}/"
        indexed = {page_url(path) for path, _ in present}
        urls = [url for url in map(page_url, changed) if url in indexed or url in main]
        stale = [main[url] for url in urls if url in main]
        return self._listing(generation, main_name, bundle, urls, stale), count

    @staticmethod
    def _listing(
        generation: int,
        main_name: str | None,
        bundle: str | None,
        urls: list[str],
        stale: list[Indexed],
    ) -> dict[str, Any]:
        """What docs/javascripts/search.js reads: ``main``, the main bundle these ids are
        of (it loads the main bundle again when that changes); ``bundle``, the live
        bundle's folder in ``pagefind-live/`` (none if no saved page is left to index);
        ``pages``, the URLs it covers; ``stale``, the ids of their versions in the main
        bundle, whose results are dropped; ``filters``, those versions' facet values,
        to take off the main bundle's counts."""
        filters: dict[str, dict[str, int]] = {}
        for page in stale:
            for name, values in page.filters.items():
                for value in values:
                    counts = filters.setdefault(name, {})
                    counts[value] = counts.get(value, 0) + 1
        return {
            "generation": generation,
            "main": main_name,
            "bundle": bundle,
            "pages": urls,
            "stale": sorted(page.id for page in stale),
            "filters": filters,
        }

    @staticmethod
    def _publish_listing(site: Path, listing: dict[str, Any]) -> None:
        root = site / LIVE_BUNDLE
        root.mkdir(parents=True, exist_ok=True)
        fresh = root / f".{LIVE_LIST}.next"
        fresh.write_text(json.dumps(listing, ensure_ascii=False), "utf-8")
        os.replace(fresh, root / LIVE_LIST)
        for child in root.iterdir():
            if child.name.isdigit() and int(child.name) <= listing["generation"] - KEPT_GENERATIONS:
                shutil.rmtree(child, ignore_errors=True)


@dataclass(frozen=True)
class Indexed:
    """A page in a Pagefind bundle: its id there and its facet values."""

    id: str
    filters: dict[str, list[str]]


def bundle_pages(bundle: Path) -> tuple[str, dict[str, Indexed]]:
    """A bundle's name (its languages' metadata hashes, which change with anything in
    it) and its pages by URL."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    name = ",".join(sorted(language["hash"] for language in entry["languages"].values()))
    pages = read_bundle(lambda path: (bundle / path).read_bytes())
    return name, {page["url"]: Indexed(page["id"], page.get("filters") or {}) for page in pages}


def is_indexed(path: str) -> bool:
    """A site path :data:`INDEXED` covers."""
    return path.startswith(f"{INDEXED_FOLDER}/") and path.endswith(".html")


def page_url(path: str) -> str:
    """Pagefind's URL of a site file: ``dancers/ana/index.html`` is ``/dancers/ana/``."""
    folder, _, name = path.rpartition("/")
    if name == "index.html":
        return f"/{folder}/" if folder else "/"
    return f"/{path}"


def mark_live(html: str) -> str:
    """The page as the live bundle indexes it: tagged ``live`` (a result's ``meta``)."""
    before, body, after = html.rpartition("</body>")
    return f"{before}{LIVE_MARK}{body}{after}" if body else html + LIVE_MARK


def read_bundle(fetch: Callable[[str], bytes]) -> list[dict[str, Any]]:
    """Every page in a Pagefind bundle: its ``url``, ``content``, ``meta`` and ``filters``.

    ``fetch`` reads a file of the bundle by its path there (from disk, or over HTTP from a
    served site). What the tests and the benchmark check the index with: the pages are
    listed in the language's metadata file (CBOR) and each is a gzipped JSON fragment.
    """
    entry = json.loads(fetch("pagefind-entry.json"))
    pages: list[dict[str, Any]] = []
    for language in entry["languages"].values():
        meta = cbor2.loads(unpack(fetch(f"pagefind.{language['hash']}.pf_meta")))
        for page in meta[1]:
            fragment = json.loads(unpack(fetch(f"fragment/{page[0]}.pf_fragment")))
            pages.append({**fragment, "id": page[0]})  # a search result's id
    return pages


def read_site_index(site_dir: str | Path) -> list[dict[str, Any]]:
    """:func:`read_bundle` of a built site's ``pagefind/`` folder."""
    bundle = Path(site_dir) / BUNDLE
    return read_bundle(lambda path: (bundle / path).read_bytes())
