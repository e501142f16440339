"""The anthology as a book: its reading order and its EPUB 3 edition.

Kept light (no imports): the build's no-op path reads these two names.
"""

from datetime import UTC, datetime

ORDER_FILE = "order.yaml"
"""The editor's reading order, in the seeds folder (see :mod:`builder.read.order`)."""
MODIFIED = datetime(2026, 1, 1, tzinfo=UTC)
"""The books' ``dcterms:modified`` unless ``SOURCE_DATE_EPOCH`` says otherwise: a fixed
date, never the time of the build, so the same seeds give the same bytes."""
