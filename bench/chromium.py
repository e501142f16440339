"""Debian's Chromium and the flags every headless run of it here uses.

One place for the benchmark's live edit (bench/live.py) and the browser tests
(tests/browser_support.py): a flag added for one is then added for both. No imports
from bench/, so the tests can import it as ``bench.chromium``.
"""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
