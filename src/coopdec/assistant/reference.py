"""Read-only access to the reference data shipped in ``coopdec/data``.

Files are parsed once per process (``lru_cache``): they are versioned with the code and never
change while it runs. Nothing here touches a database, so the rules stay pure.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

# The code lists the project file is checked against have one owner, the project file's.
from coopdec.projectfile.codes import (
    DATA_DIR,
    REFERENCE_DIR,
    canonical_program_id,
    country_codes,
    funding_data,
    programs_by_id,
    sdg_target_codes,
)

__all__ = [
    "DATA_DIR",
    "REFERENCE_DIR",
    "canonical_program_id",
    "country_codes",
    "funding_data",
    "programs_by_id",
    "sdg_target_codes",
]

# The 2020 guide says DAECT; the delegation became DCTCIV on 29 Dec 2023. Same funder.
FUNDER_ALIASES = {"daect": "dctciv", "dctciv": "dctciv"}
CANONICAL_DCTCIV = "MEAE – DCTCIV (ex-DAECT)"
CANONICAL_DCTCIV_EN = "French Ministry for Europe and Foreign Affairs – DCTCIV (formerly DAECT)"


def _load_yaml(path: Path) -> Any:
    import yaml  # local import keeps module import cheap for callers that never need data

    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def country_names_fr() -> dict[str, str]:
    data = json.loads((DATA_DIR / "countries" / "fr.json").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["countries"].items()}


def country_name(code: str | None) -> str:
    if code is None:
        return "?"
    return country_names_fr().get(code, code)


@lru_cache(maxsize=1)
def rule_sets_by_id() -> dict[str, dict[str, Any]]:
    return {str(r["id"]): r for r in funding_data()["general_rule_sets"]}


def is_dctciv(program: dict[str, Any]) -> bool:
    funder_id = str(program.get("funder_id") or "")
    funder = str(program.get("funder") or "").lower()
    return FUNDER_ALIASES.get(funder_id) == "dctciv" or "dctciv" in funder or "daect" in funder


@lru_cache(maxsize=1)
def oda_data() -> dict[str, Any]:
    return cast(dict[str, Any], _load_yaml(REFERENCE_DIR / "oda_recipients.yaml"))


@lru_cache(maxsize=1)
def oda_recipients() -> dict[str, dict[str, Any]]:
    return {str(r["iso2"]): r for r in oda_data()["recipients"]}


@lru_cache(maxsize=1)
def cicid_priority_countries() -> frozenset[str]:
    return frozenset(str(c) for c in oda_data()["france_priority_countries"]["iso2"])


@lru_cache(maxsize=1)
def restrictions_data() -> dict[str, Any]:
    return cast(dict[str, Any], _load_yaml(REFERENCE_DIR / "partner_restrictions.yaml"))


@lru_cache(maxsize=1)
def departement_regions() -> dict[str, str]:
    rows = json.loads((DATA_DIR / "fr_admin" / "departements.json").read_text(encoding="utf-8"))
    return {str(r["code"]): str(r["region"]) for r in rows}


@lru_cache(maxsize=1)
def region_codes() -> frozenset[str]:
    rows = json.loads((DATA_DIR / "fr_admin" / "regions.json").read_text(encoding="utf-8"))
    return frozenset(str(r["code"]) for r in rows)


@lru_cache(maxsize=1)
def epci_departements() -> dict[str, str]:
    """EPCI SIREN -> département of its first member commune (enough to find the region)."""
    rows = json.loads((DATA_DIR / "fr_admin" / "epci.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for row in rows:
        members = row.get("membres") or []
        if members:
            out[str(row["code"])] = departement_of_commune(str(members[0]["code"]))
    return out


def departement_of_commune(insee: str) -> str:
    # Overseas communes carry a three-digit département prefix (971..976).
    return insee[:3] if insee.startswith("97") else insee[:2]


def region_of_authority(kind: str | None, code: str | None) -> str | None:
    """Region code of a French authority, or None when it cannot be derived from the data."""
    if kind is None or code is None:
        return None
    if kind == "region":
        return code if code in region_codes() else None
    if kind == "departement":
        return departement_regions().get(code)
    if kind == "commune":
        return departement_regions().get(departement_of_commune(code))
    if kind == "epci":
        dep = epci_departements().get(code)
        return departement_regions().get(dep) if dep else None
    return None


def departement_of_authority(kind: str | None, code: str | None) -> str | None:
    if kind == "departement":
        return code
    if kind == "commune" and code:
        return departement_of_commune(code)
    if kind == "epci" and code:
        return epci_departements().get(code)
    return None


@lru_cache(maxsize=1)
def water_basins() -> dict[str, Any]:
    """The département -> water agency table (``water_basins.yaml``), with its sources."""
    return cast(dict[str, Any], _load_yaml(REFERENCE_DIR / "water_basins.yaml"))


def water_agencies_of(departement: str) -> tuple[str, ...]:
    """The agencies whose basin covers part of a département (several: a split département,
    only the commune settles it; none: overseas, served by offices de l'eau)."""
    found = water_basins()["departements"].get(departement)
    if found is None:
        return ()
    return (str(found),) if isinstance(found, str) else tuple(str(a) for a in found)
