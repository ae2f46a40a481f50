"""Which catalogue records an export covers: every record, or those of one French authority,
one partner country or one theme.

A project without French (or foreign) authorities of its own shows its partnership's, as
the catalogue pages do; the filters follow the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from coopdec.catalogue.identifiers import AuthorityNotFound, parse_authority
from coopdec.catalogue.models import FrenchAuthority, Partnership, Project
from coopdec.reference.models import Country, Theme


class SelectionError(ValueError):
    """A filter names nothing known (the message says which)."""


@dataclass(frozen=True)
class Selection:
    authority: FrenchAuthority | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    theme: str | None = None  # theme code

    @classmethod
    def parse(
        cls, *, authority: str | None = None, country: str | None = None, theme: str | None = None
    ) -> Selection:
        """Check the filters as typed by a user (``KIND:CODE``, ``SN``, ``eau_assainissement``)."""
        try:
            found = parse_authority(authority) if authority else None
        except AuthorityNotFound as exc:
            raise SelectionError(str(exc)) from None
        iso2 = country.strip().upper() if country else None
        if iso2 and not Country.objects.filter(iso2=iso2).exists():
            raise SelectionError(_("pays inconnu : %(code)s") % {"code": country})
        if theme and not Theme.objects.filter(code=theme).exists():
            raise SelectionError(_("thème inconnu : %(code)s") % {"code": theme})
        return cls(authority=found, country=iso2, theme=theme or None)

    def describe(self) -> dict[str, str]:
        items = {
            "authority": f"{self.authority.kind}:{self.authority.code}" if self.authority else "",
            "country": self.country or "",
            "theme": self.theme or "",
        }
        return {key: value for key, value in items.items() if value}

    def projects(self) -> QuerySet[Project]:
        query = Project.objects.all()
        if self.authority is not None:
            query = query.filter(
                Q(french_authorities=self.authority)
                | Q(
                    french_authorities__isnull=True,
                    partnership__french_authorities=self.authority,
                )
            )
        if self.country:
            query = query.filter(
                Q(countries__iso2=self.country)
                | Q(foreign_authorities__country__iso2=self.country)
                | Q(
                    foreign_authorities__isnull=True,
                    partnership__foreign_authorities__country__iso2=self.country,
                )
            )
        if self.theme:
            query = query.filter(themes__code=self.theme)
        return Project.objects.filter(pk__in=query.values("pk"))

    def partnerships(self) -> QuerySet[Partnership]:
        query = Partnership.objects.all()
        if self.authority is not None:
            query = query.filter(french_authorities=self.authority)
        if self.country:
            query = query.filter(foreign_authorities__country__iso2=self.country)
        if self.theme:
            query = query.filter(themes__code=self.theme)
        return Partnership.objects.filter(pk__in=query.values("pk"))
