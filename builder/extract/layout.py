"""The page around the prose: what a real page adds to a biography, read or set aside.

Real pages are not tidy stories. A wiki mirror has navigation, a contents list,
references and a footer; a press release has "FOR IMMEDIATE RELEASE" and a dateline; an
infobox runs its fields together on one line ("Born 4 May 1984 ... Education X
Occupation Ballerina ..."); a newsletter is hard-wrapped, so a line break falls inside a
name ("Vera / Volkova"). This module turns such text into sentences the field readers can
trust: chrome lines are dropped, a hard-wrapped paragraph is read as running text, and
an infobox run is split into one sentence per field. Every sentence stays a verbatim
slice of the text (it is cited as evidence).
"""

from __future__ import annotations

import functools
import itertools
import re

from builder.extract.gazetteer import Lexicon
from builder.extract.text import Sentence, split_line

_BLANK_LINE = re.compile(r"\n\s*\n")
_NOTE = re.compile(r"^\s*(?:editor['’]s\s+)?note\s*:", re.IGNORECASE)
# A wiki section heading ("Early life[edit]") or a reference line ("^ ...").
_EDIT_HEADING = re.compile(r"\[\s*edit\s*\]\s*$", re.IGNORECASE)
_REFERENCE = re.compile(r"^\s*(?:\^|↑)")
_CONTENTS = re.compile(r"^\s*contents\b\s*(?:\[\s*(?:hide|show)\s*\])?\s*$", re.IGNORECASE)
# A wiki's sections of links after the text, and its list of awards: their items are no
# part of the text (a prize is no person: "Golden Mask (2016)").
_LIST_SECTION = re.compile(
    r"^\s*(?:see\s+also|external\s+links|further\s+reading|bibliography|references|"
    r"notes(?:\s+and\s+references)?|sources|works\s+cited|awards(?:\s+and\s+(?:honou?rs|nominations))?|"
    r"honou?rs(?:\s+and\s+awards)?|prizes)\s*(?:\[\s*edit\s*\])?\s*:?\s*$",
    re.IGNORECASE,
)
_LIST_ITEM_WORDS = 8
_HEADING_WIDTH = 60
_SENTENCE_END = re.compile(r"[.!?]\s*$")
_TERMINAL = re.compile(r"[.!?:;\"”’)\]]\s*$")
# Hard-wrapped text: lines of about one width, most of them ending mid-sentence.
_WRAP_MIN_LINES = 3
_WRAP_MIN_WIDTH = 40
_WRAP_MAX_WIDTH = 100
_WRAP_SHORTEST = 0.6
# An infobox run holds at least this many of its field labels.
_INFOBOX_MIN_LABELS = 3


def read_sentences(text: str, lexicon: Lexicon) -> tuple[Sentence, ...]:
    """Sentences of the prose, per paragraph, without the page's chrome.

    A leading "Note: ..." paragraph is marked paragraph -1 (see ``is_note``).
    """
    sentences: list[Sentence] = []
    paragraph = 0
    listing = False  # inside a wiki's "See also" or "External links" list
    blocks = [b for b in _BLANK_LINE.split(text) if b.strip()]
    for number, block in enumerate(blocks):
        is_note = number == 0 and bool(_NOTE.match(block)) and len(blocks) > 1
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if _CONTENTS.match(lines[0]):
            continue  # a wiki's table of contents: headings only, said again below
        kept = []
        for line in lines:
            heading = len(line) <= _HEADING_WIDTH and (
                _LIST_SECTION.match(line) is not None
                or ("[" in line and _EDIT_HEADING.search(line))
            )
            if heading:
                listing = bool(_LIST_SECTION.match(line))
            elif (
                listing and not _SENTENCE_END.search(line) and len(line.split()) <= _LIST_ITEM_WORDS
            ):
                continue  # an item of "See also" or "External links": a link, not text
            else:
                listing = False
            if not is_chrome(line, lexicon):
                kept.append(line)
        if not kept:
            continue
        heading, body = _heading(kept)
        units = heading + (
            [_joined(block, body)] if _is_wrapped(block, body) else _run_on(block, body, lexicon)
        )
        for unit in units:
            for piece in split_line(unit):
                for part in infobox_fields(piece, lexicon):
                    sentences.append(Sentence(len(sentences), part, -1 if is_note else paragraph))
        if not is_note:
            paragraph += 1
    return tuple(sentences)


# "Arts & Culture | Obituaries | Dance Reviews": labels between bars.
_LABEL_BARS = re.compile(r"\s+[|›»·]\s+")


def is_chrome(line: str, lexicon: Lexicon) -> bool:
    """True for a line of the page rather than of the text: navigation, a site's notice,
    a reference, a category list, a footer of links, a press release's slug."""
    if _EDIT_HEADING.search(line) or _REFERENCE.match(line):
        return True
    if _chrome_pattern(lexicon).match(line):
        return True
    if _TERMINAL.search(line):
        return False
    # A breadcrumb or a section menu: three or more short labels between bars, no date.
    labels = _LABEL_BARS.split(line)
    if len(labels) >= 3 and all(len(label.split()) <= 4 for label in labels):
        return not any(c.isdigit() for c in line)
    # A footer or a menu: several link labels and no sentence.
    return _menu_words(line, lexicon) >= 3


@functools.cache
def _chrome_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """One pattern for every chrome phrase at a line's start, as a whole word."""
    phrases = sorted(lexicon.page_chrome, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)


def _menu_words(line: str, lexicon: Lexicon) -> int:
    folded = f" {line.casefold()} "
    return sum(1 for label in lexicon.menu_labels if f" {label.casefold()} " in folded)


def _is_wrapped(block: str, lines: list[str]) -> bool:
    """True when a paragraph was hard-wrapped at a fixed width (a line break inside a
    sentence, even inside a name), not laid out line by line (a CV, a record)."""
    if len(lines) < _WRAP_MIN_LINES or any(raw[:1].isspace() for raw in block.splitlines()[1:]):
        return False
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    if not _WRAP_MIN_WIDTH <= widest <= _WRAP_MAX_WIDTH:
        return False
    if min(widths) < _WRAP_SHORTEST * widest:
        return False
    open_ended = sum(1 for line in lines[:-1] if not _TERMINAL.search(line))
    return open_ended * 2 > len(lines) - 1


def _heading(lines: list[str]) -> tuple[list[str], list[str]]:
    """A section heading on the paragraph's first line ("Career" over a hard-wrapped
    paragraph, as a page copied without its markup has it), apart from the lines under
    it; else no heading and every line."""
    if len(lines) < _WRAP_MIN_LINES or _TERMINAL.search(lines[0]):
        return [], lines
    widest = max(len(line) for line in lines[1:])
    if len(lines[0]) < _WRAP_SHORTEST * widest and lines[0][:1].isupper():
        return lines[:1], lines[1:]
    return [], lines


# A line ending on one of these words breaks off mid-sentence.
_OPEN_END = re.compile(
    r"\b(?:the|a|an|of|in|on|at|to|for|with|by|from|and|or|as|her|his|their|its|is|was|"
    r"were|has|had|who|which|that|where|when)$",
    re.IGNORECASE,
)


def _run_on(block: str, lines: list[str], lexicon: Lexicon) -> list[str]:
    """The lines of a paragraph not wrapped as a whole, each line that breaks off
    mid-sentence joined (verbatim) to the next: the next goes on in lower case ("a first
    / soloist."), or the line ends on a word no sentence or title ends with ("a principal
    of the / Compañía Nacional de Danza")."""
    spans = []
    position = 0
    for line in lines:
        start = block.find(line, position)
        position = start + len(line)
        spans.append((start, position))
    units: list[str] = []
    first = 0
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        adjacent = following and not block[spans[index][1] : spans[index + 1][0]].strip()
        if adjacent and (_breaks_off(line, following) or _field_goes_on(line, following, lexicon)):
            continue
        units.append(block[spans[first][0] : spans[index][1]])
        first = index + 1
    return units


# An infobox's "Born" or "Died" field whose date ends its line: the place is on the next
# ("Born\t11 November 1979 (age 46)" / "Tashkent, Uzbek SSR").
_DATED_FIELD = re.compile(
    r"^(?:Born|Died)\b[^.;]*?(?:\d{4}|\(\s*(?:age|aged)\s+\d+\s*\))\s*$", re.IGNORECASE
)


def _field_goes_on(line: str, following: str, lexicon: Lexicon) -> bool:
    if not _DATED_FIELD.match(line) or not following[:1].isupper():
        return False
    first = following.split(None, 1)[0]
    return first not in _label_words(lexicon)


def _breaks_off(line: str, following: str) -> bool:
    if len(line) < _WRAP_MIN_WIDTH or _TERMINAL.search(line):
        return False
    return following[:1].islower() or bool(_OPEN_END.search(line))


def _joined(block: str, lines: list[str]) -> str:
    """The wrapped paragraph as one verbatim slice (line breaks kept, read as spaces)."""
    start = block.find(lines[0])
    end = block.rfind(lines[-1]) + len(lines[-1])
    return block[start:end]


def infobox_fields(piece: str, lexicon: Lexicon) -> list[str]:
    """An infobox run split before each field label ("Born ...", "Education ...");
    any other piece unchanged."""
    if _any_label_word(lexicon).search(piece) is None or (
        sum(1 for word in _label_words(lexicon) if word in piece) < _INFOBOX_MIN_LABELS
    ):
        return [piece]  # the quick tests: most pieces hold no label word at all
    starts = [m.start() for m in _label_pattern(lexicon).finditer(piece)]
    labels = {piece[s : s + 40].split(None, 1)[0] for s in starts}
    if len(labels) < _INFOBOX_MIN_LABELS:
        return [piece]
    bounds = [0, *starts, len(piece)] if starts[0] > 0 else [*starts, len(piece)]
    parts = [piece[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return [p for p in parts if p]


@functools.cache
def _label_words(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(label.split()[0] for label in lexicon.infobox_labels)


@functools.cache
def _any_label_word(lexicon: Lexicon) -> re.Pattern[str]:
    """Finds any of the label words anywhere (one scan instead of one per word)."""
    return re.compile("|".join(re.escape(w) for w in sorted(_label_words(lexicon))))


@functools.cache
def _label_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    labels = sorted(lexicon.infobox_labels, key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"(?<![\w(])(?:{alternatives})(?=[\s:])")
