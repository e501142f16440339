"""Bytes -> text: BOMs win, UTF-8 is never re-guessed, legacy bytes are read and flagged."""

from __future__ import annotations

import codecs

import pytest

from builder.errors import AnthologyError
from builder.read.decode import decode

STORY = "Amélie Durand danced “Giselle” in Lyon — twice."


CYRILLIC = "Анна Павлова родилась в Санкт-Петербурге и танцевала в Мариинском театре.\n"


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (STORY, codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
        (STORY, codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "utf-16-le"),
        (STORY, codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16-be"),
        (STORY, STORY.encode("utf-8"), "utf-8"),
        (STORY, STORY.encode("cp1252"), "cp1252"),
        (CYRILLIC, CYRILLIC.encode("cp1251"), "cp1251"),  # legacy Cyrillic
    ],
)
def test_every_common_encoding_gives_the_same_text(text: str, data: bytes, encoding: str) -> None:
    decoded = decode(data, "seeds/x.txt")
    assert decoded.text == text
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


# ---- issue 10: the codec a person used ---------------------------------------------------

import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from bench.encodings import CODECS, samples  # noqa: E402
from builder.read.story import read_story  # noqa: E402

HOSTILE = Path(__file__).resolve().parent / "hostile"

# Right readings out of 50 per codec on bench/encodings.py's corpus, at least (the README
# table): at least 46 in 50 for every codec, 50 in 50 for most.
MINIMUM_RIGHT = {
    "cp1252": 50,
    "iso8859_15": 49,
    "cp1250": 50,
    "iso8859_2": 50,
    "cp1257": 46,
    "cp1254": 48,
    "cp1251": 50,
    "koi8_r": 50,
    "koi8_u": 50,
    "mac_roman": 49,
    "utf_16_le": 50,
    "utf_16_be": 50,
}


def test_the_corpus_is_what_the_readme_says() -> None:
    made = list(samples(50))
    assert Counter(s.codec for s in made) == dict.fromkeys(CODECS, 50)
    assert all(64 <= len(s.data) <= 600 and s.data.decode(s.codec) == s.text for s in made)
    assert all(not s.text.isascii() for s in made)
    assert made == list(samples(50))  # deterministic


def test_each_codec_is_read_back_letter_for_letter_as_often_as_the_readme_says() -> None:
    right: Counter[str] = Counter()
    for sample in samples(50):
        try:
            text = decode(sample.data, "seeds/sample.txt").text
        except AnthologyError:
            continue
        right[sample.codec] += text == sample.text
    assert set(MINIMUM_RIGHT) == set(CODECS)
    short = {c: right[c] for c, least in MINIMUM_RIGHT.items() if right[c] < least}
    assert not short, f"read right (of 50) below the README's figures: {short}"


@pytest.mark.parametrize(
    ("name", "codec"),
    [
        ("Tereza Dvořáková", "cp1250"),
        ("Małgorzata Dąbrowska", "iso8859-2"),
        ("Zoë Lefèvre", "mac-roman"),
        ("Наталья Щербакова", "koi8-r"),
        ("Оксана Їжакевич", "cp1251"),
        ("Ştefania Mureşan", "cp1250"),
    ],
)
def test_a_legacy_story_keeps_its_name_and_names_the_codec_and_the_runner_up(
    name: str, codec: str
) -> None:
    text = f"{name} was born in 1990 and danced Giselle. {name} retired in 2020.\n"
    decoded = decode(text.encode(codec), "seeds/she.txt")
    assert decoded.text == text
    assert decoded.encoding == codec
    (warning,) = decoded.warnings
    assert warning.severity == "warning" and warning.source == "seeds/she.txt"
    assert f"read it as {codec}" in warning.message and "runner-up: " in warning.message
    assert "`encoding: " in warning.message and "seeds/she.yaml" in warning.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text_not_binary(codec: str) -> None:
    decoded = decode(STORY.encode(codec), "seeds/x.txt")
    assert decoded.text == STORY and decoded.encoding == codec
    (warning,) = decoded.warnings
    assert "without a byte-order mark" in warning.message


def test_nuls_that_are_not_utf16_are_still_binary() -> None:
    for data in (b"Some text\x00\x00\x01\x02 with NULs\n", b"ab\x00cd\x00\x00ef" * 8):
        with pytest.raises(AnthologyError, match="binary"):
            decode(data, "seeds/x.txt")


def test_bytes_no_codec_reads_as_words_are_an_error_with_the_fix() -> None:
    data = b"Greta Holm danced " + bytes(range(0x80, 0x100)) + b" in Oslo.\n"
    with pytest.raises(AnthologyError) as caught:
        decode(data, "seeds/greta.txt")
    problem = caught.value.problem
    assert problem.source == "seeds/greta.txt" and problem.line == 1
    assert "no codec reads it as plausible text" in problem.message
    assert "`encoding: " in problem.message and "seeds/greta.yaml" in problem.message


def test_utf8_with_a_few_cp1252_bytes_pasted_in_keeps_both() -> None:
    data = "Amélie Durand, from Montréal, ".encode() + b"danced \x93Giselle\x94 \x97 twice.\n"
    decoded = decode(data, "seeds/x.txt")
    assert decoded.text == "Amélie Durand, from Montréal, danced “Giselle” — twice.\n"
    assert decoded.warnings


def test_the_sidecar_forces_the_codec_without_a_warning() -> None:
    data = "Zoë Lefèvre was born in Lyon. She danced Giselle.\n".encode("cp1250", "replace")
    guessed = read_story(data, "seeds/zoe.txt")
    forced = read_story(data, "seeds/zoe.txt", "encoding: iso8859-2\n", "seeds/zoe.yaml")
    assert forced.story.encoding == "iso8859-2" and forced.warnings == ()
    assert forced.story.text == data.decode("iso8859-2")
    assert guessed.warnings and "encoding" not in forced.story.edited_fields


def test_a_sidecar_naming_an_unknown_codec_is_an_error_naming_file_and_line() -> None:
    with pytest.raises(AnthologyError) as caught:
        read_story(
            b"Anna danced.\n", "seeds/a.txt", "name: Anna\nencoding: mac-romn\n", "seeds/a.yaml"
        )
    problem = caught.value.problem
    assert (problem.source, problem.line) == ("seeds/a.yaml", 2)
    assert "mac-romn" in problem.message and "did you mean `mac-roman`?" in problem.message
    for not_for_text in ("base64", "rot13", "idna"):
        with pytest.raises(AnthologyError):
            read_story(b"Anna danced.\n", "seeds/a.txt", f"encoding: {not_for_text}\n", "s.yaml")


def test_a_forced_codec_that_does_not_fit_the_bytes_is_an_error_naming_the_sidecar() -> None:
    with pytest.raises(AnthologyError) as caught:
        read_story(b"Anna\n\x81 danced.\n", "seeds/a.txt", "encoding: cp1252\n", "seeds/a.yaml")
    problem = caught.value.problem
    assert problem.source == "seeds/a.txt" and problem.line == 2
    assert "seeds/a.yaml" in problem.message


def test_anthology_metadata_prints_every_legacy_dancers_name_letter_for_letter(
    tmp_path: Path,
) -> None:
    """The whole path a user takes: seeds on disk, the real command, its JSON."""
    expected = yaml.safe_load((HOSTILE / "expected.yaml").read_text("utf-8"))
    named = {file: e["name"] for file, e in expected.items() if "name" in e}
    assert len(named) >= 7
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for file in named:
        shutil.copy(HOSTILE / "seeds" / file, seeds / file)
    run = subprocess.run(
        [sys.executable, "-m", "builder", "metadata", "--seeds", str(seeds)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    names = {Path(r["source"]).name: r["name"] for r in json.loads(run.stdout)}
    assert names == named


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(0xC0, 0x100)) * 16_000,  # one endless word of high bytes
        "Dvořáková tančila v Třebíči. ".encode("cp1250") * 30_000,  # long, repetitive
        b" ".join(bytes([0xE0 + i % 31, 0xE1 + i % 29, 0x61 + i % 26]) for i in range(200_000)),
    ],
)
def test_the_work_of_guessing_stays_bounded_whatever_the_seeds_size(data: bytes) -> None:
    """Only a bounded sample of words is scored per codec, so a 1 MB seed costs about
    what a story does (speed itself is measured in bench/, not here)."""
    from builder.read.readings import _MAX_OCCURRENCES, _REACH, _WORD_BYTES_BUDGET, ranked_readings

    for reading in ranked_readings(data):
        assert sum(len(w) for w in reading.words) <= 2 * (_WORD_BYTES_BUDGET + 3 * _REACH)
        assert len(reading.words) <= _MAX_OCCURRENCES


@pytest.mark.parametrize(
    "word",
    [
        "Mureºan",  # a symbol inside a word (cp1250 ş read as cp1252)
        "Zo‘",  # an opening quote closing a word (Mac Roman ë read as cp1252)
        "N”mes",  # a closing quote before a letter
        "Dvoшбkovб",  # two scripts in one word
        "OpŽra",  # the case flips inside a word
        "рБЧЛПЧБ",  # KOI8-R read as cp1251
        "ZŸrich",  # two capitals, then lower case
        "Ïàâëîâà",  # a Latin word of accented letters only (cp1251 read as cp1252)
        "Dvoøáková",  # ø and á: no language writes both
        "Conceiçõa",  # Portuguese writes õ only before e
        "Eskiþehir",  # Icelandic writes þ only first
        "Babiæ",  # æ after a vowel (Croatian ć read as cp1252)
        "caf\x81e",  # a control character
    ],
)
def test_the_signs_of_a_misreading_make_a_word_implausible(word: str) -> None:
    from builder.read.alphabets import packaged_alphabets
    from builder.read.misreading import word_cost

    assert word_cost(word, packaged_alphabets())[1], word


@pytest.mark.parametrize(
    "word",
    [
        "Dvořáková",
        "Łucja",
        "Conceição",
        "Þóra",
        "Guðrún",
        "McDonald",
        "O’Neill",
        "“Giselle”",
        "İstanbul",
        "Ђорђевић",
        "Їжакевич",
        "Kraków,",
        "ÉCOLE",
        "1990–2005",
        "«Москва»",
    ],
)
def test_words_as_people_write_them_are_plausible(word: str) -> None:
    from builder.read.alphabets import packaged_alphabets
    from builder.read.misreading import word_cost

    assert not word_cost(word, packaged_alphabets())[1], word


def test_a_malformed_alphabets_file_is_an_error_naming_the_entry(tmp_path: Path) -> None:
    from builder.read.alphabets import ALPHABETS_FILE, AlphabetsError, read_alphabets

    good = yaml.safe_load(ALPHABETS_FILE.read_text("utf-8"))
    assert read_alphabets(ALPHABETS_FILE).languages
    for change, message in [
        (lambda d: d["candidates"].update({"cp9999": 0.1}), "'cp9999' is not a codec"),
        (lambda d: d["letters"]["latin"].update({"klingon": "a1"}), "klingon"),
        (lambda d: d["rules"].update({"german": {"only_first": "ø"}}), "german: only_first"),
        (lambda d: d["rules"].update({"elvish": {"only_first": "é"}}), "'elvish' has no"),
    ]:
        data = yaml.safe_load(yaml.safe_dump(good, allow_unicode=True))
        change(data)
        path = tmp_path / "alphabets.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        with pytest.raises(AlphabetsError, match=message):
            read_alphabets(path)
