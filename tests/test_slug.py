"""Slugs: readable, stable, never empty, unique."""

from __future__ import annotations

import pytest

from builder.site.slug import slugify, unique_slugs


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Aurélie Gagné-Thériault", "aurelie-gagne-theriault"),
        ("Sigrid Nygård", "sigrid-nygard"),
        ("Анна Павлова", "anna-pavlova"),
        ("Μαρία Κάλλας", "maria-kallas"),
        ("Yoon Ha-eun", "yoon-ha-eun"),
        ("윤하은", "yunhaeun"),
        ("松山 樹子", "songshan-shuzi"),
        ("فاطمة الزهراء", "ftmh-lzhr"),
    ],
)
def test_any_script_gives_a_readable_slug(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_slug_is_never_empty() -> None:
    assert slugify("!!!") == "u21-21-21"
    assert slugify("") == "untitled"


def test_duplicates_get_numbered_in_order() -> None:
    assert unique_slugs(["anna", "anna", "bo", "anna"]) == ["anna", "anna-2", "bo", "anna-3"]
    assert unique_slugs(["index"], reserved=frozenset({"index"})) == ["index-2"]
