"""The in-memory view of the catalogue behind every diagnostic (one per process).

A diagnostic reads the whole catalogue (peers nationwide, co-occurrence of countries): built
from the database once, a few plain ``values_list`` queries, then kept. The catalogue tables
are read through the Django models directly (no other service in between). A fingerprint of
the catalogue (row counts and last change of partnerships, projects and their links), checked at
most every ``CHECK_SECONDS``, tells when to rebuild: an import or an edit shows within ten
seconds on every app server, with no signal to wire (the check costs a few aggregate queries,
which at 100,000 projects is a few dozen milliseconds: not on every request).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max

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

CHECK_SECONDS = 10.0


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
    fingerprint: tuple[object, ...]
    built_in: float  # seconds


_lock = threading.Lock()
_current: Snapshot | None = None
_checked_at = 0.0


def _fingerprint() -> tuple[object, ...]:
    parts: list[object] = []
    for model in (Partnership, Project):
        found = model.objects.aggregate(n=Count("id"), last=Max("updated_at"))
        parts += [found["n"], found["last"]]
    parts.append(Partnership.french_authorities.through.objects.count())
    parts.append(Project.french_authorities.through.objects.count())
    return tuple(parts)


def current() -> Snapshot:
    """The snapshot of the catalogue as it is now (rebuilt when the fingerprint changed)."""
    global _current, _checked_at
    now = time.monotonic()
    snapshot = _current
    if snapshot is not None and now - _checked_at < CHECK_SECONDS:
        return snapshot
    with _lock:
        fingerprint = _fingerprint()
        if _current is None or _current.fingerprint != fingerprint:
            _current = build(fingerprint)
        _checked_at = time.monotonic()
        return _current


def forget() -> None:
    """Drop the snapshot (tests that change the catalogue, then diagnose)."""
    global _current, _checked_at
    with _lock:
        _current = None
        _checked_at = 0.0


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


def build(fingerprint: tuple[object, ...] | None = None) -> Snapshot:
    """Read the catalogue and the reference names into a new snapshot."""
    started = time.perf_counter()
    authorities = _authorities()
    ids = {(a.kind, a.code): a.id for a in authorities if a.code}
    covering = _with_territories(authorities, _covering(ids), ids)
    catalogue = Catalogue(authorities, _actions(), covering)
    catalogue.warm()
    last = [fingerprint[i] for i in (1, 3)] if fingerprint else []
    dates = [d.date().isoformat() for d in last if hasattr(d, "date")]
    return Snapshot(
        catalogue=catalogue,
        labels=_labels(),
        partnerships=sum(1 for a in catalogue.actions.values() if a.kind == "partnership"),
        projects=sum(1 for a in catalogue.actions.values() if a.kind == "project"),
        last_change=max(dates, default=""),
        fingerprint=fingerprint or (),
        built_in=time.perf_counter() - started,
    )
