"""Contacts: organisations only (never persons), from reference/contacts.yaml.

The file describes coverage in several shapes (a word, a région code, themes in French, water
basins); they become the région, country and theme links the directory filters on, plus a
readable coverage label.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from coopdec.catalogue.models import Contact
from coopdec.reference.models import Country, Region, Theme

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


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    data = yaml.safe_load((data_dir / "reference" / "contacts.yaml").read_text("utf-8"))
    regions = {r.code: r for r in Region.objects.all()}
    countries = {c.iso2: c for c in Country.objects.all()}
    themes = {t.code: t for t in Theme.objects.all()}
    organisations = data["organizations"]
    for org in organisations:
        label, region_codes, theme_ids = _coverage(org.get("coverage"))
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
