"""The labelled development set, scored with the project's own scorer."""

from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from builder.extract.extractor import extract
from builder.model import Metadata, to_record
from builder.read.clean import clean
from builder.read.decode import decode

HERE = Path(__file__).parent
DEVSET = HERE / "devset"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_metadata", HERE / "score_metadata.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _record(path: Path, metadata: Metadata) -> dict[str, Any]:
    """The record the scorer reads: the fields as `anthology metadata` prints them."""
    return {"source": str(path), **to_record(metadata)}


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    stories = sorted(DEVSET.glob("*.txt"))
    assert stories, f"no stories in {DEVSET}"
    return [
        _record(path, extract(clean(decode(path.read_bytes(), str(path)).text).text))
        for path in stories
    ]


def test_devset_accuracy_and_no_wrong_company(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    scorer = _scorer()
    out = tmp_path / "records.json"
    out.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    report = io.StringIO()
    with redirect_stdout(report):
        accuracy, missing, wrong_companies = scorer.main(
            [str(DEVSET / "truth.yaml"), str(out), "--verbose"]
        )
    assert missing == 0, report.getvalue()
    assert wrong_companies == 0, report.getvalue()
    assert accuracy >= 0.95, report.getvalue()


def test_every_field_has_evidence_from_the_story() -> None:
    for path in sorted(DEVSET.glob("*.txt")):
        text = clean(decode(path.read_bytes(), str(path)).text).text
        metadata = extract(text)
        for field, sentence in metadata.evidence:
            assert sentence in text, (path.name, field, sentence)
        fields = {field for field, _ in metadata.evidence}
        assert "name" in fields
        if metadata.company is not None:
            assert "company" in fields
