"""The dancer's name: the name that opens the story, as the text calls her.

A reference page opens with a heading ("ULANOVA, GALINA"), a press release with a
dateline, an archive with a record's title; a story with "Marta Valadares was born ...".
The name read there is completed to its fullest form and shortened to the form the text
uses, and the other names the text gives her (a birth name, another spelling) are hers
too, so she is not listed among the other people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from builder.extract.gazetteer import Gazetteer, Lexicon
from builder.extract.people import is_known_thing, person_runs, split_people
from builder.extract.places import place_index
from builder.extract.text import Run, Sentence, is_note

# "ULANOVA, GALINA", "SOKOLOVA, Irina Petrovna (née Zueva; born 1950) is ...", "ZUEVA,
# Irina Petrovna (b. Frunze, 1949)." (the parenthesis is dropped before it is read).
_INVERTED = re.compile(
    r"^\s*([A-ZÀ-Þ][A-ZÀ-Þ'’-]+),\s+([A-ZÀ-Þ][A-ZÀ-Þa-zß-ÿ'’ -]+?)"
    r"\s*(?:$|(?=[(;,]|(?<=[^\W\d_]{2})\.(?:\s|$)|\s+(?:is|was)\b))"
)
# "KUROSAWA Miho (黒沢美穂, born 1988)": a reference's surname in capitals first, no comma.
_SURNAME_FIRST = re.compile(
    r"^\s*([A-ZÀ-Þ][A-ZÀ-Þ'’-]+)\s+([A-ZÀ-Þ][a-zß-ÿ'’-]+)(?=\s*[(,]|\s+(?:is|was)\b)"
)
# A reference's or a catalogue's heading in mixed case, alone on its line (its bracket
# dropped): "Orlovskaya, Tatiana (b St Petersburg, 1910; d Moscow, 1998).", "Orlovskaya,
# Tatiana, 1910-1998".
_INVERTED_MIXED = re.compile(
    r"^\s*([^\W\d_][\w'’-]*),\s+([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2})"
    r"\s*(?:,\s*(?:b\.\s*|c\.\s*)?\d{4}\s*(?:[-–]\s*(?:\d{4})?)?)?\s*\.?\s*$"
)
_DISAMBIGUATOR = re.compile(r"\s*\([^)]*\)")
# A CV's or a profile's field: "Name: Tereza Horáková".
_NAME_FIELD = re.compile(r"^(?:full\s+)?name\s*:\s*", re.IGNORECASE)


def _undisambiguated(text: str) -> str:
    """``text`` without its bracketed parts ("Anna Kovač (dancer)"); most sentences have
    none, and the pattern (it may start with spaces) would be tried at every position."""
    return _DISAMBIGUATOR.sub("", text) if "(" in text else text


def dancer_aliases(
    name: str, sentences: Sequence[Sentence], gazetteer: Gazetteer
) -> tuple[str, ...]:
    """Other names the text gives her: a birth name ("née Kuzmina", "Anna Morel (born
    Anna Ivanova; 1949)") and spellings it names as hers ("also transliterated Uliana
    Tkachenko", "also appears as ...")."""
    words: list[str] = []
    surname = name.split()[-1]
    for sentence in sentences:
        if not any(hint in sentence.text for hint in _ALIAS_HINTS):
            continue
        for match in _ALIAS.finditer(sentence.text):
            words += match.group(1).split()
        given = name.split()[0]
        for match in _BORN_GIVEN.finditer(sentence.text):
            # "She was born Solène Garnier": her given name, then the surname she was born to.
            if match.group(1).split()[0] == given and not place_index(gazetteer).is_known(
                match.group(1)
            ):
                words += match.group(1).split()
        for match in _BORN_AS.finditer(sentence.text):
            form = match.group(1)
            # Right after her own name, and no place ("(born Saint Petersburg, 1949)").
            if sentence.text[: match.start()].rstrip().endswith(surname) and not (
                is_known_thing(form, gazetteer) or place_index(gazetteer).is_known(form)
            ):
                words += form.split()
    return tuple(w for w in words if w not in name.split())


# Every match of _ALIAS holds one of these ("aka" and "a.ka" hold "ka", "ak.a" and
# "a.k.a" hold "k.a"), every birth name "born": a sentence with none is not scanned.
_ALIAS_HINTS = ("née", "nee", "also", "appears", "ka", "k.a", "born", "name")
# "(born Margaret Evelyn Hookham; 18 May 1919 ...)": two to four capitalised words.
_BORN_AS = re.compile(r"\(\s*born\s+([A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){1,3})\s*(?=[;,)])")
_BORN_GIVEN = re.compile(r"(?<!-)\bborn\s+([A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){1,3})")
_ALIAS = re.compile(
    r"\b(?:n[ée]e|also\s+(?:transliterated|spelled|spelt|written|romani[sz]ed|known)"
    r"(?:\s+as)?|(?:also\s+)?appears\s+as|a\.?k\.?a\.?|"
    r"(?:her\s+|the\s+)?(?:stage|professional|maiden|married)\s+name(?:\s+of)?,?)\s+"
    r"((?:[A-ZÀ-Þ][\w'’-]+)(?:\s+[A-ZÀ-Þ][\w'’-]+){0,2})"
)


def dancer_name(
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    runs: Sequence[tuple[Run, ...]] = (),
) -> tuple[str, Sentence, tuple[str, ...], str] | None:
    """The dancer's name: the name that opens the story, as the text calls her (with its
    sentence, the fullest form's words, which are her too, and the rule that read it).

    First choice is a sentence that starts with a name ("Marta Valadares was born ...",
    "ULANOVA, GALINA", "松山樹子 was born ..."), skipping notes, page chrome and a
    dateline ("NEW YORK — "); failing that, the first name in the opening sentences ("In
    1985, Elena Sorokina ..."). A heading the text never repeats gives way to a later
    opening name it keeps using (an archive's "Fonds ..." title, a press release's
    headline). The name is then completed to its fullest form ("Ribeiro dos Santos" ->
    "Luana Ribeiro dos Santos") and shortened to the form the text uses (a patronymic or
    a married addition it never uses is dropped). ``runs``: each sentence's
    :func:`~builder.extract.people.person_runs`, when the caller has them.
    """
    opening = [s for s in sentences if not is_note(s)][:_OPENING_SENTENCES]
    candidates: list[tuple[str, Sentence, str]] = []
    whole = "\n".join(s.text for s in sentences)
    for sentence in opening:
        text = _undisambiguated(sentence.text.lstrip("#*>•·- \t"))
        text = _NAME_FIELD.sub("", _DATELINE.sub("", text))
        found = _name_at_start(text, gazetteer, _runs(text, sentence, runs))
        if found is not None:
            candidates.append((*found[:1], sentence, found[1]))
            # A first name the text uses again needs no rival (most stories stop here).
            if len(candidates) == 1 and _support(found[0], whole, sentence) > 0:
                break
    if not candidates:
        # The first name of each opening sentence, a byline's or a photo credit's not
        # ("By ALICE JONES | Staff Writer" names the writer); the text's use decides.
        for sentence in opening[:_FIRST_NAME_SENTENCES]:
            text = _undisambiguated(sentence.text)
            if _CREDIT.match(text):
                continue
            for name, _ in _names_in(text, gazetteer, _runs(text, sentence, runs)):
                candidates.append((name, sentence, "the first name in the opening sentences"))
                break
            if candidates and _support(candidates[0][0], whole, candidates[0][1]) > 0:
                break
    if not candidates:
        return None
    name, sentence, rule = _best_supported(candidates, whole)
    name = _fullest(name, opening, gazetteer, runs)
    short = _as_the_text_calls_her(name, sentences, sentence, gazetteer.lexicon)
    if short != name:
        rule += "; shortened to the form the text uses"
    return short, sentence, tuple(name.split()), rule


# A byline or a credit line: the name on it is not the dancer's.
_CREDIT = re.compile(
    r"^\W*(?:by|words\s+by|written\s+by|photo(?:graph)?s?(?:\s+by)?|credit|interview\s+by)"
    r"\b\s*[:©]?\s*",
    re.IGNORECASE,
)
# How many opening sentences the first-name fallback reads.
_FIRST_NAME_SENTENCES = 3
# How far into the story the dancer's name may first appear (a record's header can be long).
_OPENING_SENTENCES = 16
# A name the text repeats this often outweighs an earlier heading it never repeats.
_SUPPORTED = 2
# Scripts without capitals (CJK, Arabic, Hebrew ...): a name is the words before the verb.
# (Each word taken whole, "++": a name never ends mid-word, and letting the engine try
# every split of every word made this the slowest pattern of the extractor.)
_CASELESS_NAME = re.compile(r"^((?:[^\W\d_]++ ?){1,4}?)\s*(?=,|\s+(?:was|is|has|had)\b)")
# "BOSTON (April 9, 2024) – ", "SEOUL, Feb. 6 (Yonhap) -- ", "NEW YORK — ": a dateline.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]*[A-Z](?:,\s*[^–—()]{1,25}?)?\s*(?:\([^)]*\))?\s*(?:—|–|--|-)\s+"
)


def _support(name: str, whole: str, own: Sentence) -> int:
    """How often a word of the name (given name or surname) comes back in the text
    (``whole``) outside its own sentence."""
    words = [w for w in name.split() if w[:1].isupper()]
    return sum(whole.count(w) - own.text.count(w) for w in words)


def _best_supported(
    candidates: Sequence[tuple[str, Sentence, str]], whole: str
) -> tuple[str, Sentence, str]:
    first = candidates[0]
    if _support(first[0], whole, first[1]) > 0:
        return first
    for name, sentence, rule in candidates[1:]:
        if _support(name, whole, sentence) >= _SUPPORTED:
            return name, sentence, f"{rule} (the text keeps using it; an earlier heading not)"
    return first


def _fullest(
    name: str,
    opening: Sequence[Sentence],
    gazetteer: Gazetteer,
    runs: Sequence[tuple[Run, ...]],
) -> str:
    """The longest opening name that ends (or starts) with ``name``'s words."""
    words = name.split()
    best = words
    for sentence in opening:
        folded = sentence.text.casefold()
        if not any(w.casefold() in folded for w in words):
            continue
        text = _undisambiguated(sentence.text)
        shortest = len(best) + 1  # a name no longer than the best so far is no use
        for other, _ in _names_in(text, gazetteer, _runs(text, sentence, runs), shortest):
            longer = other.split()
            if len(longer) > len(best) and (
                longer[-len(words) :] == words or longer[: len(words)] == words
            ):
                best = longer
    return " ".join(best)


def _as_the_text_calls_her(
    name: str, sentences: Sequence[Sentence], own: Sentence, lexicon: Lexicon
) -> str:
    """Drop a patronymic the text never uses with her given name again ("Nina Pavlovna
    Zhuravlyova" -> "Nina Zhuravlyova"; a page's title line that is only her name is no
    use of it), and a married addition when the text calls her by the first surname
    alone ("Fonteyn de Arias" -> "Fonteyn")."""
    words = name.split()
    if len(words) < 3:
        return name
    lexicon_endings = tuple(lexicon.patronymic_endings)
    text = "\n".join(s.text for s in sentences if s.index != own.index)
    own_words = set(_LETTERS.findall(name.casefold()))  # "Smirnova-Vasilyeva": both

    def bare(sentence: Sentence) -> bool:
        return own_words.issuperset(_LETTERS.findall(sentence.text.casefold()))

    # Read from a title line, her name is introduced again in the first sentence that uses it.
    others = [s.text for s in sentences if s.index != own.index and not bare(s)]
    needed = 2 if bare(own) else 1
    kept = [words[0]]
    for word in words[1:-1]:
        is_patronymic = word[:1].isupper() and word.casefold().endswith(lexicon_endings)
        uses = sum(1 for other in others if f"{words[0]} {word}" in other)
        if is_patronymic and uses < needed:
            continue
        kept.append(word)
    kept.append(words[-1])
    # "Margaret Eleanor Whitcombe" over a text that says "Margaret Whitcombe": a middle
    # name the text never uses with her given name is dropped.
    if len(kept) >= 3 and re.search(rf"\b{re.escape(kept[0])}\s+{re.escape(kept[-1])}\b", text):
        kept = [
            kept[0],
            *(w for w in kept[1:-1] if not w[:1].isupper() or f"{kept[0]} {w}" in text),
            kept[-1],
        ]
    if len(kept) >= 3 and kept[1][:1].isupper():
        rest = " ".join(kept[2:])
        # A title line that is only her name, in its short form, is one use of that form.
        used = f"{text}\n{own.text}" if bare(own) else text
        alone = len(re.findall(rf"\b{re.escape(kept[1])}\b(?!\s+{re.escape(rest)})", used))
        full = len(re.findall(rf"\b{re.escape(kept[1])}\s+{re.escape(rest)}\b", used))
        if alone > full:
            kept = kept[:2]
    return " ".join(kept)


_LETTERS = re.compile(r"[^\W\d_]+")


def _name_at_start(
    text: str, gazetteer: Gazetteer, runs: tuple[Run, ...] | None
) -> tuple[str, str] | None:
    """(name, rule) when ``text`` opens with a name."""
    inverted = _INVERTED.match(text)
    if inverted:
        surname, given = inverted.groups()
        return f"{given.title()} {surname.title()}", "an inverted heading, put in natural order"
    first = _SURNAME_FIRST.match(text)
    if (
        first
        and len(first.group(1)) > 2
        and not place_index(gazetteer).is_known(first.group(1).title())  # a dateline
        and first.group(1).title() not in gazetteer.lexicon.page_chrome
    ):
        surname, given = first.groups()
        return f"{given} {surname.title()}", "a surname in capitals first, put in natural order"
    mixed = _INVERTED_MIXED.match(text) if "," in text else None
    if mixed and _is_name(mixed.groups(), gazetteer):  # each word capitalised, not in capitals
        surname, given = mixed.groups()
        return f"{given} {surname}", "an inverted heading, put in natural order"
    caseless = _CASELESS_NAME.match(text)
    if caseless and all(not c.isalpha() or c.upper() == c.lower() for c in caseless.group(1)):
        return caseless.group(1).strip(), "a name in a script without capitals, before its verb"
    for name, start in _names_in(text, gazetteer, runs):
        return (name, "the name that opens a sentence") if start == 0 else None
    return None


def _is_name(parts: Sequence[str], gazetteer: Gazetteer) -> bool:
    """True when no part of a heading names a place or a thing ("Bergen, Norway") or
    holds a word that never names a person ("Career, Awards")."""
    words = [w for part in parts for w in part.split()]
    if not all(w[0].isupper() and not w.isupper() and not w.isdigit() for w in words):
        return False
    lexicon = gazetteer.lexicon
    places = place_index(gazetteer)
    tables = (
        gazetteer.place_names,
        gazetteer.country_names,
        gazetteer.demonyms,
        gazetteer.company_names,
        gazetteer.school_names,
        gazetteer.ballet_titles,
    )
    for part in parts:
        if any(part in table for table in tables):
            return False
        if places.is_country(part) or places.region_country(part) is not None:
            return False
        if any(w in lexicon.non_name_words or w in lexicon.stopwords for w in part.split()):
            return False
    # "Whitby, Eskdale": a town's own name before the comma (a district after it).
    return not any(e.kind == "p" for e in places.world.entries(parts[0]))


def _runs(text: str, sentence: Sentence, runs: Sequence[tuple[Run, ...]]) -> tuple[Run, ...] | None:
    """The sentence's runs when ``text`` is the sentence as it is (most are)."""
    return runs[sentence.index] if runs and text == sentence.text else None


def _names_in(
    text: str, gazetteer: Gazetteer, runs: tuple[Run, ...] | None, shortest: int = 0
) -> Iterator[tuple[str, int]]:
    """Candidate full names in ``text`` (titles dropped), with where each starts, read
    one at a time (most callers want only the first); ``shortest``: skip the runs of
    fewer words (a name is never longer than its run)."""
    lexicon = gazetteer.lexicon
    for run in runs if runs is not None else person_runs(text, lexicon):
        if len(run.words) < shortest:
            continue
        people = split_people(run)
        if not people:
            continue  # a lone "Tokyo-born"
        words = list(people[0].words)
        if all(w.isupper() for w in words):
            # A heading in capitals: its small words are connectors ("PAPERS OF X" is no name).
            words = [
                w.lower() if w.lower() in lexicon.name_connectors else w.title() for w in words
            ]
            if any(w.islower() and w not in lexicon.person_particles for w in words):
                continue
        while words and (words[0] in lexicon.honorifics or words[0] in lexicon.job_titles):
            words.pop(0)
        while words and words[-1] in lexicon.postnominals:
            words.pop()
        if (
            2 <= len(words) <= 4
            and not any(w in lexicon.non_name_words for w in words)
            and not any(w in lexicon.stopwords for w in words[1:])
            and any(len(w) > 2 for w in words)
            and not is_known_thing(" ".join(words), gazetteer)
        ):
            yield " ".join(words), run.start
