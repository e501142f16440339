"""The listing pages' views: home, the dancers A to Z, each kind's index, each term's
page, and, past :data:`PART_LIMIT` dancers, a listing's page of parts and its parts. Pure.

Each view holds only what its page shows (a dancer's card, a term's name and page), so
an edit rewrites the listings that show what changed, and no other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder.site.layout import BOOKS, HOME, KINDS, UNPLACED
from builder.site.markup import count
from builder.site.taxonomy import (
    OTHER,
    PART_LIMIT,
    Term,
    dancer_ballets,
    dancer_companies,
    split_a_to_z,
)
from builder.site.views import (
    COLUMNS,
    Anthology,
    Card,
    PageView,
    company_book_path,
    feed_front,
    term_path,
)

ANTHOLOGY_BOOK = f"{BOOKS}/anthology.epub"
HOME_LISTS_UP_TO = 100
"""The home page tables every dancer up to this many; beyond, it points to the indexes
(a table of thousands is no landing page, and MkDocs renders it on every build)."""
DANCERS_PARTS = "dancers/a-z"
"""The folder of the dancers listing's A-to-Z parts, once it has more than one page."""
SINGULAR = {"companies": "company", "ballets": "ballet", "origins": "origin"}
"""Each kind's word for one of its terms (also the name of its term page's template)."""
PAGE_COLUMNS = {
    "home": ("company", "role", "ballet", "inferred"),
    "dancers": COLUMNS,
    "companies": ("role", "ballet", "inferred"),
    "ballets": ("company", "inferred"),
    "origins": ("company",),
}
"""What each listing shows of a dancer (its template's columns), by kind."""
PART_COLUMNS = {
    "dancers": ("company", "role", "ballet", "origin"),
    "companies": ("role", "ballet"),
    "ballets": ("company",),
    "origins": ("company",),
}
"""What a part of a split listing shows of a dancer (part.md.j2's columns), by kind."""


@dataclass(frozen=True)
class Part:
    """One page of a listing split A to Z: ``a`` (or ``ma``), its path, its rows."""

    key: str
    path: str
    rows: tuple[tuple[Card, str], ...]
    """Each dancer and what links her to the listing (her role in a ballet, say)."""

    @property
    def label(self) -> str:
        return "Other" if self.key == OTHER else self.key.capitalize()


def split_listing(folder: str, rows: list[tuple[Card, str]]) -> list[Part]:
    """A listing's rows (A to Z) as parts of at most about :data:`PART_LIMIT`."""
    parts = split_a_to_z([card.title for card, _ in rows], PART_LIMIT)
    return [
        Part(key, f"{folder}/{key}.md", tuple(rows[i] for i in positions))
        for key, positions in parts
    ]


def home(anthology: Anthology) -> PageView:
    stories, taxonomy = anthology.stories, anthology.taxonomy
    feed = anthology.feed_of(None)
    first = anthology.reading[0] if anthology.reading else None
    front = {
        "title": "The Dancer Anthology",
        "description": "Stories of "
        + count(len(stories), "ballet dancer", "ballet dancers")
        + ", by company, ballet and origin.",
        "search": {"exclude": True},  # it repeats every dancer's name and company
        **feed_front(feed),
    }
    listed = len(stories) <= HOME_LISTS_UP_TO
    view = {
        "front": front,
        "total": len(stories),
        "rows": tuple(anthology.card(s, PAGE_COLUMNS["home"]) for s in stories) if listed else (),
        "home_lists_up_to": HOME_LISTS_UP_TO,
        "terms": {kind: len(getattr(taxonomy, kind)) for kind in KINDS},
        "first": anthology.dancer_link(first),
        "book": ANTHOLOGY_BOOK,
        "feed": feed and feed.path,
    }
    return PageView(HOME, "home.md.j2", view)


def dancers_listing(anthology: Anthology) -> list[PageView]:
    """``dancers/``: one table of everyone, or, past :data:`PART_LIMIT`, a page of
    A-to-Z parts and the parts themselves."""
    stories = anthology.stories
    if len(stories) <= PART_LIMIT:
        front = {
            "title": "Dancers",
            "description": f"All {len(stories)} dancers of the anthology.",
            "search": {"exclude": True},
        }
        rows = tuple(anthology.card(story) for story in stories)
        return [PageView("dancers/index.md", "dancers.md.j2", {"front": front, "rows": rows})]
    cards = [(anthology.card(story, PART_COLUMNS["dancers"]), "") for story in stories]
    parts = split_listing(DANCERS_PARTS, cards)
    views = [parts_hub(anthology, "dancers/index.md", "Dancers", "dancers", None, parts)]
    views += [part("dancers", "Dancers", "dancers/index.md", parts, i) for i in range(len(parts))]
    return views


def parts_hub(
    anthology: Anthology, path: str, title: str, kind: str, term: Term | None, parts: list[Part]
) -> PageView:
    """The page of a split listing: its parts, each with its first and last name; a
    term's also has its feed and (a company's) its book, as its unsplit page has."""
    total = sum(len(part.rows) for part in parts)
    feed = anthology.feed_of(term) if term else None
    described = (
        f"All {total} dancers of the anthology"
        if term is None
        else (f"The {total} dancers of the anthology linked to {term.name}")
    )
    front = {
        "title": title,
        "description": f"{described}, A to Z in {len(parts)} parts.",
        **feed_front(feed),
    }
    view = {
        "front": front,
        "title": title,
        "kind": kind,
        "term": term and {"name": term.name},
        "parts": _summary(parts),
        "total": total,
        "book": term and term.kind == "companies" and company_book_path(term.slug),
        "feed": feed and feed.path,
    }
    return PageView(path, "parts_hub.md.j2", view)


def _summary(parts: list[Part]) -> tuple[tuple[str, str, str, str, int], ...]:
    """Each part's label, path, first and last name and size: a page of parts lists them."""
    return tuple(
        (p.label, p.path, p.rows[0][0].title, p.rows[-1][0].title, len(p.rows)) for p in parts
    )


def part(kind: str, title: str, hub: str, parts: list[Part], index: int) -> PageView:
    """One part of a split listing: its rows, and the other parts' names and paths, so
    adding a dancer rewrites her part and the hub, not every part."""
    this = parts[index]
    full_title = f"{title}: {this.label}"
    front = {
        "title": full_title,
        "description": f"{title}, names under {this.label}: "
        + ", ".join(card.title for card, _ in this.rows[:10])
        + ("…" if len(this.rows) > 10 else "")
        + ".",
    }
    near = [parts[i] if 0 <= i < len(parts) else None for i in (index - 1, index + 1)]
    view = {
        "front": front,
        "kind": kind,
        "title": full_title,
        "listing": title,
        "hub": hub,
        "key": this.key,
        "label": this.label,
        "rows": this.rows,
        "parts": tuple((p.label, p.path) for p in parts),
        "previous": near[0] and (near[0].label, near[0].path),
        "next": near[1] and (near[1].label, near[1].path),
    }
    return PageView(this.path, "part.md.j2", view)


def kind_index(anthology: Anthology, kind: str) -> list[PageView]:
    """``<kind>/``: its terms, and the dancers who name none; past :data:`PART_LIMIT`
    those are split A to Z (``origins/no-origin/a/``) like the dancers listing, and the
    page lists the parts."""
    terms = getattr(anthology.taxonomy, kind)
    title = kind.capitalize()
    unplaced = [
        story
        for story in anthology.stories
        if not (
            dancer_companies(story)
            if kind == "companies"
            else dancer_ballets(story)
            if kind == "ballets"
            else story.metadata.origin.country
        )
    ]
    front = {
        "title": title,
        "description": f"The anthology's dancers by {SINGULAR[kind]}: "
        f"{len(terms)} {kind if len(terms) != 1 else SINGULAR[kind]}.",
        "search": {"exclude": True},
    }
    path = f"{kind}/index.md"
    view = {
        "front": front,
        "title": title,
        "singular": SINGULAR[kind],
        "terms": tuple((term.name, term_path(term), len(term.entries)) for term in terms),
        "unplaced_total": len(unplaced),
        "unplaced": tuple(anthology.dancer_link(story) for story in unplaced),
        "parts": (),
    }
    if len(unplaced) <= PART_LIMIT:
        return [PageView(path, "kind_index.md.j2", view)]
    columns = PART_COLUMNS["dancers"]
    rows = [(anthology.card(story, columns), "") for story in unplaced]
    parts = split_listing(f"{kind}/{UNPLACED[kind]}", rows)
    view |= {"unplaced": (), "parts": _summary(parts)}
    listing = f"Dancers with no {SINGULAR[kind]} named"
    views = [part("dancers", listing, path, parts, i) for i in range(len(parts))]
    return [PageView(path, "kind_index.md.j2", view), *views]


def term_pages(anthology: Anthology, term: Term) -> list[PageView]:
    """A term's page, or, past :data:`PART_LIMIT` dancers, its page of A-to-Z parts
    (``companies/<slug>/``) and the parts (``companies/<slug>/<key>/``)."""
    split = len(term.entries) > PART_LIMIT
    columns = (PART_COLUMNS if split else PAGE_COLUMNS)[term.kind]
    rows = [(anthology.card(entry.story, columns), entry.note) for entry in term.entries]
    if not split:
        return [term_page(anthology, term, tuple(rows))]
    folder = f"{term.kind}/{term.slug}"
    parts = split_listing(folder, rows)
    hub = f"{folder}.md"
    views = [parts_hub(anthology, hub, term.name, term.kind, term, parts)]
    views += [part(term.kind, term.name, hub, parts, i) for i in range(len(parts))]
    return views


def term_page(anthology: Anthology, term: Term, rows: tuple[tuple[Card, str], ...]) -> PageView:
    feed = anthology.feed_of(term)
    front = {
        "title": term.name,
        "description": f"Dancers of the anthology linked to {term.name}: "
        + ", ".join(card.title for card, _ in rows[:10])
        + ("…" if len(rows) > 10 else "")
        + ".",
        "search": {"exclude": True},
        **feed_front(feed),
    }
    view: dict[str, Any] = {"front": front, "term": {"name": term.name}, "rows": rows}
    if term.kind == "origins":
        view["groups"] = tuple(
            (city, tuple(anthology.card(entry.story, PAGE_COLUMNS["origins"]) for entry in entries))
            for city, entries in term.groups
        )
    if term.kind == "companies":
        view["book"] = company_book_path(term.slug)
    view["feed"] = feed and feed.path
    return PageView(term_path(term), f"{SINGULAR[term.kind]}.md.j2", view)
