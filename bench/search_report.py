"""The search section of bench/RESULTS.md, from what bench/search.py measured."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tables import table

TITLE = "## Search and page weight (a reader on a phone)"
METHOD = (
    "Pagefind (the site's search now) against Material's search plugin (before), the same "
    "generated pages, measured in the same run with Chromium (bench/search.py). Landing: "
    "every byte fetched opening a dancer page until the network is idle, raw and gzipped "
    "as GitHub Pages serves text. First results: the CPU slowed 4× (CDP "
    "`Emulation.setCPUThrottlingRate`), a reader lands on a dancer page and at once "
    "searches another dancer's name; timed by the page's own clock until the result with "
    "her name is in the list, the median of 3 readers (1 for Material's search). "
    "**Landing → result** counts from the page's load event, the name entered at once "
    "(pasted: nothing of the search's cold start hides behind her typing); **focus → "
    "result** is the search's own share, from the box taking the focus. Typed key by key: "
    "from her last key to the result, and, on the wall clock, from the click (this counts "
    "Playwright's round trip per key at 4×, about 0.1 s a letter; the previous run's "
    "measure). Bytes: fetched from landing to the result (the search's own share in "
    "brackets)."
)


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e3:,.0f} KB"


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def _times(m: dict[str, Any]) -> tuple[str, str, str, str]:
    pasted, typed = m.get("pasted", {}), m.get("typed", {})
    return (
        _s(pasted.get("landing", m.get("first_results_seconds"))),
        _s(pasted.get("focus")),
        _s(typed.get("last_key")) if typed.get("last_key", 0) >= 0 else "before it",
        _s(typed.get("wall")),
    )


def _rows(results: list[dict[str, Any]]) -> list[str]:
    cells: list[tuple[str, ...]] = []
    for r in results:
        for key, label in (("new", "Pagefind"), ("old", "Material (before)")):
            m = r.get(key)
            if not m:
                continue
            index = r["index_bytes"] if key == "new" else r.get("old_index_bytes")
            build = (
                f"{r['index_seconds']:.1f} s ({r.get('index_cpu_seconds', 0):.1f} s CPU)"
                if key == "new"
                else "in mkdocs build"
            )
            largest = r["largest"] if key == "new" else r.get("old_largest", {})
            cells.append(
                (
                    f"{r['n']:,}",
                    label,
                    f"{_kb(m['landing_gzip'])} / {_kb(m['landing_raw'])}",
                    *_times(m),
                    f"{_kb(m['first_results_gzip'])} ({_kb(m['search_gzip'])})",
                    _kb(index),
                    build,
                    f"{_kb(largest.get('raw'))} / {_kb(largest.get('gzip'))} "
                    f"(`{largest.get('path', '?')}`)",
                )
            )
    head = (
        "N | search | landing (gzip / raw) | landing → result | focus → result | typed: last "
        "key → result | typed: click → result (wall) | bytes to first results (gzip, search's "
        "share) | index on disk | index build | largest page (raw / gzip)"
    )
    return table(head, "rllrrrrlrrl", cells)


def _ratios(results: list[dict[str, Any]]) -> list[str]:
    cells: list[tuple[str, ...]] = []
    for r in results:
        new, old = r.get("new", {}), r.get("old", {})
        f = r.get("findable", {})
        land = f"{new['landing_gzip'] / old['landing_gzip']:.3f}×" if new and old else "—"
        first = (
            f"{new['first_results_seconds'] / old['first_results_seconds']:.2f}×"
            if new and old
            else "—"
        )
        missed = "; ".join(
            f"`{url}` by “{phrase}”{' (found by its words unquoted)' if words else ''}"
            for url, phrase, words in f.get("missed", [])
        )
        searched = f.get("searched", f.get("stories"))
        of = (
            f"{searched} searched of {f.get('stories')} stories: "
            if searched != f.get("stories")
            else ""
        )
        findable = (
            f"{of}{f.get('found', '?')} of {searched} as an exact phrase, "
            f"{f.get('found_by_words', '?')} by its words ({f.get('seconds', 0):.0f} s in the "
            f"browser{f'; missed: {missed}' if missed else ''})"
        )
        before, after = r.get("load_before", 0), r.get("load_after", 0)
        load = f"{before:.1f} → {after:.1f} on {os.cpu_count()} cores"
        cells.append(
            (f"{r['n']:,}", land, first, findable, str(r["largest"].get("over_150kb", "?")), load)
        )
    head = (
        "N | landing, new / old | landing → result, new / old | stories findable by a phrase "
        "of their own text | pages over 150 KB | machine load (1 min, before → after)"
    )
    return table(head, "rrrlrl", cells)


def _targets(r: dict[str, Any]) -> list[str]:
    new, f = r.get("new", {}), r.get("findable", {})
    first = new.get("first_results_seconds", float("nan"))
    checks = [
        (
            "landing on a dancer page (gzip)",
            new.get("landing_gzip", 1e12) < 400_000,
            _kb(new.get("landing_gzip")),
            "< 400 KB",
        ),
        ("first results at 4× slowdown (landing → result)", first < 1.5, _s(first), "< 1.5 s"),
        (
            "bytes to first results (gzip)",
            new.get("first_results_gzip", 1e12) < 500_000,
            _kb(new.get("first_results_gzip")),
            "< 500 KB",
        ),
        (
            "every story findable by a phrase of its text",
            _findable(f),
            f"{f.get('found_by_words')} of {f.get('searched', f.get('stories'))} searched "
            f"({f.get('found')} as an exact, quoted phrase), of {f.get('stories')}",
            "all",
        ),
        (
            "largest page",
            r["largest"].get("raw", 1e12) < 150_000,
            _kb(r["largest"].get("raw")),
            "≤ about 150 KB",
        ),
    ]
    lines = [
        "",
        f"Targets at N={r['n']:,} (machine load {r.get('load_before', 0):.1f} → "
        f"{r.get('load_after', 0):.1f}):",
        "",
    ]
    verdicts = {True: "**met**", False: "**missed**", None: "none missed of those searched"}
    cells = [(label, measured, limit, verdicts[met]) for label, met, measured, limit in checks]
    return [*lines, *table("target | measured | limit | result", "llll", cells)]


def _findable(f: dict[str, Any]) -> bool | None:
    """Met when every story was searched and found by its words; ``None`` when a
    ``--find-within`` run searched only some of them and found every one of those."""
    searched = f.get("searched", f.get("stories"))
    if f.get("found_by_words") != searched:
        return False
    return True if searched == f.get("stories") else None


def _live(live: dict[str, Any]) -> list[str]:
    lines = [
        "",
        f"Live edit at N={live['n']:,} (bench.py's `live_edit`, run by "
        "`search.py --live-at`): seconds from saving a seed to its new text in the "
        "open page, and to the site's search finding the new word in a new tab.",
        "",
    ]
    cells = [
        (
            mode,
            _s(v.get("edit_to_browser_seconds")),
            _s(v.get("edit_to_search_seconds")),
            str(v.get("error", "")),
        )
        for mode, v in live["modes"].items()
    ]
    head = "mode | save → text in browser | save → findable | error"
    return [*lines, *table(head, "lrrl", cells)]


def report(results: list[dict[str, Any]], live: dict[str, Any] | None = None) -> list[str]:
    """The section bench.py adds to RESULTS.md (``live``: a live edit measured by
    ``search.py --live-at``, when bench.py's own live section is not rewritten)."""
    lines = [TITLE, "", METHOD, "", *_rows(results), "", *_ratios(results)]
    big = [r for r in results if r["n"] >= 10_000]
    if big:
        lines += _targets(big[-1])
    if live and "modes" in live:
        lines += _live(live)
    return [*lines, ""]


def write_section(results_md: Path, section: list[str]) -> None:
    """Put the section into RESULTS.md, replacing what a previous run wrote (up to the
    next heading: hand-written notes under `###` headings stay)."""
    lines = results_md.read_text("utf-8").splitlines() if results_md.exists() else []
    title = section[0]
    if title in lines:
        start = lines.index(title)
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith(("## ", "### "))),
            len(lines),
        )
        lines[start:end] = section
    else:
        at = lines.index("## Method") if "## Method" in lines else len(lines)
        lines[at:at] = section
    results_md.write_text("\n".join(lines).rstrip("\n") + "\n", "utf-8")
