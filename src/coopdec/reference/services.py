"""Use cases of the reference data: count the tables (loading is in coopdec.datasets)."""

from __future__ import annotations

from coopdec.reference.models import (
    Commune,
    Country,
    DacSector,
    DacSectorCategory,
    Departement,
    Epci,
    Ept,
    OdaRecipient,
    Region,
    SdgGoal,
    SdgTarget,
    Theme,
    Zone,
)

# Keys are the names users see in ``coopdec stats --json`` (one per reference table).
COUNTED_TABLES = {
    "regions": Region,
    "departements": Departement,
    "communes": Commune,
    "epci": Epci,
    "ept": Ept,
    "countries": Country,
    "zones": Zone,
    "oda_recipients": OdaRecipient,
    "sdg_goals": SdgGoal,
    "sdg_targets": SdgTarget,
    "dac_sector_categories": DacSectorCategory,
    "dac_sectors": DacSector,
    "themes": Theme,
}


def table_counts() -> dict[str, int]:
    return {key: model._default_manager.count() for key, model in COUNTED_TABLES.items()}
