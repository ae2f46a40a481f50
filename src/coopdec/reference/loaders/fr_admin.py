"""French authorities from the COG 2026 files (@etalab/decoupage-administratif 6.0.0)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coopdec.reference.loaders.upsert import replace_memberships, upsert
from coopdec.reference.models import Commune, Departement, Epci, Ept, Region
from coopdec.textnorm import normalize_name

CURRENT_COMMUNE = "commune-actuelle"


def _read(data_dir: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((data_dir / "fr_admin" / name).read_text("utf-8"))
    return rows


def load(data_dir: Path, progress: Callable[[int], None]) -> int:
    regions = _read(data_dir, "regions.json")
    departements = _read(data_dir, "departements.json")
    communes = [c for c in _read(data_dir, "communes.json") if c["type"] == CURRENT_COMMUNE]

    # Régions and départements carry no population in the source: sum their communes.
    pop_by_dep: dict[str, int] = defaultdict(int)
    pop_by_reg: dict[str, int] = defaultdict(int)
    for c in communes:
        pop = c.get("population") or 0
        if c.get("departement"):
            pop_by_dep[c["departement"]] += pop
        if c.get("region"):
            pop_by_reg[c["region"]] += pop

    upsert(
        Region,
        [
            Region(
                code=r["code"],
                name=r["nom"],
                chef_lieu=r.get("chefLieu", ""),
                zone=r["zone"],
                population=pop_by_reg[r["code"]],
            )
            for r in regions
        ],
    )
    progress(len(regions))
    region_ids = dict(Region.objects.values_list("code", "id"))
    upsert(
        Departement,
        [
            Departement(
                code=d["code"],
                name=d["nom"],
                region_id=region_ids[d["region"]],
                chef_lieu=d.get("chefLieu", ""),
                zone=d["zone"],
                population=pop_by_dep[d["code"]],
            )
            for d in departements
        ],
    )
    progress(len(departements))
    dep_ids = dict(Departement.objects.values_list("code", "id"))
    upsert(
        Commune,
        [
            Commune(
                code=c["code"],
                name=c["nom"],
                search_name=normalize_name(c["nom"]),
                siren=c.get("siren", ""),
                departement_id=dep_ids.get(c.get("departement", "")),
                region_id=region_ids.get(c.get("region", "")),
                zone=c["zone"],
                population=c.get("population"),
                postal_codes=" ".join(c.get("codesPostaux", [])),
            )
            for c in communes
        ],
    )
    progress(len(communes))
    commune_ids = dict(Commune.objects.values_list("code", "id"))
    count = len(regions) + len(departements) + len(communes)
    for model, filename in ((Epci, "epci.json"), (Ept, "ept.json")):
        rows = _read(data_dir, filename)
        objects = []
        for row in rows:
            fields: dict[str, Any] = {
                "code": row["code"],
                "name": row["nom"],
                "search_name": normalize_name(row["nom"]),
                "population": row.get("populationMunicipale") or 0,
                "population_total": row.get("populationTotale") or 0,
            }
            if model is Epci:
                fields["kind"] = row["type"]
                fields["financing_mode"] = row.get("modeFinancement", "")
            objects.append(model(**fields))
        upsert(model, objects)
        ids = dict(model.objects.values_list("code", "id"))
        replace_memberships(
            model,
            {ids[row["code"]]: [commune_ids[m["code"]] for m in row["membres"]] for row in rows},
        )
        progress(len(rows))
        count += len(rows)
    return count
