"""A publication shows in the diagnostic at once: the diagnostic's view of the catalogue is
kept per search-index generation, and publishing moves the index on (issue 17, speed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from coopdec.catalogue.search import memory
from coopdec.contributions import services
from coopdec.diagnostic import snapshot
from coopdec.diagnostic.service import diagnose
from tests.contributions.conftest import partner, partnership_values, world  # noqa: F401

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 2)
TITLE = "Finistère – Ziguinchordiagnostic"  # a title no other record holds


def test_a_published_partnership_shows_in_the_diagnostic(
    world: Any,  # noqa: F811
    partner: Any,  # noqa: F811
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    snapshot.forget()  # nothing left from another test's rolled-back catalogue
    before = diagnose("departement", "29", on=ON)
    assert TITLE not in [a.title for a in before.footprint.own]
    senegal = {c.country.value: c.actions for c in before.footprint.by_country}.get("SN", 0)
    built = snapshot.current()
    values = partnership_values(title=TITLE, start_year=2026)
    draft = services.propose(
        world.users["member"], world.own, "partnership", values,
        {"foreign_authorities": [partner.pk]},
    )  # fmt: skip
    # The index follows a change once its transaction commits: run the commit callbacks.
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(world.users["manager"], draft)
    generation = memory.read_state().token
    after = diagnose("departement", "29", on=ON)
    assert snapshot.current() is not built  # no forget(): the new generation was enough
    assert after.footprint.own[0].title == TITLE  # latest start year first
    assert {c.country.value: c.actions for c in after.footprint.by_country}["SN"] == senegal + 1
    page = client.get("/collectivites/departement/29/diagnostic/")
    assert page.status_code == 200 and TITLE in page.content.decode()
    api = client.get("/api/v1/french-authorities/departement/29/diagnostic")
    assert TITLE in [a["title"] for a in api.json()["footprint"]["own"]]
    assert memory.read_state().token == generation  # reading moved nothing
