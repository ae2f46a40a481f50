"""Contacts: organisations only (never persons), from reference/contacts.yaml.

The file describes coverage in several shapes (a word, a région code, themes in French, water
basins); they become the région, country and theme links the directory filters on, plus a
readable coverage label. A water agency serves the régions its basin reaches (the
département -> agency table, ``water_basins.yaml``, split départements included) and the
water theme, so that the directory ranks the right agency first for a commune's région.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from coopdec.catalogue.models import Contact
from coopdec.reference.models import Country, Departement, Region, Theme

# The file names themes in French words; map the ones the catalogue's taxonomy has.
THEME_WORDS = {
    "eau": "eau_assainissement",
    "assainissement": "eau_assainissement",
    "hygiène": "eau_assainissement",
    "déchets": "dechets",
    "énergie": "energie_climat",
}
COVERAGE_LABELS = {
    "national": "France entière",
    "international": "international",
    "world": "monde",
    "EU": "Union européenne",
    "Europe": "Europe",
    "francophonie": "francophonie",
}


def _value(entry: Any) -> str:
    """Contact fields are a string, a list, or {value, source, confidence} around either."""
    if isinstance(entry, dict):
        entry = entry.get("value")
    if isinstance(entry, list):
        return " ; ".join(str(item) for item in entry if item)
    return str(entry or "")


def _coverage(raw: Any) -> tuple[str, list[str], list[str]]:
    """(label, région codes, theme ids) from one ``coverage`` entry."""
    if isinstance(raw, dict):
        if "region_code" in raw:
            return str(raw.get("region_name", "")), [str(raw["region_code"])], []
        if "themes" in raw:
            words = [str(w) for w in raw["themes"]]
            themes = sorted({THEME_WORDS[w] for w in words if w in THEME_WORDS})
            label = ", ".join(words) + f" ({COVERAGE_LABELS.get(raw.get('geography', ''), '')})"
            return label.replace(" ()", ""), [], themes
        if "basin" in raw:
            return ", ".join(str(b) for b in raw["basin"]), [], []
    text = str(raw or "")
    return COVERAGE_LABELS.get(text, text), [], []


WATER_THEME = "eau_assainissement"


def basin_regions(data_dir: Path) -> dict[str, set[str]]:
    """Water agency id (``water_basins.yaml``) -> codes of the régions its basin reaches."""
    table = yaml.safe_load((data_dir / "reference" / "water_basins.yaml").read_text("utf-8"))
    region_of = dict(Departement.objects.values_list("code", "region__code"))
    out: dict[str, set[str]] = {}
    for departement, agencies in table["departements"].items():
        for agency in [agencies] if isinstance(agencies, str) else agencies:
            if departement in region_of:
                out.setdefault(str(agency), set()).add(region_of[departement])
    return out


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    data = yaml.safe_load((data_dir / "reference" / "contacts.yaml").read_text("utf-8"))
    basins = basin_regions(data_dir)
    regions = {r.code: r for r in Region.objects.all()}
    countries = {c.iso2: c for c in Country.objects.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    organisations = data["organizations"]
    for org in organisations:
        label, region_codes, theme_ids = _coverage(org.get("coverage"))
        if org.get("water_basins_id"):
            region_codes = sorted(basins.get(str(org["water_basins_id"]), ()))
            theme_ids = [WATER_THEME]
        contact, _created = Contact.objects.update_or_create(
            key=org["id"],
            defaults={
                "name": org["name"],
                "acronym": org.get("acronym") or "",
                "kind": org["kind"],
                "role": " ".join(str(org.get("role", "")).split()),
                "coverage": label[:200],
                "website": _value(org.get("website")),
                "email": _value(org.get("email")),
                "phone": _value(org.get("phone")),
                "postal_address": _value(org.get("postal_address")),
                "confidence": str(org.get("confidence") or ""),
                "source_url": " | ".join(org.get("sources", [])),
                "source_date": str(data["meta"].get("compiled", "")),
            },
        )
        contact.regions.set([regions[c] for c in region_codes])
        contact.themes.set([themes[t] for t in theme_ids])
        groups = org.get("country_groups") or {}
        contact.countries.set([countries[c] for c in groups.get("evidenced", [])])
    progress(len(organisations))
    return len(organisations)
