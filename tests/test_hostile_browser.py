"""No script from a seed ever runs: the hostile corpus, built and opened in Chromium.

Each markup seed tries to run code (``<script>``, ``onerror=``, ``javascript:`` and
``data:`` links, template syntax); the page must show that text literally and run none
of it. Live elements are checked in the DOM, not only in the HTML source.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.browser_support import open_context, screenshot

pytest_plugins = ["tests.browser_support"]

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECTED: dict[str, dict] = yaml.safe_load((HOSTILE / "expected.yaml").read_text("utf-8"))
SHOWN = {name: e for name, e in sorted(EXPECTED.items()) if "shows" in e}


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_hostile_text_is_shown_and_runs_nothing(hostile_server, browser, name: str) -> None:
    base = hostile_server
    expected = SHOWN[name]
    context, watch = open_context(browser, base)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}dancers/{expected['page']}/")
    story = page.locator(".story")
    assert expected["shows"] in " ".join(story.inner_text().split())
    for link in story.locator("a").all():  # nothing in a story may be a live link
        pytest.fail(f"live link in a story: {link.get_attribute('href')}")
    live = page.evaluate(
        """() => {
            const story = document.querySelector('.story');
            const bad = [...story.querySelectorAll('script, img, iframe, a, object, embed')];
            const handlers = [...story.querySelectorAll('*')].filter(
                el => [...el.attributes].some(a => a.name.startsWith('on')));
            return {elements: bad.length, handlers: handlers.length,
                    pwned: window.__pwned === undefined ? null : window.__pwned};
        }"""
    )
    assert live == {"elements": 0, "handlers": 0, "pwned": None}
    assert dialogs == []
    assert not watch.errors, watch.report()
    screenshot(page, f"hostile-{expected['page']}")
    context.close()
