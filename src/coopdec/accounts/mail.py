"""The account e-mails: verification link, or "you already have an account" (no enumeration)."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from coopdec.accounts.tokens import verification_token


def send_verification(user: Any, base_url: str) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = base_url + reverse(
        "accounts:verify", kwargs={"uidb64": uid, "token": verification_token.make_token(user)}
    )
    body = render_to_string("accounts/mail/verify.txt", {"link": link, "user": user})
    send_mail(_("coopdec : confirmez votre adresse électronique"), body, None, [user.email])


def send_already_registered(email: str, base_url: str) -> None:
    body = render_to_string(
        "accounts/mail/already_registered.txt",
        {"login": base_url + reverse("accounts:login"),
         "reset": base_url + reverse("accounts:password_reset")},
    )  # fmt: skip
    send_mail(_("coopdec : vous avez déjà un compte"), body, None, [email])
