"""The Markdown tables of the benchmark's reports (RESULTS.md, the README's Encodings
table). One renderer, so a column added to a head without its rule or its cells fails
where the table is written instead of shifting every column after it in the report. No
imports from bench/, so it loads however its callers are loaded (by bench.py, as a
script, or as ``bench.<module>`` from tests/)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

ALIGN = {"r": "---:", "l": "---", "c": ":---:"}
"""A column's rule by its letter: ``r`` right-aligns (numbers), ``l`` leaves text left,
``c`` centres (a yes/no verdict)."""


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table(head: str, align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table's lines: the column names (``head``, split at `` | ``), one letter
    of ``align`` (see ``ALIGN``) a column, and each row's cells, already formatted.
    Raises ``ValueError`` when a row or ``align`` does not have one entry a column."""
    names = head.split(" | ")
    if len(align) != len(names):
        raise ValueError(f"{len(names)} columns, {len(align)} alignments: {head!r}")
    lines = [_line(names), _line([ALIGN[a] for a in align])]
    for cells in rows:
        if len(cells) != len(names):
            raise ValueError(f"{len(cells)} cells for {len(names)} columns: {cells!r}")
        lines.append(_line(cells))
    return lines
