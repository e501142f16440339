"""The records are the one field list: every consumer derives its keys from them."""

from __future__ import annotations

import dataclasses
import json

from builder.model import Evidence, Metadata, Origin, SignatureRole, Story, from_record, to_record
from builder.read.sidecar import FIELDS as SIDECAR_FIELDS
from builder.site.markup import FRONT_MATTER_ORDER, dancer_front_matter

STORY = Story(
    source="seeds/a.txt",
    slug="ana-li",
    text="Ana Li joined the Royal Ballet.",
    encoding="utf-8",
    fixes=("uncurl",),
    metadata=Metadata(
        name="Ana Li",
        origin=Origin("Lyon", "France"),
        company="The Royal Ballet",
        companies=("The Royal Ballet",),
        signature_role=SignatureRole("Giselle", "Giselle", inferred=True),
        ballets=("Giselle",),
        schools=("Royal Ballet School",),
        people=("Ninette de Valois",),
        evidence=(Evidence("company", "Ana Li joined the Royal Ballet.", "a membership cue"),),
    ),
    edited_fields=("name",),
)


def test_a_record_survives_json_and_back_unchanged() -> None:
    assert from_record(Story, json.loads(json.dumps(to_record(STORY)))) == STORY


def test_every_metadata_field_reaches_the_sidecar_and_the_front_matter() -> None:
    fields = {f.name for f in dataclasses.fields(Metadata)} - {"evidence"}
    assert fields <= set(SIDECAR_FIELDS)
    assert fields | {"evidence"} <= set(FRONT_MATTER_ORDER)
    front = dancer_front_matter(STORY)
    assert list(front) == list(FRONT_MATTER_ORDER)
    assert front["signature_role"] == {"role": "Giselle", "ballet": "Giselle", "inferred": True}
    assert front["evidence"] == {
        "company": {"sentence": "Ana Li joined the Royal Ballet.", "rule": "a membership cue"}
    }
