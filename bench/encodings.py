"""How often each decoder reads a legacy-encoded story back letter for letter.

``samples()`` generates, deterministically, short English stories (64-600 bytes) about
dancers with names from many languages, each saved in a codec a person of that language
would plausibly have used, the way an old editor writes it: curly quotes and dashes only
when the codec has them. ``python bench/encodings.py`` decodes every sample with three
decoders and prints the table that the README shows:

* the decoder before issue 10 (strict UTF-8, else cp1252, or cp1251 for Cyrillic);
* charset-normalizer alone (``from_bytes(data).best()``);
* :func:`builder.read.decode.decode`.

A sample is right when the decoded text is the text that was written; an error (the
decoder refusing to guess) is counted apart from a wrong text (mojibake published).
``tests/test_decode.py`` runs the same corpus and asserts the per-codec accuracy.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

try:  # bench/ on the path: run as a script
    from tables import table
except ImportError:  # imported as bench.encodings (tests/test_decode.py)
    from bench.tables import table

NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    language: (tuple(firsts), tuple(surnames), tuple(cities))
    for language, (firsts, surnames, cities) in yaml.safe_load(
        (Path(__file__).resolve().parent / "names.yaml").read_text(encoding="utf-8")
    ).items()
}
"""Names as people of each language write them (first names, surnames) and cities:
bench/names.yaml, invented combinations of common names."""

WESTERN = (
    "french",
    "german",
    "spanish",
    "portuguese",
    "danish_norwegian",
    "swedish_finnish",
    "italian",
    "catalan",
)
"""The Western European languages that both cp1252 and Mac Roman carry."""

# Which languages' stories each codec carries (what a person saving that codec writes).
CODECS: dict[str, tuple[str, ...]] = {
    "cp1252": (*WESTERN[:6], "icelandic", *WESTERN[6:]),
    "iso8859_15": ("french_oe", "french", "german", "swedish_finnish", "estonian"),
    "cp1250": ("czech", "slovak", "polish", "hungarian", "romanian", "croatian_slovenian"),
    "iso8859_2": ("czech", "slovak", "polish", "hungarian", "romanian", "croatian_slovenian"),
    "cp1257": ("lithuanian", "latvian", "estonian"),
    "cp1254": ("turkish",),
    "cp1251": ("russian", "ukrainian", "bulgarian_serbian"),
    "koi8_r": ("russian",),
    "koi8_u": ("ukrainian", "russian"),
    "mac_roman": WESTERN,
    "utf_16_le": tuple(NAMES),
    "utf_16_be": tuple(NAMES),
}

BALLETS = ("Giselle", "Swan Lake", "Coppélia", "La Bayadère", "The Nutcracker", "Don Quixote")
COMPANIES = ("Paris Opera Ballet", "the Royal Ballet", "the National Theatre", "Ballet Zürich")

SENTENCES = (
    "{name} was born in {city} in {year}.",
    "{first} trained in {city2} before she joined {company}.",
    "Her signature role is {ballet}, which she first danced in {year2}.",
    "“I dance for my grandmother,” {first} said after the première.",
    "Critics called her {ballet} “fearless” — and it was.",
    "She’s toured with {company} ever since; {surname}’s Giselle is still talked about.",
    "{name} retired in {year3} and now teaches in {city}.",
    "Her partner in {ballet} was {other}.",
    "In {city2}, {first} {surname} learned from {other}.",
    "The {city} critics wrote: “{surname} is a poet on pointe.”",
)


@dataclass(frozen=True)
class Sample:
    """One story as written, and its bytes as an old editor saved them."""

    codec: str
    language: str
    text: str
    data: bytes


def _fit(text: str, codec: str) -> str:
    """The text as that editor could save it: typography the codec lacks made plain."""
    plain = {"“": '"', "”": '"', "’": "'", "—": "-", "è": "e", "é": "e", "ü": "u"}
    out = []
    for char in text:
        try:
            char.encode(codec)
        except UnicodeEncodeError:
            char = plain.get(char, "?")
        out.append(char)
    return "".join(out)


def _story(rng: random.Random, language: str, codec: str) -> str:
    firsts, surnames, cities = NAMES[language]
    other_language = rng.choice(CODECS[codec]) if rng.random() < 0.3 else language
    other_firsts, other_surnames, _ = NAMES[other_language]
    first, surname = rng.choice(firsts), rng.choice(surnames)
    fields = {
        "name": f"{first} {surname}",
        "first": first,
        "surname": surname,
        "city": rng.choice(cities),
        "city2": rng.choice(cities),
        "other": f"{rng.choice(other_firsts)} {rng.choice(other_surnames)}",
        "ballet": rng.choice(BALLETS),
        "company": rng.choice(COMPANIES),
        "year": rng.randint(1950, 2005),
        "year2": rng.randint(1975, 2020),
        "year3": rng.randint(1990, 2024),
    }
    size = rng.randint(64, 600)
    order = [0, *rng.sample(range(1, len(SENTENCES)), len(SENTENCES) - 1)]
    parts: list[str] = []
    for index in order:
        sentence = _fit(SENTENCES[index].format(**fields), codec)
        candidate = " ".join([*parts, sentence])
        if parts and len((candidate + "\n").encode(codec)) > size:
            break
        parts.append(sentence)
    text = " ".join(parts) + "\n"
    while len(text.encode(codec)) > 600:  # the first sentence alone may be long in UTF-16
        text = text.rsplit(" ", 2)[0] + ".\n"
    return text


def samples(per_codec: int = 50, corpus: str = "encodings") -> Iterator[Sample]:
    """``per_codec`` stories per codec, always the same ones for the same ``corpus`` name
    (another name draws a held-out corpus, to check that the scorer was not fitted to
    this one)."""
    for codec, languages in CODECS.items():
        rng = random.Random(f"{corpus}:{codec}")
        made = 0
        while made < per_codec:
            language = languages[made % len(languages)]
            text = _story(rng, language, codec)
            data = text.encode(codec)
            if len(data) < 64 or data.isascii():
                continue
            made += 1
            yield Sample(codec, language, text, data)


# ---- the three decoders compared -------------------------------------------------------


def old_decoder(data: bytes) -> str:
    """The decoder before issue 10: strict UTF-8, else cp1252, or cp1251 for Cyrillic."""
    import charset_normalizer

    if b"\x00" in data:
        raise ValueError("binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=["cp1252", "cp1251"]).best()
    if best is not None and best.encoding == "cp1251" and best.chaos < 0.1:
        return data.decode("cp1251")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def charset_normalizer_alone(data: bytes) -> str:
    """charset-normalizer's best guess over every codec it knows."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ValueError("no guess")
    return str(best)


def new_decoder(data: bytes) -> str:
    """The project's decoder (issue 10)."""
    from builder.read.decode import decode

    return decode(data, "seeds/sample.txt").text


DECODERS: dict[str, Callable[[bytes], str]] = {
    "before issue 10": old_decoder,
    "charset-normalizer alone": charset_normalizer_alone,
    "this decoder": new_decoder,
}


@dataclass(frozen=True)
class Tally:
    """One decoder's results on one codec's samples."""

    right: int = 0
    wrong: int = 0
    errors: int = 0

    def add(self, outcome: str) -> Tally:
        counts = {"right": self.right, "wrong": self.wrong, "errors": self.errors}
        counts[outcome] += 1
        return Tally(**counts)


def outcome(decoder: Callable[[bytes], str], sample: Sample) -> str:
    """``right``, ``wrong`` (a different text) or ``errors`` (refused)."""
    from builder.errors import AnthologyError

    try:
        text = decoder(sample.data)
    except (AnthologyError, ValueError):
        return "errors"
    return "right" if text == sample.text else "wrong"


def measure(
    per_codec: int, decoders: dict[str, Callable[[bytes], str]], corpus: str = "encodings"
) -> dict:
    tallies: dict[str, dict[str, Tally]] = {}
    timing: dict[str, float] = dict.fromkeys(decoders, 0.0)
    for sample in samples(per_codec, corpus):
        row = tallies.setdefault(sample.codec, {name: Tally() for name in decoders})
        for name, decoder in decoders.items():
            start = time.perf_counter()
            row[name] = row[name].add(outcome(decoder, sample))
            timing[name] += time.perf_counter() - start
    return {"table": tallies, "timing": timing}


def markdown(result: dict, per_codec: int) -> str:
    names = list(next(iter(result["table"].values())))
    rows = []
    totals = dict.fromkeys(names, Tally())
    for codec, row in result["table"].items():
        cells = [codec]
        for name in names:
            tally = row[name]
            totals[name] = Tally(*(a + b for a, b in zip(_t(totals[name]), _t(tally), strict=True)))
            cells.append(_cell(tally, per_codec))
        rows.append(cells)
    count = per_codec * len(result["table"])
    rows.append(["**all**", *(_cell(totals[n], count) for n in names)])
    return "\n".join(table(" | ".join(["codec", *names]), "l" + "r" * len(names), rows))


def _t(tally: Tally) -> tuple[int, int, int]:
    return tally.right, tally.wrong, tally.errors


def _cell(tally: Tally, count: int) -> str:
    cell = f"{tally.right}/{count}"
    if tally.errors:
        cell += f" ({tally.errors} refused)"
    return cell


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-codec", type=int, default=50, help="samples per codec")
    parser.add_argument("--misses", action="store_true", help="print this decoder's misses")
    parser.add_argument(
        "--corpus", default="encodings", help="corpus name; another draws a held-out corpus"
    )
    args = parser.parse_args()
    result = measure(args.per_codec, DECODERS, args.corpus)
    print(markdown(result, args.per_codec))
    count = args.per_codec * len(result["table"])
    print()
    for name, seconds in result["timing"].items():
        print(f"{name}: {1000 * seconds / count:.2f} ms per sample")
    if args.misses:
        for sample in samples(args.per_codec, args.corpus):
            if outcome(new_decoder, sample) != "right":
                try:
                    got = new_decoder(sample.data)
                except Exception as exc:
                    got = f"ERROR {exc}"
                print(f"--- {sample.codec} {sample.language}\n{sample.text}=> {got}")


if __name__ == "__main__":
    main()
