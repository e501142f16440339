"""The extractor's knowledge of the world, loaded from ``builder/data/*.yaml``.

Knowledge is data: an editor adds a company, a ballet, a school or a city by editing a
YAML file, never the code. This module turns those files into frozen records once,
checks them (no alias may name two things), and builds the look-up tables the extractor
matches prose against.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

DATA_DIR = Path(__file__).parent.parent / "data"
_T = TypeVar("_T")


class GazetteerError(ValueError):
    """A data file is malformed: it names the file and the entry to fix."""


@dataclass(frozen=True)
class Company:
    """A ballet company under its canonical name."""

    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    """Other names that always mean the company ("the Kirov", "NYCB")."""
    houses: tuple[str, ...] = ()
    """Theatres standing for the company only when she dances there as a member."""


@dataclass(frozen=True)
class Role:
    """A named role in a ballet, with the other names stories give it."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ballet:
    """A ballet title and its roles; ``lead`` is what "the lead role in X" means."""

    title: str
    aliases: tuple[str, ...] = ()
    lead: str | None = None
    roles: tuple[Role, ...] = ()
    makers: tuple[str, ...] = ()
    """Its composer and choreographers, in full ("Léo Delibes"): people, when named."""


@dataclass(frozen=True)
class School:
    """A ballet school under its canonical name."""

    name: str
    city: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Country:
    """A country under today's name, with the words that name it and its demonyms."""

    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """A city (or a region, which gives a country but is never a city)."""

    name: str
    country: str
    aliases: tuple[str, ...] = ()
    is_region: bool = False


@dataclass(frozen=True, eq=False)  # hashed by identity: it keys caches
class Lexicon:
    """Word lists the extractor reads prose with (see ``lexicon.yaml``)."""

    company_heads: frozenset[str]
    school_heads: frozenset[str]
    venue_heads: frozenset[str]
    house_heads: frozenset[str]
    name_connectors: frozenset[str]
    person_particles: frozenset[str]
    honorifics: frozenset[str]
    relations: frozenset[str]
    non_name_words: frozenset[str]
    stopwords: frozenset[str]
    page_chrome: frozenset[str]
    menu_labels: frozenset[str]
    infobox_labels: frozenset[str]
    patronymic_endings: frozenset[str]
    title_articles: frozenset[str]
    job_titles: frozenset[str]
    postnominals: frozenset[str]

    @functools.cached_property
    def connectors(self) -> frozenset[str]:
        """Every small word a name may hold (a company's or a person's): what a
        sentence's one scan keeps beside its capitalised words."""
        return self.name_connectors | self.person_particles


@dataclass(frozen=True, eq=False)  # hashed by identity: it keys caches
class Gazetteer:
    """Everything known, plus alias tables mapping each written form to its record."""

    companies: tuple[Company, ...]
    ballets: tuple[Ballet, ...]
    schools: tuple[School, ...]
    countries: tuple[Country, ...]
    places: tuple[Place, ...]
    lexicon: Lexicon
    former_states: tuple[str, ...] = ()
    """States that are no country today ("Soviet Union"): they give no country."""
    cue_only_places: tuple[str, ...] = ()
    """City names that are also words or surnames: a city only after a strong cue."""

    @functools.cached_property
    def company_names(self) -> Mapping[str, Company]:
        """Written form -> company, for names that always mean the company."""
        return _index(((c, (c.name, *c.aliases)) for c in self.companies), "companies.yaml")

    @functools.cached_property
    def house_names(self) -> Mapping[str, Company]:
        """Theatre name -> the company it stands for when she is a member there."""
        return _index(((c, c.houses) for c in self.companies), "companies.yaml")

    @functools.cached_property
    def ballet_titles(self) -> Mapping[str, Ballet]:
        """Written title -> ballet."""
        return _index(((b, (b.title, *b.aliases)) for b in self.ballets), "ballets.yaml")

    @functools.cached_property
    def role_names(self) -> Mapping[str, tuple[Ballet, Role]]:
        """Written role name -> (ballet, role); a name shared by two ballets is left out."""
        seen: dict[str, list[tuple[Ballet, Role]]] = {}
        for ballet in self.ballets:
            for role in ballet.roles:
                for form in (role.name, *role.aliases):
                    seen.setdefault(form, []).append((ballet, role))
        return {form: hits[0] for form, hits in seen.items() if len(hits) == 1}

    @functools.cached_property
    def school_names(self) -> Mapping[str, School]:
        """Written form -> school."""
        return _index(((s, (s.name, *s.aliases)) for s in self.schools), "schools.yaml")

    @functools.cached_property
    def country_names(self) -> Mapping[str, Country]:
        """Written country name -> country."""
        return _index(((c, (c.name, *c.aliases)) for c in self.countries), "places.yaml")

    @functools.cached_property
    def demonyms(self) -> Mapping[str, Country]:
        """Demonym ("Kazakhstani") -> country."""
        return _index(((c, c.demonyms) for c in self.countries), "places.yaml")

    @functools.cached_property
    def place_names(self) -> Mapping[str, Place]:
        """Written city or region name -> place."""
        return _index(((p, (p.name, *p.aliases)) for p in self.places), "places.yaml")

    @functools.cached_property
    def makers(self) -> Mapping[str, tuple[str, ...]]:
        """Surname -> the full names of the ballets' composers and choreographers."""
        found: dict[str, list[str]] = {}
        for ballet in self.ballets:
            for maker in ballet.makers:
                names = found.setdefault(maker.split()[-1], [])
                if maker not in names:
                    names.append(maker)
        return {surname: tuple(names) for surname, names in found.items()}

    def ballet(self, title: str) -> Ballet | None:
        """The ballet with this canonical title, if known."""
        return next((b for b in self.ballets if b.title == title), None)


def _index(entries: Iterable[tuple[_T, Iterable[str]]], source: str) -> dict[str, _T]:
    """Map every written form to its record; one form naming two records is an error."""
    table: dict[str, _T] = {}
    for record, forms in entries:
        for form in forms:
            if form in table and table[form] != record:
                raise GazetteerError(f"{source}: {form!r} names two different entries")
            table[form] = record
    return table


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GazetteerError(f"{where}: expected a list of strings, found {value!r}")
    return tuple(value)


def _variants(spec: str) -> tuple[str, tuple[str, ...]]:
    """``"Kyiv|Kiev"`` -> ``("Kyiv", ("Kiev",))``: canonical first, then other names."""
    name, *aliases = (part.strip() for part in spec.split("|"))
    return name, tuple(aliases)


# libyaml's safe loader when PyYAML has it: the same data, parsed about eight times faster
# (the gazetteer is read once per process, and a build starts a process per core).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(name: str, data_dir: Path) -> Any:
    path = data_dir / name
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)


def _companies(raw: list[dict[str, Any]]) -> tuple[Company, ...]:
    return tuple(
        Company(
            name=entry["name"],
            country=entry.get("country"),
            aliases=_strings(entry.get("aliases"), f"companies.yaml: {entry['name']}"),
            houses=_strings(entry.get("houses"), f"companies.yaml: {entry['name']}"),
        )
        for entry in raw
    )


def _ballets(raw: list[dict[str, Any]]) -> tuple[Ballet, ...]:
    ballets = []
    for entry in raw:
        where = f"ballets.yaml: {entry['title']}"
        roles = tuple(Role(*_variants(spec)) for spec in _strings(entry.get("roles"), where))
        lead = entry.get("lead")
        if lead is not None and lead not in {r.name for r in roles}:
            raise GazetteerError(f"{where}: lead {lead!r} is not one of its roles")
        aliases = _strings(entry.get("aliases"), where)
        makers = _strings(entry.get("makers"), where)
        ballets.append(Ballet(entry["title"], aliases, lead, roles, makers))
    return tuple(ballets)


def _schools(raw: list[dict[str, Any]]) -> tuple[School, ...]:
    return tuple(
        School(e["name"], e.get("city"), _strings(e.get("aliases"), f"schools.yaml: {e['name']}"))
        for e in raw
    )


def _places(raw: dict[str, Any]) -> tuple[tuple[Country, ...], tuple[Place, ...]]:
    countries = tuple(
        Country(
            c["name"],
            _strings(c.get("aliases"), f"places.yaml: {c['name']}"),
            _strings(c.get("demonyms"), f"places.yaml: {c['name']}"),
        )
        for c in raw["countries"]
    )
    known = {c.name for c in countries}
    places: list[Place] = []
    for kind in ("cities", "regions"):
        for country, specs in raw[kind].items():
            if country not in known:
                raise GazetteerError(f"places.yaml: {kind} under unknown country {country!r}")
            for spec in _strings(specs, f"places.yaml: {kind}: {country}"):
                name, aliases = _variants(spec)
                places.append(Place(name, country, aliases, is_region=kind == "regions"))
    return countries, tuple(places)


def _lexicon(raw: dict[str, Any]) -> Lexicon:
    fields = Lexicon.__dataclass_fields__
    missing = set(fields) - set(raw)
    if missing:
        raise GazetteerError(f"lexicon.yaml: missing lists {sorted(missing)}")
    return Lexicon(**{k: frozenset(_strings(raw[k], f"lexicon.yaml: {k}")) for k in fields})


def read_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Load and check the data files in ``data_dir`` (uncached; see :func:`load_gazetteer`)."""
    raw_places = _read("places.yaml", data_dir)
    countries, places = _places(raw_places)
    gazetteer = Gazetteer(
        companies=_companies(_read("companies.yaml", data_dir)),
        ballets=_ballets(_read("ballets.yaml", data_dir)),
        schools=_schools(_read("schools.yaml", data_dir)),
        countries=countries,
        places=places,
        lexicon=_lexicon(_read("lexicon.yaml", data_dir)),
        former_states=_strings(raw_places.get("former_states"), "places.yaml: former_states"),
        cue_only_places=_strings(raw_places.get("cue_only"), "places.yaml: cue_only"),
    )
    # Build every index now so a duplicate alias fails at load time, not mid-extraction.
    for table in (
        "company_names",
        "house_names",
        "ballet_titles",
        "role_names",
        "school_names",
        "country_names",
        "demonyms",
        "place_names",
    ):
        getattr(gazetteer, table)
    return gazetteer


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    return read_gazetteer()
