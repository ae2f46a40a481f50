"""A production-configured server, probed from outside as the security review did.

``coopdec serve`` (gunicorn) on a free loopback port with DEBUG off, a real secret and the
HTTPS redirect on; requests come as from the TLS proxy (``X-Forwarded-Proto: https``). Then:
HSTS, a CSP without ``unsafe-inline`` and with ``frame-ancestors``, Referrer-Policy,
X-Content-Type-Options, cookies Secure/HttpOnly/SameSite, ``check --deploy`` clean, and the
admin only for staff, its sign-in throttled.
"""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ADMIN, ADMIN_PASSWORD = "admin@example.org", "un-mot-de-passe-solide-2026"
MEMBER, MEMBER_PASSWORD = "membre@example.org", "un-autre-mot-de-passe-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
    env.update(
        COOPDEC_DATA_DIR=str(data),
        COOPDEC_DEBUG="0",
        COOPDEC_SECRET_KEY=secrets.token_urlsafe(50),
        COOPDEC_SECURE_SSL_REDIRECT="1",
        COOPDEC_RATELIMIT_SIGNIN="30/m",  # this module signs in a dozen times in a minute
    )
    return env


@dataclass
class Server:
    port: int
    env: dict[str, str]
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, str] | None = None,
        *,
        https: bool = True,
    ) -> http.client.HTTPResponse:
        """One request as the TLS proxy forwards it; cookies kept as a browser would."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if https:
            headers["X-Forwarded-Proto"] = "https"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response

    def sign_in(self, path: str, username: str, password: str) -> http.client.HTTPResponse:
        page = self.request("GET", path)
        assert page.status == 200
        return self.request(
            "POST",
            path,
            {
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )


def set_cookie_headers(response: http.client.HTTPResponse) -> dict[str, str]:
    return {h.split("=", 1)[0]: h for h in response.headers.get_all("Set-Cookie") or []}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("production")
    env = production_env(data)
    command = [sys.executable, "-m", "coopdec"]
    assert subprocess.run([*command, "init"], env=env, capture_output=True, check=False,
                          timeout=600).returncode == 0  # fmt: skip
    made = subprocess.run(
        [*command, "createadmin", "--email", ADMIN],
        env={**env, "COOPDEC_ADMIN_PASSWORD": ADMIN_PASSWORD},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    member = subprocess.run(
        [sys.executable, "-c",
         "from coopdec.bootstrap import setup_django; setup_django()\n"
         "from coopdec.accounts import services\n"
         f"services.create_local_user({MEMBER!r}, {MEMBER_PASSWORD!r}, active=True)"],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert member.returncode == 0, member.stderr
    port = free_port()
    log = (data / "server.log").open("w")
    process = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError((data / "server.log").read_text()) from None
                time.sleep(0.3)
        yield Server(port, env)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_security_headers(server: Server) -> None:
    home = server.request("GET", "/")
    assert home.status == 200
    headers = home.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Server" not in headers or "Django" not in headers["Server"]
    # Plain HTTP (not through the TLS proxy) is sent to HTTPS.
    plain = server.request("GET", "/catalogue/", https=False)
    assert plain.status == 301
    assert plain.headers["Location"].startswith("https://")


def test_the_load_balancer_health_check_is_answered_over_plain_http(server: Server) -> None:
    """A proxy's active health check hits each app server directly, without TLS: a redirect
    to HTTPS would count as a failed check and take every server out of service."""
    health = server.request("GET", "/healthz", https=False)
    assert health.status == 200
    assert server.request("GET", "/catalogue/", https=False).status == 301


def test_cookies_are_secure_http_only_and_same_site(server: Server) -> None:
    server.cookies.clear()
    login = server.request("GET", "/compte/connexion/")
    csrf = set_cookie_headers(login)["csrftoken"]
    assert "Secure" in csrf and "SameSite=Lax" in csrf
    language = set_cookie_headers(server.request("GET", "/langue/en/?next=/"))
    cookie = language["django_language"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    signed_in = server.sign_in("/compte/connexion/", MEMBER, MEMBER_PASSWORD)
    assert signed_in.status == 302
    session = set_cookie_headers(signed_in)["sessionid"]
    assert "Secure" in session and "HttpOnly" in session and "SameSite=Lax" in session


def test_check_deploy_is_clean(server: Server) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**server.env, "DJANGO_SETTINGS_MODULE": "coopdec.settings"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues (0 silenced)" in done.stdout


def test_the_admin_is_for_staff_and_its_sign_in_is_throttled(server: Server) -> None:
    server.cookies.clear()
    anonymous = server.request("GET", "/admin/")
    assert anonymous.status == 302 and "/admin/login/" in anonymous.headers["Location"]
    # A signed-in member who is not staff does not get in.
    server.sign_in("/admin/login/", MEMBER, MEMBER_PASSWORD)
    assert server.request("GET", "/admin/").status == 302
    # The administrator gets in with the right password.
    server.cookies.clear()
    assert server.sign_in("/admin/login/", ADMIN, ADMIN_PASSWORD).status == 302
    assert server.request("GET", "/admin/").status == 200
    # Five wrong passwords for the administrator, then the right one is refused too.
    server.cookies.clear()
    for _ in range(5):
        wrong = server.sign_in("/admin/login/", ADMIN, "pas-le-bon-mot-de-passe")
        assert wrong.status in (200, 403, 429)
    locked = server.sign_in("/admin/login/", ADMIN, ADMIN_PASSWORD)
    assert locked.status != 302
    assert server.request("GET", "/admin/").status == 302  # still not in
