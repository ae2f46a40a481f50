"""Catalogue records to search documents: text terms, facet values, what a result shows.

Reads the catalogue with ``values_list`` queries (no model instances) a chunk of ids at a
time, so that indexing a million projects stays within minutes.

What a record is found by: its title (boosted), summary, description, the names of its French
and foreign authorities, its countries and its themes. Facet values:

* projects: their own French authorities, foreign authorities and countries, or their
  partnership's when they have none; countries also come from the foreign authorities;
* SDG goals: those of the project's SDG targets, plus those the record's themes map to;
* relation type of a project: its partnership's, or "projet" when it has none.
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Model, Q

from coopdec.catalogue.models import (
    ForeignAuthority,
    FrenchAuthority,
    Partnership,
    Project,
    RelationType,
    Status,
)
from coopdec.catalogue.search import text
from coopdec.reference.models import Country, SdgTarget, Theme

# Facet dimensions stored in SearchDocument.values, in this order: [count, values...] each.
ENCODED = (
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
)
TYPES = ("project", "partnership")
KINDS = tuple(FrenchAuthority.Kind.values)
RELATIONS = tuple(RelationType.values)
STATUSES = tuple(Status.values)
CHUNK = 5000


def position(choices: tuple[str, ...], value: str) -> int:
    """1-based position of a choice (0: none); the facet value stored for it."""
    return choices.index(value) + 1 if value in choices else 0


@dataclass
class Document:
    kind: str
    object_id: int
    title: str
    summary: str
    title_terms: list[str]
    body_terms: list[str]
    words: set[str]
    start_year: int | None
    end_year: int | None
    values: dict[str, list[int]]
    payload: dict[str, object] = field(default_factory=dict)

    @property
    def sort_title(self) -> str:
        return " ".join(text.fold_text(self.title).split())[:200]

    def encoded_values(self) -> bytes:
        """``[n, v1..vn]`` per dimension of ``ENCODED``, as little-endian int32."""
        flat: list[int] = []
        for name in ENCODED:
            values = self.values.get(name, [])
            flat.append(len(values))
            flat.extend(values)
        packed = array("i", flat)
        if sys.byteorder == "big":
            packed.byteswap()
        return packed.tobytes()


class Reference:
    """Reference rows every document needs, read once per indexing run."""

    def __init__(self) -> None:
        self.themes = {
            t.id: t
            for t in Theme.objects.prefetch_related("sdg_goals").only("id", "code", "label_fr")
        }
        self.theme_goals = {
            tid: sorted(g.number for g in t.sdg_goals.all()) for tid, t in self.themes.items()
        }
        self.countries = {
            cid: (iso2, name, zone)
            for cid, iso2, name, zone in Country.objects.values_list(
                "id", "iso2", "name_fr", "zone_id"
            )
        }
        self.target_goal = dict(SdgTarget.objects.values_list("id", "goal__number"))


def _m2m(model: type[Model], field_name: str, ids: list[int]) -> dict[int, list[int]]:
    """Related ids per owner id, through the many-to-many table of ``model.field_name``."""
    descriptor = getattr(model, field_name)
    owner = descriptor.field.m2m_field_name()
    target = descriptor.field.m2m_reverse_field_name()
    rows = descriptor.through.objects.filter(_among(f"{owner}_id", ids))
    out: dict[int, list[int]] = defaultdict(list)
    for owner_id, target_id in rows.values_list(f"{owner}_id", f"{target}_id").order_by(
        f"{owner}_id", f"{target}_id"
    ):
        out[owner_id].append(target_id)
    return out


def _among(field: str, ids: list[int]) -> Q:
    """``field IN ids``, as a range when ``ids`` is a whole run of consecutive ids (a rebuild):
    a long ``IN`` list costs more to build than the query takes."""
    if len(ids) > 100 and ids == sorted(ids) and ids[-1] - ids[0] == len(ids) - 1:
        return Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return Q(**{f"{field}__in": ids})


def _authorities(ids: Iterable[int]) -> dict[int, tuple[str, str, int | None, int | None]]:
    rows = FrenchAuthority.objects.filter(id__in=set(ids)).values_list(
        "id", "name", "kind", "region_id", "departement_id"
    )
    return {row[0]: row[1:] for row in rows}


def _foreign(ids: Iterable[int]) -> dict[int, tuple[str, int]]:
    rows = ForeignAuthority.objects.filter(id__in=set(ids)).values_list("id", "name", "country_id")
    return {row[0]: row[1:] for row in rows}


def _uniq(values: Iterable[int]) -> list[int]:
    return sorted({v for v in values if v})


def _build(
    ref: Reference,
    *,
    kind: str,
    object_id: int,
    title: str,
    texts: list[str],
    start_year: int | None,
    end_year: int | None,
    status: str,
    relation_type: str,
    open_to_new_members: bool,
    french: list[int],
    foreign: list[int],
    countries: list[int],
    themes: list[int],
    goals: list[int],
    authorities: dict[int, tuple[str, str, int | None, int | None]],
    partners: dict[int, tuple[str, int]],
) -> Document:
    countries = _uniq([*countries, *(partners[f][1] for f in foreign if f in partners)])
    theme_rows = [ref.themes[t] for t in themes if t in ref.themes]
    names = [authorities[a][0] for a in french if a in authorities]
    partner_names = [partners[f][0] for f in foreign if f in partners]
    searchable = [
        *texts,
        *names,
        *partner_names,
        *(ref.countries[c][1] for c in countries if c in ref.countries),
        *(t.label_fr for t in theme_rows),
    ]
    title_terms, body_terms, words = text.analyse(title, " ".join(searchable))
    found = [authorities[a] for a in french if a in authorities]
    values = {
        "type": [TYPES.index(kind) + 1],
        "theme": _uniq(themes),
        "sdg": _uniq([*goals, *(g for t in themes for g in ref.theme_goals.get(t, []))]),
        "country": countries,
        "zone": _uniq(ref.countries[c][2] or 0 for c in countries if c in ref.countries),
        "authority": _uniq(french),
        "authority_kind": _uniq(position(KINDS, a[1]) for a in found),
        "region": _uniq(a[2] or 0 for a in found),
        "departement": _uniq(a[3] or 0 for a in found),
        "relation_type": [position(RELATIONS, relation_type)],
        "status": [position(STATUSES, status)],
        "open": [2 if open_to_new_members else 1],
    }
    payload = {
        "status": status,
        "relation_type": relation_type,
        "open": open_to_new_members,
        "themes": [t.code for t in sorted(theme_rows, key=lambda t: t.id)],
        "countries": [ref.countries[c][0] for c in countries if c in ref.countries],
        "authorities": [[a, authorities[a][0]] for a in french if a in authorities],
        "foreign": partner_names,
    }
    summary = texts[0] if texts else ""
    return Document(
        kind=kind,
        object_id=object_id,
        title=title,
        summary=summary[:400],
        title_terms=title_terms,
        body_terms=body_terms,
        words=words,
        start_year=start_year,
        end_year=end_year,
        values=values,
        payload=payload,
    )


def partnerships(ref: Reference, ids: list[int]) -> Iterator[Document]:
    rows = Partnership.objects.filter(_among("id", ids)).values_list(
        "id", "title", "summary", "start_year", "end_year", "status", "relation_type",
        "open_to_new_members",
    )  # fmt: skip
    french = _m2m(Partnership, "french_authorities", ids)
    foreign = _m2m(Partnership, "foreign_authorities", ids)
    themes = _m2m(Partnership, "themes", ids)
    authorities = _authorities(a for values in french.values() for a in values)
    partners = _foreign(f for values in foreign.values() for f in values)
    for pid, title, summary, start, end, status, relation, is_open in rows.order_by("id"):
        yield _build(
            ref, kind="partnership", object_id=pid, title=title, texts=[summary],
            start_year=start, end_year=end, status=status, relation_type=relation,
            open_to_new_members=is_open, french=french.get(pid, []),
            foreign=foreign.get(pid, []), countries=[], themes=themes.get(pid, []), goals=[],
            authorities=authorities, partners=partners,
        )  # fmt: skip


def _narrative_texts(narratives: object) -> list[str]:
    """Texts in other languages (IATI narratives: {"en": {"title": ..., ...}}) are searchable."""
    if not isinstance(narratives, dict):
        return []
    return [
        str(text)
        for by_field in narratives.values()
        if isinstance(by_field, dict)
        for text in by_field.values()
        if text
    ]


def projects(ref: Reference, ids: list[int]) -> Iterator[Document]:
    rows = list(
        Project.objects.filter(_among("id", ids))
        .values_list(
            "id", "title", "summary", "description", "start_date", "end_date", "status",
            "open_to_new_members", "partnership_id", "partnership__relation_type", "narratives",
        )
        .order_by("id")
    )  # fmt: skip
    french = _m2m(Project, "french_authorities", ids)
    foreign = _m2m(Project, "foreign_authorities", ids)
    countries = _m2m(Project, "countries", ids)
    themes = _m2m(Project, "themes", ids)
    targets = _m2m(Project, "sdg_targets", ids)
    parents = sorted({row[8] for row in rows if row[8]})
    parent_french = _m2m(Partnership, "french_authorities", parents)
    parent_foreign = _m2m(Partnership, "foreign_authorities", parents)
    authorities = _authorities(
        a for source in (french, parent_french) for values in source.values() for a in values
    )
    partners = _foreign(
        f for source in (foreign, parent_foreign) for values in source.values() for f in values
    )
    for (
        pid,
        title,
        summary,
        description,
        start,
        end,
        status,
        is_open,
        parent,
        relation,
        other,
    ) in rows:
        own_french, own_foreign = french.get(pid, []), foreign.get(pid, [])
        yield _build(
            ref, kind="project", object_id=pid, title=title,
            texts=[summary, description, *_narrative_texts(other)],
            start_year=start.year if start else None, end_year=end.year if end else None,
            status=status, relation_type=relation or RelationType.PROJET,
            open_to_new_members=is_open,
            french=own_french or parent_french.get(parent, []),
            foreign=own_foreign or parent_foreign.get(parent, []),
            countries=countries.get(pid, []), themes=themes.get(pid, []),
            goals=[ref.target_goal[t] for t in targets.get(pid, []) if t in ref.target_goal],
            authorities=authorities, partners=partners,
        )  # fmt: skip
