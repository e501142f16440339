"""A deterministic generator of seed stories for the benchmark.

``generate(n)`` always returns the same ``n`` stories (same names, same bytes), and the
first ``n`` stories of a larger corpus are the stories of a smaller one. Each story is a
few hundred words of prose about one dancer, told from a pool of sentence patterns, with:

* a name from first names x surnames with diacritics (unique within a corpus);
* an origin (city and country), a company, a signature role in a ballet, other ballets,
  a school and people around her, all drawn from names the builder's gazetteer knows,
  plus a share of companies and cities it does not (read from the prose, or left null);
* an encoding mix like the one real contributors send: mostly UTF-8, a share in
  Windows-1252, a share with mojibake (UTF-8 read as cp1252 and saved again), a share
  with a BOM and CRLF line endings.

No sentence is repeated, within a story or across the corpus (every sentence holds the
dancer's name or details drawn for that story alone, see ``_details``): real stories do
not share sentences, and a corpus that did would let the extractor's per-sentence caches
flatter it. None of it is a copy of the five stories in ``seeds/``.
"""

from __future__ import annotations

import functools
import hashlib
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import yaml


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


_VOCABULARY = yaml.safe_load(
    (Path(__file__).resolve().parent / "vocabulary.yaml").read_text("utf-8")
)
"""Names, companies, ballets and roles, origins, schools, teachers, words, places in town."""
FIRST: tuple[str, ...] = _tuples(_VOCABULARY["FIRST"])
SURNAMES: tuple[str, ...] = _tuples(_VOCABULARY["SURNAMES"])
COMPANIES: tuple[str, ...] = _tuples(_VOCABULARY["COMPANIES"])
BALLETS: tuple[tuple[str, str], ...] = _tuples(_VOCABULARY["BALLETS"])
ORIGINS: tuple[tuple[str, str], ...] = _tuples(_VOCABULARY["ORIGINS"])
SCHOOLS: tuple[str, ...] = _tuples(_VOCABULARY["SCHOOLS"])
TEACHERS: tuple[str, ...] = _tuples(_VOCABULARY["TEACHERS"])
WORDS: tuple[str, ...] = _tuples(_VOCABULARY["WORDS"])
PLACES_IN_TOWN: tuple[str, ...] = _tuples(_VOCABULARY["PLACES_IN_TOWN"])


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class Story:
    """One generated seed: its file name, its text (clean, ``\\n``) and its bytes."""

    name: str
    filename: str
    text: str
    data: bytes
    flavour: str
    """``utf-8``, ``cp1252``, ``mojibake`` or ``bom-crlf``: how ``data`` was written."""


@functools.cache
def _names() -> tuple[str, ...]:
    """Every first name x surname, in a fixed shuffled order (independent of ``n``)."""
    names = [f"{first} {last}" for last in SURNAMES for first in FIRST]
    random.Random("names").shuffle(names)
    return tuple(names)


# Details that make every sentence of the corpus its own: real biographies never share a
# sentence, and a corpus that did would let per-sentence caches flatter the extractor.
SEASONS = _words("spring summer autumn winter")
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
TRAVEL = ("walk", "tram ride", "bus ride", "bicycle ride", "train ride", "drive")
HABITS = _words(
    "humming whispering tapping nodding frowning smiling sighing swaying counting blinking"
)
KEEPSAKES = (
    "make-up box",
    "rehearsal diary",
    "pointe-shoe bag",
    "music folder",
    "hatbox",
    "sewing tin",
    "practice notebook",
)
EVENINGS = _words("rainy windy snowy humid freezing sweltering foggy stormy quiet endless")
STAGES = ("raked", "sloping", "creaking", "slippery", "narrow", "vast", "borrowed", "new")


def _details(index: int, salt: str, *options: tuple | range) -> tuple:
    """One choice from each of ``options``, different for every ``index`` below their
    product (a bijection: the index times a number coprime to the product, in mixed
    radix), so a sentence holding them is never the sentence of another story."""
    product = 1
    for option in options:
        product *= len(option)
    factor = int(hashlib.sha256(salt.encode()).hexdigest()[:8], 16) | 1
    while math.gcd(factor, product) != 1:
        factor += 2
    number = (index * factor) % product
    picked = []
    for option in options:
        number, digit = divmod(number, len(option))
        picked.append(option[digit])
    return tuple(picked)


def story_text(index: int, variant: int = 0) -> tuple[str, str]:
    """The name and text of story ``index`` (``variant`` > 0: an edited version).

    Every sentence holds the dancer's name or details unique to the story (see
    :func:`_details`): no two stories below 100,000 share a sentence.
    """
    rng = random.Random(f"dancer-{index}")
    names = _names()  # story i always has name i, whatever the corpus size
    name = names[index % len(names)]
    if index >= len(names):
        name = f"{name} {_roman(index // len(names) + 1)}"
    first = name.split()[0]
    city, country = rng.choice(ORIGINS)
    company = rng.choice(COMPANIES)
    other_company = rng.choice([c for c in COMPANIES if c != company])
    ballet, role = rng.choice(BALLETS)
    others = rng.sample([b for b, _ in BALLETS if b != ballet], 3)
    school = rng.choice(SCHOOLS)
    teacher = rng.choice(TEACHERS)
    year = rng.randint(1948, 2012)

    def unique(salt: str, *options: tuple | range) -> tuple:
        return _details(index, salt, *options)

    # One call per sentence: each tuple alone tells this story's sentence from the others'.
    age, place, minutes, travel, day = unique(
        "class", range(4, 12), PLACES_IN_TOWN, range(3, 63), TRAVEL, WEEKDAYS
    )
    child, habit, runs = unique("child", WORDS, HABITS, range(2, 602))
    years, lessons = unique("port de bras", range(2, 7), range(20, 20020))
    kind_words, keepsake = unique("kind words", range(3, 14303), KEEPSAKES)
    joined_on, after = unique("joined", WEEKDAYS, range(2, 14302))
    corps, evening, notice = unique("corps", range(2, 6), EVENINGS, range(2, 2502))
    first_age, into = unique("signature", range(17, 30), range(2, 7702))
    balances, silence, generation = unique("critics", WORDS, range(2, 402), WORDS)
    times, pairs = unique("danced it", range(40, 260), range(2, 502))
    weeks, children = unique("summers", range(2, 12), range(3, 10003))
    coffee, cups, novels = unique("off stage", WORDS, range(2, 9), range(10, 2010))
    shoes, pages = unique("diary", range(2, 40), range(100, 10100))
    minutes_early, record = unique("early", range(20, 95), range(1, 1501))
    matinee, degrees, tours, days = unique(
        "tour", WEEKDAYS, range(-25, 4), range(2, 30), range(10, 4010)
    )
    partner, seasons, rehearsals = unique("partner", WORDS, range(4, 15), range(100, 1100))
    performance = unique("injury", range(100, 100100))[0]
    afternoons, libretti = unique("library", range(2, 13), range(10, 10010))
    asked = unique("asked", range(100, 100100))[0]
    listen, stage, lesson, students = unique("listen", WORDS, STAGES, SEASONS, range(3, 2003))
    copies = unique("memoir", range(500, 100500))[0]
    opening = rng.choice(
        (
            f"{name} was born in {city}, {country}, in the winter of {year}.",
            f"{name} grew up in {city}, in {country}, where the trams ran late and the "
            "theatre lights later still.",
            f"Nobody in {city} expected {name} to become a dancer; her family had been "
            f"clockmakers in {country} for four generations.",
        )
    )
    paragraphs = [
        f"{opening} At {age} she was taken to a class in {place}, a {minutes}-minute "
        f"{travel} from home, on a {day}, and she never quite left it. Her teachers "
        f"remember a {child} child, {habit} the counts under her breath, who asked {runs} "
        "evenings in a row for one more run of the combination.",
        f"She trained at the {school}, where {teacher} corrected her port de bras in "
        f"{lessons} lessons over {years} years before saying a single kind word. {first} "
        f"later said that those {kind_words} words were worth every blister, and that she "
        f"wrote them inside the lid of her {keepsake}.",
        f"In {year + 18} {first} joined the {company} on a {joined_on}, {after} days after "
        f"her final examination. She spent {corps} seasons in the corps de ballet, learning "
        f"every place in every line, and was promoted to soloist after a {evening} evening "
        f"in which she replaced an injured colleague at {notice} minutes' notice.",
        f"Her signature role was {role} in {ballet}, which she first danced at {first_age}, "
        f"{into} days into a season. Critics wrote about her {balances} balances and about "
        f"the {silence} seconds she held the stage in silence; one of them called her "
        f"{role} \u201cthe most {generation} in a generation\u201d. She danced it {times} "
        f"times and wore out {pairs} pairs of pointe shoes doing so.",
        f"She also danced in {others[0]}, {others[1]} and {others[2]}, and toured with "
        f"the {other_company} for a season, though she always returned to {city} for "
        f"{weeks} weeks in the summer to teach the children of the ballet club where she "
        f"had started, {children} of them by her own count.",
        rng.choice(
            (
                f"Off stage she was shy, fond of long walks, {cups} cups of {coffee} coffee "
                f"a day and detective novels \u2013 {novels} of them by the last count.",
                "She kept a diary of every performance: the weather, the conductor's tempo, "
                f"the {shoes} pairs of shoes she wore out, and one line about what she had "
                f"learned, {pages} pages in all.",
                "Younger dancers remember her patience in the studio and her habit of "
                f"arriving {minutes_early} minutes early to warm up alone \u2014 always to "
                f"record number {record} of her collection.",
            )
        ),
        rng.choice(
            (
                f"The {company} took {ballet} on tour to {rng.choice(ORIGINS)[0]} and "
                f"{rng.choice(ORIGINS)[0]}; {first} danced every performance, including a "
                f"{matinee} matinée in a hall so cold ({degrees} degrees) that the orchestra "
                f"played in overcoats, one of {tours} tours over {days} days on the road.",
                f"Her partnership with a {partner} young principal lasted {seasons} seasons; "
                f"they rehearsed the pas de deux from {ballet} {rehearsals} times, so often "
                "that, she joked, they could dance it asleep.",
                f"An injury in {year + 27}, at performance number {performance} of her "
                "career, kept her off the stage for a year. She spent it in the "
                f"physiotherapy room and, {afternoons} afternoons a week, in the library, "
                f"reading {libretti} pages of libretti of the ballets the company owned, and "
                "came back stronger.",
            )
        ),
        f"Asked once, after performance number {asked}, what dancing had taught her, "
        f"{first} answered that it had taught her to listen: to the music, to her partner, "
        f"to the audience breathing in the dark. It was the {listen} lesson of {stage} "
        f"stages, and she passed it on to {students} students over the {lesson}s in her "
        "own studio.",
        f"When she retired, {first} coached young soloists for the {company} and wrote "
        f"a short memoir, \u201cCounting Under My Breath\u201d, published in {year + 45} "
        f"in {copies} copies.",
    ]
    if variant:
        # An edited version: one more paragraph with a word found in no other story.
        paragraphs.append(
            f"A later note, edition {variant}, adds that she still takes "
            f"class every morning in a studio she calls glissandrova{variant}."
        )
    return name, "\n\n".join(paragraphs) + "\n"


def _roman(number: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[min(number, 10) - 1]


def flavour_of(index: int) -> str:
    """Roughly 76% UTF-8, 10% cp1252, 7% mojibake, 7% BOM + CRLF, spread evenly."""
    bucket = int(hashlib.sha256(f"flavour-{index}".encode()).hexdigest()[:4], 16) % 100
    if bucket < 10:
        return "cp1252"
    if bucket < 17:
        return "mojibake"
    if bucket < 24:
        return "bom-crlf"
    return "utf-8"


def encode(text: str, flavour: str) -> tuple[bytes, str]:
    """The bytes a contributor's tool would have saved; falls back to UTF-8 when the
    text cannot be written in cp1252 (e.g. a Polish ``ł``)."""
    if flavour == "cp1252":
        try:
            return text.encode("cp1252"), flavour
        except UnicodeEncodeError:
            return text.encode("utf-8"), "utf-8"
    if flavour == "mojibake":
        try:
            # ftfy's "sloppy" cp1252 maps the 5 bytes cp1252 leaves undefined (0x9d in
            # a closing curly quote) the way Windows tools do.
            return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"), flavour
        except UnicodeDecodeError:
            return text.encode("utf-8"), "utf-8"
    if flavour == "bom-crlf":
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), flavour
    return text.encode("utf-8"), "utf-8"


def make_story(index: int, variant: int = 0) -> Story:
    name, text = story_text(index, variant)
    data, flavour = encode(text, flavour_of(index))
    digest = hashlib.sha256(f"story-{index}".encode()).hexdigest()[:16]
    return Story(name, f"{index:05d}_{digest}.txt", text, data, flavour)


def generate(n: int) -> list[Story]:
    """The first ``n`` stories of the benchmark corpus."""
    return [make_story(i) for i in range(n)]


if __name__ == "__main__":  # a quick look: python bench/corpus.py 5
    import sys
    from collections import Counter

    stories = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    print(Counter(s.flavour for s in stories))
    print(stories[0].filename, len(stories[0].data), "bytes")
    print(stories[0].text)
