"""The cues a birthplace or a home town is read after, as :mod:`builder.extract.origin`
scans them: each a pattern, its strength (a birthplace beats an upbringing, which beats
"from"), and the words one of which a sentence must hold for the pattern to be tried.

Dates are part of many cues ("born Mar. 3, 1931, Sverdlovsk", "(* 5. März 1979 in
Leipzig)"), so the month names of the languages reference pages are written in are here.
"""

from __future__ import annotations

import re

# Month names as reference pages write them: English (abbreviated too), and the German,
# French, Spanish, Italian and Portuguese forms of pages in those languages ("5. März
# 1979", "4 mai 1950", "3 de mayo de 1981", "12 luglio 1975"), and "the 5th of March, 1979".
# fmt: off
_MONTHS = [
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
    "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
    "nov", "november", "dec", "december",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre",
    "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro",
]
# fmt: on


def _trie(words: list[str]) -> str:
    """A regex matching any of ``words`` whole, as a tree of their shared prefixes: the
    engine tests a letter once per branch, not once per word (dozens of month names are
    tried wherever a date may start)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(c) + pattern(n) for c, n in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(tree)


_MONTH = rf"(?:{_trie(_MONTHS)})(?![^\W\d_])\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|\.)?"
# The other calendar's date in brackets: "December 26 [January 8, New Style], 1909/10",
# "8 January [O.S. 26 December] 1910".
_OTHER_STYLE = r"(?:\s*\[[^\]\n]{1,40}\])?"
_YEAR = r"\d{4}(?:/\d{1,2}(?!\d))?"
DATE = (
    rf"(?:(?:c\.|circa)\s*)?(?:(?:{_DAY}\s+)?{_MONTH}{_OTHER_STYLE}\s+"
    rf"(?:{_DAY}{_OTHER_STYLE},?\s+)?{_YEAR}|"
    rf"{_DAY}\s+de\s+{_MONTH}\s+(?:de\s+)?\d{{4}}|(?:the\s+)?{_DAY}\s+of\s+{_MONTH},?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4})"
)
_BIRTH_NAME = r"(?:(?-i:[A-Z][\w'’-]*)\s+)"
# ("in Kyiv, the city where she was born": a settlement word may stand between.)
_PLACE_THEN = (
    r"\b(?:in|at|from)\s+(?P<place>(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,3}),?\s+"
    r"(?:(?:the|a)\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|port|capital)\s+)?"
)
STRONG = 2
"""Cues of this strength or more are place cues: a word-like city name counts after them."""
# (pattern, strength): a birthplace beats an upbringing, which beats "from".
_CUES: tuple[tuple[re.Pattern[str], int], ...] = (
    # "born in", "born and raised in", "born to Russian parents in Harbin", "born into a
    # family of musicians in Tbilisi".
    (
        re.compile(
            r"(?<!-)\bborn(?:\s+and\s+(?:raised|bred)|\s+(?:to|into)\s+(?:[\w-]+\s+){0,3}?"
            r"(?:parents|a\s+family|family|émigrés|emigrants)(?:\s+of\s+[\w-]+)?|"
            # "born to a Cuban father and a Spanish mother in Miami"
            r"\s+to\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:father|mother|diplomat|teacher|musician)"
            r"\s+and\s+(?:an?\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?(?:mother|father|wife|husband))?"
            r"\s+(?:in|at)\s+",
            re.IGNORECASE,
        ),
        3,
    ),
    # "in Havana, where she was born": the place first (read at its group), the cue after
    # it (about her from "where she").
    (re.compile(_PLACE_THEN + r"(?P<her>where\s+she\s+was\s+born)\b", re.IGNORECASE), 3),
    # "the Tokyo-born principal", "Kharkiv-born Ulyana": the place first, joined to "born".
    (
        re.compile(
            r"(?<![\w-])(?P<place>(?-i:[A-Z])[\w'’.]*(?:\s(?-i:[A-Z])[\w'’.]*){0,2})(?P<her>-born)\b",
            re.IGNORECASE,
        ),
        3,
    ),
    # "born Mar. 3, 1931, Sverdlovsk", "(b. 1931, Sverdlovsk)", "Born: 23 August 1989,
    # Dalian", an infobox's "Born Galina Ulanova 8 January 1910 (1910-01-08) Saint
    # Petersburg" or "Born 4 May 1984 (age 39) Kharkiv", "born in 1974 in Frunze".
    (
        re.compile(
            rf"(?<!-)\b(?:born|b\.)(?:\s*[:|])?\s+{_BIRTH_NAME}{{0,4}}?(?:on\s+|in\s+)?{DATE}\s*"
            r"(?:\(\s*\d{4}-\d{2}-\d{2}\s*\)\s*)?(?:\(\s*age\s+\d+\s*\)\s*)?"
            r"(?:,\s*(?:in\s+)?|\s+in\s+|\s+(?=[^\W\d_]))",
            re.IGNORECASE,
        ),
        3,
    ),
    # "(b. Frunze, 1949)", "(born Lutsk, 12 May 1931)", "(b St Petersburg, 8 Jan. 1910; d
    # Moscow ...)": a reference's place, then date.
    (
        re.compile(
            rf"(?:(?<!-)\b(?:born|b\.)|\(\s*b)\s+"
            rf"(?=(?-i:[A-Z])[^\W\d_][\w'’., -]{{0,40}}?,\s*{DATE}\s*[);])",
            re.IGNORECASE,
        ),
        3,
    ),
    # "Marie Dupont (Nantes, 4 May 1950 – Paris, 2 June 2010)": a reference's bracket of
    # birthplace and date right after her name (checked in find_origin).
    (
        re.compile(
            rf"\((?=(?-i:[A-Z])[^\W\d_][\w'’. -]{{0,40}}?,\s*{DATE}\s*[)–—-])",
            re.IGNORECASE,
        ),
        3,
    ),
    # An infobox's, a CV's or a programme's field: "Born: Brno, Czech Republic", "Place of
    # birth: Olomouc", "Hometown: Accra" (the weaker "From:" below).
    # A table pasted as text: "| Born | Minsk, Byelorussian SSR |".
    (re.compile(r"(?<!-)\b(?:born|place\s+of\s+birth|birthplace)\s*[:|]\s*", re.IGNORECASE), 3),
    # A German, French, Spanish, Italian or Portuguese page's birth phrase: "geboren am 5.
    # März 1979 in Leipzig", "(* 5. März 1979 in Leipzig)", "geb. 1971 in Kassel", "née le
    # 4 mai 1950 à Nantes" (or "née Solène Garnier le ..."), "nacida en Rosario", "nata a
    # Torino", "nascida em Recife".
    # (One pattern a language: each runs only on sentences holding its words.)
    (
        re.compile(
            rf"(?:\bgeboren|\bgeb\.|\(\s*\*)\s*(?:am\s+)?(?:{DATE}\s+)?in\s+", re.IGNORECASE
        ),
        3,
    ),
    (re.compile(rf"\bn[ée]e?\s+{_BIRTH_NAME}{{0,4}}?(?:le\s+{DATE},?\s+)?à\s+", re.I), 3),
    (
        re.compile(
            rf"\bnac(?:ida|ido|ió)\s+(?:el\s+{DATE},?\s+)?en\s+|"
            rf"\bnat[ao]\s+(?:il\s+{DATE},?\s+)?a\s+|"
            rf"\bnasc(?:ida|ido|eu)\s+(?:em\s+{DATE},?\s+)?(?:em|no|na)\s+",
            re.IGNORECASE,
        ),
        3,
    ),
    # "born Anna Ivanova in Kazan": her birth name, then the place.
    (re.compile(rf"(?<!-)\bborn\s+{_BIRTH_NAME}{{1,4}}(?:on\s+{DATE},?\s+)?in\s+", re.I), 3),
    (
        re.compile(
            r"\b(?:grew\s+up|growing\s+up|raised|brought\s+up|spent\s+her\s+childhood)"
            r"\s+(?:in|on|at)\s+",
            re.IGNORECASE,
        ),
        2,
    ),
    (
        re.compile(_PLACE_THEN + r"(?P<her>where\s+she\s+(?:was\s+raised|grew\s+up))\b", re.I),
        2,
    ),
    # "a native of Cork", "hails from Lagos", "originally from Minsk" (a home town, said as
    # such), "her home town of Ufa", "her native Perm", "Hometown: Accra".
    (
        re.compile(
            r"\bnative\s+of\s+|\bhail(?:s|ed|ing)?\s+from\s+|\boriginally\s+from\s+|"
            r"\bher\s+(?:home\s?town|native\s+(?:city|town|village))(?:\s+of|,)?\s+|"
            r"\bher\s+native\s+(?=(?-i:[A-Z]))|^\W*home\s?town\s*:\s*",
            re.IGNORECASE,
        ),
        2,
    ),
    # "A Leipzig native, Katja Weber ...": the place first.
    (
        re.compile(
            r"\b(?:a|an|the)\s+(?P<place>(?-i:[A-Z])[\w'’.-]*(?:\s(?-i:[A-Z])[\w'’.-]*){0,2})"
            r"\s+(?P<her>native)\b(?!\s+of\b)",
            re.IGNORECASE,
        ),
        2,
    ),
    (
        re.compile(
            r"^\W*from\s*:\s*|\b(?:comes?\s+from|came\s+from|is\s+from|"
            r"(?:ballerina|dancer|girl|woman|daughter)\s+from)\s+",
            re.IGNORECASE,
        ),
        1,
    ),
)

# A word each cue pattern needs: most sentences hold none, and a substring test is far
# cheaper than running a case-insensitive pattern over the sentence.
_CUE_WORDS: tuple[tuple[str, ...], ...] = (
    ("born",),
    ("where she",),
    ("-born",),
    ("born", "b."),
    ("born", "b.", "(b"),
    ("(",),
    ("born", "birth"),
    ("geb", "*"),
    ("à",),
    ("nac", "nata ", "nato ", "nasc"),
    ("born",),
    ("grew", "growing", "raised", "brought", "childhood"),
    ("where she",),
    ("native", "hail", "town", "originally"),
    ("native",),
    ("from",),
)
CUES: tuple[tuple[re.Pattern[str], int, tuple[str, ...]], ...] = tuple(
    (pattern, strength, words) for (pattern, strength), words in zip(_CUES, _CUE_WORDS, strict=True)
)
"""(pattern, strength, the words one of which it needs), strongest kinds first."""
