"""The diagnostic on the starter catalogue: every kind, with and without known actions,
overseas included; the page, the API and the CLI give the same figures; errors are clear."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from django.test import Client
from typer.testing import CliRunner

from coopdec.catalogue.models import ForeignAuthority, FrenchAuthority, Partnership
from coopdec.catalogue.search import refresh_index
from coopdec.cli.app import app
from coopdec.diagnostic import snapshot
from coopdec.diagnostic.service import AuthorityNotFoundError, diagnose
from coopdec.reference.models import Country, Theme

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 2)
runner = CliRunner()

# (kind, code, has known actions, zone): every kind, metropolitan and overseas.
AUTHORITIES = [
    ("commune", "29232", True, "metro"),  # Quimper
    ("commune", "01001", False, "metro"),  # L'Abergement-Clémenciat, 860 inhabitants
    ("commune", "97411", True, "drom"),  # Saint-Denis (La Réunion)
    ("commune", "97101", False, "drom"),  # Les Abymes (Guadeloupe)
    ("commune", "98735", False, "com"),  # Papeete
    ("commune", "75056", True, "metro"),  # Paris
    ("epci", "242900314", True, "metro"),  # Brest Métropole
    ("epci", "200067205", False, "metro"),  # CA du Cotentin
    ("ept", "200057990", False, "metro"),  # Boucle Nord de Seine
    ("departement", "29", True, "metro"),
    ("departement", "974", False, "drom"),
    ("region", "53", True, "metro"),
    ("region", "04", True, "drom"),  # La Réunion
    ("region", "01", False, "drom"),  # Guadeloupe
    ("region", "06", False, "drom"),  # Mayotte
    ("commune", "97611", False, "drom"),  # Mamoudzou
    ("collectivite_particuliere", "94", True, "metro"),  # Collectivité de Corse
]


@pytest.fixture(autouse=True)
def _fresh_snapshot() -> Iterator[None]:
    """Each test reads the catalogue as its own transaction left it."""
    snapshot.forget()
    yield
    snapshot.forget()


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def text_of(html: bytes) -> str:
    return norm(unescape(re.sub(r"<[^>]+>", " ", html.decode())))


@pytest.mark.parametrize(("kind", "code", "known", "zone"), AUTHORITIES)
def test_every_kind_gets_a_diagnostic(kind: str, code: str, known: bool, zone: str) -> None:
    report = diagnose(kind, code, on=ON)
    assert report.authority.kind.value == kind and report.authority.code == code
    assert report.authority.zone == zone
    assert report.known is known
    assert bool(report.footprint.own) is known
    # "No known action" is stated with the catalogue's coverage, never silently.
    if known:
        assert report.statement is None
    else:
        assert report.statement is not None
        assert f"{report.coverage.percent} %" in report.statement
        assert "10" in report.statement and "440" in report.statement
    assert report.peers.band_text
    assert report.peers.national.active <= report.peers.national.peers
    for advice in report.countries:
        assert advice.reasons, advice.country  # no score without its facts
        assert abs(advice.score - sum(r.weight for r in advice.reasons)) < 1e-6
        assert all(r.text and "%(" not in r.text for r in advice.reasons)
    for line in report.funding:
        assert line.state in {"open", "to_check"}
    json.dumps(report.to_json())  # the API's answer serialises


def test_a_commune_sees_its_covering_authorities_and_its_regional_network() -> None:
    report = diagnose("commune", "29232", on=ON)
    related = {r.authority.value: r for r in report.footprint.related}
    assert related["departement/29"].relation == "covering"
    assert related["region/53"].actions >= 1
    assert report.network.rrma, "Réseau Bretagne Solidaire"
    assert report.peers.band_text == "communes de 50\xa0000 à 99\xa0999 habitants"
    assert report.peers.region is not None and report.peers.region.peers >= 1


def test_a_region_sees_the_authorities_it_covers() -> None:
    report = diagnose("region", "53", on=ON)
    covered = [r for r in report.footprint.related if r.relation == "covered"]
    assert covered and report.footprint.covered_active >= len(covered)
    assert report.peers.region is None  # a région's peers are nationwide only


def test_priorities_steer_the_themes_and_the_funding() -> None:
    small = diagnose("commune", "01001", ["eau"], on=ON)
    assert [p.value for p in small.priorities] == ["eau"]
    assert "one-percent-eau" in {f.id for f in small.funding}
    plain = diagnose("commune", "29232", on=ON)
    water = diagnose("commune", "29232", ["eau"], on=ON)
    water_reasons = {r.code for c in water.countries for r in c.reasons}
    assert "themes_there" in water_reasons
    assert plain.countries != water.countries


def test_funding_whose_data_end_is_to_check_never_dropped(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years after the last known editions, the same programmes are listed, "to check" with
    their last known values: none disappears (nor reads "not eligible") because data end."""
    from coopdec.diagnostic.funding import open_programmes

    themes = frozenset({"eau_assainissement"})
    now = {f.id: f for f in open_programmes("commune", "29232", themes, ("SN",), ON)}
    later_day = dt.date(2032, 3, 2)
    later = {f.id: f for f in open_programmes("commune", "29232", themes, ("SN",), later_day)}
    assert set(later) == set(now)
    ended = [f for f in later.values() if f.last_known_year and f.last_known_year < 2032]
    assert ended and all(f.state == "to_check" for f in ended)
    from coopdec.diagnostic import service

    monkeypatch.setattr(service, "today", lambda: later_day)  # the clock, nothing else
    body = text_of(client.get("/collectivites/commune/29232/diagnostic/").content)
    assert "à vérifier" in body and "non éligible" not in body.replace(
        "rien n'est déclaré « non éligible »", ""
    )


def test_the_funding_cache_answers_as_the_finder_would() -> None:
    """Themes that no programme reserves do not change the answer: the cache shares it."""
    from coopdec.diagnostic import funding

    funding._CACHE.clear()
    for themes in (
        frozenset(),
        frozenset({"sante"}),
        frozenset({"sante", "francophonie"}),
        frozenset({"eau_assainissement"}),
        frozenset({"eau_assainissement", "sante"}),
    ):
        for kind, code in (("commune", "29232"), ("region", "04")):
            cached = funding.open_programmes(kind, code, themes, ("SN", "MA"), ON)
            assert cached == funding._judge(kind, code, themes, ("SN", "MA"), ON), themes


def test_a_cold_and_a_warm_diagnostic_give_the_same_funding() -> None:
    """Judgements are cached per programme and per what the finder reads of an authority: an
    authority seen first (cold) and seen again after its neighbours and every kind filled the
    cache (warm) get the same lines as the finder judging every programme afresh — for every
    kind, overseas, split water basins, regional schemes, with and without themes."""
    from coopdec.diagnostic import funding

    cases = [(kind, code) for kind, code, _known, _zone in AUTHORITIES] + [
        ("commune", "03185"),  # Montluçon: the Allier's own scheme
        ("departement", "03"),  # the Allier, never offered its own scheme
        ("region", "75"),  # Nouvelle-Aquitaine, never offered its own scheme
        ("commune", "33063"),  # Bordeaux: the Nouvelle-Aquitaine scheme
        ("commune", "01053"),  # Bourg-en-Bresse (Ain, between two water basins)
        ("commune", "59350"),  # Lille (Artois-Picardie)
    ]
    themes_cases = [
        frozenset(),
        frozenset({"eau_assainissement", "jeunesse"}),
        frozenset({"sante"}),
    ]
    countries = ("SN", "LB", "MA")
    funding._CACHE.clear()
    cold = {
        (kind, code, themes): funding.open_programmes(kind, code, themes, countries, ON)
        for kind, code in cases
        for themes in themes_cases
    }
    assert len(funding._CACHE) < len(cold) * len(cold[("commune", "29232", frozenset())])
    for (kind, code, themes), first in cold.items():
        fresh = funding._judge(kind, code, themes, countries, ON)
        warm = funding.open_programmes(kind, code, themes, countries, ON)
        assert first == warm == fresh, (kind, code, themes)
        assert [f.reasons for f in first] == [f.reasons for f in fresh]
    # The same through the whole diagnostic: cold (empty cache), then warm.
    funding._CACHE.clear()
    before = [diagnose(kind, code, ["eau"], on=ON).to_json()["funding"] for kind, code in cases]
    after = [diagnose(kind, code, ["eau"], on=ON).to_json()["funding"] for kind, code in cases]
    assert before == after
    assert any(line["state"] == "to_check" for found in before for line in found)


def test_an_open_call_on_its_themes_is_listed() -> None:
    brest = FrenchAuthority.objects.get(kind="epci", code="242900314")
    partner = ForeignAuthority.objects.create(
        name="Commune de Test",
        search_name="commune de test",
        country=Country.objects.get(iso2="SN"),
    )
    call = Partnership.objects.create(
        key="test-open-call", title="Eau potable à Test, ouvert", relation_type="cooperation",
        open_to_new_members=True, source_url="https://example.org/appel",
    )  # fmt: skip
    call.french_authorities.add(brest)
    call.foreign_authorities.add(partner)
    call.themes.add(Theme.objects.get(code="eau_assainissement"))
    report = diagnose("commune", "29232", ["eau"], on=ON)
    assert [c.title for c in report.open_calls] == ["Eau potable à Test, ouvert"]
    assert report.open_calls[0].carried_by[0].label == "Brest Métropole"
    assert report.open_calls[0].sources == ["https://example.org/appel"]


def test_the_snapshot_follows_the_search_index_generation() -> None:
    before = diagnose("commune", "01001", on=ON)
    assert diagnose("commune", "01001", on=ON).footprint == before.footprint
    kept = snapshot.current()
    assert not before.known
    commune = FrenchAuthority.objects.get(kind="commune", code="01001")
    partner = ForeignAuthority.objects.create(
        name="Gemeinde Test", search_name="gemeinde test", country=Country.objects.get(iso2="DE")
    )
    twinning = Partnership.objects.create(
        key="test-twin", title="Jumelage", relation_type="jumelage"
    )
    twinning.french_authorities.add(commune)
    twinning.foreign_authorities.add(partner)
    # Until the index moves on (as ``catalogue_changed`` does after every write), the snapshot
    # stays; then the next diagnostic reads the catalogue afresh.
    assert snapshot.current() is kept
    refresh_index(partnerships=[twinning.pk])
    assert snapshot.current() is not kept
    after = diagnose("commune", "01001", on=ON)
    assert after.known and [c.country.value for c in after.footprint.by_country] == ["DE"]


def test_unknown_authority_and_priority_are_refused() -> None:
    with pytest.raises(AuthorityNotFoundError, match="99999"):
        diagnose("commune", "99999")


def test_api_cli_and_service_give_the_same_json(client: Client) -> None:
    expected = diagnose("commune", "29232", ["eau", "jeunesse"], on=ON).to_json()
    response = client.get(
        "/api/v1/french-authorities/commune/29232/diagnostic",
        {"priority": ["eau", "jeunesse"], "date": ON.isoformat()},
    )
    assert response.status_code == 200
    assert response.json() == expected
    result = runner.invoke(
        app,
        ["diagnostic", "commune", "29232", "--priority", "eau", "--priority", "jeunesse",
         "--date", ON.isoformat(), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == expected


def test_the_page_shows_the_same_figures(client: Client) -> None:
    report = diagnose("commune", "29232", ["eau"], on=dt.date.today())
    page = client.get("/collectivites/commune/29232/diagnostic/", {"priority": "eau"})
    assert page.status_code == 200
    text = text_of(page.content)
    national = report.peers.national
    assert f"En France : {national.active} sur {national.peers} agissent" in text
    for advice in report.countries:
        assert advice.country.label in text
        assert norm(advice.reasons[0].text) in text
    for line in report.footprint.by_country:
        assert norm(line.country.label) in text
    for line in report.funding:
        assert norm(line.name) in text
    assert 'value="eau" checked' in page.content.decode()


@pytest.mark.parametrize(
    ("kind", "code"),
    [("region", "04"), ("departement", "29"), ("epci", "242900314"), ("ept", "200057990"),
     ("collectivite_particuliere", "94"), ("commune", "97101")],
)  # fmt: skip
def test_every_kind_has_the_same_figures_in_the_cli_the_api_and_the_page(
    client: Client, kind: str, code: str
) -> None:
    """Beyond the commune above: one authority of every other kind (overseas included, with
    and without known actions) reads the same in the terminal, the API and the page."""
    on = dt.date.today()  # the page judges funding on today's date
    expected = diagnose(kind, code, on=on).to_json()
    api = client.get(f"/api/v1/french-authorities/{kind}/{code}/diagnostic")
    assert api.status_code == 200 and api.json() == expected
    result = runner.invoke(app, ["diagnostic", kind, code, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == expected
    page = client.get(f"/collectivites/{kind}/{code}/diagnostic/")
    assert page.status_code == 200
    text = text_of(page.content)
    national = expected["peers"]["national"]
    active, peers = (f"{national[k]:,}".replace(",", " ") for k in ("active", "peers"))
    assert f"En France : {active} sur {peers} agissent" in text
    for advice in expected["countries"]:
        assert norm(advice["country"]["label"]) in text
    for line in expected["funding"]:
        assert norm(line["name"]) in text
    for line in expected["footprint"]["by_country"]:
        assert norm(line["country"]["label"]) in text


def test_errors_over_http_and_in_the_terminal(client: Client) -> None:
    missing = client.get("/api/v1/french-authorities/commune/99999/diagnostic")
    assert missing.status_code == 404 and "99999" in missing.json()["detail"]
    bad = client.get("/api/v1/french-authorities/commune/29232/diagnostic?priority=golf")
    assert bad.status_code == 400 and bad.json()["parameter"] == "priority"
    assert client.get("/collectivites/commune/99999/diagnostic/").status_code == 404
    page = client.get("/collectivites/commune/29232/diagnostic/?priority=golf")
    assert page.status_code == 400 and "golf" in page.content.decode()
    result = runner.invoke(app, ["diagnostic", "commune", "99999"])
    assert result.exit_code == 2 and "99999" in result.output
    result = runner.invoke(app, ["diagnostic", "commune", "29232", "--priority", "golf"])
    assert result.exit_code == 2 and "golf" in result.output


def test_the_page_is_in_english_too(client: Client) -> None:
    page = client.get(
        "/collectivites/commune/29232/diagnostic/", HTTP_ACCEPT_LANGUAGE="en", headers={}
    )
    assert page.status_code == 200
    assert 'lang="en"' in page.content.decode()


def test_openapi_lists_the_diagnostic_routes(client: Client) -> None:
    paths: dict[str, Any] = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/french-authorities/{kind}/{code}/diagnostic",
        "/api/v1/french-authorities/{kind}/{code}/opportunity-note",
        "/api/v1/mandate-priorities",
    ):
        assert path in paths, path
