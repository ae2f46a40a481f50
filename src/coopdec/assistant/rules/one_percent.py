"""The four « 1 % » mechanisms: who may use them, the cap, the same-sector condition."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from coopdec.projectfile.model import FinancingLine, ProjectFile

from ..i18n import _
from ..params import ParameterValue, value_at
from .base import Context, rule

_PSEAU = ("pS-Eau, le 1 % eau", "https://www.pseau.org/fr/1pourcent")
_SERVICE_LABELS = {
    "eau_assainissement": "1 % eau et assainissement",
    "energie": "1 % énergie",
    "dechets": "1 % déchets",
    "mobilite": "1 % mobilité",
}


def mechanism(service: str, on: date) -> ParameterValue | None:
    """The dated parameter of a 1 % mechanism, or None if it did not exist on ``on``."""
    return value_at(f"one_percent_{service}", on)


def one_percent_base(project: ProjectFile, service: str) -> Decimal | None:
    """The base of the cap: the service budget's resources (minus versement mobilité)."""
    budgets = project.service_budgets
    if budgets is None:
        return None
    base = budgets.get(service)
    if base is None:
        return None
    if service == "mobilite" and budgets.versement_mobilite is not None:
        base = max(Decimal(0), base - budgets.versement_mobilite)
    return base


def one_percent_cap(project: ProjectFile, service: str, on: date) -> Decimal | None:
    value = mechanism(service, on)
    base = one_percent_base(project, service)
    if value is None or base is None:
        return None
    rate = Decimal(str(value.value["rate"]))
    return (base * rate).quantize(Decimal("0.01"))


def _lines(project: ProjectFile) -> list[tuple[int, FinancingLine]]:
    return [(i, f) for i, f in enumerate(project.financing) if f.source == "one_percent"]


def _none(ctx: Context) -> None:
    ctx.not_applicable(_("Sans objet : aucun financement « 1 % » dans le plan de financement."))


@rule(
    "one_percent.authority",
    title=_("Qui peut utiliser un « 1 % »"),
    description=_(
        "Les communes, EPCI et syndicats mixtes gérant le service (eau et assainissement, "
        "distribution d'électricité et de gaz, déchets ménagers) et, pour la mobilité, les "
        "autorités organisatrices de la mobilité ; chaque mécanisme n'existe qu'à partir de sa loi "
        "(eau 2005, énergie fin 2006, déchets 2014, mobilité 6 août 2021)."
    ),
    sources=[_PSEAU],
    valid_from=date(2005, 2, 9),
    parameters=tuple(f"one_percent_{s}" for s in _SERVICE_LABELS),
)
def one_percent_authority(project: ProjectFile, on: date, ctx: Context) -> None:
    lines = _lines(project)
    if not lines:
        _none(ctx)
        return
    kind = project.lead_authority.kind if project.lead_authority else None
    for index, line in lines:
        if line.service is None:
            ctx.unknown(_("Renseigner financing[%d].service.") % index)
            continue
        value = ctx.param(f"one_percent_{line.service}")
        label = _SERVICE_LABELS[line.service]
        if value is None:
            ctx.block(_("financing[%d] : le %s n'existait pas à cette date.") % (index, label))
            continue
        data: dict[str, Any] = value.value
        if kind is None:
            ctx.unknown(_("Renseigner lead_authority.kind pour savoir qui utilise le %s.") % label)
        elif kind not in data["authority_kinds"]:
            ctx.block(
                _("financing[%d] : un·e %s ne peut pas utiliser le %s (%s : réservé à %s).")
                % (index, kind, label, data["article"], ", ".join(data["authority_kinds"]))
            )
        else:
            ctx.ok(
                _("Le %s peut être mobilisé par la collectivité (%s), qui doit gérer %s.")
                % (label, data["article"], data["label"])
            )


@rule(
    "one_percent.cap",
    title=_("Plafond du « 1 % »"),
    description=_(
        "Le montant mobilisé ne dépasse pas 1 % des ressources affectées au budget du service "
        "concerné ; pour la mobilité, le versement mobilité est exclu de cette base."
    ),
    sources=[_PSEAU],
    valid_from=date(2005, 2, 9),
    parameters=tuple(f"one_percent_{s}" for s in _SERVICE_LABELS),
)
def one_percent_cap_rule(project: ProjectFile, on: date, ctx: Context) -> None:
    lines = _lines(project)
    if not lines:
        _none(ctx)
        return
    totals: dict[str, Decimal] = {}
    for index, line in lines:
        if line.service is None:
            ctx.unknown(_("Renseigner financing[%d].service.") % index)
        elif line.amount is None:
            ctx.unknown(_("Renseigner financing[%d].amount.") % index)
        else:
            totals[line.service] = totals.get(line.service, Decimal(0)) + line.amount
    for service, amount in totals.items():
        value = ctx.param(f"one_percent_{service}")
        label = _SERVICE_LABELS[service]
        if value is None:
            ctx.block(_("Le %s n'existait pas à cette date.") % label)
            continue
        vm_note = ""
        if service == "mobilite":
            vm_note = _(" (base hors versement mobilité, exclu par L1115-3)")
            budgets = project.service_budgets
            if (
                budgets is not None
                and budgets.mobilite is not None
                and budgets.versement_mobilite is None
            ):
                ctx.warn(
                    _(
                        "Le versement mobilité est exclu de la base du 1 % mobilité : indiquer "
                        "service_budgets.versement_mobilite s'il est inclus dans "
                        "service_budgets.mobilite."
                    )
                )
        cap = one_percent_cap(project, service, on)
        if cap is None:
            ctx.unknown(
                _(
                    "Renseigner service_budgets.%s (ressources du budget du service) pour "
                    "calculer le plafond du %s%s."
                )
                % (service, label, vm_note)
            )
        elif amount > cap:
            ctx.block(
                _("%s : %s € dépasse le plafond de %s € (1 %% des ressources du service%s).")
                % (label, amount, cap, vm_note)
            )
        else:
            ctx.ok(
                _("%s : %s € dans la limite de %s € (1 %% des ressources du service%s).")
                % (label, amount, cap, vm_note)
            )


@rule(
    "one_percent.same_sector",
    title=_("« 1 % » dans le même secteur"),
    description=_(
        "Les sommes du « 1 % » financent des actions du même secteur que le service (eau et "
        "assainissement, électricité et gaz, déchets ménagers, mobilité)."
    ),
    sources=[_PSEAU],
    valid_from=date(2005, 2, 9),
    parameters=tuple(f"one_percent_{s}" for s in _SERVICE_LABELS),
)
def one_percent_same_sector(project: ProjectFile, on: date, ctx: Context) -> None:
    lines = _lines(project)
    if not lines:
        _none(ctx)
        return
    for index, line in lines:
        if line.service is None:
            ctx.unknown(_("Renseigner financing[%d].service.") % index)
            continue
        value = ctx.param(f"one_percent_{line.service}")
        label = _SERVICE_LABELS[line.service]
        if value is None:
            ctx.block(_("Le %s n'existait pas à cette date.") % label)
            continue
        themes: list[str] = value.value["themes"]
        if not project.themes:
            ctx.unknown(
                _("Renseigner themes pour vérifier que le projet relève du secteur du %s.") % label
            )
        elif not set(themes) & set(project.themes):
            ctx.block(
                _(
                    "Le %s ne peut financer que des actions du même secteur (thème attendu : %s) "
                    "; thèmes du projet : %s."
                )
                % (label, ", ".join(themes), ", ".join(project.themes))
            )
        else:
            ctx.ok(_("Le projet relève du secteur du %s.") % label)
