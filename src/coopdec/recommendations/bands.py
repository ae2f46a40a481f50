"""Population bands: authorities "of your size" are those of the same kind in the same band.

Bands are stated to the user with their bounds, so that "communes de votre taille" is never a
black box. The bounds are ours (no official banding exists across kinds); they follow the usual
thresholds of French local statistics (3 500 inhabitants for communes, for instance) and keep
each band large enough to compare with.
"""

from __future__ import annotations

from dataclasses import dataclass

# Upper bounds (exclusive) of each band, per kind; the last band has no upper bound.
BOUNDS: dict[str, tuple[int, ...]] = {
    "commune": (1_000, 3_500, 10_000, 50_000, 100_000),
    "epci": (20_000, 50_000, 100_000, 250_000),
    "ept": (),  # the eleven EPT of the Métropole du Grand Paris form one band
    "departement": (300_000, 600_000, 1_000_000),
    "region": (1_000_000, 4_000_000),
    "collectivite_particuliere": (1_000_000, 4_000_000),
}
# Kinds compared with another: the Collectivité de Corse exercises a région's competences.
PEER_KIND = {"collectivite_particuliere": "region"}


@dataclass(frozen=True, order=True)
class Band:
    """A population band of one kind: ``low`` included, ``high`` excluded (None: no bound)."""

    kind: str
    low: int
    high: int | None

    def contains(self, population: int | None) -> bool:
        if population is None:
            return False
        return population >= self.low and (self.high is None or population < self.high)

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "low": self.low, "high": self.high}


def peer_kind(kind: str) -> str:
    """The kind an authority is compared with (its own, except the Collectivité de Corse)."""
    return PEER_KIND.get(kind, kind)


def size_band(kind: str, population: int | None) -> Band | None:
    """The band of ``population`` for this kind; None when the population is unknown."""
    if population is None:
        return None
    kind = peer_kind(kind)
    low = 0
    for high in BOUNDS.get(kind, ()):
        if population < high:
            return Band(kind, low, high)
        low = high
    return Band(kind, low, None)
