"""The data files load, and every name in them means exactly one thing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.extract.gazetteer import (
    DATA_DIR,
    GazetteerError,
    load_gazetteer,
    read_gazetteer,
)

G = load_gazetteer()


def test_data_dir_is_next_to_the_module() -> None:
    expected = Path(__file__).parent.parent / "builder" / "data"
    assert expected == DATA_DIR


def test_loads_broad_knowledge() -> None:
    assert len(G.companies) >= 60
    assert len(G.ballets) >= 40
    assert len(G.schools) >= 30
    assert len([p for p in G.places if not p.is_region]) >= 300


def test_load_is_cached() -> None:
    assert load_gazetteer() is G


@pytest.mark.parametrize(
    ("form", "canonical"),
    [
        ("Bolshoi Ballet Company", "Bolshoi Ballet"),
        ("Kirov", "Mariinsky Ballet"),
        ("Sadler's Wells Ballet", "The Royal Ballet"),
        ("NYCB", "New York City Ballet"),
        ("ABT", "American Ballet Theatre"),
    ],
)
def test_company_aliases(form: str, canonical: str) -> None:
    assert G.company_names[form].name == canonical


def test_houses_stand_for_companies() -> None:
    assert G.house_names["Bolshoi Theatre"].name == "Bolshoi Ballet"
    assert G.house_names["Mariinsky Theatre"].name == "Mariinsky Ballet"


def test_ballet_aliases_and_leads() -> None:
    assert G.ballet_titles["Casse-Noisette"].title == "The Nutcracker"
    assert G.ballet_titles["Sleeping Beauty"].title == "The Sleeping Beauty"
    swan_lake = G.ballet("Swan Lake")
    assert swan_lake is not None and swan_lake.lead == "Odette/Odile"
    ballet, role = G.role_names["Swan Queen"]
    assert (ballet.title, role.name) == ("Swan Lake", "Odette/Odile")


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        ("Giselle", "Giselle"),
        ("Don Quixote", "Kitri"),
        ("The Sleeping Beauty", "Aurora"),
        ("Romeo and Juliet", "Juliet"),
        ("La Bayadère", "Nikiya"),
        ("Coppélia", "Swanilda"),
        ("The Firebird", "The Firebird"),
        ("Onegin", "Tatiana"),
        ("Forest Song", "Mavka"),
    ],
)
def test_canonical_leads(title: str, lead: str) -> None:
    ballet = G.ballet(title)
    assert ballet is not None and ballet.lead == lead


def test_every_lead_is_one_of_its_roles() -> None:
    for ballet in G.ballets:
        if ballet.lead is not None:
            assert ballet.lead in {r.name for r in ballet.roles}, ballet.title


def test_school_aliases() -> None:
    for old in (
        "Leningrad Choreographic School",
        "Imperial Theatre School",
        "Academy of Russian Ballet",
    ):
        assert G.school_names[old].name == "Vaganova Academy"


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Moscow", "Russia"),
        ("Porto", "Portugal"),
        ("Seoul", "South Korea"),
        ("Bergen", "Norway"),
        ("Montreal", "Canada"),
        ("Cape Town", "South Africa"),
        ("Manila", "Philippines"),
        ("Buenos Aires", "Argentina"),
    ],
)
def test_cities(city: str, country: str) -> None:
    place = G.place_names[city]
    assert (place.name, place.country, place.is_region) == (city, country, False)


@pytest.mark.parametrize(
    ("old", "today", "country"),
    [
        ("Leningrad", "St. Petersburg", "Russia"),
        ("Kiev", "Kyiv", "Ukraine"),
        ("Alma-Ata", "Almaty", "Kazakhstan"),
    ],
)
def test_a_historical_name_gives_the_city_of_today(old: str, today: str, country: str) -> None:
    place = G.place_names[old]
    assert (place.name, place.country, place.is_region) == (today, country, False)


def test_regions_are_not_cities() -> None:
    assert G.place_names["Texas"].is_region
    assert G.place_names["Brittany"].country == "France"


def test_demonyms() -> None:
    assert G.demonyms["Kazakhstani"].name == "Kazakhstan"
    assert G.demonyms["Kazakh"].name == "Kazakhstan"
    assert G.demonyms["Russian"].name == "Russia"


def test_no_form_names_two_kinds_of_thing() -> None:
    """A company, school, ballet and place never share a written form."""
    tables = {
        "company": set(G.company_names) | set(G.house_names),
        "school": set(G.school_names),
        "ballet": set(G.ballet_titles),
        "place": set(G.place_names) | set(G.country_names),
    }
    kinds = list(tables)
    for i, first in enumerate(kinds):
        for second in kinds[i + 1 :]:
            assert not tables[first] & tables[second], (first, second)


def test_raw_files_have_no_duplicate_forms() -> None:
    """Checked on the raw YAML too, so a duplicate cannot hide behind a dict."""
    for name, key in (
        ("companies.yaml", "name"),
        ("schools.yaml", "name"),
        ("ballets.yaml", "title"),
    ):
        entries = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
        seen: dict[str, str] = {}
        for entry in entries:
            for form in (entry[key], *(entry.get("aliases") or []), *(entry.get("houses") or [])):
                assert seen.setdefault(form, entry[key]) == entry[key], (name, form)


def test_lexicon_lists_are_strings() -> None:
    assert "Ballet" in G.lexicon.company_heads
    assert "Academy" in G.lexicon.school_heads
    assert "Theatre" in G.lexicon.venue_heads
    assert "Madame" in G.lexicon.honorifics
    assert "On" in G.lexicon.stopwords  # YAML would read a bare On as True


def test_an_alias_naming_two_companies_is_an_error(tmp_path: Path) -> None:
    for name in ("ballets.yaml", "schools.yaml", "places.yaml", "lexicon.yaml"):
        (tmp_path / name).write_text(
            (DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "companies.yaml").write_text(
        "- {name: A Ballet, aliases: [Same]}\n- {name: B Ballet, aliases: [Same]}\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError, match="Same"):
        read_gazetteer(tmp_path)


def test_a_lead_that_is_not_a_role_is_an_error(tmp_path: Path) -> None:
    for name in ("companies.yaml", "schools.yaml", "places.yaml", "lexicon.yaml"):
        (tmp_path / name).write_text(
            (DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "ballets.yaml").write_text(
        "- {title: Made Up, lead: Nobody, roles: [Somebody]}\n", encoding="utf-8"
    )
    with pytest.raises(GazetteerError, match="Nobody"):
        read_gazetteer(tmp_path)
