"""Story text -> :class:`~builder.model.Metadata`: what the prose says about one dancer.

A pure function of the (decoded, cleaned) text and the gazetteer. The pipeline: split
into sentences, find the named things in each (``extract_mentions``), find the people
(``extract_people``), then read each field with its own rules (``extract_company``,
``extract_origin``, ``extract_signature``). Unknown means ``None``: a wrong company is
worse than none, so every field needs a cue in the text, and every field keeps the
sentence it came from as evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from builder.extract.company import main_company, memberships
from builder.extract.context import Span, about_her, rejected
from builder.extract.gazetteer import Gazetteer, load_gazetteer
from builder.extract.layout import read_sentences
from builder.extract.mentions import Mention, find_mentions
from builder.extract.origin import find_origin
from builder.extract.people import (
    PersonMention,
    dancer_aliases,
    dancer_name,
    merge_people,
    person_mentions,
)
from builder.extract.signature import find_signature
from builder.extract.text import Sentence, tokens
from builder.extract.titles import unknown_ballets
from builder.model import Metadata, Origin, SignatureRole


def extract(text: str) -> Metadata:
    """Read one story's metadata from its clean text."""
    gazetteer = load_gazetteer()
    sentences = read_sentences(unicodedata.normalize("NFC", text), gazetteer.lexicon)
    mentions = _with_acronyms(sentences, [find_mentions(s.text, gazetteer) for s in sentences])
    mentions = [
        _with_titles(found, unknown_ballets(s.text, found, gazetteer.lexicon))
        for s, found in zip(sentences, mentions, strict=True)
    ]
    evidence: list[tuple[str, str]] = []

    named = dancer_name(sentences, gazetteer)
    name = named[0] if named else None
    if named:
        evidence.append(("name", named[1].text))
    dancer = tuple(name.split()) if name else ()
    # Her other names (the heading's full form, a birth name, another spelling) are her too.
    her_words = tuple(
        w
        for w in ((*dancer, *named[2], *dancer_aliases(name, sentences)) if named and name else ())
        if w[:1].isupper()
    )

    found_people = [
        person_mentions(s, m, gazetteer) for s, m in zip(sentences, mentions, strict=True)
    ]
    people = merge_people(
        [p for found in found_people for p in found if not _her_other_script(p, sentences, dancer)],
        dancer,
        her_words,
    )
    spans = [_people_spans(s, people, her_words) for s in sentences]
    evidence += [("people", sentences[p.sentence].text) for p in people]

    origin = find_origin(sentences, mentions, spans, her_words, gazetteer)
    if origin is not None:
        evidence.append(("origin", origin.sentence))

    signature = find_signature(sentences, mentions, gazetteer)
    if signature is not None:
        evidence += [("signature_role", s.text) for s in signature.sentences]

    members = memberships(sentences, mentions, spans, her_words, gazetteer.lexicon)
    signature_at = [s.index for s in signature.sentences] if signature else []
    company = main_company(members, signature_at)
    if company is not None:
        evidence.append(("company", company.best_sentence))
    evidence += [("companies", sentences[m.first].text) for m in members]

    ballets = _ballets(sentences, mentions)
    evidence += [("ballets", text) for _, text in ballets]
    schools = _schools(sentences, mentions, spans, her_words, gazetteer)
    evidence += [("schools", text) for _, text in schools]

    return Metadata(
        name=name,
        origin=origin.origin if origin else Origin(),
        company=company.company if company else None,
        companies=tuple(m.company for m in members),
        signature_role=signature.role if signature else SignatureRole(),
        ballets=tuple(title for title, _ in ballets),
        schools=tuple(school for school, _ in schools),
        people=tuple(p.name for p in people),
        evidence=tuple(evidence),
    )


def _people_spans(
    sentence: Sentence, people: Sequence[PersonMention], dancer: Sequence[str]
) -> list[Span]:
    """Where other people are named in a sentence, by any word of their names
    ("Alvarado had danced with ..." is about Carmen Alvarado, not the dancer)."""
    own = {w.casefold() for w in dancer}
    words = {w for p in people for w in p.words if w.casefold() not in own and w[:1].isupper()}
    return [Span(t.start, t.end) for t in tokens(sentence.text) if t.text in words]


# "the Korean National Ballet (KNB)": the text's own short name for what it just named.
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z&]{1,7})\)")


def _with_acronyms(
    sentences: Sequence[Sentence], mentions: Sequence[Sequence[Mention]]
) -> list[tuple[Mention, ...]]:
    """Mentions plus each later use of an acronym the text defined for a company, school
    or house ("... the KNB said")."""
    defined: dict[str, Mention] = {}
    for sentence, found in zip(sentences, mentions, strict=True):
        for mention in found:
            match = _ACRONYM.match(sentence.text, mention.end)
            if match and mention.kind in ("company", "school", "house"):
                defined.setdefault(match.group(1), mention)
    if not defined:
        return list(mentions)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, defined)) + r")\b")
    result = []
    for sentence, found in zip(sentences, mentions, strict=True):
        extra = [
            Mention(
                defined[m.group(1)].kind,
                defined[m.group(1)].name,
                m.group(1),
                m.start(),
                m.end(),
                True,
            )
            for m in pattern.finditer(sentence.text)
            if all(m.end() <= f.start or m.start() >= f.end for f in found)
        ]
        result.append(tuple(sorted((*found, *extra), key=lambda m: m.start)))
    return result


def _with_titles(found: Sequence[Mention], titles: Sequence[Mention]) -> tuple[Mention, ...]:
    """A sentence's mentions plus the ballet titles read from its typography (which
    replace a guess they overlap)."""
    kept = [m for m in found if not any(m.start < t.end and t.start < m.end for t in titles)]
    return tuple(sorted((*kept, *titles), key=lambda m: m.start))


def _her_other_script(
    person: PersonMention, sentences: Sequence[Sentence], dancer: Sequence[str]
) -> bool:
    """ "Aidai Osmonova (Айдай Осмонова)": her name in another script, in brackets after it."""
    if not dancer:
        return False
    text = sentences[person.sentence].text
    opening = text.rfind("(", 0, person.start)
    if opening < 0 or ")" in text[opening : person.start]:
        return False
    before = text[:opening].rstrip()
    return before.endswith(tuple(dancer)) and _script(person.name) != _script(" ".join(dancer))


def _script(name: str) -> str:
    """The script of a name's first letter ("LATIN", "CYRILLIC", "CJK" ...)."""
    letter = next((c for c in name if c.isalpha()), "")
    return unicodedata.name(letter, "").split(" ")[0] if letter else ""


def _ballets(
    sentences: Sequence[Sentence], mentions: Sequence[Sequence[Mention]]
) -> list[tuple[str, str]]:
    """Every ballet title named, canonical, in order of first mention."""
    seen: dict[str, str] = {}
    for sentence, found in zip(sentences, mentions, strict=True):
        for mention in found:
            if mention.kind == "ballet" and mention.name not in seen:
                seen[mention.name] = sentence.text
    return list(seen.items())


# "she taught for many years at the X School": a school she worked at, not attended.
_TAUGHT_AT = re.compile(
    r"\b(?:taught|teach(?:es|ing)?|coach(?:ed|es|ing)?|lectur(?:ed|es|ing)|directed|direct(?:s|ing)|"
    r"(?:was|became|is)\s+(?:the\s+)?(?:director|head|principal)\s+of)(?!\s+by\b)"
    r"(?:\s+[\w’'-]+){0,4}?\s+(?:at|in|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _schools(
    sentences: Sequence[Sentence],
    mentions: Sequence[Sequence[Mention]],
    spans: Sequence[Sequence[Span]],
    dancer: Sequence[str],
    gazetteer: Gazetteer,
) -> list[tuple[str, str]]:
    """Named schools the story puts her in (not a teacher's or a rival's)."""
    seen: dict[str, str] = {}
    for sentence, found, people in zip(sentences, mentions, spans, strict=True):
        for mention in found:
            if mention.kind != "school" or mention.name in seen:
                continue
            if rejected(sentence.text, mention.start) or _TAUGHT_AT.search(
                sentence.text[: mention.start]
            ):
                continue
            if about_her(sentence.text, mention.start, dancer, people, gazetteer.lexicon):
                seen[mention.name] = sentence.text
    return list(seen.items())
