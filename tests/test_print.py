"""Print: a dancer page prints as a clean story, in every script.

Chromium (Debian's, driven by Playwright) prints the built page to PDF; poppler's
``pdftotext`` reads back what a reader would see on paper, ``pdffonts`` which fonts were
embedded, and ``pdftoppm`` renders the first page to ``tests/artifacts/`` to look at.
A name in Japanese or Arabic must print as its letters: the characters come back out of
the PDF, set in a font that has them (never a box of a missing glyph).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import frontmatter
import pytest

pytest.register_assert_rewrite("tests.browser_support")

from tests.browser_support import (  # noqa: E402
    ARTIFACTS,
    BuiltSite,
    open_context,
)

pytest_plugins = ["tests.browser_support"]

CHROME = (
    "Search",
    "Switch to dark mode",
    "Table of contents",
    "Made with",
    "Material for MkDocs",
    "Companies",
    "Origins",
    "Skip to content",
    "The Dancer Anthology",
)
"""Labels of the header, tabs, search, sidebars and footer: none belongs on paper."""


def print_pdf(browser: Any, url: str, path: Path) -> str:
    """Print ``url`` to ``path`` as Chromium does (A4, print media); return its text."""
    context, watch = open_context(browser, url)
    page = context.new_page()
    page.goto(url)
    page.pdf(path=str(path), format="A4")
    context.close()
    assert watch.clean(), watch.report()
    return pdf_text(path)


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def embedded_fonts(path: Path) -> dict[str, bool]:
    """``pdffonts``: each font's PostScript name (subset prefix dropped) -> embedded."""
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()[2:]
    fonts = {}
    for line in lines:
        name = line.split()[0].split("+", 1)[-1]
        fonts[name] = bool(re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line))
    return fonts


def fonts_for(language: str) -> set[str]:
    """The PostScript names of the installed fonts that cover ``language`` (fontconfig)."""
    out = subprocess.run(
        ["fc-list", f":lang={language}", "postscriptname"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return {line.split("=", 1)[1].strip() for line in out.splitlines() if "=" in line}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_dancer_page_prints_as_a_clean_story_with_its_facts(
    browser: Any, site_server: str, built_site: BuiltSite, tmp_path: Path
) -> None:
    dancer = next(d for d in built_site.dancers if d.meta["company"] and d.meta["evidence"])
    pdf = ARTIFACTS / "print-dancer.pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    text = flat(print_pdf(browser, site_server + dancer.path, pdf))
    story = frontmatter.load(built_site.project / "docs" / "dancers" / f"{dancer.slug}.md")
    first_paragraph = story.content.split('<div class="story">\n<p>', 1)[1].split("</p>")[0]
    assert flat(first_paragraph)[:200] in text, "the story is not on paper"
    assert dancer.name in text
    assert "At a glance" in text and f"Company: {dancer.meta['company']}" in text
    for evidence in dancer.meta["evidence"].values():  # each fact's source, printed
        assert flat(evidence["sentence"]) in text
    for label in CHROME:
        assert label not in text, f"{label!r} printed"
    assert "source of the" not in text, "the controls that open sources printed"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "print")],
        check=True,
        timeout=60,
    )
    assert (ARTIFACTS / "print-1.png").stat().st_size > 10_000


@pytest.mark.parametrize(
    ("slug", "name", "language"),
    [("songshanshuzi", "松山樹子", "ja"), ("ftmh-lzhr", "فاطمة الزهراء", "ar")],
)
def test_a_name_in_any_script_prints_as_letters(
    browser: Any, hostile_server: str, tmp_path: Path, slug: str, name: str, language: str
) -> None:
    pdf = tmp_path / f"{slug}.pdf"
    text = print_pdf(browser, f"{hostile_server}dancers/{slug}/", pdf)
    assert name in text, f"{name} does not come back out of the PDF"
    fonts = embedded_fonts(pdf)
    assert all(fonts.values()), f"a font is not embedded: {fonts}"
    covering = fonts_for(language)
    assert covering, f"no font for {language} is installed: run `make test` (its .system step)"
    assert set(fonts) & covering, f"{name} set in {sorted(fonts)}, none of which has {language}"
