"""Shared fixtures for the browser, publishing and metadata suites (a pytest plugin).

Test modules load it with ``pytest_plugins = ["tests.browser_support"]``, so the site is
built once per session, served once, and one browser is started, whichever of them run.

* ``built_site``: the seeds built by a real ``mkdocs build --strict`` in a throwaway copy
  of the project (mkdocs.yml, seeds/ committed to git as a clone has them, the
  hand-written docs, overrides/).
* ``site_server``: that site on a threaded HTTP server on 127.0.0.1, under the sub-path
  of ``site_url`` (``/dancer-anthology/``), as GitHub project pages serve it; a missing
  path gets the site's own ``404.html`` with status 404, as GitHub Pages does.
* ``hostile_project``, ``hostile_server``: the same for the hostile corpus
  (``tests/hostile/seeds``), built without ``--strict``.
* ``browser``: Debian's chromium driven by Playwright; every page a test opens through
  :func:`open_context` or :func:`reader` refuses requests that would leave 127.0.0.1
  and records them.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import frontmatter
import pytest
import yaml

from bench.chromium import CHROMIUM, CHROMIUM_ARGS, keep_on_origin, origin_of
from tests.conftest import ROOT, commit, copy_project

BIN = Path(sys.executable).parent
TESTS = Path(__file__).resolve().parent
ARTIFACTS = TESTS / "artifacts"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def site_url() -> str:
    """``site_url`` as mkdocs.yml sets it (the one place it is set)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)
    return str(config["site_url"])


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold ``!!python/name`` tags and such; they are not needed here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_prefix() -> str:
    """The path the site lives under, e.g. ``/dancer-anthology/``."""
    path = urlsplit(site_url()).path or "/"
    return path if path.endswith("/") else path + "/"


def mkdocs(project: Path, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "mkdocs"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=kwargs.pop("timeout", 300),
        check=False,
        env={**ENV, **kwargs.pop("env", {})},
        **kwargs,
    )


@dataclass(frozen=True)
class Dancer:
    """A dancer page's front matter, as the builder wrote it."""

    slug: str
    meta: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.meta["title"])

    @property
    def path(self) -> str:
        return f"dancers/{self.slug}/"


@dataclass(frozen=True)
class BuiltSite:
    project: Path
    site: Path
    dancers: tuple[Dancer, ...]

    def pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def url_path(self, page: Path) -> str:
        """``site/dancers/x/index.html`` -> ``dancers/x/``."""
        relative = page.relative_to(self.site).as_posix()
        return relative.removesuffix("index.html")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    commit(project, ["seeds"], "2026-01-15T09:30:00+01:00")  # dates the Atom feeds
    return build_site(project)


def build_site(project: Path, strict: bool = True) -> BuiltSite:
    """``mkdocs build`` of a project copy (``--strict`` unless told), and its dancers."""
    # A generous limit: the 1,000-story site takes a quarter of a minute on an idle machine.
    result = mkdocs(project, "build", *(["--strict"] if strict else []), timeout=1800)
    assert result.returncode == 0, result.stderr
    if strict:
        assert "WARNING" not in result.stderr, result.stderr
    dancers = tuple(
        Dancer(page.stem, dict(frontmatter.load(page).metadata))
        for page in sorted((project / "docs" / "dancers").glob("*.md"))
        if page.name != "index.md"
    )
    assert dancers, "the build wrote no dancer page"
    return BuiltSite(project, project / "site", dancers)


HOSTILE_SEEDS = TESTS / "hostile" / "seeds"


@pytest.fixture(scope="session")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus (``tests/hostile/seeds``) built by a real ``mkdocs build``, once
    for every suite that reads it. Not --strict: its broken seeds are reported on purpose."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project", HOSTILE_SEEDS)
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    return project


# --- serving ---------------------------------------------------------------------------


def _handler(site: Path, prefix: str) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def translate_path(self, path: str) -> str:
            clean = path.split("?", 1)[0].split("#", 1)[0]
            if not clean.startswith(prefix):
                return str(site / "__outside_the_site__")
            return super().translate_path("/" + clean[len(prefix) :])

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            not_found = site / "404.html"
            if code != 404 or not not_found.is_file():
                super().send_error(code, message, explain)
                return
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    Handler.extensions_map = {
        **Handler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".xml": "application/xml",
    }
    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A checker that reads a response's headers and hangs up is not a server fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:PORT{prefix}``; yields that URL."""
    server = _Server(("127.0.0.1", 0), _handler(site, prefix))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_server(built_site: BuiltSite) -> Iterator[str]:
    """The base URL of the built site, served under the sub-path of ``site_url``."""
    with serve(built_site.site, site_prefix()) as base:
        yield base


@pytest.fixture(scope="session")
def hostile_server(hostile_project: Path) -> Iterator[str]:
    """The base URL of the built hostile corpus, served like :func:`site_server`."""
    with serve(hostile_project / "site", site_prefix()) as base:
        yield base


# --- the browser ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), "chromium is not installed: run `make test`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What a page did besides rendering: console errors, failed and foreign requests."""

    origin: str
    foreign: list[str]
    """Requests refused for leaving ``origin``: the very list :func:`keep_on_origin` fills,
    so it is always given (a fresh list that nothing fills would pass every page)."""
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def troubles(self) -> dict[str, list[str]]:
        """What a page must not do, by what the report calls it: one list for
        :meth:`clean` and :meth:`report`, so a kind of trouble cannot be checked unsaid."""
        return {
            "console errors": self.errors,
            "failed requests": self.failed,
            f"requests leaving {self.origin}": self.foreign,
        }

    def clean(self) -> bool:
        return not any(self.troubles().values())

    def report(self) -> str:
        return "\n".join(f"{label}: {found}" for label, found in self.troubles().items())


def open_context(browser: Any, base: str, **options: Any) -> tuple[Any, Watch]:
    """A fresh browser context (own storage) whose every request is watched.

    A request to any origin but the site's is aborted before it leaves the machine and
    recorded in ``watch.foreign``; responses of 400 and over and network failures are
    recorded in ``watch.failed``, console errors and uncaught exceptions in ``watch.errors``.
    """
    context = browser.new_context(**options)
    watch = Watch(origin_of(base), keep_on_origin(context, base))

    def on_page(page: Any) -> None:
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and not expected_404_message(m)
                and watch.errors.append(f"{page.url}: {m.text}")
            ),
        )
        page.on("pageerror", lambda e: watch.errors.append(f"{page.url}: {e}"))
        page.on("request", lambda r: watch.requests.append(r.url))
        page.on(
            "requestfailed",
            lambda r: (
                not cancelled(r)
                and r.url not in watch.foreign
                and watch.failed.append(f"{r.url}: {r.failure}")
            ),
        )
        page.on(
            "response",
            lambda r: (
                r.status >= 400
                and not expected_404(r)
                and watch.failed.append(f"{r.url}: HTTP {r.status}")
            ),
        )

    context.on("page", on_page)
    return context, watch


@contextlib.contextmanager
def reader(browser: Any, base: str, **options: Any) -> Iterator[Any]:
    """A page in a fresh watched context (:func:`open_context`), as one reader opens it.

    On leaving the block the context is closed, and the page must have done nothing but
    render: no console error, failed request or request leaving the site's origin.
    """
    context, watch = open_context(browser, base, **options)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert watch.clean(), watch.report()


def expected_404(response: Any) -> bool:
    """A test that opens a missing page on purpose marks it with ``?expect=404``."""
    return response.status == 404 and "expect=404" in response.url


def cancelled(request: Any) -> bool:
    """A request the browser dropped itself, because the reader moved on to another page
    (or the test closed it) before it finished: not a failure of the site. A missing file
    shows as a 404 response and a refused connection as its own error, both recorded."""
    return request.failure == "net::ERR_ABORTED"


def expected_404_message(message: Any) -> bool:
    """Chromium logs every 404 response to the console: not an error when it was sought."""
    return "expect=404" in (message.location or {}).get("url", "") and "404" in message.text


def screenshot(page: Any, name: str) -> Path:
    """Write a full-page screenshot to ``tests/artifacts/<name>.png`` for a person to see."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
