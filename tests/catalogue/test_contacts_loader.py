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


def test_a_water_agency_serves_the_regions_its_basin_reaches() -> None:
    """The département -> agency table settles the régions (a split département counts for
    both its agencies), and the agency is a water body."""
    loire_bretagne = Contact.objects.get(key="ae-lb")
    regions = set(loire_bretagne.regions.values_list("code", flat=True))
    assert {"53", "52", "24"} <= regions  # Bretagne, Pays de la Loire, Centre-Val de Loire
    assert "11" not in regions and "44" not in regions  # Île-de-France, Grand Est
    assert list(loire_bretagne.themes.values_list("code", flat=True)) == ["eau_assainissement"]
    rhin_meuse = set(Contact.objects.get(key="ae-rm").regions.values_list("code", flat=True))
    assert rhin_meuse == {"44", "27"}  # Grand Est; Bourgogne-Franche-Comté by Belfort (split)
