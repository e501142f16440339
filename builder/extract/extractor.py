"""Story text -> :class:`~builder.model.Metadata`: what the prose says about one dancer.

One pipeline over one document: the text is read once into a frozen
:class:`~builder.extract.document.Document` (sentences without page chrome, the named
things in each, the dancer, the other people and where they stand), then each field is
a stage, a pure function of the document that returns the value and its evidence: the
sentence it came from and the rule that read it, so an editor sees why. Unknown means
``None``: a wrong company is worse than none, so every field needs a cue in the text.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from builder.extract.company import main_company, memberships
from builder.extract.context import about_her, rejected
from builder.extract.document import Document, read_document
from builder.extract.gazetteer import load_gazetteer
from builder.extract.layout import read_sentences
from builder.extract.origin import find_origin
from builder.extract.people import PersonMention
from builder.extract.pronouns import about_a_man, turn_pronouns
from builder.extract.signature import SignatureFinding, find_signature
from builder.model import Evidence, Metadata, Origin, SignatureRole


@dataclass(frozen=True)
class Finding:
    """What one stage read: its fields' values and the evidence for them."""

    values: dict[str, Any]
    evidence: tuple[Evidence, ...] = field(default=())


Stage = Callable[[Document], Finding]


def extract(text: str) -> Metadata:
    """Read one story's metadata from its clean text (a story about a man with its
    pronouns turned, :mod:`builder.extract.pronouns`, quoted as written)."""
    gazetteer = load_gazetteer()
    if about_a_man(text):
        document = read_document(turn_pronouns(text), gazetteer)
        as_written = _as_written(text, document)
        if as_written is not None:
            document = dataclasses.replace(document, about_a_man=True)
            values, evidence = _read(document)
            if all(e.sentence in as_written for e in evidence):  # else: read as it stands
                quoted = [dataclasses.replace(e, sentence=as_written[e.sentence]) for e in evidence]
                return Metadata(**values, evidence=tuple(quoted))
    values, evidence = _read(read_document(text, gazetteer))
    return Metadata(**values, evidence=tuple(evidence))


def _read(document: Document) -> tuple[dict[str, Any], list[Evidence]]:
    """Every stage over the document: the fields' values and their evidence."""
    values: dict[str, Any] = {}
    evidence: list[Evidence] = []
    for stage in STAGES:
        finding = stage(document)
        values.update(finding.values)
        evidence += finding.evidence
    return values, evidence


def _as_written(text: str, turned: Document) -> dict[str, str] | None:
    """Each sentence of the turned document -> the same sentence as written, or None
    when the two readings do not split alike (then the story is read as it stands)."""
    written = read_sentences(unicodedata.normalize("NFC", text), turned.gazetteer.lexicon)
    if len(written) != len(turned.sentences):
        return None
    pairs = {t.text: w.text for t, w in zip(turned.sentences, written, strict=True)}
    if any(turn_pronouns(w) != t for t, w in pairs.items()):
        return None
    return pairs


def name_stage(document: Document) -> Finding:
    """Her name, as the text calls her."""
    dancer = document.dancer
    if dancer is None:
        return Finding({"name": None})
    return Finding({"name": dancer.name}, (Evidence("name", dancer.sentence.text, dancer.rule),))


def people_stage(document: Document) -> Finding:
    """Everyone else the story names."""
    people = document.people
    return Finding(
        {"people": tuple(p.name for p in people)},
        tuple(
            Evidence("people", document.sentences[p.sentence].text, _person_rule(p)) for p in people
        ),
    )


def _person_rule(person: PersonMention) -> str:
    if person.name != " ".join(person.words):
        return "a title and a surname"
    if len(person.words) == 1:
        return "a first name in apposition to a relation (her sister, X)"
    return "a capitalised name that is no place, company, school, work or title"


def origin_stage(document: Document) -> Finding:
    """Where she was born or raised."""
    found = find_origin(document)
    if found is None:
        return Finding({"origin": Origin()})
    rule = getattr(found, "rule", None) or "a birth or upbringing cue about her, or her nationality"
    return Finding({"origin": found.origin}, (Evidence("origin", found.sentence, rule),))


def signature_stage(document: Document) -> Finding:
    """The role the story presents as defining her."""
    found = _signature(document)
    if found is None:
        return Finding({"signature_role": SignatureRole()})
    return Finding(
        {"signature_role": found.role},
        tuple(Evidence("signature_role", s.text, found.rule) for s in found.sentences),
    )


@functools.lru_cache(maxsize=1)
def _signature(document: Document) -> SignatureFinding | None:
    """The signature finding, read once per document (the company stage breaks a tie
    of ranks by it)."""
    return find_signature(document)


def company_stage(document: Document) -> Finding:
    """Her companies, and the one where she ranks highest (ties: where her signature role
    is danced, then the latest she joined)."""
    members = memberships(document)
    signature = _signature(document)
    company = main_company(members, [s.index for s in signature.sentences] if signature else [])
    evidence = []
    if company is not None:
        evidence.append(
            Evidence("company", company.best_sentence, f"her highest rank; {company.best_rule}")
        )
    evidence += [
        Evidence("companies", document.sentences[m.first].text, m.first_rule) for m in members
    ]
    return Finding(
        {
            "company": company.company if company else None,
            "companies": tuple(m.company for m in members),
        },
        tuple(evidence),
    )


def ballets_stage(document: Document) -> Finding:
    """Every ballet title named, canonical, in order of first mention."""
    seen: dict[str, Evidence] = {}
    for sentence, found in zip(document.sentences, document.mentions, strict=True):
        for mention in found:
            if mention.kind == "ballet" and mention.name not in seen:
                rule = document.mention_rules.get(
                    (sentence.index, mention.start), "a title in the gazetteer"
                )
                seen[mention.name] = Evidence("ballets", sentence.text, rule)
    return Finding({"ballets": tuple(seen)}, tuple(seen.values()))


# "she taught for many years at the X School", "joined the faculty of X": a school she
# worked at, not attended.
_TAUGHT_AT = re.compile(
    r"\b(?:taught|teach(?:es|ing)?|coach(?:ed|es|ing)?|lectur(?:ed|es|ing)|directed|faculty|"
    r"(?:teaching\s+)?staff|"
    r"direct(?:s|ing)|(?:was|became|is)\s+(?:the\s+)?(?:director|head|principal)|"
    r"(?:appointed|named|made|installed)\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:artistic\s+)?"
    r"(?:director|head|principal|rector))"
    r"(?!\s+by\b)(?:\s+[\w’'-]+){0,4}?\s+(?:at|in|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def schools_stage(document: Document) -> Finding:
    """Named schools the story puts her in (not a teacher's or a rival's, not one that
    turned her away or one she taught at)."""
    seen: dict[str, Evidence] = {}
    lexicon = document.gazetteer.lexicon
    for sentence, found, spans in document.by_sentence():
        text = sentence.text
        for mention in found:
            if mention.kind != "school" or mention.name in seen:
                continue
            if rejected(text, mention.start) or _TAUGHT_AT.search(
                text[max(0, mention.start - 80) : mention.start]
            ):
                continue
            if about_her(text, mention.start, document.her_words, spans, lexicon):
                source = "in the gazetteer" if mention.known else "read from its head word"
                rule = f"a school {source}, in a clause about her"
                seen[mention.name] = Evidence("schools", text, rule)
    return Finding({"schools": tuple(seen)}, tuple(seen.values()))


# In the order the evidence has always been listed (the pages show it in this order).
STAGES: tuple[Stage, ...] = (
    name_stage,
    people_stage,
    origin_stage,
    signature_stage,
    company_stage,
    ballets_stage,
    schools_stage,
)
