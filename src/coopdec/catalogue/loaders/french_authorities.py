"""The directory of French authorities, built from the reference tables (COG 2026).

One row per commune, EPCI, EPT, département and région, plus the Collectivité de Corse
(a collectivité à statut particulier that the COG lists as région 94).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from coopdec.catalogue.models import FrenchAuthority
from coopdec.reference.loaders.upsert import BATCH
from coopdec.reference.models import Commune, Departement, Epci, Ept, Region
from coopdec.textnorm import normalize_name

Kind = FrenchAuthority.Kind
CORSE_CODE = "94"


def _rows() -> Iterable[FrenchAuthority]:
    for region in Region.objects.all():
        yield FrenchAuthority(
            kind=Kind.REGION,
            code=region.code,
            name=region.name,
            population=region.population,
            region=region,
        )
        if region.code == CORSE_CODE:
            yield FrenchAuthority(
                kind=Kind.COLLECTIVITE_PARTICULIERE,
                code=region.code,
                name="Collectivité de Corse",
                population=region.population,
                region=region,
            )
    for dep in Departement.objects.all():
        yield FrenchAuthority(
            kind=Kind.DEPARTEMENT,
            code=dep.code,
            name=dep.name,
            population=dep.population,
            departement=dep,
            region_id=dep.region_id,
        )
    for commune in Commune.objects.all():
        yield FrenchAuthority(
            kind=Kind.COMMUNE,
            code=commune.code,
            name=commune.name,
            population=commune.population,
            departement_id=commune.departement_id,
            region_id=commune.region_id,
        )
    # An intercommunality belongs to the département and région of most of its population.
    for model, kind in ((Epci, Kind.EPCI), (Ept, Kind.EPT)):
        for group in model.objects.prefetch_related("members"):
            members = sorted(group.members.all(), key=lambda c: -(c.population or 0))
            seat = members[0] if members else None
            yield FrenchAuthority(
                kind=kind,
                code=group.code,
                name=group.name,
                population=group.population,
                departement_id=seat.departement_id if seat else None,
                region_id=seat.region_id if seat else None,
            )


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    rows = list(_rows())
    for row in rows:
        row.search_name = normalize_name(row.name)
    FrenchAuthority.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["kind", "code"],
        update_fields=["name", "search_name", "official", "population", "departement", "region"],
    )
    progress(len(rows))
    return len(rows)
