"""Shipped IATI codelists: loading, French names, and the codes the builders rely on."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from iati_factories import french_activity

from coopdec.formats import iati


def test_sector_codelist_has_french_names_and_categories() -> None:
    sectors = iati.load_codelist("Sector")
    assert sectors.label("12240") == "Nutrition de base"
    assert sectors.label("12240", "en") == "Basic nutrition"
    assert sectors.items["12240"].category == "122"
    assert sectors.category_codelist == "SectorCategory"
    assert any(not sectors.is_active(code) for code in sectors.items)  # withdrawn codes exist
    assert iati.load_codelist("Sector") is sectors  # cached


def test_codes_used_by_the_builders_mean_what_the_docstring_says() -> None:
    assert iati.load_codelist("OrganisationType").label("11", "en") == "Local Government"
    assert "SDG" in iati.load_codelist("TagVocabulary").label("2", "en")
    assert "Targets" in iati.load_codelist("TagVocabulary").label("3", "en")
    assert iati.load_codelist("SectorVocabulary").label("1", "en").startswith("OECD DAC CRS")
    assert iati.sector_label("14030").startswith("Approvisionnement")


def test_unknown_codelist_and_code() -> None:
    with pytest.raises(LookupError, match="inconnue"):
        iati.load_codelist("NoSuchList")
    with pytest.raises(KeyError, match="99999"):
        iati.load_codelist("Sector").label("99999")
    assert "Sector" in iati.available_codelists()


def test_builders_refuse_unknown_codes() -> None:
    with pytest.raises(ValueError, match="99999"):
        iati.dac_sectors([("99999", Decimal(100))])
    with pytest.raises(ValueError, match="18"):
        iati.sdg_tags(goals=["18"])
    with pytest.raises(ValueError, match="OrganisationRole"):
        iati.participant("9", "X")


def test_check_codes_lists_every_unknown_code() -> None:
    assert iati.check_codes(french_activity()) == []
    bad = dataclasses.replace(
        french_activity(),
        activity_status="9",
        recipient_countries=(iati.RecipientCountry("XX"),),
        default_currency="EUX",
    )
    messages = iati.check_codes(bad)
    assert len(messages) == 3
    assert any("ActivityStatus" in m and "« 9 »" in m for m in messages)
