"""The anthology's reading order: the editor's, then everyone else A to Z by name.

Pure: stories and the editor's list in, stories out. The dancer pages' "previous" and
"next" links, the home page's "Start reading" and the EPUB's chapters all follow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath

from builder.model import Story


def stem(story: Story) -> str:
    """The seed's file name without ``.txt``: what ``seeds/order.yaml`` lists."""
    return PurePosixPath(story.source).stem


def a_to_z(story: Story) -> tuple[str, str]:
    """By name as a reader sorts it, the slug breaking ties between namesakes."""
    return (story.title.casefold(), story.slug)


def reading_order(stories: Sequence[Story], editor: Sequence[str] = ()) -> list[Story]:
    """The stories the editor listed, in her order, then the others A to Z."""
    by_stem = {stem(story): story for story in stories}
    listed = [by_stem[s] for s in dict.fromkeys(editor) if s in by_stem]
    chosen = {id(story) for story in listed}
    return listed + sorted((s for s in stories if id(s) not in chosen), key=a_to_z)
