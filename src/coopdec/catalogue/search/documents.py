"""Catalogue records to search documents: text terms, facet values, what a result shows.

Reads the catalogue a chunk of ids at a time (``reading``: plain SQL, no model instances), so
that indexing a million projects stays within minutes.

What a record is found by: its title (boosted), summary, description, its English IATI
narratives, the names of its French and foreign authorities, its countries (French and
English names), its themes (labels in both languages, the everyday words of
``vocabulary``) and the short names of its own SDG goals in both languages. The English
among these (narratives, English labels and words) is also stemmed the English way, into
marked terms only an English query reaches (``text.english_terms``). Facet values:

* projects: their own French authorities, foreign authorities and countries, or their
  partnership's when they have none; countries also come from the foreign authorities;
* SDG goals: those of the project's SDG targets, plus those the record's themes map to;
* relation type of a project: its partnership's, or "projet" when it has none;
* example: a project a moderator flagged as good practice (a published ``Example``).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from coopdec.catalogue import fields
from coopdec.catalogue.models import (
    FrenchAuthority,
    Partnership,
    Project,
    RelationType,
    Status,
)
from coopdec.catalogue.search import reading, text
from coopdec.catalogue.search.vocabulary import THEME_WORDS
from coopdec.reference.models import Country, DacSector, SdgGoal, SdgTarget, Theme

# Facet dimensions stored in SearchDocument.values, in this order: [count, values...] each.
ENCODED = fields.ENCODED
TYPES = ("project", "partnership")
KINDS = tuple(FrenchAuthority.Kind.values)
RELATIONS = tuple(RelationType.values)
STATUSES = tuple(Status.values)
CHUNK = 5000


def flag(value: bool) -> int:
    """The stored value of a yes/no dimension (``fields.FLAGS``): 2 yes, 1 no."""
    return 2 if value else 1


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
        themes = list(
            Theme.objects.prefetch_related("sdg_goals").only("id", "code", "label_fr", "label_en")
        )
        self.theme_label = {t.id: t.label_fr for t in themes}
        # What else finds a record of the theme: its English label and the everyday words of
        # ``vocabulary`` (an English query meets a French record). Not the DAC categories'
        # labels: one category spans several themes (140 is water *and* waste), so "eau"
        # would find the waste projects. A project's own 5-digit DAC purpose codes are precise
        # enough (14030 is drinking water and sanitation, 14050 waste): their French and
        # English labels are indexed with the project (``sector_names``).
        self.theme_synonyms = {t.id: f"{t.label_en} {THEME_WORDS.get(t.code, '')}" for t in themes}
        self.theme_code = {t.id: t.code for t in themes}
        self.theme_goals = {t.id: sorted(g.number for g in t.sdg_goals.all()) for t in themes}
        self.countries = {
            cid: (iso2, name, zone)
            for cid, iso2, name, zone in Country.objects.values_list(
                "id", "iso2", "name_fr", "zone_id"
            )
        }
        self.country_en = dict(Country.objects.values_list("id", "name_en"))
        # English stems of the English words, worked out once per theme, country and goal.
        self.theme_english = {t: text.english_terms(v) for t, v in self.theme_synonyms.items()}
        self.country_english = {c: text.english_terms(v or "") for c, v in self.country_en.items()}
        self.target_goal = dict(SdgTarget.objects.values_list("id", "goal__number"))
        goals = list(SdgGoal.objects.values_list("number", "short_fr", "short_en"))
        self.goal_names = {number: f"{short_fr} {short_en}" for number, short_fr, short_en in goals}
        self.goal_english = {number: text.english_terms(short_en) for number, _, short_en in goals}
        sectors = list(DacSector.objects.values_list("id", "label_fr", "label_en"))
        self.sector_names = {sid: f"{label_fr} {label_en}" for sid, label_fr, label_en in sectors}
        self.sector_english = {sid: text.english_terms(label_en) for sid, _, label_en in sectors}


# Facet values of the coded dimensions (``position`` of each choice), looked up per record.
_KIND_VALUE = {kind: position(KINDS, kind) for kind in KINDS}
_RELATION_VALUE = {relation: position(RELATIONS, relation) for relation in RELATIONS}
_STATUS_VALUE = {status: position(STATUSES, status) for status in STATUSES}


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
    example: bool,
    french: list[int],
    foreign: list[int],
    countries: list[int],
    themes: list[int],
    goals: list[int],
    authorities: dict[int, tuple[str, str, int | None, int | None]],
    partners: dict[int, tuple[str, int]],
    english: tuple[str, ...] = (),
    sectors: Iterable[int] = (),
) -> Document:
    # Each related row is looked up once; a million documents make this the indexer's loop.
    partner_rows = [partners[f] for f in foreign if f in partners]
    countries = _uniq([*countries, *(p[1] for p in partner_rows)])
    country_rows = [ref.countries[c] for c in countries if c in ref.countries]
    theme_ids = sorted(t for t in themes if t in ref.theme_label)
    found = [(a, authorities[a]) for a in french if a in authorities]
    partner_names = [p[0] for p in partner_rows]
    searchable = [
        *texts,
        *(row[0] for _, row in found),
        *partner_names,
        *(c[1] for c in country_rows),
        *(ref.country_en.get(c, "") for c in countries),
        *(ref.theme_label[t] for t in themes if t in ref.theme_label),
        *(ref.theme_synonyms.get(t, "") for t in themes),
        # The goals of its own SDG targets only: the goals a theme maps to are too broad.
        *(ref.goal_names.get(g, "") for g in goals),
        *(ref.sector_names.get(s, "") for s in sectors),
    ]
    title_terms, body_terms, words = text.analyse(title, " ".join(searchable))
    english_terms = set().union(
        *(text.english_terms(t) for t in english),
        *(ref.theme_english.get(t, ()) for t in themes),
        *(ref.country_english.get(c, ()) for c in countries),
        *(ref.goal_english.get(g, ()) for g in goals),
        *(ref.sector_english.get(s, ()) for s in sectors),
    )
    if english_terms:
        body_terms = sorted(english_terms.union(body_terms))
    values = {
        "type": [TYPES.index(kind) + 1],
        "theme": _uniq(themes),
        "sdg": _uniq([*goals, *(g for t in themes for g in ref.theme_goals.get(t, ()))]),
        "country": countries,
        "zone": _uniq(c[2] or 0 for c in country_rows),
        "authority": _uniq(french),
        "authority_kind": _uniq(_KIND_VALUE.get(row[1], 0) for _, row in found),
        "region": _uniq(row[2] or 0 for _, row in found),
        "departement": _uniq(row[3] or 0 for _, row in found),
        "relation_type": [_RELATION_VALUE.get(relation_type, 0)],
        "status": [_STATUS_VALUE.get(status, 0)],
        "open": [flag(open_to_new_members)],
        "example": [flag(example)],
    }
    payload = {
        "status": status,
        "relation_type": relation_type,
        "open": open_to_new_members,
        "example": example,
        "themes": [ref.theme_code[t] for t in theme_ids],
        "countries": [c[0] for c in country_rows],
        "authorities": [[a, row[0]] for a, row in found],
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
    rows = reading.partnership_rows(ids)
    french = reading.links(Partnership, "french_authorities", ids)
    foreign = reading.links(Partnership, "foreign_authorities", ids)
    themes = reading.links(Partnership, "themes", ids)
    authorities = reading.authorities(a for values in french.values() for a in values)
    partners = reading.foreign_authorities(f for values in foreign.values() for f in values)
    for pid, title, summary, start, end, status, relation, is_open in rows:
        yield _build(
            ref, kind="partnership", object_id=pid, title=title, texts=[summary],
            start_year=start, end_year=end, status=status, relation_type=relation,
            open_to_new_members=is_open, example=False, french=french.get(pid, []),
            foreign=foreign.get(pid, []), countries=[], themes=themes.get(pid, []), goals=[],
            authorities=authorities, partners=partners,
        )  # fmt: skip


def _narrative_texts(narratives: object) -> list[str]:
    """Texts in other languages (IATI narratives: {"en": {"title": ..., ...}}) are searchable."""
    if not isinstance(narratives, dict) or not narratives:
        return []
    return [
        str(text)
        for by_field in narratives.values()
        if isinstance(by_field, dict)
        for text in by_field.values()
        if text
    ]


def _english_texts(narratives: object) -> tuple[str, ...]:
    """The English narratives, which are also stemmed the English way."""
    english = narratives.get("en") if isinstance(narratives, dict) else None
    if not isinstance(english, dict):
        return ()
    return tuple(str(text) for text in english.values() if text)


def projects(ref: Reference, ids: list[int]) -> Iterator[Document]:
    rows = reading.project_rows(ids)
    french = reading.links(Project, "french_authorities", ids)
    foreign = reading.links(Project, "foreign_authorities", ids)
    countries = reading.links(Project, "countries", ids)
    themes = reading.links(Project, "themes", ids)
    targets = reading.links(Project, "sdg_targets", ids)
    sectors = reading.links(Project, "dac_sectors", ids)
    parents = sorted({row[8] for row in rows if row[8]})
    parent_french = reading.links(Partnership, "french_authorities", parents)
    parent_foreign = reading.links(Partnership, "foreign_authorities", parents)
    authorities = reading.authorities(
        a for source in (french, parent_french) for values in source.values() for a in values
    )
    partners = reading.foreign_authorities(
        f for source in (foreign, parent_foreign) for values in source.values() for f in values
    )
    target_goal = ref.target_goal
    for (
        pid, title, summary, description, start, end, status, is_open, parent, relation, other,
        example,
    ) in rows:  # fmt: skip
        yield _build(
            ref, kind="project", object_id=pid, title=title,
            texts=[summary, description, *_narrative_texts(other)],
            start_year=start, end_year=end, status=status,
            relation_type=relation or RelationType.PROJET, open_to_new_members=is_open,
            example=example,
            french=french.get(pid) or parent_french.get(parent, []),
            foreign=foreign.get(pid) or parent_foreign.get(parent, []),
            countries=countries.get(pid, []), themes=themes.get(pid, []),
            goals=[target_goal[t] for t in targets.get(pid, ()) if t in target_goal],
            authorities=authorities, partners=partners, english=_english_texts(other),
            sectors=sectors.get(pid, ()),
        )  # fmt: skip
