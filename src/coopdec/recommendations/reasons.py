"""A reason is data, not prose: a code naming the fact and the figures that state it.

The service layer words each code in the reader's language (``coopdec.diagnostic.wording``);
tests and the API read the figures directly. Keeping numbers out of sentences here is what
lets the page, the API, the CLI and the note show the very same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The codes, with the parameters each one carries (all optional except where said).
PEERS_IN_REGION = "peers_in_region"  # count, band, region, country
PEERS_NATIONWIDE = "peers_nationwide"  # count, active, band, country
COVERING_LINK = "covering_link"  # authority (name), authority_kind, partner, country
COVERED_LINKS = "covered_links"  # count (authorities inside it acting there), country
NEIGHBOURS = "neighbours"  # count (authorities of the same département), departement, country
CO_OCCURRENCE = "co_occurrence"  # percent, known (country it already works with), country
THEMES_THERE = "themes_there"  # count (peer actions there on these themes), themes, country
KIND_POPULARITY = "kind_popularity"  # count (authorities of its kind acting there), country
# Peers ("authorities like yours").
SAME_DEPARTEMENT = "same_departement"  # departement
SAME_REGION = "same_region"  # region
SAME_BAND = "same_band"  # band
SHARED_COUNTRIES = "shared_countries"  # count, countries
SHARED_THEMES = "shared_themes"  # count, themes


@dataclass(frozen=True)
class Reason:
    """One fact behind a score: ``code`` says which, ``params`` carry its figures and names."""

    code: str
    params: dict[str, object] = field(default_factory=dict)
    weight: float = 0.0  # the share of the score this fact brought (0 for context only)

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params), "weight": round(self.weight, 4)}
