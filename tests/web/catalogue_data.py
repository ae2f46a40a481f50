"""A small catalogue for the page tests and the browser journey.

The journey of issue 4: every partnership of the Territoire de Belfort (département 90) in
Burkina Faso, the map, and the right contact (BFC International, the regional multi-actor
network of Bourgogne-Franche-Comté, shipped in reference/contacts.yaml). Around them, records
that a correct filter must leave out (same département, other country; same country, other
département) and enough Montbéliard twinnings to need a second page.
"""

from __future__ import annotations

from dataclasses import dataclass

MARK = "Témoin"  # every title carries it, so that tests can tell these records apart

# key, title, relation, start, end, open, authorities (kind, code), partner, country, themes
PARTNERSHIPS = [
    ("T-BEL-BF", f"{MARK} Belfort – Bobo-Dioulasso : l'eau potable", "cooperation", 2005, None,
     True, [("commune", "90010")], "Commune de Bobo-Dioulasso", "BF", ["eau_assainissement"]),
    ("T-D90-BF", f"{MARK} Territoire de Belfort – Houet : écoles rurales", "convention_cadre",
     2012, 2024, False, [("departement", "90")], "Province du Houet", "BF",
     ["education_formation", "jeunesse"]),
    ("T-DEL-BF", f"{MARK} Delle – Banfora : jumelage", "jumelage", 1998, None, False,
     [("commune", "90033")], "Commune de Banfora", "BF", []),
    ("T-BEL-SN", f"{MARK} Belfort – Podor : santé", "cooperation", 2016, None, False,
     [("commune", "90010")], "Commune de Podor", "SN", ["sante"]),
    ("T-CAR-BF", f"{MARK} Carmaux – Koudougou : mobilité", "cooperation", 2019, None, False,
     [("commune", "81060")], "Commune de Koudougou", "BF", ["mobilite_transport"]),
]  # fmt: skip
# The journey's answer: département 90 and Burkina Faso.
JOURNEY = {"T-BEL-BF", "T-D90-BF", "T-DEL-BF"}
FILLERS = 22  # Montbéliard – German towns: more than one page of 20
SOURCES = "https://example.org/source-a | https://example.org/source-b"


@dataclass(frozen=True)
class Created:
    partnerships: dict[str, int]  # key -> Partnership.id
    project: int
    authorities: dict[str, int]  # "kind:code" -> FrenchAuthority.id


def create(*, replace: bool) -> Created:
    """Add the records (deleting the whole catalogue first when ``replace``)."""
    from coopdec.catalogue.models import (
        Contact,
        ForeignAuthority,
        FrenchAuthority,
        Partnership,
        Project,
    )
    from coopdec.reference.models import Country, SdgTarget, Theme
    from coopdec.textnorm import normalize_name

    if replace:
        Project.objects.all().delete()
        Partnership.objects.all().delete()
    themes = {t.code: t for t in Theme.objects.all()}
    rows = list(PARTNERSHIPS) + [
        (f"T-MON-DE-{n:02d}", f"{MARK} Montbéliard – Ville allemande {n:02d}", "jumelage",
         1960 + n, None, False, [("commune", "25388")], f"Stadt {n:02d}", "DE",
         ["culture_patrimoine"])
        for n in range(1, FILLERS + 1)
    ]  # fmt: skip
    ids: dict[str, int] = {}
    authorities: dict[str, int] = {}
    for key, title, relation, start, end, is_open, french, partner, iso2, codes in rows:
        country = Country.objects.get(iso2=iso2)
        foreign, _ = ForeignAuthority.objects.get_or_create(
            country=country, search_name=normalize_name(partner), defaults={"name": partner}
        )
        partnership = Partnership.objects.create(
            key=key,
            title=title,
            summary=f"Résumé de {title}.",
            relation_type=relation,
            start_year=start,
            end_year=end,
            status="active" if end is None else "ended",
            open_to_new_members=is_open,
            funders="MEAE/DAECT ; AFD" if key == "T-BEL-BF" else "",
            source_url=SOURCES,
            source_date="2024-05",
        )
        found = [FrenchAuthority.objects.get(kind=kind, code=code) for kind, code in french]
        authorities.update({f"{a.kind}:{a.code}": a.pk for a in found})
        partnership.french_authorities.set(found)
        partnership.foreign_authorities.set([foreign])
        partnership.themes.set([themes[c] for c in codes])
        ids[key] = partnership.pk
    project = Project.objects.create(
        key="T-PROJ-BEL-BF",
        title=f"{MARK} Forages et comités de l'eau à Bobo-Dioulasso",
        summary="Dix forages et la formation de comités de gestion.",
        partnership_id=ids["T-BEL-BF"],
        budget="120000.00",
        funders="AFD",
        source_url="https://example.org/projet",
        source_date="2023",
        contact=Contact.objects.get(key="bfc-international"),
    )
    project.countries.set([Country.objects.get(iso2="BF")])
    project.themes.set([themes["eau_assainissement"]])
    project.sdg_targets.set([SdgTarget.objects.get(code="6.1")])
    return Created(ids, project.pk, authorities)
