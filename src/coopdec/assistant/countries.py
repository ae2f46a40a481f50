"""Country groups used by the co-financing ceilings (OECD DAC list, CICID priorities)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coopdec.i18n import _

from . import reference

LDC = "LDC"
ODA_NON_LDC = "ODA_non_LDC"
NON_ODA = "non_ODA"
CICID19 = "CICID19"

GROUP_LABELS = {
    LDC: "pays les moins avancés (PMA)",
    ODA_NON_LDC: "autre pays de la liste CAD de l'APD",
    NON_ODA: "pays hors liste CAD de l'APD",
    CICID19: "pays prioritaire du CICID 2018",
}


@dataclass(frozen=True)
class CountryGroup:
    group: str
    confidence: str
    note: str


def dac_group(iso2: str) -> CountryGroup:
    """Place a country on the DAC list for 2024-2025 flows, with the placement's confidence.

    The country-by-country placement in the shipped list was compiled, not read from the
    OECD table (see data/reference/README.md), hence medium or low confidence.
    """
    row = reference.oda_recipients().get(iso2)
    if row is None:
        return CountryGroup(
            NON_ODA,
            "medium",
            _("%s n'est pas sur la liste CAD 2024-2025 telle que compilée (à vérifier)")
            % reference.country_name(iso2),
        )
    group = LDC if row["dac_group"] == "LDC" else ODA_NON_LDC
    note = _("%s : %s selon la liste CAD 2024-2025 compilée (classement de confiance %s)") % (
        reference.country_name(iso2),
        GROUP_LABELS[group],
        row["confidence"],
    )
    return CountryGroup(group, str(row["confidence"]), note)


def rate_group(iso2: str, rates: dict[str, float], on: date) -> CountryGroup:
    """The group whose rate applies to ``iso2`` given which categories ``rates`` defines."""
    base = dac_group(iso2)
    if CICID19 in rates and iso2 in reference.cicid_priority_countries():
        return CountryGroup(
            CICID19,
            "high",
            _("%s : un des 19 pays prioritaires du CICID 2018") % reference.country_name(iso2),
        )
    if base.group == LDC and LDC not in rates:
        return CountryGroup(ODA_NON_LDC, base.confidence, base.note)
    return base


def is_oda_eligible(iso2: str) -> bool:
    return iso2 in reference.oda_recipients()
