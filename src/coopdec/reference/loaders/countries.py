"""Countries (ISO 3166-1 with French/English names), browsing zones and the DAC ODA list."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from coopdec.reference.loaders.upsert import upsert
from coopdec.reference.models import Country, OdaRecipient, Zone

# The six zones the catalogue is browsed by, in display order.
ZONES: tuple[tuple[str, str, str], ...] = (
    ("afrique_subsaharienne", "Afrique subsaharienne", "Sub-Saharan Africa"),
    ("afrique_nord", "Afrique du Nord", "North Africa"),
    ("proche_moyen_orient", "Proche et Moyen-Orient", "Near and Middle East"),
    ("asie_oceanie", "Asie et Océanie", "Asia and Oceania"),
    ("ameriques_caraibes", "Amériques et Caraïbes", "Americas and the Caribbean"),
    ("europe", "Europe", "Europe"),
)


def _name(value: Any) -> str:
    # i18n-iso-countries gives either a string or a list of names (official first).
    return str(value[0] if isinstance(value, list) else value)


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    upsert(
        Zone,
        [
            Zone(code=code, label_fr=fr, label_en=en, position=i)
            for i, (code, fr, en) in enumerate(ZONES)
        ],
    )
    zone_ids = dict(Zone.objects.values_list("code", "id"))
    folder = data_dir / "countries"
    codes = json.loads((folder / "codes.json").read_text("utf-8"))
    names_fr = json.loads((folder / "fr.json").read_text("utf-8"))["countries"]
    names_en = json.loads((folder / "en.json").read_text("utf-8"))["countries"]
    with (folder / "zones.csv").open(encoding="utf-8", newline="") as handle:
        zone_of = {row["iso2"]: row["zone"] for row in csv.DictReader(handle)}
    upsert(
        Country,
        [
            Country(
                iso2=iso2,
                iso3=iso3,
                numeric=numeric,
                name_fr=_name(names_fr[iso2]),
                name_en=_name(names_en[iso2]),
                zone_id=zone_ids.get(zone_of.get(iso2, "")),
            )
            for iso2, iso3, numeric, _subdivision in codes
        ],
        key="iso2",
    )
    progress(len(codes))
    return len(codes) + _load_oda(data_dir)


def _load_oda(data_dir: Path) -> int:
    data = yaml.safe_load((data_dir / "reference" / "oda_recipients.yaml").read_text("utf-8"))
    meta = data["meta"]
    years = meta["effective_for_flows"]
    source = meta["sources"][0]
    country_ids = dict(Country.objects.values_list("iso2", "id"))
    OdaRecipient.objects.filter(list_id=meta["list_id"]).delete()
    rows = [
        OdaRecipient(
            country_id=country_ids[r["iso2"]],
            list_id=meta["list_id"],
            group=r["dac_group"],
            first_year=min(years),
            last_year=max(years),
            confidence=r.get("confidence", meta.get("confidence", "")),
            source=source,
        )
        for r in data["recipients"]
        if r["iso2"] in country_ids
    ]
    missing = [r["iso2"] for r in data["recipients"] if r["iso2"] not in country_ids]
    if missing:
        raise ValueError(f"oda_recipients.yaml : codes pays inconnus {missing}")
    OdaRecipient.objects.bulk_create(rows)
    return len(rows)
