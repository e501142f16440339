"""Stories about a man: read with the pronouns turned, quoted as written.

Every reading rule follows "she" and "her" to the dancer and "he" and "his" to someone
else (her partner, her teacher), as in the stories the anthology was made from. A story
about a man reverses that: read as it stands, his own cues ("he joined the Royal
Ballet", "best known for his Albrecht") would be taken for someone else's and left
blank, and a woman in it ("his partner ... she danced with the Kirov") for him. So a
story whose dancer is "he" is read with each third-person pronoun turned to the other
one, the rules stay one set, and the evidence quotes the sentences as he wrote them.
"""

from __future__ import annotations

import re

_TURNED = {
    "he": "she",
    "him": "her",
    "his": "her",
    "himself": "herself",
    "she": "he",
    "her": "his",
    "hers": "his",
    "herself": "himself",
}
_MALE = frozenset(("he", "him", "his", "himself"))
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)


def about_a_man(text: str) -> bool:
    """True when the story's first third-person pronoun is "he" or "his" and most of them
    are: the dancer a story opens with is the one its pronouns follow. A woman's story
    that names a man first ("born to a diplomat and his wife") has more of hers."""
    first = _PRONOUN.search(text)  # in a woman's story, "she" or "her": done
    if first is None or first.group().casefold() not in _MALE:
        return False
    found = _PRONOUN.findall(text, first.start())
    male = sum(1 for word in found if word.casefold() in _MALE)
    return male * 2 > len(found)


def turn_pronouns(text: str) -> str:
    """``text`` with he/him/his/himself and she/her/hers/herself swapped, case kept."""
    return _PRONOUN.sub(_turn, text)


def _turn(match: re.Match[str]) -> str:
    word = match.group()
    turned = _TURNED[word.casefold()]
    if word.isupper() and len(word) > 1:
        return turned.upper()
    if word[0].isupper():
        return turned.capitalize()
    return turned
