"""Contacts: organisations from reference/contacts.yaml, with their coverage links."""

from __future__ import annotations

import pytest

from coopdec.catalogue.models import Contact

pytestmark = pytest.mark.django_db


def test_all_organisations_loaded_with_sources() -> None:
    assert Contact.objects.count() == 45
    assert not Contact.objects.filter(source_url="").exists()


def test_regional_networks_cover_their_region() -> None:
    resacoop = Contact.objects.get(key="resacoop")
    assert resacoop.kind == "rrma"
    assert list(resacoop.regions.values_list("code", flat=True)) == ["84"]
    assert Contact.objects.filter(kind="rrma").count() == 12


def test_coverage_shapes_become_links_and_labels() -> None:
    pseau = Contact.objects.get(key="pseau")
    assert set(pseau.themes.values_list("code", flat=True)) == {"eau_assainissement"}
    assert "pseau@pseau.org ; toulouse@pseau.org" in pseau.email
    cuf = Contact.objects.get(key="cuf")
    assert {"MA", "SN", "LB"} <= set(cuf.countries.values_list("iso2", flat=True))
    dctciv = Contact.objects.get(key="dctciv")
    assert dctciv.coverage == "France entière"
    assert "75015 Paris" in dctciv.postal_address
