"""The MkDocs plugin: run ``anthology build`` before every build, so ``mkdocs serve`` stays
live, and keep ``mkdocs serve --dirty`` exact (:mod:`builder.mkdocs.live`).

Registered as the ``anthology`` entry point of ``mkdocs.plugins`` and listed under
``plugins:`` in ``mkdocs.yml``. Kept thin on purpose: each event calls the build or the
live site; renderers that ignore plugins (Zensical) read the same pages after a plain
``anthology build``.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from builder.mkdocs.live import LiveSite, warm_up
from builder.mkdocs.search import (
    LIVE_BUNDLE,
    LIVE_LIST,
    QUIET,
    SearchIndexError,
    ServedIndex,
    index_site,
)
from builder.pipeline import BuildMemory, build
from builder.site.feeds import feed_site

log = logging.getLogger("mkdocs.plugins.anthology")


class AnthologyConfig(Config):
    """The plugin's options in ``mkdocs.yml``."""

    seeds = config_options.Type(str, default="seeds")
    """The folder of stories, relative to ``mkdocs.yml``."""
    reindex_after = config_options.Type((int, float), default=QUIET)
    """While serving: seconds without a save before the whole search index is written
    again (what was saved is findable at once, from the live index)."""


class AnthologyPlugin(BasePlugin[AnthologyConfig]):
    """One per ``mkdocs`` process: MkDocs keeps a plugin across the rebuilds of a serve,
    so what live mode remembers between them lives on it."""

    def __init__(self) -> None:
        self.live = LiveSite()
        self.memory = BuildMemory()
        """The last build's records and views: a save re-derives only what it changed."""
        self.indexer = ServedIndex()
        """Re-indexes the served site after each rebuild while ``mkdocs serve`` runs."""
        self.saved: set[str] = set()
        """The documentation pages (``docs/`` paths) the builder wrote or deleted in
        this build: the pages whose text a save changed."""
        self.changed: set[str] = set()
        """Their pages in the site (``dancers/<slug>/index.html``), for the live index."""
        self.site_paths: dict[str, str] = {}
        """The last build's documentation pages: where in the site each was written."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.live.start(serving=command == "serve", dirty=dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.live.serving:  # the seeds folder is watched by the plugin, quicker
            self.live.seeds.take_over(config, str(self._seeds(config)))
            # Served pages say where the live search index's list is
            # (overrides/main.html); a built site's pages do not, and fetch nothing of it.
            config.extra["anthology_live_search"] = f"{LIVE_BUNDLE}/{LIVE_LIST}"
            self.indexer.quiet = float(self.config.reindex_after)
        return config

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        warm_up()
        self.live.ignore_own_writes(server, config.docs_dir)
        self.live.watch_seeds(server)
        return server

    def on_shutdown(self) -> None:
        self.live.seeds.stop()

    def _seeds(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.seeds

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        seeds = self._seeds(config)
        site = feed_site(config.site_url, config.site_name)
        docs = Path(config.docs_dir)
        memory = self.memory if self.live.serving else None  # a one-off build keeps nothing
        start, cpu = time.perf_counter(), time.thread_time()
        report = build(seeds, docs, progress=log.info, site=site, memory=memory)
        seconds, cpu = time.perf_counter() - start, time.thread_time() - cpu
        notes = [str(p) for p in report.problems if p.severity != "error"]
        fresh = self.live.fresh_notes(notes)
        for problem in report.problems:
            # A seed that could not be built is a warning, every time, so `--strict`
            # refuses to publish a site that silently lacks it; a repaired encoding is
            # only worth an info line, and while serving only the first time it is seen.
            if problem.severity == "error":
                log.warning("%s", problem)
            elif str(problem) in fresh:
                log.info("%s", problem)
        if len(fresh) < len(notes):
            log.info(
                "anthology: %d notes as in the last build not repeated "
                "(anthology check lists them)",
                len(notes) - len(fresh),
            )
        if report.written or report.deleted:
            log.info(
                "anthology: %d stories; %d pages written, %d deleted in %.2f s (%.2f s CPU)",
                report.stories,
                len(report.written),
                len(report.deleted),
                seconds,
                cpu,
            )
        pages = [*report.written, *report.unchanged, *report.deleted]
        self.saved = {*report.written, *report.deleted}
        self.live.see_own_pages(config.docs_dir, pages)
        self.live.before_build(config)
        self.live.list_theme_once(config)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.live.see_files(files)
        before = self.site_paths
        self.site_paths = {file.src_uri: file.dest_uri for file in files.documentation_pages()}
        paths = (self.site_paths.get(page) or before.get(page) for page in self.saved)
        self.changed = {path for path in paths if path}  # a deleted page: where it was
        return files

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.live.reuse_compiled_templates(env)
        return env

    def on_page_content(
        self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files
    ) -> str:
        """Let go of a generated page's Markdown once it is HTML.

        MkDocs holds every page's source until the whole site is written: at 10,000
        stories about a quarter of its memory, which nothing reads again (the title is in
        the front matter). A hand-written page keeps its source, whatever other plugins
        want of it.
        """
        if self.live.is_generated(page.file.src_uri) and page.meta.get("title"):
            page.markdown = ""
        return html

    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        self.live.see_page_built(page.url)
        return context

    @event_priority(-100)  # last: the index reads the site every other step has written
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Clean up the served site, then index it for search (:mod:`builder.mkdocs.search`).

        ``mkdocs build`` waits for the index, so a published site always has one built
        from scratch; ``mkdocs serve`` indexes in the background, so the page a save
        changed reloads as soon as it is written and the search finds it a moment later.
        """
        self.live.after_build(config)
        if self.live.serving:
            self.indexer.rebuilt(config.site_dir, self.changed)
            return
        try:
            report = index_site(config.site_dir)
        except (SearchIndexError, OSError) as error:
            # A warning, so that `mkdocs build --strict` (`make site`) refuses to publish.
            log.warning("anthology: the search index was not written: %s", error)
            return
        log.info(
            "anthology: search index of %d stories written in %.1f s (%.1f s CPU)",
            report.pages,
            report.seconds,
            report.cpu_seconds,
        )
