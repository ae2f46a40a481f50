"""Build the :class:`DocumentContext` from a raw project-file mapping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coopdec.documents.financing import read_financing
from coopdec.documents.formatting import (
    format_date,
    format_duration,
    format_money,
    format_percent,
    months_between,
)
from coopdec.documents.i18n import _
from coopdec.documents.labels import (
    AUTHORITY_KINDS,
    CONVENTION_PARTY_KINDS,
    OWN_SOURCES,
    PARTNER_KIND_LABELS,
    THEME_LABELS,
)
from coopdec.documents.model import (
    Authority,
    DocumentContext,
    FrenchDate,
    Instruments,
    Money,
    Partner,
    SdgTarget,
    Theme,
)
from coopdec.documents.names import NameResolver, default_resolver
from coopdec.documents.reader import ProjectReader


def build_context(
    project: Mapping[str, Any], *, names: NameResolver | None = None, today: dt.date
) -> DocumentContext:
    """Read, resolve and format everything the documents show.

    Never raises on bad content: unusable values are left out and listed in
    ``context.problems``; :func:`coopdec.documents.requirements.check` then decides, per
    document kind, what must be supplied. ``today`` is explicit so output is reproducible.
    """
    names = names or default_resolver()
    reader = ProjectReader()
    if not isinstance(project, Mapping):
        reader.invalid("", _("le fichier projet doit être un objet (clé : valeur)"))
        project = {}
    lead_raw = reader.mapping(project, "lead_authority", "lead_authority")
    lead = _authority(reader, lead_raw, "lead_authority", names) if lead_raw else None
    co = tuple(
        a
        for i, raw in enumerate(reader.items(project, "co_authorities", "co_authorities"))
        if (a := _authority(reader, raw, f"co_authorities[{i}]", names)) is not None
    )
    budget = reader.mapping(project, "budget", "budget")
    currency = (reader.text(budget, "currency", "budget.currency") or "EUR").upper()
    if len(currency) != 3 or not currency.isalpha():
        reader.invalid("budget.currency", _("un code de devise ISO 4217 est attendu (EUR)"))
        currency = "EUR"
    total = reader.amount(budget, "total", "budget.total")
    monitoring = reader.amount(budget, "monitoring_evaluation", "budget.monitoring_evaluation")
    start = reader.date(project, "start_date", "start_date")
    end = reader.date(project, "end_date", "end_date")
    if start and end and end < start:
        reader.invalid("end_date", _("la date de fin précède la date de début"))
        end = None
    partners = _partners(reader, project, names)
    # A "partner" financing line without a name is the foreign authority's share when
    # there is only one such authority (NGOs associated to the project are not it).
    authorities = [p for p in partners if p.can_sign_convention] or list(partners)
    single_partner = authorities[0].name if len(authorities) == 1 else None
    lines = read_financing(
        reader,
        project,
        names=names,
        currency=currency,
        total=total,
        lead_name=lead.designation if lead else None,
        partner_name=single_partner,
    )

    def money(amount: Decimal | None) -> Money | None:
        return None if amount is None else Money(amount, format_money(amount, currency))

    def share(amount: Decimal | None) -> str | None:
        return format_percent(amount, total) if amount is not None and total else None

    funded = sum((line.amount.amount for line in lines), Decimal(0)) if lines else None
    own = sum((ln.amount.amount for ln in lines if ln.source in OWN_SOURCES), Decimal(0))
    gap = total - funded if total is not None and funded is not None else None
    return DocumentContext(
        today=_date(today),
        title=reader.text(project, "title", "title"),
        description=reader.text(project, "description", "description"),
        objectives=_objectives(reader, project),
        lead=lead,
        co_authorities=co,
        partners=partners,
        themes=_themes(reader, project),
        sdg_targets=_sdg_targets(reader, project, names),
        start=_date(start) if start else None,
        end=_date(end) if end else None,
        duration=format_duration(months_between(start, end)) if start and end else None,
        currency=currency,
        budget_total=money(total),
        monitoring_evaluation=money(monitoring),
        monitoring_share=share(monitoring),
        financing=lines,
        financing_total=money(funded),
        own_contribution=money(own) if own else None,
        own_share=share(own) if own else None,
        financing_gap=money(gap) if gap else None,
        instruments=_instruments(reader, project),
        problems=tuple(reader.problems),
    )


def _date(value: dt.date) -> FrenchDate:
    return FrenchDate(value, format_date(value))


def _authority(reader: ProjectReader, raw: Any, path: str, names: NameResolver) -> Authority | None:
    if not isinstance(raw, Mapping):
        reader.invalid(path, _("un objet {kind, code} est attendu"))
        return None
    kind = reader.required_text(raw, "kind", f"{path}.kind", _("type de collectivité manquant"))
    code = reader.required_text(raw, "code", f"{path}.code", _("code officiel manquant"))
    if kind is None or code is None:
        return None
    labels = AUTHORITY_KINDS.get(kind)
    if labels is None:
        reader.invalid(f"{path}.kind", _("type inconnu : {kinds}").format(kinds=_kinds()))
        return None
    official = names.authority(kind, code)
    given = reader.text(raw, "name", f"{path}.name")
    if official is None and given is None:
        reader.invalid(
            f"{path}.code",
            _("code absent du référentiel ; indiquez le nom officiel dans « name »"),
        )
        return None
    if official is not None:
        name, seat = official.name, official.seat
        # Communes and départements are named "Commune de X", "Département du Tarn";
        # EPCI names already say what they are, regions read "Région Occitanie".
        if kind in ("commune", "departement"):
            designation = f"{labels.label} {official.of_form}"
        elif kind == "region":
            designation = f"{labels.label} {official.name}"
        else:
            designation = official.name
    else:
        name = designation = given or ""
        seat = None
    executive = reader.text(raw, "executive", f"{path}.executive") or labels.executive
    feminine = designation.split(" ")[0] in _FEMININE_HEADS
    return Authority(kind, code, name, designation, labels.council, executive, seat, feminine)


# First words of designations that take "la": enough for every kind the data names.
_FEMININE_HEADS = frozenset(
    {"Commune", "Communauté", "Métropole", "Région", "Collectivité", "Eurométropole"}
)


def _kinds() -> str:
    return ", ".join(AUTHORITY_KINDS)


def _partners(
    reader: ProjectReader, project: Mapping[str, Any], names: NameResolver
) -> tuple[Partner, ...]:
    partners = []
    for i, raw in enumerate(reader.items(project, "partners", "partners")):
        path = f"partners[{i}]"
        if not isinstance(raw, Mapping):
            reader.invalid(path, _("un objet {name, country, kind} est attendu"))
            continue
        name = reader.required_text(raw, "name", f"{path}.name", _("nom du partenaire manquant"))
        code = reader.required_text(
            raw, "country", f"{path}.country", _("pays manquant (code ISO à deux lettres)")
        )
        country = names.country(code) if code else None
        if code and country is None:
            reader.invalid(f"{path}.country", _("code pays ISO 3166 alpha-2 inconnu"))
        kind = reader.text(raw, "kind", f"{path}.kind")
        if kind is not None and kind not in PARTNER_KIND_LABELS:
            reader.invalid(f"{path}.kind", _("type de partenaire inconnu"))
            kind = None
        if name and code and country:
            partners.append(
                Partner(
                    name=name,
                    country_code=code.upper(),
                    country=country,
                    kind=kind,
                    kind_label=PARTNER_KIND_LABELS.get(kind) if kind else None,
                    area=reader.text(raw, "area", f"{path}.area"),
                    can_sign_convention=kind in CONVENTION_PARTY_KINDS,
                )
            )
    return tuple(partners)


def _themes(reader: ProjectReader, project: Mapping[str, Any]) -> tuple[Theme, ...]:
    themes = []
    for i, raw in enumerate(reader.items(project, "themes", "themes")):
        label = THEME_LABELS.get(raw) if isinstance(raw, str) else None
        if label is None:
            reader.invalid(f"themes[{i}]", _("thématique inconnue"))
        else:
            themes.append(Theme(raw, label))
    return tuple(themes)


def _sdg_targets(
    reader: ProjectReader, project: Mapping[str, Any], names: NameResolver
) -> tuple[SdgTarget, ...]:
    targets = []
    for i, raw in enumerate(reader.items(project, "sdg_targets", "sdg_targets")):
        code = str(raw).strip() if isinstance(raw, str | int) else ""
        found = names.sdg_target(code) if code else None
        if found is None:
            reader.invalid(f"sdg_targets[{i}]", _("cible ODD inconnue (ex. « 6.1 »)"))
        else:
            targets.append(SdgTarget(code, found.goal, found.text))
    return tuple(targets)


def _objectives(reader: ProjectReader, project: Mapping[str, Any]) -> tuple[str, ...]:
    raw = project.get("objectives")
    if isinstance(raw, list):
        return tuple(
            text
            for i in range(len(raw))
            if (text := reader.text({"o": raw[i]}, "o", f"objectives[{i}]")) is not None
        )
    text = reader.text(project, "objectives", "objectives")
    return (text,) if text else ()


def _instruments(reader: ProjectReader, project: Mapping[str, Any]) -> Instruments:
    raw = reader.mapping(project, "instruments", "instruments")
    conv = reader.mapping(raw, "convention", "instruments.convention")
    delib = reader.mapping(raw, "deliberation", "instruments.deliberation")
    signed_on = reader.date(conv, "signed_on", "instruments.convention.signed_on")
    adopted_on = reader.date(delib, "adopted_on", "instruments.deliberation.adopted_on")
    return Instruments(
        convention_signed=reader.flag(conv, "signed", "instruments.convention.signed"),
        convention_signed_on=_date(signed_on) if signed_on else None,
        convention_transmitted=reader.flag(
            conv, "transmitted_to_prefect", "instruments.convention.transmitted_to_prefect"
        ),
        deliberation_adopted=reader.flag(delib, "adopted", "instruments.deliberation.adopted"),
        deliberation_adopted_on=_date(adopted_on) if adopted_on else None,
        twinning=_present(raw.get("twinning")),
        charter=_present(raw.get("charter")),
    )


def _present(raw: Any) -> bool:
    """Twinning and charter may be a yes/no or a small object; the documents only need to
    know whether one exists."""
    if isinstance(raw, Mapping):
        return bool(raw.get("signed", raw.get("adopted", True)))
    return raw is True
