"""Story text -> :class:`~builder.model.Metadata`: what the prose says about one dancer.

A pure function of the (decoded, cleaned) text and the gazetteer. The pipeline: split
into sentences, find the named things in each (``extract_mentions``), find the people
(``extract_people``), then read each field with its own rules (``extract_company``,
``extract_origin``, ``extract_signature``). Unknown means ``None``: a wrong company is
worse than none, so every field needs a cue in the text, and every field keeps the
sentence it came from as evidence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from builder.extract.company import main_company, memberships
from builder.extract.context import Span, about_her, rejected
from builder.extract.gazetteer import Gazetteer, load_gazetteer
from builder.extract.mentions import Mention, find_mentions
from builder.extract.origin import find_origin
from builder.extract.people import PersonMention, dancer_name, merge_people, person_mentions
from builder.extract.signature import find_signature
from builder.extract.text import Sentence, split_sentences, tokens
from builder.model import Metadata, Origin, SignatureRole


def extract(text: str) -> Metadata:
    """Read one story's metadata from its clean text."""
    gazetteer = load_gazetteer()
    sentences = split_sentences(unicodedata.normalize("NFC", text))
    mentions = [find_mentions(s.text, gazetteer) for s in sentences]
    evidence: list[tuple[str, str]] = []

    named = dancer_name(sentences, gazetteer)
    name = named[0] if named else None
    if named:
        evidence.append(("name", named[1].text))
    dancer = tuple(name.split()) if name else ()

    found_people = [
        person_mentions(s, m, gazetteer) for s, m in zip(sentences, mentions, strict=True)
    ]
    people = merge_people([p for found in found_people for p in found], dancer)
    others = _others_words(people, dancer)
    spans = [_people_spans(s, others) for s in sentences]
    evidence += [("people", sentences[p.sentence].text) for p in people]

    origin = find_origin(sentences, mentions, spans, dancer, gazetteer)
    if origin is not None:
        evidence.append(("origin", origin.sentence))

    signature = find_signature(sentences, mentions, gazetteer)
    if signature is not None:
        evidence += [("signature_role", s.text) for s in signature.sentences]

    members = memberships(sentences, mentions, spans, dancer, gazetteer.lexicon)
    signature_at = [s.index for s in signature.sentences] if signature else []
    company = main_company(members, signature_at)
    if company is not None:
        evidence.append(("company", company.best_sentence))
    evidence += [("companies", sentences[m.first].text) for m in members]

    ballets = _ballets(sentences, mentions)
    evidence += [("ballets", text) for _, text in ballets]
    schools = _schools(sentences, mentions, spans, dancer, gazetteer)
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


def _others_words(people: Sequence[PersonMention], dancer: Sequence[str]) -> frozenset[str]:
    """Every word of the other people's names (not the dancer's own)."""
    own = {w.casefold() for w in dancer}
    return frozenset(w for p in people for w in p.words if w.casefold() not in own)


def _people_spans(sentence: Sentence, others: frozenset[str]) -> list[Span]:
    """Where other people are named in a sentence, by any word of their names
    ("Alvarado had danced with ..." is about Carmen Alvarado, not the dancer)."""
    return [Span(t.start, t.end) for t in tokens(sentence.text) if t.text in others]


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
            if rejected(sentence.text, mention.start):
                continue
            if about_her(sentence.text, mention.start, dancer, people, gazetteer.lexicon):
                seen[mention.name] = sentence.text
    return list(seen.items())
