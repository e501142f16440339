"""A reader in a real browser: Debian's chromium, driven by Playwright, on the built site.

The site is built once (``mkdocs build --strict``) and served on 127.0.0.1 under the
sub-path of ``site_url``, as GitHub project pages serve it. Every browser context refuses
requests that would leave that origin and records them, so a web font or a script from
another host fails the test that loaded it. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytest.register_assert_rewrite("tests.browser_support")

from builder.site.taxonomy import name_prefix, sort_key  # noqa: E402
from tests.browser_support import (  # noqa: E402
    AXE_JS,
    BIN,
    ENV,
    BuiltSite,
    Dancer,
    build_site,
    open_context,
    reader,
    screenshot,
    serve,
    site_prefix,
)
from tests.conftest import copy_project  # noqa: E402

pytest_plugins = ["tests.browser_support"]

PHONE = {"width": 375, "height": 812}


# --- choosing real data from the build ---------------------------------------------------


def browsing_route(site: BuiltSite) -> tuple[Dancer, str, Dancer]:
    """A dancer with a company, and a ballet of hers that another dancer also dances."""
    for dancer in site.dancers:
        if not dancer.meta.get("company"):
            continue
        for ballet in dancer.meta.get("ballets") or []:
            others = [
                d
                for d in site.dancers
                if d.slug != dancer.slug and ballet in (d.meta.get("ballets") or [])
            ]
            if others:
                return dancer, ballet, others[0]
    raise AssertionError("no two dancers share a ballet: the seeds cannot show browsing")


def with_role(site: BuiltSite) -> Dancer:
    dancers = [d for d in site.dancers if (d.meta.get("signature_role") or {}).get("role")]
    assert dancers, "no dancer has a signature role"
    return dancers[0]


def h1(page: Any) -> Any:
    return page.locator("article h1")


def follow(page: Any, within: str, name: str, url: str | re.Pattern[str] | None = None) -> None:
    """Click the first link named ``name`` in ``within`` (a CSS selector), as a reader
    does: the page it opens is headed ``name``, at ``url`` (the URL, or a pattern in it)."""
    page.locator(within).get_by_role("link", name=name, exact=True).first.click()
    expect(h1(page)).to_have_text(name)
    if isinstance(url, re.Pattern):
        assert url.search(page.url), page.url
    elif url is not None:
        assert page.url == url


# --- browsing ----------------------------------------------------------------------------


def test_a_reader_goes_home_company_dancer_ballet_dancer_by_clicking(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    dancer, ballet, other = browsing_route(built_site)
    company = dancer.meta["company"]
    with reader(browser, site_server) as page:
        page.goto(site_server)
        expect(h1(page)).to_have_text("The Dancer Anthology")
        screenshot(page, "desktop-light-home")

        follow(page, "article", company, re.compile(r"/companies/[^/]+/$"))
        screenshot(page, "desktop-light-company")
        follow(page, "article", dancer.name, site_server + dancer.path)
        expect(page.locator(".admonition")).to_contain_text(company)
        screenshot(page, "desktop-light-dancer")
        follow(page, ".admonition", ballet, re.compile(r"/ballets/[^/]+/$"))
        screenshot(page, "desktop-light-ballet")
        follow(page, "article", other.name, site_server + other.path)


def test_the_tabs_lead_to_every_index(browser: Any, site_server: str) -> None:
    with reader(browser, site_server) as page:
        page.goto(site_server)
        for tab in ("Dancers", "Companies", "Ballets", "Origins"):
            page.locator(".md-tabs").get_by_role("link", name=tab, exact=True).click()
            expect(h1(page)).to_have_text(tab)
            assert page.url == f"{site_server}{tab.lower()}/"
        screenshot(page, "desktop-light-index")


# --- search ------------------------------------------------------------------------------


def open_search(page: Any) -> Any:
    """Open the search from the header, as a reader does; the search box, focused."""
    button = page.locator("label.md-header__button[for='__search']")
    box = page.locator(".md-search__input")
    if button.is_visible():  # on a phone, search opens from a button in the header
        button.click()
    else:
        box.click()
    expect(page.locator("#__search")).to_be_checked()
    expect(box).to_be_focused()
    expect(page.locator(".md-search-result__meta")).to_contain_text("Type to start searching")
    return box


def search(page: Any, query: str) -> Any:
    """Type ``query`` into the header's search box; the results, once some show."""
    open_search(page).press_sequentially(query)
    settled(page, query)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    return results


def settled(page: Any, query: str) -> None:
    """Wait until the results shown are those of ``query``, not of a part of it typed
    before a pause (the search runs when typing pauses)."""
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-query", query)


def filter_search(page: Any, **chosen: str) -> None:
    """Open the search's filters and choose a value for each facet named."""
    filters = page.locator("[data-anthology-search-filters]")
    if not filters.evaluate("details => details.open"):
        filters.locator("summary").click()
    for facet, value in chosen.items():
        select = filters.locator(f"select[name='{facet}']")
        expect(select.locator("option")).not_to_have_count(1)  # filled from the index
        select.select_option(value=value)
    chosen = page.evaluate(
        "JSON.stringify(Object.fromEntries([...document.querySelectorAll("
        "'[data-anthology-filter]')].filter(s => s.value).map(s => [s.name, s.value])))"
    )
    expect(page.locator(".md-search-result__list")).to_have_attribute("data-filters", chosen)


def matching(page: Any) -> int:
    """The number of results the search reports ("12 matching dancers")."""
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("matching dancer")
    text = meta.inner_text()
    return 0 if text.startswith("No") else int(text.split()[0].replace(",", ""))


def companies_of(dancer: Dancer) -> set[str]:
    meta = dancer.meta
    return {*(meta.get("companies") or []), *([meta["company"]] if meta.get("company") else [])}


def ballets_of(dancer: Dancer) -> set[str]:
    ballet = (dancer.meta.get("signature_role") or {}).get("ballet")
    return {*(dancer.meta.get("ballets") or []), *([ballet] if ballet else [])}


@pytest.mark.parametrize("by", ["name", "company", "role"])
def test_search_finds_a_dancer_and_opens_her_page(
    browser: Any, site_server: str, built_site: BuiltSite, by: str
) -> None:
    if by == "role":
        dancer = with_role(built_site)
        query = dancer.meta["signature_role"]["role"].split("/")[0]
    else:
        dancer = next(d for d in built_site.dancers if d.meta.get("company"))
        query = dancer.name if by == "name" else dancer.meta["company"]
    with reader(browser, site_server) as page:
        page.goto(site_server + "about/")

        results = search(page, query)
        hit = results.filter(has=page.locator("h1", has_text=dancer.name))
        expect(hit).to_have_count(1)
        if by == "company":
            screenshot(page, "desktop-light-search")
        hit.locator("a").first.click()
        expect(h1(page)).to_have_text(dancer.name)
        assert page.url.split("?")[0].split("#")[0] == site_server + dancer.path


def test_search_offers_dancers_not_index_listings(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    company = next(d.meta["company"] for d in built_site.dancers if d.meta.get("company"))
    with reader(browser, site_server) as page:
        page.goto(site_server)
        results = search(page, company)
        hrefs = results.locator("a").evaluate_all("links => links.map(a => a.href)")
        assert any(f"{site_server}dancers/" in href for href in hrefs), hrefs
        listings = [f"{site_server}{kind}/" for kind in ("companies", "ballets", "origins")]
        assert not [href for href in hrefs if href.startswith(tuple(listings))], hrefs


def test_search_shows_her_company_role_and_origin_with_the_passage(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    dancer = with_role(built_site)
    role = dancer.meta["signature_role"]
    with reader(browser, site_server) as page:
        page.goto(site_server)
        results = search(page, dancer.name)
        hit = results.filter(has=page.locator("h1", has_text=dancer.name)).first
        if dancer.meta.get("company"):
            expect(hit).to_contain_text(dancer.meta["company"])
        expect(hit).to_contain_text(role["role"])
        country = (dancer.meta.get("origin") or {}).get("country")
        if country:
            expect(hit).to_contain_text(country)
        # The matching passage, with the words found marked.
        expect(hit.locator("mark").first).to_be_visible()


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_a_key_opens_the_search_and_the_keyboard_walks_the_results(
    browser: Any, site_server: str, built_site: BuiltSite, key: str
) -> None:
    company = next(d.meta["company"] for d in built_site.dancers if d.meta.get("company"))
    with reader(browser, site_server) as page:
        page.goto(site_server + "about/")
        box = page.locator(".md-search__input")
        page.keyboard.press(key)
        expect(page.locator("#__search")).to_be_checked()
        expect(box).to_be_focused()
        expect(box).to_have_value("")  # the key opened the search; it was not typed
        page.keyboard.press("Escape")
        expect(page.locator("#__search")).not_to_be_checked()

        page.keyboard.press(key)
        page.keyboard.type(company)
        settled(page, company)
        links = page.locator(".md-search-result__link")
        expect(links.first).to_be_visible()
        page.keyboard.press("ArrowDown")
        expect(links.nth(0)).to_be_focused()
        if links.count() > 1:
            page.keyboard.press("ArrowDown")
            expect(links.nth(1)).to_be_focused()
            page.keyboard.press("ArrowUp")
            expect(links.nth(0)).to_be_focused()
        title = links.nth(0).locator("h1").inner_text()
        href = links.nth(0).get_attribute("href")
        page.keyboard.press("Enter")
        expect(h1(page)).to_have_text(title)
        assert page.url.endswith(href), (page.url, href)


def test_search_filters_by_company_ballet_origin_and_role(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    """ "Swan Lake, Bolshoi Ballet": the facets alone, then with words."""
    dancer, ballet, _ = browsing_route(built_site)
    company = dancer.meta["company"]
    both = {d.name for d in built_site.dancers if company in companies_of(d)}
    both &= {d.name for d in built_site.dancers if ballet in ballets_of(d)}
    with reader(browser, site_server) as page:
        page.goto(site_server)
        open_search(page)
        filter_search(page, company=company, ballet=ballet)
        assert matching(page) == len(both)
        names = page.locator(".md-search-result__item h1")
        expect(names).to_have_count(min(len(both), 10))
        assert set(names.all_inner_texts()) <= both
        screenshot(page, "desktop-light-search-filtered")

        country = (dancer.meta.get("origin") or {}).get("country")
        role = (dancer.meta.get("signature_role") or {}).get("role")
        if country:
            filter_search(page, origin=country)
            expect(page.locator(".md-search-result__item h1", has_text=dancer.name)).to_be_visible()
        if role:
            filter_search(page, role=role)
            expect(page.locator(".md-search-result__item h1", has_text=dancer.name)).to_be_visible()
        page.locator(".md-search__input").press_sequentially(dancer.name.split()[0])
        settled(page, dancer.name.split()[0])
        expect(page.locator(".md-search-result__item h1", has_text=dancer.name)).to_be_visible()


INDEX_PARTS = ("/pagefind/index/", "/pagefind/fragment/", "/pagefind/filter/")
"""Where Pagefind keeps the index itself: its chunks, each page's fragment, the filters."""


def test_a_page_loads_no_search_index_until_the_reader_searches(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    """The engine starts once the page is idle (so the first search is quick), but not one
    chunk of the index is fetched until she searches, and then only from the site."""
    dancer = built_site.dancers[0]
    context, watch = open_context(browser, site_server)
    page = context.new_page()
    page.goto(site_server + dancer.path)
    expect(h1(page)).to_have_text(dancer.name)
    page.wait_for_load_state("networkidle")
    engine = [r for r in watch.requests if "/pagefind/" in r]
    assert site_server + "pagefind/pagefind.js" in engine, "the engine is not warmed up"
    assert not [r for r in engine if any(part in r for part in INDEX_PARTS)], engine
    search(page, dancer.name)
    fetched = [r for r in watch.requests if "/pagefind/" in r]
    assert [r for r in fetched if "/pagefind/index/" in r], "the search fetched no chunk"
    assert all(r.startswith(site_server + "pagefind/") for r in fetched), fetched
    assert not [r for r in watch.requests if "search_index" in r], "the old whole index"
    # A built site has no live index (a serve's, of the pages saved since its index was
    # written) and asks for none.
    dialog = page.locator("[data-anthology-search]")
    assert dialog.get_attribute("data-anthology-live-search") is None
    assert not [r for r in watch.requests if "pagefind-live" in r], watch.requests
    assert not (built_site.site / "pagefind-live").exists()
    context.close()
    assert watch.clean(), watch.report()


def test_a_reader_saving_data_downloads_nothing_of_the_search_until_she_searches(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    """Her browser's Save-Data setting (navigator.connection.saveData) keeps the engine
    unloaded until she reaches for the search; it then works as for anyone."""
    dancer = built_site.dancers[0]
    context, watch = open_context(browser, site_server)
    context.add_init_script(
        "Object.defineProperty(navigator, 'connection', {value: {saveData: true}})"
    )
    page = context.new_page()
    page.goto(site_server + dancer.path)
    expect(h1(page)).to_have_text(dancer.name)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # past the idle moment when the engine would start
    assert not [r for r in watch.requests if "/pagefind/" in r], watch.requests
    results = search(page, dancer.name)
    expect(results.locator("h1", has_text=dancer.name).first).to_be_visible()
    context.close()
    assert watch.clean(), watch.report()


def test_search_works_in_a_copy_of_the_site_served_at_another_path(
    browser: Any, built_site: BuiltSite, tmp_path: Path
) -> None:
    """Offline: site/ copied elsewhere and served by any static server, at its root."""
    copy = tmp_path / "copy"
    shutil.copytree(built_site.site, copy)
    dancer = next(d for d in built_site.dancers if d.meta.get("company"))
    with serve(copy, "/") as base, reader(browser, base) as page:
        page.goto(base + dancer.path)
        results = search(page, dancer.name)
        results.filter(has=page.locator("h1", has_text=dancer.name)).locator("a").first.click()
        expect(h1(page)).to_have_text(dancer.name)
        assert page.url == base + dancer.path


def test_while_serving_an_edit_is_found_at_once_by_an_open_page_and_a_new_one(
    browser: Any, built_site: BuiltSite, tmp_path: Path
) -> None:
    """``make serve`` (``mkdocs serve --dirty``): a story's new words are found by the
    site's own search within moments of the save, with the new passage, in a page opened
    before the save (its live reload held back, so it keeps the engine it had) and in one
    opened after; the words it lost no longer find her; a deleted story's dancer is no
    longer found. The whole index is held back ten minutes here (``reindex_after``), so
    all of it comes from the live index of the saved pages (builder/mkdocs/search.py,
    ServedIndex). How soon, at scale, the benchmark measures (bench/live.py)."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      seeds: seeds\n" in text
    held = text.replace("      seeds: seeds\n", "      seeds: seeds\n      reindex_after: 600\n")
    config.write_text(held, encoding="utf-8")
    dancer = built_site.dancers[len(built_site.dancers) // 2]
    gone = next(d for d in built_site.dancers if d.meta["source"] != dancer.meta["source"])
    seed = project / dancer.meta["source"]
    old, new = "glissandrovna", "sautillettka"
    seed.write_bytes(seed.read_bytes() + f"\n\nShe rehearsed the {old} step.\n".encode())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}{site_prefix()}"
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [BIN / "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
    )
    try:
        context, watch = open_context(browser, base)
        opened = context.new_page()
        deadline = time.monotonic() + 300
        while not _answers(opened, base + "about/"):
            assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.5)
        opened.route("**/livereload/**", lambda route: route.abort())  # stays as loaded
        opened.reload()
        assert _found_in(opened, old) == [dancer.name]  # from the main index
        assert gone.name in _found_in(opened, f'"{gone.name}"')
        saved = time.monotonic()
        seed.write_text(seed.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        while _found_in(opened, new) != [dancer.name]:
            assert time.monotonic() - saved < 60, f"{new!r} not found in the open page"
        print(f"an edit found by an open page {time.monotonic() - saved:.1f} s after the save")
        passage = opened.locator(".md-search-result__item mark").first
        expect(passage).to_have_text(re.compile(new, re.I))
        assert _found_in(opened, old) == []
        fresh = context.new_page()
        fresh.goto(base + "about/")
        assert _found_in(fresh, new) == [dancer.name]
        assert _found_in(fresh, old) == []
        # Her company's facet counts her once, not her stale entry as well.
        company = dancer.meta.get("company")
        assert company, "the chosen dancer has no company"
        dancing = [d for d in built_site.dancers if company in _companies(d)]
        fresh.locator("[data-anthology-search-filters] summary").click()
        option = fresh.locator("select[name='company'] option")
        option = option.filter(has_text=re.compile(rf"^{re.escape(company)} \(\d+\)$"))
        expect(option).to_have_text(f"{company} ({len(dancing)})")
        (project / gone.meta["source"]).unlink()
        deleted = time.monotonic()
        while gone.name in _found_in(opened, f'"{gone.name}"'):
            assert time.monotonic() - deleted < 60, f"{gone.name} still found in the open page"
        fresh.goto(base + "about/")
        assert gone.name not in _found_in(fresh, f'"{gone.name}"')
        # All of it from the live index: the whole one still has the story as it was.
        main = _served_main_index(base)
        assert any(old in page["content"] for page in main)
        assert not any(new in page["content"] for page in main)
        context.close()
        assert not watch.foreign, watch.report()
    finally:
        server.terminate()
        server.wait(30)
        log.close()


def _companies(dancer: Dancer) -> set[str]:
    """The companies the search's facet gives her (overrides/main.html)."""
    return {*(dancer.meta.get("companies") or []), dancer.meta.get("company") or ""} - {""}


def _found_in(page: Any, query: str) -> list[str]:
    """The dancers the site's search box shows for ``query`` in ``page`` (typed anew)."""
    box = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    if not page.locator("#__search").is_checked():
        open_search(page)
    box.fill("")
    expect(meta).to_contain_text("Type to start searching")  # the last results cleared
    box.press_sequentially(query)
    settled(page, query)
    if "No matching" in meta.inner_text():
        return []
    return page.locator(".md-search-result__item h1").all_inner_texts()


def _served_main_index(base: str) -> list[dict[str, Any]]:
    import urllib.request

    from builder.mkdocs.search import read_bundle

    def fetch(path: str) -> bytes:
        with urllib.request.urlopen(base + "pagefind/" + path, timeout=30) as response:
            return response.read()

    return read_bundle(fetch)


def _answers(page: Any, url: str) -> bool:
    try:
        return page.goto(url).ok
    except Exception:  # not listening yet
        return False


# --- phone, palette ----------------------------------------------------------------------


def test_on_a_phone_nothing_overflows_and_the_menu_navigates(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    dancer, _, _ = browsing_route(built_site)
    with reader(
        browser, site_server, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    ) as page:
        pages = {
            "home": "",
            "dancer": dancer.path,
            "index": "dancers/",
            "company": "companies/",
            "about": "about/",
        }
        for name, path in pages.items():
            page.goto(site_server + path)
            expect(h1(page)).to_be_visible()
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], f"{path or 'home'} is {width[0]}px wide on a 375px phone"
            screenshot(page, f"phone-light-{name}")

        page.goto(site_server + dancer.path)
        page.locator("label.md-header__button[for='__drawer']").click()
        drawer = page.locator(".md-sidebar--primary nav.md-nav--primary")
        expect(drawer).to_be_visible()
        screenshot(page, "phone-light-menu")
        drawer.get_by_role("link", name="Companies", exact=True).click()
        expect(h1(page)).to_have_text("Companies")
        assert page.url == site_server + "companies/"

        results = search(page, dancer.name)
        # Material opens search on a phone by scaling a circle up to cover the screen: while
        # that transition runs the page is briefly wider; what the reader then sees is not.
        page.wait_for_function(
            "document.getAnimations().every(a => a.playState !== 'running')", timeout=10_000
        )
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], "the search overlay is wider than the phone"
        screenshot(page, "phone-light-search")
        results.filter(has=page.locator("h1", has_text=dancer.name)).locator("a").first.click()
        expect(h1(page)).to_have_text(dancer.name)


def scheme(page: Any) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme") or ""


def test_the_light_dark_toggle_works_and_is_remembered(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    dancer = built_site.dancers[0]
    with reader(browser, site_server, color_scheme="light") as page:
        page.goto(site_server)
        assert scheme(page) == "default"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")

        page.locator("label[title='Switch to dark mode']").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
        screenshot(page, "desktop-dark-home")

        follow(page, "article", dancer.name)
        assert scheme(page) == "slate", "the dark palette was forgotten on the next page"
        screenshot(page, "desktop-dark-dancer")

        again = page.context.new_page()  # a new tab of the same browser profile
        again.goto(site_server + "companies/")
        assert scheme(again) == "slate", "the dark palette was forgotten in a new tab"
        again.locator("label[title='Switch to light mode']").click()
        expect(again.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        again.reload()
        assert scheme(again) == "default"


# --- the whole site: console, requests, the 404 page -------------------------------------


def test_every_page_loads_without_errors_or_requests_elsewhere(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    context, watch = open_context(browser, site_server)
    page = context.new_page()
    pages = [built_site.url_path(p) for p in built_site.pages() if p.name != "404.html"]
    for path in pages:
        response = page.goto(site_server + path)
        assert response is not None and response.status == 200, path
        expect(h1(page)).to_be_visible()
    context.close()
    assert watch.clean(), watch.report()
    assert watch.requests and all(r.startswith(watch.origin + "/") for r in watch.requests)
    assert not any(r.endswith((".woff", ".woff2", ".ttf")) for r in watch.requests)


def test_a_missing_page_gets_the_sites_own_404_page(browser: Any, site_server: str) -> None:
    with reader(browser, site_server) as page:
        response = page.goto(site_server + "dancers/nobody-by-this-name/?expect=404")
        assert response is not None and response.status == 404
        expect(h1(page)).to_have_text("Page not found")
        expect(page.locator(".md-header")).to_contain_text("The Dancer Anthology")
        screenshot(page, "desktop-light-404")
        page.locator("article").get_by_role("link", name="Dancers", exact=True).click()
        expect(h1(page)).to_have_text("Dancers")
        assert page.url == site_server + "dancers/"


# --- accessibility -----------------------------------------------------------------------

PAGE_TYPES = ["home", "dancer", "index", "term", "search", "404"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  "
        + "\n  ".join(f"{n['target']}: {n['failureSummary']}" for n in v["nodes"][:5])
        for v in violations
    )


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_serious_accessibility_problem(
    browser: Any, site_server: str, built_site: BuiltSite, kind: str, color_scheme: str
) -> None:
    dancer, _, _ = browsing_route(built_site)
    with reader(browser, site_server, color_scheme=color_scheme) as page:
        path = {
            "home": "",
            "dancer": dancer.path,
            "index": "dancers/",
            "search": "",
            "404": "no-such-page/?expect=404",
        }.get(kind, dancer.path)
        page.goto(site_server + path)
        if kind == "term":  # her company's page
            page.goto(site_server + dancer.path)
            page.locator(".admonition").get_by_role("link", name=dancer.meta["company"]).click()
        expect(h1(page)).to_be_visible()
        expected = "slate" if color_scheme == "dark" else "default"
        assert scheme(page) == expected
        if kind == "search":
            search(page, dancer.meta["company"])
        violations = axe_violations(page)
        if kind in ("dancer", "search"):
            screenshot(page, f"desktop-{color_scheme}-axe-{kind}")
        assert not violations, describe(violations)


# --- a large anthology: 1,000 generated stories -----------------------------------------

LARGE = 1_000


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltSite, str]]:
    """1,000 stories from the benchmark's generator (bench/corpus.py), built and served."""
    from bench.corpus import generate

    root = tmp_path_factory.mktemp("large")
    seeds = root / "seeds"
    seeds.mkdir()
    for story in generate(LARGE):
        (seeds / story.filename).write_bytes(story.data)
    # Not --strict: the generator gives some dancers one name, which the build reports.
    site = build_site(copy_project(root / "project", seeds=seeds), strict=False)
    assert len(site.dancers) == LARGE
    with serve(site.site, site_prefix()) as base:
        yield site, base


def test_a_large_anthology_keeps_every_page_small(large_site: tuple[BuiltSite, str]) -> None:
    site, _ = large_site
    sizes = {page: page.stat().st_size for page in site.pages()}
    largest = max(sizes, key=sizes.__getitem__)
    assert sizes[largest] < 150_000, f"{largest} is {sizes[largest]:,} bytes"
    assert (site.site / "dancers" / "a-z").is_dir(), "the dancers listing is not split"


def test_a_large_anthology_is_searched_by_a_phrase_from_a_story(
    browser: Any, large_site: tuple[BuiltSite, str]
) -> None:
    site, base = large_site
    context, watch = open_context(browser, base)
    page = context.new_page()
    for dancer in (site.dancers[1], site.dancers[LARGE // 2], site.dancers[-1]):
        sentence = next(iter(dancer.meta["evidence"].values()))["sentence"]
        words = re.findall(r"\w+", sentence)
        query = " ".join(dict.fromkeys([*dancer.name.split(), *words[:6]]))
        page.goto(base + "about/")
        results = search(page, query)
        hrefs = results.locator("a").evaluate_all("links => links.map(a => a.href)")
        assert base + dancer.path in hrefs, (query, hrefs)
    # Only chunks of the index: a fraction of what the whole index was (3.6 MB).
    fetched = {r for r in watch.requests if r.startswith(base + "pagefind/")}
    size = sum((site.site / r[len(base) :].split("?")[0]).stat().st_size for r in fetched)
    assert size < 500_000, f"the searches fetched {size:,} bytes of index"
    context.close()
    assert watch.clean(), watch.report()


def test_a_large_anthology_is_filtered_by_company_and_ballet(
    browser: Any, large_site: tuple[BuiltSite, str]
) -> None:
    site, base = large_site
    pairs = Counter(
        (company, ballet)
        for d in site.dancers
        for company in companies_of(d)
        for ballet in ballets_of(d)
    )
    (company, ballet), expected = pairs.most_common(1)[0]
    assert expected > 10, "a pair with more than one page of results"
    with reader(browser, base) as page:
        page.goto(base)
        open_search(page)
        filter_search(page, company=company, ballet=ballet)
        assert matching(page) == expected
        items = page.locator(".md-search-result__item")
        expect(items).to_have_count(10)
        page.locator("[data-anthology-search-more]").click()
        expect(items).to_have_count(min(expected, 20))
        for facts in items.locator(".anthology-result__facts").all_inner_texts():
            assert facts  # her company, role and origin under each name


def test_a_large_anthology_is_browsed_a_to_z_and_sorted(
    browser: Any, large_site: tuple[BuiltSite, str]
) -> None:
    site, base = large_site
    dancer = site.dancers[LARGE // 3]
    key = name_prefix(dancer.name, 1)
    letter = key.capitalize()
    with reader(browser, base) as page:
        page.goto(base)
        page.locator(".md-tabs").get_by_role("link", name="Dancers", exact=True).click()
        expect(h1(page)).to_have_text("Dancers")
        page.locator("article").get_by_role("link", name=letter, exact=True).click()
        expect(h1(page)).to_have_text(f"Dancers: {letter}")
        assert page.url == f"{base}dancers/a-z/{key}/"
        screenshot(page, "desktop-light-dancers-part")

        column = page.locator("article table tbody tr td:nth-child(2)")
        page.locator("article th").get_by_role("button", name="Company").click()
        expect(page.locator("article th[aria-sort='ascending']")).to_have_text(
            re.compile("Company")
        )
        companies = [c for c in column.all_inner_texts() if c != "—"]
        assert companies == sorted(companies, key=sort_key), companies[:20]
        page.locator("article th").get_by_role("button", name="Company").click()
        expect(page.locator("article th[aria-sort='descending']")).to_have_text(
            re.compile("Company")
        )

        follow(page, "article", dancer.name)
        page.go_back()
        following = page.locator("article").get_by_role("link", name=re.compile(" →$"))
        if following.count():
            following.first.click()
            expect(h1(page)).to_have_text(re.compile(r"^Dancers: "))
