"""extract() on the invented cases of ``extract_cases.yaml``: one case a rule, as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.extract.extractor import extract
from builder.model import Metadata

CASES = yaml.safe_load((Path(__file__).parent / "extract_cases.yaml").read_text("utf-8"))


def _field(metadata: Metadata, name: str) -> Any:
    """A metadata field in the YAML's shape (mappings for records, lists for tuples)."""
    if name == "origin":
        return {"city": metadata.origin.city, "country": metadata.origin.country}
    if name == "signature_role":
        role = metadata.signature_role
        return {"role": role.role, "ballet": role.ballet, "inferred": role.inferred}
    value = getattr(metadata, name)
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize("case", CASES, ids=[c["comment"][:60] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    got = extract(case["text"])
    for name, want in case["expect"].items():
        assert _field(got, name) == want, f"{case['comment']}: {name}"


def test_every_case_has_a_comment_a_text_and_known_fields() -> None:
    fields = set(Metadata.__dataclass_fields__) - {"evidence"}
    for case in CASES:
        assert set(case) == {"comment", "text", "expect"}, case
        assert set(case["expect"]) <= fields, case["comment"]
