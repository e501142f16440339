"""extract(): the seed stories field by field, and the reading rules on small invented texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.extract.extractor import extract
from builder.model import Metadata, Origin, SignatureRole
from builder.read.clean import clean
from builder.read.decode import decode

SEEDS = Path(__file__).parent.parent / "seeds"


def _seed(prefix: str) -> Metadata:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return extract(clean(decode(path.read_bytes(), str(path)).text).text)


# ------------------------------------------------------------------ the five seeds

SWAN_LAKE_INFERRED = SignatureRole("Odette/Odile", "Swan Lake", inferred=True)


@pytest.mark.parametrize(
    ("seed", "name", "origin", "company", "signature", "ballets", "schools", "people"),
    [
        (
            "000",
            "Gabriel Baktybekova",
            Origin("Moscow", "Russia"),
            "Bolshoi Ballet",
            SWAN_LAKE_INFERRED,
            ("Swan Lake",),
            (),
            (),
        ),
        (
            "001",
            "Quirin Baktybekova",
            Origin("Moscow", "Russia"),
            "Bolshoi Ballet",
            SignatureRole(),
            (),
            ("Moscow Ballet Academy",),
            ("Natasha",),
        ),
        (
            "002",
            "Romy Baktybekova",
            Origin(None, "Kazakhstan"),
            "New York City Ballet",
            SignatureRole(),
            (),
            ("Vaganova Academy",),
            ("Madame Petrova",),
        ),
        (
            "003",
            "Emilio Bektemirova",
            Origin("Moscow", "Russia"),
            "Bolshoi Ballet",
            SignatureRole("Odette/Odile", "Swan Lake", inferred=False),
            ("Swan Lake", "Giselle"),
            (),
            ("Natalia Petrova",),
        ),
        (
            "004",
            "Audrey Sadyrbaeva",
            Origin(None, "Kazakhstan"),
            "Bolshoi Ballet",
            SWAN_LAKE_INFERRED,
            ("Swan Lake",),
            ("Vaganova Academy",),
            (),
        ),
    ],
)
def test_seed(
    seed: str,
    name: str,
    origin: Origin,
    company: str,
    signature: SignatureRole,
    ballets: tuple[str, ...],
    schools: tuple[str, ...],
    people: tuple[str, ...],
) -> None:
    got = _seed(seed)
    assert got.name == name
    assert got.origin == origin
    assert got.company == company
    assert got.companies == (company,)
    assert got.signature_role == signature
    assert got.ballets == ballets
    assert got.schools == schools
    assert got.people == people


def test_seed_evidence_quotes_the_sentences() -> None:
    got = _seed("003")
    evidence = dict(got.evidence)
    assert "landed the lead role in Swan Lake at the Bolshoi Theatre" in evidence["company"]
    assert evidence["origin"].startswith("Born in Moscow")
    assert evidence["name"].startswith("Emilio Bektemirova was")
    fields = {field for field, _ in got.evidence}
    assert fields <= {
        "name",
        "origin",
        "company",
        "companies",
        "signature_role",
        "ballets",
        "schools",
        "people",
    }


def test_extract_is_pure_and_repeatable() -> None:
    text = "Mira Stenholm was born in Turku. She joined the Finnish National Ballet in 2001."
    assert extract(text) == extract(text)


# ------------------------------------------------------------------ company rules


def test_company_missing_from_the_gazetteer_is_read_from_the_prose() -> None:
    got = extract(
        "Tamar Beridze was born in Kutaisi. In 2009 she joined the Tbilisi Opera Ballet "
        "as a soloist, and she was made a principal there in 2014."
    )
    assert got.company == "Tbilisi Opera Ballet"
    assert got.companies == ("Tbilisi Opera Ballet",)
    assert got.origin == Origin("Kutaisi", "Georgia")


def test_a_venue_is_not_a_company() -> None:
    got = extract(
        "Ines Carvalhal grew up in Braga. She danced a gala at the Teatro Nacional São João "
        "and later at the London Coliseum, but she never joined a company."
    )
    assert got.company is None
    assert got.companies == ()


def test_a_rejection_is_not_a_company() -> None:
    got = extract(
        "Wilhelmina Okafor was born in Lagos. At seventeen she flew to London to audition "
        "for the Royal Ballet and was not offered a contract. She joined Ballet Manila "
        "the following year and became a principal in 2020."
    )
    assert got.companies == ("Ballet Manila",)
    assert got.company == "Ballet Manila"


def test_a_company_she_only_founded_or_directed_is_not_hers() -> None:
    got = extract(
        "Oksana Melnyk was born in Lviv. She was a principal of the Hungarian National "
        "Ballet for twelve years. In 2019 she founded the Carpathian Chamber Ballet, which "
        "she directed until 2023."
    )
    assert got.company == "Hungarian National Ballet"
    assert got.companies == ("Hungarian National Ballet",)


def test_a_partners_company_is_not_hers() -> None:
    got = extract(
        "Ayla Demir was born in Izmir. She joined the Turkish State Ballet in 2012. "
        "Her partner was Kerem Aslan, a principal of the Vienna State Ballet."
    )
    assert got.companies == ("Turkish State Ballet",)


def test_a_theatre_she_visited_is_not_her_company() -> None:
    got = extract(
        "Vera Lindqvist was born in Uppsala. As a child she visited the Bolshoi Theatre with "
        "her grandmother. She joined the Royal Swedish Ballet and rose to soloist."
    )
    assert got.company == "Royal Swedish Ballet"
    assert got.companies == ("Royal Swedish Ballet",)


def test_lead_role_at_a_companys_theatre_is_dancing_with_the_company() -> None:
    got = extract(
        "Daria Volkova trained hard. In 2015 she danced the lead role in Giselle "
        "at the Mariinsky Theatre."
    )
    assert got.company == "Mariinsky Ballet"


def test_highest_rank_wins_over_principal_guest() -> None:
    got = extract(
        "Halyna Koval joined the Odesa Opera Ballet in 2008 and became a principal in 2013. "
        "Since 2018 she has also appeared as a principal guest artist with the Zurich Ballet."
    )
    assert got.companies == ("Odesa National Opera and Ballet Theatre", "Zurich Ballet")
    assert got.company == "Odesa National Opera and Ballet Theatre"


def test_rank_without_a_company_name_belongs_to_her_current_company() -> None:
    got = extract(
        "Noor Haddad joined Scottish Ballet in 2010. She later moved to Northern Ballet as a "
        "soloist. She was promoted to principal in 2016."
    )
    assert got.companies == ("Scottish Ballet", "Northern Ballet")
    assert got.company == "Northern Ballet"


def test_no_company_named_means_none() -> None:
    got = extract("Pia Sorensen dances with a small touring troupe that plays school halls.")
    assert got.company is None and got.companies == ()


# ------------------------------------------------------------------ origin rules


def test_origin_is_birthplace_not_study_or_tour() -> None:
    got = extract(
        "Camille Roussel studied in Paris and toured to Tokyo. She was born in Lyon, "
        "and she was injured in Berlin in 2019."
    )
    assert got.origin == Origin("Lyon", "France")


def test_country_named_directly_leaves_the_city_unknown() -> None:
    got = extract("Growing up in Kazakhstan, Dana Nurlanova practised in her kitchen.")
    assert got.origin == Origin(None, "Kazakhstan")


def test_region_is_not_a_city() -> None:
    got = extract("Lily Harper grew up in Texas and now dances in Boston.")
    assert got.origin == Origin(None, "United States")


def test_demonym_only_gives_the_country() -> None:
    got = extract("Olga Zueva is a Russian ballerina who moved to Berlin in 2010.")
    assert got.origin == Origin(None, "Russia")


def test_someone_elses_home_town_is_not_her_origin() -> None:
    got = extract("Signe Vik dances in Oslo. Her partner is Ola Berg, a dancer from Trondheim.")
    assert got.origin == Origin()


def test_soviet_era_city_gives_todays_country() -> None:
    got = extract("Alma Seitkali was born in Alma-Ata in 1975.")
    assert got.origin == Origin("Almaty", "Kazakhstan")


def test_unknown_origin_is_none() -> None:
    got = extract("Rosa Lindgren trained in Stockholm and joined the Royal Swedish Ballet.")
    assert got.origin == Origin()


# ------------------------------------------------------------------ signature rules


def test_explicit_signature_role_fills_its_ballet() -> None:
    got = extract(
        "Mei Takahashi joined the Tokyo Ballet. Her signature role is Kitri, which she first "
        "danced in the company's Don Quixote."
    )
    assert got.signature_role == SignatureRole("Kitri", "Don Quixote")


def test_a_role_whose_ballet_is_never_named_is_no_signature() -> None:
    # docs/metadata.md, rule 6: no ballet named, both null.
    got = extract("Mei Takahashi joined the Tokyo Ballet. Her signature role is Kitri.")
    assert got.signature_role == SignatureRole()


def test_only_the_ballet_named_infers_the_lead() -> None:
    got = extract("Zoe Marlow's breakthrough came when she landed the lead role in La Bayadère.")
    assert got.signature_role == SignatureRole("Nikiya", "La Bayadère", inferred=True)


def test_role_named_in_the_next_sentence_is_not_inferred() -> None:
    got = extract(
        "Her signature role arrived when the company staged Coppélia. As Swanilda she was "
        "mischief itself."
    )
    assert got.signature_role == SignatureRole("Swanilda", "Coppélia")


def test_an_injury_ballet_is_not_the_signature() -> None:
    got = extract(
        "Ana Lucia Reis tore a ligament during a performance of Giselle in 2018. "
        "Her signature, though, is the title role in Raymonda."
    )
    assert got.signature_role.ballet == "Raymonda"


def test_a_childhood_wish_and_an_earlier_role_are_not_the_signature() -> None:
    got = extract(
        "As a girl Kaia Brandt wanted to be the Sugar Plum Fairy. Her first role was Clara in "
        "The Nutcracker. She says she does not have a signature role."
    )
    assert got.signature_role == SignatureRole()
    assert got.ballets == ("The Nutcracker",)


def test_the_swan_queen_is_odette_odile() -> None:
    got = extract("The turning point came when she was asked to learn the Swan Queen in Swan Lake.")
    assert got.signature_role == SignatureRole("Odette/Odile", "Swan Lake")


def test_a_partners_role_is_not_hers() -> None:
    got = extract(
        "Her signature is the title role in Giselle, danced opposite Rory Vance, whose "
        "Albrecht is famous."
    )
    assert got.signature_role == SignatureRole("Giselle", "Giselle")


# ------------------------------------------------------------------ names, people, ballets, schools


def test_name_skips_a_leading_note_and_honorific() -> None:
    got = extract("Note: first printed in 2001.\n\nDame Imogen Castellane was born in Bath.")
    assert got.name == "Imogen Castellane"


def test_inverted_heading_name_is_put_in_natural_order() -> None:
    assert extract("ULANOVSKA, GALYNA\n\nShe was born in Kyiv.").name == "Galyna Ulanovska"


def test_surname_first_name_is_kept_as_written() -> None:
    assert extract("Kim Seo-yeon was born in Busan.").name == "Kim Seo-yeon"


def test_people_exclude_dancer_characters_places_and_nicknames() -> None:
    got = extract(
        "Lucía Ferrer Soler was born in Madrid. Her teacher was Marisa Olmos, whom every "
        "student called Teacher Mari. Ferrer danced Kitri opposite Iker Zubiri in Don "
        "Quixote, and Olmos watched from the Teatro Real. Lucía thanks Zubiri every night."
    )
    assert got.people == ("Marisa Olmos", "Iker Zubiri")


def test_surname_only_mention_merges_into_full_name() -> None:
    got = extract(
        "Irina Dovzhenko was born in Kharkiv. Her teacher was Madame Lysenko. "
        "Later she learned that Madame Lysenko was Valentyna Lysenko, a former soloist."
    )
    assert got.people == ("Valentyna Lysenko",)


def test_ballets_are_canonical_and_in_order_of_first_mention() -> None:
    got = extract(
        "Elodie Marchand first danced in Casse-Noisette, then in Sleeping Beauty, then again "
        "in The Nutcracker, and she watched the film The Red Shoes."
    )
    assert got.ballets == ("The Nutcracker", "The Sleeping Beauty")


def test_schools_absent_from_the_gazetteer_are_read_from_the_prose() -> None:
    got = extract(
        "Thandi Mokoena studied at the Durban Academy of Dance Arts and then at the "
        "Escuela Superior de Danza de Sevilla, where she met her husband."
    )
    assert got.schools == ("Durban Academy of Dance Arts", "Escuela Superior de Danza de Sevilla")


def test_a_school_that_turned_her_away_is_not_hers() -> None:
    got = extract(
        "Maeve Quinlan auditioned for the Royal Ballet School and was turned away. "
        "She trained instead at the Irish National Youth Ballet Academy."
    )
    assert got.schools == ("Irish National Youth Ballet Academy",)


def test_empty_text_gives_empty_metadata() -> None:
    assert extract("") == Metadata()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("松山樹子 was born in Osaka.", "松山樹子"),
        ("فاطمة الزهراء was born in Cairo.", "فاطمة الزهراء"),
        ("Анна Павлова was born in St. Petersburg.", "Анна Павлова"),
        ("---\ntitle: Injected\n---\nNora Sund was born in Lyon.", "Nora Sund"),
        ("In the winter of 1985, Elena Sorokina was born in Novosibirsk.", "Elena Sorokina"),
    ],
)
def test_name_in_any_script_and_after_front_matter(text: str, name: str) -> None:
    assert extract(text).name == name


@pytest.mark.parametrize(
    ("text", "company"),
    [
        (
            "Nino Kapanadze was born in Tbilisi. She trained under the pupils of Vakhtang "
            "Chabukiani, and joined the Tbilisi Opera Ballet as a soloist at nineteen.",
            "Tbilisi Opera Ballet",
        ),
        (
            "Ana Lima was born in Porto. She danced with Jonas Wilke, who joined the Royal "
            "Ballet as a principal.",
            None,
        ),
        (
            "Ana Lima was born in Porto. She joined the Royal Ballet as a soloist in 2010, "
            "partnered by Jonas Wilke.",
            "The Royal Ballet",
        ),
    ],
)
def test_a_person_in_the_sentence_takes_only_what_is_theirs(text: str, company: str | None):
    assert extract(text).company == company
