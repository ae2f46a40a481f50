"""The rows every importer produces, once resolved: what the upsert writes.

Each importer (catalogue CSV, Atlas, Wikidata) turns its source rows into
``PartnershipRecord`` (with an optional ``ProjectRecord``); ``upsert`` writes them all the same
way. ``weak`` fields only fill blanks: a generated title, or anything from Wikidata, never
replaces what a curated source wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from coopdec.catalogue.imports.resolution import FrenchMatch


def join_urls(*groups: list[str]) -> list[str]:
    """Every URL once, in order of first appearance."""
    seen: dict[str, None] = {}
    for group in groups:
        for url in group:
            if url.strip():
                seen.setdefault(url.strip(), None)
    return list(seen)


def split_urls(text: str) -> list[str]:
    return [u.strip() for u in (text or "").split(" | ") if u.strip()]


@dataclass
class ProjectRecord:
    key: str
    title: str
    summary: str = ""
    description: str = ""
    theme_ids: set[int] = field(default_factory=set)
    status: str = ""
    open_to_new_members: bool | None = None
    funders: str = ""
    budget: Decimal | None = None
    currency: str = ""
    source_urls: list[str] = field(default_factory=list)
    source_date: str = ""
    weak: frozenset[str] = frozenset()


@dataclass
class PartnershipRecord:
    line: int
    key: str
    french: FrenchMatch
    country_id: int
    iso2: str
    partner_name: str
    partner_search_name: str
    title: str
    relation_type: str
    partner_level: str = "other"
    partner_latitude: float | None = None
    partner_longitude: float | None = None
    partner_population: int | None = None
    summary: str = ""
    theme_ids: set[int] = field(default_factory=set)
    start_year: int | None = None
    end_year: int | None = None
    status: str = ""  # "" = not given
    open_to_new_members: bool | None = None
    funders: str = ""
    source_urls: list[str] = field(default_factory=list)
    source_date: str = ""
    weak: frozenset[str] = frozenset()  # fields that only fill blanks
    projects: list[ProjectRecord] = field(default_factory=list)

    def absorb(self, other: PartnershipRecord) -> None:
        """Merge a later row of the same file with the same key (starter and Wikidata only):
        themes and sources combined, the earliest start year, blanks filled."""
        self.theme_ids |= other.theme_ids
        self.source_urls = join_urls(self.source_urls, other.source_urls)
        years = [y for y in (self.start_year, other.start_year) if y is not None]
        self.start_year = min(years) if years else None
        for name in ("summary", "funders", "source_date", "status"):
            if not getattr(self, name):
                setattr(self, name, getattr(other, name))
        if self.end_year is None:
            self.end_year = other.end_year
        if self.open_to_new_members is None:
            self.open_to_new_members = other.open_to_new_members
        for attr in ("partner_latitude", "partner_longitude", "partner_population"):
            if getattr(self, attr) is None:
                setattr(self, attr, getattr(other, attr))
        known = {p.key for p in self.projects}
        self.projects += [p for p in other.projects if p.key not in known]
