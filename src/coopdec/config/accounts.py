"""Account settings read from ``COOPDEC_EMAIL_*`` and ``COOPDEC_OIDC_*`` (docs/accounts.md).

Imported by ``coopdec.settings`` before Django is set up: no model imports here.
"""

from __future__ import annotations

import os
from typing import Any

from coopdec.config.env import ConfigurationError


def email_settings(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """SMTP when ``COOPDEC_EMAIL_HOST`` is set, else the console (``make run``)."""
    env = dict(os.environ if environ is None else environ)
    sender = env.get("COOPDEC_EMAIL_FROM") or "coopdec <ne-pas-repondre@coopdec.localhost>"
    host = env.get("COOPDEC_EMAIL_HOST", "").strip()
    if not host:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "DEFAULT_FROM_EMAIL": sender,
        }
    try:
        port = int(env.get("COOPDEC_EMAIL_PORT") or 587)
    except ValueError as exc:
        raise ConfigurationError("COOPDEC_EMAIL_PORT doit être un nombre") from exc
    security = (env.get("COOPDEC_EMAIL_SECURITY") or "starttls").lower()
    if security not in {"starttls", "ssl", "none"}:
        raise ConfigurationError("COOPDEC_EMAIL_SECURITY doit valoir starttls, ssl ou none")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": host,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": env.get("COOPDEC_EMAIL_USER", ""),
        "EMAIL_HOST_PASSWORD": env.get("COOPDEC_EMAIL_PASSWORD", ""),
        "EMAIL_USE_TLS": security == "starttls",
        "EMAIL_USE_SSL": security == "ssl",
        "EMAIL_TIMEOUT": 10,
        "DEFAULT_FROM_EMAIL": sender,
    }


def oidc_settings(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """mozilla-django-oidc settings for ProConnect; empty (sign-in off) when unset.

    The endpoints come from the issuer's discovery document, read at the first sign-in
    (``coopdec.accounts.oidc``), so only the issuer URL is configured.
    """
    env = dict(os.environ if environ is None else environ)
    issuer = (env.get("COOPDEC_OIDC_ISSUER") or "").strip().rstrip("/")
    if not issuer:
        return {"COOPDEC_OIDC_ENABLED": False}
    client_id = env.get("COOPDEC_OIDC_CLIENT_ID", "").strip()
    secret = env.get("COOPDEC_OIDC_CLIENT_SECRET", "").strip()
    if not client_id or not secret:
        raise ConfigurationError(
            "COOPDEC_OIDC_ISSUER est défini : COOPDEC_OIDC_CLIENT_ID et "
            "COOPDEC_OIDC_CLIENT_SECRET sont alors obligatoires"
        )
    return {
        "COOPDEC_OIDC_ENABLED": True,
        "COOPDEC_OIDC_ISSUER": issuer,
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": secret,
        "OIDC_RP_SIGN_ALGO": env.get("COOPDEC_OIDC_SIGN_ALGO") or "RS256",
        "OIDC_RP_SCOPES": "openid email given_name usual_name siret",
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_STORE_ID_TOKEN": True,  # for the logout at the provider (id_token_hint)
        "OIDC_OP_LOGOUT_URL_METHOD": "coopdec.accounts.oidc.provider_logout_url",
        "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:oidc_callback",
        "OIDC_CALLBACK_CLASS": "coopdec.accounts.oidc.CallbackView",
        "OIDC_AUTHENTICATE_CLASS": "coopdec.accounts.oidc.AuthenticateView",
        "LOGIN_REDIRECT_URL_FAILURE": "/compte/connexion/echec/",
        "OIDC_TIMEOUT": 10,
        # ProConnect's claims are in the signed ID token and the userinfo answer.
        "OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS": 3600,
    }
