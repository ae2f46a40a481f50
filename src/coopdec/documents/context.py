"""Build the :class:`DocumentContext` from a parsed :class:`ProjectFile`.

The parser has already refused every wrongly typed value; what is left to report here is what
only the documents need (a partner's name, an authority the reference data does not know).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdec.documents.financing import read_financing
from coopdec.documents.formatting import (
    format_date,
    format_duration,
    format_money,
    format_percent,
    months_between,
)
from coopdec.documents.labels import (
    AUTHORITY_KIND_NAMING,
    CONVENTION_PARTY_KINDS,
    EXPENSE_LABELS,
    OWN_SOURCES,
    PARTNER_KIND_LABELS,
    THEME_LABELS,
)
from coopdec.documents.model import (
    Authority,
    BudgetCell,
    DocumentContext,
    FrenchDate,
    Instruments,
    LogframeRow,
    Money,
    Partner,
    SdgTarget,
    Theme,
)
from coopdec.documents.names import NameResolver, default_resolver
from coopdec.i18n import _
from coopdec.projectfile import FieldError, ProjectFile
from coopdec.projectfile import model as pf

LOGFRAME_KEYS = ("result", "indicator", "baseline", "target", "source")


def clean_text(value: str | None) -> str | None:
    """Whitespace collapsed (a form or a YAML block may leave line breaks); empty -> None."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def build_context(
    project: ProjectFile, *, names: NameResolver | None = None, today: dt.date
) -> DocumentContext:
    """Resolve and format everything the documents show.

    Never raises on incomplete content: what a document cannot use is left out and listed in
    ``context.problems``; :func:`coopdec.documents.requirements.check` then decides, per
    document kind, what must be supplied. ``today`` is explicit so output is reproducible.
    """
    names = names or default_resolver()
    problems: list[FieldError] = []
    lead_ref = project.lead_authority
    lead = (
        _authority(problems, lead_ref, "lead_authority", names)
        if lead_ref is not None and lead_ref != pf.AuthorityRef()
        else None
    )
    co = tuple(
        a
        for i, ref in enumerate(project.co_authorities)
        if (a := _authority(problems, ref, f"co_authorities[{i}]", names)) is not None
    )
    budget = project.budget or pf.Budget()
    # The parser accepts EUR only: the caps and ceilings of the funding data are in euros.
    currency = budget.currency or "EUR"
    total = budget.total
    monitoring = budget.monitoring_evaluation
    start, end = project.start_date, project.end_date
    partners = _partners(problems, project, names)
    # A "partner" financing line without a name is the foreign authority's share when
    # there is only one such authority (NGOs associated to the project are not it).
    authorities = [p for p in partners if p.can_sign_convention] or list(partners)
    single_partner = authorities[0].name if len(authorities) == 1 else None
    lines = read_financing(
        problems,
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
        title=clean_text(project.title),
        description=clean_text(project.description),
        objectives=tuple(t for o in project.objectives if (t := clean_text(o)) is not None),
        lead=lead,
        co_authorities=co,
        partners=partners,
        themes=_themes(problems, project),
        sdg_targets=_sdg_targets(problems, project, names),
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
        instruments=_instruments(project),
        problems=tuple(problems),
        context_text=clean_text(project.context),
        expected_results=tuple(
            t for o in project.expected_results if (t := clean_text(o)) is not None
        ),
        logframe=tuple(
            LogframeRow(*(clean_text(getattr(row, key)) or "" for key in LOGFRAME_KEYS))
            for row in project.logframe
        ),
        budget_lines=tuple(
            BudgetCell(_(EXPENSE_LABELS.get(line.category, line.category)), line.year, cell)
            for line in (project.budget.lines if project.budget else ())
            if line.category and (cell := money(line.amount)) is not None
        ),
    )


def _date(value: dt.date) -> FrenchDate:
    return FrenchDate(value, format_date(value))


def _authority(
    problems: list[FieldError], ref: pf.AuthorityRef, path: str, names: NameResolver
) -> Authority | None:
    kind, code = ref.kind, ref.code
    if kind is None:
        problems.append(FieldError(f"{path}.kind", _("type de collectivité manquant")))
    if code is None:
        problems.append(FieldError(f"{path}.code", _("code officiel manquant")))
    if kind is None or code is None:
        return None
    labels = AUTHORITY_KIND_NAMING[kind]
    official = names.authority(kind, code)
    given = clean_text(ref.name)
    if official is None and given is None:
        problems.append(
            FieldError(
                f"{path}.code",
                _("code absent du référentiel ; indiquez le nom officiel dans « name »"),
            )
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
    feminine = designation.split(" ")[0] in _FEMININE_HEADS
    return Authority(
        kind, code, name, designation, _(labels.council), _(labels.executive), seat, feminine
    )


# First words of designations that take "la": enough for every kind the data names.
_FEMININE_HEADS = frozenset(
    {"Commune", "Communauté", "Métropole", "Région", "Collectivité", "Eurométropole"}
)


def _partners(
    problems: list[FieldError], project: ProjectFile, names: NameResolver
) -> tuple[Partner, ...]:
    partners = []
    for i, raw in enumerate(project.partners):
        path = f"partners[{i}]"
        name = clean_text(raw.name)
        if name is None:
            problems.append(FieldError(f"{path}.name", _("nom du partenaire manquant")))
        code = raw.country
        if code is None:
            problems.append(
                FieldError(f"{path}.country", _("pays manquant (code ISO à deux lettres)"))
            )
        country = names.country(code) if code else None
        if code and country is None:
            problems.append(FieldError(f"{path}.country", _("code pays ISO 3166 alpha-2 inconnu")))
        kind = raw.kind
        if name and code and country:
            partners.append(
                Partner(
                    name=name,
                    country_code=code.upper(),
                    country=country,
                    kind=kind,
                    kind_label=_(PARTNER_KIND_LABELS.get(kind, kind)) if kind else None,
                    area=clean_text(raw.area),
                    can_sign_convention=kind in CONVENTION_PARTY_KINDS,
                    commitment=clean_text(raw.commitment),
                )
            )
    return tuple(partners)


def _themes(problems: list[FieldError], project: ProjectFile) -> tuple[Theme, ...]:
    themes = []
    for i, code in enumerate(project.themes):
        label = THEME_LABELS.get(code)
        if label is None:
            problems.append(FieldError(f"themes[{i}]", _("thématique inconnue")))
        else:
            themes.append(Theme(code, _(label)))
    return tuple(themes)


def _sdg_targets(
    problems: list[FieldError], project: ProjectFile, names: NameResolver
) -> tuple[SdgTarget, ...]:
    targets = []
    for i, code in enumerate(project.sdg_targets):
        found = names.sdg_target(code)
        if found is None:
            problems.append(FieldError(f"sdg_targets[{i}]", _("cible ODD inconnue (ex. « 6.1 »)")))
        else:
            targets.append(SdgTarget(code, found.goal, found.text))
    return tuple(targets)


def _instruments(project: ProjectFile) -> Instruments:
    # A yes/no left out reads as no: the documents only mention what is done.
    raw = project.instruments or pf.Instruments()
    conv = raw.convention or pf.Convention()
    delib = raw.deliberation or pf.Deliberation()
    return Instruments(
        convention_signed=conv.signed is True,
        convention_signed_on=_date(conv.signed_on) if conv.signed_on else None,
        convention_transmitted=conv.transmitted_to_prefect is True,
        deliberation_adopted=delib.adopted is True,
        deliberation_adopted_on=_date(delib.adopted_on) if delib.adopted_on else None,
        twinning=raw.twinning is True,
        charter=raw.charter is True,
    )
