"""Seeds shaped to be slow, and a seed of ordinary prose of the same size to compare them with.

Reading a seed must cost time linear in its size whatever its shape (issue 10): a text
without a full stop, one endless line, runs of capitalised words, one company name
repeated, thousands of quotation marks, only digits... ``shape_texts(size)`` writes each
shape at about ``size`` characters, deterministically; ``prose(size)`` is the yardstick,
ordinary sentences about dancers of which none is repeated (a repeated sentence would let
the extractor's per-sentence caches flatter it).

``measure(size)`` reads each one as the builder does (decode, clean, extract), each in a
fresh process, and ``section`` writes the rows `make bench` adds to bench/RESULTS.md;
``python bench/shapes.py 1000000`` prints them.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(_ROOT))

try:  # bench/ on the path: imported by bench.py, or run as a script
    from tables import table
except ImportError:  # loaded from its path by tests/test_linear.py
    from bench.tables import table


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


_FIRST = _words("Amélie Oksana Leonor Ingrid Zuzanna Réka Ayşe Sakura Nino Chiara Siân Dagný")
_LAST = _words("Lefèvre Petrova Gonçalves Lindqvist Wójcik Horváth Yılmaz Tanaka Beridze Rossi")
_COMPANIES = (
    "the Royal Ballet",
    "the Bolshoi Ballet",
    "the Paris Opera Ballet",
    "the Hamburg Ballet",
    "the Dutch National Ballet",
    "Boston Ballet",
)
_CITIES = _words("Lyon Kyiv Porto Tbilisi Kraków Riga Sevilla Sapporo Havana Aarhus")
_BALLETS = _words("Giselle|Swan Lake|Don Quixote|Coppélia|Onegin|Manon|Raymonda|Sylvia", "|")
_ADJECTIVES = _words(
    "luminous fragile stubborn radiant quiet fierce patient tireless restless weightless "
    "unhurried precise gentle daring tender defiant meticulous generous wry candid"
)
_NOUNS = _words(
    "balance arabesque adagio entrance solo variation pas de deux curtain call rehearsal "
    "season tour premiere matinée gala fouetté jump lift partnership debut"
)
_VERBS = _words(
    "remembered praised described admired questioned recalled celebrated noticed "
    "reviewed filmed photographed discussed"
)
_WHO = (
    "a critic",
    "her teacher",
    "the conductor",
    "a younger dancer",
    "her partner",
    "an old friend",
    "the director",
    "a photographer",
)


def _sentences(seed: str) -> Iterator[str]:
    """Ordinary sentences about dancers, never the same one twice."""
    rng = random.Random(seed)
    seen: set[str] = set()
    while True:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        year = rng.randint(1900, 2025)
        templates = (
            f"{name} was born in {rng.choice(_CITIES)} in {year}.",
            f"In {year} {name} joined {rng.choice(_COMPANIES)} as a {rng.choice(_ADJECTIVES)} "
            f"member of the corps de ballet.",
            f"{rng.choice(_WHO).capitalize()} {rng.choice(_VERBS)} her "
            f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} in {rng.choice(_BALLETS)} "
            f"during the {year} season.",
            f"She danced {rng.choice(_BALLETS)} {rng.randint(2, 300)} times and toured it to "
            f"{rng.choice(_CITIES)} and {rng.choice(_CITIES)} with {rng.choice(_COMPANIES)}.",
            f"Her {rng.choice(_NOUNS)} in {rng.choice(_BALLETS)} was {rng.choice(_ADJECTIVES)}, "
            f"{rng.choice(_WHO)} wrote in {year}, and {rng.choice(_ADJECTIVES)} too.",
            f"After {rng.randint(2, 40)} rehearsals of the {rng.choice(_NOUNS)} she said, "
            f"\u201cIt is {rng.choice(_ADJECTIVES)} work, and {rng.choice(_ADJECTIVES)}.\u201d",
        )
        sentence = rng.choice(templates)
        if sentence not in seen:
            seen.add(sentence)
            yield sentence


def prose(size: int, seed: str = "prose") -> str:
    """About ``size`` characters of paragraphs of unique ordinary sentences."""
    sentences = _sentences(seed)
    paragraphs = [f"{next(sentences)}"]
    length = 0
    while length < size:
        paragraph = " ".join(next(sentences) for _ in range(5))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _words_only(size: int, transform: Callable[[str], str], sep: str = " ") -> str:
    """Prose reduced to its words (no punctuation at all), each word transformed."""
    words = prose(size).replace("\n", " ").split()
    cleaned = (transform(w.strip('.,;:“”"')) for w in words)
    return sep.join(w for w in cleaned if w)[:size]


def _fit(text: str, size: int) -> str:
    """``text`` cut to at most ``size`` bytes of UTF-8 (a seed's limit is in bytes)."""
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def shape_texts(size: int) -> dict[str, str]:
    """Each hostile shape in at most ``size`` bytes of UTF-8, by name (deterministic)."""
    return {name: _fit(text, size) for name, text in _shapes(size).items()}


def _shapes(size: int) -> dict[str, str]:
    text = prose(size)
    no_stops = text.replace(".", "")
    return {
        "no full stops": no_stops,
        "one endless line": no_stops.replace("\n", " "),
        "capitalised words": _words_only(size, str.capitalize),
        "capitalised words, one line": _words_only(size, str.capitalize).replace("\n", " "),
        "one company name repeated": _repeat("Paris Opera Ballet ", size),
        "a company name with commas": _repeat("the Royal Ballet, ", size),
        "quotation marks": _repeat("\u201c", size // 2) + _repeat('"', size // 2),
        "quoted words": _repeat("\u201cGiselle\u201d and \u201cManon\u201d, ", size),
        "only digits": _repeat("0123456789", size),
        "digits and spaces": _repeat("1984 2001 ", size),
        "abbreviations": _repeat("St. Mr. Dr. A. B. ", size),
        "lower-case after full stops": _repeat("she danced. and then. ", size),
        "membership cues": _repeat("she joined the company and was promoted to soloist ", size),
        "origin cues": _repeat("she was born in Lyon and grew up in Kyiv and ", size),
        "pronouns": _repeat("she her he his they who ", size),
        "one long word": _repeat("a", size),
        "hyphens and apostrophes": _repeat("d'a-b'c-", size),
        "commas": _repeat(", ", size),
        "blank lines": _repeat("x\n\n", size),
    }


PROSE = "ordinary prose (no repeated sentence)"
SECTION = "## Seeds shaped to be slow"
# Targets (issue 10): each shape under this many seconds, and within this many times prose.
TARGET_SECONDS = 2.0
TARGET_RATIO = 3.0


def texts(size: int) -> dict[str, str]:
    """The yardstick and every shape, at most ``size`` bytes each."""
    return {PROSE: _fit(prose(size), size), **shape_texts(size)}


def read_one(name: str, size: int) -> dict[str, float]:
    """Wall and CPU seconds to read one seed of shape ``name`` as the builder does (decode,
    clean, extract), after the gazetteer is loaded by a first small story."""
    from builder.read.story import read_story

    read_story(prose(2000, seed="warm-up").encode(), "warm-up.txt")
    data = texts(size)[name].encode("utf-8")
    wall, cpu = time.perf_counter(), time.process_time()
    read_story(data, "shape.txt")
    return {
        "bytes": len(data),
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
    }


def measure(size: int) -> dict[str, dict[str, float]]:
    """Each shape read in a fresh process (no cache warmed by another shape)."""
    results = {}
    for name in texts(1000):
        out = subprocess.run(
            [sys.executable, __file__, "--one", name, str(size)],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        results[name] = json.loads(out.stdout)
        print(f"[shapes] {results[name]['wall']:7.2f} s  {name}", file=sys.stderr, flush=True)
    return results


def section(results: dict[str, dict[str, float]], size: int) -> list[str]:
    """The report's section: one row per shape, with the targets met or missed."""
    prose_wall = results[PROSE]["wall"]
    lines = [
        SECTION,
        "",
        f"Each seed about {size:,} bytes, read as the builder reads a seed (decode, clean, "
        "extract), each in a fresh process after a first small story (bench/shapes.py; "
        "`python bench/bench.py --shapes-only` re-measures this section alone). Targets: "
        f"under {TARGET_SECONDS:g} s each, and within {TARGET_RATIO:g}× of ordinary prose "
        "(wall clock; CPU time shown too, as the machine may be shared: load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when this was written).",
        "",
    ]
    rows = []
    for name, r in results.items():
        ratio = r["wall"] / prose_wall if prose_wall else float("nan")
        rows.append(
            (
                name,
                f"{int(r['bytes']):,}",
                f"{r['wall']:.2f}",
                f"{r['cpu']:.2f}",
                f"{ratio:.2f}",
                _check(r["wall"] < TARGET_SECONDS),
                _check(ratio <= TARGET_RATIO),
            )
        )
    head = "shape | bytes | wall s | CPU s | × prose | under 2 s | within 3×"
    return [*lines, *table(head, "lrrrrcc", rows), ""]


def _check(ok: bool) -> str:
    return "yes" if ok else "**no**"


def with_section(report: str, lines: list[str], title: str = SECTION) -> str:
    """``report`` with its section ``title`` (the shapes') replaced by ``lines`` (or
    added before the Method section, or at the end)."""
    old = report.splitlines()
    if title in old:
        begin = old.index(title)
        end = next((i for i in range(begin + 1, len(old)) if old[i].startswith("## ")), len(old))
        new = old[:begin] + lines + old[end:]
    elif "## Method" in old:
        at = old.index("## Method")
        new = old[:at] + lines + old[at:]
    else:
        new = [*old, "", *lines]
    return "\n".join(new).rstrip("\n") + "\n"


def kept_section(old_report: str, title: str = SECTION) -> list[str]:
    """The section ``title`` (the shapes') of an earlier report, to carry over into a
    rewritten one."""
    old = old_report.splitlines()
    if title not in old:
        return []
    begin = old.index(title)
    end = next((i for i in range(begin + 1, len(old)) if old[i].startswith("## ")), len(old))
    return [*old[begin:end], ""] if end > begin else []


if __name__ == "__main__":  # python bench/shapes.py [SIZE] | --one SHAPE SIZE
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(read_one(sys.argv[2], int(sys.argv[3]))))
    else:
        size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
        print("\n".join(section(measure(size), size)))
