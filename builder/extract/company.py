"""Her companies and the one where she ranks highest.

A company counts only when a membership cue ties her to it: she joined it, holds a rank
in it, has a contract or a spot in it, dances the lead at its house. A cue belongs to
the nearest company named in its sentence; a rank named without a company ("she was
promoted to soloist") belongs to her current company. Venues never count, houses
("the Bolshoi Theatre") only with a cue, and a negated cue ("was not offered a contract")
or a wish ("dreamed of joining") is no cue at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.extract.context import Span, about_her, negated, wished
from builder.extract.gazetteer import Lexicon
from builder.extract.mentions import Mention
from builder.extract.text import Sentence

# Ordered: at one position the first alternative wins ("principal guest" before "principal").
_CUES: tuple[tuple[str, int, bool], ...] = (
    # (pattern, rank, counts without a named company i.e. for her current company)
    (r"principal\s+guest(?:\s+artist)?", 4, False),
    (r"(?:lead|leading|senior)\s+principal", 5, True),
    (r"principal(?:\s+dancer|\s+ballerina)?", 5, True),
    (r"[ée]toile", 5, True),
    (r"prima\s+ballerina(?:\s+assoluta)?", 5, True),
    (r"lead(?:ing)?\s+(?:dancer|ballerina)", 5, True),
    (r"(?:the|a)\s+(?:lead|leading|title)\s+role", 5, False),
    (r"leading\s+soloist", 5, True),
    (r"first\s+soloist", 3, True),
    (r"(?:second\s+|demi-)?soloist", 2, True),
    (r"coryph[ée]e", 2, True),
    (r"corps(?:\s+de\s+ballet)?", 1, False),
    (r"apprentice|trainee", 1, False),
    (r"join(?:ed|s|ing)?|member|contract|hired|engaged\s+by|signed\s+with", 1, False),
    (r"(?:spot|place|position)\s+(?:in|with)", 1, False),
    (r"(?:dancer|ballerina)\s+(?:with|for|of|at|in)", 1, False),
    (r"(?:danc|perform)(?:ed|es|s|ing)\s+(?:with|for)", 1, False),
    (r"rose\s+through|promoted", 1, False),
)
# One word boundary in front of all the cues, not one per cue: most positions are inside
# a word, and then a single test rules them all out.
_CUE_PATTERN = re.compile(
    r"\b(?:" + "|".join(rf"({pattern})\b" for pattern, _, _ in _CUES) + ")", re.IGNORECASE
)
# A house stands for its company only when she holds a rank or a lead there.
_HOUSE_RANK = 1
# How far (characters) a cue reaches to the company it is about.
_REACH = 120


@dataclass(frozen=True)
class Membership:
    """Her place in one company, with the sentences that show it."""

    company: str
    rank: int
    first: int
    """Index of the first sentence showing her there (orders ``companies``)."""
    best_sentence: str
    guest: bool
    sentences: tuple[int, ...] = field(default=())


@dataclass
class _Tally:
    company: str
    first: int
    rank: int = 0
    best_sentence: str = ""
    guest: bool = True
    sentences: list[int] = field(default_factory=list)

    def add(self, rank: int, sentence: Sentence, guest: bool) -> None:
        if rank > self.rank:
            self.rank, self.best_sentence = rank, sentence.text
        self.guest = self.guest and guest


def memberships(
    sentences: Sequence[Sentence],
    mentions: Sequence[Sequence[Mention]],
    people: Sequence[Sequence[Span]],
    dancer: Sequence[str],
    lexicon: Lexicon,
) -> list[Membership]:
    """Every company the story makes her a member (or principal guest) of, in join order."""
    tallies: dict[str, _Tally] = {}
    current: str | None = None
    for sentence, found, spans in zip(sentences, mentions, people, strict=True):
        companies = [m for m in found if m.kind in ("company", "house")]
        text = sentence.text
        for cue in _cues(text):
            _, rank, carries = _CUES[(cue.lastindex or 1) - 1]
            if negated(text, cue.start()) or wished(text, cue.start()):
                continue
            if not about_her(text, cue.start(), dancer, spans, lexicon):
                continue
            target = _nearest(companies, cue.start(), cue.end(), text, spans)
            guest = rank == 4
            if target is not None:
                name = target.name
            elif carries and current is not None:
                name = current
            else:
                continue
            tally = tallies.setdefault(name, _Tally(name, sentence.index))
            tally.add(rank, sentence, guest)
            if not guest:
                current = name
        # The sentences spent at a company decide a tie ("where her signature is danced").
        present = {m.name for m in companies if m.name in tallies}
        if current is not None:
            present.add(current)
        for name in present:
            # Indices only grow: the last one tells whether this sentence is counted.
            if tallies[name].sentences[-1:] != [sentence.index]:
                tallies[name].sentences.append(sentence.index)
    ordered = sorted(tallies.values(), key=lambda t: t.first)
    return [
        Membership(t.company, t.rank, t.first, t.best_sentence, t.guest, tuple(t.sentences))
        for t in ordered
    ]


@functools.lru_cache(maxsize=8192)
def _cues(text: str) -> tuple[re.Match[str], ...]:
    """The membership cues of a sentence (cached: stories share stock sentences)."""
    return tuple(_CUE_PATTERN.finditer(text))


_RELATIVE = re.compile(r"\b(?:who|whom|whose)\b", re.IGNORECASE)


def _nearest(
    companies: Sequence[Mention], start: int, end: int, text: str, people: Sequence[Span]
) -> Mention | None:
    """The company named closest to a cue, within reach, with nobody else in between.

    "She danced with Jonas Wilke, who joined the Royal Ballet": the Royal Ballet is his.
    """
    best: tuple[int, Mention] | None = None
    for mention in companies:
        gap = mention.start - end if mention.start >= end else start - mention.end
        gap = max(gap, 0)
        low, high = (end, mention.start) if mention.start >= end else (mention.end, start)
        if any(low <= p.start < high for p in people) or _RELATIVE.search(text[low:high]):
            continue
        if gap <= _REACH and (best is None or gap < best[0]):
            best = (gap, mention)
    return best[1] if best else None


def main_company(
    members: Sequence[Membership], signature_sentences: Sequence[int]
) -> Membership | None:
    """Her highest rank; on a tie, where her signature role is danced; then the latest."""
    if not members:
        return None

    def key(member: Membership) -> tuple[int, bool, int]:
        danced_signature = any(i in member.sentences for i in signature_sentences)
        return (member.rank, danced_signature, member.first)

    return max(members, key=key)
