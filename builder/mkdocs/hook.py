"""MkDocs hook: run ``anthology build`` before every build, so ``mkdocs serve`` stays live.

Kept thin on purpose: renderers that ignore ``hooks:`` (Zensical) read the same pages
after a plain ``anthology build``. The rest makes ``mkdocs serve --dirty`` (what ``make
serve`` runs) exact, so that a saved story is on screen in a second instead of after a
rebuild of every page: see :mod:`builder.mkdocs.live`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from builder.mkdocs.live import LiveSite, warm_up
from builder.pipeline import build
from builder.site.feeds import feed_site

log = logging.getLogger("mkdocs.hooks.anthology")

live = LiveSite()
"""One per ``mkdocs`` process: MkDocs loads a hook once and keeps it across rebuilds."""


def on_startup(command: str, dirty: bool) -> None:
    live.start(serving=command == "serve", dirty=dirty)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    warm_up()
    live.ignore_own_writes(server, config.docs_dir)
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    seeds = Path(config.config_file_path).parent / "seeds"
    site = feed_site(config.site_url, config.site_name)
    report = build(seeds, Path(config.docs_dir), progress=log.info, site=site)
    notes = [str(p) for p in report.problems if p.severity != "error"]
    fresh = live.fresh_notes(notes)
    for problem in report.problems:
        # A seed that could not be built is a warning, every time, so `--strict` refuses
        # to publish a site that silently lacks it; a repaired encoding is only worth an
        # info line, and while serving only the first time it is seen.
        if problem.severity == "error":
            log.warning("%s", problem)
        elif str(problem) in fresh:
            log.info("%s", problem)
    if len(fresh) < len(notes):
        log.info(
            "anthology: %d notes as in the last build not repeated (anthology check lists them)",
            len(notes) - len(fresh),
        )
    if report.written or report.deleted:
        log.info(
            "anthology: %d stories; %d pages written, %d deleted",
            report.stories,
            len(report.written),
            len(report.deleted),
        )
    live.see_own_pages(config.docs_dir, [*report.written, *report.unchanged, *report.deleted])
    live.before_build(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    live.see_files(files)
    return files


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    live.reuse_compiled_templates(env)
    return env


def on_page_content(html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Let go of a generated page's Markdown once it is HTML.

    MkDocs holds every page's source until the whole site is written: at 10,000 stories
    about a quarter of its memory, which nothing reads again (the title is in the front
    matter). A hand-written page keeps its source, whatever other plugins want of it.
    """
    if live.is_generated(page.file.src_uri) and page.meta.get("title"):
        page.markdown = ""
    return html


def on_page_context(context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
    live.see_page_built(page.url)
    return context


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    live.after_build(config)
