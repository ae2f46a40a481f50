"""Issue 22.4: the catalogue shows France's sourced position on Crimea and occupied Ukraine.

The Wikidata 2017 import records "Nice – Yalta (Russie)" and Luhansk as ordinary twinnings;
the record page flags them with the same dated data the rules use.
"""

from __future__ import annotations

import pytest
from django.test import Client

from coopdec.catalogue.models import ForeignAuthority, Partnership
from coopdec.reference.models import Country

pytestmark = pytest.mark.django_db


def _twinning(key: str, title: str, partner: str, iso2: str) -> int:
    partnership = Partnership.objects.create(
        key=key, title=title, relation_type="jumelage", start_year=1960
    )
    foreign = ForeignAuthority.objects.create(name=partner, country=Country.objects.get(iso2=iso2))
    partnership.foreign_authorities.add(foreign)
    return partnership.pk


def test_yalta_recorded_in_russia_carries_the_non_recognition(client: Client) -> None:
    pk = _twinning("T-NICE-YALTA", "Nice – Yalta", "Yalta", "RU")
    html = client.get(f"/partenariats/{pk}/").content.decode()
    assert "data-territory-position" in html
    assert "Crimée" in html
    assert "ne reconnaît pas l&#x27;annexion" in html
    assert "Ukraine" in html  # the State France holds it belongs to
    assert "nosdeputes.fr" in html  # the government answer, as the source


def test_luhansk_is_flagged_as_occupied(client: Client) -> None:
    pk = _twinning("T-STE-LUHANSK", "Saint-Étienne – Louhansk", "Luhansk", "UA")
    html = client.get(f"/partenariats/{pk}/").content.decode()
    assert "data-territory-position" in html
    assert "Louhansk" in html
    assert "eur-lex.europa.eu" in html


def test_an_ordinary_twinning_has_no_flag(client: Client) -> None:
    pk = _twinning("T-X-LVIV", "Ville – Lviv", "Lviv", "UA")
    html = client.get(f"/partenariats/{pk}/").content.decode()
    assert "data-territory-position" not in html
