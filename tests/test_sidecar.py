"""Editorial sidecars: validated like a schema, errors name file, line and fix."""

from __future__ import annotations

import pytest

from builder.errors import AnthologyError
from builder.model import Metadata, Origin, SignatureRole
from builder.read.sidecar import apply_overrides, parse_sidecar


def problem_of(text: str):
    with pytest.raises(AnthologyError) as caught:
        parse_sidecar(text, "seeds/x.yaml")
    return caught.value.problem


def test_overrides_replace_extracted_fields() -> None:
    extracted = Metadata(name="Ana", company="Wrong Ballet", origin=Origin("Lyon", "France"))
    overrides = parse_sidecar(
        "company: Paris Opera Ballet\nsignature_role: {role: Giselle, ballet: Giselle}\n",
        "seeds/x.yaml",
    )
    result = apply_overrides(extracted, overrides)
    assert result.company == "Paris Opera Ballet"
    assert result.signature_role == SignatureRole("Giselle", "Giselle", inferred=False)
    assert result.origin == Origin("Lyon", "France"), "fields not set are kept"


def test_a_null_clears_a_field() -> None:
    result = apply_overrides(Metadata(company="Guess"), parse_sidecar("company: null", "x"))
    assert result.company is None


def test_malformed_yaml_names_the_line() -> None:
    problem = problem_of("name: Ana\ncompany: [unclosed\nballets: []\n")
    assert problem.source == "seeds/x.yaml"
    assert problem.line in (2, 3, 4)


def test_unsafe_tags_are_refused() -> None:
    problem = problem_of("name: !!python/object/apply:os.system ['echo owned']\n")
    assert "unsafe" in problem.message
    assert problem.line == 1


def test_unknown_key_suggests_the_nearest_valid_one() -> None:
    problem = problem_of("name: Ana\ncompnay: Bolshoi Ballet\n")
    assert problem.line == 2
    assert "`compnay`" in problem.message and "did you mean `company`?" in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ballets: Giselle\n", "must be a list"),
        ("name: [A, B]\n", "must be text"),
        ("origin: Lyon\n", "must be a mapping"),
        ("origin: {town: Lyon}\n", "unknown key `origin.town`; use city, country"),
        ("origin: {cty: Lyon}\n", "did you mean `city`?"),
        ("slug: Not A Slug\n", "lower-case"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_wrong_types_are_explained(text: str, expected: str) -> None:
    assert expected in problem_of(text).message
