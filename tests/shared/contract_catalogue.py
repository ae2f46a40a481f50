"""A small catalogue for the search contract, and an oracle that searches it by brute force.

The oracle reads the records through the ORM and applies the documented rules in plain
Python (no index, no numpy, no code of the search package), so that it is an independent
expectation for both backends.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

import snowballstemmer

from coopdec.catalogue.search.vocabulary import THEME_WORDS
from coopdec.textnorm import fold

PARTNERSHIPS = [
    # key, title, summary, relation, start, end, status, open, authorities, partners, themes
    ("P1", "Jumelage Rennes – Sévaré", "Échanges scolaires et culturels entre villes jumelles.",
     "jumelage", 1980, None, "active", False, [("commune", "35238")], ["Sévaré"],
     ["education_formation", "culture_patrimoine"]),
    ("P2", "Coopération Bretagne – Itasy", "Appui aux coopératives agricoles et aux jeunes.",
     "cooperation", 2010, 2020, "ended", False, [("region", "53")], ["Itasy"],
     ["agriculture_alimentation"]),
    ("P3", "Convention-cadre Lyon – Hô Chi Minh-Ville",
     "Coopérations urbaines : transports publics et patrimoine.", "convention_cadre", 1997, None,
     "active", True, [("commune", "69123"), ("epci", "200046977")], ["Hô Chi Minh-Ville"],
     ["mobilite_transport", "urbanisme_habitat"]),
    ("P4", "Pacte d'amitié Grenoble – Ouagadougou", "Santé maternelle et hôpitaux de district.",
     "pacte_amitie", 2024, None, "planned", True, [("commune", "38185")], ["Ouagadougou"],
     ["sante"]),
    ("P5", "Finistère – Haute Matsiatra", "Accès à l'eau potable et assainissement des villages.",
     "cooperation", 2005, 2015, "ended", False, [("departement", "29")], ["Haute Matsiatra"],
     ["eau_assainissement"]),
]  # fmt: skip

PARTNERS = {
    "Sévaré": "ML", "Itasy": "MG", "Hô Chi Minh-Ville": "VN", "Ouagadougou": "BF",
    "Haute Matsiatra": "MG",
}  # fmt: skip

PROJECTS = [
    # key, title, description, partnership, authorities, countries, themes, targets, start, end,
    # status, open
    ("J1", "Accès à l'eau potable à Sévaré", "Forages, bornes-fontaines et comités de l'eau.",
     "P1", [], ["ML"], ["eau_assainissement"], ["6.1"], 2015, 2019, "ended", False),
    ("J2", "Formation des enseignants", "Éducation : formation continue et jumelages d'écoles.",
     "P1", [], ["ML"], ["education_formation"], [], 2018, None, "active", True),
    ("J3", "Énergie solaire pour les centres de santé", "Panneaux photovoltaïques.",
     None, [("commune", "44109")], ["SN"], ["energie_climat", "sante"], ["7.1"], 2021, 2023,
     "active", True),
    ("J4", "Transports publics à Hô Chi Minh-Ville", "Coopération technique entre régies.",
     "P3", [], ["VN"], ["mobilite_transport"], [], 2012, None, "active", False),
    ("J5", "Coopératives agricoles d'Itasy", "Filières rizicoles et formation agricole.",
     "P2", [], ["MG"], ["agriculture_alimentation"], [], 2011, 2014, "ended", False),
    ("J6", "Gestion des déchets à Dakar", "Collecte et valorisation des déchets ménagers.",
     None, [("departement", "35")], ["SN"], ["dechets"], [], None, None, "unknown", False),
    ("J7", "Jeunesse et citoyenneté", "Chantiers de jeunes et échanges.",
     None, [], ["MA"], ["jeunesse"], [], 2019, 2020, "ended", False),
    ("J8", "Patrimoine bâti de Sévaré", "Restauration et formation aux métiers du bâtiment.",
     "P1", [], ["ML"], ["culture_patrimoine"], [], 2022, None, "planned", True),
    ("J9", "Réseau régional de l'eau en Afrique de l'Ouest",
     "Un réseau d'opérateurs de l'eau potable : échanges et coopération.",
     None, [("commune", "69123"), ("commune", "35238"), ("commune", "38185"),
            ("commune", "44109"), ("departement", "29")],
     ["SN", "ML", "BF", "NE", "CI", "GN"], ["eau_assainissement"], [], 2016, 2021, "ended",
     False),
]  # fmt: skip

# Projects a moderator flagged as examples of good practice (a published ``Example``), and one
# whose flag was withdrawn (kept, unpublished): only the first ones read as examples.
EXAMPLES = ["J3", "J8"]
WITHDRAWN_EXAMPLES = ["J2"]


def create() -> None:
    """Replace the catalogue by the records above (inside the caller's transaction)."""
    from coopdec.catalogue.models import (
        Example,
        ForeignAuthority,
        FrenchAuthority,
        Partnership,
        Project,
    )
    from coopdec.reference.models import Country, SdgTarget, Theme
    from coopdec.textnorm import normalize_name

    Project.objects.all().delete()
    Partnership.objects.all().delete()
    themes = {t.code: t for t in Theme.objects.all()}

    def authorities(specs: list[tuple[str, str]]) -> list[FrenchAuthority]:
        return [FrenchAuthority.objects.get(kind=k, code=c) for k, c in specs]

    partners = {}
    for name, iso2 in PARTNERS.items():
        partners[name], _ = ForeignAuthority.objects.get_or_create(
            country=Country.objects.get(iso2=iso2),
            search_name=normalize_name(name),
            defaults={"name": name},
        )
    made = {}
    for key, title, summary, relation, start, end, status, is_open, fas, fps, ths in PARTNERSHIPS:
        p = Partnership.objects.create(
            key=key, title=title, summary=summary, relation_type=relation, start_year=start,
            end_year=end, status=status, open_to_new_members=is_open,
        )  # fmt: skip
        p.french_authorities.set(authorities(fas))
        p.foreign_authorities.set([partners[n] for n in fps])
        p.themes.set([themes[t] for t in ths])
        made[key] = p
    for spec in PROJECTS:
        key, title, desc, parent, fas, isos, ths, targets, start, end, status, is_open = spec
        j = Project.objects.create(
            key=key, title=title, summary="", description=desc,
            partnership=made[parent] if parent else None,
            start_date=dt.date(start, 1, 1) if start else None,
            end_date=dt.date(end, 12, 31) if end else None, status=status,
            open_to_new_members=is_open,
        )  # fmt: skip
        j.french_authorities.set(authorities(fas))
        j.countries.set(Country.objects.filter(iso2__in=isos))
        j.themes.set([themes[t] for t in ths])
        j.sdg_targets.set(SdgTarget.objects.filter(code__in=targets))
        if key in EXAMPLES or key in WITHDRAWN_EXAMPLES:
            Example.objects.create(
                project=j, why="Une démarche reproductible", published=key in EXAMPLES
            )


# ---------------------------------------------------------------------------- the oracle
_stem = snowballstemmer.stemmer("french").stemWord
_STOP = {"a", "au", "aux", "de", "des", "du", "en", "et", "l", "la", "le", "les", "d", "un", "une"}


@dataclass
class Record:
    type: str
    id: int
    key: str
    title: str
    words: set[str]  # folded words of everything searchable
    title_words: set[str]
    facets: dict[str, set[str]]
    start: int | None
    end: int | None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", fold(text)) if len(w) > 1}


def records() -> list[Record]:
    from coopdec.catalogue.models import Partnership, Project

    out = []
    for p in Partnership.objects.prefetch_related(
        "french_authorities__region",
        "french_authorities__departement",
        "foreign_authorities__country__zone",
        "themes__sdg_goals",
    ):
        out.append(
            _record(
                "partnership",
                p,
                p.summary,
                p.relation_type,
                p.start_year,
                p.end_year,
                list(p.french_authorities.all()),
                list(p.foreign_authorities.all()),
                [],
                list(p.themes.all()),
                [],
            )
        )
    for j in Project.objects.select_related("partnership").prefetch_related(
        "french_authorities__region",
        "french_authorities__departement",
        "countries__zone",
        "foreign_authorities__country__zone",
        "themes__sdg_goals",
        "sdg_targets__goal",
        "partnership__french_authorities__region",
        "partnership__french_authorities__departement",
        "partnership__foreign_authorities__country__zone",
    ):
        parent = j.partnership
        fas = list(j.french_authorities.all()) or (
            list(parent.french_authorities.all()) if parent else []
        )
        fps = list(j.foreign_authorities.all()) or (
            list(parent.foreign_authorities.all()) if parent else []
        )
        out.append(
            _record(
                "project",
                j,
                f"{j.summary} {j.description}",
                parent.relation_type if parent else "projet",
                j.start_date.year if j.start_date else None,
                j.end_date.year if j.end_date else None,
                fas,
                fps,
                list(j.countries.all()),
                list(j.themes.all()),
                [t.goal.number for t in j.sdg_targets.all()],
            )
        )
    return out


def _record(kind, obj, body, relation, start, end, fas, fps, countries, themes, goals) -> Record:  # type: ignore[no-untyped-def]
    from coopdec.reference.models import SdgGoal

    countries = {c.iso2: c for c in [*countries, *(f.country for f in fps)]}
    text = " ".join(
        [
            obj.title,
            body,
            *(a.name for a in fas),
            *(f.name for f in fps),
            *(c.name_fr for c in countries.values()),
            *(c.name_en for c in countries.values()),
            *(t.label_fr for t in themes),
            # The bilingual vocabulary: English label, everyday words, own goals' names.
            *(t.label_en for t in themes),
            *(THEME_WORDS.get(t.code, "") for t in themes),
            *(f"{g.short_fr} {g.short_en}" for g in SdgGoal.objects.filter(number__in=goals)),
        ]
    )
    facets = {
        "type": {kind},
        "theme": {t.code for t in themes},
        "sdg": {str(g) for g in goals} | {str(g.number) for t in themes for g in t.sdg_goals.all()},
        "country": set(countries),
        "zone": {c.zone.code for c in countries.values() if c.zone},
        "authority": {str(a.id) for a in fas},
        "authority_kind": {a.kind for a in fas},
        "region": {a.region.code for a in fas if a.region},
        "departement": {a.departement.code for a in fas if a.departement},
        "relation_type": {relation},
        "status": {obj.status},
        "open": {"true" if obj.open_to_new_members else "false"},
        "example": {"true" if kind == "project" and obj.key in EXAMPLES else "false"},
        "year": {str(start)} if start else set(),
    }
    return Record(
        kind, obj.id, obj.key, obj.title, _words(text), _words(obj.title), facets, start, end
    )


def matches_text(record: Record, q: str) -> bool:
    words = [w for w in re.findall(r"[^\W_]+", fold(q)) if len(w) > 1 and w not in _STOP]
    if not words:
        return True
    stems = {_stem(w) for w in record.words}
    for i, word in enumerate(words):
        prefix = i == len(words) - 1 and not q.endswith(" ")
        if _stem(word) in stems:
            continue
        if prefix and any(w.startswith(word) for w in record.words):
            continue
        return False
    return True


def passes(
    record: Record, filters: dict[str, set[str]], year: tuple[int | None, int | None]
) -> bool:
    for name, wanted in filters.items():
        if not record.facets[name] & wanted:
            return False
    year_from, year_to = year
    if year_from is not None or year_to is not None:
        if record.start is None:
            return False
        if year_to is not None and record.start > year_to:
            return False
        if year_from is not None and record.end is not None and record.end < year_from:
            return False
    return True


def oracle(
    all_records: list[Record],
    q: str,
    filters: dict[str, set[str]],
    year: tuple[int | None, int | None] = (None, None),
) -> tuple[set[str], dict[str, Counter[str]]]:
    """Keys found, and facet counts (each dimension without its own filter)."""
    text_ok = [r for r in all_records if matches_text(r, q)]
    found = {r.key for r in text_ok if passes(r, filters, year)}
    facets: dict[str, Counter[str]] = {}
    for name in (
        "type",
        "theme",
        "sdg",
        "country",
        "zone",
        "authority",
        "authority_kind",
        "region",
        "departement",
        "relation_type",
        "status",
        "open",
        "example",
        "year",
    ):
        others = {k: v for k, v in filters.items() if k != name}
        span = year if name != "year" else (None, None)
        counter: Counter[str] = Counter()
        for r in text_ok:
            if passes(r, others, span):
                counter.update(r.facets[name])
        facets[name] = counter
    return found, facets
