"""English pages name each language in that language, and the workspace's documents in English."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _english(client: Client) -> Client:
    client.get("/langue/en/?next=/")
    return client


def test_the_language_links_say_each_language_in_its_own_words(client: Client) -> None:
    for page in (client.get("/").content.decode(), _english(client).get("/").content.decode()):
        links = re.findall(
            r'hreflang="(\w+)".*?<span class="fr-sr-only"> — (\w+)</span>', page, re.S
        )
        assert dict(links) == {"fr": "français", "en": "English"}


def test_document_names_in_english(client: Client) -> None:
    html = _english(client).get("/projet/documents/").content.decode()
    assert "Partnership agreement" in html and "Draft council decision" in html
    assert "Convention de partenariat" not in html
