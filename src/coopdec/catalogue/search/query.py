"""What a search asks for, and how request parameters become one (pure: no Django).

The web page, the API and the CLI all build a ``SearchQuery`` with ``SearchQuery.from_params``
so that a parameter means the same thing, and is refused with the same French message,
whichever interface received it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from coopdec.catalogue import fields

# The filter vocabulary is declared once, in ``coopdec.catalogue.fields``.
DIMENSIONS: tuple[str, ...] = fields.DIMENSIONS
SORTS: tuple[str, ...] = ("relevance", "title", "-title", "start_year", "-start_year")
TYPES: tuple[str, ...] = ("project", "partnership")
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MAX_TEXT = 200
YEAR_MIN, YEAR_MAX = 1900, 2100

_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


class QueryError(ValueError):
    """A parameter the search cannot use; ``str()`` is a French sentence naming it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"paramètre « {parameter} » : {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class SearchQuery:
    """One search: words, filters (OR within a dimension, AND across), sort and page."""

    text: str = ""
    types: tuple[str, ...] = ()  # "project" | "partnership"
    themes: tuple[str, ...] = ()  # Theme.code
    sdgs: tuple[int, ...] = ()  # SdgGoal.number
    countries: tuple[str, ...] = ()  # Country.iso2
    zones: tuple[str, ...] = ()  # Zone.code
    authorities: tuple[int, ...] = ()  # FrenchAuthority.id
    authority_kinds: tuple[str, ...] = ()  # FrenchAuthority.Kind
    regions: tuple[str, ...] = ()  # Region.code
    departements: tuple[str, ...] = ()  # Departement.code
    relation_types: tuple[str, ...] = ()  # RelationType
    statuses: tuple[str, ...] = ()  # Status
    open_to_new_members: bool | None = None
    example: bool | None = None  # flagged by a moderator as good practice (Example)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facet_limit: int = 30  # values listed per facet (selected values are always listed)

    def __post_init__(self) -> None:
        if len(self.text) > MAX_TEXT:
            raise QueryError("q", f"{MAX_TEXT} caractères au plus")
        if self.sort not in SORTS:
            raise QueryError("sort", f"valeurs possibles : {', '.join(SORTS)}")
        if not 1 <= self.page <= MAX_PAGE:
            raise QueryError("page", f"entier de 1 à {MAX_PAGE}")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise QueryError("page_size", f"entier de 1 à {MAX_PAGE_SIZE}")
        for name, year in (("year_from", self.year_from), ("year_to", self.year_to)):
            if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
                raise QueryError(name, f"année de {YEAR_MIN} à {YEAR_MAX}")
        if (
            self.year_from is not None
            and self.year_to is not None
            and self.year_from > self.year_to
        ):
            raise QueryError("year_to", "doit être supérieure ou égale à year_from")
        bad_types = [t for t in self.types if t not in TYPES]
        if bad_types:
            raise QueryError("type", f"valeurs possibles : {', '.join(TYPES)}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def filters(self) -> dict[str, tuple[object, ...]]:
        """Active filters keyed by dimension (the facet names)."""
        active: dict[str, tuple[object, ...]] = {
            name: getattr(self, attribute) for name, attribute in _MULTI.items()
        }
        for flag in fields.FLAGS:
            value = getattr(self, flag.attribute)
            active[flag.name] = () if value is None else ("true" if value else "false",)
        active.update(
            year=()
            if self.year_from is None and self.year_to is None
            else (self.year_from, self.year_to),
        )
        return {key: value for key, value in active.items() if value}

    def to_params(self) -> dict[str, list[str]]:
        """The request parameters that ``from_params`` turns back into this query."""
        params: dict[str, list[str]] = {}
        if self.text:
            params["q"] = [self.text]
        for param, attribute in _MULTI.items():
            values = getattr(self, attribute)
            if values:
                params[param] = [str(v) for v in values]
        for flag in fields.FLAGS:
            value = getattr(self, flag.attribute)
            if value is not None:
                params[flag.name] = ["true" if value else "false"]
        for name in ("year_from", "year_to"):
            if getattr(self, name) is not None:
                params[name] = [str(getattr(self, name))]
        defaults = SearchQuery()
        for name in ("sort", "page", "page_size"):
            if getattr(self, name) != getattr(defaults, name):
                params[name] = [str(getattr(self, name))]
        return params

    @classmethod
    def from_params(
        cls, params: Mapping[str, str | Sequence[str] | None], *, strict: bool = True
    ) -> SearchQuery:
        """Build a query from request parameters (repeated or comma-separated values).

        Raises ``QueryError`` for a malformed value, and with ``strict`` for an unknown
        parameter (a web page passes ``strict=False`` to ignore its own parameters).
        """
        unknown = sorted(set(params) - PARAMETERS)
        if unknown and strict:
            raise QueryError(unknown[0], "paramètre inconnu")
        values = {key: _values(raw) for key, raw in params.items() if key in PARAMETERS}
        kwargs: dict[str, object] = {}
        raw_q = params.get("q")
        # Words as typed: a trailing space says the last word is complete (no prefix search).
        text = raw_q if isinstance(raw_q, str) else " ".join(raw_q or [])
        kwargs["text"] = text.lstrip()
        for declared in fields.MULTI:
            param, items = declared.name, values.get(declared.name, [])
            if declared.value == "integer":
                kwargs[declared.attribute] = tuple(_integer(param, item) for item in items)
            elif declared.value == "upper_code":
                kwargs[declared.attribute] = tuple(_code(param, item).upper() for item in items)
            else:
                kwargs[declared.attribute] = tuple(_code(param, item) for item in items)
        for flag in fields.FLAGS:
            if values.get(flag.name):
                kwargs[flag.attribute] = _boolean(flag.name, values[flag.name][-1])
        for name in ("year_from", "year_to", "page", "page_size"):
            if values.get(name):
                kwargs[name] = _integer(name, values[name][-1])
        if values.get("sort"):
            kwargs["sort"] = values["sort"][-1]
        elif not text.strip():
            kwargs["sort"] = "title"  # no words, no relevance: alphabetical is what people expect
        return cls(**kwargs)  # type: ignore[arg-type]


# Multi-valued parameters and the SearchQuery attribute each fills.
_MULTI: dict[str, str] = {f.name: f.attribute for f in fields.MULTI}
PARAMETERS = fields.PARAMETERS


def _values(raw: str | Sequence[str] | None) -> list[str]:
    items: Iterable[str] = [raw] if isinstance(raw, str) else (raw or [])
    out: list[str] = []
    for item in items:
        out.extend(part.strip() for part in str(item).split(",") if part.strip())
    return out


def _integer(param: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise QueryError(param, f"entier attendu, reçu « {value[:40]} »") from None
    if not -(2**31) < number < 2**31:
        raise QueryError(param, f"entier hors limites : {value[:40]}")
    return number


def _code(param: str, value: str) -> str:
    if not _CODE.match(value):
        raise QueryError(param, f"code invalide « {value[:40]} »")
    return value


def _boolean(param: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in ("1", "true", "oui", "yes"):
        return True
    if lowered in ("0", "false", "non", "no"):
        return False
    raise QueryError(param, f"true ou false attendu, reçu « {value[:40]} »")
