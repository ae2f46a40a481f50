"""Production settings: server-side sessions, cookies Secure/HttpOnly/SameSite, throttling on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json
from coopdec import settings as s
print(json.dumps({k: getattr(s, k, None) for k in (
    "SESSION_ENGINE", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE", "AXES_FAILURE_LIMIT",
    "EMAIL_BACKEND", "COOPDEC_OIDC_ENABLED")}))
"""


def _settings(**env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COOPDEC_")}
    clean.update(env)
    done = subprocess.run([sys.executable, "-c", PROBE], env=clean, capture_output=True,
                          text=True, check=False, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_production_cookies_and_sessions() -> None:
    values = _settings(COOPDEC_DEBUG="0", COOPDEC_SECRET_KEY="x" * 60,
                       COOPDEC_EMAIL_HOST="smtp.example.org")  # fmt: skip
    assert values == {
        "SESSION_ENGINE": "django.contrib.sessions.backends.db",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "AXES_FAILURE_LIMIT": 5,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "COOPDEC_OIDC_ENABLED": False,
    }


def test_make_run_needs_no_account_variables() -> None:
    values = _settings(COOPDEC_DEBUG="1")
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["COOPDEC_OIDC_ENABLED"] is False
