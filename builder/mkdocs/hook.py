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
from builder.mkdocs.search import BackgroundIndexer, SearchIndexError, index_site
from builder.pipeline import build

log = logging.getLogger("mkdocs.hooks.anthology")

live = LiveSite()
"""One per ``mkdocs`` process: MkDocs loads a hook once and keeps it across rebuilds."""
indexer = BackgroundIndexer()
"""Re-indexes the served site after each rebuild while ``mkdocs serve`` runs."""


def on_startup(command: str, dirty: bool) -> None:
    live.start(serving=command == "serve", dirty=dirty)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    warm_up()
    live.ignore_own_writes(server, config.docs_dir)
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    seeds = Path(config.config_file_path).parent / "seeds"
    report = build(seeds, Path(config.docs_dir), progress=log.info)
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


@event_priority(-100)  # last: the index reads the site every other step has written
def on_post_build(config: MkDocsConfig) -> None:
    """Clean up the served site, then index it for search (:mod:`builder.mkdocs.search`).

    ``mkdocs build`` waits for the index, so a published site always has one built from
    scratch; ``mkdocs serve`` indexes in the background, so the page a save changed
    reloads as soon as it is written and the search finds it a moment later.
    """
    live.after_build(config)
    if live.serving:
        indexer.request(config.site_dir)
        return
    try:
        report = index_site(config.site_dir)
    except (SearchIndexError, OSError) as error:
        # A warning, so that `mkdocs build --strict` (`make site`) refuses to publish.
        log.warning("anthology: the search index was not written: %s", error)
        return
    log.info(
        "anthology: search index of %d stories written in %.1f s", report.pages, report.seconds
    )
