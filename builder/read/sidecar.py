"""Editorial overrides: an optional ``seeds/<stem>.yaml`` that sets or corrects fields.

The sidecar is the only place metadata is written by hand, so it is validated as a
schema: malformed YAML, unsafe tags, unknown keys and wrong types are errors that name
the file, the line and the fix.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import yaml

from builder.errors import AnthologyError, Problem
from builder.model import Metadata, field_types, from_record
from builder.read.alphabets import candidate_codecs
from builder.read.codec import known_codec

# The schema is read off the Metadata record: text fields, lists of text, and records of
# text fields (a flag such as `signature_role.inferred` is the extractor's, not an editor's).
_EDITABLE = tuple(f.name for f in dataclasses.fields(Metadata) if f.name != "evidence")
ENCODING = "encoding"
DATE = "date"
"""When the story entered the anthology (the feeds): sets the story, not a fact."""
"""The codec the seed was saved in, for when the decoder's guess is wrong."""
_STORY_KEYS = ("slug", ENCODING)
"""Keys that set the story rather than its metadata."""


def _kind(name: str) -> Any:
    return field_types(Metadata)[name] if name in _EDITABLE else str | None


_TEXT_FIELDS = tuple(k for k in (*_EDITABLE, *_STORY_KEYS) if _kind(k) == str | None)
_LIST_FIELDS = tuple(k for k in _EDITABLE if _kind(k) == tuple[str, ...])
_MAPPING_FIELDS = {
    k: tuple(n for n, t in field_types(_kind(k)).items() if t == str | None)
    for k in _EDITABLE
    if dataclasses.is_dataclass(_kind(k))
}
FIELDS = tuple(k for k in (*_EDITABLE[:1], *_STORY_KEYS, *_EDITABLE[1:], DATE))
"""Every key a sidecar may set."""
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_sidecar(text: str, source: str) -> dict[str, Any]:
    """Parse and validate a sidecar; return only the keys it sets."""
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "invalid YAML"
        if "could not determine a constructor" in str(exc):
            what = f"unsafe or unknown YAML tag refused ({exc.problem})"
        raise AnthologyError(
            Problem(
                source,
                f"{what}; write plain `key: value` YAML (no tags)",
                line,
            )
        ) from exc
    except yaml.YAMLError as exc:
        raise AnthologyError(Problem(source, f"invalid YAML: {exc}")) from exc
    except ValueError as exc:  # YAML reads 2024-13-01 as a date, and fails
        line = _line_of_key(text.splitlines(), DATE)
        what = f"`date` is no real date ({exc}); {_DATE_HINT}"
        raise AnthologyError(Problem(source, what, line)) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnthologyError(
            Problem(
                source,
                f"must be a mapping of fields (e.g. `company: Bolshoi Ballet`), "
                f"found a {type(data).__name__}",
                1,
            )
        )
    lines = text.splitlines()
    for key, value in data.items():
        _check_field(str(key), value, source, _line_of_key(lines, str(key)))
    return {str(k): v for k, v in data.items()}


def apply_overrides(metadata: Metadata, overrides: dict[str, Any]) -> Metadata:
    """Return ``metadata`` with the sidecar's fields replacing the extracted ones (a
    record an editor sets is hers alone: nothing of it stays inferred)."""
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if key not in _EDITABLE:  # slug and date set the story, not its metadata
            continue
        if key in _LIST_FIELDS:
            changes[key] = tuple(value or ())
        elif key in _MAPPING_FIELDS:
            changes[key] = from_record(_kind(key), value or {})
        else:
            changes[key] = value
    return replace(metadata, **changes)


def _check_field(key: str, value: Any, source: str, line: int | None) -> None:
    def fail(message: str) -> None:
        raise AnthologyError(Problem(source, message, line))

    if key not in FIELDS:
        near = difflib.get_close_matches(key, FIELDS, n=1)
        hint = f"did you mean `{near[0]}`?" if near else f"valid keys: {', '.join(FIELDS)}"
        fail(f"unknown key `{key}`; {hint}")
    if value is None:
        return
    if key in _TEXT_FIELDS and not isinstance(value, str):
        fail(f"`{key}` must be text, found {type(value).__name__} {value!r}")
    if key == ENCODING and known_codec(value) is None:
        near = difflib.get_close_matches(value.lower(), candidate_codecs(), n=1)
        hint = f"did you mean `{near[0]}`?" if near else "e.g. " + ", ".join(candidate_codecs())
        fail(f"`encoding` names no codec Python knows: {value!r}; {hint}")
    if key == "slug" and not _SLUG.match(value):
        fail(f"`slug` must be lower-case letters, digits and hyphens, found {value!r}")
    if key == DATE and entry_date(value) is None:
        fail(f"`date` must be a date, found {value!r}; {_DATE_HINT}")
    if key in _LIST_FIELDS and (
        not isinstance(value, list) or not all(isinstance(v, str) for v in value)
    ):
        fail(f"`{key}` must be a list of text, e.g. `{key}: [A, B]`, found {value!r}")
    if key in _MAPPING_FIELDS:
        allowed = _MAPPING_FIELDS[key]
        if not isinstance(value, dict):
            fail(f"`{key}` must be a mapping with keys {', '.join(allowed)}, found {value!r}")
        for sub, sub_value in value.items():
            if sub not in allowed:
                near = difflib.get_close_matches(str(sub), allowed, n=1)
                hint = f"did you mean `{near[0]}`?" if near else f"use {', '.join(allowed)}"
                fail(f"unknown key `{key}.{sub}`; {hint}")
            if sub_value is not None and not isinstance(sub_value, str):
                fail(f"`{key}.{sub}` must be text, found {sub_value!r}")


_DATE_HINT = "write when the story entered the anthology as `date: 2024-05-01`"


def entry_date(value: Any) -> str | None:
    """A sidecar's ``date:`` (YAML date, time or ISO text) as an RFC 3339 UTC time, the
    form the feeds write; ``None`` if it is no ISO date."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    return None


def _line_of_key(lines: list[str], key: str) -> int | None:
    for number, line in enumerate(lines, 1):
        if re.match(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:", line):
            return number
    return None
