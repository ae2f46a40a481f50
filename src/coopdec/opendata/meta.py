"""Licence and sources stated by every open-data export (in the file itself, or beside it).

The catalogue is published under the Licence Ouverte / Open Licence 2.0 (Etalab), the licence
of French public data, compatible with what the catalogue draws on: the COG (Licence
Ouverte), Wikidata (CC0), the IATI codelists (CC BY 4.0, attribution below), ISO country
names (MIT) and Natural Earth (public domain). Each record also cites its own source pages
(``source_url``), and the files imported into the catalogue are listed.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from coopdec.catalogue.models import ImportBatch
from coopdec.opendata.selection import Selection

MAX_IMPORTS = 100

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
ATTRIBUTION = (
    "coopdec — catalogue de la coopération décentralisée, compilé de sources publiques "
    "citées enregistrement par enregistrement (colonne source_url)"
)
SOURCES: tuple[dict[str, str], ...] = (
    {
        "title": "Catalogue de départ coopdec (partenariats compilés de sources publiques)",
        "path": "coopdec/data/catalogue/README.md (dans le paquet coopdec)",
        "licence": "sources citées ligne à ligne (source_url)",
    },
    {
        "title": (
            "Code officiel géographique 2026 (INSEE, DGCL), via @etalab/decoupage-administratif"
        ),
        "path": "https://github.com/datagouv/decoupage-administratif",
        "licence": "Licence Ouverte 2.0",
    },
    {
        "title": "Wikidata, jumelages (propriété P190)",
        "path": "https://www.wikidata.org/wiki/Property:P190",
        "licence": "CC0 1.0",
    },
    {
        "title": "IATI Standard (http://iatistandard.org/) : listes de codes, secteurs CAD, ODD",
        "path": "https://github.com/IATI/IATI-Codelists",
        "licence": "CC BY 4.0",
    },
    {
        "title": "Noms des pays ISO 3166-1 (i18n-iso-countries)",
        "path": "https://github.com/michaelwittig/node-i18n-iso-countries",
        "licence": "MIT",
    },
)
NATURAL_EARTH = {
    "title": "Natural Earth 4.1.0 via world-atlas 2.0.2 (centroïdes des pays)",
    "path": "https://www.naturalearthdata.com/",
    "licence": "domaine public",
}


def imported_files(selection: Selection) -> list[dict[str, Any]]:
    """The import batches the selected records come from (most recent first, bounded)."""
    batches = ImportBatch.objects.filter(
        pk__in=selection.projects().values("import_batch")
    ) | ImportBatch.objects.filter(pk__in=selection.partnerships().values("import_batch"))
    return [
        {
            "title": f"{batch.get_kind_display()} — {batch.source_name}",
            "imported": batch.created_at.date().isoformat(),
            "sha256": batch.checksum,
        }
        for batch in batches.order_by("-created_at")[:MAX_IMPORTS]
    ]


def metadata(selection: Selection, *, geographic: bool = False) -> dict[str, Any]:
    """What every export states: licence, attribution, sources, date and filters."""
    sources = [*SOURCES, NATURAL_EARTH] if geographic else list(SOURCES)
    return {
        "title": "Catalogue coopdec de la coopération décentralisée",
        "licenses": [LICENCE],
        "attribution": ATTRIBUTION,
        "sources": sources,
        "imported_files": imported_files(selection),
        "generated": timezone.now().replace(microsecond=0).isoformat(),
        "filters": selection.describe(),
    }
