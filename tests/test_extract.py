"""extract(): the seed stories field by field, and what holds for any text.

The reading rules, one invented text each, are data: ``extract_cases.yaml``, run by
``test_extract_cases.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.extract.extractor import extract
from builder.extract.gazetteer import load_gazetteer
from builder.extract.layout import read_sentences
from builder.extract.text import MAX_SENTENCE
from builder.model import Metadata, Origin, SignatureRole
from builder.read.clean import clean
from builder.read.decode import decode
from tests.conftest import FACT_FIELDS

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
    evidence = {e.field: e.sentence for e in got.evidence}
    assert "landed the lead role in Swan Lake at the Bolshoi Theatre" in evidence["company"]
    assert evidence["origin"].startswith("Born in Moscow")
    assert evidence["name"].startswith("Emilio Bektemirova was")
    assert all(e.rule for e in got.evidence), "every evidence names the rule that fired"
    fields = {e.field for e in got.evidence}
    assert fields <= set(FACT_FIELDS)


def test_extract_is_pure_and_repeatable() -> None:
    text = "Mira Stenholm was born in Turku. She joined the Finnish National Ballet in 2001."
    assert extract(text) == extract(text)


def test_empty_text_gives_empty_metadata() -> None:
    assert extract("") == Metadata()


def test_the_sentences_extract_reads_keep_the_linear_bound() -> None:
    # The page-aware reader (chrome, wrapped paragraphs, infobox runs) keeps the bound
    # split_sentences keeps (tests/test_linear.py): a wrapped paragraph is one unit.
    gazetteer = load_gazetteer()
    wrapped = "\n".join(["she danced with the company for many seasons and then some more"] * 400)
    endless = "Ballet " * 20_000
    for text in (wrapped, endless, "Born 1990 Education X Occupation Y " * 500):
        sentences = read_sentences(text, gazetteer.lexicon)
        assert sentences
        assert max(len(s.text) for s in sentences) <= MAX_SENTENCE


def test_a_story_about_a_man_is_quoted_as_written():
    """His story is read with the pronouns turned, but every evidence sentence is his
    text: an editor checking a fact sees what the story says."""
    text = (
        "Tomasz Wielgosz was born in Gdańsk. He joined the Polish National Ballet in 1997 "
        "and became a principal in 2003. He is best known for his Albrecht in Giselle."
    )
    metadata = extract(text)
    assert metadata.company == "Polish National Ballet"
    assert metadata.signature_role.role == "Albrecht"
    quoted = {e.sentence for e in metadata.evidence}
    assert "He is best known for his Albrecht in Giselle." in quoted
    assert not any("She " in s or " her " in s for s in quoted)
