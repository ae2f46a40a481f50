"""The in-memory view of the catalogue behind every diagnostic (one per process).

A diagnostic reads the whole catalogue (peers nationwide, co-occurrence of countries): built
from the database once, a few plain ``values_list`` queries, then kept. The catalogue tables
are read through the Django models directly (no other service in between). The view is kept
per search-index generation (``coopdec.catalogue.caches``, the policy of every table read
from the catalogue): an import, an edit or a publication moves the index to a new generation
in the same transaction, so the next diagnostic, in any process, reads the new catalogue
(the check is one indexed read of one row per diagnostic). What every diagnostic of an
authority would otherwise recompute (its footprint by country and theme, the authorities
inside it that act) is computed for all of them when the view is built
(``Catalogue.warm``), so that a région with tens of thousands of actions costs a look-up.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max

from coopdec.catalogue.caches import per_index_generation
from coopdec.catalogue.models import ForeignAuthority, FrenchAuthority, Partnership, Project
from coopdec.recommendations import Action, Authority, Catalogue, Partner
from coopdec.reference.models import (
    Country,
    Departement,
    Epci,
    Ept,
    Region,
    SdgGoal,
    Theme,
)


@dataclass(frozen=True)
class Labels:
    """Names the diagnostic shows, French and English side by side (reference tables)."""

    countries: dict[str, tuple[str, str]]  # ISO alpha-2 -> (fr, en)
    themes: dict[str, tuple[str, str]]  # code -> (fr, en)
    theme_goals: dict[str, tuple[int, ...]]  # theme code -> SDG goal numbers
    goals: dict[int, tuple[str, str]]  # goal number -> short title (fr, en)
    regions: dict[str, str]  # code -> name
    departements: dict[str, str]  # code -> name


@dataclass(frozen=True)
class Snapshot:
    catalogue: Catalogue
    labels: Labels
    partnerships: int
    projects: int
    last_change: str  # ISO date of the catalogue's last change ("" when empty)
    built_in: float  # seconds


def _last_change() -> str:
    """The date of the last change of a partnership or a project ("" when there is none)."""
    found = [
        model.objects.aggregate(last=Max("updated_at"))["last"] for model in (Partnership, Project)
    ]
    return max((d.date().isoformat() for d in found if d is not None), default="")


def _authorities() -> list[Authority]:
    rows = FrenchAuthority.objects.values_list(
        "id", "kind", "code", "name", "population", "departement__code", "region__code",
        "region__zone",
    )  # fmt: skip
    return [Authority(*row) for row in rows]


def _covering(catalogue_ids: dict[tuple[str, str], int]) -> dict[int, list[int]]:
    """Commune -> its EPCI, EPT, département, région; EPCI/EPT -> département, région;
    département -> région (the official links of the COG, not the catalogue's)."""
    parents: dict[int, list[int]] = defaultdict(list)
    for model, kind in ((Epci, "epci"), (Ept, "ept")):
        members = model.members.through.objects.values_list(
            f"{kind}__code", "commune__code"
        )  # fmt: skip
        for group, commune in members:
            child, parent = (
                catalogue_ids.get(("commune", commune)),
                catalogue_ids.get((kind, group)),
            )
            if child is not None and parent is not None:
                parents[child].append(parent)
    return parents


def _with_territories(
    authorities: list[Authority], links: dict[int, list[int]], ids: dict[tuple[str, str], int]
) -> dict[int, tuple[int, ...]]:
    out: dict[int, tuple[int, ...]] = {}
    for a in authorities:
        found = list(links.get(a.id, ()))
        if a.kind != "departement" and a.kind != "region" and a.departement:
            dep = ids.get(("departement", a.departement))
            if dep is not None:
                found.append(dep)
        if a.kind != "region" and a.region:
            region = ids.get(("region", a.region))
            if region is not None and region != a.id:
                found.append(region)
        if found:
            out[a.id] = tuple(dict.fromkeys(found))
    return out


def _actions() -> list[Action]:
    partners = {
        pk: Partner(name, iso)
        for pk, name, iso in ForeignAuthority.objects.values_list("id", "name", "country__iso2")
    }
    actions: list[Action] = []
    for model, kind in ((Partnership, "partnership"), (Project, "project")):
        french: dict[int, list[int]] = defaultdict(list)
        for pk, aid in model.french_authorities.through.objects.values_list(
            f"{kind}_id", "frenchauthority_id"
        ):
            french[pk].append(aid)
        foreign: dict[int, list[Partner]] = defaultdict(list)
        for pk, fid in model.foreign_authorities.through.objects.values_list(
            f"{kind}_id", "foreignauthority_id"
        ):
            foreign[pk].append(partners[fid])
        themes: dict[int, set[str]] = defaultdict(set)
        for pk, code in model.themes.through.objects.values_list(f"{kind}_id", "theme__code"):
            themes[pk].add(code)
        countries: dict[int, set[str]] = defaultdict(set)
        if model is Project:
            for pk, iso in Project.countries.through.objects.values_list(
                "project_id", "country__iso2"
            ):
                countries[pk].add(iso)
        actions += [_action(kind, row, french, foreign, themes, countries) for row in _rows(kind)]
    return actions


def _rows(kind: str) -> list[tuple[object, ...]]:
    common = ("id", "title", "open_to_new_members", "status", "source_url", "source_date")
    if kind == "partnership":
        return list(Partnership.objects.values_list(*common, "start_year", "end_year"))
    return list(Project.objects.values_list(*common, "start_date__year", "end_date__year"))


def _action(
    kind: str,
    row: tuple[object, ...],
    french: dict[int, list[int]],
    foreign: dict[int, list[Partner]],
    themes: dict[int, set[str]],
    countries: dict[int, set[str]],
) -> Action:
    pk, title, is_open, status, sources, source_date, start, end = row
    if not isinstance(pk, int):
        raise TypeError(f"unexpected primary key {pk!r}")
    found = foreign.get(pk, [])
    return Action(
        key=f"{kind}:{pk}",
        kind=kind,
        id=pk,
        title=str(title),
        authorities=tuple(french.get(pk, ())),
        partners=tuple(found),
        countries=frozenset({p.country for p in found} | countries.get(pk, set())),
        themes=frozenset(themes.get(pk, ())),
        start_year=start if isinstance(start, int) else None,
        end_year=end if isinstance(end, int) else None,
        open_to_new_members=bool(is_open),
        status=str(status),
        sources=tuple(u.strip() for u in str(sources).split(" | ") if u.strip()),
        source_date=str(source_date),
    )


def _labels() -> Labels:
    themes = Theme.objects.prefetch_related("sdg_goals")
    return Labels(
        countries={c.iso2: (c.name_fr, c.name_en) for c in Country.objects.all()},
        themes={t.code: (t.label_fr, t.label_en or t.label_fr) for t in themes},
        theme_goals={t.code: tuple(g.number for g in t.sdg_goals.all()) for t in themes},
        goals={g.number: (g.short_fr, g.short_en) for g in SdgGoal.objects.all()},
        regions=dict(Region.objects.values_list("code", "name")),
        departements=dict(Departement.objects.values_list("code", "name")),
    )


def build() -> Snapshot:
    """Read the catalogue and the reference names into a new snapshot."""
    started = time.perf_counter()
    authorities = _authorities()
    ids = {(a.kind, a.code): a.id for a in authorities if a.code}
    covering = _with_territories(authorities, _covering(ids), ids)
    catalogue = Catalogue(authorities, _actions(), covering)
    catalogue.warm()
    return Snapshot(
        catalogue=catalogue,
        labels=_labels(),
        partnerships=sum(1 for a in catalogue.actions.values() if a.kind == "partnership"),
        projects=sum(1 for a in catalogue.actions.values() if a.kind == "project"),
        last_change=_last_change(),
        built_in=time.perf_counter() - started,
    )


_current = per_index_generation(build)


def current() -> Snapshot:
    """The snapshot of the catalogue as it is now (built again when the index moved on)."""
    return _current()


def forget() -> None:
    """Drop the snapshot (tests that change the catalogue tables without moving the index)."""
    _current.forget()
