"""Seeds shaped to be slow, and a seed of ordinary prose of the same size to compare them with.

Reading a seed must cost time linear in its size whatever its shape (issue 10): a text
without a full stop, one endless line, runs of capitalised words, one company name
repeated, thousands of quotation marks, only digits... ``shape_texts(size)`` writes each
shape at about ``size`` characters, deterministically; ``prose(size)`` is the yardstick,
ordinary sentences about dancers of which none is repeated (a repeated sentence would let
the extractor's per-sentence caches flatter it).

``measure(size)`` reads each one as the builder does (decode, clean, extract) and returns
the seconds per shape; ``python bench/shapes.py 1000000`` prints them.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(_ROOT))


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


def read_seconds(text: str) -> float:
    """Seconds to read one seed of this text as the builder does (decode, clean, extract)."""
    from builder.read.story import read_story

    data = text.encode("utf-8")
    started = time.process_time()
    read_story(data, "shape.txt")
    return time.process_time() - started


def measure(size: int, only: str | None = None) -> dict[str, float]:
    """Seconds to read ordinary prose and each shape at ``size`` characters."""
    texts = {"ordinary prose (no repeated sentence)": _fit(prose(size), size), **shape_texts(size)}
    read_seconds(prose(2000, seed="warm-up"))  # load the gazetteer outside the timings
    return {
        name: read_seconds(text) for name, text in texts.items() if only is None or only in name
    }


if __name__ == "__main__":  # python bench/shapes.py [SIZE [SHAPE]]
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for shape, seconds in measure(size, sys.argv[2] if len(sys.argv) > 2 else None).items():
        print(f"{seconds:8.3f} s  {shape}", flush=True)
