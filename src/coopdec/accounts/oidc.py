"""ProConnect sign-in (OpenID Connect, code flow with PKCE) on top of mozilla-django-oidc.

What this adds to the library: the endpoints come from the issuer's discovery document; the ID
token's issuer, audience and expiry are checked (the library checks only signature and nonce);
users are found by e-mail and named from ``given_name``/``usual_name``; the ``siret`` claim
joins the agent to its authority; any failure ends on a clear page with nobody signed in.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from functools import cache
from typing import Any
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.contrib import auth
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView
from requests import RequestException

from coopdec.accounts import audit

LOG = logging.getLogger(__name__)
ID_TOKEN_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


def enabled() -> bool:
    return bool(getattr(settings, "COOPDEC_OIDC_ENABLED", False))


def _issuer() -> str:
    return str(getattr(settings, "COOPDEC_OIDC_ISSUER", ""))


@cache
def discovery(issuer: str) -> dict[str, Any]:
    """The provider's discovery document; its ``issuer`` must be the configured one."""
    url = f"{issuer}/.well-known/openid-configuration"
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ImproperlyConfigured("COOPDEC_OIDC_ISSUER doit être une adresse https://")
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - scheme checked
            document: dict[str, Any] = json.load(answer)
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"découverte OpenID Connect impossible ({url}) : {exc}") from exc
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ImproperlyConfigured(
            f"le fournisseur OpenID Connect annonce l'émetteur {document.get('issuer')!r}, "
            f"pas {issuer!r}"
        )
    return document


def oidc_setting(attr: str, *args: Any) -> Any:
    """A mozilla-django-oidc setting, endpoints read from the discovery document."""
    if attr in ENDPOINTS and enabled():
        return discovery(_issuer()).get(ENDPOINTS[attr])
    return import_from_settings(attr, *args)


class ProConnectBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """The OIDC backend; inert when ``COOPDEC_OIDC_ISSUER`` is unset."""

    get_settings = staticmethod(oidc_setting)
    _userinfo = False  # True while the userinfo answer (possibly a signed JWT) is checked

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if enabled():
            super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if not enabled() or "code_verifier" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload: Any, key: Any) -> dict[str, Any]:
        """Signature, algorithm, issuer, audience and expiry, all checked."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("unexpected ID token algorithm")
        try:
            claims: dict[str, Any] = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=_issuer(),
                # ProConnect signs its userinfo answer too, without a lifetime of its own.
                options={"require": ["iss", "aud", "sub"] if self._userinfo else ID_TOKEN_CLAIMS},
                leeway=30,
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc
        return claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """Userinfo claims completed by the ID token's (``siret`` may be in either)."""
        self._userinfo = True
        try:
            info = dict(super().get_userinfo(access_token, id_token, payload))
        finally:
            self._userinfo = False
        if info.get("sub") and info["sub"] != payload.get("sub"):
            raise SuspiciousOperation("userinfo subject differs from the ID token's")
        for claim in ("email", "given_name", "usual_name", "siret"):
            if claim not in info and claim in payload:
                info[claim] = payload[claim]
        return info

    def get_username(self, claims: dict[str, Any]) -> str:
        return str(claims.get("email", "")).lower()

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = str(claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email)

    def create_user(self, claims: dict[str, Any]) -> Any:
        email = str(claims["email"]).lower()
        user = self.UserModel.objects.create_user(username=email, email=email)
        return self.update_user(user, claims)

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        """ProConnect vouches for the address: the account is active and named from claims."""
        from coopdec.accounts import services

        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("usual_name") or user.last_name)[:150]
        user.is_active = True
        user.save()
        services.join_by_siret(
            user, str(claims.get("siret") or ""), ip=audit.client_ip(self.request)
        )
        return user


class AuthenticateView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads the endpoints here; with ProConnect off there are none.
        if enabled():
            super().__init__(*args, **kwargs)
        else:
            View.__init__(self, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return failure_page(request, status=404)
        try:
            return super().get(request)  # type: ignore[no-any-return]
        except ImproperlyConfigured as exc:
            LOG.error("ProConnect unavailable: %s", exc)
            return failure_page(request, status=503)


class CallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The library's callback, with every refusal turned into a clear page."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return failure_page(request, status=404)
        try:
            return super().get(request)  # type: ignore[no-any-return]
        except (SuspiciousOperation, RequestException, jwt.PyJWTError) as exc:
            LOG.warning("ProConnect sign-in refused: %s", exc)
            return self.login_failure()

    def login_failure(self) -> HttpResponse:
        if self.request.user.is_authenticated:
            auth.logout(self.request)
        audit.record("auth.sign_in_failed", ip=audit.client_ip(self.request), target="proconnect")
        return failure_page(self.request, status=400)


def failure_page(request: HttpRequest, status: int) -> HttpResponse:
    return render(request, "accounts/oidc_failed.html", status=status)


def provider_logout_url(request: HttpRequest) -> str:
    """Where to send the browser to end the ProConnect session too (RP-initiated logout)."""
    home = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    id_token = request.session.get("oidc_id_token")
    if not enabled() or not id_token:
        return home
    endpoint = discovery(_issuer()).get("end_session_endpoint")
    if not endpoint:
        return home
    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": home})
    return f"{endpoint}?{query}"
