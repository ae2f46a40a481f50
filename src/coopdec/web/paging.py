"""Pages of a long list on a detail page (a country's or an authority's partnerships): the
cards of one page, and the DSFR pagination links. A country with a thousand partnerships
(Germany) was one 733 KB page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.http import HttpRequest

from coopdec.web.urlstate import encode

T = TypeVar("T")
PER_PAGE = 50
WINDOW = 2  # page numbers shown either side of the current one


@dataclass(frozen=True)
class PageNumber:
    number: int
    href: str
    current: bool


@dataclass(frozen=True)
class Paged(Generic[T]):
    items: Sequence[T]
    number: int
    pages: int
    links: list[PageNumber | None]  # None: a gap ("…")
    first: str
    previous: str | None
    next: str | None
    last: str


def paginate(request: HttpRequest, items: Sequence[T], per_page: int | None = None) -> Paged[T]:
    """The page of ``items`` that ``?page=`` asks for (the first for a missing or malformed
    number, the last for one past the end); the links keep the request's other parameters."""
    per_page = per_page or PER_PAGE
    pages = max(1, -(-len(items) // per_page))
    raw = request.GET.get("page", "1")
    number = min(max(int(raw), 1), pages) if raw.isdigit() else 1
    params = {k: v for k, v in request.GET.lists() if k != "page"}

    def href(page: int) -> str:
        query = encode({**params, "page": [str(page)]} if page > 1 else params)
        return request.path + query

    shown = sorted({1, pages, *range(max(1, number - WINDOW), min(pages, number + WINDOW) + 1)})
    links: list[PageNumber | None] = []
    for page in shown:
        if links and links[-1] is not None and page > links[-1].number + 1:
            links.append(None)
        links.append(PageNumber(page, href(page), page == number))
    start = (number - 1) * per_page
    return Paged(
        items=items[start : start + per_page],
        number=number,
        pages=pages,
        links=links,
        first=href(1),
        previous=href(number - 1) if number > 1 else None,
        next=href(number + 1) if number < pages else None,
        last=href(pages),
    )
