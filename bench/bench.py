"""The Dancer Anthology benchmark: ``make bench`` (or ``python bench/bench.py``).

For each corpus size N it generates N stories (bench/corpus.py), then measures, each step
as its own subprocess (wall time and that process's peak RSS, from ``os.wait4``):

* the I/O floor: read every seed, write every generated page's bytes, nothing else;
* ``anthology build``: cold (no generated page, no cache), no-op, after one seed edited,
  after one added, after one deleted (and which pages each rebuild rewrote);
* ``mkdocs build`` of the result, with the plugin (whose no-op build is timed separately);
* the toolchain floor: a bare ``mkdocs build`` of the same stories as plain text-only
  pages, same theme, overrides and fixed nav, no plugin;
* the site's size (total, per story, search index) and what the search index holds;
* at N = 1,000 (``--live-at``): the live edit in ``mkdocs serve``, seen by Chromium.

It writes the tables, the ratios against the floors of the same run, each target met or
missed, the machine, and a cProfile of the cold build (``--profile-at``) to ``--out``.
Nothing here asserts a speed in a unit test: tests/test_bench.py only runs ``--sizes 100``.

The parts: run.py (one measured step, the builder's snapshot), project.py (the projects
measured), measure.py (one corpus size), live.py (the live edit), report.py and
targets.py (the Markdown report), shapes.py (seeds shaped to be slow). The numbers are
kept in ``--work``/results.json; ``--report-from`` writes the report again from them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))  # the parts next to this script, run as `python bench/bench.py`

import extraction  # noqa: E402  (bench/extraction.py: extraction per story, 2 workers)
import shapes  # noqa: E402  (bench/shapes.py: seeds shaped to be slow)
from measure import measure  # noqa: E402
from report import RunInfo, write_report  # noqa: E402
from run import crashed, progress, snapshot_builder, step_from_record, step_record  # noqa: E402

RESULTS_JSON = "results.json"


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError("sizes must be numbers of stories, each >= 10")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench.py",
        description="Benchmark The Dancer Anthology: for each corpus size, generate that "
        "many stories, time the builder (cold, no-op, after an edit, an addition and a "
        "deletion), `mkdocs build`, an I/O floor and a bare-MkDocs toolchain floor, measure "
        "peak memory and the site's size, and write the tables, ratios and targets (met or "
        "missed) to a Markdown report.",
        epilog="`make bench` runs --sizes 100,1000,10000 (several minutes); tests run "
        "--sizes 100 as a smoke test. Work files go to bench/out/ (gitignored).",
    )
    parser.add_argument(
        "--sizes",
        type=str,
        default="100,1000,10000",
        help="comma-separated corpus sizes (default: 100,1000,10000)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=BENCH / "RESULTS.md",
        help="the report to write (default: bench/RESULTS.md)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=BENCH / "out",
        help="scratch folder for the generated projects (default: bench/out)",
    )
    parser.add_argument(
        "--live-at",
        type=int,
        default=1000,
        metavar="N",
        help="measure the live edit in `mkdocs serve` at this size, if it is "
        "one of --sizes (default: 1000; 0: never)",
    )
    parser.add_argument(
        "--profile-at",
        type=int,
        default=1000,
        metavar="N",
        help="profile the cold build at this size, or at the smallest size "
        "if it is not one of --sizes (default: 1000; 0: never)",
    )
    parser.add_argument(
        "--search-sizes",
        type=str,
        default="1000,10000",
        metavar="N,N",
        help="sizes at which to measure what a reader downloads and waits for with the "
        "search, against Material's search (bench/search.py; default: 1000,10000)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep each size's built sites under --work"
    )
    parser.add_argument(
        "--shapes-size",
        type=int,
        default=1_000_000,
        metavar="BYTES",
        help="read each seed shape of bench/shapes.py at this size (default: 1000000; 0: never)",
    )
    parser.add_argument(
        "--report-from",
        type=Path,
        metavar="RESULTS_JSON",
        help="measure nothing: write --out again from a run's saved numbers (its "
        "results.json, e.g. bench/out/results.json), keeping the shapes section of --out",
    )
    parser.add_argument(
        "--extraction-stories",
        type=int,
        default=1000,
        help="measure extraction on this many stories (bench/extraction.py; 0: never)",
    )
    parser.add_argument(
        "--shapes-only",
        action="store_true",
        help="measure only the shapes and rewrite their section of --out",
    )
    args = parser.parse_args(argv)
    if args.report_from:
        report_from(args.report_from, args.out)
        return 0
    if args.shapes_only:
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        lines = shapes.section(shapes.measure(args.shapes_size), args.shapes_size)
        args.out.write_text(shapes.with_section(old, lines), encoding="utf-8")
        return 0
    try:
        sizes = parse_sizes(args.sizes)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    args.search_sizes = parse_sizes(args.search_sizes) if args.search_sizes else []
    if args.profile_at and args.profile_at not in sizes:
        args.profile_at = sizes[0]
    started = time.perf_counter()
    ctx = snapshot_builder(args.work)
    results = []
    for n in sizes:
        results.append(measure(ctx, n, args.work, args))
    run = RunInfo(
        args.sizes,
        datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        (time.perf_counter() - started) / 60,
        ctx.commit,
        ctx.dirty,
        ctx.fingerprint,
    )
    # Kept so that the report can be written again without measuring (--report-from).
    save_results(args.work / RESULTS_JSON, run, results)
    report = write_report(results, run)
    if args.shapes_size:
        lines = shapes.section(shapes.measure(args.shapes_size), args.shapes_size)
        report = shapes.with_section(report, lines)
    if args.extraction_stories:
        lines = extraction.section(extraction.measure(args.extraction_stories))
        report = shapes.with_section(report, lines, extraction.SECTION)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    progress(f"wrote {args.out} in {(time.perf_counter() - started) / 60:.1f} min")
    return _exit_status(results)


def save_results(path: Path, run: RunInfo, results: list[dict[str, Any]]) -> None:
    """The run's numbers as JSON: every step's record, everything the report reads."""
    steps = [{**r, "steps": {k: step_record(s) for k, s in r["steps"].items()}} for r in results]
    text = json.dumps({"run": asdict(run), "results": steps}, ensure_ascii=False, indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")


def load_results(path: Path) -> tuple[RunInfo, list[dict[str, Any]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    results = [
        {**r, "steps": {k: step_from_record(s) for k, s in r["steps"].items()}}
        for r in data["results"]
    ]
    return RunInfo(**data["run"]), results


def report_from(saved: Path, out: Path) -> None:
    """Write the report again from a run's saved numbers, without measuring anything
    (after a change to how the report reads); the shapes and extraction sections of
    ``out`` are kept."""
    run, results = load_results(saved)
    report = write_report(results, run) + "\n"
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    for title in (shapes.SECTION, extraction.SECTION):
        kept = shapes.kept_section(old, title)
        while len(kept) > 1 and kept[-1] == kept[-2] == "":
            kept.pop()  # one blank line before the next section, as the run wrote it
        report = shapes.with_section(report, kept, title) if kept else report
    out.write_text(report, encoding="utf-8")


def _exit_status(results: list[dict[str, Any]]) -> int:
    failed = [f"N={r['n']} {name}" for r in results for name, s in r["steps"].items() if crashed(s)]
    if failed:
        progress("steps that failed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
