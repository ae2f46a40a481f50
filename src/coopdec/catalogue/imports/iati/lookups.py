"""What an import resolves against the database, loaded once or cached per import.

- countries, DAC sectors and SDG targets by code;
- themes from DAC sectors: the theme whose default sector is that very code, else the first
  theme (in the themes' order) whose DAC categories include the code's category — a category
  such as 151 (government and civil society) belongs to several themes, and the first one
  (gouvernance locale) is the general one;
- French authorities from the organisation identifiers coopdec writes (``iati_identifiers``);
- foreign authorities by their normalised name within the activity's recipient countries.
"""

from __future__ import annotations

from collections.abc import Iterable

from coopdec.catalogue.identifiers import authorities_for_refs
from coopdec.catalogue.imports.iati.reading import Org
from coopdec.catalogue.models import ForeignAuthority
from coopdec.reference.models import Country, DacSector, SdgTarget, Theme
from coopdec.textnorm import normalize_name

MAX_CACHED = 50_000


class Lookups:
    def __init__(self) -> None:
        self.countries = dict(Country.objects.values_list("iso2", "pk"))
        self.sectors = dict(DacSector.objects.values_list("code", "pk"))
        self.targets = dict(SdgTarget.objects.values_list("code", "pk"))
        self.exact_theme: dict[str, int] = {}
        self.category_theme: dict[str, int] = {}
        themes = Theme.objects.order_by("position", "pk")
        for pk, sector in themes.values_list("pk", "default_dac_sector__code"):
            if sector:
                self.exact_theme.setdefault(sector, pk)
        for pk, category in themes.values_list("pk", "dac_categories__code"):
            if category:
                self.category_theme.setdefault(category, pk)
        self.authorities: dict[str, int | None] = {}
        self._names: dict[str, str] = {}

    def themes(self, sectors: Iterable[str], categories: Iterable[str]) -> set[int]:
        found = set()
        for code in sectors:
            theme = self.exact_theme.get(code) or self.category_theme.get(code[:3])
            if theme:
                found.add(theme)
        found.update(self.category_theme[c] for c in categories if c in self.category_theme)
        return found

    def name(self, text: str) -> str:
        """``normalize_name`` with a bounded cache (partners repeat across activities)."""
        key = self._names.get(text)
        if key is None:
            if len(self._names) > MAX_CACHED:
                self._names = {}
            key = self._names[text] = normalize_name(text)
        return key

    def french_authority(self, org: Org) -> int | None:
        return self.authorities.get(org[0] or "")

    def load_authorities(self, orgs: Iterable[Org]) -> None:
        missing = {org[0] for org in orgs if org[0]} - self.authorities.keys()
        if missing:
            if len(self.authorities) > MAX_CACHED:
                self.authorities = {}
            found = authorities_for_refs(missing)
            self.authorities.update({ref: found.get(ref) for ref in missing})

    def foreign_authorities(self, orgs: Iterable[Org]) -> dict[tuple[str, str], int]:
        """``(normalised name, country) -> id`` for the foreign partners among ``orgs``."""
        names = {self.name(org[2][0][1]) for org in orgs if org[2]}
        if not names:
            return {}
        rows = ForeignAuthority.objects.filter(search_name__in=names).values_list(
            "pk", "search_name", "country__iso2"
        )
        return {(name, iso2): pk for pk, name, iso2 in rows}

    def foreign_id(
        self, org: Org, countries: tuple[str, ...], known: dict[tuple[str, str], int]
    ) -> int | None:
        if not org[2] or not known:
            return None
        name = self.name(org[2][0][1])
        return next((known[(name, c)] for c in countries if (name, c) in known), None)
