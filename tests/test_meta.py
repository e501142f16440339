"""Sharing and discovery, and the markup itself, read from the built site's HTML.

* ``sitemap.xml`` lists every page at its published address;
* every page has its own ``<meta name="description">`` and OpenGraph tags;
* dancer pages carry schema.org JSON-LD (a Person, member of her company, and her story
  as a CreativeWork) that parses and names the values her page shows;
* the 404 page is the project's own;
* the Nu HTML Checker (``vnu-jar``) finds no error in the markup the project writes.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import pytest

pytest.register_assert_rewrite("tests.browser_support")

from tests.browser_support import VNU_JAR, BuiltSite, Dancer, site_url  # noqa: E402

pytest_plugins = ["tests.browser_support"]


class _Head(HTMLParser):
    """The ``<meta>``, ``<link rel=canonical>``, JSON-LD and ``<h1>`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.json_ld: list[str] = []
        self.h1 = ""
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in values or "property" in values):
            key = values.get("property") or values["name"]
            self.meta.setdefault(key, []).append(values.get("content", ""))
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in = "ld"
            self.json_ld.append("")
        elif tag in ("h1", "title"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "h1", "title"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "ld":
            self.json_ld[-1] += data
        elif self._in == "h1":
            self.h1 += data
        elif self._in == "title":
            self.title += data

    def one(self, key: str) -> str:
        found = self.meta.get(key, [])
        assert len(found) == 1, f"{key}: {found}"
        return found[0]


def head(built_site: BuiltSite, url_path: str) -> _Head:
    parser = _Head()
    page = (
        built_site.site / url_path / "index.html"
        if not url_path.endswith(".html")
        else (built_site.site / url_path)
    )
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def content_pages(built_site: BuiltSite) -> list[str]:
    return [built_site.url_path(p) for p in built_site.pages() if p.name != "404.html"]


# --- sitemap -------------------------------------------------------------------------------


def test_the_sitemap_lists_every_page_at_its_published_address(built_site: BuiltSite) -> None:
    root = ET.parse(built_site.site / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    assert len(locations) == len(set(locations))
    assert set(locations) == {site_url() + path for path in content_pages(built_site)}


# --- description and OpenGraph -------------------------------------------------------------


def test_every_page_has_its_own_description_and_opengraph_tags(built_site: BuiltSite) -> None:
    descriptions: dict[str, str] = {}
    for path in content_pages(built_site):
        tags = head(built_site, path)
        description = tags.one("description")
        assert len(description) >= 30, f"{path}: {description!r}"
        descriptions[path] = description
        address = site_url() + path
        assert tags.canonical == address
        assert tags.one("og:url") == address
        assert tags.one("og:description") == description
        assert tags.one("og:title") and tags.one("og:title") in tags.title
        assert tags.one("og:site_name") == "The Dancer Anthology"
        assert tags.one("og:type") == (
            "article" if path.count("/") == 2 and path.startswith("dancers/") else "website"
        )
        assert tags.one("twitter:card") == "summary"
    repeated = {d for d in descriptions.values() if list(descriptions.values()).count(d) > 1}
    assert not repeated, f"pages share a description: {repeated}"


def test_a_dancer_pages_description_says_who_she_is(built_site: BuiltSite) -> None:
    for dancer in built_site.dancers:
        description = head(built_site, dancer.path).one("description")
        assert description == dancer.meta["description"]
        assert dancer.name in description
        if dancer.meta.get("company"):
            assert dancer.meta["company"] in description


def test_markup_in_a_description_stays_text(built_site: BuiltSite) -> None:
    """Attributes are escaped: a quote in a seed could otherwise end the tag."""
    for page in built_site.pages():
        for match in re.finditer(
            r'<meta (?:name|property)="[^"]+" content="([^"]*)"', page.read_text("utf-8")
        ):
            assert "<" not in match.group(1), page


# --- JSON-LD -------------------------------------------------------------------------------


def graph_of(built_site: BuiltSite, dancer: Dancer) -> dict[str, dict[str, Any]]:
    scripts = head(built_site, dancer.path).json_ld
    assert len(scripts) == 1, dancer.path
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def test_dancer_pages_describe_the_dancer_and_her_story_as_json_ld(
    built_site: BuiltSite,
) -> None:
    for dancer in built_site.dancers:
        nodes = graph_of(built_site, dancer)
        person, story = nodes["Person"], nodes["CreativeWork"]
        address = site_url() + dancer.path
        assert person["name"] == dancer.meta["name"]
        assert person["url"] == address
        assert person["description"] == dancer.meta["description"]
        if dancer.meta.get("company"):
            assert person["memberOf"] == {"@type": "DanceGroup", "name": dancer.meta["company"]}
        else:
            assert "memberOf" not in person
        origin = dancer.meta.get("origin") or {}
        if origin.get("country"):
            assert person["homeLocation"]["address"]["addressCountry"] == origin["country"]
        if origin.get("city"):
            assert person["homeLocation"]["address"]["addressLocality"] == origin["city"]
        assert story["about"] == {"@id": person["@id"]}
        assert person["subjectOf"] == {"@id": story["@id"]}
        assert story["url"] == address
        assert story["wordCount"] == dancer.meta["words"]
        assert story["timeRequired"] == f"PT{dancer.meta['reading_minutes']}M"
        assert [b["name"] for b in story.get("mentions", [])] == dancer.meta["ballets"]
        assert story["isPartOf"]["url"] == site_url()


def test_at_least_one_dancer_shows_every_json_ld_field(built_site: BuiltSite) -> None:
    """The seeds name a company and a home town, so the JSON-LD is never all blanks."""
    full = [
        d
        for d in built_site.dancers
        if {"memberOf", "homeLocation"} <= set(graph_of(built_site, d)["Person"])
    ]
    assert full


def test_only_dancer_pages_carry_person_json_ld(built_site: BuiltSite) -> None:
    dancers = {d.path for d in built_site.dancers}
    for path in content_pages(built_site):
        if path not in dancers:
            assert head(built_site, path).json_ld == [], path


# --- the 404 page --------------------------------------------------------------------------


def test_the_404_page_is_the_projects_own(built_site: BuiltSite) -> None:
    tags = head(built_site, "404.html")
    assert tags.h1.strip() == "Page not found"
    assert tags.one("robots") == "noindex"
    text = (built_site.site / "404.html").read_text("utf-8")
    prefix = re.escape(re.sub(r"^https?://[^/]+", "", site_url()))
    # GitHub Pages serves it at any depth: its links must not be relative.
    assert re.search(rf'href="{prefix}dancers/"', text)
    assert 'href="../' not in text


# --- the Nu HTML Checker -------------------------------------------------------------------

MATERIAL_TEMPLATE_ERRORS = {
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off",
    # so that Firefox does not restore an open drawer or search when going back.
    "Attribute “autocomplete” is only allowed when the input type is": 'type="checkbox" id="__',
    # partials/nav.html: the table-of-contents label points at the "__toc" toggle, which
    # Material renders only where the page has a table of contents to toggle.
    "The value of the “for” attribute of the “label” element must be the ID": 'for="__toc"',
    # partials/nav-item.html: a section's label gets tabindex="" when navigation.indexes
    # gives it no index page of its own (the About section here).
    "Bad value “” for attribute “tabindex” on element “label”": 'class="md-nav__link" for="__nav_',
}
"""Errors in markup that Material's own templates write, with why they are left: each is
a deliberate choice of Material's (or harmless to readers), and overriding its templates
to change them would fork the theme for no one's benefit. Anything else fails the test."""


def from_material(message: dict[str, Any]) -> bool:
    return any(
        message["message"].startswith(start) and marker in message.get("extract", "")
        for start, marker in MATERIAL_TEMPLATE_ERRORS.items()
    )


def test_the_nu_html_checker_finds_no_error_in_the_projects_markup(
    built_site: BuiltSite,
) -> None:
    assert VNU_JAR.is_file(), "vnu-jar is not installed: run `make test` (npm ci)"
    pages = [str(p) for p in built_site.pages()]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    ours = [m for m in errors if not from_material(m)]
    assert not ours, "\n".join(
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()}"
        for m in ours
    )
