"""The labelled development sets, scored with the project's own scorer.

``devset/`` holds tidy stories; ``devset_real/`` imitates real pages (encyclopedia
entries, wiki mirrors with page chrome, press releases, archive records, CVs, news).
"""

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
# (folder, the accuracy it must reach): the tidy set is read perfectly.
DEVSETS = {"devset": 1.0, "devset_real": 0.95}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_metadata", HERE / "score_metadata.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _record(path: Path, metadata: Metadata) -> dict[str, Any]:
    """The record the scorer reads: the fields as `anthology metadata` prints them."""
    return {"source": str(path), **to_record(metadata)}


def _stories(name: str) -> list[Path]:
    stories = sorted((HERE / name).glob("*.txt"))
    assert stories, f"no stories in {HERE / name}"
    return stories


def _read(path: Path) -> str:
    return clean(decode(path.read_bytes(), str(path)).text).text


@pytest.mark.parametrize("name", sorted(DEVSETS))
def test_devset_accuracy_and_no_wrong_company(name: str, tmp_path: Path) -> None:
    records = [_record(path, extract(_read(path))) for path in _stories(name)]
    scorer = _scorer()
    out = tmp_path / "records.json"
    out.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    report = io.StringIO()
    with redirect_stdout(report):
        accuracy, missing, wrong_companies = scorer.main(
            [str(HERE / name / "truth.yaml"), str(out), "--verbose"]
        )
    assert missing == 0, report.getvalue()
    assert wrong_companies == 0, report.getvalue()
    assert accuracy >= DEVSETS[name], report.getvalue()


@pytest.mark.parametrize("name", sorted(DEVSETS))
def test_every_field_has_evidence_from_the_story(name: str) -> None:
    for path in _stories(name):
        text = _read(path)
        metadata = extract(text)
        for evidence in metadata.evidence:
            assert evidence.sentence in text, (path.name, evidence)
            assert evidence.rule, (path.name, evidence)
        fields = {evidence.field for evidence in metadata.evidence}
        assert "name" in fields
        if metadata.company is not None:
            assert "company" in fields
