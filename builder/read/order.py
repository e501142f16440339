"""The editor's reading order: an optional ``seeds/order.yaml``, a list of seed stems.

Validated like a sidecar: a problem names the file and the line and says how to fix it.
A bad entry is reported and skipped, and the rest of the order still applies, so a typo
never stops the build; stories the file does not list follow the listed ones, A to Z.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

import yaml

from builder.book import ORDER_FILE
from builder.errors import Problem

__all__ = ["ORDER_FILE", "parse_order"]
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"


def parse_order(
    text: str, source: str, stems: Collection[str]
) -> tuple[tuple[str, ...], list[Problem]]:
    """The stems in the editor's order, and a problem for each entry that is not one.

    ``stems`` are the seeds' file names without ``.txt``; an entry may keep the ``.txt``.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return (), [
            Problem(
                source,
                f"{exc.problem or 'invalid YAML'}; write one `- stem` line per story",
                mark.line + 1 if mark else None,
            )
        ]
    except yaml.YAMLError as exc:
        return (), [Problem(source, f"invalid YAML: {exc}")]
    if root is None:
        return (), []
    if not isinstance(root, yaml.SequenceNode) or root.tag != _SEQ_TAG:
        return (), [
            Problem(
                source,
                "must be a list of seed stems, one `- stem` line per story (the file name "
                "without `.txt`), first story first",
                root.start_mark.line + 1,
            )
        ]
    known = frozenset(stems)
    order: list[str] = []
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR_TAG or not node.value:
            problems.append(
                Problem(source, "each entry must be a seed's stem, e.g. `- anna-pavlova`", line)
            )
            continue
        stem = node.value.removesuffix(".txt")
        if stem not in known:
            near = difflib.get_close_matches(stem, sorted(known), n=1)
            hint = f"did you mean `{near[0]}`?" if near else "list only seeds in this folder"
            problems.append(Problem(source, f"no seed `{stem}.txt` in the folder; {hint}", line))
            continue
        if stem in seen:
            problems.append(
                Problem(
                    source,
                    f"`{stem}` is listed twice (first on line {seen[stem]}); keep one",
                    line,
                )
            )
            continue
        seen[stem] = line
        order.append(stem)
    return tuple(order), problems
