"""Translations: the committed .mo files are what the .po files compile to; every message of
the pages is translated into English with the same placeholders; pages and reference labels
switch language."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from coopdec.web.pofile import LOCALE_DIR, compile_mo, parse_po, po_files
from tests.web.catalogue_data import Created

PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]|%%")
# Messages of these files must be in English (other apps' translations are their owners').
# "web/" covers the project workspace too (web/workspace/, web/templates/workspace/).
OWNED = ("web/", "catalogue/", "reference/", "workspaces/", "settings.py")


def test_every_mo_is_its_po_compiled() -> None:
    files = po_files()
    assert {p.parent.parent.name for p in files} == {"fr", "en"}
    for po in files:
        mo = po.with_suffix(".mo")
        assert mo.read_bytes() == compile_mo(parse_po(po)), (
            f"{mo} is stale: run python -m coopdec.web.pofile"
        )


def test_page_messages_are_all_in_english_with_their_placeholders() -> None:
    entries = parse_po(LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po")
    owned = [e for e in entries if e.msgid and any(r.startswith(OWNED) for r in e.references)]
    assert len(owned) > 500
    workspace = [e for e in owned if any("workspace" in r for r in e.references)]
    assert len(workspace) > 200
    untranslated = [e.msgid for e in owned if not e.translated]
    assert untranslated == []
    for entry in owned:
        sources = [entry.msgid] if entry.plural is None else [entry.msgid, entry.plural]
        for source, text in zip(sources, entry.msgstr, strict=True):
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source


@pytest.mark.django_db
def test_english_pages_and_reference_labels(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/catalogue/").content.decode()
    assert '<html lang="en"' in html
    assert "<h1>Catalogue of partnerships and projects</h1>" in html
    assert "Download (CSV)" in html and "Sort by" in html
    why = client.get("/pourquoi-agir/").content.decode()
    assert "Clean water and sanitation" in why and "Water and sanitation" in why
    contacts = client.get("/contacts/?kind=rrma").content.decode()
    assert "regional multi-stakeholder network" in contacts
    country = client.get("/pays/DE/").content.decode()
    assert "Decentralised cooperation with this country: Germany" in country


@pytest.mark.django_db
def test_catalogue_words_follow_the_language_of_each_request(
    client: Client, catalogue: Created
) -> None:
    french = client.get("/catalogue/?country=BF").content.decode()
    assert "Partenariat · coopération" in french and "convention-cadre" in french
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/catalogue/?country=BF").content.decode()
    assert "Partnership · cooperation" in english
    assert ">framework agreement <span" in english  # the relation-type facet
    assert "Water and sanitation" in english and "Burkina Faso" in english
