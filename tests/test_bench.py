"""Smoke test of the benchmark script (bench/bench.py) at N = 100.

It only proves that the script runs end to end and writes its report: speed is measured
and judged by `make bench` (bench/RESULTS.md), never asserted in a unit test.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

from builder.extract.text import split_sentences
from tests.conftest import ROOT


def test_bench_runs_at_100_stories_and_writes_its_report(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench.py"),
            "--sizes",
            "100",
            "--out",
            str(out),
            "--work",
            str(tmp_path / "work"),
            "--live-at",
            "0",
            "--shapes-size",
            "20000",
            "--extraction-stories",
            "20",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    for row in (
        "| 100 | builder cold |",
        "| 100 | builder no-op |",
        "| 100 | builder after 1 edit |",
        "| 100 | builder after 1 added |",
        "| 100 | builder after 1 deleted |",
        "| 100 | I/O floor |",
        "| 100 | mkdocs build (anthology) |",
        "| 100 | mkdocs build (toolchain floor) |",
    ):
        assert row in report, f"no row {row!r} in the report"
    assert "## Targets" in report
    assert "## Where the cold build's time goes" in report
    # The seeds shaped to be slow (bench/shapes.py): one row each, prose first.
    assert "## Seeds shaped to be slow" in report
    assert "| ordinary prose (no repeated sentence) | 20,000 |" in report
    assert "| one endless line |" in report
    # The rebuild after one edit rewrote pages and named how many.
    edit = next(line for line in report.splitlines() if "| 100 | builder after 1 edit |" in line)
    assert " / " in edit
    # The numbers are kept as JSON, and the report written again from them is the same.
    again = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench.py"),
            "--report-from",
            str(tmp_path / "work" / "results.json"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert out.read_text(encoding="utf-8") == report


def test_bench_explains_itself() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "--sizes" in result.stdout and "--out" in result.stdout


def test_the_benchmark_corpus_repeats_no_sentence() -> None:
    """Real stories share no sentence; a corpus that did would let per-sentence caches
    make extraction look quicker than it is on real prose (issue 11)."""
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus", corpus)  # its dataclass looks its module up there
    spec.loader.exec_module(corpus)
    sentences = [s.text for story in corpus.generate(1000) for s in split_sentences(story.text)]
    assert len(sentences) > 10_000
    repeated = [text for text, count in Counter(sentences).items() if count > 1]
    assert repeated == []
