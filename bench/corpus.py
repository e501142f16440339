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

None of it is a copy of the five stories in ``seeds/``.
"""

from __future__ import annotations

import functools
import hashlib
import random
from dataclasses import dataclass

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Amélie Anaïs Agnès Inès Chloé Zoë Léa Noémie Hélène Céline Mégane Renée Maëlle "
    "Oksana Olesya Yuliya Ksenia Alyona Daria Svetlana Natália Leonor Joana Conceição "
    "Ángela Lucía María Begoña Nuria Inés Sofía Mónica Ingrid Åsa Björk Sölvi Freja Maja "
    "Märta Jürgen Käthe Lotte Ilse Małgorzata Zuzanna Agnieszka Kateřina Tereza Zdeňka "
    "Réka Ildikó Zsófia Ioana Mihaela Ayşe Elif Nilüfer Sakura Yui Haruka Min-jee Ji-woo "
    "Seo-yeon Aigerim Dinara Gulnara Nino Tamar Anahit Lilit Chiara Giulia Beatrice "
    "Valentina Clémence Solène Gaëlle Eloïse Siân Niamh Aoife Saoirse Dagný Þóra Ragnhild"
)
SURNAMES = _words(
    "Dubois Lefèvre Bérard Garnier Roché Thévenot Mercier Fauré Delacroix Ivanova "
    "Petrova Sokolova Volkova Lebedeva Kuznetsova Zakharova Baryshnikova Shevchenko "
    "Kovalenko Bondarenko Tkachenko Hryhorenko Nowak Wójcik Kowalczyk Wiśniewska "
    "Dąbrowska Zielińska Szymańska Woźniak Dvořáková Novotná Procházková Kučerová "
    "Horváth Szabó Kovács Tóth Nagy Popescu Ionescu Dumitrescu Müller Schröder Groß "
    "Köhler Wöhrle Jäger Böhm Fernández Núñez Muñoz Ibáñez Peña Sánchez Gonçalves "
    "Conceição Magalhães Araújo Falcão Brandão Lindqvist Åkerlund Sjöberg Ångström "
    "Nyström Jørgensen Søndergaard Kjær Þórsdóttir Guðmundsdóttir Yılmaz Öztürk Şahin "
    "Çelik Tanaka Yamamoto Nakamura Kobayashi Kim Park Choi Abenova Nurlanova "
    "Beridze Kapanadze Hovhannisyan Sargsyan Rossi Ferrari Bianchi Romano Colombo "
    "Ó Súilleabháin Mac Giolla Bríde Ní Bhriain Doyle Kavanagh Quinlan Fitzgerald"
)
# Known to the gazetteer (builder/data), so most pages link into company/ballet/origin
# indexes as real stories do; a few unknown ones are read from the prose or left null.
COMPANIES = (
    "Bolshoi Ballet",
    "Mariinsky Ballet",
    "Mikhailovsky Ballet",
    "Perm Opera and Ballet Theatre",
    "Eifman Ballet",
    "The Royal Ballet",
    "Birmingham Royal Ballet",
    "English National Ballet",
    "Scottish Ballet",
    "Northern Ballet",
    "Paris Opera Ballet",
    "Ballet du Capitole",
    "Lyon Opera Ballet",
    "Les Ballets de Monte-Carlo",
    "New York City Ballet",
    "American Ballet Theatre",
    "San Francisco Ballet",
    "Boston Ballet",
    "Houston Ballet",
    "Pacific Northwest Ballet",
    "Miami City Ballet",
    "Joffrey Ballet",
    "National Ballet of Canada",
    "Royal Winnipeg Ballet",
    "Hamburg Ballet",
    "Stuttgart Ballet",
    "Bavarian State Ballet",
    "Staatsballett Berlin",
    "Dutch National Ballet",
    "Royal Danish Ballet",
    "Norwegian National Ballet",
    "Royal Swedish Ballet",
    "Finnish National Ballet",
    "Vienna State Ballet",
    "Zurich Ballet",
    "Béjart Ballet Lausanne",
    "La Scala Theatre Ballet",
    "Rome Opera Ballet",
    "Teatro Colón Ballet",
    "Ballet Nacional de Cuba",
    "Compañía Nacional de Danza",
    "Companhia Nacional de Bailado",
    "Hungarian National Ballet",
    "Tbilisi Opera Ballet",
    "Ballet Manila",
    "Almaty Ballet Company",
    "Ballet Nacional del Sodre",
)
BALLETS = (
    ("Swan Lake", "Odette"),
    ("Giselle", "Giselle"),
    ("Don Quixote", "Kitri"),
    ("The Sleeping Beauty", "Aurora"),
    ("Romeo and Juliet", "Juliet"),
    ("La Bayadère", "Nikiya"),
    ("The Nutcracker", "Sugar Plum Fairy"),
    ("Coppélia", "Swanilda"),
    ("The Firebird", "The Firebird"),
    ("Onegin", "Tatiana"),
    ("Manon", "Manon"),
    ("La Sylphide", "The Sylph"),
    ("Raymonda", "Raymonda"),
    ("Le Corsaire", "Medora"),
    ("Cinderella", "Cinderella"),
    ("Carmen", "Carmen"),
    ("Spartacus", "Phrygia"),
    ("Mayerling", "Mary Vetsera"),
    ("Sylvia", "Sylvia"),
    ("Paquita", "Paquita"),
    ("La Fille mal gardée", "Lise"),
    ("Ondine", "Ondine"),
    ("Esmeralda", "Esmeralda"),
    ("Napoli", "Teresina"),
    ("The Lady of the Camellias", "Marguerite"),
)
ORIGINS = (
    ("Moscow", "Russia"),
    ("Novosibirsk", "Russia"),
    ("Kazan", "Russia"),
    ("Kyiv", "Ukraine"),
    ("Odesa", "Ukraine"),
    ("Lviv", "Ukraine"),
    ("Minsk", "Belarus"),
    ("Almaty", "Kazakhstan"),
    ("Tashkent", "Uzbekistan"),
    ("Tbilisi", "Georgia"),
    ("Yerevan", "Armenia"),
    ("Baku", "Azerbaijan"),
    ("Chișinău", "Moldova"),
    ("Riga", "Latvia"),
    ("Vilnius", "Lithuania"),
    ("Kraków", "Poland"),
    ("Gdańsk", "Poland"),
    ("Łódź", "Poland"),
    ("Prague", "Czech Republic"),
    ("Plzeň", "Czech Republic"),
    ("Budapest", "Hungary"),
    ("Pécs", "Hungary"),
    ("Iași", "Romania"),
    ("Sofia", "Bulgaria"),
    ("Zagreb", "Croatia"),
    ("Athens", "Greece"),
    ("Istanbul", "Turkey"),
    ("Köln", "Germany"),
    ("Düsseldorf", "Germany"),
    ("München", "Germany"),
    ("Zürich", "Switzerland"),
    ("Genève", "Switzerland"),
    ("Vienna", "Austria"),
    ("Salzburg", "Austria"),
    ("Lyon", "France"),
    ("Marseille", "France"),
    ("Bordeaux", "France"),
    ("Sevilla", "Spain"),
    ("Málaga", "Spain"),
    ("Porto", "Portugal"),
    ("São Paulo", "Brazil"),
    ("Bogotá", "Colombia"),
    ("Havana", "Cuba"),
    ("Montréal", "Canada"),
    ("Reykjavík", "Iceland"),
    ("Göteborg", "Sweden"),
    ("Aarhus", "Denmark"),
    ("Tromsø", "Norway"),
    ("Seoul", "South Korea"),
    ("Ōsaka", "Japan"),
    ("Sapporo", "Japan"),
    ("Manila", "Philippines"),
)
SCHOOLS = (
    "Vaganova Academy",
    "Bolshoi Ballet Academy",
    "Royal Ballet School",
    "Paris Opera Ballet School",
    "School of American Ballet",
    "John Cranko School",
    "Kyiv State Choreographic College",
    "Hungarian Dance Academy",
    "Escuela Nacional de Ballet",
    "Royal Danish Ballet School",
    "Perm Ballet School",
)
TEACHERS = (
    "Madame Petrova",
    "Natalia Dudinskaya",
    "Agrippina Vaganova",
    "Claude Bessy",
    "Galina Ulanova",
    "Maestro Cecchetti",
    "Monsieur Lefort",
    "Doña Alicia Soler",
    "Professor Kang Hye-jin",
    "Frau Ingeborg Wendt",
    "Signora Maria Fay",
)
WORDS = _words(
    "luminous fragile stubborn radiant quiet fierce patient tireless restless "
    "weightless unhurried precise gentle daring tender defiant meticulous generous"
)
PLACES_IN_TOWN = (
    "a draughty church hall",
    "a studio above a bakery",
    "the cultural palace",
    "a gymnasium that smelled of chalk",
    "her grandmother's kitchen",
    "the rehearsal room of the local theatre",
    "a folk ensemble's wooden stage",
)


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


def story_text(index: int, variant: int = 0) -> tuple[str, str]:
    """The name and text of story ``index`` (``variant`` > 0: an edited version)."""
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
    word = rng.sample(WORDS, 4)
    place = rng.choice(PLACES_IN_TOWN)
    age = rng.randint(4, 11)
    year = rng.randint(1948, 2012)

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
        f"{opening} At {age} she was taken to a class in {place}, and she never quite "
        f"left it. Her teachers remember a {word[0]} child who counted the music under "
        "her breath and who asked, every evening, for one more run of the combination.",
        f"She trained at the {school}, where {teacher} corrected her port de bras for "
        f"three years before saying a single kind word. {first} later said that those "
        f"{rng.randint(3, 9)} words were worth every blister, and that she wrote them "
        "inside the lid of her make-up box.",
        f"In {year + 18} {first} joined the {company}. She spent two seasons in the corps "
        "de ballet, learning every place in every line, and was promoted to soloist after "
        f"a {word[1]} evening in which she replaced an injured colleague at an hour's "
        "notice.",
        f"Her signature role was {role} in {ballet}. Critics wrote about her "
        f"{word[2]} balances and about the way she held the stage in silence; one of them "
        f"called her {role} \u201cthe most {word[3]} in a generation\u201d. She danced it "
        f"{rng.randint(40, 260)} times.",
        f"She also danced in {others[0]}, {others[1]} and {others[2]}, and toured with "
        f"the {other_company} for a season, though she always returned to {city} in the "
        "summer to teach the children of the ballet club where she had started.",
        rng.choice(
            (
                "Off stage she was shy, fond of long walks, strong coffee and detective "
                "novels \u2013 the thicker the better.",
                "She kept a diary of every performance: the weather, the conductor's tempo, "
                "the state of her shoes, and one line about what she had learned.",
                "Younger dancers remember her patience in the studio and her habit of "
                "arriving an hour early to warm up alone \u2014 always to the same record.",
            )
        ),
        rng.choice(
            (
                f"The {company} took {ballet} on tour to {rng.choice(ORIGINS)[0]} and "
                f"{rng.choice(ORIGINS)[0]}; {first} danced every performance, including a "
                "matinée in a hall so cold that the orchestra played in overcoats.",
                f"Her partnership with a {rng.choice(WORDS)} young principal lasted "
                f"{rng.randint(4, 14)} seasons; they rehearsed the pas de deux from {ballet} "
                "so often that, she joked, they could dance it asleep.",
                f"An injury in {year + 27} kept her off the stage for a year. She spent it "
                "in the physiotherapy room and in the library, reading the libretti of every "
                "ballet the company owned, and came back stronger.",
            )
        ),
        f"Asked once what dancing had taught her, {first} answered that it had taught "
        f"her to listen: to the music, to her partner, to the audience breathing in the "
        f"dark. {rng.choice(('It was', 'That was', 'This remained'))} the lesson she "
        "passed on to every student who came to her studio.",
        f"When she retired, {first} coached young soloists for the {company} and wrote "
        f"a short memoir, \u201cCounting Under My Breath\u201d, published in {year + 45}.",
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
