"""Local accounts end to end through a real SMTP server on loopback (aiosmtpd).

Sign-up, the verification link, sign-in, password reset (single use), throttling and the
absence of account enumeration; staff sessions that end at logout (issue 20.5).
"""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from tests.accounts.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://testserver(/compte/\S+/)")


class Mailbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def bodies(self) -> list[str]:
        return [str(message.get_content()) for message in self.messages]


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield box
    finally:
        controller.stop()


def _sign_up(client: Client, address: str) -> Any:
    return client.post(
        "/compte/inscription/",
        {"email": address, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_sign_up_verify_sign_in(mailbox: Mailbox) -> None:
    client = Client()
    answer = _sign_up(client, "Reseau@Example.org")
    assert answer.status_code == 200
    assert "Consultez votre messagerie" in answer.content.decode()
    # Not verified yet: the sign-in is refused with the one generic message.
    refused = client.post("/compte/connexion/", {"username": "reseau@example.org",
                                                  "password": PASSWORD})  # fmt: skip
    assert "incorrect" in refused.content.decode()
    [body] = mailbox.bodies()
    link = LINK.search(body)
    assert link is not None
    assert client.get(link.group(1)).status_code == 302
    # The link is single-use.
    assert client.get(link.group(1)).status_code == 400
    signed = client.post("/compte/connexion/", {"username": "reseau@example.org",
                                                 "password": PASSWORD})  # fmt: skip
    assert signed.status_code == 302
    assert client.get("/compte/").status_code == 200


def test_sign_up_does_not_reveal_existing_accounts(mailbox: Mailbox) -> None:
    make_user("deja@example.org")
    known = _sign_up(Client(), "deja@example.org")
    unknown = _sign_up(Client(), "nouveau@example.org")
    assert known.status_code == unknown.status_code == 200
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    # The known address is told it already has an account; no second account exists.
    subjects = sorted(str(m["Subject"]) for m in mailbox.messages)
    assert len(subjects) == 2
    assert any("déjà un compte" in s for s in subjects)
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(email__iexact="deja@example.org").count() == 1


def test_password_reset_link_is_single_use(mailbox: Mailbox) -> None:
    make_user("agent@example.org")
    client = Client()
    for address in ("agent@example.org", "inconnu@example.org"):
        answer = client.post("/compte/mot-de-passe/", {"email": address})
        assert answer.status_code == 302
        assert answer["Location"] == "/compte/mot-de-passe/envoye/"
    [body] = mailbox.bodies()  # only the real account got a mail
    link = LINK.search(body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"]
    new = "another long passphrase 77"
    done = client.post(form_page.redirect_chain[-1][0],
                       {"new_password1": new, "new_password2": new})  # fmt: skip
    assert done.status_code == 302
    again = Client().get(link.group(1), follow=True)
    assert not again.context["validlink"]
    assert Client().login(username="agent@example.org", password=new)


def test_password_reset_link_expires(mailbox: Mailbox, settings: Any) -> None:
    from datetime import datetime, timedelta
    from unittest import mock

    make_user("agent2@example.org")
    Client().post("/compte/mot-de-passe/", {"email": "agent2@example.org"})
    [body] = mailbox.bodies()
    link = LINK.search(body)
    assert link is not None
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with mock.patch("django.contrib.auth.tokens.PasswordResetTokenGenerator._now",
                    return_value=later):  # fmt: skip
        answer = Client().get(link.group(1), follow=True)
    assert not answer.context["validlink"]


def test_sign_in_is_throttled_with_a_clear_message() -> None:
    make_user("cible@example.org")
    client = Client()
    answers = [
        client.post("/compte/connexion/", {"username": "cible@example.org", "password": "mauvais"})
        for _ in range(5)
    ]
    # Four refusals on the form, the fifth failure locks (AXES_FAILURE_LIMIT = 5).
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    locked = client.post("/compte/connexion/", {"username": "cible@example.org",
                                                 "password": PASSWORD})  # fmt: skip
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.content.decode()
    # The same answer for an address that has no account: no enumeration by lockout.
    for _ in range(6):
        ghost = client.post("/compte/connexion/", {"username": "fantome@example.org",
                                                    "password": "mauvais"})  # fmt: skip
    assert ghost.status_code == 429


def test_admin_sign_in_is_throttled() -> None:
    make_user("chef@example.org", is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "chef@example.org", "password": "mauvais"})
    locked = client.post("/admin/login/", {"username": "chef@example.org", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_cookie_replayed_after_logout_is_refused(settings: Any) -> None:
    make_user("chef2@example.org", is_staff=True, is_superuser=True)
    client = Client()
    answer = client.post("/admin/login/?next=/admin/",
                         {"username": "chef2@example.org", "password": PASSWORD})  # fmt: skip
    assert answer.status_code == 302
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = cookie
    replay = thief.get("/admin/")
    assert replay.status_code == 302
    assert replay["Location"].startswith("/admin/login/")


def test_session_is_rotated_at_sign_in(settings: Any) -> None:
    make_user("rotation@example.org")
    client = Client()
    client.get("/compte/connexion/")
    client.session["marker"] = 1
    session = client.session
    session["marker"] = 1
    session.save()
    before = session.session_key
    client.post("/compte/connexion/", {"username": "rotation@example.org", "password": PASSWORD})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_sign_out_link_needs_the_session_token() -> None:
    make_user("sortie@example.org")
    client = Client()
    assert client.login(username="sortie@example.org", password=PASSWORD)
    forged = client.get("/compte/deconnexion/?jeton=faux")
    assert forged.status_code == 200  # a confirmation page, still signed in
    assert client.get("/compte/").status_code == 200
    page = client.get("/compte/")
    token = re.search(r"/compte/deconnexion/\?jeton=(\w+)", page.content.decode())
    if token is None:  # the account page links to the confirmation page
        token = re.search(r"jeton=(\w+)", client.get("/compte/deconnexion/").content.decode())
    assert token is not None
    assert client.get(f"/compte/deconnexion/?jeton={token.group(1)}").status_code == 302
    assert client.get("/compte/").status_code == 302


def test_forms_need_csrf() -> None:
    client = Client(enforce_csrf_checks=True)
    for url, data in [
        ("/compte/connexion/", {"username": "a@example.org", "password": "x"}),
        ("/compte/inscription/", {"email": "a@example.org"}),
        ("/compte/mot-de-passe/", {"email": "a@example.org"}),
    ]:
        assert client.post(url, data).status_code == 403
