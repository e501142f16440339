"""Where a place name points: the hand-written layer first, then the world's cities.

Two layers. ``places.yaml`` is the editor's: today's country names with their demonyms
and their Soviet-era forms ("Ukrainian SSR"), the English spellings prose uses, the
historical names (Leningrad, Sverdlovsk, Tiflis, Frunze), regions, former states that are
no country today ("Soviet Union"), and the names that are also words or surnames (Bath,
Reading, Kirov) which count only after a strong place cue. ``world_places.tsv`` is
derived from GeoNames by ``builder/data/make_places.py``: every city of 5,000 people or
more with its country and population, Latin-script alternate names of the larger ones,
and ISO first-level regions. It is sorted by a folded key and binary-searched in place,
so a process maps the file and reads only the pages a look-up touches, never building an
index.

Ambiguity: a hand-written name wins; else the country the text names; else a city's
own name beats another city's alternate name, and the larger city wins when it is at
least three times the size of any namesake elsewhere; when it is not, the city is kept
and the country left unknown (a wrong country is worse than none).
"""

from __future__ import annotations

import functools
import mmap
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from builder.extract.gazetteer import DATA_DIR, Gazetteer, Place

Kind = Literal["p", "a", "r"]
DOMINANCE = 3
"""How many times larger a city must be than a namesake elsewhere to give its country."""
CAUTIOUS_DOMINANCE = 20
"""The same, when the text goes on with a region the index does not know ("Kazan, Tatar
ASSR" is still Russia's Kazan; "Whitby, Eskdale" may be England's or Canada's)."""


def _connectors() -> dict[str, frozenset[str]]:
    """The lower-case words of ``connectors.yaml``, each list as a set."""
    raw = yaml.safe_load((DATA_DIR / "connectors.yaml").read_text("utf-8"))
    sets = {key: frozenset(raw[key]) for key in ("names", "prose")}
    if not all(isinstance(word, str) for words in sets.values() for word in words):
        raise ValueError("connectors.yaml: quote each word that YAML reads as true or false")
    return sets


_CONNECTORS = _connectors()
NAME_CONNECTORS = _CONNECTORS["names"]
"""Lower-case words a place name may hold: which of GeoNames' names the index keeps."""
PROSE_CONNECTORS = _CONNECTORS["prose"]
"""Those that carry a place name on in running prose (not "in": "born in Lyon in 1970")."""

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SAINT = re.compile(r"\b(?:st|ste)\b\.?\s*")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The key a place name is looked up by: no accents, no case, "-" as a space, "St." as
    "saint" ("Saint-Étienne", "St Etienne" and "saint etienne" are one key)."""
    if text.isascii():
        bare = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        bare = _COMBINING.sub("", decomposed).casefold()
    bare = bare.replace("’", "'").replace("-", " ")
    bare = _SAINT.sub("saint ", bare)
    return " ".join(bare.split()).rstrip(".")


@dataclass(frozen=True)
class Entry:
    """One thing a written form may name in the world index."""

    name: str
    code: str
    """ISO 3166 alpha-2 country code."""
    population: int
    kind: Kind


@dataclass(frozen=True)
class Resolved:
    """What a place phrase says: a city (maybe without a country) or only a country."""

    city: str | None
    country: str | None


@dataclass(frozen=True, eq=False)
class WorldPlaces:
    """The GeoNames-derived index, searched in place (see the module docstring)."""

    data: mmap.mmap | bytes
    country_names: Mapping[str, str]
    """ISO code -> the country's name, as ``places.yaml`` spells it when it lists it."""
    country_codes: Mapping[str, str]
    """Folded country name (any ISO or GeoNames form) -> ISO code."""
    _seen: dict[str, tuple[Entry, ...]] = field(default_factory=dict, repr=False)
    """Forms already looked up: stories name the same places again and again."""

    def entries(self, form: str) -> tuple[Entry, ...]:
        """Everything the world index knows under this written form."""
        key = fold(form)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = _parse(_search(self.data, key.encode()))
        return found

    def country(self, form: str) -> str | None:
        """The country this form names (``Zambia``, ``Türkiye``), under its usual name."""
        code = self.country_codes.get(fold(form))
        return self.country_names[code] if code else None


def _parse(line: bytes | None) -> tuple[Entry, ...]:
    if line is None:
        return ()
    found = []
    for item in line.decode().split("\t"):
        name, code, population, kind = item.split(";")
        found.append(Entry(name, code, int(population), kind))  # type: ignore[arg-type]
    return tuple(found)


def _search(data: mmap.mmap | bytes, key: bytes) -> bytes | None:
    """Binary search of sorted ``key<TAB>rest`` lines: the rest of the line for ``key``."""
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        tab = data.find(b"\t", start)
        current = data[start:tab]
        if current == key:
            return data[tab + 1 : data.find(b"\n", tab)]
        if current < key:
            low = data.find(b"\n", tab) + 1
        else:
            high = start
    return None


def read_world(gazetteer: Gazetteer, data_dir: Path = DATA_DIR) -> WorldPlaces:
    """Read the world index; its countries take the names ``places.yaml`` gives them."""
    curated = {fold(form): country.name for form, country in gazetteer.country_names.items()}
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    countries = (data_dir / "world_countries.tsv").read_text(encoding="utf-8")
    for line in countries.splitlines():
        code, *forms = line.split("\t")
        folded = [fold(f) for f in forms]
        names[code] = next((curated[f] for f in folded if f in curated), forms[0])
        for key in folded:
            codes.setdefault(key, code)
    # Mapped, not read: a look-up touches a few pages, so a process pays no 5 MB read.
    with (data_dir / "world_places.tsv").open("rb") as handle:
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    return WorldPlaces(data, names, codes)


@dataclass(frozen=True, eq=False)
class PlaceIndex:
    """Both layers, and the rules that pick one place for a written name."""

    gazetteer: Gazetteer
    world: WorldPlaces
    _spellings_by_country: dict[str, Mapping[tuple[str, str], str]] = field(
        default_factory=dict, repr=False
    )

    @functools.cached_property
    def _curated(self) -> Mapping[str, Place]:
        return {fold(form): place for form, place in self.gazetteer.place_names.items()}

    @functools.cached_property
    def _countries(self) -> Mapping[str, str]:
        return {fold(form): c.name for form, c in self.gazetteer.country_names.items()}

    @functools.cached_property
    def _former(self) -> frozenset[str]:
        return frozenset(fold(f) for f in self.gazetteer.former_states)

    @functools.cached_property
    def _cue_only(self) -> frozenset[str]:
        return frozenset(fold(f) for f in self.gazetteer.cue_only_places)

    def is_former_state(self, form: str) -> bool:
        """ "Soviet Union", "U.S.S.R.": a state that is no country today."""
        return fold(form) in self._former

    def needs_strong_cue(self, form: str) -> bool:
        """ "Bath", "Reading", "Kirov": a city only after "born in", "native of" ..."""
        return fold(form) in self._cue_only

    def country(self, form: str) -> str | None:
        """The country a written form names, today's name (curated first)."""
        key = fold(form)
        return self._countries.get(key) or self.world.country(form)

    def is_country(self, form: str) -> bool:
        """True for a country's name: a hand-written one always ("Georgia"), a world one
        unless it is also a region's ("Georgia" the state is not the country)."""
        if fold(form) in self._countries:
            return True
        return self.world.country(form) is not None and self.region_country(form) is None

    def region_country(self, form: str) -> str | None:
        """The country of a state or region named so ("Florida", "Liaoning"); ``None`` when
        the form is not a region, or is also a city (a city is read as the city)."""
        place = self._curated.get(fold(form))
        if place is not None:
            return place.country if place.is_region else None
        entries = self.world.entries(form)
        if any(e.kind != "r" for e in entries):
            return None
        countries = {self.world.country_names[e.code] for e in entries}
        return countries.pop() if len(countries) == 1 else None

    def is_known(self, form: str, world: bool = True) -> bool:
        """True when the form names any city, region or country either layer knows (or
        the hand-written layer alone, without ``world``)."""
        key = fold(form)
        if key in self._curated or key in self._countries or key in self._former:
            return True
        return world and (bool(self.world.entries(form)) or self.world.country(form) is not None)

    def resolve(
        self, form: str, countries: tuple[str, ...] = (), cautious: bool = False
    ) -> Resolved | None:
        """The place a written name stands for, given the countries the text may name
        after it ("Atlanta, Georgia": the country Georgia, or the state's United States),
        the likelier first. ``None`` when neither layer knows the name; a region gives
        only its country. ``cautious`` (the text goes on with a region or county the
        index lacks) asks a city to be :data:`CAUTIOUS_DOMINANCE` times any namesake
        elsewhere to give its country.
        """
        for country in countries:
            found = self._resolve(form, country)
            if found is not None:
                return found
        if countries:
            # The text names a country where no such place is known: as written, there.
            return Resolved(form, countries[0])
        return self._resolve(form, None, CAUTIOUS_DOMINANCE if cautious else DOMINANCE)

    def _resolve(
        self, form: str, country: str | None, dominance: int = DOMINANCE
    ) -> Resolved | None:
        place = self._curated.get(fold(form))
        if place is not None and (country is None or place.country == country):
            if place.is_region:
                return Resolved(None, place.country)
            return Resolved(place.name, place.country)
        entries = self.world.entries(form)
        cities = [e for e in entries if e.kind != "r"]
        if not cities:
            regions = {self.world.country_names[e.code] for e in entries}
            if country is not None:
                return Resolved(None, country) if country in regions else None
            if place is not None:
                return None
            return Resolved(None, regions.pop()) if len(regions) == 1 else None
        for kind in ("p", "a"):
            tier = [e for e in cities if e.kind == kind]
            if country is not None:
                tier = [e for e in tier if self.world.country_names[e.code] == country]
            if not tier:
                continue
            best = max(tier, key=lambda e: (e.population, e.name))
            rivals = [e.population for e in tier if e.code != best.code]
            if country is None and rivals and best.population < dominance * max(rivals):
                return Resolved(best.name if kind == "p" else form, None)
            return Resolved(self._canonical_name(best), self.world.country_names[best.code])
        return None

    def _canonical_name(self, entry: Entry) -> str:
        """A world city under the hand-written spelling when both layers hold it
        ("Nizhniy Novgorod" is written Nizhny Novgorod here)."""
        place = self._curated.get(fold(entry.name))
        if place is not None and not place.is_region:
            return place.name
        country = self.world.country_names[entry.code]
        return self._spellings(country).get((entry.name, entry.code), entry.name)

    def _spellings(self, country: str) -> Mapping[tuple[str, str], str]:
        """(GeoNames name, country code) -> the hand-written name of the same city, for the
        cities of one country (built when a city of that country is first read)."""
        table = self._spellings_by_country.get(country)
        if table is not None:
            return table
        table = {}
        for form, place in self.gazetteer.place_names.items():
            if place.is_region or place.country != country:
                continue
            same = [
                e
                for e in self.world.entries(form)
                if e.kind != "r" and self.world.country_names[e.code] == country
            ]
            if same:
                best = max(same, key=lambda e: (e.population, e.name))
                table.setdefault((best.name, best.code), place.name)
        self._spellings_by_country[country] = table
        return table


@functools.cache
def place_index(gazetteer: Gazetteer) -> PlaceIndex:
    """The place index for a gazetteer, read once per process."""
    return PlaceIndex(gazetteer, read_world(gazetteer))
