"""Saved-search alerts: one service behind the page, the API and the CLI; digests that send
each item once (a second run sends nothing), and nothing recorded when a mail fails."""

from __future__ import annotations

import datetime as dt
import json
import socket
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from typer.testing import CliRunner

from coopdec.accounts import services as accounts
from coopdec.alerts import services
from coopdec.alerts.models import AlertDelivery, SavedSearch
from coopdec.assistant import programs
from coopdec.catalogue.changes import catalogue_changed
from coopdec.catalogue.models import Partnership
from coopdec.cli.app import app

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple 42"
PROGRAMME = "dctciv-aap-generaliste"


def make_user(email: str) -> Any:
    return get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)


def token_for(user: Any) -> str:
    """A personal API token (tokens are for members of an authority)."""
    from coopdec.accounts.models import Membership
    from coopdec.catalogue.models import FrenchAuthority

    authority = FrenchAuthority.objects.get(kind="departement", code="29")
    Membership.objects.create(user=user, authority=authority, status=Membership.Status.APPROVED)
    return accounts.create_token(user, "alertes")[1]


def add_partnership(title: str, **extra: Any) -> Partnership:
    partnership = Partnership.objects.create(
        key=f"T-{title[:20]}", title=title, relation_type="cooperation", status="active", **extra
    )
    catalogue_changed.send(sender=None, partnerships={partnership.pk}, projects=set(), full=False)
    return partnership


@pytest.fixture
def user() -> Any:
    return make_user("elue@example.org")


def test_a_catalogue_alert_mails_new_matching_records_once(user: Any) -> None:
    alert = services.save_search(user, "catalogue", {"q": ["tambacounda"]})
    assert services.pending_items(alert, dt.date(2026, 12, 5)) == []  # older records: not news
    wanted = add_partnership("Eau potable à Tambacounda")
    add_partnership("Jumelage culturel avec Kyoto")  # does not match
    report = services.send_digests(dt.date(2026, 12, 5), "https://coopdec.example")
    assert (report.mails, report.items) == (1, 1)
    [message] = mail.outbox
    assert message.to == ["elue@example.org"]
    assert "Eau potable à Tambacounda" in message.body
    assert f"https://coopdec.example/partenariats/{wanted.pk}/" in message.body
    assert "Kyoto" not in message.body
    assert "https://coopdec.example/compte/alertes/" in message.body
    # Twice: nothing twice.
    again = services.send_digests(dt.date(2026, 12, 5), "https://coopdec.example")
    assert (again.mails, again.items) == (0, 0) and len(mail.outbox) == 1
    later = add_partnership("Assainissement à Tambacounda, deuxième phase")
    services.send_digests(dt.date(2026, 12, 6), "https://coopdec.example")
    assert len(mail.outbox) == 2
    assert "deuxième phase" in mail.outbox[1].body and "Eau potable" not in mail.outbox[1].body
    assert set(alert.deliveries.values_list("key", flat=True)) == {
        f"partnership:{wanted.pk}",
        f"partnership:{later.pk}",
    }


def test_a_record_that_stops_matching_is_not_sent(user: Any) -> None:
    services.save_search(user, "catalogue", {"q": ["tambacounda"], "relation_type": ["jumelage"]})
    add_partnership("Coopération Tambacounda")  # relation type cooperation: filtered out
    assert services.send_digests(dt.date(2026, 12, 5)).mails == 0


def test_funding_deadlines_within_30_days_once() -> None:
    last = programs.deadlines(PROGRAMME)[-1]
    user = make_user("dri@example.org")
    services.save_search(user, "funding", {"program": [PROGRAMME]})
    too_early = last.day - dt.timedelta(days=40)
    assert services.send_digests(too_early).mails == 0
    ten_days_before = last.day - dt.timedelta(days=10)
    assert services.send_digests(ten_days_before).items == 1
    assert last.day.strftime("%d/%m/%Y") in mail.outbox[0].body
    assert services.send_digests(ten_days_before).mails == 0


def test_after_the_data_end_a_funding_alert_says_a_verifier(user: Any) -> None:
    alert = services.save_search(user, "funding", {"program": [PROGRAMME]})
    last = programs.deadlines(PROGRAMME)[-1]
    [outlook] = services.funding_outlook(alert, last.day + dt.timedelta(days=400))
    assert outlook.next_day is None and outlook.last_known == last.day
    client = Client()
    client.force_login(user)
    page = client.get("/compte/alertes/").content.decode()
    if programs.next_deadline(PROGRAMME, dt.date.today()) is None:
        assert "à vérifier" in page and last.day.strftime("%d/%m/%Y") in page


def test_a_failed_mail_records_nothing(user: Any, settings: Any) -> None:
    services.save_search(user, "catalogue", {"q": ["tambacounda"]})
    add_partnership("Eau potable à Tambacounda")
    with socket.socket() as sock:  # a loopback port where nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    with pytest.raises(OSError):
        services.send_digests(dt.date(2026, 12, 5))
    assert AlertDelivery.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.send_digests(dt.date(2026, 12, 5)).items == 1


def test_bad_criteria_are_refused_by_every_interface(user: Any) -> None:
    with pytest.raises(services.AlertError) as caught:
        services.save_search(user, "catalogue", {"country": ["XX"]})
    assert caught.value.field == "country"
    with pytest.raises(services.AlertError) as caught:
        services.save_search(user, "funding", {"program": ["pas-un-programme"]})
    assert caught.value.field == "program"
    client = Client()
    client.force_login(user)
    page = client.get("/compte/alertes/?country=XX")
    assert page.status_code == 400 and "pays inconnu" in page.content.decode()
    secret = token_for(user)
    answer = Client().post(
        "/api/v1/alerts",
        {"kind": "catalogue", "params": {"theme": ["pas-un-theme"]}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["path"] == "params.theme"
    done = CliRunner().invoke(app, ["alerts", "add", "--email", user.email, "sdg=99"])
    assert done.exit_code == 2 and "sdg" in done.output
    assert SavedSearch.objects.count() == 0


def test_the_page_shows_criteria_in_words_saves_and_deletes(user: Any) -> None:
    client = Client()
    assert client.get("/compte/alertes/").status_code == 302  # sign-in first
    client.force_login(user)
    page = client.get("/compte/alertes/?q=eau&theme=eau_assainissement&page=2").content.decode()
    assert "Recevoir les nouveautés de cette recherche" in page
    assert "Eau et assainissement" in page  # the theme's label, not its code
    assert 'name="page"' not in page  # the page number is not a criterion
    created = client.post(
        "/compte/alertes/nouvelle/",
        {"kind": "catalogue", "q": "eau", "theme": "eau_assainissement", "name": "Eau"},
    )
    assert created.status_code == 302
    alert = SavedSearch.objects.get(user=user)
    assert services.params_of(alert) == {"q": ["eau"], "theme": ["eau_assainissement"]}
    listing = client.get("/compte/alertes/").content.decode()
    assert "Eau" in listing and "Voir la recherche" in listing
    # Another account cannot delete it.
    intruder = Client()
    intruder.force_login(make_user("autre@example.org"))
    intruder.post(f"/compte/alertes/{alert.pk}/supprimer/")
    assert SavedSearch.objects.filter(pk=alert.pk).exists()
    client.post(f"/compte/alertes/{alert.pk}/supprimer/")
    assert not SavedSearch.objects.filter(pk=alert.pk).exists()


def test_the_page_in_english(user: Any) -> None:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get("/compte/alertes/?theme=eau_assainissement").content.decode()
    assert "My alerts" in page and "Water and sanitation" in page


def test_the_api_lists_creates_and_deletes_the_owners_alerts_only(user: Any) -> None:
    secret = token_for(user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    api = Client()
    assert api.get("/api/v1/alerts").status_code == 401
    created = api.post(
        "/api/v1/alerts",
        {"kind": "funding", "params": {"program": [PROGRAMME]}, "name": "AAP"},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["params"] == {"program": [PROGRAMME]} and body["name"] == "AAP"
    assert [a["id"] for a in api.get("/api/v1/alerts", **auth).json()] == [body["id"]]
    other = make_user("autre@example.org")
    other_secret = token_for(other)
    gone = api.delete(f"/api/v1/alerts/{body['id']}", HTTP_AUTHORIZATION=f"Bearer {other_secret}")
    assert gone.status_code == 404
    assert api.delete(f"/api/v1/alerts/{body['id']}", **auth).status_code == 204
    assert api.get("/api/v1/alerts", **auth).json() == []


def test_the_cli_adds_lists_and_sends(user: Any) -> None:
    runner = CliRunner()
    added = runner.invoke(app, ["alerts", "add", "--email", user.email, "q=tambacounda"])
    assert added.exit_code == 0, added.output
    add_partnership("Eau potable à Tambacounda")
    listed = runner.invoke(app, ["alerts", "list", "--email", user.email, "--json"])
    assert json.loads(listed.output)[0]["pending"] == 1
    sent = runner.invoke(app, ["alerts", "send", "--json", "--date", "2026-12-05"])
    assert sent.exit_code == 0, sent.output
    assert json.loads(sent.output)["items"] == 1
    again = runner.invoke(app, ["alerts", "send", "--json", "--date", "2026-12-05"])
    assert json.loads(again.output)["items"] == 0
    bad = runner.invoke(app, ["alerts", "send", "--date", "05/12/2026"])
    assert bad.exit_code == 2 and "AAAA-MM-JJ" in bad.output
    assert runner.invoke(app, ["alerts", "list", "--email", "nobody@example.org"]).exit_code == 2


def test_the_catalogue_page_links_its_search_to_a_new_alert() -> None:
    page = Client().get("/catalogue/?q=eau&theme=eau_assainissement&page=2").content.decode()
    assert 'href="/compte/alertes/?q=eau&amp;theme=eau_assainissement"' in page
    assert "Créer une alerte" in page
