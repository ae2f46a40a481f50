"""Official names: French authorities, countries, funding programmes, SDG targets.

Documents are legal acts, so a name must be the official one, not what the user typed.
Resolution goes through the :class:`NameResolver` protocol so tests and the Django layer
can inject their own source (the reference database); :class:`DataFileNameResolver`
reads the files shipped in ``coopdec/data`` and is the default.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from coopdec.i18n import _, english

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class AuthorityName:
    """An official name with its INSEE ``typeLiaison`` (article and elision class)."""

    name: str
    liaison: int = 0
    seat: str | None = None  # the commune where the authority sits, for "Fait à ..."

    @property
    def of_form(self) -> str:
        """The name after "de": "d'Albi", "du Tarn", "de la Réunion", "de l'Ain"."""
        article, contraction = _CONTRACTIONS.get(self.liaison, ("", "de "))
        return contraction + self.name.removeprefix(article)


# INSEE typeLiaison -> (article the name may start with, what "de" + article becomes).
_CONTRACTIONS = {
    0: ("", "de "),
    1: ("", "d'"),
    2: ("Le ", "du "),
    3: ("La ", "de la "),
    4: ("Les ", "des "),
    5: ("L'", "de l'"),
}


@dataclass(frozen=True)
class ProgramName:
    name: str
    funder: str | None = None


@dataclass(frozen=True)
class SdgTargetName:
    goal: str  # "ODD 6 : Eau propre et assainissement"
    text: str


class NameResolver(Protocol):
    """Where official names come from; every method returns ``None`` when unknown."""

    def authority(self, kind: str, code: str) -> AuthorityName | None: ...

    def country(self, iso2: str) -> str | None: ...

    def program(self, program_id: str) -> ProgramName | None: ...

    def sdg_target(self, code: str) -> SdgTargetName | None: ...


# EPCI names in the DGCL list use abbreviations a formal act spells out.
_EPCI_PREFIXES = {
    "CC ": "Communauté de communes ",
    "CA ": "Communauté d'agglomération ",
    "CU ": "Communauté urbaine ",
}


# Curators' notes inside the funding data ("(détail non lu)", "(à vérifier)") are for the
# data's readers, never for an act: they are cut from every name a document prints.
_INTERNAL_NOTE = re.compile(
    r"\s*\((?:[^()]*\b(?:non lus?|à vérifier|à confirmer|inconnue?s?|statut)\b[^()]*)\)",
    re.IGNORECASE,
)


def public_text(text: str) -> str:
    """``text`` without the curators' parenthesised notes, spaces collapsed."""
    return " ".join(_INTERNAL_NOTE.sub("", text).split())


def _public(text: str | None) -> str | None:
    return public_text(text) if text else None


def _load_json(relative: str) -> Any:
    return json.loads((DATA_DIR / relative).read_text(encoding="utf-8"))


def _load_yaml(relative: str) -> Any:
    return yaml.safe_load((DATA_DIR / relative).read_text(encoding="utf-8"))


class DataFileNameResolver:
    """Reads the reference files shipped with coopdec, each on first use, then caches it.

    The communes file is 8.6 MB: it is read only when a commune (or the seat of a
    département or région) is needed, and the cache makes the next document instant.
    """

    @functools.cached_property
    def _communes(self) -> dict[str, AuthorityName]:
        index: dict[str, AuthorityName] = {}
        for row in _load_json("fr_admin/communes.json"):
            name = AuthorityName(row["nom"], int(row.get("typeLiaison", 0)), row["nom"])
            # A commune déléguée can share the INSEE code of the current commune:
            # the current one is the legal person, so it wins.
            if row.get("type") == "commune-actuelle" or row["code"] not in index:
                index[row["code"]] = name
            if row.get("siren") and row.get("type") == "commune-actuelle":
                index[row["siren"]] = name
        return index

    @functools.cached_property
    def _epcis(self) -> dict[str, AuthorityName]:
        index: dict[str, AuthorityName] = {}
        for file in ("fr_admin/epci.json", "fr_admin/ept.json"):
            for row in _load_json(file):
                name = row["nom"]
                for short, full in _EPCI_PREFIXES.items():
                    if name.startswith(short):
                        name = full + name[len(short) :]
                index[row["code"]] = AuthorityName(name)
        return index

    def _territories(self, file: str) -> dict[str, AuthorityName]:
        index = {}
        for row in _load_json(file):
            seat = self._communes.get(row.get("chefLieu", ""))
            index[row["code"]] = AuthorityName(
                row["nom"], int(row.get("typeLiaison", 0)), seat.name if seat else None
            )
        return index

    @functools.cached_property
    def _departements(self) -> dict[str, AuthorityName]:
        return self._territories("fr_admin/departements.json")

    @functools.cached_property
    def _regions(self) -> dict[str, AuthorityName]:
        return self._territories("fr_admin/regions.json")

    @functools.cached_property
    def _countries(self) -> dict[str, str]:
        countries: dict[str, str] = _load_json("countries/fr.json")["countries"]
        return countries

    @functools.cached_property
    def _countries_en(self) -> dict[str, str]:
        # For the English half of a bilingual convention.
        countries: dict[str, str] = _load_json("countries/en.json")["countries"]
        return countries

    @functools.cached_property
    def _programs(self) -> dict[str, ProgramName]:
        data = _load_yaml("reference/funding_programs.yaml")
        return {
            row["id"]: ProgramName(public_text(row["name"]), _public(row.get("funder")))
            for row in data.get("programs", [])
            if "id" in row and "name" in row
        }

    @functools.cached_property
    def _sdg(self) -> tuple[dict[str, str], dict[str, str]]:
        return _sdg_texts("fr")

    @functools.cached_property
    def _sdg_en(self) -> tuple[dict[str, str], dict[str, str]]:
        return _sdg_texts("en")

    def authority(self, kind: str, code: str) -> AuthorityName | None:
        tables = {
            "commune": lambda: self._communes,
            "epci": lambda: self._epcis,
            "departement": lambda: self._departements,
            "region": lambda: self._regions,
        }
        table = tables.get(kind)
        return table().get(code.strip()) if table else None

    def country(self, iso2: str) -> str | None:
        countries = self._countries_en if english() else self._countries
        return countries.get(iso2.strip().upper())

    def program(self, program_id: str) -> ProgramName | None:
        return self._programs.get(program_id.strip())

    def sdg_target(self, code: str) -> SdgTargetName | None:
        goals, targets = self._sdg_en if english() else self._sdg
        goal, _dot, _rest = code.partition(".")
        text = targets.get(code.strip().replace(".", "-") + "-title")
        short = goals.get(f"{goal}-short")
        if text is None or short is None:
            return None
        label = _("ODD {goal} : {short}").format(goal=goal, short=short)
        return SdgTargetName(label, " ".join(text.split()))


def _sdg_texts(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """The SDGs' short names and their targets' texts in ``language`` (Open SDG)."""
    root = f"sdg/open-sdg-translations/{language}/"
    goals: dict[str, str] = _load_yaml(root + "global_goals.yml")
    targets: dict[str, str] = _load_yaml(root + "global_targets.yml")
    return goals, targets


@functools.cache
def default_resolver() -> DataFileNameResolver:
    """The process-wide resolver over the shipped data files (shared cache)."""
    return DataFileNameResolver()
