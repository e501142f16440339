"""Bytes -> text: BOMs win, UTF-8 is never re-guessed, legacy bytes are read and flagged."""

from __future__ import annotations

import codecs

import pytest

from builder.errors import AnthologyError
from builder.read.decode import decode

STORY = "Amélie Durand danced “Giselle” in Lyon — twice."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16-be"),
        (STORY.encode("utf-8"), "utf-8"),
        (STORY.encode("cp1252"), "cp1252"),
    ],
)
def test_every_common_encoding_gives_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode(data, "seeds/x.txt")
    assert decoded.text == STORY
    assert decoded.encoding == encoding


def test_legacy_bytes_are_read_with_a_warning_naming_file_line_and_codec() -> None:
    data = b"First line.\nShe was born in Montr\xe9al and danced \x93Giselle\x94.\n"
    decoded = decode(data, "seeds/legacy.txt")
    assert decoded.text.endswith("born in Montréal and danced “Giselle”.\n")
    (warning,) = decoded.warnings
    assert warning.source == "seeds/legacy.txt"
    assert warning.line == 2
    assert "cp1252" in warning.message and "UTF-8" in warning.message


def test_valid_utf8_is_never_reguessed_into_another_codec() -> None:
    # Short Latin-1-looking UTF-8 that statistical detectors like to call Cyrillic.
    text = "Ð½ÐµÑ‚ is what the broken web page showed"
    decoded = decode(text.encode("utf-8"), "seeds/x.txt")
    assert decoded.text == text
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ()


def test_binary_input_is_an_error_with_a_fix() -> None:
    with pytest.raises(AnthologyError) as caught:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "seeds/photo.txt")
    problem = caught.value.problem
    assert problem.source == "seeds/photo.txt"
    assert "binary" in problem.message and "plain text" in problem.message


def test_legacy_cyrillic_is_read_as_cp1251() -> None:
    text = "Анна Павлова родилась в Санкт-Петербурге и танцевала в Мариинском театре.\n"
    decoded = decode(text.encode("cp1251"), "seeds/anna.txt")
    assert decoded.text == text
    assert decoded.encoding == "cp1251"
