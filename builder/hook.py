"""MkDocs hook: run ``anthology build`` before every build, so ``mkdocs serve`` stays live.

Kept thin on purpose: renderers that ignore ``hooks:`` (Zensical) read the same pages
after a plain ``anthology build``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from builder.pipeline import build

log = logging.getLogger("mkdocs.hooks.anthology")


def on_pre_build(config: MkDocsConfig) -> None:
    seeds = Path(config.config_file_path).parent / "seeds"
    report = build(seeds, Path(config.docs_dir), progress=log.info)
    for problem in report.problems:
        # A seed that could not be built is a warning, so `--strict` refuses to publish a
        # site that silently lacks it; a repaired encoding is only worth an info line.
        (log.warning if problem.severity == "error" else log.info)("%s", problem)
    if report.written or report.deleted:
        log.info(
            "anthology: %d stories; %d pages written, %d deleted",
            report.stories,
            len(report.written),
            len(report.deleted),
        )
