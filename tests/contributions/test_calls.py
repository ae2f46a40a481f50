"""Calls for partners: the "ouvert à de nouvelles collectivités" badge with the closing date in
the catalogue, gone from the "open" lists the day after by itself (query time, no cron: the
clock is mocked); a regional network enters a foreign authority's offer, by every path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from coopdec.accounts import services as accounts
from coopdec.accounts.models import Membership
from coopdec.catalogue.models import Project
from coopdec.catalogue.search import SearchQuery, memory, rebuild_index, search
from coopdec.contributions import queries, services
from coopdec.contributions.models import ChangeRequest
from coopdec.reference.models import Country
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 5)
CLOSES = dt.date(2027, 1, 15)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dt.date]]:
    """``timezone.localdate`` reads ``day[0]``: set it to move the clock."""
    day = [TODAY]
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day[0])
    yield day


@pytest.fixture
def fresh_index() -> Iterator[None]:
    yield
    memory.reset()  # the rolled-back records leave this process's index


def _signed_in(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _open(word: str, is_open: bool | None = True) -> list[Any]:
    return search(SearchQuery(text=word, open_to_new_members=is_open, types=("project",))).results


def test_a_call_leaves_the_open_lists_the_day_after_its_date_by_itself(
    world: Any, clock: list[dt.date], fresh_index: None
) -> None:
    change = services.propose(
        world.users["member"], world.own, "call",
        {"title": "Cherche partenaires compostage Zanzibar", "call_closes_on": CLOSES.isoformat(),
         "call_contact": "international@example.org"},
    )  # fmt: skip
    services.publish(world.users["manager"], change)
    project = Project.objects.get(key=change.key)
    rebuild_index()
    memory.reset()
    assert [h.id for h in _open("compostage zanzibar")] == [project.pk]
    catalogue = Client().get("/catalogue/?q=compostage+zanzibar&open=true").content.decode()
    assert "Ouvert à de nouvelles collectivités jusqu&#x27;au 15/01/2027" in catalogue
    page = Client().get(f"/projets/{project.pk}/").content.decode()
    assert "Appel à partenaires ouvert jusqu" in page and "international@example.org" in page
    clock[0] = CLOSES  # still open on its closing day
    assert [h.id for h in _open("compostage zanzibar")] == [project.pk]
    clock[0] = CLOSES + dt.timedelta(days=1)
    assert _open("compostage zanzibar") == []
    closed = _open("compostage zanzibar", is_open=False)
    assert [h.id for h in closed] == [project.pk] and not closed[0].open_to_new_members
    facets = search(SearchQuery(text="compostage zanzibar")).facets["open"]
    assert [(f.value, f.count) for f in facets] == [("false", 1)]
    catalogue = Client().get("/catalogue/?q=compostage+zanzibar").content.decode()
    assert "15/01/2027" not in catalogue
    page = Client().get(f"/projets/{project.pk}/").content.decode()
    assert "Appel à partenaires ouvert jusqu" not in page
    assert "Ouvert à de nouvelles collectivités" not in page
    # Nothing had to run: the stored flag is unchanged.
    assert Project.objects.get(pk=project.pk).open_to_new_members


def _offer_values() -> dict[str, Any]:
    return {"title": "Nouakchott cherche une collectivité pour l'eau",
            "call_closes_on": CLOSES.isoformat(), "call_contact": "mairie@example.org"}  # fmt: skip


def test_a_network_enters_a_foreign_offer_and_only_its_moderators_publish(
    world: Any, partner: Any
) -> None:
    region = world.own.region
    for who in ("member", "manager", "member_other", "signed_in"):
        with pytest.raises(PermissionDenied):
            services.propose_offer(world.users[who], region, _offer_values(),
                                   {"foreign_authorities": [partner.pk]})  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.propose_offer(world.users["moderator"], region, _offer_values(),
                               {"french_authorities": [world.own.pk]})  # fmt: skip
    assert {"foreign_authorities", "french_authorities"} <= set(caught.value.message_dict)
    change = services.propose_offer(world.users["moderator"], region, _offer_values(),
                                    {"foreign_authorities": [partner.pk]})  # fmt: skip
    assert change.authority is None and "réseau régional" in change.declarer
    with pytest.raises(PermissionDenied):
        services.publish(world.users["manager"], change)
    assert [c.pk for c in queries.queue(world.users["moderator"])] == [change.pk]
    assert list(queries.queue(world.users["manager"])) == []
    version = services.publish(world.users["moderator"], change)
    project = Project.objects.get(key=change.key)
    assert list(project.french_authorities.all()) == [] and project.open_to_new_members
    assert list(project.foreign_authorities.all()) == [partner]
    assert "réseau régional" in version.declared_by
    assert services.may_restore(world.users["moderator"], version)
    assert not services.may_restore(world.users["manager"], version)
    # A member of A cannot change the network's offer through A.
    with pytest.raises(PermissionDenied):
        services.propose(world.users["member"], world.own, "call", _offer_values(),
                         key=change.key)  # fmt: skip


def test_offer_page_and_api(world: Any) -> None:
    region = world.own.region
    url = f"/contribuer/offre/{region.code}/"
    assert _signed_in(world.users["manager"]).get(url).status_code == 403
    moderator = _signed_in(world.users["moderator"])
    assert "offre d" in moderator.get("/contribuer/").content.decode()
    form = {**_offer_values(), "description": "Réseau d'eau <b>potable</b>",
            "partner_name": "Nouakchott", "partner_level": "municipality",
            "partner_country": Country.objects.get(iso2="MR").pk}  # fmt: skip
    answer = moderator.post(url, form)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    change = ChangeRequest.objects.get()
    assert change.region == region and change.links["french_authorities"] == []
    review = moderator.get(f"/contribuer/moderation/{change.pk}/").content.decode()
    assert "&lt;b&gt;potable&lt;/b&gt;" in review
    # The API: a member's token is refused; the moderator's accepted.
    _t, member_secret = accounts.create_token(world.users["member"], "t")
    body = {"region": region.code, "values": _offer_values(),
            "links": {"foreign_authorities": change.links["foreign_authorities"]}}  # fmt: skip
    refused = Client().post("/api/v1/offers", body, content_type="application/json",
                            HTTP_AUTHORIZATION=f"Bearer {member_secret}")  # fmt: skip
    assert refused.status_code == 403
    Membership.objects.create(user=world.users["moderator"], authority=world.other,
                              status=Membership.Status.APPROVED)  # fmt: skip
    _t, secret = accounts.create_token(world.users["moderator"], "t")
    done = Client().post("/api/v1/offers", body, content_type="application/json",
                         HTTP_AUTHORIZATION=f"Bearer {secret}")  # fmt: skip
    assert done.status_code == 201, done.content
    assert done.json()["authority_id"] is None and done.json()["region"] == region.code
    assert ChangeRequest.objects.count() == 2
