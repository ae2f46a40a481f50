"""Which partners fall in a restricted territory on a date: one answer for the rules, the
funding finder and the documents (a blocked partner gets no convention).

The entries are the dated parameter ``restricted_areas`` (``parameters/restrictions.yaml``):
countries, place-name keywords compared without accents or case, ``since``/``until`` dates,
a status (``prohibited`` or ``caution``), a confidence and, for some, their own sources.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from coopdec.i18n import _, localised
from coopdec.projectfile import FieldError
from coopdec.projectfile.model import Partner, ProjectFile

from . import reference
from .params import ParameterValue, value_at
from .verdict import Source

PROHIBITED = "prohibited"
CAUTION = "caution"


@dataclass(frozen=True)
class RestrictionMatch:
    """A partner inside a restricted territory on a date."""

    restriction: str
    label: str
    status: str
    note: str
    confidence: str
    sources: tuple[Source, ...]


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ")


def restriction_labels() -> dict[str, str]:
    """Each restricted territory's name, in the reader's language (``territory_en``)."""
    return {
        str(r["id"]): str(localised(r, "territory"))
        for r in reference.restrictions_data()["restrictions"]
    }


def _applies(entry: dict[str, Any], on: date) -> bool:
    since, until = entry.get("since"), entry.get("until")
    return (since is None or since <= on) and (until is None or on <= until)


def partner_restrictions(
    partner: Partner, on: date, areas: ParameterValue | None = None
) -> list[RestrictionMatch]:
    """Every restriction that covers ``partner`` on ``on`` (prohibitions first)."""
    areas = areas if areas is not None else value_at("restricted_areas", on)
    if areas is None or partner.country is None:
        return []
    labels = restriction_labels()
    place = normalise(partner.area or "") + " " + normalise(partner.name or "")
    out: list[RestrictionMatch] = []
    for entry in areas.value:
        if not _applies(entry, on) or partner.country not in entry["countries"]:
            continue
        keywords = [normalise(str(k)) for k in entry["keywords"]]
        if keywords and not any(k in place for k in keywords):
            continue
        restriction = str(entry["restriction"])
        own_sources = tuple(
            Source(str(s["label"]), str(s["url"])) for s in entry.get("sources") or []
        )
        out.append(
            RestrictionMatch(
                restriction=restriction,
                label=labels.get(restriction, _("territoire sous restriction")),
                status=str(entry["status"]),
                note=str(
                    localised(entry, "note")
                    or _("vérifier les régimes de sanctions et le contexte.")
                ),
                confidence=str(entry.get("confidence", areas.confidence)),
                sources=own_sources or areas.sources,
            )
        )
    return sorted(out, key=lambda m: m.status != PROHIBITED)


def is_blocked(partner: Partner, on: date) -> bool:
    """Whether no act of cooperation is possible with this partner on ``on``."""
    return any(m.status == PROHIBITED for m in partner_restrictions(partner, on))


def blocked_partner_problems(project: ProjectFile, on: date) -> list[FieldError]:
    """One problem per partner the rules block on ``on``: no act may be written for them."""
    problems = []
    for index, partner in enumerate(project.partners):
        blocked = [m for m in partner_restrictions(partner, on) if m.status == PROHIBITED]
        if blocked:
            problems.append(
                FieldError(
                    f"partners[{index}]",
                    _(
                        "« %s » relève de « %s » : la France n'en reconnaît pas les autorités, "
                        "aucun acte de coopération ne peut être rédigé"
                    )
                    % (partner.name or partner.country, blocked[0].label),
                )
            )
    return problems


@dataclass(frozen=True)
class TerritoryPosition:
    """France's sourced position on the territory a place lies in (for the catalogue)."""

    restriction: str
    territory: str
    status: str
    position: str
    de_jure_state: str | None
    sources: tuple[str, ...]


def territory_positions(name: str, country: str, on: date) -> list[TerritoryPosition]:
    """The positions that apply to a foreign place (by name and recorded country) on ``on``.

    The same dated entries as the rules (``restricted_areas``), with the position and the
    sources of ``partner_restrictions.yaml``; country-wide cautions (sanctions, Sahel) are
    left to the rules: the catalogue flags territories, not countries.
    """
    records = {str(r["id"]): r for r in reference.restrictions_data()["restrictions"]}
    out: dict[str, TerritoryPosition] = {}
    areas = value_at("restricted_areas", on)
    keyworded = {str(e["restriction"]) for e in (areas.value if areas else []) if e.get("keywords")}
    for found in partner_restrictions(Partner(name=name, country=country), on):
        record = records.get(found.restriction)
        if record is None or found.restriction not in keyworded or found.restriction in out:
            continue
        sanctions = record.get("sanctions") or {}
        raw_sources = [
            *(record.get("sources") or []),
            *(st.get("source") for st in record.get("government_statements") or []),
            *(sanctions.get("sources") or [sanctions.get("source")]),
        ]
        out[found.restriction] = TerritoryPosition(
            restriction=found.restriction,
            territory=str(record["territory"]),
            status=found.status,
            position=str(record.get("france_position") or found.note),
            de_jure_state=str(record["de_jure_state"]) if record.get("de_jure_state") else None,
            sources=tuple(str(s) for s in raw_sources if s) or tuple(s.url for s in found.sources),
        )
    return list(out.values())
