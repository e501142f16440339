"""The Jinja2 settings every template of the builder is rendered with (pages and books).

A value a template asks for and is not given is an error, never an empty string, and
whitespace is what the template shows: one place, so the site and the books agree.
"""

from __future__ import annotations

from typing import Any

import jinja2


def strict_templates(package: str, **options: Any) -> jinja2.Environment:
    """The templates in ``package``'s ``templates/`` folder, with ``options`` on top
    (``autoescape``, ``finalize``)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        **options,
    )
