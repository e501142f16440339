"""Make ``mkdocs serve --dirty`` exact for this site, so a live edit costs a few pages.

A plain ``mkdocs serve`` rebuilds every page after each save: at 1,000 stories that is
tens of seconds before the edit shows. ``--dirty`` rebuilds only the pages whose source
is newer than their HTML, which is exactly the set :func:`builder.pipeline.build`
rewrites, but MkDocs documents three ways it goes wrong, each fixed here:

* the HTML of a deleted page stays in the served site: it is removed;
* the search index would keep deleted pages and miss edited ones: it is written anew
  from the served site after every rebuild (:mod:`builder.mkdocs.search`);
* a change to ``mkdocs.yml`` or the theme's overrides changes every page, not only the
  newer ones: the served site is emptied so that every page is built again.

Navigation, the other thing MkDocs warns about, is a fixed list of tabs on this site.
And MkDocs watches ``docs/``, where the builder writes, so each save used to cause a
second, idle rebuild that held the browser's reload: the builder's own files are no
longer watched (:meth:`LiveSite.ignore_own_writes`); every other file in ``docs/`` is.
Only ``serve`` is concerned: a one-off ``mkdocs build --dirty`` has no previous build
in memory to correct, and publishing always builds from scratch.

What makes a save quick besides: the builder keeps the last build's stories and views
(:class:`builder.pipeline.BuildMemory`, held by the plugin), the seeds folder wakes the
rebuild by file notifications (:mod:`builder.mkdocs.watch`), and the theme's file list,
its compiled templates and the builder's are made once per serve.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from builder.mkdocs.watch import SeedWatch
from builder.site.layout import is_generated_path
from builder.store import CACHE, LOCK, MANIFEST, TEMP_SUFFIX

log = logging.getLogger("mkdocs.plugins.anthology")

INTERNALS = {
    "server._rebuild_cond": "mkdocs 1.6.1 mkdocs/livereload/__init__.py:130",
    "server._want_rebuild": "mkdocs 1.6.1 mkdocs/livereload/__init__.py:129",
    "server._watched_paths": "mkdocs 1.6.1 mkdocs/livereload/__init__.py:136",
    "server.observer": "mkdocs 1.6.1 mkdocs/livereload/__init__.py:134",
    "Files.add_files_from_theme": "mkdocs 1.6.1 mkdocs/structure/files.py:146",
}
"""The private parts of MkDocs that live mode drives, with the version and line each was
read from (MkDocs is pinned below 2). If one of the server's is missing, live mode says
so once and falls back to rebuilding every page. ``Files.add_files_from_theme`` is a
behaviour relied on, not an attribute: that it lists the theme's files by
``env.list_templates`` with a filter made of the theme's settings alone
(:meth:`LiveSite.list_theme_once` keeps that list); if it stops calling it, the kept list
is only not used."""

_DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of the warning of mkdocs 1.6.1 mkdocs/commands/build.py:276; if its wording
changes, the warning is only shown again."""
_OWN_FILES = frozenset({MANIFEST, CACHE, LOCK})


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja2's compiled templates, kept in memory from one rebuild to the next.

    MkDocs makes a new template environment for every build, so each save compiled the
    theme's templates again: half a second of a one-page rebuild. Jinja2 keys each entry
    by the template's name and a checksum of its source, so an edited template is
    compiled afresh.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class LiveSite:
    """What one ``mkdocs serve`` process remembers between its rebuilds."""

    def __init__(self) -> None:
        self.serving = False
        self.serving_dirty = False
        self.templates = _CompiledTemplates()
        self.settings = ""
        self.pages: set[str] = set()
        """URLs of the documentation pages in the last build."""
        self.outputs: set[str] = set()
        """Site paths of every file the last build wrote from ``docs/`` and the theme."""
        self.previous_outputs: set[str] = set()
        self.built: set[str] = set()
        self.notes: frozenset[str] = frozenset()
        """The last build's notes (repaired encodings and the like), to say each once."""
        self.own_files: frozenset[str] = frozenset()
        """Absolute paths of the pages the builder wrote, kept or deleted last time."""
        self.full_rebuilds = False
        """Set when an internal of :data:`INTERNALS` is missing: every page is rebuilt."""
        self.seeds = SeedWatch()
        self.listings: dict[tuple[Any, ...], list[str]] = {}
        """The theme's files as MkDocs lists them, by settings (:meth:`list_theme_once`)."""

    def _missing(self, internal: str) -> None:
        """Say once that an internal moved, and rebuild every page from then on."""
        if not self.full_rebuilds:
            log.warning(
                "anthology: live mode needs %s (%s), which this version lacks; every save "
                "now rebuilds every page",
                internal,
                INTERNALS[internal],
            )
        self.full_rebuilds = True

    @staticmethod
    def is_generated(src_uri: str) -> bool:
        """A page the builder writes (its folders and home page), not a hand-written one."""
        return is_generated_path(src_uri)

    def start(self, serving: bool, dirty: bool) -> None:
        self.serving = serving
        self.serving_dirty = serving and dirty
        if self.serving_dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)

    def reuse_compiled_templates(self, env: jinja2.Environment) -> None:
        if self.serving:
            env.bytecode_cache = self.templates

    def fresh_notes(self, notes: list[str]) -> set[str]:
        """The notes the last build did not have: a serve repeats none after each save."""
        fresh = set(notes) - self.notes
        self.notes = frozenset(notes)
        return fresh

    def see_own_pages(self, docs_dir: str, pages: list[str]) -> None:
        docs = os.path.abspath(docs_dir)
        self.own_files = frozenset(os.path.join(docs, page) for page in pages)

    def ignore_own_writes(self, server: Any, docs_dir: str) -> None:
        """Watch ``docs/`` as MkDocs does, except for the builder's own files.

        MkDocs' watcher offers no filter, so its watch of ``docs/`` is replaced by one
        that wakes the same rebuild loop (see :data:`INTERNALS`). On anything else,
        MkDocs' own watch stays as it was.
        """
        from watchdog.events import FileSystemEventHandler

        docs = os.path.abspath(docs_dir)
        for internal in ("_rebuild_cond", "_want_rebuild", "_watched_paths", "observer"):
            if not hasattr(server, internal):
                self._missing(f"server.{internal}")
                return
        observer = server.observer
        if docs not in server._watched_paths:
            return

        def on_any_event(event: Any) -> None:
            if event.is_directory:
                return
            paths = [event.src_path, getattr(event, "dest_path", "") or ""]
            if all(self._is_own(os.fsdecode(path)) for path in paths if path):
                return
            _wake(server)

        handler = FileSystemEventHandler()
        handler.on_any_event = on_any_event  # type: ignore[method-assign]
        server.unwatch(docs)
        observer.schedule(handler, docs, recursive=True)

    def watch_seeds(self, server: Any) -> None:
        """Wake the rebuild as soon as a seed is saved (:mod:`builder.mkdocs.watch`)."""
        if not self.seeds.folder:
            return
        if not all(hasattr(server, name) for name in ("_rebuild_cond", "_want_rebuild")):
            server.watch(self.seeds.folder)  # as MkDocs would have (its own API)
            return
        self.seeds.start(server.observer, lambda: _wake(server))

    def _is_own(self, path: str) -> bool:
        name = os.path.basename(path)
        return (
            path in self.own_files
            or name in _OWN_FILES
            or (name.startswith(".") and name.endswith(TEMP_SUFFIX))  # being written
        )

    def before_build(self, config: MkDocsConfig) -> None:
        """Start a rebuild from an empty site if the settings every page uses changed."""
        self.built = set()
        if not self.serving_dirty:
            return
        settings = _settings_fingerprint(config)
        if self.full_rebuilds:
            _empty(Path(config.site_dir))
        elif self.settings and settings != self.settings:
            log.info("anthology: mkdocs.yml or the theme changed; every page is rebuilt")
            _empty(Path(config.site_dir))
        self.settings = settings

    def list_theme_once(self, config: MkDocsConfig) -> None:
        """List the theme's files once per serve, not at every rebuild.

        Each build, MkDocs lists every file of the theme's folders to find its static
        files (:data:`INTERNALS`: ``env.list_templates`` with a filter of the theme's
        settings): Material's 14,000 icons, a tenth of a second of each save. The list
        is kept while the settings (mkdocs.yml and the overrides, which
        :meth:`before_build` fingerprints) and the theme's folders are the same.
        """
        if not self.serving_dirty or self.full_rebuilds:
            return
        theme, listings = config.theme, self.listings
        make_env = theme.get_env
        settings = (tuple(theme.dirs), self.settings)

        def get_env() -> jinja2.Environment:
            env = make_env()
            listed = env.list_templates

            def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
                key = (*settings, extensions and tuple(extensions), _code(filter_func))
                if key not in listings:
                    listings[key] = listed(extensions=extensions, filter_func=filter_func)
                return list(listings[key])

            env.list_templates = list_templates  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def see_files(self, files: Files) -> None:
        self.previous_outputs = self.outputs
        self.outputs = {file.dest_uri for file in files}
        self.pages = {file.url for file in files.documentation_pages()}

    def see_page_built(self, url: str) -> None:
        self.built.add(url)

    def after_build(self, config: MkDocsConfig) -> None:
        if not self.serving_dirty:
            return
        site = Path(config.site_dir)
        for gone in sorted(self.previous_outputs - self.outputs):
            _remove(site, gone)


def _code(function: Any) -> Any:
    """Which filter it is: MkDocs makes its filter anew at each build, from the theme's
    settings only (:data:`INTERNALS`), so its code names it."""
    return None if function is None else function.__code__


def _wake(server: Any) -> None:
    """Have MkDocs' build loop rebuild, as its own watch does (see :data:`INTERNALS`)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def warm_up() -> None:
    """Start a reader worker (it loads ftfy, the extractor and the gazetteer) while the
    server waits, so the first save is as quick as the next ones: a serve that starts
    with current pages never needed the reader, and loading it takes most of a second;
    nor the templates, whose compiling takes a quarter of one; nor, in this process, the
    reader's modules, which unpickling the first seed read by a worker imports (the
    extractor and its gazetteer's rules: a third of a second)."""
    import builder.read.story  # noqa: F401  (what a worker's answer is made of)
    from builder.readers import POOL
    from builder.site.render import compile_templates

    POOL.start()
    compile_templates()


def _settings_fingerprint(config: MkDocsConfig) -> str:
    """``mkdocs.yml`` and the theme's override files: what every page is rendered with."""
    digest = hashlib.sha256()
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        paths += sorted(p for p in Path(custom).rglob("*") if p.is_file())
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _remove(site: Path, relative: str) -> None:
    """Delete a file a previous build wrote and this one did not, and its empty folders."""
    target = site / relative
    with contextlib.suppress(OSError):
        target.unlink()
        log.info("anthology: removed %s from the served site", relative)
    folder = target.parent
    while folder != site:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def _empty(site: Path) -> None:
    for child in site.iterdir() if site.is_dir() else ():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()


def _quiet_dirty_warning(record: Any) -> bool:
    """MkDocs warns that a dirty build may leave pages stale; this module sees to it
    that they do not, so the warning would only alarm."""
    return not str(record.msg).startswith(_DIRTY_WARNING)
