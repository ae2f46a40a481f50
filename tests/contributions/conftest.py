"""Contribution fixtures: the accounts' world (authority A with a member, a manager and a
regional moderator; authority B with a member) and a foreign partner."""

from __future__ import annotations

from typing import Any

import pytest

from tests.accounts.conftest import World, make_user, world  # noqa: F401  (fixture)


@pytest.fixture
def partner(db: Any) -> Any:
    from coopdec.catalogue.writer import CatalogueWriter
    from coopdec.reference.models import Country

    country = Country.objects.get(iso2="SN")
    from coopdec.catalogue.models import ForeignAuthority

    return ForeignAuthority.objects.get(pk=CatalogueWriter().foreign_partner("Ziguinchor", country))


def partnership_values(**extra: Any) -> dict[str, Any]:
    return {"title": "Finistère – Ziguinchor", "relation_type": "cooperation",
            "start_year": 2020, "status": "active", **extra}  # fmt: skip


__all__ = ["World", "make_user", "partnership_values"]
