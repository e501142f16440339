"""Her moves between companies, read where the text names two in a row: the company she
came from ("joined A from B"), the one she left for ("left A for B", "moved from A to
B"), and the second of a list a cue names first ("a principal of A and later of B").
:mod:`builder.extract.company` asks these once a cue has reached its company.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.extract.mentions import Mention

# "left the Kirov for the Bolshoi", "left X to join Y": the words between the two.
_FOR_NEXT = re.compile(r"\s*,?\s+(?:for|to\s+join)\s+(?:the\s+)?", re.IGNORECASE)


# "joined the Czech National Ballet from the Slovak National Theatre Ballet".
# ... "joined the company in 2008 from the New National Theatre Ballet", "... as a
# soloist from ...": a year or a rank may stand between.
_FROM_LAST = re.compile(
    r"(?:\s+in\s+(?:19|20)\d\d)?(?:\s+as\s+(?:a|an)\s+[\w-]+)?(?:\s+in\s+(?:19|20)\d\d)?"
    r"\s+from\s+(?:the\s+)?",
    re.IGNORECASE,
)
_JOINED = re.compile(r"join(?:ed|s|ing)?", re.IGNORECASE)


def joined_from(
    said: str, joined: Mention, companies: Sequence[Mention], text: str
) -> Mention | None:
    """The company she came from when she joined ``joined``, named right after it."""
    if not _JOINED.fullmatch(said):
        return None
    return next_company(joined, companies, text, _FROM_LAST)


def next_company(
    after: Mention, companies: Sequence[Mention], text: str, between: re.Pattern[str]
) -> Mention | None:
    """The next company named after ``after`` when only ``between``'s words part them."""
    for mention in companies:
        if mention.start >= after.end and mention.name != after.name:
            return mention if between.fullmatch(text[after.end : mention.start]) else None
    return None


# "the Kirov Ballet (1928-1944) and the Bolshoi Ballet", "the Kirov and later of the
# Bolshoi", "X in 1928 and Y in 1944": the words between a list's two companies.
AND_NEXT = re.compile(
    r"(?:\s*\([^()]{0,30}\))?(?:\s+(?:in|from)\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?)?"
    r"\s*,?\s+(?:and|&)\s+(?:(?:later|then|subsequently|afterwards|also|finally)\s+)?"
    r"(?:(?:of|with|at|for|in)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def left_for(said: str, left: Mention, companies: Sequence[Mention], text: str) -> Mention | None:
    """The company she left ``left`` for, when the text names it right after ("left X
    for Y", "moved from X to Y")."""
    folded = said.casefold()
    if folded == "left":
        return next_company(left, companies, text, _FOR_NEXT)
    if folded.endswith(" from"):
        return next_company(left, companies, text, _TO_NEXT)
    return None


# "moved from the Kirov to the Bolshoi", "... in 1944 to the Bolshoi".
_TO_NEXT = re.compile(
    r"(?:\s+in\s+(?:19|20)\d\d)?\s*,?\s+(?:to|for)\s+(?:join\s+)?(?:the\s+)?", re.IGNORECASE
)
