"""Resolving what a row names (French authority, country, themes) to database rows.

One ``Directory`` per import prefetches every lookup in a few queries (36,000 French
authorities, 250 countries, 22 themes), so resolving thousands of rows makes no query.
Resolution never guesses: a name that fits several authorities is an error listing them, and
the Wikidata population rule accepts a homonym only when exactly one candidate is close.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from django.conf import settings

from coopdec.catalogue.imports.keys import fold_name, french_part, french_search_name
from coopdec.catalogue.models import FrenchAuthority
from coopdec.reference.models import Country, Departement, Theme

Kind = FrenchAuthority.Kind
# Kinds listed by the COG (resolved by code or exact name) and kinds outside it (recorded as
# named in their source, never matched to an official body).
COG_KINDS = frozenset(
    {
        Kind.COMMUNE,
        Kind.EPCI,
        Kind.EPT,
        Kind.DEPARTEMENT,
        Kind.REGION,
        Kind.COLLECTIVITE_PARTICULIERE,
    }
)
NON_COG_KINDS = frozenset({Kind.SYNDICAT, Kind.GROUPEMENT})
FORMER_COMMUNE_TYPES = frozenset({"commune-deleguee", "commune-associee"})
KIND_LABELS = {str(k.value): str(k.label) for k in Kind}

# Country labels of the English Wikidata/Wikipedia and of French spreadsheets that differ from
# the ISO names stored in Country (normalised form -> ISO alpha-2).
COUNTRY_ALIASES: dict[str, str] = {
    "palestinian national authority": "PS",
    "palestinian territories": "PS",
    "palestinian territory": "PS",
    "territoires palestiniens": "PS",
    "state of palestine": "PS",
    "republic of macedonia": "MK",
    "macedoine": "MK",
    "macedoine du nord": "MK",
    "syria": "SY",
    "moldova": "MD",
    "laos": "LA",
    "vatican city": "VA",
    "swaziland": "SZ",
    "burma": "MM",
    "birmanie": "MM",
    "east timor": "TL",
    "brunei": "BN",
    "macau": "MO",
    "micronesia": "FM",
    "democratic republic of congo": "CD",
    "rdc": "CD",
    "republique democratique du congo": "CD",
    "congo brazzaville": "CG",
    "congo kinshasa": "CD",
    "cape verde": "CV",
    "cabo verde": "CV",
    "cap vert": "CV",
    "viet nam": "VN",
    "etats unis": "US",
    "etats unis d amerique": "US",
    "usa": "US",
    "belarus": "BY",
    "bielorussie": "BY",
    "tchequie": "CZ",
    "republique tcheque": "CZ",
    "turkey": "TR",
    "turquie": "TR",
    "russia": "RU",
    "russie": "RU",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "republique de guinee": "GN",
    "guinee conakry": "GN",
    "gambia": "GM",
    "gambie": "GM",
    "south korea": "KR",
    "coree du sud": "KR",
    "taiwan": "TW",
    "iran": "IR",
    "tanzania": "TZ",
    "tanzanie": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "kosovo": "XK",
    "haiti": "HT",
    "comores": "KM",
    "union des comores": "KM",
    "royaume uni": "GB",
    "grande bretagne": "GB",
}


# English labels Wikidata gives some French towns (normalised -> the commune's own name).
FRENCH_TOWN_EXONYMS: dict[str, str] = {"dunkirk": "dunkerque"}


class Unresolved(Exception):
    """A value that names nothing, or several things; ``reason`` is in French."""

    def __init__(self, reason: str, candidates: tuple[str, ...] = ()) -> None:
        self.reason = reason
        self.candidates = candidates
        super().__init__(reason)


class Authority(NamedTuple):
    id: int
    kind: str
    code: str | None
    name: str
    search_name: str
    population: int | None
    departement_id: int | None

    def describe(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


@dataclass(frozen=True, slots=True)
class FrenchMatch:
    """The French authority of a row: an existing row (``id``) or an unofficial body to create."""

    kind: str
    name: str
    search_name: str
    code: str | None
    id: int | None = None
    former_name: str = ""  # the merged commune a source named, when resolved through it

    @property
    def key_part(self) -> str:
        return french_part(self.kind, self.code, self.search_name)


class CountryRow(NamedTuple):
    id: int
    iso2: str
    name_fr: str
    name_en: str


def _pad(kind: str, code: str) -> str:
    """Codes that lost their leading zero in a spreadsheet: 1001 -> 01001, 1 -> 01."""
    if kind == Kind.COMMUNE and re.fullmatch(r"\d{4}", code):
        return f"0{code}"
    if kind == Kind.DEPARTEMENT and re.fullmatch(r"\d", code):
        return f"0{code}"
    return code


class Directory:
    """Every lookup an import needs, fetched once."""

    def __init__(self) -> None:
        self.by_code: dict[tuple[str, str], Authority] = {}
        self.by_name: dict[tuple[str, str], list[Authority]] = defaultdict(list)
        self.kinds_of_code: dict[str, list[Authority]] = defaultdict(list)
        self.unofficial: dict[tuple[str, str], Authority] = {}
        self._former: dict[str, list[tuple[str, str]]] | None = None
        rows = FrenchAuthority.objects.values_list(
            "id", "kind", "code", "name", "search_name", "population", "departement_id"
        )
        for row in rows:
            authority = Authority(*row)
            if authority.code:
                self.by_code[(authority.kind, authority.code)] = authority
                self.by_name[(authority.kind, authority.search_name)].append(authority)
                self.kinds_of_code[authority.code].append(authority)
            else:
                self.unofficial[(authority.kind, authority.search_name)] = authority
        self.countries = {c.iso2: c for c in map(CountryRow._make, _country_rows())}
        self.country_labels = self._country_labels()
        self.themes: dict[str, int] = {}
        self.theme_by_label: dict[str, str] = {}
        for pk, code, label_fr, label_en in Theme.objects.values_list(
            "id", "code", "label_fr", "label_en"
        ):
            self.themes[code] = pk
            self.theme_by_label[fold_name(code)] = code
            self.theme_by_label[fold_name(label_fr)] = code
            if label_en:
                self.theme_by_label.setdefault(fold_name(label_en), code)
        self.departements = dict(Departement.objects.values_list("id", "code"))
        self.departement_by_name = {
            fold_name(name): pk for pk, name in Departement.objects.values_list("id", "name")
        }

    # --- French authorities -------------------------------------------------------------

    def french(
        self,
        kind: str,
        code: str | None,
        name: str,
        *,
        empty_code_is_unofficial: bool = False,
        official: bool | None = None,
    ) -> FrenchMatch:
        """The authority a row names, by code, or failing that by exact name within ``kind``.

        ``empty_code_is_unofficial``: a row without code is a body outside the COG (the starter
        catalogue leaves the code empty exactly when it could not be resolved without guessing).
        ``official=False``: the row says so explicitly.
        """
        search_name = french_search_name(name)
        code = (code or "").strip().upper() or None
        if (
            kind in NON_COG_KINDS
            or official is False
            or (code is None and empty_code_is_unofficial)
        ):
            return self._unofficial(kind, name, search_name)
        if code is not None:
            code = _pad(kind, code)
            found = self.by_code.get((kind, code))
            if found is None:
                raise Unresolved(self._unknown_code(kind, code))
            return FrenchMatch(found.kind, found.name, found.search_name, found.code, found.id)
        candidates = self.by_name.get((kind, search_name), [])
        if len(candidates) == 1:
            found = candidates[0]
            return FrenchMatch(found.kind, found.name, found.search_name, found.code, found.id)
        if candidates:
            raise Unresolved(
                f"nom ambigu : {len(candidates)} collectivités de nature « {KIND_LABELS[kind]} » "
                f"s'appellent « {name} » : {self._list(candidates)} ; indiquez le code officiel",
                tuple(c.describe() for c in candidates),
            )
        existing = self.unofficial.get((kind, search_name))
        if existing is not None:  # a body outside the COG already recorded under this name
            return FrenchMatch(kind, existing.name, search_name, None, existing.id)
        raise Unresolved(
            f"aucune collectivité de nature « {KIND_LABELS[kind]} » ne s'appelle « {name} » "
            "dans le COG 2026 ; indiquez le code officiel (ou, pour un organisme hors COG, "
            "french_authority_official = non)"
        )

    def _unofficial(self, kind: str, name: str, search_name: str) -> FrenchMatch:
        existing = self.unofficial.get((kind, search_name))
        return FrenchMatch(
            kind,
            name if existing is None else existing.name,
            search_name,
            None,
            None if existing is None else existing.id,
        )

    def _unknown_code(self, kind: str, code: str) -> str:
        reason = f"code « {code} » inconnu pour la nature « {KIND_LABELS[kind]} » (COG 2026)"
        others = [a for a in self.kinds_of_code.get(code, []) if a.kind != kind]
        if others:
            elsewhere = ", ".join(f"{KIND_LABELS[a.kind]} {a.describe()}" for a in others)
            reason += f" ; ce code est celui de : {elsewhere}"
        return reason

    @staticmethod
    def _list(candidates: list[Authority]) -> str:
        ordered = sorted(candidates, key=lambda a: a.code or "")
        return ", ".join(a.describe() for a in ordered)

    def commune_by_population(
        self, label: str, population: int | None, *, tolerance: float = 0.20
    ) -> FrenchMatch:
        """A French town named in Wikidata ("Allonnes, Sarthe" or "Allonnes") as a commune.

        One commune of that name: it. Several: the one whose population is within
        ``tolerance`` of Wikidata's, when it is the only one that close. Otherwise Unresolved.
        """
        name, departement_id = self._split_departement(label)
        search_name = french_search_name(name)
        search_name = FRENCH_TOWN_EXONYMS.get(search_name, search_name)
        candidates = self.by_name.get((Kind.COMMUNE, search_name), [])
        if departement_id is not None:
            candidates = [c for c in candidates if c.departement_id == departement_id]
        if not candidates:
            return self._former_commune(label, search_name, departement_id)
        if len(candidates) == 1:
            return self._match(candidates[0])
        listed = tuple(c.describe() for c in sorted(candidates, key=lambda c: c.code or ""))
        if not population:
            raise Unresolved(
                f"{len(candidates)} communes nommées « {label} » et pas de population pour "
                "les départager",
                listed,
            )
        close = [
            c
            for c in candidates
            if c.population is not None and abs(c.population - population) <= tolerance * population
        ]
        if len(close) == 1:
            return self._match(close[0])
        why = "aucune" if not close else f"{len(close)}"
        raise Unresolved(
            f"{len(candidates)} communes nommées « {label} » ; {why} à moins de "
            f"{round(tolerance * 100)} % de la population Wikidata ({population})",
            listed,
        )

    def _former_commune(
        self, label: str, search_name: str, departement_id: int | None
    ) -> FrenchMatch:
        """A commune merged into another (a commune déléguée or associée of the COG): the
        commune it belongs to today, when that is a single one. Their population is not
        comparable with the merged commune's, so homonyms stay unresolved."""
        departement_code = self.departements.get(departement_id) if departement_id else None
        current = {
            found.id: found
            for code, dep in self.former_communes().get(search_name, [])
            if departement_code is None or dep == departement_code
            if (found := self.by_code.get((Kind.COMMUNE, code))) is not None
        }
        if not current:
            raise Unresolved(f"aucune commune nommée « {label} » dans le COG 2026")
        if len(current) > 1:
            listed = tuple(sorted(c.describe() for c in current.values()))
            raise Unresolved(
                f"« {label} » est une ancienne commune de plusieurs communes actuelles : "
                + ", ".join(listed),
                listed,
            )
        found = next(iter(current.values()))
        return FrenchMatch(
            found.kind,
            found.name,
            found.search_name,
            found.code,
            found.id,
            former_name=label.split(",")[0].strip(),
        )

    def former_communes(self) -> dict[str, list[tuple[str, str]]]:
        """Normalised name of every commune déléguée or associée -> [(current code, dép.)]."""
        if self._former is None:
            path = Path(settings.SHIPPED_DATA_DIR) / "fr_admin" / "communes.json"
            former: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for entry in json.loads(path.read_text("utf-8")):
                if entry.get("type") in FORMER_COMMUNE_TYPES and entry.get("chefLieu"):
                    former[fold_name(entry["nom"])].append(
                        (entry["chefLieu"], entry.get("departement", ""))
                    )
            self._former = dict(former)
        return self._former

    def _split_departement(self, label: str) -> tuple[str, int | None]:
        """``"Allonnes, Sarthe"`` -> ("Allonnes", id of Sarthe); other suffixes are kept."""
        head, sep, tail = label.rpartition(",")
        if sep:
            departement_id = self.departement_by_name.get(fold_name(tail))
            if departement_id is not None:
                return head.strip(), departement_id
            if fold_name(tail) == "france":
                return head.strip(), None
        return label, None

    @staticmethod
    def _match(found: Authority) -> FrenchMatch:
        return FrenchMatch(found.kind, found.name, found.search_name, found.code, found.id)

    # --- Countries and themes -----------------------------------------------------------

    def _country_labels(self) -> dict[str, str]:
        labels: dict[str, set[str]] = defaultdict(set)
        for country in self.countries.values():
            for label in (country.name_fr, country.name_en):
                labels[fold_name(label)].add(country.iso2)
        for iso2, names in _english_alternates().items():
            for label in names:
                labels[fold_name(label)].add(iso2)
        resolved = {label: next(iter(codes)) for label, codes in labels.items() if len(codes) == 1}
        resolved.update({k: v for k, v in COUNTRY_ALIASES.items() if v in self.countries})
        return resolved

    def country(self, iso2: str) -> CountryRow:
        found = self.countries.get(iso2.strip().upper())
        if found is None:
            raise Unresolved(f"code pays « {iso2} » inconnu (ISO 3166-1 alpha-2 attendu)")
        return found

    def country_by_label(self, label: str) -> CountryRow:
        """A country named in English or French (or given by its ISO alpha-2 code)."""
        text = label.strip()
        if re.fullmatch(r"[A-Z]{2}", text) and text in self.countries:
            return self.countries[text]
        iso2 = self.country_labels.get(fold_name(text))
        if iso2 is None:
            raise Unresolved(f"pays « {label} » inconnu")
        return self.countries[iso2]

    def theme_ids(self, values: list[str]) -> tuple[list[int], list[str]]:
        """The ids of the theme codes, and a French reason for each unknown one."""
        ids: list[int] = []
        problems: list[str] = []
        for value in values:
            if value in self.themes:
                ids.append(self.themes[value])
                continue
            close = difflib.get_close_matches(value, list(self.themes), n=1)
            hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
            problems.append(f"thème inconnu « {value} »{hint}")
        return ids, problems


def _country_rows() -> list[tuple[int, str, str, str]]:
    return list(Country.objects.values_list("id", "iso2", "name_fr", "name_en"))


def _english_alternates() -> dict[str, list[str]]:
    """Alternative English names shipped with the country list (``Russia``, ``Ivory Coast``)."""
    path = Path(settings.SHIPPED_DATA_DIR) / "countries" / "en.json"
    try:
        names = json.loads(path.read_text("utf-8"))["countries"]
    except (OSError, ValueError, KeyError):
        return {}
    return {iso2: value[1:] for iso2, value in names.items() if isinstance(value, list)}
