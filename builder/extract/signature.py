"""The role the story presents as defining her.

Sentences are scored by how strongly they say "defining" (signature > the role that
changed everything > breakthrough > a lead or title role). The role comes from that
sentence; when it names only the ballet, the next sentences may name her role in it
("As Aurora she ..."), else the ballet's lead is used and marked inferred. A ballet she
was injured in, a childhood wish and "she does not have a signature role" give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from builder.extract.context import wished
from builder.extract.document import Document
from builder.extract.gazetteer import Ballet, Gazetteer, Role
from builder.extract.mentions import Mention
from builder.extract.text import Sentence, word_cues
from builder.model import SignatureRole

# (pattern, strength, words one of which each match holds, so that a sentence holding none
# is not scanned; the letters its words start with, see ``word_cues``)
_CUES: tuple[tuple[re.Pattern[str], int, tuple[str, ...]], ...] = tuple(
    (word_cues(pattern, letters), strength, tuple(needs.split()))
    for pattern, strength, needs, letters in (
        (r"signature\b", 5, "signature", "s"),
        (
            r"defining\s+role\b|role\s+(?:that|which)\s+(?:changed|defined|made)\b|"
            r"role\s+(?:that\s+)?(?:audiences|people|critics|the\s+public|fans)\s+\w+|"
            r"(?:has|had)\s+been\s+hers\b|most\s+(?:acclaimed|celebrated|famous)\b|"
            r"role\s+of\s+(?:her|a)\s+(?:life|career)\b|best[- ]known\s+role\b|"
            r"turning\s+point\b|calling\s+card\b|"
            r"(?:best|chiefly|above\s+all|most|particularly|especially)\s+"
            r"(?:known|remembered|admired)\s+(?:for|as)\b|"
            r"(?:celebrated|famous|renowned|acclaimed|admired|remembered|known)\s+"
            r"(?:above\s+all\s+|especially\s+|chiefly\s+|most\s+)?for\s+her\b|"
            r"her\s+(?:celebrated|famous|acclaimed|renowned|legendary|definitive|unforgettable)\b|"
            r"her\s+(?:finest|greatest|best)\s+(?:role|part|creation|interpretation)\b|"
            r"(?:most\s+|closely\s+|chiefly\s+|above\s+all\s+)+associated\s+with\b|"
            r"with\s+which\s+she\s+(?:is|was|has\s+been)\s+(?:most\s+)?(?:closely\s+)?"
            r"identified\b|(?:is|was|became)\s+(?:most\s+)?(?:closely\s+)?identified\s+with\b|"
            r"made\s+(?:it|the\s+role|the\s+part)\s+her\s+own\b|"
            r"(?:part|role)\s+(?:that\s+)?she\s+made\s+her\s+own\b|"
            r"above\s+all\s+(?:as|in)\b|"
            r"(?:considered|regarded\s+as|deemed|thought|hailed\s+as|seen\s+as)\s+(?:the\s+)?"
            r"(?:definitive|unrivalled|unsurpassed|legendary)\b",
            4,
            "defining role hers most turning calling known remembered admired celebrated "
            "famous acclaimed renowned legendary definitive unforgettable identified made above "
            "unrivalled unsurpassed associated finest greatest best",
            "abcdefhikmprstw",
        ),
        (
            r"break(?:through|out)\b|big\s+break\b|made\s+her\s+(?:name|famous)\b",
            3,
            "break made",
            "bm",
        ),
        (
            r"(?:the|a)\s+(?:lead|leading|title)\s+role\b|cast\s+(?:her\s+)?as\b",
            2,
            "role cast",
            "act",
        ),
    )
)
# Every word some cue needs (a sentence holding none holds no cue).
_ANY_NEEDED = tuple(dict.fromkeys(word for _, _, needs in _CUES for word in needs))
_CUE_KINDS = {
    5: "signature cue",
    4: "defining-role cue (most acclaimed, best known for, made her own)",
    3: "breakthrough cue",
    2: "lead or title role cue",
}
_NONE = re.compile(
    r"\b(?:does|did)\s+not\s+have\s+a\s+signature|\bno\s+signature\s+role|"
    r"\bnever\s+had\s+a\s+signature",
    re.IGNORECASE,
)
_INJURY = re.compile(
    r"\binjur\w*|\blanded\s+badly|\b(?:tore|torn|sprain\w*|fractur\w*|broke|ruptur\w*)\b",
    re.IGNORECASE,
)
_DURING = re.compile(
    r"\b(?:during|in)\s+(?:a|the|one)\s+(?:\w+\s+)?(?:performance|show|run|rehearsal)\s+of\s+$"
)
_PERFORMS = re.compile(
    r"\b(?:performance\s+of|danc(?:ed|es|ing)|perform(?:ed|s|ing)|starred\s+in|as)\s+$",
    re.IGNORECASE,
)
# "Her repertoire includes ... the title role in Giselle": a list, not what defines her.
_REPERTOIRE = re.compile(
    r"\brepertoire\b|\broles\s+(?:there\s+)?(?:include|included|includes|including)\b",
    re.IGNORECASE,
)
_LISTED = 2
_TITLE_ROLE = re.compile(r"\btitle\s+role\b", re.IGNORECASE)
_TITLE_ROLE_IN = re.compile(r"\btitle\s+role\s+(?:in|of)\s+", re.IGNORECASE)
# "a Glaswegian whose Albrecht ...", "his Romeo": a partner's role, not hers.
_SOMEONE_ELSES = re.compile(r"\b(?:his|whose|their|him)\s+$|\w['’]s\s+$", re.IGNORECASE)


def _someone_elses(before: str, her_words: Sequence[str]) -> bool:
    """True when the words before a role make it another's ("his Romeo", "Anna's
    Juliet"), not when the possessive is her own name's ("Lina's Juliet")."""
    match = _SOMEONE_ELSES.search(before)
    if match is None:
        return False
    owner = re.search(r"([^\W\d_][\w-]*)['’]s\s+$", before)
    return owner is None or owner.group(1) not in her_words


_LOOK_AHEAD = 2
_CLAUSE_BREAK = re.compile(r",\s+(?:though|although|but|while|whereas|yet)\b|;", re.IGNORECASE)


@dataclass(frozen=True)
class SignatureFinding:
    """A signature role and the sentences that gave it."""

    role: SignatureRole
    sentences: tuple[Sentence, ...]
    rule: str = ""
    """Which cue and which reading gave it ("breakthrough cue: the role it names")."""


def find_signature(document: Document) -> SignatureFinding | None:
    """Her defining role, or ``None`` when the story names none (or says she has none)."""
    sentences, mentions = document.sentences, document.mentions
    # Folded once per sentence: every cue's quick test reads the same folded text.
    folded = [_Folded.of(s.text) for s in sentences]
    if any(_says_none(f) for f in folded):
        return None
    best: tuple[int, SignatureFinding] | None = None
    for sentence, fold in zip(sentences, folded, strict=True):
        cues = _cues(fold)
        if cues and _REPERTOIRE.search(sentence.text):
            cues = tuple(cue for cue in cues if cue[0] > _LISTED)
        if not cues:
            continue
        strength, at = max(cues, key=lambda cue: (cue[0], -cue[1]))
        if best is not None and strength <= best[0]:
            continue
        finding = _role_from(document, sentence.index, at)
        if finding is not None:
            rule = f"{_CUE_KINDS[strength]}; {finding.rule}"
            best = (strength, SignatureFinding(finding.role, finding.sentences, rule))
    if best is not None:
        named = {m.name for found in mentions for m in found if m.kind == "ballet"}
        # A role whose ballet the text never names is no signature ("Her Kitri ..."): the
        # ballet is not the text's to give.
        return best[1] if best[1].role.ballet in named else None
    return _only_ballet_danced(document)


class _Folded(NamedTuple):
    """A sentence and its case-folded text, folded once for every cue's quick test."""

    text: str
    folded: str
    dotted: bool
    """True when it holds a dotless or dotted I (see :func:`~builder.extract.text.may_hold`)."""

    @classmethod
    def of(cls, text: str) -> _Folded:
        return cls(text, text.casefold(), "ı" in text or "İ" in text)

    def may_hold(self, words: tuple[str, ...]) -> bool:
        """:func:`~builder.extract.text.may_hold`, on the text folded once."""
        return self.dotted or any(word in self.folded for word in words)


def _says_none(sentence: _Folded) -> bool:
    """True for "she does not have a signature role"."""
    return sentence.may_hold(("signature",)) and bool(_NONE.search(sentence.text))


def _cues(sentence: _Folded) -> tuple[tuple[int, int], ...]:
    """(strength, position) of each cue in a sentence, strongest kind first."""
    if not sentence.may_hold(_ANY_NEEDED):
        return ()  # most sentences: one quick test instead of one per kind of cue
    text = sentence.text
    return tuple(
        (strength, m.start())
        for pattern, strength, needs in _CUES
        if sentence.may_hold(needs)
        for m in pattern.finditer(text)
    )


def _usable(sentence: Sentence, found: Sequence[Mention], cue: int = 0) -> list[Mention]:
    """Roles and ballets of a sentence, minus injuries and wishes, those right after the
    cue first ("... but her defining role turned out to be the Firebird")."""
    text = sentence.text
    usable = []
    for mention in found:
        if mention.kind not in ("role", "ballet"):
            continue
        if _INJURY.search(text) and _DURING.search(text[: mention.start]):
            continue
        if wished(text, mention.start, reach=40):
            continue
        usable.append(mention)
    # "Her signature role is not, as many think, Giselle, but Juliet": not what it denies.
    denied = _DENIED.match(text, cue) if cue else None
    if denied is not None:
        start, end = denied.span("denied")
        usable = [m for m in usable if not start <= m.start < end]
    # What follows a clause break after the cue (", though ...") is not the cue's.
    stop = _CLAUSE_BREAK.search(text, cue) if cue else None
    if stop is not None:
        inside = [m for m in usable if not m.start >= stop.start()]
        usable = inside or usable
    return sorted(usable, key=lambda m: (m.start < cue, abs(m.start - cue)))


# From the cue: "... is not (as many think) X, but", the span of what it denies.
_DENIED = re.compile(r"[^.;]{0,40}?\b(?P<denied>(?:not|never)\b[^.;]{0,80}?)\bbut\b", re.IGNORECASE)


def _role_from(document: Document, index: int, cue: int = 0) -> SignatureFinding | None:
    """The role a cue sentence names, completed from the next sentences if needed."""
    sentences, mentions, gazetteer = document.sentences, document.mentions, document.gazetteer
    sentence = sentences[index]
    usable = _usable(sentence, mentions[index], cue)
    if not usable:
        # "The role that changed everything ..." names it in the next sentence.
        for ahead in range(index + 1, min(index + 1 + _LOOK_AHEAD, len(sentences))):
            if sentences[ahead].paragraph != sentence.paragraph:
                break
            if _usable(sentences[ahead], mentions[ahead]):
                found = _role_from(document, ahead)
                if found is not None:
                    return SignatureFinding(
                        found.role,
                        (sentence, *found.sentences),
                        f"named in a following sentence; {found.rule}",
                    )
        return None
    roles = [
        m
        for m in usable
        if m.kind == "role" and not _someone_elses(sentence.text[: m.start], document.her_words)
    ]
    titled = _nearest_title_role(sentence.text, cue, roles)
    if roles and not titled:
        ballet, role = _role_by_name(roles[0].name, gazetteer)
        return SignatureFinding(
            SignatureRole(role.name, ballet.title), (sentence,), "the role named nearest the cue"
        )
    ballets = [m for m in usable if m.kind == "ballet"]
    if not ballets:
        return None
    after_title = [m for m in ballets if titled and m.start >= titled.end()]
    ballet_title = (after_title or ballets)[0].name
    ballet = gazetteer.ballet(ballet_title)
    lead = ballet.lead if ballet and not document.about_a_man else None
    for ahead in range(index + 1, min(index + 1 + _LOOK_AHEAD, len(sentences))):
        named = _role_of(ballet_title, sentences[ahead], mentions[ahead], gazetteer)
        if named is not None:
            return SignatureFinding(
                SignatureRole(named, ballet_title),
                (sentence, sentences[ahead]),
                "the ballet named by the cue, her role in it in the next sentence",
            )
    explicit = lead == ballet_title or bool(_TITLE_ROLE.search(sentence.text))
    if lead is None and _TITLE_ROLE.search(sentence.text):
        lead = ballet_title  # "the title role in Miss Julie", a ballet the gazetteer lacks
    inferred = lead is not None and not explicit
    how = "the ballet named by the cue, " + (
        "its lead inferred" if inferred else "its title role" if lead else "no role known"
    )
    return SignatureFinding(SignatureRole(lead, ballet_title, inferred=inferred), (sentence,), how)


def _nearest_title_role(text: str, cue: int, roles: Sequence[Mention]) -> re.Match[str] | None:
    """ "the title role in X" when it is nearer the cue than any named role ("Her
    breakthrough came as Aurora ..., and later ... the title role of Giselle": Aurora)."""
    for match in _TITLE_ROLE_IN.finditer(text):
        place = (match.start() < cue, abs(match.start() - cue))
        if not roles or place < (roles[0].start < cue, abs(roles[0].start - cue)):
            return match
    return None


def _role_by_name(name: str, gazetteer: Gazetteer) -> tuple[Ballet, Role]:
    """The ballet and role a canonical role name belongs to."""
    for ballet in gazetteer.ballets:
        for role in ballet.roles:
            if role.name == name:
                return ballet, role
    raise KeyError(name)


def _role_of(
    ballet_title: str, sentence: Sentence, found: Sequence[Mention], gazetteer: Gazetteer
) -> str | None:
    """A role of ``ballet_title`` named in ``sentence`` (canonical), if any."""
    for mention in _usable(sentence, found):
        if mention.kind == "role":
            ballet, role = _role_by_name(mention.name, gazetteer)
            if ballet.title == ballet_title:
                return role.name
    return None


def _only_ballet_danced(document: Document) -> SignatureFinding | None:
    """With no cue at all, a story that names one ballet and has her dance it."""
    titles = {m.name for found in document.mentions for m in found if m.kind == "ballet"}
    if len(titles) != 1:
        return None
    gazetteer = document.gazetteer
    # "She danced Giselle and Odette/Odile": a role of another ballet is another ballet
    # she dances, though its title is not written.
    roles = {m.name for found in document.mentions for m in found if m.kind == "role"}
    if any(_role_by_name(role, gazetteer)[0].title not in titles for role in roles):
        return None
    for sentence, found in zip(document.sentences, document.mentions, strict=True):
        for mention in _usable(sentence, found):
            if mention.kind == "ballet" and _PERFORMS.search(sentence.text[: mention.start]):
                named = _role_of(mention.name, sentence, found, gazetteer)
                if named is not None:  # "... Don Quixote, in which she danced Kitri"
                    return SignatureFinding(
                        SignatureRole(named, mention.name),
                        (sentence,),
                        "no cue; the only ballet named, which she dances, in the role named",
                    )
                ballet = gazetteer.ballet(mention.name)
                lead = ballet.lead if ballet and not document.about_a_man else None
                inferred = lead is not None and lead != mention.name
                return SignatureFinding(
                    SignatureRole(lead, mention.name, inferred=inferred),
                    (sentence,),
                    "no cue; the only ballet named, which she dances",
                )
    return None
