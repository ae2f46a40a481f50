"""What a search returns (pure: no Django). ``SearchResult.to_dict()`` is the API's JSON,
``SearchResult.to_json()`` the same JSON written out (compact, UTF-8 text)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coopdec.catalogue.search.query import SearchQuery


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what to pass back as the filter, what to show, how many records."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Labelled:
    value: str
    label: str


@dataclass(frozen=True)
class Hit:
    """One partnership or project in a result page."""

    type: str  # "project" | "partnership"
    id: int  # Project.id or Partnership.id
    title: str
    summary: str
    start_year: int | None
    end_year: int | None
    status: Labelled
    relation_type: Labelled
    open_to_new_members: bool
    themes: list[Labelled] = field(default_factory=list)
    countries: list[Labelled] = field(default_factory=list)
    french_authorities: list[Labelled] = field(default_factory=list)  # value: FrenchAuthority.id
    foreign_authorities: list[str] = field(default_factory=list)
    score: float | None = None  # relevance, when the query has words
    example: bool = False  # a project a moderator flagged as good practice

    @property
    def api_path(self) -> str:
        return f"/api/v1/{self.type}s/{self.id}"

    def to_dict(self) -> dict[str, Any]:
        def pair(item: Labelled) -> dict[str, str]:
            return {"value": item.value, "label": item.label}

        return {
            "type": self.type, "id": self.id, "title": self.title, "summary": self.summary,
            "start_year": self.start_year, "end_year": self.end_year,
            "status": pair(self.status), "relation_type": pair(self.relation_type),
            "open_to_new_members": self.open_to_new_members, "example": self.example,
            "themes": [pair(t) for t in self.themes],
            "countries": [pair(c) for c in self.countries],
            "french_authorities": [pair(a) for a in self.french_authorities],
            "foreign_authorities": list(self.foreign_authorities), "score": self.score,
            "url": self.api_path,
        }  # fmt: skip


@dataclass(frozen=True)
class SearchResult:
    query: SearchQuery
    total: int
    results: list[Hit]
    facets: dict[str, list[FacetValue]]
    words: list[str] = field(default_factory=list)  # the query words that were searched

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.page_size))

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``GET /api/v1/search`` (and of ``coopdec search --json``)."""
        return {
            **self._head(),
            # Written out: ``dataclasses.asdict`` deep-copies and costs milliseconds here.
            "facets": {
                name: [
                    {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                    for v in values
                ]
                for name, values in self.facets.items()
            },
        }

    def to_json(self) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))``, faster.

        A page lists up to 13 facets of 30 values or more: as dictionaries, then JSON, they cost
        about as much as the search itself. Each value's ``{"value":…,"label":…,"count":`` is
        the same from one search to the next and is written once per process."""
        head = _dumps(self._head())
        facets = ",".join(
            _dumps(name)
            + ":["
            + ",".join(
                _facet_head(v.value, v.label)
                + str(v.count)
                + (',"selected":true}' if v.selected else ',"selected":false}')
                for v in values
            )
            + "]"
            for name, values in self.facets.items()
        )
        return f'{head[:-1]},"facets":{{{facets}}}}}'

    def _head(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "page": self.query.page,
            "page_size": self.query.page_size,
            "pages": self.pages,
            "sort": self.query.sort,
            "results": [hit.to_dict() for hit in self.results],
        }


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@lru_cache(maxsize=65_536)
def _facet_head(value: str, label: str) -> str:
    return f'{{"value":{_dumps(value)},"label":{_dumps(label)},"count":'
