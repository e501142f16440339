"""Debian's Chromium, the flags every headless run of it here uses, and its one origin.

One place for the benchmark's live edit and search (bench/live.py, bench/search.py) and
the browser tests (tests/browser_support.py): a flag added for one is then added for
all, and a page measured or tested never reaches past the site it was opened on. No
imports from bench/, so the tests can import it as ``bench.chromium``.
"""

from __future__ import annotations

import shutil
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def origin_of(url: str) -> str:
    """``http://127.0.0.1:8000/dancer-anthology/`` -> ``http://127.0.0.1:8000``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def keep_on_origin(context: Any, base: str) -> list[str]:
    """Abort every request of a Playwright browser ``context`` that would leave the
    origin of ``base`` (``data:`` and ``blob:`` stay in the page) before it leaves the
    machine; the list it returns fills with the URLs refused."""
    origin = origin_of(base)
    foreign: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith((origin + "/", "data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    return foreign
