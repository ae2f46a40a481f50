"""ProConnect sign-in against a real OpenID Connect provider on loopback (tests/oidc_provider).

The browser side is played by the Django test client (coopdec) and a requests session (the
provider's pages); coopdec's server side talks to the provider over real HTTP.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from coopdec.accounts import oidc
from coopdec.accounts.models import AuditEvent, Membership
from coopdec.config.accounts import oidc_settings
from tests.oidc_provider import run

CALLBACK = "http://testserver/compte/connexion/proconnect/retour/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[run.LoopbackProvider]:
    workdir = tmp_path_factory.mktemp("oidc")
    with run.running(workdir, [CALLBACK], ["http://testserver/"]) as loopback:
        yield loopback


@pytest.fixture
def proconnect(settings: Any, provider: run.LoopbackProvider) -> run.LoopbackProvider:
    for name, value in oidc_settings(provider.environment()).items():
        setattr(settings, name, value)
    oidc.discovery.cache_clear()
    return provider


def _to_callback(client: Client, login: str) -> str:
    """Walk the provider's pages as a browser would; return coopdec's callback URL."""
    start = client.get("/compte/connexion/proconnect/")
    assert start.status_code == 302
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert set(query["scope"][0].split()) == {"openid", "email", "given_name", "usual_name",
                                              "siret"}  # fmt: skip
    browser = requests.Session()
    page = browser.get(start["Location"], timeout=10)
    assert "Connexion ProConnect" in page.text
    answer = browser.post(urljoin(page.url, page.url.split("?")[0] + "/login"),
                          data={"login": login, "password": run.PASSWORD},
                          allow_redirects=False, timeout=10)  # fmt: skip
    for _ in range(10):
        location = urljoin(answer.url, answer.headers["Location"])
        if location.startswith("http://testserver/"):
            return location
        answer = browser.get(location, allow_redirects=False, timeout=10)
    raise AssertionError("the provider never sent the browser back")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


@pytest.mark.django_db
def test_sign_in_joins_the_authority_of_the_siret(proconnect: Any) -> None:
    client = Client()
    callback = _to_callback(client, "agent.brest")
    answer = client.get(_path(callback))
    assert answer.status_code == 302, answer.content.decode()[:500]
    assert answer["Location"] == "/compte/"
    page = client.get("/compte/").content.decode()
    assert "Brest" in page and "SIRET ProConnect" in page
    membership = Membership.objects.get(user__email="anne.kerbrat@brest.example.fr")
    assert membership.status == Membership.Status.APPROVED
    assert membership.via == Membership.Via.SIRET
    assert membership.authority.code == "29019"
    assert membership.user.first_name == "Anne" and membership.user.last_name == "Kerbrat"
    event = AuditEvent.objects.get(action="membership.auto_siret")
    assert event.details["siret"] == run.BREST_SIRET
    assert AuditEvent.objects.filter(action="auth.sign_in", details__how="proconnect").exists()
    # Replaying the same callback (code and state) signs nobody in, in any browser.
    for replay in (client, Client()):
        refused = replay.get(_path(callback))
        assert refused.status_code == 400
        assert "a échoué" in refused.content.decode()
    assert client.get("/compte/").status_code == 302


@pytest.mark.django_db
def test_sign_out_goes_on_to_the_provider(proconnect: Any) -> None:
    client = Client()
    client.get(_path(_to_callback(client, "agent.brest")))
    confirm = client.get("/compte/deconnexion/").content.decode()
    token = confirm.split("jeton=")[1].split('"')[0]
    answer = client.get(f"/compte/deconnexion/?jeton={token}")
    assert answer.status_code == 302
    end = urlsplit(answer["Location"])
    assert f"{end.scheme}://{end.netloc}" == proconnect.issuer
    assert end.path == "/session/end"
    query = parse_qs(end.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert query["id_token_hint"]
    assert client.get("/compte/").status_code == 302


@pytest.mark.django_db
def test_a_siret_of_no_authority_joins_nothing(proconnect: Any) -> None:
    client = Client()
    assert client.get(_path(_to_callback(client, "agent.ailleurs"))).status_code == 302
    assert not Membership.objects.filter(user__email="paul.martin@example.fr").exists()


@pytest.mark.django_db
def test_wrong_state_is_refused(proconnect: Any) -> None:
    client = Client()
    callback = _to_callback(client, "agent.brest")
    forged = callback.replace("state=", "state=x")
    answer = client.get(_path(forged))
    assert answer.status_code == 400
    assert "_auth_user_id" not in client.session


def _claims(provider: run.LoopbackProvider, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"iss": provider.issuer, "aud": run.CLIENT_ID, "sub": "agent.brest",
              "iat": now, "exp": now + 300, "nonce": "n0nce"}  # fmt: skip
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


@pytest.mark.django_db
def test_forged_and_expired_id_tokens_are_refused(proconnect: Any) -> None:
    backend = oidc.ProConnectBackend()
    good = proconnect.sign(_claims(proconnect))
    assert backend.verify_token(good, nonce="n0nce")["sub"] == "agent.brest"
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(_claims(proconnect), other_key, algorithm="RS256",
                        headers={"kid": proconnect.kid})  # fmt: skip
    bad_tokens = {
        "expired": proconnect.sign(
            _claims(proconnect, iat=int(time.time()) - 900, exp=int(time.time()) - 600)
        ),
        "issuer": proconnect.sign(_claims(proconnect, iss="http://127.0.0.1:1")),
        "audience": proconnect.sign(_claims(proconnect, aud="another-client")),
        "no expiry": proconnect.sign(_claims(proconnect, exp=None)),
        "signature": forged,
    }
    for why, token in bad_tokens.items():
        try:
            backend.verify_token(token, nonce="n0nce")
        except SuspiciousOperation:
            continue
        pytest.fail(f"an ID token with a bad {why} was accepted")
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(good, nonce="another")


def test_issuer_mismatch_in_discovery_is_refused(proconnect: Any, settings: Any) -> None:
    from django.core.exceptions import ImproperlyConfigured

    # Same server, another name: the document announces http://127.0.0.1:…, not localhost.
    with pytest.raises(ImproperlyConfigured, match="émetteur"):
        oidc.discovery(proconnect.issuer.replace("127.0.0.1", "localhost"))


@pytest.mark.django_db
def test_off_when_unset(settings: Any) -> None:
    settings.COOPDEC_OIDC_ENABLED = False
    page = Client().get("/compte/connexion/").content.decode()
    assert "ProConnect" not in page
    assert Client().get("/compte/connexion/proconnect/").status_code == 404


def test_partial_settings_are_a_configuration_error() -> None:
    from coopdec.config.env import ConfigurationError

    with pytest.raises(ConfigurationError):
        oidc_settings({"COOPDEC_OIDC_ISSUER": "https://auth.example.gouv.fr"})
    assert oidc_settings({}) == {"COOPDEC_OIDC_ENABLED": False}


def test_provider_files_are_committed_without_node_modules() -> None:
    here = Path(run.__file__).parent
    assert (here / "package-lock.json").is_file()


@pytest.mark.django_db
def test_signed_userinfo_needs_no_lifetime_but_an_id_token_does(proconnect: Any) -> None:
    backend = oidc.ProConnectBackend()
    userinfo = proconnect.sign({"iss": proconnect.issuer, "aud": run.CLIENT_ID, "sub": "x"})
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(userinfo)
    backend._userinfo = True
    assert backend.verify_token(userinfo)["sub"] == "x"
    wrong_audience = proconnect.sign({"iss": proconnect.issuer, "aud": "autre", "sub": "x"})
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(wrong_audience)
