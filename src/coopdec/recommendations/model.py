"""The view of the catalogue that the scores read: authorities, their actions, who covers whom.

Built once from the database by the service layer (``coopdec.diagnostic.snapshot``) and kept in
memory: a diagnostic then costs dictionary look-ups, not queries. ``hide`` gives the same view
without some actions, which is how the offline evaluation hides a country without leaking it.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from .bands import Band, peer_kind, size_band
from .footprint import Footprint, footprint

PARTNERS_SHOWN = 3  # partners named per country to consider


@dataclass(frozen=True, slots=True)
class Authority:
    """A French authority as the scores see it (codes, not model instances)."""

    id: int
    kind: str
    code: str | None
    name: str
    population: int | None
    departement: str | None  # département code
    region: str | None  # région code
    zone: str | None  # metro, drom, com

    @property
    def band(self) -> Band | None:
        return size_band(self.kind, self.population)


@dataclass(frozen=True, slots=True)
class Partner:
    name: str
    country: str  # ISO alpha-2


@dataclass(frozen=True, slots=True)
class Action:
    """A partnership or a project of the catalogue, reduced to what the scores need."""

    key: str  # "partnership:12", "project:7": unique across both kinds
    kind: str  # partnership | project
    id: int
    title: str
    authorities: tuple[int, ...]  # French authorities (Authority.id)
    partners: tuple[Partner, ...]
    countries: frozenset[str]
    themes: frozenset[str]
    start_year: int | None = None
    end_year: int | None = None
    open_to_new_members: bool = False
    status: str = "unknown"
    sources: tuple[str, ...] = ()
    source_date: str = ""


@dataclass
class _Derived:
    """What is computed from the actions: rebuilt for the authorities ``hide`` touches."""

    actions_of: dict[int, tuple[Action, ...]] = field(default_factory=dict)
    countries_of: dict[int, frozenset[str]] = field(default_factory=dict)
    themes_of: dict[int, frozenset[str]] = field(default_factory=dict)
    # country -> authorities acting there (the co-occurrence statistics walk these)
    acting_in: dict[str, frozenset[int]] = field(default_factory=dict)
    active_by_kind: dict[str, frozenset[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class PeerGroup:
    """The active authorities of one (peer) kind and band, nationwide or in one région: how
    many, and how many of them act in each country and on each theme."""

    size: int
    countries: Counter[str]
    themes: Counter[str]


class Catalogue:
    """Authorities, actions and the covering relation (commune -> EPCI, EPT, département,
    région; EPCI -> département, région; département -> région)."""

    def __init__(
        self,
        authorities: Iterable[Authority],
        actions: Iterable[Action],
        covering: Mapping[int, tuple[int, ...]],
    ) -> None:
        self.authorities: dict[int, Authority] = {a.id: a for a in authorities}
        self.by_code: dict[tuple[str, str], int] = {
            (a.kind, a.code): a.id for a in self.authorities.values() if a.code
        }
        self.actions: dict[str, Action] = {a.key: a for a in actions}
        self.covering: dict[int, tuple[int, ...]] = dict(covering)
        covered: dict[int, list[int]] = defaultdict(list)
        for child, parents in self.covering.items():
            for parent in parents:
                covered[parent].append(child)
        self.covered: dict[int, tuple[int, ...]] = {k: tuple(v) for k, v in covered.items()}
        self._derived = self._derive(self.actions.values())
        self._band_counts: Counter[tuple[str, Band | None, str | None]] | None = None
        self._kind_counts: dict[str, Counter[str]] = {}
        self._in_band: dict[tuple[str, Band | None], tuple[int, ...]] | None = None
        self._open: dict[tuple[str, str], tuple[Action, ...]] | None = None
        self._pairs: dict[str, Counter[str]] | None = None
        self._signatures: dict[int, tuple[tuple[frozenset[str], Counter[str]], ...]] = {}
        self._groups: dict[tuple[str, Band | None, str | None], PeerGroup] = {}
        self._group_signatures: dict[tuple[str, Band | None], dict[frozenset[str], Counter[str]]]
        self._group_signatures = {}
        self._partners: dict[int, dict[str, tuple[tuple[str, ...], str]]] = {}
        self._covered_counts: dict[int, PeerGroup] = {}
        self._footprints: dict[int, Footprint] = {}
        self._active_inside: dict[int, tuple[int, ...]] = {}

    def _derive(self, actions: Iterable[Action]) -> _Derived:
        acts: dict[int, list[Action]] = defaultdict(list)
        countries: dict[int, set[str]] = defaultdict(set)
        themes: dict[int, set[str]] = defaultdict(set)
        for action in actions:
            for aid in action.authorities:
                acts[aid].append(action)
                countries[aid] |= action.countries
                themes[aid] |= action.themes
        acting: dict[str, set[int]] = defaultdict(set)
        for aid, found in countries.items():
            for iso in found:
                acting[iso].add(aid)
        by_kind: dict[str, set[int]] = defaultdict(set)
        for aid in acts:
            authority = self.authorities.get(aid)
            if authority is not None:
                by_kind[peer_kind(authority.kind)].add(aid)
        return _Derived(
            actions_of={k: tuple(v) for k, v in acts.items()},
            countries_of={k: frozenset(v) for k, v in countries.items()},
            themes_of={k: frozenset(v) for k, v in themes.items()},
            acting_in={k: frozenset(v) for k, v in acting.items()},
            active_by_kind={k: frozenset(v) for k, v in by_kind.items()},
        )

    # What the scores read -------------------------------------------------------------
    def actions_of(self, authority_id: int) -> tuple[Action, ...]:
        return self._derived.actions_of.get(authority_id, ())

    def countries_of(self, authority_id: int) -> frozenset[str]:
        return self._derived.countries_of.get(authority_id, frozenset())

    def themes_of(self, authority_id: int) -> frozenset[str]:
        return self._derived.themes_of.get(authority_id, frozenset())

    def acting_in(self, country: str) -> frozenset[int]:
        return self._derived.acting_in.get(country, frozenset())

    def active(self, kind: str) -> frozenset[int]:
        """Authorities of this (peer) kind with at least one action."""
        return self._derived.active_by_kind.get(peer_kind(kind), frozenset())

    def engaged(self) -> int:
        """How many authorities have at least one action."""
        return len(self._derived.actions_of)

    def active_in_band(self, kind: str, band: Band | None) -> tuple[int, ...]:
        """Active authorities of this (peer) kind in this band (all sizes when None)."""
        if band is None:
            return tuple(self.active(kind))
        if self._in_band is None:
            groups: dict[tuple[str, Band | None], list[int]] = defaultdict(list)
            for kind_, ids in self._derived.active_by_kind.items():
                for aid in ids:
                    groups[(kind_, self.authorities[aid].band)].append(aid)
            self._in_band = {k: tuple(sorted(v)) for k, v in groups.items()}
        return self._in_band.get((peer_kind(kind), band), ())

    def peer_group(self, authority: Authority, region: str | None = None) -> PeerGroup:
        """The authority's peers that act (same peer kind and band; in ``region`` when given),
        the authority itself left out. The sums over the whole band are computed once and
        the authority's own part taken off, so a large band costs no more than a small one."""
        group = self._group(peer_kind(authority.kind), authority.band, region)
        if not self._in_own_group(authority, region):
            return group
        return PeerGroup(
            group.size - 1,
            group.countries - Counter(self.countries_of(authority.id)),
            group.themes - Counter(self.themes_of(authority.id)),
        )

    def peer_signatures(self, authority: Authority) -> dict[frozenset[str], Counter[str]]:
        """The actions of the authority's peers that act (nationwide, itself left out), grouped
        by their set of themes: (themes -> country -> actions), summed over the band once."""
        found = self._signature_group(peer_kind(authority.kind), authority.band)
        if not self._in_own_group(authority, None):
            return found
        mine = dict(self.theme_signatures(authority.id))
        # Counter subtraction drops the countries no other peer has in that group of themes.
        return {t: (c - mine[t] if t in mine else c) for t, c in found.items()}

    def partners_by_country(self, authority_id: int) -> dict[str, tuple[tuple[str, ...], str]]:
        """Country -> (the first three distinct partners of the authority there, the action of
        the first), in the order of its actions (computed once per authority)."""
        found = self._partners.get(authority_id)
        if found is None:
            names: dict[str, list[str]] = {}
            first: dict[str, str] = {}
            for action in self.actions_of(authority_id):
                for partner in action.partners:
                    first.setdefault(partner.country, action.key)
                    listed = names.setdefault(partner.country, [])
                    if len(listed) < PARTNERS_SHOWN and partner.name not in listed:
                        listed.append(partner.name)
            found = {c: (tuple(listed), first[c]) for c, listed in names.items()}
            self._partners[authority_id] = found
        return found

    def covered_counts(self, authority_id: int) -> PeerGroup:
        """The authorities it covers that act somewhere: how many, and per country (computed
        once per authority; themes are not counted)."""
        found = self._covered_counts.get(authority_id)
        if found is None:
            countries: Counter[str] = Counter()
            size = 0
            for aid in self.covered.get(authority_id, ()):
                mine = self.countries_of(aid)
                if mine:
                    size += 1
                    countries.update(mine)
            found = PeerGroup(size, countries, Counter())
            self._covered_counts[authority_id] = found
        return found

    def footprint(self, authority_id: int) -> Footprint:
        """Its own actions in listing order, by country and by theme (computed once)."""
        found = self._footprints.get(authority_id)
        if found is None:
            found = footprint(self.actions_of(authority_id))
            self._footprints[authority_id] = found
        return found

    def active_inside(self, authority_id: int) -> tuple[int, ...]:
        """The authorities it covers that act somewhere, most actions first, then by name
        (computed once)."""
        found = self._active_inside.get(authority_id)
        if found is None:
            inside = [c for c in self.covered.get(authority_id, ()) if self.countries_of(c)]
            inside.sort(key=lambda c: (-len(self.actions_of(c)), self.authorities[c].name))
            found = self._active_inside[authority_id] = tuple(inside)
        return found

    def _group(self, kind: str, band: Band | None, region: str | None) -> PeerGroup:
        key = (kind, band, region)
        group = self._groups.get(key)
        if group is None:
            countries: Counter[str] = Counter()
            themes: Counter[str] = Counter()
            size = 0
            for aid in self.active_in_band(kind, band):
                if region is not None and self.authorities[aid].region != region:
                    continue
                size += 1
                countries.update(self.countries_of(aid))
                themes.update(self.themes_of(aid))
            group = PeerGroup(size, countries, themes)
            self._groups[key] = group
        return group

    def _signature_group(self, kind: str, band: Band | None) -> dict[frozenset[str], Counter[str]]:
        found = self._group_signatures.get((kind, band))
        if found is None:
            summed: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
            for aid in self.active_in_band(kind, band):
                for themes, per_country in self.theme_signatures(aid):
                    summed[themes].update(per_country)
            found = dict(summed)
            self._group_signatures[(kind, band)] = found
        return found

    def _in_own_group(self, authority: Authority, region: str | None) -> bool:
        """Whether the authority counts in its own peer group (it acts, in that région)."""
        acting = authority.id in self._derived.actions_of
        return acting and (region is None or authority.region == region)

    def warm(self) -> None:
        """Compute the shared statistics now rather than in the first request."""
        self.pairs()
        self._open_index()
        self.band_counts()
        for kind in self._derived.active_by_kind:
            self.kind_counts(kind)
        self.active_in_band("commune", Band("commune", 0, None))
        groups: dict[int, dict[frozenset[str], Counter[str]]] = defaultdict(
            lambda: defaultdict(Counter)
        )
        for action in self.actions.values():
            if action.themes:
                for aid in action.authorities:
                    groups[aid][action.themes].update(action.countries)
        self._signatures = {aid: tuple(found.items()) for aid, found in groups.items()}
        for aid in self._derived.actions_of:
            self._signatures.setdefault(aid, ())
        # What the authorities covering others bring (partners, what is inside them).
        for aid in self.covered:
            self.covered_counts(aid)
            self.partners_by_country(aid)
            self.active_inside(aid)
        # Every footprint: a diagnostic, even the first of a région, then only names it.
        for aid in self._derived.actions_of:
            self.footprint(aid)
        # The peer groups of every band and région met, for the first request of each.
        for kind, ids in self._derived.active_by_kind.items():
            keys = {(self.authorities[aid].band, self.authorities[aid].region) for aid in ids}
            for band, region in keys:
                self._group(kind, band, None)
                self._signature_group(kind, band)
                if region is not None:
                    self._group(kind, band, region)

    def theme_signatures(
        self, authority_id: int
    ) -> tuple[tuple[frozenset[str], Counter[str]], ...]:
        """An authority's actions grouped by their set of themes: (themes, country -> actions).
        A big city's thousands of actions make a few dozen groups (computed once)."""
        found = self._signatures.get(authority_id)
        if found is None:
            groups: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
            for action in self.actions_of(authority_id):
                if action.themes:
                    groups[action.themes].update(action.countries)
            found = tuple(groups.items())
            self._signatures[authority_id] = found
        return found

    def pairs(self) -> dict[str, Counter[str]]:
        """Country -> (other country -> authorities acting in both), computed once: the
        co-occurrence statistics read it instead of walking every authority of a country."""
        if self._pairs is None:
            pairs: dict[str, Counter[str]] = defaultdict(Counter)
            for countries in self._derived.countries_of.values():
                for country in countries:
                    pairs[country].update(countries)
            self._pairs = dict(pairs)
        return self._pairs

    def _open_index(self) -> dict[tuple[str, str], tuple[Action, ...]]:
        """Open actions by ("t", theme) and ("c", country), and by région too
        (("t", theme + "@" + région)...), each list in title order."""
        if self._open is None:
            index: dict[tuple[str, str], list[Action]] = defaultdict(list)
            for action in sorted(self.actions.values(), key=lambda a: (a.title, a.key)):
                if not action.open_to_new_members:
                    continue
                regions = {self.authorities[a].region for a in action.authorities
                           if a in self.authorities} - {None}  # fmt: skip
                keys = [("t", t) for t in action.themes] + [("c", c) for c in action.countries]
                for kind, value in keys:
                    index[(kind, value)].append(action)
                    for region in regions:
                        index[(kind, f"{value}@{region}")].append(action)
            self._open = {k: tuple(v) for k, v in index.items()}
        return self._open

    def open_calls(
        self,
        themes: frozenset[str],
        countries: frozenset[str],
        region: str | None,
        exclude: int,
        limit: int,
    ) -> list[Action]:
        """Actions open to new members on these themes or in these countries, those carried
        in ``region`` first, then by title; none that ``exclude`` already takes part in."""
        index = self._open_index()
        keys = [("t", t) for t in sorted(themes)] + [("c", c) for c in sorted(countries)]

        def stream(suffix: str) -> Iterator[Action]:
            lists = [index.get((k, v + suffix), ()) for k, v in keys]
            return heapq.merge(*lists, key=lambda a: (a.title, a.key))

        found: list[Action] = []
        seen: set[str] = set()
        for local in (True, False):
            if local and not region:
                continue
            for action in stream(f"@{region}" if local else ""):
                if len(found) >= limit:
                    return found
                if action.key in seen or exclude in action.authorities:
                    continue
                seen.add(action.key)
                found.append(action)
        return found

    def countries(self) -> frozenset[str]:
        """Every country where at least one French authority acts."""
        return frozenset(self._derived.acting_in)

    def kind_counts(self, kind: str) -> Counter[str]:
        """Country -> authorities of this (peer) kind acting there (computed once)."""
        kind = peer_kind(kind)
        if kind not in self._kind_counts:
            counts: Counter[str] = Counter()
            for aid in self.active(kind):
                counts.update(self.countries_of(aid))
            self._kind_counts[kind] = counts
        return self._kind_counts[kind]

    def band_counts(self) -> Counter[tuple[str, Band | None, str | None]]:
        """(peer kind, band, région) -> authorities, active or not (computed once)."""
        if self._band_counts is None:
            self._band_counts = Counter(
                (peer_kind(a.kind), a.band, a.region) for a in self.authorities.values()
            )
        return self._band_counts

    def hide(self, keys: Iterable[str]) -> Catalogue:
        """The same catalogue without these actions (the evaluation's held-out links)."""
        hidden = set(keys)
        view = object.__new__(Catalogue)
        view.authorities = self.authorities
        view.by_code = self.by_code
        view.covering = self.covering
        view.covered = self.covered
        view.actions = {k: a for k, a in self.actions.items() if k not in hidden}
        view._band_counts = self._band_counts  # the authorities are the same
        view._kind_counts = {}
        view._in_band = None
        view._open = None
        view._pairs = None
        view._signatures = {}
        view._groups = {}
        view._group_signatures = {}
        view._partners = {}
        view._covered_counts = {}
        view._footprints = {}
        view._active_inside = {}
        touched = {aid for k in hidden if k in self.actions for aid in self.actions[k].authorities}
        if not touched:
            view._derived = self._derived
            view._pairs = self._pairs
            return view
        # Recompute only the touched authorities; share everything else.
        derived = _Derived(
            actions_of=dict(self._derived.actions_of),
            countries_of=dict(self._derived.countries_of),
            themes_of=dict(self._derived.themes_of),
            acting_in=dict(self._derived.acting_in),
            active_by_kind=dict(self._derived.active_by_kind),
        )
        for aid in touched:
            for iso in self.countries_of(aid):
                derived.acting_in[iso] = derived.acting_in[iso] - {aid}
            authority = self.authorities.get(aid)
            kind = peer_kind(authority.kind) if authority else ""
            derived.active_by_kind[kind] = derived.active_by_kind.get(kind, frozenset()) - {aid}
            own = tuple(a for a in self._derived.actions_of.get(aid, ()) if a.key in view.actions)
            for target in (derived.actions_of, derived.countries_of, derived.themes_of):
                target.pop(aid, None)
            if own:
                derived.actions_of[aid] = own
                found = frozenset().union(*(a.countries for a in own))
                derived.countries_of[aid] = found
                derived.themes_of[aid] = frozenset().union(*(a.themes for a in own))
                for iso in found:
                    derived.acting_in[iso] = derived.acting_in.get(iso, frozenset()) | {aid}
                derived.active_by_kind[kind] = derived.active_by_kind[kind] | {aid}
        view._derived = derived
        if self._pairs is not None:
            # Adjust the parent's pair counts for the touched authorities only.
            pairs = dict(self._pairs)
            copied: set[str] = set()

            def change(countries: frozenset[str], sign: int) -> None:
                for country in countries:
                    if country not in copied:
                        pairs[country] = Counter(pairs.get(country, Counter()))
                        copied.add(country)
                    for other in countries:
                        pairs[country][other] += sign

            for aid in touched:
                change(self.countries_of(aid), -1)
                change(view.countries_of(aid), +1)
            view._pairs = pairs
        return view
