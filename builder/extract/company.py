"""Her companies and the one where she ranks highest.

A company counts only when a membership cue ties her to it: she joined it, holds a rank
in it, has a contract or a spot in it, dances the lead at its house. A cue belongs to
the nearest company named in its sentence; a rank named without a company ("she was
promoted to soloist") belongs to her current company. Venues never count, houses
("the Bolshoi Theatre") only with a cue, and a negated cue ("was not offered a contract")
or a wish ("dreamed of joining") is no cue at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from builder.extract.company_cues import CUE_PATTERN, CUES, RANK_WORDS
from builder.extract.context import (
    Span,
    about_her,
    asides,
    in_aside,
    negated,
    unrealised,
    wished,
)
from builder.extract.document import Document
from builder.extract.gazetteer import Lexicon
from builder.extract.mentions import Mention
from builder.extract.moves import AND_NEXT, joined_from, left_for, next_company
from builder.extract.text import Sentence, may_hold, word_cues

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
    """Index of the first sentence showing her there."""
    best_sentence: str
    guest: bool
    sentences: tuple[int, ...] = field(default=())
    joined: int | None = None
    """The earliest year the text puts her there, when it says."""
    first_rule: str = ""
    """The rule that first put her there."""
    best_rule: str = ""
    """The rule that gave her highest rank there."""


@dataclass
class _Tally:
    company: str
    first: int
    rank: int = 0
    best_sentence: str = ""
    guest: bool = True
    sentences: list[int] = field(default_factory=list)
    joined: int | None = None
    first_rule: str = ""
    best_rule: str = ""

    def add(self, rank: int, sentence: Sentence, guest: bool, year: int | None, rule: str) -> None:
        self.first_rule = self.first_rule or rule
        if rank > self.rank:
            self.rank, self.best_sentence, self.best_rule = rank, sentence.text, rule
        self.guest = self.guest and guest
        if year is not None and (self.joined is None or year < self.joined):
            self.joined = year


# "the company", "the troupe": the company last named.
_ANAPHORA = re.compile(r"\bthe\s+(?:company|troupe|ensemble)\b", re.IGNORECASE)
# "the company" stands for the last one named only right by its cue, in the same clause
# ("join the company as a principal", not "a principal, the company said").
_ANAPHORA_REACH = 30
# "will join the company", "has been appointed a principal", "has named her a principal":
# announced, so joined after every year the text gives.
_FUTURE = word_cues(
    r"(?:(?:will|is\s+to|is\s+set\s+to|is\s+due\s+to)\s+(?:join|become|move)|joins|is\s+joining|"
    r"(?:has|have)\s+(?:just\s+)?(?:been\s+)?(?:appointed|named|promoted))\b",
    "hijw",
)
_ANNOUNCED = 9999
_PAUSE = re.compile(r"[,;:.!?—–()]")
# A season away that does not change her home company ("spent the 1974-75 season as a
# soloist with the Hamburg Ballet before coming home").
_STINT = re.compile(
    r"\bspent\s+(?:a|one|the|that|\S+)\s+(?:\S+\s+)?seasons?\b|\bfor\s+(?:a|one)\s+season\b|"
    r"\bon\s+loan\b|\bbefore\s+(?:coming|going|returning|heading)\s+(?:home|back)\b",
    re.IGNORECASE,
)
# A CV's line: "2007–2015   National Ballet of China, Beijing".
_CV_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*(?:[–—-]\s*(?:(?:19|20)\d\d)?)?\s+")
# A profile's field: "• Company: Ballet Black (2012–present)", "Previously: Northern Ballet".
_COMPANY_FIELD = re.compile(
    r"^\W*(?:current\s+|former\s+)?(?:company|companies|previously|engagements?)\s*:\s*",
    re.IGNORECASE,
)
_ITEM_SEPARATOR = re.compile(r"[;•|/]|,\s+(?=(?:since|from|then|and)\b|\d)", re.IGNORECASE)
_ITEM_LEAD = re.compile(
    r"[\s\d()–—-]*(?:(?:since|from|then|and|the|until|to|present)\b[\s\d()–—-]*)*",
    re.IGNORECASE,
)
# "(?<!\d)(?:19|20)\d\d(?!\d)" with the test for a digit before it put after the century,
# so that the engine skips to a "1" or a "2" instead of trying every position.
_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")
# "born 12 March 1985", "(b. 1949)": her birth year, not a year she joined anything.
_BORN_BEFORE = re.compile(r"\b(?:born|b\.)[^;()]*$", re.IGNORECASE)
_BORN_REACH = 25


def memberships(document: Document) -> list[Membership]:
    """Every company the story makes her a member (or principal guest) of, in join order
    (by the years the text gives when it gives one for each, else by first mention)."""
    dancer, lexicon = document.her_words, document.gazetteer.lexicon
    tallies: dict[str, _Tally] = {}
    moves: list[tuple[str, str]] = []
    current: str | None = None
    last_named: Mention | None = None
    year: int | None = None
    paragraph = None
    for sentence, found, spans in document.by_sentence():
        text = sentence.text
        if sentence.paragraph != paragraph:
            paragraph, year = sentence.paragraph, None
        dated = [
            (m.start(), int(m.group()))
            for m in _YEAR.finditer(text)
            if not _BORN_BEFORE.search(text, max(0, m.start() - _BORN_REACH), m.start())
        ]
        year = min(y for _, y in dated) if dated else year  # "the same year": the last said
        companies = [m for m in found if m.kind in ("company", "house")]
        companies, last_named = _with_anaphora(text, companies, last_named)
        stint = ("season" in text or "loan" in text or "before" in text) and bool(
            _STINT.search(text)
        )
        for name, rank, guest, future, rule in _claims(
            text, companies, spans, dancer, lexicon, current, moves
        ):
            tally = tallies.setdefault(name, _Tally(name, sentence.index))
            joined = _ANNOUNCED if future else _year_of(name, companies, dated, year)
            tally.add(rank, sentence, guest, joined, rule)
            if not guest and not stint:
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
    if all(t.joined is not None for t in ordered):
        ordered.sort(key=lambda t: (t.joined, t.first))
    _after_moves(ordered, moves)
    # An announced move is her latest, whatever the text says of the others.
    ordered.sort(key=lambda t: t.joined == _ANNOUNCED)
    return [
        Membership(
            t.company,
            t.rank,
            t.first,
            t.best_sentence,
            t.guest,
            tuple(t.sentences),
            t.joined,
            t.first_rule,
            t.best_rule,
        )
        for t in ordered
    ]


def _after_moves(ordered: list[_Tally], moves: Sequence[tuple[str, str]]) -> None:
    """Put a company she came from ("joined A in 2008 from B", "left B for A") before
    the one she went to, unless the years the text gives say otherwise."""
    for earlier, later in moves:
        names = [t.company for t in ordered]
        if earlier not in names or later not in names:
            continue
        first, then = names.index(earlier), names.index(later)
        tally, other = ordered[first], ordered[then]
        if first > then and (
            tally.joined is None or other.joined is None or tally.joined <= other.joined
        ):
            ordered.insert(then, ordered.pop(first))


def _year_of(
    name: str, companies: Sequence[Mention], dated: Sequence[tuple[int, int]], year: int | None
) -> int | None:
    """The year a sentence puts her at a company: the year written nearest its name when
    the sentence gives several ("joined X in 2003, then ... in 2008, joining Y"), else
    the sentence's (or the last said) year."""
    if len({y for _, y in dated}) < 2:
        return year
    at = next((m.start for m in companies if m.name == name), None)
    if at is None:
        return year
    return min(dated, key=lambda place: abs(place[0] - at))[1]


def _announced(text: str, start: int, end: int) -> bool:
    """True when the cue's clause says she will join ("will join X as", "joins X as")."""
    for match in _FUTURE.finditer(text, max(0, start - _REACH), end):
        if match.end() >= start or not _PAUSE.search(text, match.end(), start):
            return True
    return False


def _with_anaphora(
    text: str, companies: list[Mention], last_named: Mention | None
) -> tuple[list[Mention], Mention | None]:
    """The sentence's companies plus "the company" standing for the one last named."""
    result = list(companies)
    quick = "ompany" in text or "troupe" in text or "nsemble" in text
    for match in _ANAPHORA.finditer(text) if quick else ():
        before = [m for m in companies if m.end <= match.start()]
        referent = before[-1] if before else last_named
        if referent is not None:
            result.append(
                Mention(
                    referent.kind, referent.name, match.group(), match.start(), match.end(), True
                )
            )
    if companies:
        last_named = companies[-1]
    return sorted(result, key=lambda m: m.start), last_named


def _claims(
    text: str,
    companies: Sequence[Mention],
    spans: Sequence[Span],
    dancer: Sequence[str],
    lexicon: Lexicon,
    current: str | None,
    moves: list[tuple[str, str]],
) -> list[tuple[str, int, bool, bool, str]]:
    """(company, rank, guest, announced, rule) for each membership cue of a sentence that
    is about her; announced when the text says she will join it. A move from one company
    to another is added to ``moves`` as (earlier, later)."""
    claims = []
    if (
        _CV_LINE.match(text)
        and companies
        and not text[: companies[0].start].strip(" \t–—-0123456789")
    ):
        claims.append((companies[0].name, 1, False, False, "a CV's dated line names it"))
    field = _COMPANY_FIELD.match(text)
    if field and companies:
        # Each item of the field: "Engagements: 1998–2004 Bayerisches Staatsballett,
        # Munich; since 2004 Staatsballett Berlin" (after its last separator, only dates).
        after = field.end()
        for mention in companies:
            if mention.start < after:
                continue
            gap = text[after : mention.start]
            item = after == field.end() or _ITEM_SEPARATOR.search(gap)
            if item and _ITEM_LEAD.fullmatch(_ITEM_SEPARATOR.split(gap)[-1]):
                rule = "a profile's company field names it"
                claims.append((mention.name, 1, False, False, rule))
            after = mention.end
    if not companies and (current is None or not may_hold(text, RANK_WORDS)):
        return claims  # a cue with no company named gives one only to her current one
    earlier: list[str] = []
    returned: set[str] = set()
    # "with Royal Ballet principal Steven McRae", "the Bolshoi's Maya Plisetskaya": a
    # company written as someone else's title is theirs.
    companies = [m for m in companies if not _titles_someone(text, m, spans)]
    for mention in companies:
        if (
            _COMPANYS_DANCER.match(text, mention.end)
            and _HER_COMPANYS.search(text, max(0, mention.start - 30), mention.start)
            and about_her(text, mention.start, dancer, spans, lexicon)
        ):
            rule = "she is called the company's own dancer ('the Royal Ballet's ballerina')"
            claims.append((mention.name, 1, False, False, rule))
    for cue in CUE_PATTERN.finditer(text):
        _, rank, carries = CUES[(cue.lastindex or 1) - 1]
        if not companies and not carries:
            continue  # it would be about a company, and none is named
        if _PREPOSITION_END.search(cue.group()) and not any(
            m.start >= cue.end() and _RIGHT_AFTER.fullmatch(text, cue.end(), m.start)
            for m in companies
        ):
            continue  # "returned to Sapporo": the preposition's object is no company
        if negated(text, cue.start()) or wished(text, cue.start()) or _declined(text, cue):
            continue
        if unrealised(text, cue.start()):
            continue
        if not about_her(text, cue.start(), dancer, spans, lexicon):
            continue
        if rank > 1 and any(_TITLE_GAP.fullmatch(text, cue.end(), p.start) for p in spans):
            continue  # "former Stuttgart Ballet principal Marcia Haydée": her title
        if rank > 1 and _SOMEONE_RANKED.search(text, max(0, cue.start() - 40), cue.start()):
            continue  # "learned it from a former principal of the Kirov": someone else
        # "joined A from B in 2011 and became a principal": the rank is not B's, which she
        # left ("from B, where she had been a principal" is B's).
        eligible = [
            m
            for m in companies
            if rank <= 1
            or m.end > cue.start()
            or not _FROM_BEFORE.search(text, max(0, m.start - 20), m.start)
            or not _NEW_CLAUSE.match(text, m.end, cue.start())
        ]
        target = _nearest(eligible, cue.start(), cue.end(), text, spans)
        if target is not None and _ANAPHORA.fullmatch(target.surface):
            gap = max(target.start - cue.end(), cue.start() - target.end, 0)
            between = text[min(target.end, cue.end()) : max(target.start, cue.start())]
            near = gap <= _ANAPHORA_REACH and not _PAUSE.search(between)
            target = target if near else None
        said = " ".join(cue.group().split())
        # "danced with X", "a dancer with X", "returned to X": the preposition's object
        # only, not "performed with dancers from the Paris Opera Ballet" or "toured with
        # X, though she always returned to Sapporo".
        if (
            target is not None
            and _PREPOSITION_END.search(said)
            and (
                target.start < cue.end()
                or not _RIGHT_AFTER.fullmatch(text, cue.end(), target.start)
            )
        ):
            target = None
        if (
            target is not None
            and rank <= 1
            and "guest" in text
            and _AS_GUEST.match(text, target.end)
        ):
            target = None  # "danced with the Bolshoi as a guest artist": a visit
        future = _announced(text, cue.start(), cue.end())
        if target is not None:
            how = (
                "the company last named (written as the company)"
                if _ANAPHORA.fullmatch(target.surface)
                else "the company named nearest"
            )
            rule = f"cue [{said}] about her, for {how}"
            came_from = joined_from(said, target, companies, text)
            if came_from is not None:  # she was there first
                moved = f"cue [{said}] about her: joined one company from the next named"
                claims.append((came_from.name, 1, False, False, moved))
                moves.append((came_from.name, target.name))
            claims.append((target.name, rank, rank == 4, future, rule))
            if said[:6].casefold() == "after " or (
                "after" in text and _AFTER_YEARS.search(text, max(0, cue.start() - 30), cue.start())
            ):
                earlier.append(target.name)  # "after eight years with X": X came first
            if _RETURN.match(said):
                returned.add(target.name)  # "returned to X": she was there before too
            also = _and_next(target, cue, companies, text)
            if also is not None:  # "a principal of the Kirov and later of the Bolshoi"
                rule = f"cue [{said}] about her, for each company of a list after it"
                claims.append((also.name, rank, rank == 4, future, rule))
                moves.append((target.name, also.name))
            moved_to = left_for(said, target, companies, text)
            if moved_to is not None:
                moved = f"cue [{said}] about her: left one company for the next named"
                claims.append((moved_to.name, 1, False, future, moved))
                moves.append((target.name, moved_to.name))
        elif carries and current is not None:
            rule = f"rank [{said}] with no company named, for her current company"
            claims.append((current, rank, rank == 4, future, rule))
    named = dict.fromkeys(name for name, *_ in claims if name not in returned)
    moves += [(first, then) for first in earlier for then in named if then != first]
    return claims


# "invited to join X but declined", "Offered a contract by X, she chose instead ...": an
# offer she turned down.
_OFFER = re.compile(
    r"\b(?:invited|asked|offered|invitation)\b(?:\s+(?:a|an|her|to))?\s*$", re.IGNORECASE
)
_REFUSAL = re.compile(
    r"\b(?:declined|refused|turned\s+(?:it\s+|them\s+|the\s+offer\s+)?down|"
    r"chose\s+instead|instead)\b",
    re.IGNORECASE,
)
_OFFER_REACH = 30


def _declined(text: str, cue: re.Match[str]) -> bool:
    """True when the cue is an offer ("invited to join", "offered a contract") that the
    sentence goes on to turn down."""
    before = text[max(0, cue.start() - _OFFER_REACH) : cue.start()]
    if not any(word in before for word in ("nvit", "sked", "ffer")):
        return False  # most cues: no offer before them
    return bool(_OFFER.search(before)) and bool(_REFUSAL.search(text, cue.end()))


# Rank and title words between a company and someone's name ("Royal Ballet principal
# Steven McRae", "the Bolshoi's Maya Plisetskaya").
_TITLE_BETWEEN = re.compile(
    r"(?:['’]s)?(?:\s+(?:former|principal|principals|soloist|first|second|lead|leading|senior|"
    r"junior|guest|star|stars|dancer|dancers|ballerina|étoile|etoile|prima|premier|première|"
    r"artistic|director|choreographer|coach|teacher|ballet\s+master|partner|colleague))*\s+",
    re.IGNORECASE,
)


def _titles_someone(text: str, company: Mention, people: Sequence[Span]) -> bool:
    """True when a company is written as a title before someone else's name."""
    if not people or text[company.end : company.end + 1] not in ("'", "’", " "):
        return False
    reach = company.end + _TITLE_REACH
    return any(
        company.end < p.start <= reach and _TITLE_BETWEEN.fullmatch(text, company.end, p.start)
        for p in people
    )


# How far after a company a name it is the title of may start.
_TITLE_REACH = 60


# "was the Royal Ballet's most trusted comedienne", "became the Bolshoi's ballerina".
_HER_COMPANYS = re.compile(
    r"(?:\b(?:was|is|became|becomes|remained|remains|as)|,)\s+(?:the\s+)?$", re.IGNORECASE
)
_COMPANYS_DANCER = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:ballerina|dancer|comedienne|star|étoile|soloist|principal)s?\b",
    re.IGNORECASE,
)
# "from a former principal of the Kirov": a rank of someone the text does not name.
_SOMEONE_RANKED = re.compile(
    r"\b(?:from|by|with|under|to|alongside|beside)\s+(?:a|an|one|another|the)\s+"
    r"(?:(?:former|retired|fellow|onetime|one-time|young|veteran|celebrated|great)\s+)*$",
    re.IGNORECASE,
)
_PREPOSITION_END = re.compile(r"\b(?:with|for|of|at|in|to|into)$", re.IGNORECASE)
# (A determiner and an adjective or two may stand between: "a spot in the prestigious X";
# so may a span or a manner and a second preposition: "danced for many years with X",
# "danced with distinction with X", "with the company of X".)
_LOWER_WORD = (
    r"(?!(?:from|of|with|at|in|for|by|on|and|to|her|his|their|members|dancers|stars|artists|"
    r"colleagues|friends|principals|soloists|partner|partners|students|pupils)\b)[a-z][\w-]*\s+"
)
_RIGHT_AFTER = re.compile(
    rf"\s+(?:(?:the|a|an|its)\s+)?(?:{_LOWER_WORD}){{0,2}}"
    rf"(?:(?:with|at|for|of)\s+(?:(?:the|a|an)\s+)?(?:{_LOWER_WORD}){{0,1}})?"
)
_AS_GUEST = re.compile(r"[^,;.]{0,40}?\bas\s+(?:a\s+|an\s+)?guest\b(?!\s+principal)", re.I)


# A rank written right before someone's name is that person's title.
_TITLE_GAP = re.compile(r"\s+")
_RELATIVE = re.compile(r"\b(?:who|whom|whose)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
# After the company she came from: her own next clause, not one about that company.
_NEW_CLAUSE = re.compile(r"(?![^;]*?\b(?:where|which|whom)\b).*\band\b", re.IGNORECASE | re.S)


def _and_next(
    target: Mention, cue: re.Match[str], companies: Sequence[Mention], text: str
) -> Mention | None:
    """The second company of a list the cue names first ("a principal of A and B")."""
    if target.start < cue.end() or _ANAPHORA.fullmatch(target.surface):
        return None
    return next_company(target, companies, text, AND_NEXT)


_RETURN = re.compile(r"returned|came\s+back|re-?joined", re.IGNORECASE)
# "after eight years with Northern Ballet", "after two seasons at X".
_AFTER_YEARS = re.compile(r"\bafter\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _nearest(
    companies: Sequence[Mention], start: int, end: int, text: str, people: Sequence[Span]
) -> Mention | None:
    """The company named closest to a cue, within reach, with nobody else in between.

    "She danced with Jonas Wilke, who joined the Royal Ballet": the Royal Ballet is his.
    """
    best: tuple[int, Mention] | None = None
    before = asides(text, start)  # what a company named before the cue may stand in
    for mention in companies:
        gap = mention.start - end if mention.start >= end else start - mention.end
        gap = max(gap, 0)
        low, high = (end, mention.start) if mention.start >= end else (mention.end, start)
        aside = before if mention.start < end else ()
        if in_aside(mention.start, aside):
            continue  # the aside's company is the aside's: "..., where X was a principal of Y,"
        others = [p for p in people if low <= p.start < high and not in_aside(p.start, aside)]
        if others or _RELATIVE.search(_outside(text, low, high, aside)):
            continue
        if gap <= _REACH and (best is None or gap < best[0]):
            best = (gap, mention)
    return best[1] if best else None


def _outside(text: str, low: int, high: int, aside: Sequence[tuple[int, int]]) -> str:
    """``text[low:high]`` without the asides in it."""
    kept, at = [], low
    for start, end in aside:
        if start >= low and end <= high:
            kept.append(text[at:start])
            at = end
    return "".join(kept) + text[at:high]


def main_company(
    members: Sequence[Membership], signature_sentences: Sequence[int]
) -> Membership | None:
    """Her highest rank; on a tie, where her signature role is danced; then the latest
    she joined (``members`` is in join order)."""
    if not members:
        return None

    order = {id(member): position for position, member in enumerate(members)}

    def key(member: Membership) -> tuple[int, bool, int]:
        danced_signature = any(i in member.sentences for i in signature_sentences)
        return (member.rank, danced_signature, order[id(member)])

    return max(members, key=key)
