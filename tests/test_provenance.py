"""Every fact with its source, for readers: on each dancer page, each value read from the
story opens (a native ``<details>``) on the sentence it came from; a value an editor set
says so; an inferred role says so, on her page and on every index that lists it.

Checked on the built site of the seeds and of the hostile corpus (real ``mkdocs build``),
and in Chromium with the keyboard alone.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import frontmatter
import pytest
from playwright.sync_api import expect

pytest.register_assert_rewrite("tests.browser_support")

from builder.model import Evidence, Metadata, Origin, SignatureRole, Story  # noqa: E402
from builder.site.render import render_site  # noqa: E402
from tests.browser_support import (  # noqa: E402
    AXE_JS,
    BuiltSite,
    open_context,
    screenshot,
)

pytest_plugins = ["tests.browser_support"]

LABELS = {
    "name": "name",
    "company": "company",
    "companies": "companies",
    "signature_role": "signature role",
    "ballets": "ballets",
    "origin": "origin",
    "schools": "schools",
    "people": "people in the story",
}
"""Each field, as its source's control names it to a screen reader ("source of the …")."""
INFERRED = "(the ballet's lead, inferred)"
EDITED = "(set by an editor)"


class _Glance(HTMLParser):
    """The "At a glance" list of a dancer page: each item's text, and the sentences of
    each source in it by the field it names."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: dict[str, list[str]] = {}
        self.items: list[str] = []
        self._depth = 0  # inside the admonition
        self._label: list[str] | None = None
        self._sentence: list[str] | None = None
        self._field = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "admonition" in classes:
            self._depth = 1
        elif self._depth and tag == "div":
            self._depth += 1
        if not self._depth:
            return
        if tag == "li":
            self.items.append("")
        elif tag == "span" and "visually-hidden" in classes:
            self._label = []
        elif tag == "q":
            self._sentence = []

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "div":
            self._depth -= 1
        elif tag == "span" and self._label is not None:
            label = "".join(self._label).strip().removeprefix("of the ")
            self._field = next(f for f, text in LABELS.items() if text == label)
            self.sources[self._field] = []
            self._label = None
        elif tag == "q" and self._sentence is not None:
            self.sources[self._field].append("".join(self._sentence))
            self._sentence = None

    def handle_data(self, data: str) -> None:
        if not self._depth:
            return
        if self.items:
            self.items[-1] += data
        for part in (self._label, self._sentence):
            if part is not None:
                part.append(data)


def glance(page: Path) -> _Glance:
    parser = _Glance()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def shown(meta: dict[str, Any], field: str) -> bool:
    """Whether the page lists the field (the template's own rules)."""
    value = meta.get(field)
    if field == "companies":
        return len(value) > 1 or bool(value and value[0] != meta.get("company"))
    if isinstance(value, dict):
        return any(v for k, v in value.items() if k != "inferred")
    return bool(value)


def check_every_fact_has_its_source(docs: Path, site: Path) -> int:
    """Every extracted field a dancer page shows opens on its sentences; every edited one
    says so; returns how many facts were checked."""
    checked = 0
    for source_page in sorted((docs / "dancers").glob("*.md")):
        if source_page.name == "index.md":
            continue
        meta = frontmatter.load(source_page).metadata
        found = glance(site / "dancers" / source_page.stem / "index.html")
        for field in LABELS:
            if not shown(meta, field):
                continue
            item = next(i for i in found.items if i.startswith(_LABEL_OF[field]))
            if field in meta["edited_fields"]:
                assert EDITED in item, f"{source_page.name}: {field} set by an editor, unsaid"
                assert field not in found.sources, f"{source_page.name}: stale sentence"
            else:
                sentences = found.sources.get(field)
                assert sentences, f"{source_page.name}: {field} shown without its source"
                assert meta["evidence"][field]["sentence"] in sentences, source_page.name
                story = (site / "dancers" / source_page.stem / "index.html").read_text("utf-8")
                for sentence in sentences:
                    assert html.escape(sentence, quote=False) in story.split('"story"', 1)[1]
            checked += 1
        role = meta["signature_role"]
        role_item = next(i for i in found.items if i.startswith("Signature role:"))
        assert (INFERRED in role_item) == bool(role["inferred"]), source_page.name
    return checked


_LABEL_OF = {
    "name": "Name:",
    "company": "Company:",
    "companies": "Danced with:",
    "signature_role": "Signature role:",
    "ballets": "Ballets:",
    "origin": "Origin:",
    "schools": "Schools:",
    "people": "People in the story:",
}


def test_every_fact_of_the_seeds_opens_on_the_sentence_it_came_from(
    built_site: BuiltSite,
) -> None:
    assert check_every_fact_has_its_source(built_site.project / "docs", built_site.site) >= 25


def test_every_fact_of_the_hostile_corpus_too_and_edited_ones_say_so(hostile_project: Path) -> None:
    assert check_every_fact_has_its_source(hostile_project / "docs", hostile_project / "site") >= 50
    edited = [
        p
        for p in (hostile_project / "docs" / "dancers").glob("*.md")
        if p.name != "index.md" and frontmatter.load(p)["edited_fields"]
    ]
    assert edited, "the hostile corpus has a sidecar that sets fields"


def test_index_pages_mark_inferred_roles(built_site: BuiltSite) -> None:
    inferred = [d for d in built_site.dancers if d.meta["signature_role"]["inferred"]]
    assert inferred, "no seed has an inferred role"
    for dancer in inferred:
        role = dancer.meta["signature_role"]
        pages = ["dancers/index.html", "index.html"]
        pages.append(f"companies/{_slug_of(built_site, 'companies', dancer.meta['company'])}")
        pages.append(f"ballets/{_slug_of(built_site, 'ballets', role['ballet'])}")
        for page in pages:
            text = (built_site.site / page).read_text(encoding="utf-8")
            row = next(r for r in text.split("<tr>")[1:] if f'{dancer.slug}/"' in r)
            plain = html.unescape(re.sub(r"<[^>]+>", "", row))
            assert f"{role['role']} {INFERRED}" in plain, f"{page}: {dancer.name}"


def _slug_of(site: BuiltSite, kind: str, name: str) -> str:
    for page in (site.project / "docs" / kind).glob("*.md"):
        if frontmatter.load(page).get("title") == name:
            return f"{page.stem}/index.html"
    raise AssertionError(f"no {kind} page for {name}")


def test_a_hostile_sentence_stays_text() -> None:
    sentence = "She <script>window.__pwned=1</script> danced **Giselle** `x` | [a](b)."
    story = Story(
        source="seeds/x.txt",
        slug="ana-ruiz",
        text=f"Ana Ruiz was born in Seville. {sentence}",
        encoding="utf-8",
        fixes=(),
        metadata=Metadata(
            name="Ana Ruiz",
            origin=Origin("Seville", "Spain"),
            signature_role=SignatureRole("Giselle", "Giselle"),
            evidence=(
                Evidence("name", "Ana Ruiz was born in Seville.", "test"),
                Evidence("signature_role", sentence, "test"),
            ),
        ),
    )
    page = next(p for p in render_site([story]) if p.path == "dancers/ana-ruiz.md")
    glance_block = page.text.split("## The story")[0].split("---", 2)[2]
    assert "<script" not in glance_block
    assert "&lt;script&gt;" in glance_block and r"\*\*Giselle\*\*" in glance_block


# --- in the browser ------------------------------------------------------------------------


def test_a_reader_opens_a_facts_source_with_the_keyboard(
    browser: Any, site_server: str, built_site: BuiltSite
) -> None:
    dancer = next(d for d in built_site.dancers if d.meta["evidence"].get("company"))
    context, watch = open_context(browser, site_server)
    page = context.new_page()
    page.goto(site_server + dancer.path)
    company = page.locator(".admonition li", has_text="Company:")
    sentence = company.locator(".source-sentence")
    expect(sentence).to_be_hidden()
    for _ in range(80):  # Tab through the page, as a reader without a mouse does
        page.keyboard.press("Tab")
        if company.evaluate("li => li.querySelector('summary') === document.activeElement"):
            break
    else:
        raise AssertionError("the company's source cannot be reached with Tab")
    assert page.evaluate("document.activeElement.textContent") == "source of the company"
    page.keyboard.press("Enter")
    expect(sentence).to_be_visible()
    expect(sentence).to_have_text(dancer.meta["evidence"]["company"]["sentence"])  # quoted by CSS
    screenshot(page, "desktop-light-source-open")
    page.keyboard.press("Space")
    expect(sentence).to_be_hidden()
    context.close()
    assert watch.clean(), watch.report()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_no_serious_problem_with_every_source_open(
    browser: Any, site_server: str, built_site: BuiltSite, color_scheme: str
) -> None:
    dancer = built_site.dancers[0]
    context, _ = open_context(browser, site_server, color_scheme=color_scheme)
    page = context.new_page()
    page.goto(site_server + dancer.path)
    page.evaluate("document.querySelectorAll('details.source').forEach(d => d.open = true)")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert not serious, [(v["id"], [n["target"] for n in v["nodes"]]) for v in serious]
