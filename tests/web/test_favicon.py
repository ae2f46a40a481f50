"""/favicon.ico, asked by browsers on pages that name no icon (the admin, the API docs)."""

from __future__ import annotations

from django.test import Client


def test_favicon_redirects_to_the_dsfr_icon() -> None:
    answer = Client().get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"].endswith("dsfr/dist/favicon/favicon.ico")
